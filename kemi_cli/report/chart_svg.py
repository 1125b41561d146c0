"""A line chart written as SVG by hand: a legend, y ticks with grid lines, period labels, the
series as a line with markers, reference lines, and value labels where they fit.

It knows nothing about indicators or languages: it is given every text already formatted (see
charts.py). Text stays text (`<text>` in the document's font), so that it is sharp, searchable
and small in a PDF; every number is written with the same rounding, so the same chart is the
same bytes; every text and attribute value is escaped, since names and messages are user text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .chart_font import text_width
from .chart_geometry import (
    Box,
    Scale,
    Segment,
    band_centres,
    clamp_centre,
    fitting_labels,
    flow,
    last_share,
    least_crossed,
    right_margin,
    span_bounds,
    span_centres,
)

WIDTH = 640.0
PLOT_HEIGHT = 150.0
MAX_Y_TICKS = 6  # a tick label per 25 units of PLOT_HEIGHT at most
FONT_SIZE = 12.0
LINE_HEIGHT = 18.0
LABEL_GAP = 10.0  # the least room between two labels side by side
HEADROOM = 20.0  # above the plot, for the value label of a point at the top
X_LABELS = 24.0  # below the plot
EDGE = 4.0  # no text closer than this to the drawing's edge
INK = "#1a1a1a"  # text: 17.4:1 on white
MUTED = "#4d4d4d"  # tick labels: 8.5:1
GRID = "#d5d9de"  # decoration only: the tick labels carry the values
# The fonts of the documents (templates/assets/style.css), then what a system is likely to have.
FONT_FAMILY = "Inter, 'Noto Sans', 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class Stroke:
    """How a line is drawn. A dash pattern tells lines apart without relying on colour."""

    colour: str
    width: float
    dash: str | None = None  # an SVG stroke-dasharray


@dataclass(frozen=True)
class Reference:
    """A horizontal line across the plot (a baseline, a target) and its legend text."""

    value: float
    legend: str
    stroke: Stroke


# A point's marker: a circle for a half-year's value, a square for a whole year's, so that the
# two read apart without colour.
Shape = Literal["circle", "square"]


@dataclass(frozen=True)
class Series:
    """The values over the periods, each with its label and marker, and the legend: one entry
    (text and marker) for each kind of period the line has."""

    periods: tuple[str, ...]
    values: tuple[float, ...]
    value_labels: tuple[str, ...]
    legend: tuple[tuple[str, Shape], ...]
    stroke: Stroke
    spans: tuple[tuple[float, float], ...] = ()  # each period's (start, end) in years; empty: evenly spaced
    shapes: tuple[Shape, ...] = ()  # each point's marker; empty: circles


@dataclass(frozen=True)
class LineChart:
    series: Series
    references: tuple[Reference, ...]
    ticks: tuple[float, ...]  # ascending; the first and last are the y axis' ends
    tick_labels: tuple[str, ...]
    title: str  # the standalone file's <title>


# ---------------------------------------------------------------- writing XML


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escape(text: str) -> str:
    """`text` safe in XML content and in a double-quoted attribute; characters XML cannot hold
    at all (control characters, lone surrogates) are dropped."""
    text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def number(value: float) -> str:
    """A coordinate with two decimals at most, without trailing zeros or a negative zero."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def element(tag: str, attributes: dict[str, str | float | None], text: str | None = None) -> str:
    """One element, its attributes in the order given (None leaves one out), text escaped."""
    parts = [tag] + [
        f'{name}="{number(value) if isinstance(value, (int, float)) else escape(value)}"'
        for name, value in attributes.items()
        if value is not None
    ]
    if text is None:
        return f"<{' '.join(parts)}/>"
    return f"<{' '.join(parts)}>{escape(text)}</{tag}>"


def group(attributes: dict[str, str | float | None], children: Sequence[str]) -> str:
    if not children:
        return ""
    opening = element("g", attributes)[:-2] + ">"
    return "\n".join([opening, *children, "</g>"])


def stroke_attributes(stroke: Stroke) -> dict[str, str | float | None]:
    return {"stroke": stroke.colour, "stroke-width": stroke.width, "stroke-dasharray": stroke.dash}


# ---------------------------------------------------------------- the chart


@dataclass(frozen=True)
class Layout:
    """Where things go: the plot's box, the legend's rows, the periods' x."""

    left: float
    right: float
    top: float
    bottom: float
    height: float
    legend: list[tuple[int, float]]
    centres: list[float]
    bounds: list[float]  # where periods begin and end on the x axis (none when evenly spaced)

    @property
    def centres_spacing(self) -> float:
        """The least room between two points side by side (on a time axis a year's point is
        further from its neighbours than a half-year's)."""
        if len(self.centres) < 2:
            return self.right - self.left
        return min(b - a for a, b in itertools.pairwise(self.centres))


def legend_widths(chart: LineChart) -> list[float]:
    """Each legend entry: a 24-unit line sample, a gap, the text."""
    return [30 + text_width(text, FONT_SIZE) for text in legend_texts(chart)]


def legend_texts(chart: LineChart) -> list[str]:
    return [*(text for text, _ in chart.series.legend), *(reference.legend for reference in chart.references)]


def layout(chart: LineChart) -> Layout:
    series = chart.series
    count = len(series.values)
    legend = flow(legend_widths(chart), WIDTH - 2 * EDGE, 24)
    legend_rows = legend[-1][0] + 1
    left = EDGE + max(text_width(label, FONT_SIZE) for label in chart.tick_labels) + 8
    last_label = max(text_width(series.periods[-1], FONT_SIZE), text_width(series.value_labels[-1], FONT_SIZE))
    share = last_share(series.spans) if series.spans else 1 / (2 * count)
    right = WIDTH - right_margin(share, left, WIDTH, last_label / 2 + EDGE, minimum=12)
    top = legend_rows * LINE_HEIGHT + HEADROOM
    bottom = top + PLOT_HEIGHT
    centres = span_centres(series.spans, left, right) if series.spans else band_centres(count, left, right)
    bounds = span_bounds(series.spans, left, right) if series.spans else []
    return Layout(left, right, top, bottom, bottom + X_LABELS, legend, centres, bounds)


def draw(chart: LineChart, standalone: bool) -> str:
    """The chart as an SVG document (`standalone`: with an XML prolog and a <title>, for a
    file) or as an <svg> element to place in an HTML page."""
    box = layout(chart)
    y = Scale((chart.ticks[0], chart.ticks[-1]), (box.bottom, box.top))
    body = [
        draw_legend(chart, box),
        draw_y_axis(chart, box, y),
        draw_x_axis(chart, box),
        group({"fill": "none", "class": "references"}, [
            element("line", {"x1": box.left, "y1": y(ref.value), "x2": box.right, "y2": y(ref.value), **stroke_attributes(ref.stroke)})
            for ref in chart.references
        ]),
        draw_series(chart, box, y),
    ]
    root = element("svg", {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {number(WIDTH)} {number(box.height)}",
        "width": WIDTH,
        "height": box.height,
        "font-family": FONT_FAMILY,
        "font-size": FONT_SIZE,
    })[:-2] + ">"
    title = [element("title", {}, chart.title)] if standalone else []
    svg = "\n".join([root, *title, *(part for part in body if part), "</svg>"])
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n" if standalone else svg


def draw_legend(chart: LineChart, box: Layout) -> str:
    series = chart.series
    strokes = [series.stroke] * len(series.legend) + [reference.stroke for reference in chart.references]
    shapes: list[Shape | None] = [shape for _, shape in series.legend] + [None] * len(chart.references)
    entries = []
    for (row, x), text, stroke, shape in zip(box.legend, legend_texts(chart), strokes, shapes):
        x += EDGE
        middle = row * LINE_HEIGHT + LINE_HEIGHT / 2 + 1
        entries.append(element("line", {"x1": x, "y1": middle, "x2": x + 24, "y2": middle, **stroke_attributes(stroke)}))
        if shape is not None:
            entries.append(marker(x + 12, middle, 3.5, stroke, shape))
        entries.append(element("text", {"x": x + 30, "y": middle + FONT_SIZE * 0.35}, text))
    return group({"class": "legend", "fill": INK}, entries)


def draw_y_axis(chart: LineChart, box: Layout, y: Scale) -> str:
    grid = [element("line", {"x1": box.left, "y1": y(tick), "x2": box.right, "y2": y(tick)}) for tick in chart.ticks[1:]]
    labels = [
        element("text", {"x": box.left - 8, "y": y(tick) + FONT_SIZE * 0.35}, label)
        for tick, label in zip(chart.ticks, chart.tick_labels)
    ]
    axis = element("line", {"x1": box.left, "y1": box.bottom, "x2": box.right, "y2": box.bottom, "stroke": MUTED, "stroke-width": 1})
    return "\n".join([
        group({"class": "grid", "stroke": GRID, "stroke-width": 1}, grid),
        axis,
        group({"class": "y-labels", "fill": MUTED, "text-anchor": "end"}, labels),
    ])


def draw_x_axis(chart: LineChart, box: Layout) -> str:
    periods = chart.series.periods
    widths = [text_width(label, FONT_SIZE) for label in periods]
    shown = fitting_labels(box.centres, widths, LABEL_GAP)
    # On a time axis the ticks mark where the periods begin and end, so that a year shows twice
    # as wide as a half-year; the labels stay under the points, in the middle of their periods.
    tick_xs = box.bounds or [box.centres[i] for i in shown]
    ticks = [element("line", {"x1": x, "y1": box.bottom, "x2": x, "y2": box.bottom + 6}) for x in tick_xs]
    labels = [
        element("text", {"x": clamp_centre(box.centres[i], widths[i], EDGE, WIDTH - EDGE), "y": box.bottom + 17}, periods[i])
        for i in shown
    ]
    return "\n".join([
        group({"class": "x-ticks", "stroke": MUTED, "stroke-width": 1}, ticks),
        group({"class": "x-labels", "fill": MUTED, "text-anchor": "middle"}, labels),
    ])


def marker(x: float, y: float, radius: float, stroke: Stroke, shape: Shape = "circle") -> str:
    # A white rim keeps a marker apart from the line and from a reference line behind it.
    rim: dict[str, str | float | None] = {"fill": stroke.colour, "stroke": "#ffffff", "stroke-width": 1.5}
    if shape == "square":  # of the circle's area, so that neither kind looks weightier
        side = radius * 1.8
        return element("rect", {"x": x - side / 2, "y": y - side / 2, "width": side, "height": side, **rim})
    return element("circle", {"cx": x, "cy": y, "r": radius, **rim})


def labelled_points(box: Layout, value_labels: Sequence[str]) -> list[int]:
    """Every point's value when all fit side by side; otherwise only the latest one's."""
    widths = [text_width(label, FONT_SIZE) for label in value_labels]
    all_fit = len(fitting_labels(box.centres, widths, LABEL_GAP)) == len(widths)
    return list(range(len(value_labels))) if all_fit else [len(value_labels) - 1]


def draw_series(chart: LineChart, box: Layout, y: Scale) -> str:
    series = chart.series
    points = [(x, y(value)) for x, value in zip(box.centres, series.values)]
    radius = 3.5 if box.centres_spacing >= 12 else 2.5
    path = "M" + " L".join(f"{number(px)} {number(py)}" for px, py in points)
    line = element("path", {"d": path, "fill": "none", **stroke_attributes(series.stroke), "stroke-linejoin": "round", "stroke-linecap": "round"})
    circle: Shape = "circle"
    shapes = series.shapes or (circle,) * len(points)
    markers = [marker(px, py, radius, series.stroke, shape) for (px, py), shape in zip(points, shapes)]
    obstacles = [(*a, *b) for a, b in itertools.pairwise(points)] + [
        (box.left, y(ref.value), box.right, y(ref.value)) for ref in chart.references
    ]
    bounds = (box.left, box.top - HEADROOM, WIDTH - EDGE, box.bottom)  # clear of the y labels
    labels = [
        value_label(points[index], series.value_labels[index], obstacles, bounds)
        for index in labelled_points(box, series.value_labels)
    ]
    return "\n".join([
        line,
        group({"class": "markers"}, markers),
        group({"class": "values", "fill": INK, "text-anchor": "middle", "font-weight": 600}, labels),
    ])


def value_label(point: tuple[float, float], text: str, obstacles: Sequence[Segment], bounds: Box) -> str:
    """A point's value above it, or below it or beside it when that crosses fewer lines (the
    series' own segments, the baseline, the target)."""
    px, py = point
    width = text_width(text, FONT_SIZE)
    ascent, descent = FONT_SIZE * 0.75, FONT_SIZE * 0.25
    x = clamp_centre(px, width, bounds[0], bounds[2])
    # (x of the text's middle, baseline y), in order of preference: above, below, upper right, upper left
    places = [(x, py - 9), (x, py + 9 + ascent), (px + 7 + width / 2, py - 5), (px - 7 - width / 2, py - 5)]
    pad = 2.0  # glyphs that nearly touch a line read as crossed by it
    boxes = [(cx - width / 2 - pad, base - ascent - pad, cx + width / 2 + pad, base + descent + pad) for cx, base in places]
    best, crossings = least_crossed(boxes, obstacles, bounds)
    cx, base = places[best]
    label = element("text", {"x": cx, "y": base}, text)
    if not crossings:
        return label
    # No place is clear: a white backing keeps the figure readable over the line it crosses.
    left, top, right, bottom = boxes[best]
    backing: dict[str, str | float | None] = {"x": left, "y": top, "width": right - left, "height": bottom - top, "fill": "#ffffff", "fill-opacity": 0.85}
    return element("rect", backing) + "\n" + label
