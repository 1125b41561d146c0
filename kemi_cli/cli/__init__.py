"""The `kemi` command line: a thin layer over the library in kemi_cli.

Each command group lives in its own module and registers itself on `app` when imported; the
app imports a module only when its command runs (see app.py).
"""

from __future__ import annotations

import sys

from ..gc_pace import pace_garbage_collection
from .app import app
from .streams import prepare_standard_streams


def main() -> None:
    """Console entry point. kemi's own errors are handled by the app (see app.KemiGroup)."""
    pace_garbage_collection()
    prepare_standard_streams()
    try:
        app(prog_name="kemi")
    except KeyboardInterrupt:
        from ..wording import Said
        from .output import screen_lang

        sys.stderr.write(Said("cli.interrupted").in_lang(screen_lang()) + "\n")
        sys.exit(130)

