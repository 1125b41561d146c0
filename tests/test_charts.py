"""The indicator charts: well-formed SVG for every shape of data (one point, equal, negative,
huge, tiny, forty periods, hostile names), the content a reader needs (values in the language's
format, baseline and target told apart by more than colour), and the chart's text in the PDF."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from kemi_cli.models.kpis import Kpi
from kemi_cli.numbers import NBSP
from kemi_cli.report.chart_font import text_width
from kemi_cli.report.chart_svg import FONT_FAMILY, FONT_SIZE, WIDTH
from kemi_cli.report.charts import ACTUAL, BASELINE, TARGET, Chart, draw_chart
from kemi_cli.report.context import KpiRow
from kemi_cli.report.render import messages_for
from kemi_cli.status import KpiStatus

from .test_report_fixtures import make_synthetic_workspace

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script> & \" ' ]]> <!-- --> \x0b{{ x }}"


def half_years(count: int, first_year: int = 2006) -> list[str]:
    return [f"{first_year + i // 2}H{i % 2 + 1}" for i in range(count)]


def chart_for(values: list[float], unit: str = "index", baseline: float | None = None, target: float | None = None,
              name: str = "Mittari", periods: list[str] | None = None, lang: str = "fi", chart_id: str = "chart-x") -> Chart:
    periods = periods or half_years(len(values))
    kpi = Kpi.model_validate({
        "id": "x", "name": {"fi": name, "en": name}, "unit": unit, "direction": "increase",
        "baseline": {"value": baseline}, "target": {"value": target},
        "actuals": [{"period": p, "value": v, "recorded_at": dt.date(2026, 1, 1)} for p, v in zip(periods, values)],
    })
    row = KpiRow(kpi, KpiStatus("no_data", ""), None, None, tuple(kpi.actuals), False)
    return draw_chart(row, lang, messages_for(None), chart_id)


EDGE_CASES: dict[str, dict[str, Any]] = {
    "one point": {"values": [42], "baseline": 40, "target": 50},
    "all equal": {"values": [7, 7, 7, 7], "baseline": 7, "target": 7},
    "all zero, no baseline or target": {"values": [0, 0, 0]},
    "negative": {"values": [-1.4, 0.8, 2.3, 0.6], "unit": "meur", "target": 2},
    "all negative": {"values": [-12, -9.5, -14], "unit": "meur", "baseline": -10, "target": -5},
    "huge": {"values": [1.2e12, 3.4e12, 2.2e12], "unit": "eur", "baseline": 1e12, "target": 5e12},
    "tiny": {"values": [0.0012, 0.0015, 0.0011], "baseline": 0.001, "target": 0.002},
    "percent near 100": {"values": [97.5, 99.1, 100], "unit": "percent", "baseline": 96, "target": 100},
    "percent from zero": {"values": [0, 0.5, 1.2], "unit": "percent", "target": 3},
    "count": {"values": [3, 4, 3], "unit": "count", "baseline": 3, "target": 4},
    "45 periods": {"values": [40 + (i * 7) % 11 for i in range(45)], "unit": "percent", "baseline": 41.5, "target": 30},
    "hostile name": {"values": [1, 2], "name": HOSTILE, "baseline": 1, "target": 3},
}


def texts(svg: ET.Element) -> list[ET.Element]:
    return list(svg.iter(f"{SVG}text"))


def text_box(element: ET.Element) -> tuple[float, float, float, float]:
    """A <text>'s box by the same measure the layout uses, from its anchor."""
    width, x, y = text_width(element.text or "", FONT_SIZE), float(element.get("x", 0)), float(element.get("y", 0))
    anchor = element.get("text-anchor") or "start"
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, y - FONT_SIZE * 0.75, left + width, y + FONT_SIZE * 0.25


def inherit_anchors(svg: ET.Element) -> None:
    for group in svg.iter(f"{SVG}g"):
        for child in group:
            if group.get("text-anchor") and not child.get("text-anchor"):
                child.set("text-anchor", group.get("text-anchor", ""))


@pytest.mark.parametrize("case", EDGE_CASES)
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_shape_of_data_makes_a_well_formed_chart_with_no_text_overlapping(case: str, lang: str) -> None:
    chart = chart_for(lang=lang, **EDGE_CASES[case])
    standalone = ET.fromstring(chart.svg.encode())
    inline = ET.fromstring(chart.inline_svg.replace("<svg ", f'<svg xmlns:x="{SVG[1:-1]}" ', 1).encode())
    assert standalone.tag == f"{SVG}svg" and inline.get("role") == "img"
    readable = chart.description.replace("\x0b", "")  # XML cannot hold a vertical tab
    # Named by its own <title> (aria-labelledby), which a PDF carries as the figure's /Alt.
    named_by = [e for e in inline.iter() if e.get("id") == inline.get("aria-labelledby")]
    assert len(named_by) == 1 and named_by[0].tag.endswith("title") and named_by[0].text == readable
    assert standalone.find(f"{SVG}title").text == readable  # type: ignore[union-attr]
    assert standalone.get("font-family") == FONT_FAMILY
    assert chart.svg == chart_for(lang=lang, **EDGE_CASES[case]).svg, "the same chart must be the same bytes"
    inherit_anchors(standalone)
    boxes = [text_box(t) for t in texts(standalone)]
    _, _, width, height = (float(v) for v in standalone.get("viewBox", "").split())
    for i, (left, top, right, bottom) in enumerate(boxes):
        assert 0 <= left and right <= width and 0 <= top and bottom <= height, f"text {i} leaves the drawing"
        for other in boxes[i + 1 :]:
            overlap = min(right, other[2]) > max(left, other[0]) and min(bottom, other[3]) > max(top, other[1])
            assert not overlap, f"{texts(standalone)[i].text!r} overlaps another label"


def test_hostile_name_stays_text() -> None:
    chart = chart_for(**EDGE_CASES["hostile name"])
    assert "<script>" not in chart.svg and "<script>" not in chart.inline_svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;" in chart.inline_svg
    assert "\x0b" not in chart.svg  # XML cannot hold it at all
    root = ET.fromstring(chart.svg.encode())
    assert [e.tag.removeprefix(SVG) for e in root.iter()].count("script") == 0


def test_chart_shows_values_legend_and_periods_in_the_language() -> None:
    chart = chart_for([19_320, 19_290, 19_210], unit="count", baseline=19_400, target=20_000, periods=["2024", "2025H1", "2025H2"])
    shown = [t.text for t in texts(ET.fromstring(chart.svg.encode()))]
    assert {"Vuositoteuma", "Puolivuotistoteuma", f"Lähtötaso 19{NBSP}400", f"Tavoite 20{NBSP}000"} <= set(shown)
    assert {"2024", "1–6/2025", "7–12/2025"} <= set(shown)
    assert f"19{NBSP}210" in shown  # the latest value
    english = [t.text for t in texts(ET.fromstring(chart_for([13.5, 14.6], unit="percent", baseline=13.5, target=13, lang="en").svg.encode()))]
    assert {"Half-year actual", "Baseline 13.5%", "Target 13%", "H1 2006", "H2 2006", "14.6%"} <= set(english)
    assert "Annual actual" not in english  # a line of half-years only
    finnish = [t.text for t in texts(ET.fromstring(chart_for([13.5, 14.6], unit="percent").svg.encode()))]
    assert f"14,6{NBSP}%" in finnish and f"14,5{NBSP}%" in finnish  # a y tick with a decimal comma


def test_annual_and_half_year_values_differ_in_marker_legend_and_text() -> None:
    chart = chart_for([19_320, 19_290, 19_210], unit="count", periods=["2024", "2025H1", "2025H2"])
    root = ET.fromstring(chart.svg.encode())
    markers = list(root.find(f"{SVG}g[@class='markers']"))  # type: ignore[arg-type]
    assert [m.tag.removeprefix(SVG) for m in markers] == ["rect", "circle", "circle"]
    legend = list(root.find(f"{SVG}g[@class='legend']"))  # type: ignore[arg-type]
    tags = [e.tag.removeprefix(SVG) if e.tag != f"{SVG}text" else e.text for e in legend]
    assert tags == ["line", "rect", "Vuositoteuma", "line", "circle", "Puolivuotistoteuma"]
    assert f"Vuosi- ja puolivuotistoteumat: 2024 (koko vuosi): 19{NBSP}320, 1–6/2025 (puolivuosi): 19{NBSP}290" in chart.description
    only_years = chart_for([5.0, 4.5], periods=["2024", "2025"], lang="en")
    assert "Annual actuals: 2024: 5, 2025: 4.5." in only_years.description
    assert "whole year" not in only_years.description


def marker_x(marker: ET.Element) -> float:
    if marker.get("cx") is not None:
        return float(marker.get("cx", ""))
    return float(marker.get("x", "")) + float(marker.get("width", "")) / 2


def test_the_time_axis_gives_a_year_twice_a_half_years_width() -> None:
    """Points at the middle of their periods, ticks where periods begin and end."""
    root = ET.fromstring(chart_for([1, 2, 3], periods=["2024", "2025H1", "2025H2"]).svg.encode())
    ticks = sorted(float(t.get("x1", "")) for t in root.find(f"{SVG}g[@class='x-ticks']"))  # type: ignore[union-attr]
    assert len(ticks) == 4
    year, first_half, second_half = (b - a for a, b in itertools.pairwise(ticks))
    assert abs(year - 2 * first_half) < 0.02 and abs(first_half - second_half) < 0.02
    centres = [marker_x(m) for m in root.find(f"{SVG}g[@class='markers']")]  # type: ignore[union-attr]
    assert [round(c, 1) for c in centres] == [round((a + b) / 2, 1) for a, b in itertools.pairwise(ticks)]


def test_y_axis_covers_baseline_and_target() -> None:
    chart = ET.fromstring(chart_for([10, 11], baseline=2, target=30).svg.encode())
    ticks = [float(t.text.replace(NBSP, "")) for t in chart.iter(f"{SVG}text") if t in list(chart.find(f"{SVG}g[@class='y-labels']") or [])]  # type: ignore[union-attr]
    assert min(ticks) <= 2 and max(ticks) >= 30


def test_baseline_and_target_differ_in_dash_pattern_and_colour() -> None:
    assert BASELINE.dash and TARGET.dash and BASELINE.dash != TARGET.dash and ACTUAL.dash is None
    assert len({ACTUAL.colour, BASELINE.colour, TARGET.colour}) == 3
    lines = ET.fromstring(chart_for([1, 2], baseline=1, target=3).svg.encode()).iter(f"{SVG}line")
    dashes = {line.get("stroke-dasharray") for line in lines if line.get("stroke-dasharray")}
    assert dashes == {BASELINE.dash, TARGET.dash}


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_colour_in_a_chart_meets_aa_contrast_on_white() -> None:
    svg = chart_for([1, 2, 3], baseline=1, target=3).svg
    colours = set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', svg)) - {"#ffffff", "#d5d9de"}  # white rims, grid
    assert colours >= {ACTUAL.colour, BASELINE.colour, TARGET.colour}
    for colour in colours:
        assert 1.05 / (_luminance(colour) + 0.05) >= 4.5, colour


def test_forty_periods_thin_the_period_labels_but_keep_the_latest() -> None:
    chart = ET.fromstring(chart_for(**EDGE_CASES["45 periods"]).svg.encode())
    periods = [t.text for t in chart.find(f"{SVG}g[@class='x-labels']")]  # type: ignore[union-attr]
    assert 3 <= len(periods) < 45 and periods[-1] == "1–6/2028"
    values = list(chart.find(f"{SVG}g[@class='values']"))  # type: ignore[union-attr]
    latest = EDGE_CASES["45 periods"]["values"][-1]
    assert [v.text for v in values if v.tag == f"{SVG}text"] == [f"{latest}{NBSP}%"]  # only the latest fits


def test_chart_scales_to_the_page_width() -> None:
    root = ET.fromstring(chart_for([1, 2]).svg.encode())
    assert root.get("viewBox", "").startswith(f"0 0 {WIDTH:g} ")


@pytest.mark.slow
def test_charts_inline_in_html_have_unique_ids_and_read_back_from_the_pdf(cli, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEMI_TODAY", "2026-08-15")
    synthetic = make_synthetic_workspace(data_dir)
    html_file, pdf_file = tmp_path / "hy.html", tmp_path / "hy.pdf"
    for out in (html_file, pdf_file):
        result = cli("report", "half-year", "--period", "2026H1", "--lang", "both", "--data", str(synthetic), "-o", str(out))
        assert result.exit_code == 0, result.output
    html = html_file.read_text()
    assert html.count('<svg role="img"') == 12
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert "matplotlib" not in html
    text = subprocess.run(["pdftotext", "-layout", str(pdf_file), "-"], check=True, capture_output=True, text=True).stdout
    for label in ("Vuositoteuma", "Puolivuotistoteuma", f"Lähtötaso 19{NBSP}400", f"Tavoite 19{NBSP}400", "Annual actual", "Half-year actual", "Baseline 19,400", "1–6/2026", "H1 2026"):
        assert label.replace(NBSP, " ") in text.replace(NBSP, " "), label
    fonts = subprocess.run(["pdffonts", str(pdf_file)], check=True, capture_output=True, text=True).stdout
    assert "Inter" in fonts and "DejaVu" not in fonts
