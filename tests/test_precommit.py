"""The pre-commit hook that kemi offers, and the repository's own use of it, run kemi validate."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .conftest import REPO
from .test_validate import replace_in


def hooks_offered() -> list[dict[str, Any]]:
    return YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def local_hooks() -> list[dict[str, Any]]:
    config = YAML(typ="safe").load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]


def run_entry(hook: dict[str, Any], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a hook's entry as pre-commit would with pass_filenames false: entry, then args."""
    command, *arguments = shlex.split(hook["entry"])
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert command in scripts, f"the hook runs '{command}', which the package does not install"
    return subprocess.run(
        [sys.executable, "-m", "kemi_cli", *arguments, *hook.get("args", [])],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_offered_hook_validates_the_shipped_data() -> None:
    hook = next(h for h in hooks_offered() if h["id"] == "kemi-validate")
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "data/projects/arm.yaml") and not re.search(hook["files"], "README.md")
    result = run_entry(hook, REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK")


def test_repository_uses_the_same_hook_on_its_data() -> None:
    offered = next(h for h in hooks_offered() if h["id"] == "kemi-validate")
    local = next(h for h in local_hooks() if h["id"] == "kemi-validate")
    assert local["entry"] == offered["entry"] and local["pass_filenames"] is False
    assert re.search(local["files"], "data/kpis.yaml") and not re.search(local["files"], "kemi_cli/models/kpis.py")
    assert run_entry(local, REPO).returncode == 0


def test_hook_blocks_a_commit_of_broken_data(data_dir: Path) -> None:
    replace_in(data_dir / "kpis.yaml", "unit: count", "unit: kount")
    hook = next(h for h in hooks_offered() if h["id"] == "kemi-validate")
    result = run_entry(hook, data_dir.parent)  # the hook runs at the root of a repository with data/
    assert result.returncode == 1
    assert "kpis.yaml:" in result.stderr and "did you mean 'count'" in result.stderr
