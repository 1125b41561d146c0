"""Shared fixtures: a copy of the shipped data in a temporary folder, and ways to run the real CLI."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

# CI decides what lands, so there the property tests draw the same examples on every run (a
# failure is found again, never by chance); a local run keeps searching at random. Either way the
# known hard cases run every time as explicit @example cases.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("KEMI_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

REPO = Path(__file__).resolve().parent.parent
SHIPPED_DATA = REPO / "data"
SOURCE_TEXT = REPO.parent / "shared" / "seed" / "kemi-strategy-source.txt"


def pytest_configure(config: pytest.Config) -> None:
    """kemi speaks Finnish unless told otherwise; the tests read its sentences in English, as they
    pin the terminal's width, unless they ask for a language themselves (--lang, or KEMI_LANG in
    their env). test_cli_language runs the Finnish default and both languages side by side.
    Set before the test modules are collected, for the environments they build at import."""
    os.environ["KEMI_LANG"] = "en"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped data, safe to edit."""
    target = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, target, ignore=shutil.ignore_patterns(".*.lock", ".*.kemi-tmp"))
    return target


def seeded_copy(folder: Path, actuals: list[tuple[str, str, str, tuple[str, ...]]], env: dict[str, str]) -> Path:
    """A copy of the shipped data in `folder`/data with `actuals` (id, value, period, more
    options) recorded through `kemi kpi set`, with `env` set while they are recorded."""
    from kemi_cli.cli import app

    target = folder / "data"
    shutil.copytree(SHIPPED_DATA, target, ignore=shutil.ignore_patterns(".*.lock", ".*.kemi-tmp"))
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        for kpi_id, value, period, extra in actuals:
            result = runner.invoke(app, ["kpi", "set", kpi_id, value, "--period", period, *extra, "--data", str(target)])
            assert result.exit_code == 0, result.output
    return target


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file below `folder`, to prove that a refused command changed nothing."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.fixture(scope="session")
def installed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package built and installed (not editable) into a folder of its own, once per run;
    put it on PYTHONPATH to run kemi as installed."""
    target = tmp_path_factory.mktemp("installed") / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    assert not (target / "kemi_cli" / "__editable__").exists()
    return target


@pytest.fixture
def run_kemi() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed `kemi` in a subprocess, as a user would."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None):
        full_env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
        full_env.pop("KEMI_DATA", None) if env is None or "KEMI_DATA" not in env else None
        return subprocess.run(
            [sys.executable, "-m", "kemi_cli", *args],
            cwd=cwd,
            env=full_env,
            input=input,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


@pytest.fixture
def cli() -> Callable[..., object]:
    """Run kemi in-process with typer's runner (faster; errors still go through main())."""
    from kemi_cli.cli import app

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})

    return invoke


@pytest.fixture
def kemi(cli, monkeypatch):
    """kemi in process, on a given day (KEMI_TODAY), as a given user."""
    monkeypatch.setenv("KEMI_USER", "analyytikko")

    def run(day: str, *args: str):
        monkeypatch.setenv("KEMI_TODAY", day)
        return cli(*args)

    return run


def refused_lines(run: Callable[..., Any], data_dir: Path, *args: str) -> list[str]:
    """Run a command that must be refused: exit 1, no traceback, every file of `data_dir` left
    byte-identical. Returns its lines of output."""
    before = tree_hashes(data_dir)
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert tree_hashes(data_dir) == before
    return result.output.strip().splitlines()


def fill_workbook(path: Path, cells: dict[str, object]) -> None:
    """Type into a workbook as a person would in Excel ('Sheet!F7': value), then save it."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    for ref, value in cells.items():
        sheet, cell = ref.split("!")
        book[sheet][cell] = value
    book.save(path)


def edit_each_kpi(data_dir: Path, change: Callable[[Any], None]) -> None:
    """Change every KPI mapping of the data's kpis.yaml by hand (as a person editing the file
    would), to set up a test."""
    from ruamel.yaml import YAML

    yaml = YAML()
    path = data_dir / "kpis.yaml"
    document = yaml.load(path)
    for group in document["groups"]:
        for kpi in group["kpis"]:
            change(kpi)
    with path.open("w", encoding="utf-8") as file:
        yaml.dump(document, file)
