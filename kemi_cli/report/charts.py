"""One chart per indicator with actuals: its history, the baseline and the target, as SVG.

matplotlib is imported only here, only when a chart is drawn. Text is drawn as paths in the
font the project ships (so WeasyPrint and every browser show the same thing), and the SVG is
made deterministic: a fixed hash salt, no date or creator, ids prefixed per chart so that
several charts can live inline in one HTML page.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..numbers import format_value
from .context import KpiRow
from .environment import Messages, find_template_file, period_label, text_in

FONT_FILES = ("assets/fonts/Inter-Regular.otf", "assets/fonts/Inter-SemiBold.otf")
ACTUAL_COLOUR = "#1d4f91"
BASELINE_COLOUR = "#5a5a5a"
TARGET_COLOUR = "#1b6e3a"


@dataclass(frozen=True)
class Chart:
    id: str  # unique in a document, also the SVG file's stem beside a Markdown document
    row: KpiRow
    lang: str
    svg: str  # standalone SVG document
    inline_svg: str  # the same, for embedding in HTML
    description: str  # the chart's text alternative in one sentence


def _configure(roots: list[Path]) -> None:
    _configure_once(tuple(roots))


@functools.cache
def _configure_once(roots: tuple[Path, ...]) -> None:
    """matplotlib's backend, fonts and style, set once per process: adding the fonts parses
    the font files, which cost more than drawing a small chart."""
    import matplotlib

    matplotlib.use("svg", force=True)
    from matplotlib import font_manager

    for relative in FONT_FILES:
        font_manager.fontManager.addfont(str(find_template_file(list(roots), relative)))
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "path",
            "svg.hashsalt": "kemi",
            "font.family": "Inter",
            "font.size": 9,
            "axes.edgecolor": "#333333",
            "axes.labelcolor": "#222222",
            "xtick.color": "#222222",
            "ytick.color": "#222222",
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )


def draw_chart(row: KpiRow, lang: str, messages: Messages, roots: list[Path], chart_id: str) -> Chart:
    _configure(roots)
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    kpi = row.kpi
    labels = [period_label(messages, a.period, lang) for a in row.history]
    values = [a.value for a in row.history]
    positions = list(range(len(values)))

    figure, axes = plt.subplots(figsize=(6.4, 2.4), dpi=72)
    try:
        if kpi.baseline.value is not None:
            axes.axhline(
                kpi.baseline.value, color=BASELINE_COLOUR, linestyle=(0, (2, 2)), linewidth=1.2,
                label=messages.get("chart.baseline", lang, value=format_value(kpi.baseline.value, kpi.unit, lang)),
            )
        if kpi.target.value is not None:
            axes.axhline(
                kpi.target.value, color=TARGET_COLOUR, linestyle=(0, (6, 3)), linewidth=1.6,
                label=messages.get("chart.target", lang, value=format_value(kpi.target.value, kpi.unit, lang)),
            )
        axes.plot(
            positions, values, color=ACTUAL_COLOUR, marker="o", markersize=5, linewidth=2,
            label=messages.get("chart.actual", lang),
        )
        for x, value in zip(positions, values):
            axes.annotate(
                format_value(value, kpi.unit, lang), (x, value), textcoords="offset points", xytext=(0, 7),
                ha="center", fontsize=8, color="#111111",
            )
        axes.set_xticks(positions, labels)
        axes.set_xlim(-0.5, max(len(positions) - 0.5, 0.5))
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_value(v, kpi.unit, lang)))
        axes.margins(y=0.25)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3, frameon=False, fontsize=8)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    finally:
        plt.close(figure)

    svg = buffer.getvalue()
    description = chart_description(row, lang, messages)
    return Chart(chart_id, row, lang, svg, inline_svg(svg, chart_id, description), description)


def chart_description(row: KpiRow, lang: str, messages: Messages) -> str:
    kpi = row.kpi
    points = ", ".join(
        f"{period_label(messages, a.period, lang)}: {format_value(a.value, kpi.unit, lang)}" for a in row.history
    )
    return messages.get(
        "chart.description",
        lang,
        name=text_in(kpi.name, lang),
        points=points,
        baseline=format_value(kpi.baseline.value, kpi.unit, lang),
        target=format_value(kpi.target.value, kpi.unit, lang),
    )


_ID = re.compile(r'\bid="([^"]+)"')


def inline_svg(svg: str, prefix: str, label: str) -> str:
    """The SVG as an element for an HTML page: no XML prolog, doctype or metadata, ids made
    unique with `prefix`, and an accessible name (the table beside it holds the figures)."""
    body = svg[svg.index("<svg") :]
    body = re.sub(r"<metadata>.*?</metadata>\s*", "", body, flags=re.DOTALL)
    ids = set(_ID.findall(body))
    body = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', body)
    body = re.sub(r"#([A-Za-z_][\w.-]*)", lambda m: f"#{prefix}-{m.group(1)}" if m.group(1) in ids else m.group(0), body)
    escaped = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return body.replace("<svg ", f'<svg role="img" aria-label="{escaped}" class="chart" ', 1).strip()

