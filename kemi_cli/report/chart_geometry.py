"""The arithmetic of a line chart, apart from drawing it: round tick values, the mapping from
values to the drawing, periods on a time axis, which labels fit, and a legend that wraps.

Pure functions of numbers, so that every edge case (one point, equal values, negative, huge or
tiny numbers, forty periods) can be tested without drawing anything.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

NICE_MANTISSAS = (1, 2, 5, 10)


def nice_step(raw: float) -> float:
    """The smallest step of the form 1, 2 or 5 × 10ⁿ that is at least `raw` (> 0)."""
    exponent = math.floor(math.log10(raw))
    for mantissa in NICE_MANTISSAS:
        step = mantissa * 10.0**exponent
        if step >= raw * (1 - 1e-9):  # 0.3 / 3 is 0.09999999999999999 in binary
            return _round_to_step(step, step)
    raise AssertionError("unreachable: 10 × 10ⁿ ≥ raw")


def _decimals(step: float) -> int:
    """How many decimals the multiples of a 1-2-5 step need (0.05 → 2, 20 → 0)."""
    return max(0, -math.floor(math.log10(step) + 1e-9))


def _round_to_step(value: float, step: float) -> float:
    """`value` without the binary noise of multiplying a step (3 × 0.1 = 0.30000000000000004)."""
    rounded = round(value, _decimals(step))
    return float(rounded) if rounded else 0.0  # never -0.0


def value_range(values: Sequence[float], ceiling: float | None = None) -> tuple[float, float]:
    """The span the y axis must cover: all `values`, widened when they are all equal, and
    stretched to zero when zero is near (within half the span), so that a small count does
    not look like it starts from nothing. The widening crosses neither zero nor `ceiling`."""
    low, high = min(values), max(values)
    if low == high:
        pad = abs(low) * 0.1 or 1.0
        low = max(low - pad, 0.0) if low >= 0 else low - pad
        high = min(high + pad, 0.0) if high <= 0 else high + pad
        if ceiling is not None and low <= ceiling < high:
            high = ceiling
        if low == high:  # all zero: the widening stopped at zero on both sides
            high = 1.0
    span = high - low
    if 0 < low <= span / 2:
        low = 0.0
    elif -span / 2 <= high < 0:
        high = 0.0
    return low, high


def nice_ticks(low: float, high: float, max_ticks: int = 6, *, whole: bool = False, ceiling: float | None = None) -> tuple[float, ...]:
    """Tick values on a 1-2-5 step that enclose [low, high] (low < high), at most `max_ticks`
    of them (never fewer than two), the lowest below `low` unless that is zero. `whole`: only whole numbers (counts). `ceiling`: a value
    the axis never passes when the data does not (100 for a percentage)."""
    if not low < high:
        raise ValueError(f"an axis needs low < high, got {low} and {high}")
    max_ticks = max(max_ticks, 2)
    step = nice_step((high - low) / (max_ticks - 1))
    if whole:
        step = max(step, 1.0)
    while True:
        first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
        if low != 0 and first * step >= low - step * 1e-9:
            first -= 1  # a value or reference line on the lowest tick would hide in the axis
        if last - first + 1 <= max_ticks:
            break
        step = nice_step(step * 1.01)
    ticks = [_round_to_step(k * step, step) for k in range(first, last + 1)]
    if ceiling is not None and high <= ceiling < ticks[-1]:
        ticks = [t for t in ticks if t < ceiling] + [ceiling]
    return tuple(ticks)


@dataclass(frozen=True)
class Scale:
    """A linear map from a domain of values to a range of drawing coordinates."""

    domain: tuple[float, float]
    range: tuple[float, float]

    def __call__(self, value: float) -> float:
        (d0, d1), (r0, r1) = self.domain, self.range
        return r0 + (value - d0) / (d1 - d0) * (r1 - r0)


def band_centres(count: int, start: float, end: float) -> list[float]:
    """The x of `count` periods spread evenly over [start, end], each in the middle of its
    band, so that a single period sits in the middle of the chart."""
    step = (end - start) / count
    return [start + (index + 0.5) * step for index in range(count)]


def span_centres(spans: Sequence[tuple[float, float]], start: float, end: float) -> list[float]:
    """The x of periods on an axis proportional to time over [start, end]. The rule: the axis
    runs from the start of the earliest period to the end of the latest, and each period's point
    sits at the middle of its period. So a year is twice as wide as a half-year, a year beside
    half-years sits at midsummer, and a missing period leaves its gap. `spans` are (start, end)
    in years, e.g. (2025.0, 2025.5) for 2025H1."""
    scale = Scale((min(a for a, _ in spans), max(b for _, b in spans)), (start, end))
    return [scale((a + b) / 2) for a, b in spans]


def span_bounds(spans: Sequence[tuple[float, float]], start: float, end: float) -> list[float]:
    """The x of every period's start and end on the axis of span_centres, each once, ascending:
    where the axis marks that one period ends and the next begins."""
    scale = Scale((min(a for a, _ in spans), max(b for _, b in spans)), (start, end))
    return [scale(time) for time in sorted({time for span in spans for time in span})]


def last_share(spans: Sequence[tuple[float, float]]) -> float:
    """The share of the time axis (span_centres) between the latest point and the axis' end."""
    first, last = min(a for a, _ in spans), max(b for _, b in spans)
    a, b = spans[-1]
    return (last - (a + b) / 2) / (last - first)


def fitting_labels(centres: Sequence[float], widths: Sequence[float], gap: float) -> list[int]:
    """The indices of the labels (centred on `centres`, ascending) to show so that none comes
    closer than `gap` to the next: counted back from the latest, which is always shown, each
    label that keeps clear of the one shown after it. On a time axis the points are not evenly
    spaced (a year beside its own half-year sits a quarter of a year from it), so each label is
    judged by its own room rather than by the narrowest gap of the chart."""
    shown: list[int] = []
    left_edge = math.inf
    for index in range(len(centres) - 1, -1, -1):
        if centres[index] + widths[index] / 2 + gap <= left_edge:
            shown.append(index)
            left_edge = centres[index] - widths[index] / 2
    return sorted(shown)


def clamp_centre(centre: float, width: float, start: float, end: float) -> float:
    """A centred label's x moved just enough to keep the label inside [start, end]."""
    return min(max(centre, start + width / 2), end - width / 2)


def right_margin(share: float, left: float, total: float, overhang: float, minimum: float) -> float:
    """The right margin that lets a label `overhang` wide (half a label beyond the last
    period's centre) end inside `total`, given that the last centre sits `share` of the plot's
    width in from its right edge (last_share; 1 / (2 × count) for evenly spaced periods) and a
    wider margin narrows the plot."""
    # margin m must satisfy: total - m - (total - left - m) * share + overhang <= total
    needed = (overhang - (total - left) * share) / (1 - share)
    return max(minimum, needed)


def flow(widths: Sequence[float], available: float, gap: float) -> list[tuple[int, float]]:
    """Items of `widths` laid left to right, wrapping to a new row when the next would pass
    `available`: (row, x) of each."""
    placed: list[tuple[int, float]] = []
    row, x = 0, 0.0
    for width in widths:
        if x > 0 and x + width > available:
            row, x = row + 1, 0.0
        placed.append((row, x))
        x += width + gap
    return placed


Box = tuple[float, float, float, float]  # left, top, right, bottom (y grows downwards)
Segment = tuple[float, float, float, float]  # x1, y1, x2, y2


def crosses(segment: Segment, box: Box) -> bool:
    """Whether a line segment passes through a box (Liang–Barsky clipping)."""
    x1, y1, x2, y2 = segment
    left, top, right, bottom = box
    dx, dy = x2 - x1, y2 - y1
    enter, leave = 0.0, 1.0
    for step, room in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if step == 0:
            if room < 0:
                return False
            continue
        t = room / step
        if step < 0:
            enter = max(enter, t)
        else:
            leave = min(leave, t)
        if enter > leave:
            return False
    return True


def least_crossed(candidates: Sequence[Box], obstacles: Sequence[Segment], bounds: Box) -> tuple[int, int]:
    """The index of the candidate box for a label that crosses the fewest lines while staying
    inside `bounds` (the earliest on a tie: candidates come in order of preference), and how
    many lines cross it."""

    def cost(box: Box) -> int:
        left, top, right, bottom = bounds
        outside = box[0] < left or box[1] < top or box[2] > right or box[3] > bottom
        return 1000 * outside + sum(crosses(segment, box) for segment in obstacles)

    costs = [cost(box) for box in candidates]
    best = costs.index(min(costs))
    return best, costs[best] % 1000
