"""The arithmetic of the charts: 1-2-5 ticks, scales, spacing, which labels fit, and the width
table the layout measures text with."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from kemi_cli.report.chart_font import INTER_REGULAR_WIDTHS, text_width
from kemi_cli.report.chart_geometry import (
    Scale,
    band_centres,
    clamp_centre,
    crosses,
    fitting_labels,
    flow,
    last_share,
    least_crossed,
    nice_step,
    nice_ticks,
    right_margin,
    span_bounds,
    span_centres,
    value_range,
)

FONT = Path(__file__).parent.parent / "templates" / "assets" / "fonts" / "Inter-Regular.otf"


@pytest.mark.parametrize(
    ("raw", "step"),
    [(1, 1), (1.1, 2), (2, 2), (2.01, 5), (4.9, 5), (5.1, 10), (0.3 / 3, 0.1), (0.013, 0.02), (730, 1000), (3e12, 5e12), (7e-9, 1e-8)],
)
def test_nice_step_is_the_next_1_2_5_step(raw: float, step: float) -> None:
    assert nice_step(raw) == pytest.approx(step, rel=1e-12)


def _is_one_two_five(step: float) -> bool:
    mantissa = step / 10 ** math.floor(math.log10(step))
    return any(math.isclose(mantissa, m) for m in (1, 2, 5))


@pytest.mark.parametrize(
    ("low", "high"),
    [(19_210, 19_400), (-1.4, 2.3), (0, 1), (13, 14.6), (924.5, 932), (-5e9, -1e9), (1e-6, 3e-6), (0.1, 0.3), (3, 4), (1, 2e15)],
)
def test_ticks_enclose_the_range_on_an_even_1_2_5_step(low: float, high: float) -> None:
    ticks = nice_ticks(low, high, 6)
    assert 2 <= len(ticks) <= 6
    assert ticks[0] <= low and ticks[-1] >= high
    steps = {round(b - a, 12) for a, b in itertools.pairwise(ticks)}
    step = ticks[1] - ticks[0]
    assert all(math.isclose(s, step, rel_tol=1e-9) for s in steps)
    assert _is_one_two_five(step)
    # The ticks are the step's multiples, written without binary noise (0.30000000000000004).
    assert all(repr(t) == repr(round(t, 12)) for t in ticks)


def test_ticks_for_counts_are_whole_numbers() -> None:
    assert nice_ticks(3, 4, 6, whole=True) == (2.0, 3.0, 4.0)
    assert all(t == int(t) for t in nice_ticks(0, 2.5, 6, whole=True))


def test_percent_axis_stops_at_one_hundred_unless_the_data_passes_it() -> None:
    assert nice_ticks(85, 99, 6, ceiling=100) == (80.0, 85.0, 90.0, 95.0, 100.0)
    assert nice_ticks(10, 97, 6, ceiling=100)[-1] == 100.0
    assert nice_ticks(10, 97, 6)[-1] == 100.0
    assert nice_ticks(30, 95, 3, ceiling=100) == (0.0, 50.0, 100.0)


def test_lowest_tick_is_below_the_lowest_value_unless_that_is_zero() -> None:
    # A line on the lowest tick would be drawn over the x axis and hide in it.
    assert nice_ticks(40, 50, 6) == (35.0, 40.0, 45.0, 50.0)
    assert nice_ticks(-14, -4, 6) == (-15.0, -10.0, -5.0, 0.0)
    assert nice_ticks(0, 3, 6)[0] == 0


def test_an_empty_or_reversed_range_is_refused() -> None:
    with pytest.raises(ValueError):
        nice_ticks(5, 5)


@pytest.mark.parametrize(
    ("values", "ceiling", "expected"),
    [
        ([5], None, (4.5, 5.5)),  # one point: ten per cent either side
        ([7, 7, 7], None, (6.3, 7.7)),
        ([0, 0], None, (0.0, 1.0)),  # zero: one unit up, never below zero
        ([-4, -4], None, (-4.4, -3.6)),
        ([100], 100.0, (90.0, 100.0)),  # a full percentage does not widen past 100 %
        ([19_210, 19_400], None, (19_210, 19_400)),  # zero far away: not stretched to it
        ([2, 10], None, (0.0, 10)),  # zero near: the axis starts from it
        ([-10, -3], None, (-10, 0.0)),
        ([-1.4, 2.3], None, (-1.4, 2.3)),
    ],
)
def test_value_range(values: list[float], ceiling: float | None, expected: tuple[float, float]) -> None:
    assert value_range(values, ceiling) == pytest.approx(expected)


def test_scale_maps_the_domain_onto_the_range_upside_down() -> None:
    y = Scale((0.0, 100.0), (200.0, 50.0))
    assert (y(0), y(100), y(50)) == (200.0, 50.0, 125.0)


def test_band_centres_put_one_period_in_the_middle_and_spread_many_evenly() -> None:
    assert band_centres(1, 100, 500) == [300.0]
    assert band_centres(4, 0, 400) == [50.0, 150.0, 250.0, 350.0]


def test_fitting_labels_keep_labels_apart_and_the_latest_shown() -> None:
    assert fitting_labels([50, 150, 250], [50, 60, 40], gap=10) == [0, 1, 2]
    centres = [14.0 * i for i in range(40)]
    shown = fitting_labels(centres, [57.0] * 40, gap=10)
    assert shown[-1] == 39 and shown == list(range(4, 40, 5))  # every fifth, counted from the latest
    # A year beside its own half-year: the crowded pair loses one label, the rest keep theirs.
    assert fitting_labels([100, 250, 300, 450], [60, 60, 30, 60], gap=10) == [0, 2, 3]
    assert fitting_labels([300], [120], gap=10) == [0]


def test_clamp_centre_keeps_a_label_inside() -> None:
    assert clamp_centre(10, 40, 0, 640) == 20
    assert clamp_centre(630, 40, 0, 640) == 620
    assert clamp_centre(300, 40, 0, 640) == 300


@pytest.mark.parametrize("count", [1, 2, 5, 40])
def test_right_margin_lets_the_last_label_end_inside(count: int) -> None:
    left, total, overhang = 60.0, 640.0, 40.0
    margin = right_margin(1 / (2 * count), left, total, overhang, minimum=12)
    last_centre = band_centres(count, left, total - margin)[-1]
    assert last_centre + overhang <= total + 1e-9
    assert margin >= 12


def test_a_year_spans_twice_a_half_year_and_its_point_sits_in_its_middle() -> None:
    # 2024 (a whole year), then 2025H1 and 2025H2: two years on the axis, 0..400.
    spans = [(2024.0, 2025.0), (2025.0, 2025.5), (2025.5, 2026.0)]
    assert span_centres(spans, 0, 400) == [100.0, 250.0, 350.0]
    assert span_bounds(spans, 0, 400) == [0.0, 200.0, 300.0, 400.0]  # the year twice a half-year's width
    assert last_share(spans) == 0.125
    # A year after half-years lies at its midsummer, a year's width from the last half-year's end.
    assert span_centres([(2024.0, 2024.5), (2024.5, 2025.0), (2025.0, 2026.0)], 0, 400) == [50.0, 150.0, 300.0]


def test_right_margin_on_a_time_axis_keeps_a_years_label_inside() -> None:
    spans = [(2024.0, 2024.5), (2024.5, 2025.0), (2025.0, 2026.0)]
    left, total, overhang = 60.0, 640.0, 90.0
    margin = right_margin(last_share(spans), left, total, overhang, minimum=12)
    assert span_centres(spans, left, total - margin)[-1] + overhang <= total + 1e-9


def test_flow_wraps_a_legend_that_does_not_fit() -> None:
    assert flow([100, 100, 100], 400, 20) == [(0, 0.0), (0, 120.0), (0, 240.0)]
    assert flow([300, 300, 50], 400, 20) == [(0, 0.0), (1, 0.0), (1, 320.0)]


def test_crosses_tells_whether_a_line_passes_through_a_box() -> None:
    box = (10.0, 10.0, 20.0, 20.0)
    assert crosses((0, 15, 30, 15), box)  # a reference line through it
    assert crosses((0, 0, 30, 30), box)  # a diagonal through it
    assert not crosses((0, 25, 30, 25), box)  # below it
    assert not crosses((0, 0, 9, 30), box)  # beside it
    assert crosses((12, 12, 14, 14), box)  # inside it


def test_least_crossed_prefers_the_first_clear_place_inside_the_bounds() -> None:
    line = [(0.0, 15.0, 100.0, 15.0)]
    above, below, outside = (40.0, 5.0, 60.0, 12.0), (40.0, 18.0, 60.0, 25.0), (90.0, 0.0, 120.0, 10.0)
    assert least_crossed([above, below], line, (0, 0, 100, 100)) == (0, 0)
    assert least_crossed([(40.0, 10.0, 60.0, 20.0), below], line, (0, 0, 100, 100)) == (1, 0)
    assert least_crossed([outside, (40.0, 10.0, 60.0, 20.0)], line, (0, 0, 100, 100)) == (1, 1)


def test_text_width_errs_wide() -> None:
    assert text_width("", 12) == 0
    assert text_width("1–6/2026", 12) > text_width("2026", 12) > 0
    assert text_width("漢字", 12) >= 2 * 0.7 * 12  # characters not in the table count as wide


def test_width_table_matches_the_shipped_font() -> None:
    ttlib = pytest.importorskip("fontTools.ttLib")  # WeasyPrint depends on fontTools
    font = ttlib.TTFont(FONT)
    per_em, cmap, metrics = font["head"].unitsPerEm, font.getBestCmap(), font["hmtx"]
    for character, width in INTER_REGULAR_WIDTHS.items():
        assert width == round(metrics[cmap[ord(character)]][0] * 1000 / per_em), character
