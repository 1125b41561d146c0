"""The site's full-text search: Pagefind indexes the written pages into `pagefind/` at the site's
root, one bundle with an index per language (each page's `<html lang>`), which the search page
of each language loads in the browser. Only what a page marks `data-pagefind-body` (its main
content, not the navigation or the footer) is indexed, so the published documents and the
filtered project lists, which repeat the pages, are left out.

The program is the one the `pagefind_bin` package ships in its wheel, or the one named by
PAGEFIND_BINARY_PATH (Pagefind's own variable), or `pagefind` on PATH. It is looked up when the
build is planned, so that a missing program stops the build before it writes anything.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ..errors import KemiError, display_path
from ..wording import Said

BUNDLE = "pagefind"  # the bundle's folder under the site's root; the search pages load it from there
ENTRY = "pagefind-entry.json"
BINARY_VARIABLE = "PAGEFIND_BINARY_PATH"
# Pagefind's ready-made search interfaces (and its term highlighter), which it writes into every
# bundle. The search pages use the bundle's programming interface (pagefind.js) with kemi's own
# accessible form and results, so these 418 kB are never loaded and are not published.
UNUSED = frozenset({
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
})


def pagefind_program() -> Path:
    """The Pagefind executable, or a KemiError saying how to get one."""
    named = os.environ.get(BINARY_VARIABLE)
    if named:
        if not (os.path.isfile(named) and os.access(named, os.X_OK)):
            raise KemiError(Said("cli.search.not_a_program", variable=BINARY_VARIABLE, path=named, how=Said("cli.search.no_program")))
        return Path(named)
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]

        return Path(get_executable())
    except (ImportError, FileNotFoundError):
        pass
    found = shutil.which("pagefind")
    if found is None:
        raise KemiError(Said("cli.search.no_program"))
    return Path(found)


def sorted_entry(text: str) -> str:
    """pagefind-entry.json with its languages in a fixed order. Pagefind writes them in the order
    of a hash map, which changes from run to run: the only part of its output that does, and
    what kept two builds of the same data from being the same bytes."""
    entry = json.loads(text)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))


def site_indexer(site: Path) -> Callable[[], list[tuple[Path, bool]]]:
    """What indexes the site once its pages are written. Whatever would stop it (no program, a
    file where the index goes) is said now, before the build writes anything."""
    program = pagefind_program()
    bundle = site / BUNDLE
    if bundle.is_symlink() or (bundle.exists() and not bundle.is_dir()):
        raise KemiError(Said("cli.search.not_a_folder", path=display_path(bundle)))
    return partial(index_site, site, program)


def index_site(site: Path, program: Path) -> list[tuple[Path, bool]]:
    """Index the pages written under `site` into `site/pagefind/`. Pagefind writes a whole new
    bundle beside the old one (it adds to a folder and never removes what an earlier build left
    there), so a failed run leaves the old one as it was; then only the files whose bytes
    changed are moved into place and the ones the new bundle lacks removed. Returns the bundle's
    files, each with whether it was written."""
    bundle = site / BUNDLE
    fresh = site / f".{BUNDLE}-new"
    shutil.rmtree(fresh, ignore_errors=True)
    command = [str(program), "--site", str(site), "--output-path", str(fresh.resolve()), "--keep-index-url", "--quiet"]
    try:
        ran = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except OSError as error:
        raise KemiError(Said("cli.search.cannot_run", program=program, reason=error.strerror or error)) from None
    if ran.returncode != 0 or not (fresh / ENTRY).is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        said = (ran.stderr.strip() or ran.stdout.strip() or f"exit status {ran.returncode}").splitlines()[-1]
        raise KemiError(Said("cli.search.failed", path=display_path(site), reason=said))
    entry = fresh / ENTRY
    try:
        entry.write_text(sorted_entry(entry.read_text(encoding="utf-8")), encoding="utf-8")
        for name in UNUSED:
            (fresh / name).unlink(missing_ok=True)
        return replace_changed(fresh, bundle)
    except OSError as error:
        raise KemiError(Said("cli.search.cannot_write", path=display_path(bundle), reason=error.strerror or error)) from None
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def replace_changed(fresh: Path, bundle: Path) -> list[tuple[Path, bool]]:
    """`bundle` made the same as `fresh`, file by file: a file with the same bytes is left as it
    is, keeping its time, so that a sync to the web server sends only the changed fragments of
    the index (most of them stay the same after one edit)."""
    new = {path.relative_to(fresh): path for path in fresh.rglob("*") if path.is_file()}
    old = {path.relative_to(bundle) for path in bundle.rglob("*") if path.is_file()} if bundle.is_dir() else set()
    outputs = []
    for name in sorted(new):
        target = bundle / name
        same = target.is_file() and target.read_bytes() == new[name].read_bytes()
        if not same:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(new[name], target)
        outputs.append((target, not same))
    for name in old - set(new):
        (bundle / name).unlink()
    for folder in sorted((p for p in bundle.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return outputs
