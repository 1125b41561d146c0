"""`kemi status`, the real CLI: the real gaps of the shipped data, and the statuses the one status
rule computes on a copy with synthetic actuals."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

from kemi_cli.periods import Period
from kemi_cli.status import status_at
from kemi_cli.validate import load_workspace

from .conftest import SHIPPED_DATA, tree_hashes
from .test_overview import SYNTHETIC_ACTUALS, add_synthetic_actuals


def kpi_ids_in(data_dir: Path) -> list[str]:
    """The KPI ids as kpis.yaml lists them, read without kemi's own loader."""
    document = YAML(typ="safe").load((data_dir / "kpis.yaml").read_text(encoding="utf-8"))
    return [kpi["id"] for group in document["groups"] for kpi in group["kpis"]]


def test_shipped_data_shows_its_real_gaps(run_kemi: Callable, tmp_path: Path) -> None:
    before = tree_hashes(SHIPPED_DATA)
    result = run_kemi("status", "--data", str(SHIPPED_DATA), "--period", "2026H1", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    overview = json.loads(result.stdout)
    assert list(overview) == ["period", "kpis", "kpis_by_goal", "projects_by_sector", "gaps", "cycle"]
    assert overview["period"] == "2026H1"
    kpi_ids = kpi_ids_in(SHIPPED_DATA)
    card_ids = sorted(p.stem for p in (SHIPPED_DATA / "projects").glob("*.yaml"))
    # Nothing is recorded yet: every KPI is no_data, every project lacks its update.
    assert [k["id"] for k in overview["kpis"]] == kpi_ids
    assert {k["status"] for k in overview["kpis"]} == {"no_data"}
    for row in overview["kpis_by_goal"]:
        assert row["counts"] == {"on_track": 0, "at_risk": 0, "off_track": 0, "no_data": len(row["kpis"])}
    assert overview["gaps"]["kpis_without_actual"] == kpi_ids
    assert sorted(overview["gaps"]["projects_without_update"]) == card_ids
    empty = {g["project"]: g["fields"] for g in overview["gaps"]["cards_with_empty_fields"]}
    assert sorted(empty) == card_ids and all("owner" in fields for fields in empty.values())
    for row in overview["projects_by_sector"]:
        assert row["counts"]["unknown"] == len(row["projects"])
    assert tree_hashes(SHIPPED_DATA) == before


def test_human_output_names_statuses_with_a_word_and_a_symbol(run_kemi: Callable, data_dir: Path) -> None:
    result = run_kemi("status", "--data", str(data_dir), "--lang", "en", env={"KEMI_TODAY": "2026-09-30"})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "KPIs by goal, 2026H1" in out  # the default period: the last half-year ended by KEMI_TODAY
    assert "period 2026H1: the last ended half-year" in result.stderr
    assert "○ no data" in out and "✓ on track" in out and "? not known" in out
    assert "Smart Kemi [viisas]" in out and "Environment sector [ymparisto]" in out
    assert "Data gaps for the 2026H1 review" in out
    assert f"KPIs with no actual for 2026H1 ({len(kpi_ids_in(data_dir))})" in out


def test_statuses_on_synthetic_actuals_are_the_status_rules(run_kemi: Callable, data_dir: Path) -> None:
    add_synthetic_actuals(data_dir)
    updated = run_kemi(
        "project", "update", "uimahalli", "--data", str(data_dir), "--period", "2026H1", "--status", "active", "--progress", "30"
    )
    assert updated.returncode == 0, updated.stderr
    result = run_kemi("status", "--data", str(data_dir), "--period", "2026H1", "--json")
    assert result.returncode == 0, result.stderr
    overview = json.loads(result.stdout)

    workspace = load_workspace(data_dir)
    at = Period.parse("2026H1")
    expected = {k.id: status_at(k, at, workspace.strategy.period).status for k in workspace.kpis}
    shown = {k["id"]: k["status"] for k in overview["kpis"]}
    assert shown == expected
    assert set(shown.values()) == {"on_track", "at_risk", "off_track", "no_data"}

    # The review of 2026H1 reports a half-yearly KPI's 2026H1 and a yearly one's 2025.
    reported = {kpi_id for kpi_id, period, _ in SYNTHETIC_ACTUALS if period in ("2026H1", "2025")}
    assert overview["gaps"]["kpis_without_actual"] == [k for k in kpi_ids_in(data_dir) if k not in reported]
    assert "uimahalli" not in overview["gaps"]["projects_without_update"]
    environment = next(r for r in overview["projects_by_sector"] if r["id"] == "ymparisto")
    assert environment["counts"]["active"] == 1

    human = run_kemi("status", "--data", str(data_dir), "--period", "2026H1", "--lang", "fi")
    assert "▲ riskissä" in human.stdout and "✗ jäljessä tavoitteesta" in human.stdout


def test_bad_arguments_are_usage_errors(run_kemi: Callable, data_dir: Path) -> None:
    for args, fragment in (
        (("--period", "2026H3"), "'2026H3' is not a period"),
        (("--lang", "sv"), "--lang 'sv' is not one of: fi, en"),
    ):
        result = run_kemi("status", "--data", str(data_dir), *args)
        assert result.returncode == 2, (args, result.stderr)
        assert fragment in result.stderr and "Traceback" not in result.stderr
    bad_today = run_kemi("status", "--data", str(data_dir), env={"KEMI_TODAY": "31.12.2026"})
    assert bad_today.returncode == 2 and "KEMI_TODAY" in bad_today.stderr


def test_invalid_data_fails_with_located_errors(run_kemi: Callable, data_dir: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8").replace("unit: count", "unit: kount", 1), encoding="utf-8")
    result = run_kemi("status", "--data", str(data_dir))
    assert result.returncode == 1
    assert "kpis.yaml:" in result.stderr and "did you mean 'count'" in result.stderr
