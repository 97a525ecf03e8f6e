"""Validation against hand coding: reading the labels, and one agreement table.

The sentiment, framing and claims notebooks each validate against labels in
``data/annotations/``. Labels are keyed by ``sentence_id`` and carry the text
that was coded, so if the corpus or the sentence splitter changes, the labels
are refused as stale instead of being silently compared with other sentences
(:func:`read_annotations`).

Every stage reports agreement in one schema, :func:`agreement_table`: one row
per method with ``method, n, accuracy, macro_f1, kappa``; the confusion
matrices and per-label scores come back beside it, keyed by method.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

AGREEMENT_COLUMNS = ["method", "n", "accuracy", "macro_f1", "kappa"]


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


def agreement(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict:
    """Agreement of a method with hand coding.

    Returns a dict with ``n``, ``accuracy``, ``macro_f1``, ``kappa`` (Cohen's),
    ``per_label`` (precision/recall/F1 per label, a DataFrame) and
    ``confusion`` (a DataFrame: rows are the hand codes, columns the method).
    Computed with scikit-learn.
    """
    from sklearn.metrics import cohen_kappa_score, confusion_matrix, f1_score, precision_recall_fscore_support

    gold, predicted, labels = list(gold), list(predicted), list(labels)
    if len(gold) != len(predicted):
        raise ValueError(f"gold has {len(gold)} labels but predicted has {len(predicted)}")
    if not gold:
        raise ValueError("no labels to compare")
    cm = confusion_matrix(gold, predicted, labels=labels)
    p, r, f, s = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=0)
    return {
        "n": len(gold),
        "accuracy": float(np.mean(np.array(gold) == np.array(predicted))),
        "macro_f1": float(f1_score(gold, predicted, labels=labels, average="macro", zero_division=0)),
        "kappa": float(cohen_kappa_score(gold, predicted, labels=labels)),
        "per_label": pd.DataFrame({"label": labels, "precision": p, "recall": r, "f1": f, "support": s}),
        "confusion": pd.DataFrame(cm, index=pd.Index(labels, name="hand code"),
                                  columns=pd.Index(labels, name="method")),
    }


def agreement_table(
    gold: Sequence[str] | Mapping[str, Sequence[str]],
    predicted: Mapping[str, Sequence[str]],
    labels: Sequence[str] | Mapping[str, Sequence[str]],
) -> tuple[pd.DataFrame, dict[str, dict]]:
    """Agreement of each method in ``predicted`` ({name: labels}) with the hand codes ``gold``.

    ``gold`` and ``labels`` are shared by every method, or given per method
    (a mapping with the same names) when the methods code different things.
    Returns ``(table, details)``: ``table`` has the columns
    :data:`AGREEMENT_COLUMNS` (method, n, accuracy, macro_f1, kappa), one row
    per method in the given order; ``details[method]`` is the full
    :func:`agreement` result, with the ``confusion`` matrix and ``per_label`` scores.
    """
    def pick(x, name):
        return x[name] if isinstance(x, Mapping) else x

    details = {name: agreement(pick(gold, name), pred, pick(labels, name)) for name, pred in predicted.items()}
    rows = [{"method": name, **{k: res[k] for k in AGREEMENT_COLUMNS[1:]}} for name, res in details.items()]
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS), details
