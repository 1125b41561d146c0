"""One chart per indicator with actuals: its history, the baseline and the target, as SVG.

This module decides what a chart says (values, labels, legend, the y axis' range) in the
document's language; chart_geometry.py does the arithmetic and chart_svg.py writes the SVG.
The SVG is deterministic and has no ids, so several charts can live inline in one HTML page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, cast

from ..numbers import Lang, format_value
from ..periods import Period
from .chart_geometry import nice_ticks, value_range
from .chart_svg import MAX_Y_TICKS, LineChart, Reference, Series, Shape, Stroke, draw, escape
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
    periods = [Period.parse(actual.period) for actual in row.history]
    shapes = tuple(MARKERS[period_kind(period)] for period in periods)
    kinds = [kind for kind in PERIOD_KINDS if any(period_kind(period) == kind for period in periods)]
    series = Series(
        periods=tuple(period_label(messages, actual.period, lang) for actual in row.history),
        values=values,
        value_labels=tuple(shown(value) for value in values),
        legend=tuple((messages.get(f"chart.actual_{kind}", lang), MARKERS[kind]) for kind in kinds),
        stroke=ACTUAL,
        spans=tuple(period_span(period) for period in periods),
        shapes=shapes,
    )
    return LineChart(series, references, ticks, tick_labels, title)


# A whole year's value and a half-year's are told apart by marker, legend and text alternative.
PeriodKind = Literal["year", "half"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("year", "half")
MARKERS: dict[PeriodKind, Shape] = {"year": "square", "half": "circle"}


def period_kind(period: Period) -> PeriodKind:
    return "year" if period.half is None else "half"


def period_span(period: Period) -> tuple[float, float]:
    """A period's start and end in years (2025H1 → (2025.0, 2025.5), 2025 → (2025.0, 2026.0)),
    for an axis proportional to time (chart_geometry.span_centres)."""
    start = period.year + (0.5 if period.half == 2 else 0.0)
    return start, start + (1.0 if period.half is None else 0.5)


def y_ticks(values: list[float], unit: str, shown: Callable[[float], str]) -> tuple[tuple[float, ...], tuple[str, ...]]:
    """Ticks that enclose every value, the baseline and the target, with their labels. A count
    has whole ticks only (it is shown without decimals), a percentage stops at 100 %."""
    ceiling = PERCENT_CEILING if unit == "percent" and max(values) <= PERCENT_CEILING else None
    low, high = value_range(values, ceiling)
    ticks = nice_ticks(low, high, MAX_Y_TICKS, whole=unit == "count", ceiling=ceiling)
    labels = tuple(shown(tick) for tick in ticks)
    return ticks, labels


def chart_description(row: KpiRow, lang: str, messages: Messages) -> str:
    """The chart in one sentence: its values in order, said to be a whole year's or a half-year's
    (each value's own when the line has both), the baseline and the target."""
    language = cast(Lang, lang)
    kpi = row.kpi
    kinds = [period_kind(Period.parse(a.period)) for a in row.history]
    mixed = len(set(kinds)) > 1

    def when(period: str, kind: PeriodKind) -> str:
        label = period_label(messages, period, lang)
        return messages.get(f"chart.point_{kind}", lang, period=label) if mixed else label

    points = ", ".join(
        f"{when(a.period, kind)}: {format_value(a.value, kpi.unit, language)}" for a, kind in zip(row.history, kinds)
    )
    actuals = messages.get(f"chart.actuals_{'mixed' if mixed else kinds[0] if kinds else 'half'}", lang)
    return messages.get(
        "chart.description",
        lang,
        name=text_in(kpi.name, lang),
        actuals=actuals,
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
