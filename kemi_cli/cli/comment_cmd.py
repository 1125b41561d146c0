"""`kemi comment kpi|goal|sector ID TEXT`: commentary for the period under review."""

from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import display_path
from ..wording import Said
from . import completion
from .app import app
from .options import DEFAULT_DATA, DataDir, PeriodOption, ReopenOption, chosen_because
from .output import info

comment_app = typer.Typer(
    help="Commentary for a period: what a KPI's figure means, a goal's or a sector's summary and what is done next. "
    "Finnish first; the English may follow.\n\n"
    'Example: kemi comment kpi asukkaat "Väkiluku laski hieman." --en "The population fell slightly."',
    no_args_is_help=True,
)
app.add_typer(comment_app, name="comment")

TextArgument = Annotated[str, typer.Argument(metavar="TEXT", help="The text in Finnish.")]
EnglishOption = Annotated[
    str | None, typer.Option("--en", help="The text in English; without it, the English awaits translation.")
]
ReplaceFlag = Annotated[bool, typer.Option("--replace", help="Replace the period's text; the old one is kept as history.")]
ByOption = Annotated[str | None, typer.Option("--by", help="Who writes it; default: KEMI_USER or the login name.")]


def _write(subject: str, item_id: str, text: str, en: str | None, period: str | None, replace: bool, by: str | None, reopen: str | None, data: Path) -> None:
    from ..arguments import check_known, check_text
    from ..clock import today
    from ..commentary import NewComment, add_commentary
    from ..edit import recorder_name
    from ..review import chosen_period, review_path
    from ..review_edit import edit_locked_periods, edit_review
    from ..validate import load_workspace

    workspace = load_workspace(data)
    known = {
        "kpi": [k.id for k in workspace.kpis],
        "goal": workspace.servable_ids,
        "sector": [s.id for s in workspace.strategy.sectors],
    }[subject]
    check_known("goal_or_objective" if subject == "goal" else subject, item_id, known)
    day = today()
    chosen = chosen_period(period, workspace.review, day)
    comment = NewComment(
        period=chosen.period,
        subject=subject,
        item_id=item_id,
        fi=check_text(text, "TEXT", multiline=True),
        en=check_text(en, "--en", multiline=True) if en is not None else None,
        written_at=day,
        written_by=recorder_name(check_text(by, "--by") if by is not None else None),
    )
    edit_locked_periods(
        data, workspace.review, [comment.period], reopen, f"comment {subject} {item_id} {comment.period}",
        lambda validate: edit_review(data, lambda document: add_commentary(document, comment, replace), validate),
        day, comment.written_by,
    )
    info(
        Said(
            "cli.comment_recorded", subject=Said(f"cli.comment_subject.{subject}"), id=item_id, period=chosen.period,
            why=chosen_because(chosen.reason), path=display_path(review_path(data)),
            waiting="" if comment.en else Said("cli.english_awaits"),
        )
    )


def _command(subject: str, id_help: str, complete: Any, summary: str, example: str) -> None:
    """Register `kemi comment SUBJECT`: the three commands differ only in what their id names."""

    # Annotations are evaluated here, at definition (this module does not postpone them), so
    # that typer sees this subject's id help and completion.
    def command(
        item_id: Annotated[str, typer.Argument(metavar="ID", help=id_help, autocompletion=complete)],
        text: TextArgument,
        en: EnglishOption = None,
        period: PeriodOption = None,
        replace: ReplaceFlag = False,
        by: ByOption = None,
        reopen: ReopenOption = None,
        data: DataDir = DEFAULT_DATA,
    ) -> None:
        _write(subject, item_id, text, en, period, replace, by, reopen, data)

    command.__doc__ = f"{summary}\n\nExample: {example}"
    comment_app.command(subject)(command)


_command(
    "kpi", "The KPI's id.", completion.complete_kpi,
    "What a KPI's figure for the period means.",
    'kemi comment kpi tyottomyysaste "Työttömyys kääntyi laskuun." --en "Unemployment turned down."',
)
_command(
    "goal", "The goal's or strategic objective's id.", completion.complete_servable,
    "A goal's summary for the period and what is done next; the review's summary opens with it.",
    'kemi comment goal viisas "Digipalvelut etenevät." --en "Digital services are progressing."',
)
_command(
    "sector", "The sector's id.", completion.complete_sector,
    "A sector's summary for the period and what it does next.",
    'kemi comment sector ymparisto "Satamakankaan kaava hyväksyttiin." --en "The Satamakangas plan was approved."',
)
