"""Rendered PDFs kept between builds, so that a document whose HTML has not changed is not
set again by WeasyPrint (seconds per document).

An entry is keyed on everything that goes into WeasyPrint: the whole HTML page (print.css
included), the PDF variant, and the versions of kemi, WeasyPrint and pydyf and the bytes of the
typeface files. The same key gives the same PDF, so a hit returns exactly what a render would.
The folder can be deleted at any time; a cache that cannot be read or written is passed by,
never a reason for a build to fail. It lives beside the data folder (`.kemi-cache/`, where the
project's own templates/ are looked for too) and ignores itself in git.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..cache_entries import keep_entry

CACHE_FOLDER = ".kemi-cache"
PDF_FOLDER = "pdf"
# Inside the folder: git ignores it without a line in the project's .gitignore, and backup
# tools that know the convention skip it.
SELF_IGNORE = {".gitignore": "# kemi's build cache: safe to delete\n*\n",
               "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# kemi's build cache: safe to delete\n"}


def default_cache_dir(data_dir: Path) -> Path:
    return data_dir.resolve().parent / CACHE_FOLDER


@lru_cache(maxsize=8)
def renderer_fingerprint(fonts: tuple[tuple[str, bytes], ...]) -> str:
    """What besides the HTML decides a PDF's bytes: the renderer's versions and the typeface."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for part in (__version__, version("weasyprint"), version("pydyf")):
        digest.update(part.encode() + b"\0")
    for name, content in fonts:
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def pdf_key(html: str, variant: str, fingerprint: str) -> str:
    digest = hashlib.sha256()
    digest.update(fingerprint.encode() + b"\0" + variant.encode() + b"\0")
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()


def open_cache(cache_dir: Path) -> None:
    """The cache folder, made with the files that keep it out of git and backups."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name, text in SELF_IGNORE.items():
        if not (cache_dir / name).exists():
            (cache_dir / name).write_text(text, encoding="utf-8")


def has_entries(cache_dir: Path) -> bool:
    try:
        return any((cache_dir / PDF_FOLDER).iterdir())
    except OSError:
        return False


def cached_pdf(cache_dir: Path, key: str) -> bytes | None:
    try:
        return (cache_dir / PDF_FOLDER / f"{key}.pdf").read_bytes()
    except OSError:
        return None


def store_pdf(cache_dir: Path, key: str, pdf: bytes) -> None:
    """Kept whole or not at all (workers store at the same time); a failure only costs a later render."""
    try:
        open_cache(cache_dir)
        (cache_dir / PDF_FOLDER).mkdir(exist_ok=True)
    except OSError:
        return
    keep_entry(cache_dir / PDF_FOLDER / f"{key}.pdf", pdf)
