"""`kemi validate`: check every data file and report every problem at once."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..errors import display_path
from ..wording import Said
from .app import app
from .options import DEFAULT_DATA, DataDir, JsonFlag
from .output import echo, echo_err, is_quiet, said, screen_lang


@app.command()
def validate(
    data: DataDir = DEFAULT_DATA,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings (data gaps) as errors.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Check the data files: models, references between files, and data gaps.

    Each problem is printed as FILE:LINE:COLUMN: error|warning: message.

    Example: kemi validate --data data --strict
    """
    from ..validate import validate_workspace

    quiet = is_quiet()
    result = validate_workspace(data)
    failed = bool(result.errors) or (strict and bool(result.warnings))
    if as_json:
        echo(
            json.dumps(
                {
                    "data": display_path(data),
                    "valid": not failed,
                    "errors": len(result.errors),
                    "warnings": len(result.warnings),
                    "findings": [f.as_dict() for f in result.findings],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for finding in result.findings:
            if finding.severity == "error" or not quiet:
                echo_err(finding.in_lang(screen_lang()))
        ws = result.workspace
        contents = Said(
            "cli.validated_contents", goals=len(ws.strategy.goals), kpis=len(ws.kpis), projects=len(ws.projects),
            challenges=len(ws.strategy.challenges),
        ) if ws is not None else ""
        summary = Said(
            "cli.validated", path=display_path(data), errors=len(result.errors), warnings=len(result.warnings), contents=contents
        )
        echo(said("cli.validation_failed" if failed else "cli.validation_passed", summary=summary))
    if failed:
        raise typer.Exit(1)
