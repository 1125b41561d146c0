"""Where a document kemi makes may go, and how it gets there.

`-o -` is standard output for every command that takes `-o`. A regular file is replaced
atomically (edit.atomic_write); a device, a pipe or a descriptor of this process (`/dev/null`,
`/dev/stdout`, a FIFO) is written in place, because renaming a temporary file over it would
replace the device itself with a file (as root, in `/dev`). A document never goes over a file of
the data folder: a report written as `data/kpis.yaml` would replace the data it came from.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import UsageError, display_path
from .load import KPIS_FILE, PROJECTS_DIR, STRATEGY_FILE

STDOUT = "-"
_DATA_SUFFIXES = (".yaml", ".yml")
# Names of this process's own descriptors; each is a link to what the descriptor is open on.
_DESCRIPTOR_FOLDERS = ("/dev/fd/", "/proc/self/fd/", f"/proc/{os.getpid()}/fd/", "/dev/std")


def is_stdout(path: Path | str | None) -> bool:
    """Whether `-o` names standard output."""
    return path is not None and str(path) == STDOUT


def writes_in_place(path: Path) -> bool:
    """Whether `path` is something other than a regular file (a device, a pipe, a socket, a
    descriptor of this process), which is written as it is instead of replaced."""
    if str(path.absolute()).startswith(_DESCRIPTOR_FOLDERS):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # not there yet (or unreachable): the atomic write makes or reports it
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_in_place(path: Path, content: bytes) -> None:
    """Write into an existing device, pipe or descriptor: never created, never truncated, never
    renamed over."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def is_data_file(path: Path, data_dir: Path) -> bool:
    """Whether `path` (after its links) is one of the files kemi reads or keeps beside its data:
    strategy.yaml, kpis.yaml, anything in projects/, a hidden file of the folder (a lock), or any
    YAML file under the folder."""
    root = Path(os.path.realpath(data_dir))
    real = Path(os.path.realpath(path))
    if real != root and root not in real.parents:
        return False
    relative = real.relative_to(root)
    return (
        relative.parts in ((STRATEGY_FILE,), (KPIS_FILE,))
        or relative.parts[:1] == (PROJECTS_DIR,)
        or (len(relative.parts) == 1 and relative.name.startswith("."))
        or real.suffix.lower() in _DATA_SUFFIXES
    )


def refuse_data_file(path: Path, data_dir: Path, option: str = "-o") -> None:
    """A usage error when a document would go over a file of the data folder."""
    if is_data_file(path, data_dir):
        raise UsageError(
            f"{option} {display_path(path)}: that is a file of the data folder {display_path(data_dir)}; "
            "kemi never writes a document over its data, give another file name"
        )
