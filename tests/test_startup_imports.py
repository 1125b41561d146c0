"""Start-up stays cheap: commands that do not render never import WeasyPrint, matplotlib or Jinja2;
a command imports its own module only; help needs none of the data machinery; reading commands
leave the edit machinery alone.

Each command runs in a fresh interpreter (the real CLI entry point, in-process there), which then
prints the modules found in sys.modules.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
import typer

import kemi_cli.cli
from kemi_cli.cli.app import COMMAND_MODULES, app

HEAVY = ("weasyprint", "matplotlib", "jinja2")

PROBE = """
import json, sys
from kemi_cli.cli import main
sys.argv = ["kemi", *sys.argv[1:]]
try:
    main()
except SystemExit as stop:
    code = stop.code
else:
    code = 0
print("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def imported_modules(args: list[str], cwd: Path) -> tuple[object, set[str]]:
    """The exit code of `kemi ARGS` and every module it imported."""
    env = {"COLUMNS": "200", "KEMI_TODAY": "2026-03-01", "PATH": "/usr/bin:/bin", "KEMI_USER": "test"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def among(modules: set[str], names: Iterable[str]) -> list[str]:
    """Which of `names` (packages or modules) are in `modules`, a submodule counting for its package."""
    return sorted(n for n in names if any(m == n or m.startswith(n + ".") for m in modules))


def imported_heavy(args: list[str], cwd: Path) -> tuple[object, list[str]]:
    code, modules = imported_modules(args, cwd)
    return code, among(modules, HEAVY)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["validate", "--data", "DATA"],
        ["kpi", "list", "--data", "DATA"],
        ["kpi", "show", "asukkaat", "--data", "DATA"],
        ["kpi", "set", "asukkaat", "19 400", "--period", "2026H1", "--data", "DATA"],
        ["kpi", "export", "--format", "csv", "-o", "out.csv", "--data", "DATA"],
        ["project", "list", "--data", "DATA"],
        ["status", "--data", "DATA"],
        ["schema"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_commands_that_do_not_render_import_no_renderer(data_dir: Path, args: list[str]) -> None:
    code, heavy = imported_heavy([str(data_dir) if arg == "DATA" else arg for arg in args], data_dir.parent)
    assert code in (0, None), f"kemi {' '.join(args)} exited {code}"
    assert heavy == [], f"kemi {' '.join(args)} imported {heavy}"


def test_the_probe_sees_a_renderer_when_one_is_used(data_dir: Path) -> None:
    # Without this the test above could pass because the probe never sees any import.
    code, heavy = imported_heavy(
        ["report", "half-year", "--period", "2025H2", "--format", "html", "-o", "out.html", "--data", str(data_dir)],
        data_dir.parent,
    )
    assert code in (0, None)
    assert "jinja2" in heavy


# ---------------------------------------------------------------- command modules load when their command runs


def test_the_root_help_imports_none_of_the_data_machinery(tmp_path: Path) -> None:
    code, modules = imported_modules(["--help"], tmp_path)
    assert code in (0, None)
    assert among(modules, ("pydantic", "ruamel", "babel", "rich", "filelock")) == []


@pytest.mark.parametrize("args", [["kpi", "--help"], ["kpi", "list", "--help"], ["project", "update", "--help"]])
def test_command_help_builds_no_models_and_reads_no_yaml(tmp_path: Path, args: list[str]) -> None:
    # typer converts option values with pydantic, so pydantic itself may load; kemi's models,
    # the YAML reader, Babel and rich wait until a command reads data.
    code, modules = imported_modules(args, tmp_path)
    assert code in (0, None)
    models = ("kemi_cli.models.common", "kemi_cli.models.kpis", "kemi_cli.models.projects", "kemi_cli.models.strategy")
    assert among(modules, (*models, "kemi_cli.validate", "ruamel", "babel", "rich", "filelock")) == []


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (["kpi", "list", "--data", "DATA"], "kpi_cmd"),
        (["status", "--data", "DATA"], "status_cmd"),
        (["project", "show", "uimahalli", "--data", "DATA"], "project_cmd"),
        (["validate", "--data", "DATA"], "validate_cmd"),
    ],
    ids=lambda value: value if isinstance(value, str) else " ".join(value[:2]),
)
def test_a_command_imports_its_own_module_only(data_dir: Path, args: list[str], module: str) -> None:
    code, modules = imported_modules([str(data_dir) if arg == "DATA" else arg for arg in args], data_dir.parent)
    assert code in (0, None)
    assert among(modules, [f"kemi_cli.cli.{name}" for name in COMMAND_MODULES.values()]) == [f"kemi_cli.cli.{module}"]


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--data", "DATA"],
        ["kpi", "list", "--data", "DATA"],
        ["kpi", "show", "asukkaat", "--data", "DATA"],
        ["status", "--data", "DATA"],
        ["project", "list", "--data", "DATA"],
        ["project", "show", "uimahalli", "--data", "DATA"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_reading_commands_import_no_edit_machinery(data_dir: Path, args: list[str]) -> None:
    code, modules = imported_modules([str(data_dir) if arg == "DATA" else arg for arg in args], data_dir.parent)
    assert code in (0, None)
    assert among(modules, ("kemi_cli.edit", "kemi_cli.project_edit", "kemi_cli.actuals", "filelock")) == []


def test_every_command_module_is_known_to_the_app() -> None:
    """The app finds a command's module in COMMAND_MODULES; a command registered by a module
    missing there would never load."""
    for module in pkgutil.iter_modules(kemi_cli.cli.__path__):
        importlib.import_module(f"kemi_cli.cli.{module.name}")
    registered = typer.main.get_command(app)
    assert list(registered.list_commands(typer.Context(registered))) == list(COMMAND_MODULES)  # type: ignore[attr-defined]
    assert set(registered.commands) == set(COMMAND_MODULES)  # type: ignore[attr-defined]
