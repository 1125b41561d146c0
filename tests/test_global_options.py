"""The global options --data, --quiet and --verbose before a command or after it, and the data
folder found upward from the working folder as git finds its repository."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import tree_hashes
from .test_cli_conventions import complete_bash

ENV = {"KEMI_TODAY": "2026-08-15", "KEMI_USER": "testi.kayttaja"}
READ_COMMANDS = [("kpi", "list", "--json"), ("kpi", "show", "asukkaat", "--json"), ("project", "list", "--json"), ("status", "--json")]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c[:-1]))
def test_data_before_the_command_reads_the_same_as_after_it(run_kemi: Callable, data_dir: Path, tmp_path: Path, command: tuple[str, ...]) -> None:
    after = run_kemi(*command, "--data", str(data_dir), cwd=tmp_path, env=ENV)
    before = run_kemi("--data", str(data_dir), *command, cwd=tmp_path, env=ENV)
    assert after.returncode == 0, after.stderr
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout) == json.loads(after.stdout)


def test_data_after_the_command_wins_over_data_before_it(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    result = run_kemi("-v", "--data", str(tmp_path / "elsewhere"), "validate", "--data", str(data_dir), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "kemi: data folder: data (from --data)" in result.stderr


def test_quiet_and_verbose_after_the_command(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    quiet = run_kemi("kpi", "set", "asukkaat", "19420", "--period", "2025H2", "--data", str(data_dir), "-q", cwd=tmp_path, env=ENV)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    verbose = run_kemi("kpi", "list", "--verbose", "--data", str(data_dir), cwd=tmp_path, env=ENV)
    assert verbose.returncode == 0, verbose.stderr
    assert "kemi: data folder: data (from --data)" in verbose.stderr
    assert "kemi: done in " in verbose.stderr
    validated = run_kemi("validate", "--data", str(data_dir), "--quiet", cwd=tmp_path)
    assert "warning" not in validated.stderr and validated.stdout.startswith("OK ")


def test_quiet_and_verbose_exclude_each_other_wherever_they_stand(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    before = tree_hashes(data_dir)
    for args in (("-q", "kpi", "list", "-v"), ("kpi", "list", "-v", "-q"), ("-v", "kpi", "set", "asukkaat", "1", "-q")):
        result = run_kemi(*args, "--data", str(data_dir), cwd=tmp_path, env=ENV)
        assert result.returncode == 2, args
        assert "give --quiet or --verbose, not both" in result.stderr
        assert "Traceback" not in result.stderr
    assert tree_hashes(data_dir) == before


@pytest.mark.parametrize("where", ["the data folder", "a subfolder of it", "the folder above it"])
def test_the_data_folder_is_found_upward(run_kemi: Callable, data_dir: Path, where: str) -> None:
    cwd = {"the data folder": data_dir, "a subfolder of it": data_dir / "projects", "the folder above it": data_dir.parent}[where]
    result = run_kemi("-v", "kpi", "list", "--json", cwd=cwd, env=ENV)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["kpis"]) == 22
    said = next(line for line in result.stderr.splitlines() if line.startswith("kemi: data folder: "))
    folder, origin = said.removeprefix("kemi: data folder: ").split(" (", 1)
    assert origin == f"found upward from {cwd})"
    assert (cwd / folder).resolve() == data_dir.resolve()


def test_an_edit_from_a_subfolder_writes_the_workspace_found_upward(run_kemi: Callable, data_dir: Path) -> None:
    result = run_kemi("kpi", "set", "asukkaat", "19420", "--period", "2025H2", cwd=data_dir / "projects", env=ENV)
    assert result.returncode == 0, result.stderr
    assert "value: 19420" in (data_dir / "kpis.yaml").read_text(encoding="utf-8")


def test_without_a_data_folder_anywhere_the_message_is_the_usual_one(run_kemi: Callable, tmp_path: Path) -> None:
    result = run_kemi("kpi", "list", cwd=tmp_path, env=ENV)
    assert result.returncode == 1
    assert result.stderr.strip() == "data: error: data folder not found (use --data DIR or KEMI_DATA)"


def test_completion_reads_the_data_folder_found_upward_or_given_before_the_command(
    run_kemi: Callable, data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert complete_bash(run_kemi, "kemi kpi show asu", cwd=data_dir / "projects") == ["asukkaat"]
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # no data folder on its way up
    assert complete_bash(run_kemi, "kemi kpi show asu", cwd=elsewhere) == []
    assert complete_bash(run_kemi, f"kemi --data {data_dir} kpi show asu", cwd=elsewhere) == ["asukkaat"]
