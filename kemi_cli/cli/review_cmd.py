"""`kemi review open/close`: the period under review, from opening to approval."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import UsageError, display_path
from ..numbers import format_date
from ..wording import Said
from .app import app
from .options import DEFAULT_DATA, DataDir
from .output import info, screen_lang

review_app = typer.Typer(
    help="The review cycle: open a period for review, close it once approved.\n\n"
    "Example: kemi review open 2026H1 --deadline 2026-08-15",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")

PeriodArgument = Annotated[str, typer.Argument(metavar="PERIOD", help="The half-year (2026H1) or year (2026) under review.")]
ByOption = Annotated[str | None, typer.Option("--by", help="Who does it; default: KEMI_USER or the login name.")]


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(Said("cli.not_a_date", option=option, text=text)) from None


@review_app.command("open")
def open_period(
    period: PeriodArgument,
    deadline: Annotated[str | None, typer.Option("--deadline", help="When figures and texts are due, YYYY-MM-DD.")] = None,
    by: ByOption = None,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Open a period for review. Every command that takes --period then works on it by default,
    and kemi status shows what is still missing for it. One period is under review at a time.

    Example: kemi review open 2026H1 --deadline 2026-08-15
    """
    from ..actuals import check_period_begun
    from ..arguments import check_text
    from ..clock import today
    from ..edit import recorder_name
    from ..periods import Period
    from ..review import review_path
    from ..review_edit import edit_review, open_review
    from ..validate import load_workspace, workspace_validator

    chosen = Period.parse(period)
    due = _date(deadline, "--deadline") if deadline is not None else None
    day = today()
    check_period_begun(chosen, day, "PERIOD")
    who = recorder_name(check_text(by, "--by") if by is not None else None)
    load_workspace(data)
    edit_review(data, lambda document: open_review(document, chosen, due, day, who), workspace_validator(data))
    until = Said("cli.review_due", deadline=format_date(due, screen_lang())) if due else ""
    info(Said("cli.review_opened", period=chosen, due=until, path=display_path(review_path(data))))


@review_app.command("close")
def close_period(
    period: PeriodArgument,
    approved_by: Annotated[
        str, typer.Option("--approved-by", help="The approval as the minutes give it, e.g. 'Kaupunginhallitus 12.9.2026 § 123'.")
    ],
    by: ByOption = None,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Record the approval of the period under review and close it. Its figures, updates and
    commentary are then locked: a change needs --reopen "reason", and kemi validate finds a
    hand edit.

    Example: kemi review close 2026H1 --approved-by "Kaupunginhallitus 12.9.2026 § 123"
    """
    from ..arguments import check_text
    from ..clock import today
    from ..edit import recorder_name
    from ..period_digest import period_digest
    from ..periods import Period
    from ..review import review_path
    from ..review_edit import close_review, edit_review
    from ..validate import load_workspace, workspace_validator

    chosen = Period.parse(period)
    approval = check_text(approved_by, "--approved-by")
    who = recorder_name(check_text(by, "--by") if by is not None else None)
    workspace = load_workspace(data)
    digest = period_digest(workspace, chosen)
    edit_review(data, lambda document: close_review(document, chosen, approval, digest, today(), who), workspace_validator(data))
    info(Said("cli.review_closed", period=chosen, approval=approval, path=display_path(review_path(data))))


def _period_under_review(workspace: Any) -> Any:
    """The period under review; the owners' workbooks are for it alone."""
    from ..periods import Period
    from ..review import period_under_review

    entry = period_under_review(workspace.review)
    if entry is None:
        raise UsageError(Said("cli.collect.no_review"))
    return Period.parse(entry.period)


@review_app.command("requests")
def requests(
    out: Annotated[
        Path | None, typer.Option("--output", "-o", help="The folder to write the workbooks in; default: tyokirjat-PERIOD.")
    ] = None,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Write one workbook per owner for the period under review: their KPIs with the range each
    value must lie in, their projects with a drop-down of statuses, instructions in Finnish and
    English. KPIs and projects without an owner go to the strategy office's workbook. A CSV of
    owner, e-mail and what each still owes serves a mail merge; kemi sends nothing.

    Example: kemi review requests -o tyokirjat
    """
    from ..edit import write_output
    from ..report.environment import load_messages, template_roots
    from ..review_requests import MAIL_MERGE_FILE, MAIL_MERGE_HEADER, mail_merge_rows, owner_requests
    from ..sheets.csv_file import csv_text
    from ..sheets.forms import form_workbook_bytes
    from ..validate import load_workspace

    workspace = load_workspace(data)
    period = _period_under_review(workspace)
    folder = out if out is not None else Path(f"tyokirjat-{period}")
    messages = load_messages(template_roots(data))
    owner_list = owner_requests(workspace, period, messages)
    for request in owner_list:
        write_output(folder / request.file_name, form_workbook_bytes(request.form), data)
    write_output(folder / MAIL_MERGE_FILE, csv_text(MAIL_MERGE_HEADER, mail_merge_rows(owner_list, messages), "excel"), data)
    info(Said("cli.collect.requests_written", count=len(owner_list), period=period, mail_merge=MAIL_MERGE_FILE, path=display_path(folder)))


@review_app.command("collect")
def collect(
    files: Annotated[list[Path], typer.Argument(metavar="FILE.xlsx...", help="The returned workbooks.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace values and texts recorded already; the old ones are kept as history.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Record values far above everything known about their KPI.")] = False,
    by: Annotated[
        str | None, typer.Option("--by", help="Who records the strategy office's own workbook; default: KEMI_USER or the login name.")
    ] = None,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Record the figures, comments and project updates of returned workbooks, each as recorded
    by its owner. Every cell is checked as kpi set, comment and project update check it; every
    problem is one line naming the file, sheet and cell, and then nothing is recorded. A value
    recorded already with another figure needs --replace. Collecting a workbook again changes nothing.

    Example: kemi review collect palautetut/*.xlsx
    """
    from ..arguments import check_text
    from ..clock import today
    from ..edit import recorder_name
    from ..period_lock import check_unlocked
    from ..report.environment import load_messages, template_roots
    from ..review_collect import read_returns, record_returns
    from ..validate import load_workspace, workspace_files_validator

    workspace = load_workspace(data)
    period = _period_under_review(workspace)
    day = today()
    recorder = recorder_name(check_text(by, "--by") if by is not None else None)
    messages = load_messages(template_roots(data))
    returns = read_returns(workspace, period, files, messages, day, recorder, force)
    check_unlocked(workspace.review, {period, *(actual.period for actual, _, _ in returns.actuals)}, None)
    recorded = record_returns(data, returns, day, replace, workspace_files_validator(data))
    info(
        Said(
            "cli.collect.collected", count=len(files), period=period, owners=", ".join(returns.owners) or "–",
            new=recorded.new, already=recorded.unchanged, changed=len(recorded.files),
        )
    )
