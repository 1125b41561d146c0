"""`kemi init`: a new, valid data folder for another municipality."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import display_path
from ..wording import Said
from .app import app
from .output import info


@app.command()
def init(
    folder: Annotated[
        Path, typer.Argument(help="The new data folder; must not exist or be empty.", show_default=False)
    ],
    city: Annotated[str, typer.Option("--city", help="The municipality's name, e.g. Tornio.", show_default=False)],
) -> None:
    """Create a data folder for another municipality: a skeleton strategy, example KPIs and one
    project card, valid at once (the placeholders show as data gaps).

    Every text to fill in starts with 'TODO:'. The folder also gets the JSON Schemas its files
    point at, so that an editor checks and completes them.

    Example: kemi init tornio --city Tornio && kemi validate --data tornio
    """
    from ..init import init_data_folder

    written = init_data_folder(folder, city)
    for path in written:
        info(Said("cli.wrote", path=display_path(path)))
    info(Said("cli.init_next", path=display_path(folder)))
