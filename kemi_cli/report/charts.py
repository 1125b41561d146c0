"""One chart per indicator with actuals: its history, the baseline and the target, as SVG.

This module decides what a chart says (values, labels, legend, the y axis' range) in the
document's language; chart_geometry.py does the arithmetic and chart_svg.py writes the SVG.
The SVG is deterministic and has no ids, so several charts can live inline in one HTML page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from ..numbers import Lang, format_value
from ..periods import Period
from .chart_geometry import nice_ticks, value_range
from .chart_svg import MAX_Y_TICKS, LineChart, Reference, Series, Stroke, draw, escape
from .context import KpiRow
from .environment import Messages, period_label, text_in

# On white: actual 8.6:1, baseline 7.0:1, target 6.4:1 (WCAG AA asks 3:1 of lines, 4.5:1 of
# text). Baseline and target differ in dash pattern too: dotted and long dashes.
ACTUAL = Stroke("#1d4f91", 2.5)
BASELINE = Stroke("#595959", 2, "2 3")
TARGET = Stroke("#1b6e3a", 2, "8 4")
PERCENT_CEILING = 100.0


@dataclass(frozen=True)
class Chart:
    id: str  # unique in a document, also the SVG file's stem beside a Markdown document
    row: KpiRow
    lang: str
    svg: str  # standalone SVG document
    inline_svg: str  # the same, for embedding in HTML
    description: str  # the chart's text alternative in one sentence


def draw_chart(row: KpiRow, lang: str, messages: Messages, chart_id: str) -> Chart:
    description = chart_description(row, lang, messages)
    svg = draw(line_chart(row, lang, messages, description), standalone=True)
    return Chart(chart_id, row, lang, svg, inline_svg(svg, chart_id, description), description)


def line_chart(row: KpiRow, lang: str, messages: Messages, title: str) -> LineChart:
    """What the chart of one indicator shows, every text formatted for `lang`."""
    language = cast(Lang, lang)  # one of LANGS: parse_langs checked it before any chart is drawn
    kpi = row.kpi
    values = tuple(actual.value for actual in row.history)

    def shown(value: float) -> str:
        return format_value(value, kpi.unit, language)

    references = tuple(
        Reference(value, messages.get(key, lang, value=shown(value)), stroke)
        for key, value, stroke in (("chart.baseline", kpi.baseline.value, BASELINE), ("chart.target", kpi.target.value, TARGET))
        if value is not None
    )
    ticks, tick_labels = y_ticks([*values, *(ref.value for ref in references)], kpi.unit, shown)
    series = Series(
        periods=tuple(period_label(messages, actual.period, lang) for actual in row.history),
        values=values,
        value_labels=tuple(shown(value) for value in values),
        legend=messages.get("chart.actual", lang),
        stroke=ACTUAL,
        times=tuple(period_midpoint(actual.period) for actual in row.history),
    )
    return LineChart(series, references, ticks, tick_labels, title)


def period_midpoint(period_text: str) -> float:
    """The middle of a period in years (2025H1 → 2025.25, 2025 → 2025.5), for a true time axis."""
    period = Period.parse(period_text)
    return period.year + {None: 0.5, 1: 0.25, 2: 0.75}[period.half]


def y_ticks(values: list[float], unit: str, shown: Callable[[float], str]) -> tuple[tuple[float, ...], tuple[str, ...]]:
    """Ticks that enclose every value, the baseline and the target, with their labels. A count
    has whole ticks only (it is shown without decimals), a percentage stops at 100 %."""
    ceiling = PERCENT_CEILING if unit == "percent" and max(values) <= PERCENT_CEILING else None
    low, high = value_range(values, ceiling)
    ticks = nice_ticks(low, high, MAX_Y_TICKS, whole=unit == "count", ceiling=ceiling)
    labels = tuple(shown(tick) for tick in ticks)
    return ticks, labels


def chart_description(row: KpiRow, lang: str, messages: Messages) -> str:
    language = cast(Lang, lang)
    kpi = row.kpi
    points = ", ".join(
        f"{period_label(messages, a.period, lang)}: {format_value(a.value, kpi.unit, language)}" for a in row.history
    )
    return messages.get(
        "chart.description",
        lang,
        name=text_in(kpi.name, lang),
        points=points,
        baseline=format_value(kpi.baseline.value, kpi.unit, language),
        target=format_value(kpi.target.value, kpi.unit, language),
    )


_ID = re.compile(r'\bid="([^"]+)"')


def inline_svg(svg: str, prefix: str, label: str) -> str:
    """The SVG as an element for an HTML page: no XML prolog, ids (if any) made unique with
    `prefix`, and its text alternative (the table beside it holds the figures) as its <title>,
    which names it (aria-labelledby) and which a PDF carries as the figure's /Alt."""
    body = svg[svg.index("<svg") :]
    body = re.sub(r"<title>.*?</title>\n?", "", body, count=1, flags=re.DOTALL)
    ids = set(_ID.findall(body))
    body = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', body)
    body = re.sub(r"#([A-Za-z_][\w.-]*)", lambda m: f"#{prefix}-{m.group(1)}" if m.group(1) in ids else m.group(0), body)
    opening_end = body.index(">") + 1
    title = f'<title id="{prefix}-alt">{escape(label)}</title>'
    body = body[:opening_end] + "\n" + title + body[opening_end:]
    return body.replace("<svg ", f'<svg role="img" aria-labelledby="{prefix}-alt" class="chart" ', 1).strip()
