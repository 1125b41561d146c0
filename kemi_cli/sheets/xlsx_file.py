"""Tables as an xlsx workbook, one sheet each: numbers and dates as real cells, text as text.

Dates use Excel's built-in short date format (and date-and-time format), which Excel shows in
the reader's own locale: 15.8.2026 in Finnish Excel. Text that would run as a formula is stored
as text and marked with Excel's quote prefix, so that editing the cell keeps it text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .cells import Cell, looks_like_formula, wall_clock
from .table import Table

if TYPE_CHECKING:
    from openpyxl.cell import Cell as XlsxCell
    from openpyxl.worksheet.worksheet import Worksheet

# Excel's built-in formats 14 and 22, which follow the reader's locale (openpyxl's names for them).
LOCALE_DATE = "mm-dd-yy"
LOCALE_DATE_TIME = "m/d/yy h:mm"
MAX_COLUMN_WIDTH = 60
MAX_CELL_TEXT = 32767  # Excel's limit on the characters of one cell


def workbook_bytes(tables: Sequence[Table]) -> bytes:
    """A workbook with one sheet per table, in order; each with a bold, frozen, filtered header."""
    from openpyxl import Workbook  # only the workbook exports need it

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        fill_sheet(workbook.create_sheet(table.title), table)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def fill_sheet(sheet: Worksheet, table: Table) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for column, name in enumerate(table.header, start=1):
        put(sheet.cell(row=1, column=column), name).font = Font(bold=True)
    for row_number, row in enumerate(table.rows, start=2):
        for column, value in enumerate(row, start=1):
            put(sheet.cell(row=row_number, column=column), value)
    for column, name in enumerate(table.header, start=1):
        widest = max([len(name)] + [len(shown_text(row[column - 1])) for row in table.rows])
        sheet.column_dimensions[get_column_letter(column)].width = min(widest + 2, MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"
    if table.header:
        sheet.auto_filter.ref = sheet.dimensions


def put(cell: XlsxCell, value: Cell) -> XlsxCell:
    """Write one value into a cell as its own type; text is never taken for a formula."""
    if isinstance(value, str):
        cell.value = excel_text(value)
        if looks_like_formula(value):
            cell.data_type = "s"  # openpyxl made it a formula because of the leading '='
            cell.quotePrefix = True
    elif isinstance(value, dt.datetime):
        cell.value = wall_clock(value)
        cell.number_format = LOCALE_DATE_TIME
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = LOCALE_DATE
    else:
        cell.value = value
    return cell


def excel_text(text: str) -> str:
    """Text as a cell can hold it: the control characters xlsx forbids become U+FFFD, and a text
    longer than Excel's limit for a cell ends with '…' at the limit (Excel would otherwise
    "repair" the whole workbook on opening it)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return text if len(text) <= MAX_CELL_TEXT else text[: MAX_CELL_TEXT - 1] + "…"


def shown_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return "00.00.0000 00:00" if isinstance(value, dt.datetime) else "00.00.0000"
    return str(value)
