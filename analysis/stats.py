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
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, x.size, size=(n_boot, x.size))
    boots = np.apply_along_axis(statistic, 1, x[idx]) if statistic is not np.mean else x[idx].mean(axis=1)
    alpha = (1 - level) / 2
    low, high = np.nanquantile(boots, [alpha, 1 - alpha])  # a statistic undefined on a resample (NaN) is left out
    return estimate, float(low), float(high)
