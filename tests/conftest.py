"""Shared fixtures: project paths, and NLTK data made findable for every test."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis import config
from analysis.nltk_data import activate


@pytest.fixture(autouse=True, scope="session")
def _nltk_data():
    """Tests use the project's offline NLTK data (built by `make nltk-data`)."""
    activate()


@pytest.fixture(scope="session")
def root():
    return config.PROJECT_ROOT


@pytest.fixture(scope="session")
def raw_dir():
    return config.RAW_DIR


FIXTURE_LEXICONS = Path(__file__).parent / "fixtures" / "lexicons"


@pytest.fixture()
def fixture_lexicons(monkeypatch):
    """Point the rule tests at the small frozen lexicons in tests/fixtures/lexicons.

    Editing a shipped lexicon (a classroom exercise) then changes the notebooks'
    results but cannot break `make test-fast`. Framing's default cue list and
    attribution's default word lists are swapped for the fixtures.
    """
    from analysis import attribution, framing

    lexicon = framing.load_cues(FIXTURE_LEXICONS / "framing_cues.csv")
    monkeypatch.setattr(framing, "_default_lexicon", lambda: lexicon)
    monkeypatch.setattr(attribution, "ATTRIBUTION_CSV", FIXTURE_LEXICONS / "attribution.csv")
    monkeypatch.setattr(attribution, "SPEECH_VERBS_CSV", FIXTURE_LEXICONS / "speech_verbs.csv")
    return FIXTURE_LEXICONS
