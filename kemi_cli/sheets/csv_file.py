"""Tables as CSV text, in one of two dialects.

- `excel`: what Finnish Excel opens right by double-click: UTF-8 with a byte order mark (without
  it Excel reads the file in the machine's legacy code page), semicolons between fields (a comma
  is the decimal sign), decimal commas, dates as YYYY-MM-DD and times as YYYY-MM-DD HH:MM:SS
  (which Excel reads as dates in every locale), Windows line ends.
- `plain`: for programs: UTF-8 without a mark, commas, decimal points, ISO 8601 dates and times.

In both, text that a spreadsheet would run as a formula starts with Excel's text mark `'`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Literal

from .cells import Cell, csv_safe_text, decimal_text, wall_clock

CsvDialect = Literal["excel", "plain"]
CSV_DIALECTS: tuple[CsvDialect, ...] = ("excel", "plain")
BYTE_ORDER_MARK = "\ufeff"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]], dialect: CsvDialect) -> str:
    """The table with its header line; an empty cell for a missing value."""
    excel = dialect == "excel"
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
    writer.writerow([csv_safe_text(name) for name in header])
    field = _excel_field if excel else _plain_field
    writer.writerows([field(cell) for cell in row] for row in rows)
    return (BYTE_ORDER_MARK if excel else "") + stream.getvalue()


def _excel_field(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return csv_safe_text(cell)
    if isinstance(cell, dt.datetime):
        return wall_clock(cell).isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return decimal_text(cell, ",")


def _plain_field(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return csv_safe_text(cell)
    if isinstance(cell, (dt.date, dt.datetime)):
        return cell.isoformat()
    return str(cell)
