"""Server-rendered SVG charts (pygal): no JavaScript, no CDN, works offline."""

import re
import sys

import pygal
from pygal.style import Style

from banner.consent import ACTIONS as DECISIONS

from ..consent.stats import ConsentStats

ACTION_COLOURS = {
    "accept_all": "#2e7d32",
    "reject_all": "#c62828",
    "custom": "#1565c0",
    "withdraw": "#ef6c00",
}
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    colors=tuple(ACTION_COLOURS[a] for a in DECISIONS),
    font_family="system-ui, sans-serif",
)
# pygal appends a legacy import hook (for its map plugins, unused here) to
# sys.meta_path; it lacks find_spec, so every later failed import in the
# process raises an ImportWarning. Remove it once pygal has loaded.
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]

_SCRIPT_OR_COMMENT = re.compile(r"<script\b.*?</script>|<!--.*?-->", re.DOTALL)


def _svg(chart: pygal.graph.graph.Graph) -> str:
    """Inline SVG without pygal's config script (the admin CSP forbids it) or comments."""
    return _SCRIPT_OR_COMMENT.sub("", chart.render(is_unicode=True))


def _chart(kind: type, title: str, **options: object) -> pygal.graph.graph.Graph:
    return kind(
        title=title,
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        height=320,
        legend_at_bottom=True,
        **options,
    )


def decisions_per_day(stats: ConsentStats) -> str:
    chart = _chart(pygal.StackedBar, "Decisions per day", x_label_rotation=30)
    days = sorted(stats.by_day)
    chart.x_labels = days
    for action in DECISIONS:
        chart.add(action, [stats.by_day[day].get(action, 0) for day in days])
    return _svg(chart)


def acceptance_per_category(stats: ConsentStats, categories: list[str]) -> str:
    rates = stats.acceptance_rate()
    chart = _chart(
        pygal.HorizontalBar,
        "Share of decisions granting each category",
        range=(0, 100),
        value_formatter=lambda v: f"{v:.0f}%",
        show_legend=False,
    )
    chart.x_labels = categories
    chart.add("granted", [round(100 * rates.get(c, 0.0), 1) for c in categories])
    return _svg(chart)
