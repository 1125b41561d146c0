"""Start-up stays cheap: commands that do not render never import WeasyPrint, matplotlib or Jinja2.

Each command runs in a fresh interpreter (the real CLI entry point, in-process there), which then
prints the heavy modules found in sys.modules.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(%r))
print("\\n" + json.dumps({"code": code, "heavy": heavy}))
""" % (HEAVY,)


def imported_heavy(args: list[str], cwd: Path) -> tuple[object, list[str]]:
    env = {"COLUMNS": "200", "KEMI_TODAY": "2026-03-01", "PATH": "/usr/bin:/bin", "KEMI_USER": "test"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return report["code"], report["heavy"]


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
