"""`kemi kpi list/show`: where each indicator stands and its history (the export: test_kpi_export.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kemi_cli.status import STATUS_SYMBOLS
from kemi_cli.validate import load_workspace

from .conftest import seeded_copy

ENV = {"KEMI_TODAY": "2026-08-15", "KEMI_USER": "testi.kayttaja"}

# Made-up figures for the tests, not the city's.
SEEDED = [
    ("asukkaat", "19 420", "2025H2", ()),
    ("asukkaat", "19 100", "2026H1", ("--source", "Tilastokeskus")),
    ("yritykset", "926", "2026H1", ()),
    ("tyottomyysaste", "14,1", "2025H2", ()),
    ("tyottomyysaste", "13,5 %", "2026H1", ()),
    ("tyottomyysaste", "12,9", "2026H1", ("--replace", "--by", "Anna")),
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the shipped data with the values above recorded; the tests of this module only read it."""
    return seeded_copy(tmp_path_factory.mktemp("seeded"), SEEDED, ENV)


def test_list_json_rows_follow_the_status_rule(cli, seeded: Path) -> None:
    result = cli("kpi", "list", "--json", "--period", "2026H1", "--data", str(seeded))
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    rows = {row["id"]: row for row in document["kpis"]}
    workspace = load_workspace(seeded)
    assert list(rows) == [k.id for k in workspace.kpis]
    assert rows["asukkaat"]["latest"] == {"period": "2026H1", "value": 19100}
    assert rows["asukkaat"]["change"] == -320
    assert rows["asukkaat"]["status"] == "at_risk"  # 1.5 % under a level to keep
    assert rows["tyottomyysaste"]["latest"] == {"period": "2026H1", "value": 12.9}  # the replacement
    assert rows["tyottomyysaste"]["status"] == "on_track"
    assert rows["tyottomyysaste"]["change"] == -1.2
    assert rows["yopymiset"]["status"] == "no_data" and rows["yopymiset"]["latest"] is None
    assert rows["asukkaat"]["name"] == {"fi": "Asukkaiden määrä", "en": "Number of residents"}


def rows_by_id(table: str, ids: list[str]) -> dict[str, list[str]]:
    """The lines of each row of a terminal table whose first column starts with an id."""
    rows: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in table.splitlines():
        first = line.split(" ", 1)[0]
        if first in ids:
            current = rows.setdefault(first, [])
        if current is not None:
            current.append(line)
    return rows


def test_list_table_shows_status_as_word_and_symbol(run_kemi, seeded: Path) -> None:
    result = run_kemi("kpi", "list", "--period", "2026H1", "--lang", "en", "--data", str(seeded), env=ENV)
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout  # NO_COLOR is respected
    rows = rows_by_id(result.stdout, [k.id for k in load_workspace(seeded).kpis])
    assert f"{STATUS_SYMBOLS['at_risk']} at risk" in rows["asukkaat"][0]
    assert "Number of residents" in rows["asukkaat"][1]
    assert " 19,100 " in rows["asukkaat"][0] and "(2026H1)" in rows["asukkaat"][1]
    assert " count " in rows["asukkaat"][0]
    assert f"{STATUS_SYMBOLS['on_track']} on track" in rows["tyottomyysaste"][0]
    assert " −1.2\u00a0pp " in rows["tyottomyysaste"][0]  # a percentage's change in points, as in the reports
    lines = {kpi_id: row[0] for kpi_id, row in rows.items()}
    assert f"{STATUS_SYMBOLS['no_data']} no data" in lines["yopymiset"]
    assert f"{STATUS_SYMBOLS['off_track']} off track" in lines["yritykset"]  # 926, below the 927 it started from


def test_tables_print_the_data_as_written(run_kemi, seeded: Path, tmp_path: Path) -> None:
    """A name from the data is text: no emoji codes turned into pictures, no markup read."""
    data_dir = tmp_path / "data"
    shutil.copytree(seeded, data_dir)
    kpis = data_dir / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8").replace("en: Number of residents}", "en: 'Residents :smile: [b]all[/b]'}"), encoding="utf-8")
    for command in (("kpi", "list"), ("kpi", "show", "asukkaat")):
        result = run_kemi(*command, "--lang", "en", "--data", str(data_dir), env={**ENV, "COLUMNS": "200"})
        assert result.returncode == 0, result.stderr
        assert "Residents :smile: [b]all[/b]" in result.stdout


def test_list_filters(cli, seeded: Path) -> None:
    def ids(*args: str) -> list[str]:
        result = cli("kpi", "list", "--json", "--period", "2026H1", "--data", str(seeded), *args)
        assert result.exit_code == 0, result.output
        return [row["id"] for row in json.loads(result.stdout)["kpis"]]

    workspace = load_workspace(seeded)
    assert ids("--group", "vetovoima") == [k.id for k in workspace.kpis_file.groups[0].kpis]
    assert ids("--goal", "visio") == [k.id for k in workspace.kpis if "visio" in k.serves]
    assert ids("--status", "at_risk") == ["asukkaat"]
    assert ids("--status", "on_track", "--group", "tyollisyys") == ["tyottomyysaste"]
    for args, message in (
        (("--status", "at-risk"), "did you mean 'at_risk'"),
        (("--goal", "viisaz"), "did you mean 'viisas'"),
        (("--group", "nope"), "unknown group 'nope'"),
        (("--lang", "sv"), "--lang"),
        (("--period", "2026H5"), "is not a period"),
    ):
        result = cli("kpi", "list", "--data", str(seeded), *args)
        assert result.exit_code == 2 and message in result.stderr, (args, result.output)


def test_show_has_the_definition_the_whole_history_and_a_sparkline(cli, seeded: Path) -> None:
    result = cli("kpi", "show", "tyottomyysaste", "--json", "--period", "2026H1", "--data", str(seeded))
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["unit"] == "percent" and shown["direction"] == "decrease"
    assert [(h["period"], h["value"], h["current"]) for h in shown["history"]] == [
        ("2025H2", 14.1, True),
        ("2026H1", 13.5, False),
        ("2026H1", 12.9, True),
    ]
    assert shown["history"][1]["replaced_by"] == "Anna" and shown["history"][1]["replaced_at"] == "2026-08-15"
    assert shown["distance_to_target"] == 0.0
    assert shown["sparkline"] == "█▁"

    table = cli("kpi", "show", "asukkaat", "--period", "2026H1", "--lang", "fi", "--data", str(seeded))
    assert table.exit_code == 0, table.output
    for expected in ("Asukkaiden määrä", "19\u00a0420", "19\u00a0100", "Tilastokeskus", "15.8.2026", "testi.kayttaja", "█▁", "▲ riskissä"):
        assert expected in table.stdout, expected
    unknown = cli("kpi", "show", "asukas", "--data", str(seeded))
    assert unknown.exit_code == 2 and "did you mean 'asukkaat'" in unknown.stderr


def test_show_says_what_awaits_confirmation_and_which_years_are_assumed(cli, seeded: Path) -> None:
    """The source gives no years: a baseline's and a target's year are the strategy period's, and
    that period is an assumption; the JSON leaves the years the data does not give empty."""
    table = cli("kpi", "show", "asukkaat", "--lang", "en", "--data", str(seeded))
    assert table.exit_code == 0, table.output
    text = " ".join(table.stdout.split())
    assert "19,400 (2024: the strategy period's first year, an assumption)" in text
    assert ">= 19,400 (2030: the strategy period's last year, an assumption)" in text
    assert "To confirm direction, serves, data_source" in text
    assert "the target is read as a level to keep at least" in text
    shown = json.loads(cli("kpi", "show", "asukkaat", "--json", "--data", str(seeded)).stdout)
    assert shown["baseline_period"] is None and shown["target_period"] is None
    assert shown["needs_confirmation"] == ["direction", "serves", "data_source", "frequency"]


def test_read_only_commands_do_not_import_heavy_libraries(run_kemi, seeded: Path) -> None:
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['kemi', 'kpi', 'list', '--data', sys.argv[1]]\n"
        "try:\n    runpy.run_module('kemi_cli', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'matplotlib', 'jinja2', 'openpyxl') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", probe, str(seeded)], capture_output=True, text=True, timeout=120, check=False)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
