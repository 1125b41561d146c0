"""`kemi translations export/import`: texts awaiting their English, out to a translator and back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import display_path
from ..wording import Said
from .app import app
from .options import DEFAULT_DATA, DataDir
from .output import info

translations_app = typer.Typer(
    help="Texts awaiting their English (commentary, project updates): out to a workbook for a translator, and back.\n\n"
    "Example: kemi translations export -o kaannokset.xlsx",
    no_args_is_help=True,
)
app.add_typer(translations_app, name="translations")


@translations_app.command("export")
def export(
    out: Annotated[Path, typer.Option("--output", "-o", help="The workbook to write (.xlsx).")],
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Write every text awaiting its English, with its Finnish, into a workbook: the translator
    types the English in the yellow column, nothing else can change.

    Example: kemi translations export -o kaannokset.xlsx
    """
    from ..edit import write_output
    from ..errors import UsageError
    from ..report.environment import load_messages, template_roots
    from ..sheets.forms import form_workbook_bytes
    from ..translations import export_form
    from ..validate import load_workspace

    if out.suffix.lower() != ".xlsx":
        raise UsageError(Said("cli.translations.not_xlsx", path=out))
    workspace = load_workspace(data)
    form = export_form(workspace, load_messages(template_roots(data)))
    write_output(out, form_workbook_bytes(form), data)
    info(Said("cli.translations.exported", count=len(form.sheets[0].rows), path=display_path(out)))


@translations_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE.xlsx", help="The translator's returned workbook.")],
    replace: Annotated[bool, typer.Option("--replace", help="Replace an English recorded already.")] = False,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Record the English of a returned translation workbook beside each Finnish, all or nothing;
    every problem is one line naming the file, sheet and cell. Importing it again changes nothing.

    Example: kemi translations import kaannokset.xlsx
    """
    from ..period_lock import check_unlocked
    from ..report.environment import load_messages, template_roots
    from ..translations import periods_of, read_translations, record_translations
    from ..validate import load_workspace, workspace_files_validator

    workspace = load_workspace(data)
    given = read_translations(workspace, file, load_messages(template_roots(data)))
    check_unlocked(workspace.review, periods_of(given, workspace), None)
    recorded, already = record_translations(data, workspace, file, given, replace, workspace_files_validator(data))
    info(Said("cli.translations.imported", count=recorded, already=already, path=display_path(file)))
