"""Issue 6's targets, judged on the medians of one side-by-side run. Pure."""

from dataclasses import dataclass

from .host_pages import NONE, OURS, OURS_SAME_SITE, VANILLA
from .stats import Summary

Results = dict[tuple[str, float], dict[str, Summary | None]]  # (variant, CPU rate) -> metric

KB = 1000
FIRST_VISIT_BUDGET = 120 * KB
REPEAT_VISIT_BUDGET = 2 * KB
HOST_PAGE_SLACK = 1.05
LONG_TASK_MS = 50
# Where our banner comes from decides when Chromium runs it (host_pages.OURS_SAME_SITE):
# the targets on timing are judged for both.
SITES = ((OURS, ""), (OURS_SAME_SITE, " (same site)"))


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    passed: bool | None  # None: a number it needs was not measured


def ratio_verdict(
    target: str, results: Results, metric: str, rate: float, base: str, limit: float, variant=OURS
):
    """Ours (``variant``) against ``base`` (vanilla or no banner): median ratio at most
    ``limit``."""
    ours, other = results[(variant, rate)].get(metric), results[(base, rate)].get(metric)
    if ours is None or other is None or other.median <= 0:
        return Verdict(target, "not measured", None)
    ratio = ours.median / other.median
    measured = f"{ours.median:.0f} ms vs {other.median:.0f} ms = {ratio:.2f}×"
    return Verdict(target, measured, ratio <= limit)


def limit_verdict(target: str, summary: Summary | None, limit: float, unit: str = "ms"):
    """Ours at most ``limit``."""
    if summary is None:
        return Verdict(target, "not measured", None)
    return Verdict(target, f"{summary.median:,.0f} {unit}", summary.median <= limit)


def lighthouse_verdicts(results: Results, rate: float) -> list[Verdict]:
    ours, bare = results[(OURS, rate)].get("lh_score"), results[(NONE, rate)].get("lh_score")
    target = "5. Lighthouse mobile score ≥ no banner's − 1"
    if ours is None or bare is None:
        score = Verdict(target, "not measured", None)
    else:
        measured = f"{ours.median:.0f} vs {bare.median:.0f}"
        score = Verdict(target, measured, ours.median >= bare.median - 1)
    tbt = limit_verdict("5. Lighthouse TBT ≤ 50 ms", results[(OURS, rate)].get("lh_tbt"), 50)
    return [score, tbt]


def blocking_verdicts(results: Results, rates: tuple[float, ...]) -> list[Verdict]:
    """Issue 13's main-thread targets: long tasks, blocking time, the answer to a press."""
    found = []
    for rate in rates:
        limit = LONG_TASK_MS if rate == 1 else 2 * LONG_TASK_MS
        found.append(
            limit_verdict(
                f"6. first visit, {rate:g}× CPU: longest task once Accept all shows ≤ {limit} ms",
                results[(OURS, rate)].get("longest_shown"),
                limit,
            )
        )
    found.append(
        limit_verdict(
            "6. returning visitor, 1× CPU: longest task ≤ 50 ms",
            results[(OURS, 1)].get("longest_returning"),
            LONG_TASK_MS,
        )
    )
    ours, other = (results[(v, 4)].get("tbt_returning") for v in (OURS, VANILLA))
    target = "6. returning visitor, 4× CPU: blocking time ≤ vanilla's + 50 ms"
    if ours is None or other is None:
        found.append(Verdict(target, "not measured", None))
    else:
        measured = f"{ours.median:.0f} ms vs {other.median:.0f} ms"
        found.append(Verdict(target, measured, ours.median <= other.median + LONG_TASK_MS))
    found.append(
        limit_verdict(
            "6. press on the painted Accept all, 4× CPU: answered ≤ 100 ms",
            results[(OURS, 4)].get("press"),
            100,
        )
    )
    return found


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
    for variant, where in SITES:
        for rate in rates:
            for metric, name in (("dcl", "DCL"), ("fcp", "FCP")):
                found.append(
                    ratio_verdict(
                        f"2. host page {name}, cold, {rate:g}× CPU ≤ 1.05× no banner{where}",
                        results,
                        metric,
                        rate,
                        NONE,
                        HOST_PAGE_SLACK,
                        variant,
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
    for variant, where in SITES:
        for rate in rates:
            found.append(
                ratio_verdict(
                    f"4. returning visitor, {rate:g}× CPU: consented script ≤ 1.0× vanilla{where}",
                    results,
                    "consented",
                    rate,
                    VANILLA,
                    1.0,
                    variant,
                )
            )
    found += blocking_verdicts(results, rates)
    if 4 in rates:
        found += lighthouse_verdicts(results, 4)
    return found
