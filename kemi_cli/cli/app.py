"""The typer application. Commands stay thin: parse arguments, call the core, format the result.

Each command (or group of commands) lives in its own module, which registers it on `app` when
imported. The modules are imported only when needed: `kemi kpi list` imports kpi_cmd and what it
uses, not the report or project machinery; `kemi --help` imports every module, which is cheap
because they import the core (pydantic, ruamel.yaml, Babel, rich) inside the commands.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click.exceptions import UsageError as TyperUsageError
from typer.core import TyperGroup

from ..arguments import check_choice
from ..errors import DataError, KemiError, display_path
from ..wording import SCREEN_LANGS, Said
from .output import choose_lang, choose_verbosity, detail, echo_err, lang_given, reset_verbosity, screen_lang

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
    "translations": "translations_cmd",
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

    # The context is click's (typer.core), not typer's wrapper; nothing here needs more than Any.
    def list_commands(self, ctx: Any) -> list[str]:
        self._load(COMMAND_MODULES)
        return [name for name in COMMAND_MODULES if name in self.commands]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            # An unknown name loads every command, so that typer can suggest the nearest one.
            self._load([cmd_name] if cmd_name in COMMAND_MODULES else COMMAND_MODULES)
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _add_global_flags(command)
        return command

    def _load(self, names: Iterable[str]) -> None:
        missing = [name for name in names if name not in self.commands]
        if not missing:
            return
        for name in missing:
            importlib.import_module(f"{__package__}.{COMMAND_MODULES[name]}")
        # The modules registered their commands on `app`; typer builds them as it builds any app.
        built = typer.main.get_command(app)
        self.commands.update({name: command for name, command in built.commands.items() if name not in self.commands})  # type: ignore[attr-defined]

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # The root's own options are parsed before invoke: an unknown one or one without its
        # value is said in the screen's language as a command's are. The words of the command
        # line are kept, for the --lang among them that the failed parse never read.
        ctx.meta[_ARGV] = list(args)
        try:
            return super().parse_args(ctx, args)
        except TyperUsageError as error:
            _say_usage_error(error, ctx)
            raise  # unreachable: _say_usage_error raises; for the type checker

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a reader that has gone is found here, not by click after the command
            return result
        except KemiError as error:
            lang = _error_lang(ctx)
            findings = error.findings if isinstance(error, DataError) else [error.finding] if error.finding else []
            lines = [f.in_lang(lang) for f in findings] or [Said("cli.error", message=error.in_lang(lang)).in_lang(lang)]
            for line in lines:
                echo_err(line)
            raise typer.Exit(error.exit_code) from None
        except TyperUsageError as error:
            _say_usage_error(error, ctx)
        except BrokenPipeError:
            # The reader of stdout left (`| head`); whatever the command changed is written.
            from .streams import reader_gone

            reader_gone()
            raise typer.Exit(0) from None
        except OSError as error:
            # The core maps the errors of reading, locking and writing where they happen; one
            # that escapes it still becomes one line naming the path and the reason.
            where = f"{display_path(error.filename)}: " if error.filename else ""
            echo_err(Said("cli.error", message=f"{where}{error.strerror or error}"))
            raise typer.Exit(1) from None


_ARGV = "kemi.argv"


def _error_lang(ctx: Any) -> str:
    """The language of an error: --lang as read, else a --lang on the line that the error came
    before (`kemi -q -v status --lang en`), else KEMI_LANG or Finnish."""
    if lang_given():
        return screen_lang()
    from .usage_errors import lang_on_the_line

    return lang_on_the_line(ctx.find_root().meta.get(_ARGV, sys.argv[1:])) or screen_lang()


def _say_usage_error(error: TyperUsageError, ctx: Any) -> None:
    """typer's own usage errors (an unknown command or option, a missing argument or command)
    in the screen's language, and the exit; typer prints them as they are in English."""
    from .usage_errors import print_lines, usage_error_lines

    said = usage_error_lines(error, screen_lang(), ctx.find_root().meta.get(_ARGV, sys.argv[1:]))
    if said is None:
        raise error
    print_lines(said)
    raise typer.Exit(error.exit_code) from None


def _flag_after_command(ctx: typer.Context, param: Any, value: bool) -> bool:
    if value and not ctx.resilient_parsing:
        _choose_verbosity(ctx, quiet=param.name == "quiet", verbose=param.name == "verbose")
    return value


def _lang_after_command(ctx: typer.Context, param: Any, value: str | None) -> str | None:
    if value is not None and not ctx.resilient_parsing:
        choose_lang(check_choice(value, SCREEN_LANGS, "--lang"))
    return value


_flags_app = typer.Typer(add_completion=False)


@_flags_app.command()
def _after_command(
    quiet: bool = typer.Option(False, "--quiet", "-q", help="As kemi --quiet.", is_eager=True, callback=_flag_after_command),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="As kemi --verbose.", is_eager=True, callback=_flag_after_command),
    lang: str | None = typer.Option(None, "--lang", help="As kemi --lang.", is_eager=True, callback=_lang_after_command),
) -> None:
    """--quiet, --verbose and --lang as every command accepts them after its name (`kemi kpi
    list -q`), with the meaning they have before it (a command with a --lang of its own keeps
    it). Eager, so that --verbose is in force before --data says where the data folder is, and
    the language before any argument is refused."""


def _global_flags() -> list[Any]:
    flags = typer.main.get_command(_flags_app).params
    for flag in flags:
        flag.expose_value = False  # the commands' functions do not take them
    return flags


def _add_global_flags(command: Any) -> None:
    """Give `command`, and every command below it, the global flags it does not have yet."""
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            _add_global_flags(sub)
        return
    names = {param.name for param in command.params}
    command.params.extend(flag for flag in _global_flags() if flag.name not in names)


def _choose_verbosity(ctx: typer.Context, quiet: bool, verbose: bool) -> None:
    """Set how much kemi prints; --quiet and --verbose exclude each other wherever they are given.
    --verbose ends the run with the time it took."""
    if choose_verbosity(quiet, verbose):
        started = time.perf_counter()
        ctx.find_root().call_on_close(lambda: detail(Said("cli.done_in", seconds=_seconds(time.perf_counter() - started))))


def _seconds(seconds: float) -> str:
    from ..numbers import format_number

    return format_number(round(seconds, 2), screen_lang(), 2)


app = typer.Typer(
    cls=KemiGroup,
    name="kemi",
    help=(
        "The City of Kemi strategy as code: validate the data, record indicators, "
        "follow projects and publish reports.\n\n"
        "Exit codes: 0 success (warnings allowed unless --strict); 1 invalid data or a failed action "
        "(the data files are left unchanged); 2 usage error (unknown command, option or id, or a bad argument); "
        "130 interrupted.\n\n"
        "--lang fi|en, before or after the command's name, chooses the language of everything kemi prints "
        "and writes; KEMI_LANG chooses the language of what it prints. Default: Finnish.\n\n"
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
    version: Annotated[
        bool, typer.Option("--version", help="Print kemi's version and exit.", callback=_print_version, is_eager=True)
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only results and errors: no confirmations, no warnings.")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Also print on stderr the data folder, every file written and the time taken."),
    ] = False,
    data: Annotated[
        Path | None,
        typer.Option("--data", help="The data folder, for whichever command follows (as its own --data).", file_okay=False),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="The language of what kemi prints and, unless the command's own --lang says otherwise, of the "
            "documents it writes: fi or en; default: KEMI_LANG for what it prints, else fi.",
        ),
    ] = None,
) -> None:
    """The City of Kemi strategy as code."""
    reset_verbosity()
    # The language first: a refusal of the other options is said in it.
    if os.environ.get("KEMI_LANG"):
        check_choice(os.environ["KEMI_LANG"], SCREEN_LANGS, "KEMI_LANG")
    if lang is not None:
        choose_lang(check_choice(lang, SCREEN_LANGS, "--lang"))
    _choose_verbosity(ctx, quiet, verbose)
