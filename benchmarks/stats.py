"""Medians and spreads over runs, so one noisy page load does not decide a number."""

import statistics
from collections.abc import Iterable
from dataclasses import dataclass


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
