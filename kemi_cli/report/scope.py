"""A published document's own time: the newest record it reports, not the whole data's.

In a built site every document carries the time of what it shows, so that recording a value for
a later period leaves the documents of earlier periods byte-identical (and a rebuild does not
render them again). A review or a set of cards made for a period is dated at the newest moment
recorded for that period or an earlier one: actuals, project updates, the review cycle's entries
and commentary. The strategy document, which shows no recorded figures, is dated at its file's
time. SOURCE_DATE_EPOCH, when set, still dates the making of every document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import __version__
from ..load import STRATEGY_FILE
from ..models.workspace import Workspace
from ..periods import Period
from .provenance import Provenance, file_time


def utc_moment(moment: dt.date | dt.datetime) -> dt.datetime:
    """A recorded moment as UTC; a date is its midnight, a naive time is taken as UTC."""
    if not isinstance(moment, dt.datetime):
        return dt.datetime(moment.year, moment.month, moment.day, tzinfo=dt.UTC)
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _within(period_text: str, period: Period) -> bool:
    # A year ends after its halves: a half-year review does not show the year it falls in.
    return Period.parse(period_text).end <= period.end


def period_moments(workspace: Workspace, period: Period) -> Iterator[dt.date | dt.datetime]:
    """Every moment recorded for `period` or an earlier one."""
    for kpi in workspace.kpis:
        yield from (a.recorded_at for a in kpi.actuals if _within(a.period, period))
    for project in workspace.projects.values():
        yield from (u.recorded_at for u in project.updates if _within(u.period, period))
    for review in workspace.review.periods:
        if _within(review.period, period):
            yield review.opened_at
            yield from (m for m in (review.closed_at, *(r.at for r in review.reopenings)) if m is not None)
    for text in workspace.review.commentary:
        if _within(text.period, period):
            yield from (m for m in (text.written_at, text.replaced_at) if m is not None)


def scoped(moments: Iterable[dt.date | dt.datetime], fallback: dt.datetime, pinned: dt.datetime | None) -> Provenance:
    """Dated at the newest of `moments` (`fallback` when there are none) and made at `pinned`
    (SOURCE_DATE_EPOCH) when set, else at that same time. The data's commit is left out: it
    changes with every edit, also of what the document does not show."""
    data_time = max((utc_moment(m) for m in moments), default=fallback)
    return Provenance(commit=None, dirty=False, data_time=data_time, generated_at=pinned or data_time, kemi_version=__version__, scoped=True)


def strategy_time(data_dir: Path) -> dt.datetime:
    return file_time(data_dir / STRATEGY_FILE)


def period_provenance(workspace: Workspace, period: Period, pinned: dt.datetime | None) -> Provenance:
    return scoped(period_moments(workspace, period), strategy_time(workspace.data_dir), pinned)


def strategy_provenance(workspace: Workspace, pinned: dt.datetime | None) -> Provenance:
    return scoped((), strategy_time(workspace.data_dir), pinned)
