"""`kemi schema`: the data format as JSON Schemas for editors, or as the Markdown reference."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..errors import display_path
from ..wording import Said
from .app import app
from .output import echo, info

MARKDOWN_FILE = "data-format.md"


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the files into this folder instead of printing them; - prints them."),
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help=f"The data-format reference ({MARKDOWN_FILE}) instead of the schemas.")
    ] = False,
) -> None:
    """Print or write the JSON Schema of each data file, generated from the models.

    Without -o, prints one JSON object that maps each schema's file name to the schema. With -o
    DIR, writes strategy.schema.json, kpis.schema.json and project.schema.json into DIR; point an
    editor at them with a first line '# yaml-language-server: $schema=../schemas/kpis.schema.json'.
    With --markdown, the same description of the format as a Markdown reference.

    Example: kemi schema -o schemas && kemi schema --markdown -o docs
    """
    from ..schema import json_schema_files, markdown_reference, write_outputs

    files = {MARKDOWN_FILE: markdown_reference()} if markdown else json_schema_files()
    from ..output_target import is_stdout

    if output is not None and not is_stdout(output):
        for path in write_outputs(output, files):
            info(Said("cli.wrote", path=display_path(path)))
    elif markdown:
        echo(files[MARKDOWN_FILE].rstrip("\n"))
    else:
        echo(json.dumps({name: json.loads(text) for name, text in files.items()}, ensure_ascii=False, indent=2))
