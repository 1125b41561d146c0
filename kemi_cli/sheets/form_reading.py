"""Reading a form back: a returned workbook into typed rows, and every problem as one line
naming the file, the sheet and the cell (`hyvinvointi.xlsx:Mittarit!F7: error: '135' is
outside 0–100`).

The form expected (the same `Form` that was written, made again from the data) says what the
workbook must be: a workbook of that kind, for that period and workspace (the hidden stamp
sheet), with the same sheets, headers and row keys. A workbook that is not is refused whole; a
formula in an input cell, or a value that is not of its column's kind or within its range, is
refused cell by cell. Nothing here records anything: the caller checks the rows with the data's
own rules and records them all or nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..arguments import suggest
from ..errors import Finding, display_path
from ..wording import Said
from .cells import decimal_text
from .forms import STAMP_SHEET, Column, Form, FormRow, FormSheet, stamp_rows
from .xlsx_file import excel_text

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell as XlsxCell
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024  # packed or unpacked: a filled form is some kilobytes
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_QUOTED_RE = re.compile(r'"[^"]*"|\\.')


@dataclass(frozen=True)
class CellFinding(Finding):
    """A finding located at a cell of a workbook: `file.xlsx:Sheet!F7`."""

    cell: str | None = None  # 'Mittarit!F7', or None for the whole workbook

    def location(self) -> str:
        return display_path(self.path) + (f":{self.cell}" if self.cell else "")

    def as_dict(self) -> dict[str, object]:
        return {**super().as_dict(), "cell": self.cell}


@dataclass(frozen=True)
class ReturnedRow:
    """One row of a returned form: its key, and the value of every input column (None when the
    cell was left empty), with the cell each came from for the caller's own findings."""

    sheet: str
    key: str
    row: int
    values: dict[str, Any]
    cells: dict[str, str]  # column key → 'Sheet!F7'


@dataclass
class FormReading:
    path: Path
    rows: list[ReturnedRow] = field(default_factory=list)
    findings: list[CellFinding] = field(default_factory=list)
    form: Form | None = None  # the form the workbook was read as, once its stamp is known

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def finding(self, message: str | Said, cell: str | None = None) -> None:
        self.findings.append(CellFinding(self.path, message, cell=cell))


# The form a workbook is expected to be, chosen by what its hidden sheet says (e.g. the owner it
# was written for); a string says why there is none.
FormChooser = Callable[[Mapping[str, str]], "Form | Said"]


def read_form(path: Path, expected: Form | FormChooser) -> FormReading:
    """Every input cell of the workbook at `path` read as the form `expected` says (or the form
    it chooses by the workbook's stamp); structural problems leave no rows."""
    reading = FormReading(path)
    workbook = _open(path, reading)
    if workbook is None:
        return reading
    try:
        form = reading.form = _form_of_stamp(workbook, expected, reading)
        if form is not None:
            sheets = [(sheet, workbook[sheet.title]) for sheet in form.sheets if _structure_matches(workbook, sheet, reading)]
            if reading.ok:
                for form_sheet, worksheet in sheets:
                    _read_rows(worksheet, form_sheet, reading)
    finally:
        workbook.close()
    if not reading.ok:
        reading.rows.clear()
    return reading


def sheet_keys(path: Path, title: str) -> list[str]:
    """The row keys of a sheet of the workbook at `path` (its first column below the header), to
    make the form it is expected to be; none when it cannot be read (`read_form` then says why)."""
    workbook = _open(path, FormReading(path))
    if workbook is None:
        return []
    try:
        if title not in workbook.sheetnames:
            return []
        return [str(row[0]) for row in workbook[title].iter_rows(min_row=2, max_col=1, values_only=True) if row[0] not in (None, "")]
    finally:
        workbook.close()


def _open(path: Path, reading: FormReading) -> Workbook | None:
    from openpyxl import load_workbook

    try:
        size = path.stat().st_size
    except OSError as error:
        reading.finding(Said("cli.load.cannot_read", reason=error.strerror or error))
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if max(size, unpacked) > MAX_WORKBOOK_BYTES:
            reading.finding(Said("cli.form.too_large", megabytes=max(size, unpacked) // (1024 * 1024)))
            return None
        with warnings.catch_warnings():  # openpyxl warns of Excel features it drops on reading; kemi reads values only
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=False)
    except Exception as error:  # noqa: BLE001 - zipfile and openpyxl raise many kinds for a file that is not a workbook
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        reading.finding(Said("cli.form.not_a_workbook", reason=reason))
        return None


def _form_of_stamp(workbook: Workbook, expected: Form | FormChooser, reading: FormReading) -> Form | None:
    """The form the workbook is, when its hidden sheet says it is one kemi expects."""
    if STAMP_SHEET not in workbook.sheetnames:
        reading.finding(Said("cli.form.not_kemis"))
        return None
    # The first value of each row by its key; a row edited down to its key has the value ''.
    found = {
        str(row[0]): "" if len(row) < 2 or row[1] is None else str(row[1])
        for row in workbook[STAMP_SHEET].iter_rows(values_only=True)
        if row and row[0] is not None
    }
    kind = found.get("kind", "")
    if not kind:
        reading.finding(Said("cli.form.no_kind"))
        return None
    if not isinstance(expected, Form):
        chosen = expected(found)
        if isinstance(chosen, Said):
            reading.finding(chosen)
            return None
        expected = chosen
    if kind != expected.kind:
        reading.finding(Said("cli.form.other_kind", kind=kind, expected=expected.kind))
        return None
    for key, *values in stamp_rows(expected)[1:]:
        if key == "sheet":
            continue  # the sheets are compared with the workbook itself
        given = found.get(key, "")
        if given != values[0]:
            reading.finding(Said("cli.form.other_stamp", key=Said(f"cli.form.stamp.{key}"), given=given, expected=values[0]))
            return None
    return expected


def _structure_matches(workbook: Workbook, form_sheet: FormSheet, reading: FormReading) -> bool:
    """The sheet is there with the same headers and the same row keys, each once."""
    if form_sheet.title not in workbook.sheetnames:
        reading.finding(Said("cli.form.sheet_missing", sheet=form_sheet.title))
        return False
    worksheet = workbook[form_sheet.title]
    before = len(reading.findings)
    for number, column in enumerate(form_sheet.columns, start=1):
        found = worksheet.cell(row=1, column=number).value
        if found != column.header:
            reading.finding(Said("cli.form.other_header", found=found or "", expected=column.header), _ref(worksheet, 1, number))
    extra = worksheet.cell(row=1, column=len(form_sheet.columns) + 1)
    if extra.value not in (None, ""):
        reading.finding(Said("cli.form.column_added", name=extra.value), _ref(worksheet, 1, extra.column))
    expected_keys = form_sheet.keys()
    seen: set[str] = set()
    for row_number in range(2, worksheet.max_row + 1):
        key = worksheet.cell(row=row_number, column=1).value
        if key in (None, ""):
            if any(worksheet.cell(row=row_number, column=n).value not in (None, "") for n in range(2, len(form_sheet.columns) + 1)):
                reading.finding(Said("cli.form.row_without_key"), _ref(worksheet, row_number, 1))
            continue
        key = str(key)
        if key not in expected_keys:
            reading.finding(Said("cli.form.unknown_row", key=key, suggestion=suggest(key, expected_keys)), _ref(worksheet, row_number, 1))
        elif key in seen:
            reading.finding(Said("cli.form.row_twice", key=key), _ref(worksheet, row_number, 1))
        seen.add(key)
    missing = [key for key in expected_keys if key not in seen]
    if missing:
        reading.finding(Said("cli.form.rows_missing", sheet=form_sheet.title, keys=missing))
    return len(reading.findings) == before


def _read_rows(worksheet: Worksheet, form_sheet: FormSheet, reading: FormReading) -> None:
    rows_by_key = dict(zip(form_sheet.keys(), form_sheet.rows))
    for row_number in range(2, worksheet.max_row + 1):
        key = worksheet.cell(row=row_number, column=1).value
        if key in (None, ""):
            continue
        form_row = rows_by_key[str(key)]
        values: dict[str, Any] = {}
        cells: dict[str, str] = {}
        for number, column in enumerate(form_sheet.columns, start=1):
            cell = worksheet.cell(row=row_number, column=number)
            ref = _ref(worksheet, row_number, number)
            if column.unchanged and cell.value != _as_written(form_row.values.get(column.key)):
                reading.finding(Said("cli.form.text_changed"), ref)
            if not column.editable:
                continue
            cells[column.key] = ref
            values[column.key] = _input_value(cell, column, form_sheet, form_row, ref, reading)
        reading.rows.append(ReturnedRow(form_sheet.title, str(key), row_number, values, cells))


def _input_value(cell: XlsxCell, column: Column, form_sheet: FormSheet, form_row: FormRow, ref: str, reading: FormReading) -> Any:
    """The typed value of one input cell, or None (empty, or refused with a finding)."""
    raw = cell.value
    if cell.data_type == "f" or (isinstance(raw, str) and raw.startswith("=") and cell.data_type != "s"):
        reading.finding(Said("cli.form.formula", formula=_shown(raw)), ref)
        return None
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if column.kind == "number":
        return _number_value(cell, form_sheet.limits_of(form_row, column), ref, reading)
    text = decimal_text(raw, ",") if isinstance(raw, (int, float)) and not isinstance(raw, bool) else raw
    if not isinstance(text, str):
        reading.finding(Said("cli.form.not_text", value=_shown(raw)), ref)
        return None
    text = text.strip()
    if column.kind == "choice":
        by_word = {choice.shown: choice.value for choice in column.choices}
        if text not in by_word:
            reading.finding(Said("cli.form.not_a_choice", value=text, choices=list(by_word), suggestion=suggest(text, by_word)), ref)
            return None
        return by_word[text]
    bad = _CONTROL_RE.search(text) or (None if column.multiline else re.search(r"[\r\n]", text))
    if bad:
        reading.finding(Said("cli.form.control_character", character=repr(bad.group())), ref)
        return None
    return text


def _number_value(cell: XlsxCell, limits: Any, ref: str, reading: FormReading) -> int | float | None:
    from ..numbers import NotANumber, parse_number

    raw = cell.value
    if isinstance(raw, bool):
        reading.finding(Said("cli.form.not_a_number", value=raw), ref)
        return None
    if isinstance(raw, (dt.datetime, dt.date, dt.time)):
        # Excel turns 1.5 typed in a Finnish sheet into the date 1.5.
        reading.finding(Said("cli.form.read_as_date", value=_shown(raw)), ref)
        return None
    if isinstance(raw, str):
        try:
            value: int | float = parse_number(raw.strip())
        except NotANumber as error:
            reading.finding(Said("cli.form.not_a_number_because", value=raw.strip(), problem=error.args[0] if error.args else error), ref)
            return None
    else:
        value = raw
        if _is_percent_format(cell.number_format):
            value = value * 100  # "13,5 %" typed into Excel is stored as 0.135
        value = round(value, 12)  # the float noise of Excel's arithmetic (0.135 * 100)
        if float(value).is_integer():
            value = int(value)
    problem = limits.problem(value) if limits is not None else None
    if problem:
        reading.finding(Said("cli.value_is", value=f"'{decimal_text(value, ',')}'", problem=problem), ref)
        return None
    return value


def _is_percent_format(number_format: str) -> bool:
    """A format that shows a fraction as a percentage (0%, 0.0%), not one that prints ' %' as text."""
    return "%" in _QUOTED_RE.sub("", number_format or "")


def _as_written(value: object) -> object:
    return excel_text(value) if isinstance(value, str) else value


def _ref(worksheet: Worksheet, row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{worksheet.title}!{get_column_letter(column)}{row}"


def _shown(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M") if value.time() != dt.time(0) else f"{value.day}.{value.month}.{value.year}"
    if isinstance(value, dt.date):
        return f"{value.day}.{value.month}.{value.year}"
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"
