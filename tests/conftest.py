"""Shared fixtures: project paths, and NLTK data made findable for every test."""
from __future__ import annotations

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
