"""Other writers: an editor or `git checkout` that ignores kemi's lock, and sixteen kemi
processes at the same moment. Nothing that reported success may be lost, and nothing written
by someone else may be overwritten."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kemi_cli.actuals
import kemi_cli.validate
from kemi_cli.actuals import NewActual, Recording, record_actual
from kemi_cli.edit import edit_file
from kemi_cli.errors import EditConflict
from kemi_cli.periods import Period
from kemi_cli.validate import validate_workspace, workspace_validator

from .test_hostile_input import run

NEW_VALUE = NewActual("yritykset", Period.parse("2026H1"), 930)
RECORDING = Recording(Period.parse("2026H1").end, "testaaja")
OUTSIDE_EDIT = "# Tallennettu editorista kesken kemin muokkauksen.\n"


def comment_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


# ---------------------------------------------------------------- edits made outside kemi


def _saving_meanwhile(path: Path, how: str):  # type: ignore[no-untyped-def]
    """A validator that, while kemi validates its change, lets an 'editor' save the file:
    written in place (most editors) or renamed over it (git checkout, some editors)."""
    validate = workspace_validator(path.parent)

    def validate_while_someone_saves(edited: Path, new_text: str):  # type: ignore[no-untyped-def]
        findings = validate(edited, new_text)
        changed = OUTSIDE_EDIT + path.read_text(encoding="utf-8")
        if how == "in place":
            path.write_text(changed, encoding="utf-8")
        else:
            (path.parent / "checkout.tmp").write_text(changed, encoding="utf-8")
            os.replace(path.parent / "checkout.tmp", path)
        return findings

    return validate_while_someone_saves


@pytest.mark.parametrize("how", ["in place", "renamed over"])
def test_a_file_changed_between_read_and_write_is_not_overwritten(data_dir: Path, how: str) -> None:
    kpis = data_dir / "kpis.yaml"
    original = kpis.read_text(encoding="utf-8")

    with pytest.raises(EditConflict, match="changed while kemi was editing it"):
        edit_file(kpis, lambda document: document["groups"][0]["kpis"][0].__setitem__("note", {"fi": "a", "en": "b"}), _saving_meanwhile(kpis, how))

    assert kpis.read_text(encoding="utf-8") == OUTSIDE_EDIT + original  # the other save stands
    assert not list(data_dir.glob(".*.kemi-tmp"))


def test_the_command_says_so_and_exits_1(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kpis = data_dir / "kpis.yaml"
    original = kpis.read_text(encoding="utf-8")
    # kpi set takes its validator from kemi_cli.validate when it runs (review_edit.edit_locked_periods).
    monkeypatch.setattr(
        kemi_cli.validate, "workspace_validator", lambda data, check_digests=True: _saving_meanwhile(data / "kpis.yaml", "in place")
    )

    result = run("kpi", "set", "yritykset", "930", "--period", "2026H1", "--data", str(data_dir))

    assert result.exit_code == 1
    assert "kpis.yaml: the file changed while kemi was editing it" in result.stderr
    assert "nothing was written, run the command again" in result.stderr
    assert kpis.read_text(encoding="utf-8") == OUTSIDE_EDIT + original


def test_a_change_made_before_the_read_is_kept(data_dir: Path) -> None:
    """Not a conflict: kemi edits what it read, and that already holds the other save."""
    kpis = data_dir / "kpis.yaml"
    kpis.write_text(OUTSIDE_EDIT + kpis.read_text(encoding="utf-8"), encoding="utf-8")
    record_actual(data_dir, NEW_VALUE, RECORDING)
    text = kpis.read_text(encoding="utf-8")
    assert text.startswith(OUTSIDE_EDIT) and "value: 930" in text


# ---------------------------------------------------------------- sixteen writers


@pytest.mark.slow
def test_sixteen_kpi_and_project_writers_at_once(data_dir: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    cards = {p.stem: p for p in (data_dir / "projects").glob("*.yaml")}
    originals = {path: path.read_text(encoding="utf-8") for path in [kpis, *cards.values()]}
    kpi_jobs = [
        (["kpi", "set", "yopymiset", "100 500", "--period", "2025"], ("yopymiset", "2025", 100500)),
        (["kpi", "set", "rakennetyottomat", "650", "--period", "2025H2"], ("rakennetyottomat", "2025H2", 650)),
        (["kpi", "set", "asukkaat", "19 410", "--period", "2025H1"], ("asukkaat", "2025H1", 19410)),
        (["kpi", "set", "asukkaat", "19 420", "--period", "2025H2"], ("asukkaat", "2025H2", 19420)),
        (["kpi", "set", "tyottomyysaste", "13,5", "--period", "2026H1", "--replace"], ("tyottomyysaste", "2026H1", 13.5)),
        (["kpi", "set", "tyottomyysaste", "13,6", "--period", "2026H1", "--replace"], ("tyottomyysaste", "2026H1", 13.6)),
        (["kpi", "set", "tyottomyysaste", "13,7", "--period", "2026H1", "--replace"], ("tyottomyysaste", "2026H1", 13.7)),
        (["kpi", "set", "yritykset", "931", "--period", "2026H1"], ("yritykset", "2026H1", 931)),
    ]
    project_jobs = [
        (["project", "update", "arm", "--period", "2026H1", "--progress", "10"], ("arm", "2026H1", 10)),
        (["project", "update", "uimahalli", "--period", "2026H1", "--progress", "20"], ("uimahalli", "2026H1", 20)),
        (["project", "update", "oulu_2026", "--period", "2025H2", "--progress", "30"], ("oulu_2026", "2025H2", 30)),
        (["project", "update", "oulu_2026", "--period", "2026H1", "--progress", "40"], ("oulu_2026", "2026H1", 40)),
        (["project", "update", "satamakangas", "--period", "2026H1", "--progress", "50", "--replace"], ("satamakangas", "2026H1", 50)),
        (["project", "update", "satamakangas", "--period", "2026H1", "--progress", "51", "--replace"], ("satamakangas", "2026H1", 51)),
        (["project", "update", "satamakangas", "--period", "2026H1", "--progress", "52", "--replace"], ("satamakangas", "2026H1", 52)),
        (["project", "update", "satamakangas", "--period", "2026H1", "--progress", "53", "--replace"], ("satamakangas", "2026H1", 53)),
    ]
    assert len(kpi_jobs) + len(project_jobs) == 16
    env = {**os.environ, "KEMI_TODAY": "2026-08-15", "KEMI_USER": "rinnakkain", "KEMI_LOCK_TIMEOUT": "120"}
    env.pop("KEMI_DATA", None)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "kemi_cli", *arguments, "--data", str(data_dir)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for arguments, _ in kpi_jobs + project_jobs
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [(p.args, err) for p, (_, err) in zip(processes, outputs, strict=True) if p.returncode != 0] == []

    result = validate_workspace(data_dir)
    assert result.workspace is not None, [str(f) for f in result.errors]
    workspace = result.workspace
    for _, (kpi_id, period, value) in kpi_jobs:
        assert value in [a.value for a in workspace.kpi(kpi_id).actuals if a.period == period], (kpi_id, period, value)
    for _, (project_id, period, progress) in project_jobs:
        assert progress in [u.progress for u in workspace.projects[project_id].updates if u.period == period], project_id
    # The replacing writers: every value is there, exactly one is current.
    unemployment = [a for a in workspace.kpi("tyottomyysaste").actuals if a.period == "2026H1"]
    assert sorted(a.value for a in unemployment) == [13.5, 13.6, 13.7] and sum(a.is_current for a in unemployment) == 1
    updates = workspace.projects["satamakangas"].updates
    assert sorted(u.progress for u in updates) == [50, 51, 52, 53] and sum(u.is_current for u in updates) == 1
    for path, original in originals.items():
        assert comment_lines(path.read_text(encoding="utf-8")) == comment_lines(original), path.name
    assert not list(data_dir.rglob(".*.kemi-tmp"))
