"""The last build of an output folder, so that a build with nothing changed since ends at once.

A build's files follow from its inputs alone: the data folder's files, the templates, kemi's own
code, the libraries installed, the day (it decides the latest period), SOURCE_DATE_EPOCH, the
site's address, and the data's git commit (the strategy is dated by strategy.yaml's commit).
After a build, a hash of those inputs and the size and time of every file written are kept in the
build cache. When the inputs hash the same and every file is still as the build left it, the
build has nothing to do; anything else (an edit, a touched file, a deleted page, another day)
runs the whole build, whose PDFs may still come from the cache (pdf_cache). Only stdlib is
imported here: the check must cost less than the imports of a build.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from .. import __version__
from ..cache_entries import keep_entry
from ..clock import today
from .pdf_cache import open_cache

RECORDS = "builds"
# What a data folder, a template folder or kemi's package holds that is not an input.
_NOT_INPUT = (".lock", ".kemi-tmp", ".pyc")


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(_NOT_INPUT) and "__pycache__" not in p.parts)


def _installed() -> list[str]:
    """Every installed distribution and its version, from the names of their metadata folders
    (reading each one's metadata would cost more than the whole check)."""
    names: list[str] = []
    for entry in sys.path:
        try:
            names += sorted(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return names


def _git_head(data_dir: Path) -> str:
    try:
        result = subprocess.run(["git", "-c", "core.fsmonitor=false", "-C", str(data_dir), "rev-parse", "HEAD"],
                                capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip()


def inputs_key(data_dir: Path, out: Path, base_url: str | None, search: bool = True) -> str:
    digest = hashlib.sha256()

    def add(*parts: object) -> None:
        for part in parts:
            digest.update(str(part).encode("utf-8", "surrogateescape") + b"\0")

    add(__version__, out.resolve(), base_url, search, today().isoformat(), os.environ.get("SOURCE_DATE_EPOCH"), _git_head(data_dir))
    add(*_installed())
    package = Path(__file__).resolve().parent.parent
    # The package holds kemi's code and the wheel's templates; a project's own templates sit
    # beside its data folder, a checkout's beside the package (report.environment.template_roots).
    for root in (data_dir, package, data_dir.resolve().parent / "templates", package.parent / "templates"):
        for path in _files(root):
            content = path.read_bytes()
            # The data files' times count: a document may be dated by one (scope.strategy_time).
            add(path, len(content), hashlib.sha256(content).hexdigest(), path.stat().st_mtime_ns if root == data_dir else "")
    return digest.hexdigest()


def _record_path(cache_dir: Path, out: Path) -> Path:
    return cache_dir / RECORDS / (hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:32] + ".json")


def _state(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def unchanged_build(cache_dir: Path, out: Path, key: str) -> int | None:
    """The number of files of the last build of `out` when its inputs hashed to `key` and every
    file is as it left it; else None."""
    try:
        record = json.loads(_record_path(cache_dir, out).read_text(encoding="utf-8"))
        if record["inputs"] != key:
            return None
        files: dict[str, list[int]] = record["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if all(_state(out / name) == state for name, state in files.items()):
        return len(files)
    return None


def record_build(cache_dir: Path, out: Path, key: str, files: Iterable[Path]) -> None:
    """Kept for the next build; a cache that cannot be written is passed by."""
    states = {str(path.relative_to(out)): _state(path) for path in files}
    path = _record_path(cache_dir, out)
    try:
        open_cache(cache_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    keep_entry(path, json.dumps({"inputs": key, "files": states}, sort_keys=True).encode("utf-8"))
