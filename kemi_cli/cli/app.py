"""The typer application. Commands stay thin: parse arguments, call the core, format the result.

Each command (or group of commands) lives in its own module, which registers it on `app` when
imported. The modules are imported only when needed: `kemi kpi list` imports kpi_cmd and what it
uses, not the report or project machinery; `kemi --help` imports every module, which is cheap
because they import the core (pydantic, ruamel.yaml, Babel, rich) inside the commands.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Iterable
from typing import Any

import typer
from typer.core import TyperGroup

from ..errors import DataError, KemiError
from .output import detail, set_verbosity

# Every command of `kemi` and the module (in kemi_cli.cli) that defines it, in the order
# `kemi --help` lists them.
COMMAND_MODULES = {
    "build": "build_cmd",
    "validate": "validate_cmd",
    "init": "init_cmd",
    "schema": "schema_cmd",
    "status": "status_cmd",
    "review": "review_cmd",
    "comment": "comment_cmd",
    "cli-reference": "reference",
    "report": "report_cmd",
    "project": "project_cmd",
    "kpi": "kpi_cmd",
}


class KemiGroup(TyperGroup):
    """The root command. It imports a command's module when the command is asked for (see the
    module docstring), and turns kemi's errors into one line each on stderr and the error's exit
    code, for every command and however it is invoked (console script, `python -m`, typer's test
    runner)."""

    def list_commands(self, ctx: typer.Context) -> list[str]:
        self._load(COMMAND_MODULES)
        return [name for name in COMMAND_MODULES if name in self.commands]

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            # An unknown name loads every command, so that typer can suggest the nearest one.
            self._load([cmd_name] if cmd_name in COMMAND_MODULES else COMMAND_MODULES)
        return super().get_command(ctx, cmd_name)

    def _load(self, names: Iterable[str]) -> None:
        missing = [name for name in names if name not in self.commands]
        if not missing:
            return
        for name in missing:
            importlib.import_module(f"{__package__}.{COMMAND_MODULES[name]}")
        # The modules registered their commands on `app`; typer builds them as it builds any app.
        built = typer.main.get_command(app)
        self.commands.update({name: command for name, command in built.commands.items() if name not in self.commands})  # type: ignore[attr-defined]

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
