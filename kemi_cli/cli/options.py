"""Options shared by every command."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from ..arguments import check_choice, check_known  # noqa: F401 - the commands import check_known with their options
from ..data_folder import DEFAULT_DATA, find_data_folder
from ..errors import display_path
from ..numbers import LANGS
from ..wording import Said
from . import completion
from .output import choose_lang, detail, info_err, lang_from_environment, lang_given

if TYPE_CHECKING:
    from ..models.workspace import Workspace
    from ..periods import Period
    from ..review import ChosenPeriod


def data_folder_choice(ctx: typer.Context, given: Path | None) -> tuple[Path, Said]:
    """The data folder a command reads and where that choice came from: its own --data, else
    --data before the command (`kemi --data X kpi list`), else KEMI_DATA, else the nearest
    folder upward from the working folder that holds the data, else ./data."""
    source = getattr(ctx.get_parameter_source("data"), "name", "")
    if given is not None and source == "COMMANDLINE":
        return given, Said("cli.origin.option")
    before_command = ctx.find_root().params.get("data")
    if before_command is not None:
        return Path(before_command), Said("cli.origin.option")
    if given is not None and source == "ENVIRONMENT":
        return given, Said("cli.origin.environment")
    found = find_data_folder(Path.cwd())
    if found is not None:
        return found, Said("cli.origin.upward", path=Path.cwd())
    return given or DEFAULT_DATA, Said("cli.origin.default")


def _resolve_data_dir(ctx: typer.Context, value: Path | None) -> Path:
    folder, origin = data_folder_choice(ctx, value)
    if not ctx.resilient_parsing:  # completion resolves the folder too, silently
        detail(Said("cli.data_folder", path=display_path(folder), origin=origin))
    return folder


DataDir = Annotated[
    Path,
    typer.Option(
        "--data",
        envvar="KEMI_DATA",
        help="Folder that holds strategy.yaml, kpis.yaml and projects/; default: KEMI_DATA, else the nearest data folder upward from here.",
        show_default=False,
        file_okay=False,
        callback=_resolve_data_dir,
    ),
]

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON (stable keys; see the README).")]

def command_lang(ctx: typer.Context, param: Any, value: str | None) -> str | None:
    """A read command's own --lang, the language of its tables: given after the command, it is
    the screen's language too; otherwise the command takes the global --lang (`kemi --lang en
    kpi list`), else KEMI_LANG, else its default."""
    if _given_here(ctx, param, value):
        return value
    return lang_given() or lang_from_environment() or value


def document_lang(ctx: typer.Context, param: Any, value: str | None) -> str | None:
    """The --lang of a command that writes a document (a report, a workbook): given after the
    command, it is the screen's language too; otherwise the global --lang, else the command's
    default. KEMI_LANG is the reader's screen, not the publication: a review published in
    Finnish stays Finnish whatever the shell that builds it speaks."""
    if _given_here(ctx, param, value):
        return value
    return lang_given() or value


def _given_here(ctx: typer.Context, param: Any, value: str | None) -> bool:
    given = getattr(ctx.get_parameter_source(param.name), "name", "") == "COMMANDLINE"
    if given and value is not None and not ctx.resilient_parsing:
        choose_lang(value)
    return given


Lang = Literal["fi", "en"]
LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        help="Language of names and of every line printed: fi or en; default: kemi --lang, else KEMI_LANG, else fi.",
        autocompletion=completion.choices(("fi", "en")),
        is_eager=True,
        callback=command_lang,
    ),
]

def period_option(help_text: str) -> Any:
    """A --period option with `help_text`, completed with the periods of the data."""
    return typer.Option("--period", help=help_text, autocompletion=completion.complete_period)


PERIOD_DEFAULT_HELP = "default: the period under review (kemi review open), else the last ended half-year (KEMI_TODAY)"
PeriodOption = Annotated[str | None, period_option(f"A year (2026) or half-year (2026H1); {PERIOD_DEFAULT_HELP}.")]

ReopenOption = Annotated[
    str | None,
    typer.Option("--reopen", metavar="REASON", help="Change a closed (approved) period, for this reason; the reason is recorded in review.yaml."),
]

# Ids from the data, completed on Tab (see completion.py).
KpiId = Annotated[
    str, typer.Argument(metavar="ID", help="The KPI's id (see kemi kpi list).", autocompletion=completion.complete_kpi)
]
ProjectId = Annotated[
    str,
    typer.Argument(metavar="ID", help="The project's id, e.g. 'uimahalli' (see kemi project list).", autocompletion=completion.complete_project),
]


def period_in_use(text: str | None, workspace: Workspace) -> Period:
    """The period a command works on (review.chosen_period); when it was not given, the command
    says on stderr which one it took and why."""
    from ..clock import today
    from ..review import chosen_period

    return announced(chosen_period(text, workspace.review, today()))


def announced(chosen: ChosenPeriod) -> Period:
    """The chosen period; when it is a default, said on stderr with the reason (not with --quiet)."""
    if chosen.reason:
        info_err(Said("screen.period_chosen", period=chosen.period, reason=chosen.reason))
    return chosen.period


def chosen_because(reason: Said | None) -> Said | str:
    """` (why)` after a period the command chose itself, in a confirmation; nothing after one given."""
    return Said("cli.chosen", reason=reason) if reason else ""


def check_lang(lang: str) -> str:
    return check_choice(lang, LANGS, "--lang")
