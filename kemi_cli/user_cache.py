"""kemi's folder in the user's cache: what a run keeps for the next one to save time (compiled
templates, the message catalogues read), never anything that changes what kemi writes.

KEMI_CACHE_DIR, else kemi/templates in the user's cache folder (XDG_CACHE_HOME, else ~/.cache),
created readable by the user only and used only while nobody else may write it (SECURITY.md).
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """The folder's path; None when there is no home to keep it in."""
    if os.environ.get("KEMI_CACHE_DIR"):
        return Path(os.environ["KEMI_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        cache_home = Path(os.environ["XDG_CACHE_HOME"])
    else:
        try:
            cache_home = Path.home() / ".cache"
        except RuntimeError:  # no HOME and no password entry
            return None
    # A relative folder (an unexpanded "~", say) would put the cache wherever kemi runs.
    return cache_home / "kemi" / "templates" if cache_home.is_absolute() else None


def own_cache_dir() -> Path | None:
    """The folder, made if need be, when it is the user's own, nobody else may write it and the
    user may; else None (and kemi keeps nothing)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    # The cache holds code that will run: only a folder of the user's own that nobody else may write.
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        return None
    if not os.access(folder, os.W_OK | os.X_OK):
        return None
    return folder
