"""Golden files: the expected Markdown and HTML of a small fixture workspace (the shipped data
with synthetic actuals). A change to the templates shows in review as a diff of these files.
`make golden` regenerates them; the Markdown is also checked with markdownlint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO
from .test_report_fixtures import synthetic_copy

GOLDEN = Path(__file__).parent / "golden"
NODE_PREFIX = REPO / ".ci" / "node"
EPOCH = 1785000000
# (file name, kemi report arguments)
DOCUMENTS = [
    ("half-year-2026H1-both.md", ["half-year", "--period", "2026H1", "--lang", "both"]),
    ("half-year-2026H1-both.html", ["half-year", "--period", "2026H1", "--lang", "both"]),
    ("project-oulu_2026-both.md", ["project", "oulu_2026", "--period", "2026H1", "--lang", "both"]),
    ("project-oulu_2026-both.html", ["project", "oulu_2026", "--period", "2026H1", "--lang", "both"]),
    ("strategy-en.md", ["strategy", "--lang", "en"]),
    ("annual-2025-fi.md", ["annual", "--year", "2025", "--lang", "fi"]),
]
REGENERATE = bool(os.environ.get("KEMI_REGENERATE_GOLDEN"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("golden")
    data = synthetic_copy(root, mtime=EPOCH)
    out = root / "out"
    env = {**os.environ, "KEMI_TODAY": "2026-08-15", "SOURCE_DATE_EPOCH": str(EPOCH)}
    for name, args in DOCUMENTS:
        result = subprocess.run(
            [sys.executable, "-m", "kemi_cli", "report", *args,
             "--data", str(data), "-o", str(out / name)],
            cwd=root, env=env, check=False, capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stderr
    return out


def golden_files(out: Path) -> list[str]:
    """Every file below `out` (a Markdown page's charts are in a folder of their own), as a
    relative path; the linter's configuration and other dot files are not documents, and nor are
    the fonts copied beside an HTML page (assets/: the shipped files, byte for byte)."""
    return sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.relative_to(out).parts[0] != "assets"
    )


@pytest.mark.slow
def test_documents_match_the_golden_files(rendered: Path) -> None:
    if REGENERATE:
        for old in golden_files(GOLDEN):
            (GOLDEN / old).unlink()
        for folder in sorted((p for p in GOLDEN.rglob("*") if p.is_dir()), reverse=True):
            folder.rmdir()
        for name in golden_files(rendered):
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(rendered / name, GOLDEN / name)
    expected = golden_files(GOLDEN)
    assert golden_files(rendered) == expected, "run `make golden` after adding a document"
    for name in expected:
        assert (rendered / name).read_bytes() == (GOLDEN / name).read_bytes(), f"{name} differs: run `make golden` and review the diff"


@pytest.mark.slow
def test_markdown_passes_markdownlint(rendered: Path) -> None:
    cli = NODE_PREFIX / "node_modules" / ".bin" / "markdownlint-cli2"
    if not cli.exists():
        if os.environ.get("CI"):
            pytest.fail("markdownlint-cli2 missing (npm ci --prefix .ci/node)")
        pytest.skip("markdownlint-cli2 missing (npm ci --prefix .ci/node)")
    shutil.copyfile(GOLDEN / ".markdownlint.yaml", rendered / ".markdownlint.yaml")
    names = [name for name in golden_files(rendered) if name.endswith(".md")]
    result = subprocess.run([str(cli), *names], cwd=rendered, check=False, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
