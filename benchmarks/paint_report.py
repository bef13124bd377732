"""make bench-paint's markdown: the host page's DCL and FCP against no banner, with
confidence intervals, and the verdict each interval allows. Pure."""

from .host_pages import CONTROLS, LABELS, NONE, OUR_VARIANTS, VANILLA
from .page_report import cell
from .page_targets import HOST_PAGE_SLACK
from .stats import Ratio, median_ratio, summarize

PAINT_VARIANTS = (NONE, *CONTROLS.values(), *OUR_VARIANTS, VANILLA)
METRICS = (("dcl", "DCL"), ("fcp", "FCP"))
# (variant, rate) -> metric -> ms per round, None where that round's load failed
Samples = dict[tuple[str, float], dict[str, list[float | None]]]
MIN_LOADS = 30


def judge(ratio: Ratio, limit: float = HOST_PAGE_SLACK) -> str:
    """What the interval shows about ``ratio ≤ limit``: met, not met, or neither. A
    bootstrap of a few loads claims far more than they show, so it judges nothing."""
    if ratio.pairs < MIN_LOADS:
        return f"not judged (fewer than {MIN_LOADS} loads)"
    if ratio.high <= limit:
        return "met"
    if ratio.low > limit:
        return "**not met**"
    return "not resolved (the interval spans the limit)"


def interval(ratio: Ratio | None) -> str:
    if ratio is None:
        return "–"
    return f"{ratio.estimate:.2f}× ({ratio.low:.2f}–{ratio.high:.2f})"


def ratio_of(samples: Samples, variant: str, base: str, rate: float, metric: str) -> Ratio | None:
    ours, other = (samples.get((v, rate), {}).get(metric, []) for v in (variant, base))
    return median_ratio(ours, other) if len(ours) == len(other) else None


Ratios = dict[tuple[str, float, str], Ratio | None]  # (variant, rate, metric) -> to no banner


def to_no_banner(samples: Samples, rates: tuple[float, ...]) -> Ratios:
    """Each variant's ratios to the no-banner page, bootstrapped once for the table and
    the targets."""
    return {
        (variant, rate, metric): ratio_of(samples, variant, NONE, rate, metric)
        for variant in PAINT_VARIANTS
        if variant != NONE
        for rate in rates
        for metric, _ in METRICS
    }


def table(samples: Samples, ratios: Ratios, rates: tuple[float, ...]) -> str:
    head = ["page", "CPU", "loads"]
    for _, name in METRICS:
        head += [f"{name} (ms)", f"{name} ÷ no banner"]
    lines = ["| " + " | ".join(head) + " |", "|---|---|" + "---:|" * (len(head) - 2)]
    for rate in rates:
        for variant in PAINT_VARIANTS:
            measured = samples.get((variant, rate), {})
            cells = [str(sum(v is not None for v in measured.get("fcp", [])))]
            for metric, _ in METRICS:
                cells.append(cell(summarize(measured.get(metric, [])), 1, 0))
                cells.append("1" if variant == NONE else interval(ratios[(variant, rate, metric)]))
            lines.append(f"| {LABELS[variant]} | {rate:g}× | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict_lines(ratios: Ratios, rates: tuple[float, ...]) -> list[str]:
    """Issue 13's host-page targets, for both of ours."""
    lines = []
    for variant in OUR_VARIANTS:
        for rate in rates:
            for metric, name in METRICS:
                ratio = ratios[(variant, rate, metric)]
                found = "not measured" if ratio is None else f"{interval(ratio)} — {judge(ratio)}"
                target = f"host page {name}, cold, {rate:g}× CPU ≤ {HOST_PAGE_SLACK}× no banner"
                lines.append(f"- {LABELS[variant]}: {target}: {found}")
    return lines


def control_lines(samples: Samples, rates: tuple[float, ...]) -> list[str]:
    """Each of ours against an empty async script from the same place."""
    lines = []
    for variant in OUR_VARIANTS:
        for rate in rates:
            for metric, name in METRICS:
                found = interval(ratio_of(samples, variant, CONTROLS[variant], rate, metric))
                control = LABELS[CONTROLS[variant]]
                lines.append(f"- {LABELS[variant]} ÷ {control}, {name} at {rate:g}×: {found}")
    return lines


def section(about: list[str], samples: Samples, rates: tuple[float, ...]) -> str:
    """The whole ``paint`` section of ``benchmarks/results.md``."""
    ratios = to_no_banner(samples, rates)
    return (
        "\n\n".join(
            [
                "# The host page's first paint, well powered",
                "\n".join(f"- {line}" for line in about),
                "Median (interquartile range) over the loads. Ratios: the median over the "
                "rounds of each load's time over the no-banner page's in the same round, "
                "with a 95% bootstrap interval over the rounds (9,999 resamples). "
                f"{LABELS[VANILLA]} is shown for scale.\n\n" + table(samples, ratios, rates),
                "Targets (issue 13; met only if the whole interval is within the limit, "
                "not met only if all of it is past):\n\n" + "\n".join(verdict_lines(ratios, rates)),
                "What the banner costs beyond any async script from the same place "
                "(ours ÷ its control, paired the same way):\n\n"
                + "\n".join(control_lines(samples, rates)),
            ]
        )
        + "\n"
    )
