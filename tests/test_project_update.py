"""`kemi project update`, the real CLI: round-trip appends, --replace with history, the card kept
current, and every refusal leaving the files byte-identical."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from .conftest import tree_hashes
from .test_project_cards import fill_card

TODAY = {"KEMI_TODAY": "2026-08-20", "KEMI_USER": "tester"}


def card(data_dir: Path, project_id: str) -> dict:
    return YAML(typ="safe").load((data_dir / "projects" / f"{project_id}.yaml").read_text(encoding="utf-8"))


def update(run_kemi: Callable, data_dir: Path, project_id: str, *args: str, env: dict[str, str] | None = None):
    return run_kemi("project", "update", project_id, "--data", str(data_dir), *args, env={**TODAY, **(env or {})})


def test_update_appends_and_keeps_every_other_byte(run_kemi: Callable, data_dir: Path) -> None:
    path = data_dir / "projects" / "uimahalli.yaml"
    before = path.read_text(encoding="utf-8")
    result = update(
        run_kemi, data_dir, "uimahalli", "--status", "active", "--progress", "12,5",
        "--text-fi", "Hankesuunnitelma valmis", "--text-en", "Project plan ready",
    )
    assert result.returncode == 0, result.stderr
    assert "recorded the 2026H1 update (the last ended half-year; no period is under review) of 'uimahalli'" in result.stdout
    after = path.read_text(encoding="utf-8")
    diff = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:2] in ("- ", "+ ")]
    assert [line for line in diff if line.startswith("- ")] == ["- updates: []"]
    assert "+ status: active" in diff and "+ updates:" in diff

    saved = card(data_dir, "uimahalli")
    assert saved["status"] == "active"
    assert saved["updates"] == [
        {
            "period": "2026H1",
            "status": "active",
            "progress": 12.5,
            "text": {"fi": "Hankesuunnitelma valmis", "en": "Project plan ready"},
            "recorded_at": __import__("datetime").date(2026, 8, 20),
            "recorded_by": "tester",
        }
    ]
    assert run_kemi("validate", "--data", str(data_dir), "-q").returncode == 0


def test_second_update_for_a_period_needs_replace_and_keeps_history(run_kemi: Callable, data_dir: Path) -> None:
    assert update(run_kemi, data_dir, "uimahalli", "--status", "active", "--progress", "10").returncode == 0
    before = tree_hashes(data_dir)
    again = update(run_kemi, data_dir, "uimahalli", "--progress", "20")
    assert again.returncode == 2
    assert "already has an update for 2026H1; add --replace" in again.stderr
    assert tree_hashes(data_dir) == before

    replaced = update(run_kemi, data_dir, "uimahalli", "--progress", "20", "--replace", "--by", "Toinen Kirjaaja")
    assert replaced.returncode == 0, replaced.stderr
    old, new = card(data_dir, "uimahalli")["updates"]
    assert old["progress"] == 10 and old["replaced_by"] == "Toinen Kirjaaja" and str(old["replaced_at"]) == "2026-08-20"
    assert new["progress"] == 20 and "replaced_at" not in new and new["recorded_by"] == "Toinen Kirjaaja"

    shown = json.loads(run_kemi("project", "list", "--data", str(data_dir), "--json").stdout)
    row = next(p for p in shown["projects"] if p["id"] == "uimahalli")
    assert (row["latest_progress"], row["latest_progress_period"]) == (20, "2026H1")
    assert run_kemi("validate", "--data", str(data_dir), "-q").returncode == 0


def test_an_update_for_an_earlier_period_leaves_the_card_status(run_kemi: Callable, data_dir: Path) -> None:
    assert update(run_kemi, data_dir, "uimahalli", "--period", "2026H1", "--status", "active").returncode == 0
    late = update(run_kemi, data_dir, "uimahalli", "--period", "2025H2", "--status", "planned", "--text-fi", "a", "--text-en", "b")
    assert late.returncode == 0, late.stderr
    saved = card(data_dir, "uimahalli")
    assert saved["status"] == "active"
    assert [u["period"] for u in saved["updates"]] == ["2026H1", "2025H2"]


def test_phase_status_is_recorded_and_set_on_the_card(run_kemi: Callable, data_dir: Path) -> None:
    fill_card(data_dir, "uimahalli")
    result = update(run_kemi, data_dir, "uimahalli", "--phase", "construction", "--phase-status", "active", "--phase", "Suunnittelu", "--phase-status", "done")
    assert result.returncode == 0, result.stderr
    saved = card(data_dir, "uimahalli")
    assert [p["status"] for p in saved["phases"]] == ["done", "active"]
    assert saved["updates"][0]["phases"] == [
        {"phase": {"fi": "Rakentaminen", "en": "Construction"}, "status": "active"},
        {"phase": {"fi": "Suunnittelu", "en": "Design"}, "status": "done"},
    ]


def test_recorded_by_comes_from_the_environment(run_kemi: Callable, data_dir: Path) -> None:
    result = update(run_kemi, data_dir, "uimahalli", "--progress", "5", env={"KEMI_USER": "", "USER": "tarja"})
    assert result.returncode == 0, result.stderr
    assert card(data_dir, "uimahalli")["updates"][0]["recorded_by"] == "tarja"


REFUSALS = [
    (("uimahali", "--progress", "5"), "unknown project 'uimahali' (did you mean 'uimahalli'?)"),
    (("uimahalli", "--progress", "abc"), "--progress 'abc' is not a number"),
    (("uimahalli", "--progress", "-1"), "out of range"),
    (("uimahalli", "--progress", "100.5"), "out of range"),
    (("uimahalli", "--progress", "nan"), "out of range"),
    (("uimahalli", "--progress", "inf"), "out of range"),
    (("uimahalli", "--status", "activ"), "--status 'activ' is not one of: planned, active, done, paused, cancelled (did you mean 'active'?)"),
    (("uimahalli", "--period", "2026H3", "--progress", "5"), "'2026H3' is not a period"),
    (("uimahalli", "--text-en", "in English only"), "--text-fi is missing: a text is written in Finnish first"),
    (("uimahalli", "--text-fi", " ", "--text-en", "x"), "--text-fi must not be empty"),
    (("uimahalli",), "nothing to record"),
    (("uimahalli", "--phase", "Rakentaminen"), "in pairs"),
    (("uimahalli", "--phase", "Rakentamine", "--phase-status", "done"), "no such phase in project 'uimahalli' (did you mean 'Rakentaminen'?)"),
    (("uimahalli", "--phase", "Rakentaminen", "--phase-status", "finished"), "--phase-status 'finished' is not one of"),
    (("arm", "--phase", "Vaihe 1", "--phase-status", "done"), "project 'arm' has no phases on its card"),
]


@pytest.mark.parametrize(("args", "fragment"), REFUSALS)
def test_refusals_leave_every_file_as_it_was(run_kemi: Callable, data_dir: Path, args: tuple[str, ...], fragment: str) -> None:
    fill_card(data_dir, "uimahalli")
    before = tree_hashes(data_dir)
    result = update(run_kemi, data_dir, *args)
    assert result.returncode == 2, result.stderr
    assert fragment in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert tree_hashes(data_dir) == before


def test_invalid_workspace_refuses_the_update(run_kemi: Callable, data_dir: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8").replace("direction: increase", "direction: upward", 1), encoding="utf-8")
    before = tree_hashes(data_dir)
    result = update(run_kemi, data_dir, "uimahalli", "--progress", "5")
    assert result.returncode == 1
    assert "kpis.yaml:" in result.stderr and "'upward' is not allowed" in result.stderr
    assert tree_hashes(data_dir) == before


def test_update_keeps_crlf_line_endings(run_kemi: Callable, data_dir: Path) -> None:
    path = data_dir / "projects" / "uimahalli.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert update(run_kemi, data_dir, "uimahalli", "--progress", "5").returncode == 0
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")
