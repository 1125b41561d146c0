"""Options shared by every command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

DataDir = Annotated[
    Path,
    typer.Option(
        "--data",
        envvar="KEMI_DATA",
        help="Folder that holds strategy.yaml, kpis.yaml and projects/.",
        show_default=True,
        file_okay=False,
    ),
]
DEFAULT_DATA = Path("data")

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON (stable keys).")]

Lang = Literal["fi", "en"]
LangOption = Annotated[str, typer.Option("--lang", help="Language of names: fi or en.")]
