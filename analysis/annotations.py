"""Hand-coded labels: reading them and checking they still fit the sentence table.

The sentiment, framing and claims notebooks each validate against labels in
``data/annotations/``. Labels are keyed by ``sentence_id`` and carry the text
that was coded, so if the corpus or the sentence splitter changes, the labels
are refused as stale instead of being silently compared with other sentences.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd


def same_text(a: str, b: str) -> bool:
    """Equal after Unicode normalisation and whitespace folding."""
    norm = lambda s: re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(s))).strip()  # noqa: E731
    return norm(a) == norm(b)


def read_annotations(
    path: str | Path,
    sentences: pd.DataFrame,
    labels: Mapping[str, Sequence[str]],
    *,
    skip_uncoded: str | None = None,
) -> pd.DataFrame | None:
    """Read a label file and check it against ``sentences`` (``sentence_id``, ``text``).

    ``labels`` maps each label column to its allowed values; values are
    stripped and lower-cased. Rows whose ``skip_uncoded`` column is empty are
    not yet coded and are left out. Returns None if the file does not exist;
    raises ValueError naming the file for missing columns, unknown labels,
    duplicate ids, or stale rows (an id not in the sentence table, or text that
    differs from it). Rows come back in the sentence table's order.
    """
    path = Path(path)
    if not path.exists():
        return None
    coded = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"sentence_id", "text", *labels} - set(coded.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    for column in labels:
        coded[column] = coded[column].str.strip().str.lower()
    if skip_uncoded:
        coded = coded.loc[coded[skip_uncoded] != ""]
    for column, allowed in labels.items():
        bad = sorted(set(coded[column]) - set(allowed))
        if bad:
            raise ValueError(f"{path}: column {column!r} has unknown labels {bad}; expected {list(allowed)}")
    dupes = coded.loc[coded["sentence_id"].duplicated(), "sentence_id"].tolist()
    if dupes:
        raise ValueError(f"{path}: sentence ids coded twice: {dupes[:5]}")
    known = sentences.set_index("sentence_id")["text"]
    unknown = [s for s in coded["sentence_id"] if s not in known.index]
    if unknown:
        raise ValueError(f"{path} is stale: {len(unknown)} sentence id(s) are not in the sentence table "
                         f"(first: {unknown[:3]}); the corpus or the sentence splitting changed after coding.")
    differs = [s for s, t in zip(coded["sentence_id"], coded["text"]) if not same_text(t, known[s])]
    if differs:
        raise ValueError(f"{path} is stale: the text of {len(differs)} coded sentence(s) differs from the "
                         f"sentence table (first: {differs[:3]}); re-code them or re-ingest.")
    order = {sid: i for i, sid in enumerate(sentences["sentence_id"])}
    return coded.sort_values("sentence_id", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
