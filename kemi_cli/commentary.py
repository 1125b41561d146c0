"""Commentary: for each period, what a KPI's figure means, and a goal's or a sector's summary and
what is done next, written in Finnish first (the English may follow) and kept in review.yaml with
who wrote it and when. A second text for the same subject and period replaces the first only when
asked to; the first stays as history, as replaced values do.

`add_commentary` changes the round-trip document of review.yaml (pure; refuses with UsageError);
the command hands it to review_edit.edit_review, the one edit path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap

from .edit import append_replacing, history_list, is_current_entry
from .errors import UsageError
from .load import REVIEW_FILE
from .periods import Period
from .wording import Said


@dataclass(frozen=True)
class NewComment:
    period: Period
    subject: str  # kpi, goal or sector
    item_id: str
    fi: str
    en: str | None
    written_at: dt.date
    written_by: str | None


def _is_about(entry: Any, comment: NewComment) -> bool:
    return (
        is_current_entry(entry)
        and str(entry.get("period")) == str(comment.period)
        and entry.get("subject") == comment.subject
        and entry.get("id") == comment.item_id
    )


def add_commentary(document: Any, comment: NewComment, replace: bool = False) -> bool:
    """Append `comment` to the commentary of review.yaml; a current text for the same subject and
    period is an error unless `replace`, and is then kept as history. The very text written
    already is left as it is (returns False)."""
    entries = history_list(document, "commentary", REVIEW_FILE)
    same = [entry for entry in entries if _is_about(entry, comment)]
    if same and _text_of(same[-1]) == (comment.fi, comment.en):
        return False
    if same and not replace:
        raise UsageError(
            Said("cli.comment_exists", subject=Said(f"cli.comment_subject.{comment.subject}"), id=comment.item_id, period=comment.period)
        )
    text = CommentedMap([("fi", comment.fi)] + ([("en", comment.en)] if comment.en else []))
    entry = CommentedMap()
    entry["period"] = str(comment.period)
    entry["subject"] = comment.subject
    entry["id"] = comment.item_id
    entry["text"] = text
    entry["written_at"] = comment.written_at
    if comment.written_by:
        entry["written_by"] = comment.written_by
    append_replacing(entries, entry, same, comment.written_at, comment.written_by)
    return True


def _text_of(entry: Any) -> tuple[Any, Any]:
    text = entry.get("text")
    return (text.get("fi"), text.get("en")) if isinstance(text, dict) else (None, None)
