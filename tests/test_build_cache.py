"""`kemi build`'s cache: a PDF whose page has not changed comes from .kemi-cache/ beside the data
folder instead of being rendered again, an unchanged file is not written again, and the output
is the same with the cache, without it, and after it is deleted."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from .conftest import tree_hashes
from .test_build_jobs import build

MARK = b"%PDF-1.7 from the cache\n"


def mtimes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_the_cache_gives_the_same_files_and_an_unchanged_build_writes_nothing(data_dir: Path, tmp_path: Path) -> None:
    cache = data_dir.parent / ".kemi-cache"
    assert build(data_dir, tmp_path, "plain", "--no-cache").returncode == 0
    assert not cache.exists()
    assert build(data_dir, tmp_path, "site").returncode == 0
    site = tmp_path / "site"
    assert tree_hashes(site) == tree_hashes(tmp_path / "plain")
    pdfs = sorted(p.name for p in site.glob("*.pdf"))
    assert len(list((cache / "pdf").glob("*.pdf"))) == len(pdfs)
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"

    # Again, nothing changed: every file is left as it was, its time included.
    before = mtimes(site)
    again = build(data_dir, tmp_path, "site")
    assert re.fullmatch(r"built (\d+) files into site in \d+\.\d s \(\1 unchanged\)\n", again.stdout), again.stdout
    assert mtimes(site) == before

    # The PDFs come from the cache, not from WeasyPrint: a marked cache shows through.
    for entry in (cache / "pdf").glob("*.pdf"):
        entry.write_bytes(MARK)
    for name in pdfs:
        (site / name).unlink()
    assert build(data_dir, tmp_path, "site").returncode == 0
    assert all((site / name).read_bytes() == MARK for name in pdfs)

    # The cache deleted, the next build renders them again, as without a cache.
    shutil.rmtree(cache)
    assert build(data_dir, tmp_path, "site").returncode == 0
    assert tree_hashes(site) == tree_hashes(tmp_path / "plain")
    assert os.listdir(cache / "pdf")
