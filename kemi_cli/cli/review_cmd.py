"""`kemi review open/close`: the period under review, from opening to approval."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

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
