"""Shared fixtures: project paths, NLTK data made findable for every test, and the
hostile-input run that the notebook and browser tests both inspect."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from analysis import config
from analysis.nltk_data import activate

ROOT = config.PROJECT_ROOT
VENV = Path(os.environ["VIRTUAL_ENV"]) if os.environ.get("VIRTUAL_ENV") else ROOT / ".venv"

HOSTILE = [
    "<script>document.documentElement.setAttribute('data-pwned','script')</script>",
    "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">",
    "<iframe src=\"javascript:document.documentElement.setAttribute('data-pwned','iframe')\"></iframe>",
]
"""Markup an article may carry; no page may run it."""

MATH_BAIT = r"Backers put the cost between $2 billion and $3 billion, or $$5 billion \(at most\) \[later\]."
"""Text that a math typesetter would eat: it must read the same in every page."""


def make(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE") and k != "MFLAGS"}
    result = subprocess.run(["make", "--no-print-directory", f"VENV={VENV}", *args], cwd=cwd, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"make {' '.join(args)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return result


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


@pytest.fixture(scope="session")
def hostile_run(tmp_path_factory):
    """Every notebook run on a corpus whose articles carry markup and math delimiters."""
    corpus = tmp_path_factory.mktemp("hostile")
    (corpus / "attack.txt").write_text(
        f"Title: Stadium {HOSTILE[0]} vote\nOutlet: Evil {HOSTILE[1]} Times\n\n"
        f"The council voted {HOSTILE[0]} to approve the $2 billion stadium on March 3, 2026.\n"
        f"Critics said {HOSTILE[1]} the cost could rise 40%, according to reports.\n"
        f"Mayor Dana Ortiz said the plan is \"{HOSTILE[2]} the best investment ever.\"\n"
        f"{MATH_BAIT}\n",
        encoding="utf-8")
    (corpus / "plain.txt").write_text(
        "The stadium vote passed 7-2 on Tuesday. Backers expect a game-changing boost for the waterfront.\n"
        "Skeptics point to past overruns and unclear financing.\n", encoding="utf-8")
    make(f"CORPUS={corpus}")
    return corpus, ROOT / "build" / "corpora" / corpus.name


def committed_claims() -> tuple:
    """The committed seed sentences and claims, and the claims with only their slot-file groups kept
    (the automatic groups cleared, ready for ``auto_group``): ``(sentences, claims, fresh)``."""
    from analysis.io import read_table

    processed = config.PROJECT_ROOT / "data" / "processed"
    sentences = read_table(processed, "sentences")
    claims = read_table(processed, "claims").fillna({"group_id": "", "group_origin": ""})
    slot = claims["group_origin"] == "slot file"
    fresh = claims.assign(group_id=claims["group_id"].where(slot, ""), group_origin=claims["group_origin"].where(slot, ""))
    return sentences, claims, fresh
