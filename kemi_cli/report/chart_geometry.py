"""The arithmetic of a line chart, apart from drawing it: round tick values, the mapping from
values to the drawing, evenly spaced periods, which labels fit, and a legend that wraps.

Pure functions of numbers, so that every edge case (one point, equal values, negative, huge or
tiny numbers, forty periods) can be tested without drawing anything.
"""

from __future__ import annotations

import itertools
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


def time_centres(times: Sequence[float], start: float, end: float) -> list[float]:
    """The x of periods on a true time axis over [start, end]: each at its time (e.g. the middle
    of its period in years), the shortest gap between two periods one band wide, and half a band
    at each end. Evenly spaced periods sit where band_centres puts them; a missing half-year
    leaves its gap, and a year beside half-years is placed at its middle."""
    if len(times) < 2:
        return band_centres(len(times), start, end)
    unit = min(later - earlier for earlier, later in itertools.pairwise(times))
    if unit <= 0:
        return band_centres(len(times), start, end)
    bands = (times[-1] - times[0]) / unit + 1
    step = (end - start) / bands
    return [start + (0.5 + (time - times[0]) / unit) * step for time in times]


def label_stride(spacing: float, widths: Sequence[float], gap: float) -> int:
    """Show every how-many-th of labels centred `spacing` apart so that none touches the next
    (at least `gap` between them); 1 when all fit."""
    widest = max(widths, default=0.0)
    return max(1, math.ceil((widest + gap) / spacing - 1e-9))


def thinned(count: int, stride: int) -> list[int]:
    """The indices of every `stride`-th of `count` labels, counted back from the latest so
    that the latest period is always labelled."""
    return sorted(range(count - 1, -1, -stride))


def clamp_centre(centre: float, width: float, start: float, end: float) -> float:
    """A centred label's x moved just enough to keep the label inside [start, end]."""
    return min(max(centre, start + width / 2), end - width / 2)


def right_margin(count: int, left: float, total: float, overhang: float, minimum: float) -> float:
    """The right margin that lets a label `overhang` wide (half a label beyond the last
    period's centre) end inside `total`, given that the last centre sits half a band in from
    the plot's right edge and a wider margin narrows the bands."""
    # margin m must satisfy: total - m - (total - left - m) / (2 * count) + overhang <= total
    needed = (overhang - (total - left) / (2 * count)) / (1 - 1 / (2 * count))
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
