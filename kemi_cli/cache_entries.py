"""Writing an entry of one of kemi's caches (the build cache's PDFs and records, the catalogues'
labels in the user's cache): a cache only saves time, so an entry is written whole or not at all
(another kemi may be reading it, a worker writing the same one), and a failure to write it is
passed by, costing only work a later run does again."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def keep_entry(path: Path, content: bytes) -> None:
    """`content` as the file `path`, in a folder that exists, or nothing if it cannot be written."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
