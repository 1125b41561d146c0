"""The `kemi` command line: a thin layer over the library in kemi_cli.

Each command group lives in its own module and registers itself on `app` when imported; the
app imports a module only when its command runs (see app.py).
"""

from __future__ import annotations

import gc
import sys

from .app import app


def main() -> None:
    """Console entry point. kemi's own errors are handled by the app (see app.KemiGroup)."""
    pace_garbage_collection()
    try:
        app(prog_name="kemi")
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)


def pace_garbage_collection() -> None:
    """A command is one short process that builds many objects (model classes, the data) and frees
    few. At Python's default pace the collector runs some hundred times a command, tracing
    everything the imports made each time and finding almost nothing: a tenth of `kemi kpi list`.
    What exists now (the imported modules) is set aside from collection, and the collector waits
    for more new objects between runs; cyclic garbage is still collected."""
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
