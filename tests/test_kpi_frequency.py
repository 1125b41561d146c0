"""Each KPI at its own frequency: a yearly KPI takes years, a half-yearly one half-years, in
`kpi set`, kemi's CSV import and validation; change compares like with like; a yearly KPI is
no gap in a half-year review that has its latest year; charts place periods on a time axis."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kemi_cli.report.chart_geometry import band_centres, span_centres
from kemi_cli.validate import validate_workspace

from .conftest import edit_each_kpi, tree_hashes

ENV = {"KEMI_TODAY": "2026-08-20", "KEMI_USER": "testi"}


def set_frequencies(data_dir: Path, frequencies: dict[str, str | None], actuals: dict[str, list[tuple[str, float]]] | None = None) -> None:
    """Give KPIs a frequency (None: none stated) and, for tests, synthetic actuals."""

    def change(kpi: Any) -> None:
        if kpi["id"] in frequencies:
            if frequencies[kpi["id"]] is None:
                kpi.pop("frequency", None)
            else:
                kpi["frequency"] = frequencies[kpi["id"]]
        for period, value in (actuals or {}).get(kpi["id"], []):
            kpi["actuals"].append({"period": period, "value": value, "recorded_at": "2026-08-01"})

    edit_each_kpi(data_dir, change)


def kemi(run_kemi, data_dir: Path, *args: str):
    return run_kemi(*args, "--data", str(data_dir), env=ENV)


@pytest.mark.parametrize(
    ("frequency", "period", "message"),
    [
        ("year", "2025H2", "KPI 'poissaolot' is measured yearly: give a year such as 2025, not 2025H2"),
        ("half-year", "2025", "KPI 'poissaolot' is measured every half-year: give 2025H1 or 2025H2, not 2025"),
    ],
)
def test_set_refuses_a_period_at_the_other_frequency(run_kemi, data_dir: Path, frequency: str, period: str, message: str) -> None:
    set_frequencies(data_dir, {"poissaolot": frequency})
    before = tree_hashes(data_dir)
    result = kemi(run_kemi, data_dir, "kpi", "set", "poissaolot", "5", "--period", period)
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {message}"
    assert tree_hashes(data_dir) == before


def test_csv_import_refuses_every_row_at_the_other_frequency(run_kemi, data_dir: Path, tmp_path: Path) -> None:
    set_frequencies(data_dir, {"poissaolot": "year", "tyottomyysaste": "half-year"})
    rows = tmp_path / "rivit.csv"
    rows.write_text("id,period,value\npoissaolot,2025,5\npoissaolot,2025H2,5\ntyottomyysaste,2025,13\n", encoding="utf-8")
    before = tree_hashes(data_dir)
    result = kemi(run_kemi, data_dir, "kpi", "import", str(rows))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("rivit.csv:3: error: KPI 'poissaolot' is measured yearly: give a year such as 2025, not 2025H2")
    assert lines[1].endswith("rivit.csv:4: error: KPI 'tyottomyysaste' is measured every half-year: give 2025H1 or 2025H2, not 2025")
    assert tree_hashes(data_dir) == before


def test_validate_finds_a_hand_written_value_at_the_other_frequency(run_kemi, data_dir: Path) -> None:
    set_frequencies(data_dir, {"poissaolot": "year"}, {"poissaolot": [("2025H2", 5.0)]})
    result = kemi(run_kemi, data_dir, "validate")
    assert result.returncode == 1
    assert "kpis.yaml:" in result.stderr
    assert ": error: KPI 'poissaolot' is measured yearly: give a year such as 2025, not 2025H2" in result.stderr


def test_a_kpi_without_a_frequency_is_a_warning_and_takes_both(run_kemi, data_dir: Path) -> None:
    set_frequencies(data_dir, {"poissaolot": None}, {"poissaolot": [("2025", 5.0), ("2025H2", 4.0)]})
    result = kemi(run_kemi, data_dir, "validate")
    assert result.returncode == 0, result.stderr
    assert "warning: KPI 'poissaolot' states no frequency (year or half-year)" in result.stderr


def test_the_default_period_of_a_yearly_kpi_is_the_year_its_review_reports(run_kemi, data_dir: Path) -> None:
    set_frequencies(data_dir, {"poissaolot": "year", "tyottomyysaste": "half-year"})
    yearly = kemi(run_kemi, data_dir, "kpi", "set", "poissaolot", "5")
    assert yearly.returncode == 0, yearly.stderr
    assert "poissaolot 2025 (the last ended half-year; no period is under review, 2026H1, at the KPI's frequency (year))" in yearly.stdout
    half_yearly = kemi(run_kemi, data_dir, "kpi", "set", "tyottomyysaste", "13")
    assert "tyottomyysaste 2026H1 (" in half_yearly.stdout
    workspace = validate_workspace(data_dir).workspace
    assert [a.period for a in workspace.kpi("poissaolot").actuals] == ["2025"]


def test_change_compares_like_with_like(run_kemi, data_dir: Path) -> None:
    set_frequencies(data_dir, {"asukkaat": None}, {"asukkaat": [("2025", 19533), ("2025H2", 19420), ("2026H1", 19400)]})
    listed = json.loads(kemi(run_kemi, data_dir, "kpi", "list", "--json", "--period", "2026H1").stdout)
    row = next(k for k in listed["kpis"] if k["id"] == "asukkaat")
    assert row["latest"] == {"period": "2026H1", "value": 19400}
    assert row["change"] == -20  # against 2025H2, not the year 2025


def test_a_yearly_kpi_with_its_latest_year_is_no_gap_in_a_half_year_review(run_kemi, data_dir: Path) -> None:
    set_frequencies(data_dir, {"poissaolot": "year", "tyottomyysaste": "half-year"}, {"poissaolot": [("2025", 5.0)], "tyottomyysaste": [("2025H2", 13.0)]})
    status = json.loads(kemi(run_kemi, data_dir, "status", "--json", "--period", "2026H1").stdout)
    missing = status["gaps"]["kpis_without_actual"]
    assert "poissaolot" not in missing and "tyottomyysaste" in missing
    shown = next(k for k in status["kpis"] if k["id"] == "poissaolot")
    assert shown["actual_period"] == "2025"


def test_span_centres_leave_the_gap_of_a_missing_period() -> None:
    # Evenly spaced half-years sit where the even bands put them.
    assert span_centres([(2025.0, 2025.5), (2025.5, 2026.0), (2026.0, 2026.5)], 0, 300) == band_centres(3, 0, 300)
    # 2026H1 missing: 2026H2 is two bands after 2025H2, not one.
    assert span_centres([(2025.0, 2025.5), (2025.5, 2026.0), (2026.5, 2027.0)], 0, 400) == [50.0, 150.0, 350.0]
    # A single period in the middle, as before.
    assert span_centres([(2025.0, 2026.0)], 0, 300) == [150.0]
