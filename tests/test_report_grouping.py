"""The reports and `kemi status` group projects and KPIs by the same rules (kemi_cli.overview):
a sector runs a project its card names or its key-project list names; a report lists every
objective, where the status command shows only those that KPIs serve."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from kemi_cli.overview import build_overview
from kemi_cli.periods import Period
from kemi_cli.validate import load_workspace


def section(text: str, heading: str) -> str:
    """The Markdown under `heading` up to the next heading of any level."""
    body = text.split(f"{heading}\n", 1)[1]
    return body.split("\n#", 1)[0]


def test_report_and_status_group_a_project_by_its_card_and_by_the_sector_list(run_kemi: Callable, data_dir: Path) -> None:
    # The card alone puts kemi_kutsuu_viestinta in the wellbeing sector; only the strategy's list
    # keeps arm in the vitality sector once its card no longer names it.
    card = data_dir / "projects" / "kemi_kutsuu_viestinta.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("sectors: []", "sectors: [hyvinvointi]"), encoding="utf-8")
    arm = data_dir / "projects" / "arm.yaml"
    arm.write_text(arm.read_text(encoding="utf-8").replace("sectors: [elinvoima]", "sectors: []"), encoding="utf-8")

    status = run_kemi("status", "--data", str(data_dir), "--period", "2026H1", "--json")
    assert status.returncode == 0, status.stderr
    by_sector = {row["id"]: row["projects"] for row in json.loads(status.stdout)["projects_by_sector"]}
    assert by_sector["hyvinvointi"][-1] == "kemi_kutsuu_viestinta"  # after the listed ones
    assert "kemi_kutsuu_viestinta" not in by_sector[None]
    assert by_sector["elinvoima"][0] == "arm"

    report = run_kemi("report", "half-year", "--data", str(data_dir), "--period", "2026H1", "--lang", "en", "-o", "-")
    assert report.returncode == 0, report.stderr
    wellbeing = section(report.stdout, "### Wellbeing sector")
    city_wide = section(report.stdout, "### City-wide projects")
    assert wellbeing.rstrip().splitlines()[-1].startswith("| Kemi is calling")
    assert "Kemi is calling" not in city_wide
    vitality_rows = [line for line in section(report.stdout, "### Vitality sector").splitlines() if line.startswith("| ")]
    assert vitality_rows[2].startswith("| ÄRM – sudden structural change |")  # after the heading and rule rows

    card_report = run_kemi("report", "project", "arm", "--data", str(data_dir), "--period", "2026H1", "--lang", "en", "-o", "-")
    assert card_report.returncode == 0, card_report.stderr
    assert "- **Sectors:** Vitality sector" in card_report.stdout


def test_a_report_lists_every_objective_the_status_command_only_those_kpis_serve(data_dir: Path) -> None:
    workspace = load_workspace(data_dir)
    at = Period.parse("2026H1")
    shown = [row.target_id for row in build_overview(workspace, at).kpis_by_goal]
    reported = [row.target_id for row in build_overview(workspace, at, every_target=True).kpis_by_goal]
    unserved = [sid for sid in workspace.servable_ids if not any(sid in k.serves for k in workspace.kpis)]
    assert unserved, "the shipped data has an objective no KPI serves yet"
    assert reported[: len(workspace.servable_ids)] == workspace.servable_ids
    goals = {g.id for g in workspace.strategy.goals}
    assert [sid for sid in reported if sid not in unserved or sid in goals] == shown
