"""The `kemi` command line: a thin layer over the library in kemi_cli.

Each command group lives in its own module and registers itself on `app` when imported.
"""

from __future__ import annotations

import sys

from . import build_cmd, report_cmd, validate_cmd  # noqa: F401
from . import init_cmd, schema_cmd  # noqa: F401
from . import project_cmd, status_cmd  # noqa: F401
from . import kpi_cmd  # noqa: F401
from . import reference  # noqa: F401
from .app import app


def main() -> None:
    """Console entry point. kemi's own errors are handled by the app (see app.KemiGroup)."""
    try:
        app(prog_name="kemi")
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
