"""Changes to review.yaml: opening a period for review and closing it once approved.

The functions on the round-trip document are pure and refuse with a UsageError; `edit_review`
hands them to the one edit path (kemi_cli.edit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .edit import append_item, create_file, dump, edit_file, history_list, load_round_trip, put_key
from .errors import EditConflict, UsageError
from .load import KPIS_FILE, REVIEW_FILE
from .numbers import Day
from .periods import Period
from .review import review_path
from .wording import Said

if TYPE_CHECKING:
    from .models.review import ReviewFile

NEW_REVIEW_TEXT = """\
# The review cycle of the strategy's follow-up: the periods under review and closed, and the
# commentary written for each period. Written by `kemi review` and `kemi comment`.
periods: []
commentary: []
"""


def period_entry(periods: list[Any], period: Period) -> CommentedMap | None:
    return next((p for p in periods if isinstance(p, CommentedMap) and str(p.get("period")) == str(period)), None)


def open_review(document: Any, period: Period, deadline: dt.date | None, on: dt.date, by: str | None) -> None:
    """Open `period` for review. Refused when it has been opened before, or another period is open."""
    if deadline is not None and deadline <= period.end:
        raise UsageError(Said("cli.review.deadline_too_early", deadline=deadline.isoformat(), period=period, end=Day(period.end)))
    periods = history_list(document, "periods", REVIEW_FILE)
    existing = period_entry(periods, period)
    if existing is not None:
        state = existing.get("state")
        raise UsageError(Said("cli.review.opened_already", period=period, state=Said(f"cli.review.state.{state}") if state in ("open", "closed") else state))
    still_open = next((p for p in periods if isinstance(p, dict) and p.get("state") == "open"), None)
    if still_open is not None:
        raise UsageError(Said("cli.review.still_open", period=still_open.get("period")))
    entry = CommentedMap()
    entry["period"] = str(period)
    entry["state"] = "open"
    if deadline is not None:
        entry["deadline"] = deadline
    entry["opened_at"] = on
    if by:
        entry["opened_by"] = by
    if not periods:
        periods.fa.set_block_style()
    append_item(periods, entry)


def close_review(document: Any, period: Period, approved_by: str, digest: str, on: dt.date, by: str | None) -> None:
    """Record the approval of `period` and close it, with the digest of its entries."""
    periods = history_list(document, "periods", REVIEW_FILE)
    entry = period_entry(periods, period)
    if entry is None:
        raise UsageError(Said("cli.review.not_open", period=period))
    if entry.get("state") == "closed":
        raise UsageError(Said("cli.review.closed_already", period=period, approval=entry.get("approved_by")))
    put_in_order(entry, "state", "closed")
    put_in_order(entry, "approved_by", approved_by)
    put_in_order(entry, "closed_at", on)
    if by:
        put_in_order(entry, "closed_by", by)
    put_in_order(entry, "digest", digest)


# The keys of a period's entry in the order of models.review.ReviewPeriod.
PERIOD_KEYS = ("period", "state", "deadline", "opened_at", "opened_by", "returns", "approved_by", "closed_at", "closed_by", "digest", "reopenings")


def put_in_order(entry: CommentedMap, key: str, value: Any) -> None:
    """Set `key` in a period's entry, placed after the keys that come before it in the model."""
    put_key(entry, key, value, after=tuple(reversed(PERIOD_KEYS[: PERIOD_KEYS.index(key)])))


def new_review_text(data_dir: Path) -> str:
    """The text of a new review.yaml, with the editor's schema line its sibling kpis.yaml has."""
    try:
        first = (data_dir / KPIS_FILE).read_text(encoding="utf-8-sig").split("\n", 1)[0]
    except (OSError, UnicodeDecodeError):
        first = ""
    header = first.replace("kpis.schema.json", "review.schema.json") + "\n" if "kpis.schema.json" in first else ""
    return header + NEW_REVIEW_TEXT


def edit_review(data_dir: Path, change: Callable[[Any], object], validate: Callable[[Path, str], list[Any]]) -> None:
    """Change review.yaml through the one edit path; a data folder without one gets it, written
    only when the change and the whole workspace are valid."""
    path = review_path(data_dir)
    if not path.exists():
        yaml, document = load_round_trip(new_review_text(data_dir))
        change(document)
        try:
            create_file(path, dump(yaml, document), validate)
            return
        except EditConflict:
            if not path.exists():
                raise
            # Another writer created it meanwhile: this change goes into theirs.
    edit_file(path, change, validate)


# ---------------------------------------------------------------- editing a closed period


def record_reopening(document: Any, digests: dict[str, str], reason: str, change: str, on: dt.date, by: str | None) -> None:
    """Record, for each closed period in `digests`, the change made to it with its reason, and
    the digest of its entries after the change."""
    periods = history_list(document, "periods", REVIEW_FILE)
    for period_text, digest in digests.items():
        entry = period_entry(periods, Period.parse(period_text))
        if entry is None:
            raise UsageError(Said("cli.review.not_in_file", period=period_text, file=REVIEW_FILE))
        reopening = CommentedMap([("at", on)] + ([("by", by)] if by else []) + [("reason", reason), ("change", change)])
        reopenings = entry.get("reopenings")
        if reopenings is None:
            reopenings = CommentedSeq()
            put_in_order(entry, "reopenings", reopenings)
        append_item(reopenings, reopening)
        put_in_order(entry, "digest", digest)


T = TypeVar("T")


def edit_locked_periods(
    data_dir: Path,
    review: ReviewFile,
    periods: Iterable[Period],
    reopen: str | None,
    change: str,
    edit: Callable[[Callable[[Path, str], list[Any]]], T],
    on: dt.date,
    by: str | None,
) -> T:
    """Run `edit` (a change of the entries for `periods`, given the validator to write with)
    unless it touches a closed period without a reason to reopen it; with one, the edit is
    validated without the closed periods' digests, and the reason and the period's new digest are
    recorded in review.yaml after it. The edit is written first: if recording fails, kemi
    validate reports the closed period as changed, never the other way round."""
    from .period_digest import period_digest
    from .period_lock import check_unlocked
    from .validate import validate_workspace, workspace_validator

    touched = check_unlocked(review, periods, reopen)
    outcome = edit(workspace_validator(data_dir, check_digests=not touched))
    if touched and reopen is not None:
        workspace = validate_workspace(data_dir, check_digests=False).workspace
        if workspace is None:
            raise UsageError(Said("cli.review.invalid_after"))
        digests = {entry.period: period_digest(workspace, Period.parse(entry.period)) for entry in touched}
        edit_review(data_dir, lambda document: record_reopening(document, digests, reopen.strip(), change, on, by), workspace_validator(data_dir))
    return outcome
