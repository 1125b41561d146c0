"""One cell of a table written for a spreadsheet: its kinds of value, and the text that a
spreadsheet would take for a formula."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

Cell = str | int | float | dt.date | dt.datetime | None

# A spreadsheet runs a cell that starts with one of these as a formula (or, for a tab or carriage
# return, strips it and looks again): text from the data must never do that.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel's own mark for "this cell is text": shown in the edit line, not in the cell.
TEXT_MARK = "'"


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_safe_text(text: str) -> str:
    """Text for a CSV field that a spreadsheet shows as the text it is."""
    return TEXT_MARK + text if looks_like_formula(text) else text


def wall_clock(moment: dt.datetime) -> dt.datetime:
    """A time as it was written, without its offset: Excel has no time zones."""
    return moment.replace(tzinfo=None)


def decimal_text(number: float, decimal_sign: str) -> str:
    """A number in full, never in exponent form (1e-05), with the given decimal sign."""
    if isinstance(number, int):
        return str(number)
    text = format(Decimal(repr(number)), "f")
    return text.replace(".", decimal_sign)
