"""Compiled templates are kept between runs (KEMI_CACHE_DIR, else the user's cache folder) and
never change what a report says: an edited template is compiled again, and an unusable cache
folder only means compiling every run."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kemi_cli.report.environment import CHECKOUT_TEMPLATES

ENV = {"KEMI_TODAY": "2026-08-15", "SOURCE_DATE_EPOCH": "1785000000"}


def report(run_kemi: Callable, data_dir: Path, out: Path, cache: Path) -> bytes:
    result = run_kemi("report", "half-year", "--period", "2026H1", "--format", "html", "--data", str(data_dir), "-o", str(out),
                      env={**ENV, "KEMI_CACHE_DIR": str(cache)})
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {out}\n"  # and nothing about the cache
    return out.read_bytes()


def test_a_second_run_uses_the_compiled_templates_and_writes_the_same_report(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = report(run_kemi, data_dir, tmp_path / "first.html", cache)
    kept = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    assert kept, "nothing was kept"
    assert (cache.stat().st_mode & 0o777) == 0o700
    second = report(run_kemi, data_dir, tmp_path / "second.html", cache)
    assert second == first
    # Jinja writes an entry only when it had to compile: none written means every one was used.
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()} == kept


def test_an_edited_template_is_compiled_again(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    project = data_dir.parent / "templates"
    shutil.copytree(CHECKOUT_TEMPLATES, project)
    assert b"data-edited" not in report(run_kemi, data_dir, tmp_path / "before.html", cache)
    layout = project / "html" / "layout.html.j2"
    text = layout.read_text(encoding="utf-8")
    assert text.count("<body") == 1
    layout.write_text(text.replace("<body", "<body data-edited", 1), encoding="utf-8")
    assert b"<body data-edited" in report(run_kemi, data_dir, tmp_path / "after.html", cache)


@pytest.mark.parametrize("kind", ["a file", "a folder others may write"])
def test_an_unusable_cache_folder_only_means_compiling_every_run(run_kemi: Callable, data_dir: Path, tmp_path: Path, kind: str) -> None:
    cache = tmp_path / "cache"
    if kind == "a file":
        cache.write_text("not a folder", encoding="utf-8")
    else:
        cache.mkdir()
        os.chmod(cache, 0o777)
    expected = report(run_kemi, data_dir, tmp_path / "plain.html", tmp_path / "usable")
    assert report(run_kemi, data_dir, tmp_path / "out.html", cache) == expected
    if kind == "a file":
        assert cache.read_text(encoding="utf-8") == "not a folder"
    else:
        assert list(cache.iterdir()) == []


def test_a_damaged_cache_entry_is_compiled_again(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = report(run_kemi, data_dir, tmp_path / "first.html", cache)
    entries = list(cache.iterdir())
    for number, entry in enumerate(entries):
        # The header intact and the rest garbage, a truncated file, and plain garbage.
        damaged = [entry.read_bytes()[:12] + b"\x00garbage", entry.read_bytes()[:40], b"garbage"][number % 3]
        entry.write_bytes(damaged)
    assert report(run_kemi, data_dir, tmp_path / "second.html", cache) == expected
