"""A report asks git for the data's commit; the data's repository cannot make git run commands of
its choosing through kemi (core.fsmonitor, hooks, a pager), and git is given a bounded time."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .test_hostile_input import run


def _git(folder: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", "-C", str(folder), *args], env=env, check=True, capture_output=True, text=True).stdout.strip()


def test_the_repository_cannot_run_commands_through_a_report(data_dir: Path, tmp_path: Path) -> None:
    witness = tmp_path / "pwned"
    script = tmp_path / "hook.sh"
    script.write_text(f"#!/bin/sh\ntouch {witness}\n", encoding="utf-8")
    script.chmod(0o755)
    _git(data_dir, "init", "-q")
    _git(data_dir, "add", "-A")
    _git(data_dir, "commit", "-q", "-m", "data")
    commit = _git(data_dir, "rev-parse", "HEAD")
    for key in ("core.fsmonitor", "core.pager", "core.hooksPath"):
        _git(data_dir, "config", key, str(script) if key != "core.hooksPath" else str(tmp_path))
    for hook in ("post-index-change", "reference-transaction"):
        (tmp_path / hook).write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
        (tmp_path / hook).chmod(0o755)
    (data_dir / "kpis.yaml").touch()  # a changed stat makes `git status` consult the fsmonitor

    result = run("report", "strategy", "-o", "-", "--data", str(data_dir))

    assert result.exit_code == 0, result.stderr
    assert commit[:12] in result.stdout  # provenance still read
    assert not witness.exists()
