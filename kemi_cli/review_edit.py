"""Changes to review.yaml: opening a period for review and closing it once approved.

The functions on the round-trip document are pure and refuse with a UsageError; `edit_review`
hands them to the one edit path (kemi_cli.edit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from .edit import append_item, create_file, dump, edit_file, history_list, load_round_trip, put_key
from .errors import UsageError
from .load import KPIS_FILE, REVIEW_FILE
from .periods import Period
from .review import review_path

NEW_REVIEW_TEXT = """\
# The review cycle of the strategy's follow-up: the periods under review and closed, and the
# commentary written for each period. Written by `kemi review` and `kemi comment`.
periods: []
commentary: []
"""


def _entry_for(periods: list[Any], period: Period) -> CommentedMap | None:
    return next((p for p in periods if isinstance(p, CommentedMap) and str(p.get("period")) == str(period)), None)


def open_review(document: Any, period: Period, deadline: dt.date | None, on: dt.date, by: str | None) -> None:
    """Open `period` for review. Refused when it has been opened before, or another period is open."""
    if deadline is not None and deadline <= period.end:
        raise UsageError(f"--deadline {deadline.isoformat()} is not after the end of {period} ({period.end.isoformat()}): figures arrive after their period")
    periods = history_list(document, "periods", REVIEW_FILE)
    existing = _entry_for(periods, period)
    if existing is not None:
        state = existing.get("state")
        raise UsageError(f"{period} has been opened for review already (it is {state})")
    still_open = next((p for p in periods if isinstance(p, dict) and p.get("state") == "open"), None)
    if still_open is not None:
        raise UsageError(f"{still_open.get('period')} is still under review; close it first (kemi review close {still_open.get('period')} --approved-by …)")
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
    entry = _entry_for(periods, period)
    if entry is None:
        raise UsageError(f"{period} is not under review; open it first (kemi review open {period})")
    if entry.get("state") == "closed":
        raise UsageError(f"{period} is closed already (approved: {entry.get('approved_by')})")
    _put_in_order(entry, "state", "closed")
    _put_in_order(entry, "approved_by", approved_by)
    _put_in_order(entry, "closed_at", on)
    if by:
        _put_in_order(entry, "closed_by", by)
    _put_in_order(entry, "digest", digest)


# The keys of a period's entry in the order of models.review.ReviewPeriod.
PERIOD_KEYS = ("period", "state", "deadline", "opened_at", "opened_by", "approved_by", "closed_at", "closed_by", "digest", "reopenings")


def _put_in_order(entry: CommentedMap, key: str, value: Any) -> None:
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


def edit_review(data_dir: Path, change: Callable[[Any], None], validate: Callable[[Path, str], list[Any]]) -> None:
    """Change review.yaml through the one edit path; a data folder without one gets it, written
    only when the change and the whole workspace are valid."""
    path = review_path(data_dir)
    if path.exists():
        edit_file(path, change, validate)
        return
    yaml, document = load_round_trip(new_review_text(data_dir))
    change(document)
    create_file(path, dump(yaml, document), validate)
