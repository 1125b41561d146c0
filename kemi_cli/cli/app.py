"""The typer application. Commands stay thin: parse arguments, call the core, format the result."""

from __future__ import annotations

import sys
import time
from typing import Any


import typer
from typer.core import TyperGroup

from ..errors import DataError, KemiError
from .output import detail, set_verbosity


class KemiGroup(TyperGroup):
    """Turns kemi's errors into one line each on stderr and the error's exit code, for every
    command and however it is invoked (console script, `python -m`, typer's test runner)."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KemiError as error:
            lines = [str(f) for f in error.findings] if isinstance(error, DataError) else [f"error: {error}"]
            for line in lines:
                sys.stderr.write(line + "\n")
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=KemiGroup,
    name="kemi",
    help=(
        "The City of Kemi strategy as code: validate the data, record indicators, "
        "follow projects and publish reports.\n\n"
        "Exit codes: 0 success (warnings allowed unless --strict); 1 invalid data or a failed action "
        "(the data files are left unchanged); 2 usage error (unknown command, option or id, or a bad argument); "
        "130 interrupted.\n\n"
        "NO_COLOR=1 turns colour off. Shell completion of commands, options and the ids in the data: "
        "kemi --install-completion.\n\n"
        "Example: kemi --quiet kpi set asukkaat 19420 --period 2025H2"
    ),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    add_completion=True,
)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        print(f"kemi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", help="Print kemi's version and exit.", callback=_print_version, is_eager=True
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Print only results and errors: no confirmations, no warnings."
    ),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Also print on stderr the data folder, every file written and the time taken."
    ),
) -> None:
    """The City of Kemi strategy as code."""
    if quiet and verbose:
        raise typer.BadParameter("give --quiet or --verbose, not both", param_hint="--quiet")
    set_verbosity(quiet, verbose)
    if verbose:
        started = time.perf_counter()
        ctx.call_on_close(lambda: detail(f"done in {time.perf_counter() - started:.2f} s"))
