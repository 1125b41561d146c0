"""The standard streams as kemi finds them: possibly closed (`>&-`), possibly unable to encode
a letter (`PYTHONIOENCODING=ascii`, a C locale), possibly a pipe whose reader has gone.

None of these may turn a command that did its work into a traceback or a failure: the data
files are already written when the last confirmation is printed.
"""

from __future__ import annotations

import io
import os
import sys


def _reopen_closed_descriptors() -> None:
    """Open the null device on a standard descriptor that was closed at start: otherwise the
    next file kemi opens (a data file, a lock) would get its number, and a write meant for
    stdout would land in it."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)


def _text_stream(fd: int) -> io.TextIOWrapper:
    return io.TextIOWrapper(open(fd, "wb", closefd=False), encoding="utf-8", errors="replace", line_buffering=True)


def prepare_standard_streams() -> None:
    """Before a command runs: no closed descriptor, text the terminal's encoding cannot show
    printed as replacement characters ('?') rather than refused, and on a UTF-8 terminal a file
    name that is not UTF-8 (`--data $'d\\xff'`) printed as its own bytes."""
    _reopen_closed_descriptors()
    if sys.stdout is None:
        sys.stdout = _text_stream(1)
    if sys.stderr is None:
        sys.stderr = _text_stream(2)
    for stream in (sys.stdout, sys.stderr):
        if not hasattr(stream, "reconfigure"):
            continue
        utf8 = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "") == "utf8"
        if not utf8:
            stream.reconfigure(errors="replace")
        elif stream.errors == "strict":
            stream.reconfigure(errors="surrogateescape")


def reader_gone() -> None:
    """stdout's reader has closed the pipe (`kemi kpi list | head -1`): what is left to print
    goes nowhere, and the interpreter's last flush finds nothing to complain about."""
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    finally:
        os.close(null)
