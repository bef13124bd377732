"""Medians and spreads over runs, so one noisy page load does not decide a number."""

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import bootstrap


@dataclass(frozen=True)
class Summary:
    """The median of a metric over runs, its interquartile range and extremes."""

    median: float
    q1: float
    q3: float
    low: float
    high: float
    count: int


def summarize(values: Iterable[float | None]) -> Summary | None:
    """Summary of the measured values; None (not measured in that run) is left out."""
    measured = sorted(v for v in values if v is not None)
    if not measured:
        return None
    if len(measured) == 1:
        q1 = q3 = measured[0]
    else:
        q1, _, q3 = statistics.quantiles(measured, n=4, method="inclusive")
    return Summary(
        median=statistics.median(measured),
        q1=q1,
        q3=q3,
        low=measured[0],
        high=measured[-1],
        count=len(measured),
    )


@dataclass(frozen=True)
class Ratio:
    """One sample's median over another's, with a bootstrap confidence interval."""

    estimate: float
    low: float
    high: float


def _median_ratio(ours, base, axis=-1):
    return np.median(ours, axis=axis) / np.median(base, axis=axis)


def median_ratio(
    ours: Sequence[float], base: Sequence[float], confidence: float = 0.95, seed: int = 13
) -> Ratio:
    """median(ours) / median(base), each sample resampled on its own (percentile
    bootstrap: first paints fall on frames, and BCa's jackknife breaks on ties)."""
    found = bootstrap(
        (np.asarray(ours, float), np.asarray(base, float)),
        _median_ratio,
        vectorized=True,
        paired=False,
        confidence_level=confidence,
        n_resamples=9999,
        method="percentile",
        rng=np.random.default_rng(seed),
    )
    interval = found.confidence_interval
    return Ratio(float(_median_ratio(ours, base)), float(interval.low), float(interval.high))
