"""Options shared by every command."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from ..arguments import check_choice, check_known  # noqa: F401 - the commands import check_known with their options
from ..data_folder import DEFAULT_DATA, find_data_folder
from ..errors import display_path
from ..numbers import LANGS
from . import completion
from .output import detail, info_err

if TYPE_CHECKING:
    from ..models.workspace import Workspace
    from ..periods import Period
    from ..review import ChosenPeriod
    from .views import Words


def data_folder_choice(ctx: typer.Context, given: Path | None) -> tuple[Path, str]:
    """The data folder a command reads and where that choice came from: its own --data, else
    --data before the command (`kemi --data X kpi list`), else KEMI_DATA, else the nearest
    folder upward from the working folder that holds the data, else ./data."""
    source = getattr(ctx.get_parameter_source("data"), "name", "")
    if given is not None and source == "COMMANDLINE":
        return given, "from --data"
    before_command = ctx.find_root().params.get("data")
    if before_command is not None:
        return Path(before_command), "from --data"
    if given is not None and source == "ENVIRONMENT":
        return given, "from KEMI_DATA"
    found = find_data_folder(Path.cwd())
    if found is not None:
        return found, f"found upward from {Path.cwd()}"
    return given or DEFAULT_DATA, "the default"


def _resolve_data_dir(ctx: typer.Context, value: Path | None) -> Path:
    folder, origin = data_folder_choice(ctx, value)
    if not ctx.resilient_parsing:  # completion resolves the folder too, silently
        detail(f"data folder: {display_path(folder)} ({origin})")
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

Lang = Literal["fi", "en"]
LangOption = Annotated[
    str, typer.Option("--lang", help="Language of names: fi or en.", autocompletion=completion.choices(("fi", "en")))
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


def period_in_use(text: str | None, workspace: Workspace, words: Words | None = None) -> Period:
    """The period a command works on (review.chosen_period); when it was not given, the command
    says on stderr which one it took and why, in the language of `words` when it has them."""
    from ..clock import today
    from ..review import chosen_period

    return announced(chosen_period(text, workspace.review, today()), words)


def announced(chosen: ChosenPeriod, words: Words | None = None) -> Period:
    """The chosen period; when it is a default, said on stderr with the reason (not with --quiet):
    in the screen's language when the command has one (`words`), else as the confirmations are."""
    if chosen.reason:
        if words is not None and chosen.review is None:
            info_err(words("screen.period_chosen", period=chosen.period, reason=words(f"screen.period_reason.{chosen.why}")))
        else:
            info_err(f"period {chosen.period}: {chosen.reason}")
    return chosen.period


def check_lang(lang: str) -> str:
    return check_choice(lang, LANGS, "--lang")
