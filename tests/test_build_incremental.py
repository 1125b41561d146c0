"""`kemi build` again after an edit: each document is dated by what it shows, so that recording a
value for a later period leaves every document of the periods published byte-identical."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import tree_hashes

# The site presents 2025H2 (the latest half-year ended by this day); 2026H1 has begun.
TODAY = "2026-03-01"
GIT_IDENTITY = ("-c", "user.name=Testi", "-c", "user.email=testi@example.invalid")


def kemi(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "KEMI_TODAY": TODAY, "COLUMNS": "120", **(env or {})}
    full_env.pop("SOURCE_DATE_EPOCH", None) if env is None or "SOURCE_DATE_EPOCH" not in env else None
    result = subprocess.run([sys.executable, "-m", "kemi_cli", *args], cwd=cwd, env=full_env, capture_output=True,
                            text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr
    return result


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *GIT_IDENTITY, "-C", str(folder), *args], check=True, capture_output=True)


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_a_value_for_a_later_period_changes_only_the_data_that_holds_it(data_dir: Path, tmp_path: Path) -> None:
    # Committed data, no SOURCE_DATE_EPOCH: the hardest case, where the commit and its time
    # change with the edit.
    git(data_dir, "init", "-q")
    git(data_dir, "add", ".")
    git(data_dir, "commit", "-q", "-m", "data")
    kemi("build", "--data", str(data_dir), "--out", "first", cwd=tmp_path)
    first = tree_hashes(tmp_path / "first")

    kemi("kpi", "set", "asukkaat", "20100", "--period", "2026H1", "--by", "Testi", "--data", str(data_dir), cwd=tmp_path)
    git(data_dir, "commit", "-q", "-am", "asukkaat 2026H1")
    kemi("build", "--data", str(data_dir), "--out", "second", cwd=tmp_path)
    second = tree_hashes(tmp_path / "second")

    differs = changed(first, second)
    # The downloads hold every value; every document and page shows 2025H2 or earlier.
    assert "data/kpis/asukkaat.csv" in differs
    assert differs <= {"kpis.csv", "kpis.json"} | {name for name in first if name.startswith("data/")}
    assert "half-year-2025H2-fi.pdf" not in differs and "annual-2025-en.pdf" not in differs
    review = (tmp_path / "second" / "half-year-2025H2-fi.html").read_text(encoding="utf-8")
    assert "git-commit" not in review  # the commit of the whole data is no document's own
