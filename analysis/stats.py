"""Shared statistics: seeded bootstrap intervals and agreement with hand coding."""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import pandas as pd

DEFAULT_SEED = 20251120  # the announcement's date: any fixed number makes reruns match
DEFAULT_N_BOOT = 5000


def bootstrap_ci(
    values: Sequence[float],
    statistic: Callable[[np.ndarray], float] = np.mean,
    *,
    n_boot: int = DEFAULT_N_BOOT,
    level: float = 0.95,
    seed: int = DEFAULT_SEED,
) -> tuple[float, float, float]:
    """Percentile bootstrap: (estimate, low, high) of ``statistic`` over ``values``.

    Resamples the values (e.g. an article's sentences) with replacement
    ``n_boot`` times with a fixed seed, so the interval is identical on every
    run. Returns NaNs for an empty input; a single value gives a zero-width
    interval. Resamples on which ``statistic`` is undefined (returns NaN, e.g.
    a correlation of constant values) are left out of the interval.
    """
    x = np.asarray(values, dtype=float)
    if x.size == 0:
        return (float("nan"),) * 3
    estimate = float(statistic(x))
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, x.size, size=(n_boot, x.size))
    boots = np.apply_along_axis(statistic, 1, x[idx]) if statistic is not np.mean else x[idx].mean(axis=1)
    alpha = (1 - level) / 2
    low, high = np.nanquantile(boots, [alpha, 1 - alpha])  # a statistic undefined on a resample (NaN) is left out
    return estimate, float(low), float(high)


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
