"""The ranges of numbers, years and settings kemi accepts: what it can format, compare and date.

Each bound is checked where a value enters (a data file, an argument, an import file, the
environment), so that no value that kemi would fail to show later is ever accepted.
"""

from __future__ import annotations

import math

from .wording import Said

# Babel formats through decimal arithmetic of 28 digits, and a float holds 15 exact digits;
# a city's largest figure (a budget in euros) is some ten digits.
MAX_MAGNITUDE = 10**15
MAGNITUDE_BOUNDS = ("−10^15", "10^15")  # as the messages write them

# Years of periods and dates: a strategy's baselines and targets, with room on both sides, and
# far from the years (0, 1, 9999) where a date one period earlier or later does not exist.
MIN_YEAR = 1900
MAX_YEAR = 2199


def magnitude_problem(value: float) -> Said | None:
    """Why `value` cannot be a number in kemi (what it is: `… is {problem}`), or None when it
    can. The message never prints the value itself: an integer of thousands of digits cannot
    even be turned into text."""
    if isinstance(value, float) and not math.isfinite(value):
        return Said("cli.magnitude.not_finite")
    if abs(value) > MAX_MAGNITUDE:
        return Said("cli.magnitude.out_of_range", low=MAGNITUDE_BOUNDS[0], high=MAGNITUDE_BOUNDS[1])
    return None


def year_problem(year: int) -> Said | None:
    """Why `year` cannot be the year of a period or date in kemi, or None."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return Said("cli.year_outside", year=year, low=MIN_YEAR, high=MAX_YEAR)
    return None


def setting(name: str, raw: str | None, default: float, low: float, high: float, whole: bool = False) -> float:
    """A number from the environment variable `name` (its text `raw`): `default` when unset or
    empty; text that is not a number, or one outside low–high, is a usage error naming it,
    never a crash later (a limit too large to allocate, a wait without end)."""
    text = (raw or "").strip()
    if not text:
        return default
    try:
        value = int(text) if whole and len(text) <= 20 else float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and low <= value <= high):
        from .errors import UsageError

        said = Said(
            "cli.setting_out_of_range.whole" if whole else "cli.setting_out_of_range.number",
            name=name, text=text[:40], low=_plain(low), high=_plain(high), default=_plain(default),
        )
        raise UsageError(said)
    return value


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)
