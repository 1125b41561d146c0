"""Options shared by every command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from ..arguments import check_choice, check_known  # noqa: F401 - the commands import check_known with their options
from ..numbers import LANGS
from . import completion
from .output import detail

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

PeriodOption = Annotated[
    str | None,
    typer.Option("--period", help="A year (2026) or half-year (2026H1); default: the half-year of today (KEMI_TODAY)."),
]

# Ids from the data, completed on Tab (see completion.py).
KpiId = Annotated[
    str, typer.Argument(metavar="ID", help="The KPI's id (see kemi kpi list).", autocompletion=completion.complete_kpi)
]
ProjectId = Annotated[
    str,
    typer.Argument(metavar="ID", help="The project's id, e.g. 'uimahalli' (see kemi project list).", autocompletion=completion.complete_project),
]


def check_lang(lang: str) -> str:
    return check_choice(lang, LANGS, "--lang")
