"""SECURITY.md's table of the hostile-input corpus tells the truth: every test file it names
exists, and each holds as many cases as the table says."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

from .conftest import REPO

ROW = re.compile(r"^\| (?P<name>[^|]+) \| (?P<cases>\d+) \| [^|]+ \| `(?P<file>tests/test_hostile_\w+\.py)` \|$")


def test_the_table_counts_the_cases_of_each_test_file() -> None:
    rows = [match for line in (REPO / "SECURITY.md").read_text(encoding="utf-8").splitlines() if (match := ROW.match(line))]
    files = sorted(path.relative_to(REPO).as_posix() for path in (REPO / "tests").glob("test_hostile_*.py"))
    assert sorted(row["file"] for row in rows) == files  # every file in the table, once
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *files],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr
    counts = Counter(line.split("::")[0] for line in collected.stdout.splitlines() if "::" in line)
    assert {row["file"]: int(row["cases"]) for row in rows} == dict(counts)
