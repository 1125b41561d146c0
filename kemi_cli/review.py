"""The review cycle, read side: which period is under review, and the period every command
works on when none is given.

The cycle lives in `data/review.yaml` (models.review). A period is opened for review with a
deadline, its figures, updates and commentary are collected, and once approved it is closed: its
approval and a digest of its entries are recorded, and later changes need a reason (`--reopen`).
Opening and closing are in review_edit; this module imports no edit machinery, so that reading
commands stay light.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .frequency import period_at_frequency
from .load import REVIEW_FILE
from .periods import Period
from .wording import Said

if TYPE_CHECKING:
    from .models.common import DraftText
    from .models.review import ReviewFile, ReviewPeriod


def review_path(data_dir: Path) -> Path:
    return data_dir / REVIEW_FILE


# ---------------------------------------------------------------- the period commands work on


def period_under_review(review: ReviewFile) -> ReviewPeriod | None:
    """The period open for review, if any (validation allows one at a time)."""
    return next((p for p in review.periods if p.state == "open"), None)


def review_of(review: ReviewFile, period: Period) -> ReviewPeriod | None:
    """The cycle's record of `period`, if it has been opened."""
    return next((p for p in review.periods if Period.parse(p.period) == period), None)


# Why a command took the period it did when none was given: a key of the catalogue's
# `screen.period_reason` (templates/messages/<lang>.yaml), which says it in each language.


@dataclass(frozen=True)
class ChosenPeriod:
    """The period a command works on, and why: `why` (a key of screen.period_reason) is None when the user gave
    it. `review` is the default period it was turned from at a KPI's `frequency`, if it was."""

    period: Period
    why: str | None = None
    review: Period | None = None
    frequency: str | None = None

    @property
    def reason(self) -> Said | None:
        """Why, to be put into words; None when the user gave the period."""
        if self.why is None:
            return None
        reason = Said(f"screen.period_reason.{self.why}")
        if self.review is None:
            return reason
        return Said("cli.reason_at_frequency", reason=reason, review=self.review, frequency=Said(f"cli.frequency.{self.frequency}"))


def default_period(review: ReviewFile, today: dt.date) -> ChosenPeriod:
    """The period under review; without one, the last half-year that has ended by `today`.
    Figures arrive after their period ends: in February they are for the half-year just ended."""
    open_period = period_under_review(review)
    if open_period is not None:
        return ChosenPeriod(Period.parse(open_period.period), "under_review")
    return ChosenPeriod(Period.latest_ended_half_year(today), "last_ended_no_review")


def default_half_year(review: ReviewFile, today: dt.date) -> ChosenPeriod:
    """The half-year a review is written for: the period under review when it is a half-year,
    else the last half-year that has ended by `today`."""
    chosen = default_period(review, today)
    if chosen.period.half is not None:
        return chosen
    return ChosenPeriod(Period.latest_ended_half_year(today), "last_ended_half_year")


def default_year(review: ReviewFile, today: dt.date) -> ChosenPeriod:
    """The year an annual report is written for: the period under review when it is a year,
    else the last year that has ended by `today`."""
    open_period = period_under_review(review)
    if open_period is not None and Period.parse(open_period.period).half is None:
        return ChosenPeriod(Period.parse(open_period.period), "under_review")
    return ChosenPeriod(Period(today.year - 1), "last_ended_year")


def chosen_period(text: str | None, review: ReviewFile, today: dt.date) -> ChosenPeriod:
    """The period given on the command line, else the default period."""
    return ChosenPeriod(Period.parse(text)) if text is not None else default_period(review, today)


def at_frequency(chosen: ChosenPeriod, frequency: str | None) -> ChosenPeriod:
    """A default period turned into the one a KPI measured at `frequency` reports in that review
    (frequency.period_at_frequency); a period the user gave is left as given, to be checked."""
    if chosen.why is None:
        return chosen
    period = period_at_frequency(frequency, chosen.period)
    if period == chosen.period:
        return chosen
    return ChosenPeriod(period, chosen.why, chosen.period, frequency)


def current_commentary(review: ReviewFile, period: Period, subject: str) -> dict[str, DraftText]:
    """The current text of each KPI, goal or sector (`subject`) for `period`, by id."""
    return {
        c.id: c.text
        for c in review.commentary
        if c.is_current and c.subject == subject and Period.parse(c.period) == period
    }
