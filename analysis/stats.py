"""Shared statistics: seeded bootstrap intervals (agreement with hand coding is in analysis.validation)."""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

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
    idx = bootstrap_indices(x.size, n_boot, seed)
    boots = np.apply_along_axis(statistic, 1, x[idx]) if statistic is not np.mean else x[idx].mean(axis=1)
    return (estimate, *percentile_interval(boots, level))


def bootstrap_indices(n: int, n_boot: int = DEFAULT_N_BOOT, seed: int = DEFAULT_SEED) -> np.ndarray:
    """The resamples of :func:`bootstrap_ci`: an ``n_boot`` x ``n`` array of indices drawn with a fixed seed."""
    return np.random.default_rng(seed).integers(0, n, size=(n_boot, n))


def percentile_interval(boots: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    """The percentile interval of bootstrap statistics; resamples where the statistic is undefined (NaN) are left out."""
    alpha = (1 - level) / 2
    low, high = np.nanquantile(boots, [alpha, 1 - alpha])
    return float(low), float(high)
