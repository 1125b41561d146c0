"""`kemi report …`: the half-year review, the annual report, project cards and the strategy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..clock import today
from ..errors import display_path
from ..report import ARCHIVAL_PDF_VARIANT, DEFAULT_PDF_VARIANT
from ..wording import Said
from . import completion
from .app import app
from .options import DEFAULT_DATA, DataDir, announced, document_lang, period_option
from .output import detail, info_err

report_app = typer.Typer(
    help="Write the strategy's documents as Markdown, HTML or PDF, in Finnish, English or both.\n\n"
    "Example: kemi report half-year --period 2026H1 --lang both -o build/katsaus.pdf",
    no_args_is_help=True,
)
app.add_typer(report_app, name="report")

LangChoice = Annotated[
    str,
    typer.Option(
        "--lang",
        help="fi, en, or both (a Finnish part, then an English part, each with its own contents); default: kemi --lang, else fi (not KEMI_LANG).",
        autocompletion=completion.choices(("fi", "en", "both")),
        is_eager=True,
        callback=document_lang,
    ),
]
FormatChoice = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="md, html or pdf; default: from the output file's suffix, else md. A suffix that names another format is refused.",
        autocompletion=completion.choices(("md", "html", "pdf")),
    ),
]
OutputPath = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="File to write (default build/<report>-<period>-<lang>.<ext>); - for stdout."),
]
PdfVariant = Annotated[
    str,
    typer.Option(
        "--pdf-variant",
        help=f"PDF variant: {DEFAULT_PDF_VARIANT} (default, tagged), {ARCHIVAL_PDF_VARIANT} for archiving (PDF/A-3a, "
        "tagged, declaring PDF/UA-1 too), or another of WeasyPrint's (the b and u ones drop the tags).",
    ),
]


def _write(request_factory: Any, data: Path, lang: str, fmt: str | None, output: Path | None, pdf_variant: str) -> None:
    """Load and validate the data, build the report's context, render and write it."""
    from ..report.provenance import data_provenance, source_date_epoch
    from ..report.render import parse_langs
    from ..report.reports import output_format, produce
    from ..validate import load_workspace

    parse_langs(lang)
    chosen = output_format(output, fmt)
    generated_at = source_date_epoch()
    workspace = load_workspace(data)
    request = request_factory(workspace, data_provenance(data, generated_at))
    written = produce(request, lang, chosen, output, data, pdf_variant)
    for path in written[:1]:
        info_err(Said("cli.wrote", path=display_path(path)))
    for path in written[1:]:
        detail(Said("cli.wrote", path=display_path(path)))


@report_app.command("half-year")
def half_year(
    period: Annotated[str | None, period_option("Half-year, e.g. 2026H1; default: the period under review, else the latest ended.")] = None,
    lang: LangChoice = "fi",
    fmt: FormatChoice = None,
    output: OutputPath = None,
    pdf_variant: PdfVariant = DEFAULT_PDF_VARIANT,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Puolivuotiskatsaus: indicators with status, charts, projects by sector, data gaps.

    Example: kemi report half-year --period 2026H1 --lang both -o build/katsaus-2026H1.html
    """
    from ..report.reports import half_year_request, parse_period_option
    from ..review import default_half_year

    chosen = parse_period_option(period, half_year=True, option="--period")
    _write(
        lambda ws, prov: half_year_request(ws, prov, chosen or announced(default_half_year(ws.review, today()))),
        data, lang, fmt, output, pdf_variant,
    )


@report_app.command("annual")
def annual(
    year: Annotated[str | None, typer.Option("--year", help="Year, e.g. 2026; default: the period under review when it is a year, else the latest ended.")] = None,
    lang: LangChoice = "fi",
    fmt: FormatChoice = None,
    output: OutputPath = None,
    pdf_variant: PdfVariant = DEFAULT_PDF_VARIANT,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """The strategy part of the annual report (tilinpäätös), with every project's card summary.

    Example: kemi report annual --year 2026 -o build/tilinpaatos-2026.pdf
    """
    from ..report.reports import annual_request, parse_period_option
    from ..review import default_year

    chosen = parse_period_option(year, half_year=False, option="--year")
    _write(
        lambda ws, prov: annual_request(ws, prov, chosen or announced(default_year(ws.review, today()))),
        data, lang, fmt, output, pdf_variant,
    )


@report_app.command("project")
def project(
    project_id: Annotated[
        str | None,
        typer.Argument(metavar="ID", help="The project's id (its file name).", autocompletion=completion.complete_project),
    ] = None,
    all_projects: Annotated[bool, typer.Option("--all", help="Every project card in one document.")] = False,
    period: Annotated[
        str | None, period_option("Status as of this half-year; default: the period under review, else the latest ended.")
    ] = None,
    lang: LangChoice = "fi",
    fmt: FormatChoice = None,
    output: OutputPath = None,
    pdf_variant: PdfVariant = DEFAULT_PDF_VARIANT,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Project cards laid out as the strategy's card table, with their update history.

    Example: kemi report project oulu_2026 --lang en -o build/oulu-2026.pdf
    """
    from ..report.reports import check_project_choice, parse_period_option, project_request
    from ..review import default_half_year

    check_project_choice(project_id, all_projects)  # before the default period is announced
    chosen = parse_period_option(period, half_year=True, option="--period")
    _write(
        lambda ws, prov: project_request(ws, prov, project_id, all_projects, chosen or announced(default_half_year(ws.review, today()))),
        data, lang, fmt, output, pdf_variant,
    )


@report_app.command("strategy")
def strategy(
    lang: LangChoice = "fi",
    fmt: FormatChoice = None,
    output: OutputPath = None,
    pdf_variant: PdfVariant = DEFAULT_PDF_VARIANT,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """The published strategy document: everything in strategy.yaml and the indicator table.

    Example: kemi report strategy --lang both -o build/strategia.pdf
    """
    from ..report.reports import strategy_request

    _write(strategy_request, data, lang, fmt, output, pdf_variant)
