"""The typer application. Commands stay thin: parse arguments, call the core, format the result."""

from __future__ import annotations

import sys
from typing import Any


import typer
from typer.core import TyperGroup

from ..errors import DataError, KemiError


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
        "Exit codes: 0 success, 1 invalid data or a failed action, 2 usage error (bad argument or option)."
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
    version: bool = typer.Option(
        False, "--version", help="Print kemi's version and exit.", callback=_print_version, is_eager=True
    ),
) -> None:
    """The City of Kemi strategy as code."""
