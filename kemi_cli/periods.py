"""Reporting periods: a year (`2026`) or a half-year (`2026H1`, `2026H2`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import UsageError
from .limits import year_problem
from .numbers import Day
from .wording import Said

# The one definition of how a period is written: the data model (models.common) checks the files
# with the same pattern and message, and the JSON Schema carries the pattern.
PERIOD_PATTERN = r"^(\d{4})(H[12])?$"
PERIOD_RE = re.compile(PERIOD_PATTERN)


def not_a_period(text: object) -> Said:
    """The message for text that is not a period."""
    return Said("cli.not_a_period", text=text)


def not_begun(period: Period, today: dt.date) -> Said | None:
    """The one rule on recorded values: none for a period that has not begun by `today`. The
    edit commands refuse such a period, and validation reports one typed by hand."""
    if period.start > today:
        return Said("cli.not_begun", period=period, today=Day(today))
    return None


@dataclass(frozen=True)
class Period:
    """A period ordered by when it ends, then by its length (a half-year before its year)."""

    year: int
    half: int | None = None  # None: the whole year

    @classmethod
    def parse(cls, text: str | int) -> Period:
        return _parse_period(text)

    @classmethod
    def half_year_of(cls, day: dt.date) -> Period:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def latest_ended_half_year(cls, today: dt.date) -> Period:
        """The most recent half-year that has ended by `today`."""
        if today.month <= 6:
            return cls(today.year - 1, 2)
        return cls(today.year, 1)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        return (self.end, 0 if self.half else 1)

    def __lt__(self, other: Period) -> bool:
        return self.sort_key < other.sort_key

    def __le__(self, other: Period) -> bool:
        return self.sort_key <= other.sort_key

    def __gt__(self, other: Period) -> bool:
        return self.sort_key > other.sort_key

    def __ge__(self, other: Period) -> bool:
        return self.sort_key >= other.sort_key

    def previous(self) -> Period:
        if self.half is None:
            return Period(self.year - 1)
        return Period(self.year, 1) if self.half == 2 else Period(self.year - 1, 2)

    def __str__(self) -> str:
        return f"{self.year}H{self.half}" if self.half else str(self.year)


@lru_cache(maxsize=4096)
def _parse_period(text: str | int) -> Period:
    # Cached: a report compares every recorded actual's period with others many times over, and a
    # Period is immutable. Refusals are raised each time (lru_cache keeps no exceptions).
    match = PERIOD_RE.match(str(text).strip().upper())
    if not match:
        raise UsageError(not_a_period(text))
    year, half = match.groups()
    problem = year_problem(int(year))
    if problem:
        raise UsageError(Said("cli.period_not_taken", text=text, problem=problem))
    return Period(int(year), int(half[1]) if half else None)


def check_day(day: dt.date, what: str) -> dt.date:
    """A day given to kemi (KEMI_TODAY, --date) within the years periods may have."""
    problem = year_problem(day.year)
    if problem:
        raise UsageError(Said("cli.option_problem", option=f"{what} {day.isoformat()}:", problem=problem))
    return day
