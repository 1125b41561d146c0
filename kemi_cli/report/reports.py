"""The reports kemi writes, each as (context, template, default file name), and writing them out.

A report is made in two phases: its context is computed from the workspace (pure), then it is
rendered to Markdown, HTML or PDF and written out; a Markdown page's chart files go into one
folder named after it (`<name>-charts/`), never loose beside it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..arguments import format_for_output, unknown_id
from ..clock import today
from ..edit import write_output
from ..errors import UsageError
from ..models.workspace import Workspace
from ..overview import project_order
from ..periods import Period
from ..wording import Said
from .context import RECENT_PERIODS, cards_context, review_context, strategy_context
from .provenance import Provenance
from .render import DEFAULT_PDF_VARIANT, Context, Format, parse_langs, render

SUFFIX_FORMATS: dict[str, Format] = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
DEFAULT_OUTPUT_DIR = Path("build")


@dataclass(frozen=True)
class ReportRequest:
    name: str  # as on the command line: half-year, annual, project, strategy
    kind: str  # half_year, annual, project, strategy
    template: str
    slug: str  # what tells this report from others of its kind in a file name
    context: Context


def default_half_year() -> Period:
    """The latest half-year that has ended by today."""
    return Period.latest_ended_half_year(today())


def default_year() -> Period:
    """The latest year that has ended by today."""
    return Period(today().year - 1)


def parse_period_option(text: str | None, *, half_year: bool, option: str) -> Period | None:
    if text is None:
        return None
    try:
        period = Period.parse(text)
    except UsageError:
        raise UsageError(Said("cli.report_period.not_half_year" if half_year else "cli.report_period.not_year", option=option, text=text)) from None
    if half_year and period.half is None:
        raise UsageError(Said("cli.report_period.year_for_half_year", option=option, text=text, year=period.year))
    if not half_year and period.half is not None:
        raise UsageError(Said("cli.report_period.half_year_for_year", option=option, text=text, year=period.year))
    return period


def half_year_request(workspace: Workspace, provenance: Provenance, period: Period) -> ReportRequest:
    context = review_context(workspace, period, provenance, "half_year", today())
    return ReportRequest("half-year", "half_year", "half_year", str(period), context)


def annual_request(workspace: Workspace, provenance: Provenance, year: Period) -> ReportRequest:
    context = review_context(workspace, year, provenance, "annual", today())
    return ReportRequest("annual", "annual", "annual", str(year), context)


def check_project_choice(project_id: str | None, all_projects: bool) -> None:
    """A project id or --all, exactly one of them."""
    if not all_projects and project_id is None:
        raise UsageError(Said("cli.give_project"))
    if all_projects and project_id is not None:
        raise UsageError(Said("cli.project_or_all"))


def project_request(workspace: Workspace, provenance: Provenance, project_id: str | None, all_projects: bool, period: Period) -> ReportRequest:
    """One project card, or every card in project_order."""
    check_project_choice(project_id, all_projects)
    if all_projects:
        ids = project_order(workspace)
        slug = "all"
    else:
        assert project_id is not None
        if project_id not in workspace.projects:
            raise UsageError(unknown_id("project", project_id, list(workspace.projects)))
        ids, slug = [project_id], project_id
    recent = RECENT_PERIODS if all_projects else None
    return ReportRequest("project", "project", "project", slug, cards_context(workspace, ids, period, provenance, today(), many=all_projects, recent_periods=recent))


def strategy_request(workspace: Workspace, provenance: Provenance) -> ReportRequest:
    return ReportRequest("strategy", "strategy", "strategy", "", strategy_context(workspace, provenance))


# ---------------------------------------------------------------- output


def output_format(output: Path | None, fmt: str | None) -> Format:
    """--format when given, else the output file's suffix, else Markdown; a suffix that names
    another format, or none kemi writes, is refused."""
    return format_for_output(fmt, output, SUFFIX_FORMATS, "md")  # type: ignore[return-value]


def default_output(request: ReportRequest, lang_choice: str, fmt: Format, out_dir: Path = DEFAULT_OUTPUT_DIR) -> Path:
    parts = [request.name, request.slug, lang_choice]
    return out_dir / ("-".join(p for p in parts if p) + f".{fmt}")


def produce(request: ReportRequest, lang_choice: str, fmt: Format, output: Path | None, data_dir: Path, pdf_variant: str = DEFAULT_PDF_VARIANT) -> list[Path]:
    """Render the report and write it (and a Markdown page's chart files); `-` writes to stdout.
    Returns the paths written."""
    from ..output_target import is_stdout, refuse_data_file, writes_in_place

    langs = parse_langs(lang_choice)
    to_stdout = is_stdout(output)
    if to_stdout and fmt == "pdf":
        raise UsageError(Said("cli.output.pdf_to_stdout"))
    path = None if to_stdout else (output or default_output(request, lang_choice, fmt))
    if path is not None:  # before the render, which may take seconds
        refuse_data_file(path, data_dir)
        if os.path.isdir(path):
            raise UsageError(Said("cli.output.is_folder", path=path))
    # A Markdown page's charts are files beside it; a device or pipe has no "beside", so there
    # (as on stdout) the charts are left out and their tables stay.
    chart_stem = path.stem if path is not None and not writes_in_place(path) else None
    rendered = render(
        request.kind, request.template, request.context, langs, fmt, data_dir, chart_stem=chart_stem, pdf_variant=pdf_variant
    )
    if path is None:
        sys.stdout.buffer.write(rendered.content)
        sys.stdout.flush()
        return []
    written = []
    for name, content in rendered.files.items():
        write_output(path.parent / name, content, data_dir)
        written.append(path.parent / name)
    write_output(path, rendered.content, data_dir)
    return [path, *written]
