"""The page benchmark's markdown: result tables, bundle sizes, verdicts. Pure."""

from .host_pages import LABELS, VARIANTS
from .page_targets import KB, Results, Verdict
from .stats import Summary

# (metric, column heading, scale, decimals)
TIMES = (
    ("visible_cold", "Accept all visible, first visit (ms)", 1, 0),
    ("visible_warm", "… repeat visit (ms)", 1, 0),
    ("dcl", "DCL (ms)", 1, 0),
    ("fcp", "FCP (ms)", 1, 0),
    ("cls", "CLS", 1, 3),
    ("consented", "consented script ran, returning visitor (ms)", 1, 0),
)
BLOCKING = (
    ("longest_shown", "longest task after Accept all visible, first visit (ms)", 1, 0),
    ("tbt_shown", "… total blocking time (ms)", 1, 0),
    ("longest_returning", "longest task, returning visitor (ms)", 1, 0),
    ("tbt_returning", "… total blocking time (ms)", 1, 0),
)
# A first visit whose "Accept all" is pressed the moment it shows: what the visitor pays.
PRESS = (
    ("press", "press on Accept all to visible answer (ms)", 1, 0),
    ("press_saved", "… to the choice stored in cc_cookie (ms)", 1, 0),
    ("longest_press", "longest task from the press until the page is quiet (ms)", 1, 0),
    ("tbt_press", "… total blocking time (ms)", 1, 0),
)
LIGHTHOUSE = (
    ("lh_score", "Lighthouse mobile score", 1, 0),
    ("lh_tbt", "Lighthouse TBT (ms)", 1, 0),
    ("lh_lcp", "Lighthouse LCP (ms)", 1, 0),
)
TRANSFERS = (
    ("bytes_total_cold", "page total, first visit (KB)", KB, 1),
    ("bytes_banner_cold", "banner, first visit (KB)", KB, 1),
    ("bytes_total_warm", "page total, repeat visit (KB)", KB, 1),
    ("bytes_banner_warm", "banner, repeat visit (KB)", KB, 1),
)


def cell(summary: Summary | None, scale: float, decimals: int) -> str:
    """Median with the interquartile range; "–" where the variant has no such number."""
    if summary is None:
        return "–"
    median, q1, q3 = (value / scale for value in (summary.median, summary.q1, summary.q3))
    if round(q1, decimals) == round(q3, decimals):
        return f"{median:,.{decimals}f}"
    return f"{median:,.{decimals}f} ({q1:,.{decimals}f}–{q3:,.{decimals}f})"


def table(results: Results, rates: tuple[float, ...], columns: tuple) -> str:
    head = ["page", "CPU"] + [title for _, title, _, _ in columns]
    lines = ["| " + " | ".join(head) + " |", "|---|---|" + "---:|" * len(columns)]
    for rate in rates:
        for variant in VARIANTS:
            row = results[(variant, rate)]
            cells = [cell(row.get(metric), scale, digits) for metric, _, scale, digits in columns]
            lines.append(f"| {LABELS[variant]} | {rate:g}× | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def tables(results: Results, rates: tuple[float, ...]) -> str:
    return (
        "Median (interquartile range) over the loads; times from navigation start.\n\n"
        + table(results, rates, TIMES[:5])
        + "\n\n"
        + table(results, rates, TIMES[5:] + TRANSFERS)
        + "\n\nTransfers in KB (1 KB = 1,000 bytes) as on the wire, headers included.\n\n"
        + table(results, rates, BLOCKING + LIGHTHOUSE)
        + '\n\nA first visit whose "Accept all" gets a real mouse press the moment it is '
        "visible (banners only):\n\n"
        + table(results, rates, PRESS)
        + "\n\nLighthouse runs its mobile preset only, shown in the 4× rows."
    )


def sizes_table(sizes: dict[str, dict[str, int]]) -> str:
    """Raw, gzip and brotli bytes of each banner's files as their servers send them."""
    lines = ["| file | raw | gzip | brotli |", "|---|---:|---:|---:|"]
    for name, by_coding in sizes.items():
        row = [f"{by_coding[c] / KB:,.1f} KB" for c in ("identity", "gzip", "br")]
        lines.append(f"| {name} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def verdict_lines(found: list[Verdict]) -> str:
    marks = {True: "met", False: "**not met**", None: "not measured"}
    return "\n".join(f"- {v.target}: {v.measured} — {marks[v.passed]}" for v in found)


def section(
    about: list[str],
    sizes: dict[str, dict[str, int]],
    results: Results,
    rates: tuple[float, ...],
    found: list[Verdict],
    checks: list[str],
) -> str:
    """The whole ``page`` section of ``benchmarks/results.md``."""
    return (
        "\n\n".join(
            [
                "# Page speed beside vanilla-cookieconsent",
                "\n".join(f"- {line}" for line in about),
                "Bundle and vanilla files as served (compressed once, highest level):\n\n"
                + sizes_table(sizes),
                tables(results, rates),
                "Targets (issue 6, medians):\n\n" + verdict_lines(found),
                "Checks:\n\n" + "\n".join(f"- {line}" for line in checks),
            ]
        )
        + "\n"
    )
