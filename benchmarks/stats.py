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
    """The median of paired ratios, with a bootstrap confidence interval."""

    estimate: float
    low: float
    high: float
    pairs: int


def median_ratio(
    ours: Sequence[float | None],
    base: Sequence[float | None],
    confidence: float = 0.95,
    seed: int = 13,
) -> Ratio | None:
    """The median of ours[i] / base[i] over the rounds both were measured in, with a
    percentile bootstrap interval over those rounds (first paints fall on frames,
    and BCa's jackknife breaks on ties); None below two rounds.

    Paired, because a round loads every variant in turn: the machine's load,
    which drifts by more than 5% over minutes, is then shared by both loads.
    """
    pairs = [(o, b) for o, b in zip(ours, base, strict=True) if None not in (o, b)]
    ratios = np.array([o / b for o, b in pairs])
    if len(ratios) < 2:
        return None
    found = bootstrap(
        (ratios,),
        np.median,
        vectorized=True,
        confidence_level=confidence,
        n_resamples=9999,
        method="percentile",
        rng=np.random.default_rng(seed),
    )
    interval = found.confidence_interval
    return Ratio(float(np.median(ratios)), float(interval.low), float(interval.high), len(ratios))
