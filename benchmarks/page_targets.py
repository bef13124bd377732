"""Issue 6's targets, judged on the medians of one side-by-side run. Pure."""

from dataclasses import dataclass

from .host_pages import NONE, OURS, VANILLA
from .stats import Summary

Results = dict[tuple[str, float], dict[str, Summary | None]]  # (variant, CPU rate) -> metric

KB = 1000
FIRST_VISIT_BUDGET = 120 * KB
REPEAT_VISIT_BUDGET = 2 * KB
HOST_PAGE_SLACK = 1.05


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    passed: bool | None  # None: a number it needs was not measured


def ratio_verdict(target: str, results: Results, metric: str, rate: float, base: str, limit: float):
    """Ours against ``base`` (vanilla or no banner): median ratio at most ``limit``."""
    ours, other = results[(OURS, rate)].get(metric), results[(base, rate)].get(metric)
    if ours is None or other is None or other.median <= 0:
        return Verdict(target, "not measured", None)
    ratio = ours.median / other.median
    measured = f"{ours.median:.0f} ms vs {other.median:.0f} ms = {ratio:.2f}×"
    return Verdict(target, measured, ratio <= limit)


def budget_verdict(target: str, summary: Summary | None, budget: float) -> Verdict:
    if summary is None:
        return Verdict(target, "not measured", None)
    return Verdict(target, f"{summary.median / KB:,.1f} KB", summary.median <= budget)


def verdicts(results: Results, rates: tuple[float, ...]) -> list[Verdict]:
    """Every target with its measured value; rates other than 4× add their own lines."""
    found = [
        ratio_verdict(
            "1. time to visible banner, cold cache, 4× CPU ≤ 1.0× vanilla",
            results,
            "visible_cold",
            4,
            VANILLA,
            1.0,
        )
    ]
    for rate in rates:
        for metric, name in (("dcl", "DCL"), ("fcp", "FCP")):
            found.append(
                ratio_verdict(
                    f"2. host page {name}, cold, {rate:g}× CPU ≤ 1.05× no banner",
                    results,
                    metric,
                    rate,
                    NONE,
                    HOST_PAGE_SLACK,
                )
            )
    shifts = [results[(OURS, rate)].get("cls") for rate in rates]
    if None in shifts:
        found.append(Verdict("2. CLS 0 (worst run)", "not measured", None))
    else:
        worst = max(s.high for s in shifts)
        found.append(Verdict("2. CLS 0 (worst run, first visits)", f"{worst:.4f}", worst == 0))
    bytes_at = results[(OURS, rates[0])]
    found.append(
        budget_verdict(
            "3. first visit: banner ≤ 120 KB transferred",
            bytes_at.get("bytes_banner_cold"),
            FIRST_VISIT_BUDGET,
        )
    )
    found.append(
        budget_verdict(
            "3. repeat visit: banner ≤ 2 KB transferred",
            bytes_at.get("bytes_banner_warm"),
            REPEAT_VISIT_BUDGET,
        )
    )
    for rate in rates:
        found.append(
            ratio_verdict(
                f"4. returning visitor, {rate:g}× CPU: consented script ≤ 1.0× vanilla",
                results,
                "consented",
                rate,
                VANILLA,
                1.0,
            )
        )
    return found
