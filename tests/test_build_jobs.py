"""`kemi build --jobs N`: the documents rendered in worker processes, the same files as one
after another in one process, a failure named by its document, no progress bar in a pipe."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import tree_hashes

ENV = {**os.environ, "KEMI_TODAY": "2026-03-01", "SOURCE_DATE_EPOCH": "1767225600", "COLUMNS": "120"}


def build(data: Path, cwd: Path, out: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kemi_cli", "build", "--data", str(data), "--out", out, *args],
                          cwd=cwd, env=ENV, capture_output=True, text=True, timeout=900, check=False)


def test_workers_write_the_same_files_as_one_process(data_dir: Path, tmp_path: Path) -> None:
    one = build(data_dir, tmp_path, "one", "--jobs", "1", "--no-cache")
    two = build(data_dir, tmp_path, "two", "--jobs", "2", "--no-cache")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    # Not a terminal: the summary line and nothing else, on either stream.
    assert re.fullmatch(r"built \d+ files into two in \d+\.\d s \(0 unchanged\)\n", two.stdout), two.stdout
    assert two.stderr == ""
    assert tree_hashes(tmp_path / "one") == tree_hashes(tmp_path / "two")
    assert any(name.endswith(".pdf") for name in tree_hashes(tmp_path / "two"))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_that_fails_is_named_and_the_data_is_untouched(data_dir: Path, tmp_path: Path, jobs: str) -> None:
    # A template of the data's own project (templates/ beside the data) that cannot render.
    broken = data_dir.parent / "templates" / "html" / "annual.html.j2"
    broken.parent.mkdir(parents=True)
    broken.write_text("{{ no_such_thing.at_all }}\n", encoding="utf-8")
    before = tree_hashes(data_dir)
    result = build(data_dir, tmp_path, "site", "--jobs", jobs)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and re.search(r"annual-2025-(fi|en)\.(html|pdf): template 'html/annual\.html\.j2'", lines[0]), result.stderr
    assert tree_hashes(data_dir) == before
