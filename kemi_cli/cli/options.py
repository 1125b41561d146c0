"""Options shared by every command."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from ..arguments import check_choice, check_known  # noqa: F401 - the commands import check_known with their options
from ..numbers import LANGS
from . import completion
from .output import detail, info_err

if TYPE_CHECKING:
    from ..models.workspace import Workspace
    from ..periods import Period
    from ..review import ChosenPeriod

DEFAULT_DATA = Path("data")


def _report_data_dir(ctx: typer.Context, value: Path | None) -> Path | None:
    """With --verbose, say which data folder a command reads and where that choice came from."""
    if value is not None and not ctx.resilient_parsing:
        source = ctx.get_parameter_source("data")
        origin = {"COMMANDLINE": "--data", "ENVIRONMENT": "KEMI_DATA"}.get(getattr(source, "name", ""), "default")
        detail(f"data folder: {value} (from {origin})")
    return value


DataDir = Annotated[
    Path,
    typer.Option(
        "--data",
        envvar="KEMI_DATA",
        help="Folder that holds strategy.yaml, kpis.yaml and projects/.",
        show_default=True,
        file_okay=False,
        callback=_report_data_dir,
    ),
]

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON (stable keys; see the README).")]

Lang = Literal["fi", "en"]
LangOption = Annotated[
    str, typer.Option("--lang", help="Language of names: fi or en.", autocompletion=completion.choices(("fi", "en")))
]

PERIOD_DEFAULT_HELP = "default: the period under review (kemi review open), else the last ended half-year (KEMI_TODAY)"
PeriodOption = Annotated[
    str | None,
    typer.Option("--period", help=f"A year (2026) or half-year (2026H1); {PERIOD_DEFAULT_HELP}."),
]

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
        info_err(f"period {chosen.period}: {chosen.reason}")
    return chosen.period


def check_lang(lang: str) -> str:
    return check_choice(lang, LANGS, "--lang")
