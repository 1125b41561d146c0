"""Options shared by every command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from ..arguments import check_choice, check_known  # noqa: F401 - the commands import check_known with their options
from ..data_folder import DEFAULT_DATA, find_data_folder
from ..errors import display_path
from ..numbers import LANGS
from . import completion
from .output import detail


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

PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="A year (2026) or half-year (2026H1); default: the half-year of today (KEMI_TODAY).",
        autocompletion=completion.complete_period,
    ),
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
