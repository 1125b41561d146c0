"""`kemi validate`: check every data file and report every problem at once."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..errors import display_path
from .app import app
from .options import DEFAULT_DATA, DataDir, JsonFlag
from .output import echo, echo_err, is_quiet


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
                echo_err(str(finding))
        summary = f"{display_path(data)}: {len(result.errors)} error(s), {len(result.warnings)} warning(s)"
        if result.workspace is not None:
            ws = result.workspace
            summary += (
                f"; {len(ws.strategy.goals)} goals, {len(ws.kpis)} KPIs, "
                f"{len(ws.projects)} projects, {len(ws.strategy.challenges)} challenges"
            )
        echo(("FAILED " if failed else "OK ") + summary)
    if failed:
        raise typer.Exit(1)
