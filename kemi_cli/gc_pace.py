"""The garbage collector's pace for one kemi command: imports nothing but gc, so that the
benchmark's floors can run at the same pace without loading kemi."""

from __future__ import annotations

import gc

# New objects between two collections of the youngest generation (Python's default: 700).
YOUNG_THRESHOLD = 20_000


def pace_garbage_collection() -> None:
    """A command is one short process that builds many objects (model classes, the data) and frees
    few. At Python's default pace the collector runs some hundred times a command, tracing
    everything the imports made each time and finding almost nothing: a tenth of `kemi kpi list`.
    What exists now (the imported modules) is set aside from collection, and the collector waits
    for more new objects between runs; cyclic garbage is still collected."""
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, 20, 20)
