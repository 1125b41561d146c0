"""Workbooks that people fill in and send back: what a form holds, and writing it.

A form is a workbook kemi writes for one person to fill in: an instructions sheet, one sheet per
kind of row (indicators, projects, texts to translate), and a hidden sheet that names what the
workbook is for. Each data sheet starts with a locked (and usually hidden) key column that says
which item a row is about; only the input cells are unlocked, the sheets are protected so that
nothing else changes by accident, numbers have a Finnish-friendly format, and Excel's own data
validation keeps a value within its range or a drop-down's words while the person types.

Protection without a password guides, it does not secure: reading a returned form
(`form_reading`) checks the structure and every input cell again.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..wording import Said
from .cells import Cell, decimal_text
from .xlsx_file import put

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

ColumnKind = Literal["key", "text", "number", "choice"]
FORM_VERSION = "1"
STAMP_SHEET = "kemi"  # the hidden sheet that names the form; the reader finds the form by it
INPUT_FILL = "FFF7D6"  # a pale yellow: where to type
LIST_LIMIT = 255  # Excel's limit on an in-line drop-down list's length
HEADER_STYLE = "kemi-header"
CELL_STYLES = {(True, False): "kemi-input", (True, True): "kemi-input-wrap", (False, True): "kemi-wrap"}  # (input?, wrapped?)


@dataclass(frozen=True)
class Limits:
    """The range a number must lie in (either end may be open), and whether it is whole."""

    minimum: float | None = None
    maximum: float | None = None
    whole: bool = False

    def problem(self, value: float) -> Said | None:
        """Why `value` is not within these limits (what it is: `… is {problem}`), or None."""
        if self.whole and value != int(value):
            return Said("cli.form.not_whole")
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            return Said("cli.form.outside", range=self.describe())
        return None

    def describe(self) -> str:
        low = "" if self.minimum is None else decimal_text(_tidy(self.minimum), ",")
        high = "" if self.maximum is None else decimal_text(_tidy(self.maximum), ",")
        if self.minimum is not None and self.maximum is not None:
            return f"{low}–{high}"
        return f"≥ {low}" if self.minimum is not None else (f"≤ {high}" if self.maximum is not None else "any number")


@dataclass(frozen=True)
class Choice:
    """One word of a drop-down: as the person sees it, and as kemi records it."""

    shown: str
    value: str


@dataclass(frozen=True)
class Column:
    key: str  # the value's name in a row read back
    header: str  # as the person sees it
    kind: ColumnKind = "text"
    editable: bool = False
    choices: tuple[Choice, ...] = ()
    limits: Limits | None = None  # for every row; a row may give its own (FormRow.limits)
    width: float = 14
    hidden: bool = False
    multiline: bool = False
    # A locked cell whose value the reader compares with the form's: the text a translation
    # translates must still be the data's.
    unchanged: bool = False


@dataclass(frozen=True)
class FormRow:
    values: Mapping[str, Cell]  # by column key; the key column's value names the row
    limits: Mapping[str, Limits] = field(default_factory=dict)


@dataclass(frozen=True)
class FormSheet:
    title: str
    columns: tuple[Column, ...]  # the first is the key column
    rows: tuple[FormRow, ...]

    @property
    def key_column(self) -> Column:
        return self.columns[0]

    def keys(self) -> list[str]:
        return [str(row.values[self.key_column.key]) for row in self.rows]

    def limits_of(self, row: FormRow, column: Column) -> Limits | None:
        return row.limits.get(column.key, column.limits)


@dataclass(frozen=True)
class Form:
    """A whole workbook: what it is (`kind`), what it is for (`stamp`: period, workspace, owner),
    the instructions (paragraphs, Finnish then English) and the sheets to fill in."""

    kind: str
    stamp: tuple[tuple[str, str], ...]
    instructions_title: str
    instructions: tuple[str, ...]
    sheets: tuple[FormSheet, ...]

    def __post_init__(self) -> None:
        for sheet in self.sheets:
            if not sheet.columns or sheet.columns[0].kind != "key":
                raise ValueError(f"form sheet '{sheet.title}' must begin with its key column")
            for column in sheet.columns:
                if column.kind == "choice":
                    _drop_down_list(column)  # refuses words a drop-down cannot hold


def form_workbook_bytes(form: Form) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    _add_named_styles(workbook)
    instructions = workbook.active
    _fill_instructions(instructions, form)
    for sheet in form.sheets:
        _fill_form_sheet(workbook.create_sheet(sheet.title), sheet)
    _fill_stamp(workbook.create_sheet(STAMP_SHEET), form)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def stamp_rows(form: Form) -> list[tuple[str, ...]]:
    """What the hidden sheet holds: the form's kind and version, its stamp, each sheet's columns."""
    rows: list[tuple[str, ...]] = [("kind", form.kind), ("version", FORM_VERSION)]
    rows += [(key, value) for key, value in form.stamp]
    rows += [("sheet", sheet.title, *(column.key for column in sheet.columns)) for sheet in form.sheets]
    return rows


def _fill_instructions(sheet: Worksheet, form: Form) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.title = form.instructions_title
    put(sheet.cell(row=1, column=1), form.instructions_title).font = Font(bold=True, size=14)
    for number, paragraph in enumerate(form.instructions, start=3):
        put(sheet.cell(row=number, column=1), paragraph).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 100
    sheet.protection.sheet = True


def _fill_form_sheet(sheet: Worksheet, form_sheet: FormSheet) -> None:
    from openpyxl.utils import get_column_letter

    for number, column in enumerate(form_sheet.columns, start=1):
        put(sheet.cell(row=1, column=number), column.header).style = HEADER_STYLE
        dimension = sheet.column_dimensions[get_column_letter(number)]
        dimension.width = column.width
        dimension.hidden = column.hidden
    for row_number, row in enumerate(form_sheet.rows, start=2):
        for number, column in enumerate(form_sheet.columns, start=1):
            cell = put(sheet.cell(row=row_number, column=number), row.values.get(column.key))
            style = CELL_STYLES.get((column.editable, column.multiline))
            if style is not None:
                cell.style = style
            if column.kind == "number":
                cell.number_format = _number_format(form_sheet.limits_of(row, column))
    _add_validations(sheet, form_sheet)
    sheet.freeze_panes = "C2" if len(form_sheet.columns) > 2 else "A2"
    # Protected, yet a person may still widen columns and rows to read long texts.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _add_named_styles(workbook: Workbook) -> None:
    """The form's few cell styles, registered once: a named style costs a cell a reference, where
    a style built per cell costs openpyxl a search of every style so far."""
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection

    wrap = Alignment(wrap_text=True, vertical="top")
    fill = PatternFill(fill_type="solid", start_color=INPUT_FILL, end_color=INPUT_FILL)
    open_cell = Protection(locked=False)
    workbook.add_named_style(NamedStyle(HEADER_STYLE, font=Font(bold=True), alignment=wrap))
    for (is_input, is_wrapped), name in CELL_STYLES.items():
        workbook.add_named_style(
            NamedStyle(name, fill=fill if is_input else PatternFill(), protection=open_cell if is_input else Protection(),
                       alignment=wrap if is_wrapped else Alignment())
        )


def _fill_stamp(sheet: Worksheet, form: Form) -> None:
    for row in stamp_rows(form):
        sheet.append(list(row))
    sheet.sheet_state = "veryHidden"  # not listed under Excel's "Unhide"
    sheet.protection.sheet = True


def _number_format(limits: Limits | None) -> str:
    """Digit groups and a decimal comma in Finnish Excel (the code's ',' and '.' are the locale's)."""
    return "#,##0" if limits is not None and limits.whole else "#,##0.0##"


def _add_validations(sheet: Worksheet, form_sheet: FormSheet) -> None:
    """Excel's data validation on every input cell: one rule per distinct range or list, each
    applied to the cells that share it."""
    from openpyxl.worksheet.datavalidation import DataValidation

    rules: dict[tuple[object, ...], list[tuple[int, int]]] = {}
    for row_number, row in enumerate(form_sheet.rows, start=2):
        for number, column in enumerate(form_sheet.columns, start=1):
            if not column.editable or column.kind not in ("number", "choice"):
                continue
            limits = form_sheet.limits_of(row, column)
            rule: tuple[object, ...] = ("choice", column.key) if column.kind == "choice" else ("number", limits)
            rules.setdefault(rule, []).append((number, row_number))
    columns = {column.key: column for column in form_sheet.columns}
    for rule, cells in rules.items():
        if rule[0] == "choice":
            column = columns[str(rule[1])]
            validation = DataValidation(type="list", formula1=f'"{_drop_down_list(column)}"', allow_blank=True)
            validation.error = "Valitse arvo luettelosta. / Choose a value from the list."
        else:
            bounds = rule[1]
            validation = _number_validation(bounds if isinstance(bounds, Limits) else None)
        validation.errorTitle = "kemi"
        validation.showErrorMessage = True
        for cell_range in _ranges(cells):
            validation.add(cell_range)
        sheet.add_data_validation(validation)


def _ranges(cells: list[tuple[int, int]]) -> list[str]:
    """(column, row) pairs as ranges of consecutive rows in a column: D2:D9, not D2 D3 … D9."""
    from openpyxl.utils import get_column_letter

    ranges: list[list[int]] = []  # [column, first row, last row]
    for column, row in sorted(cells):
        if ranges and ranges[-1][0] == column and ranges[-1][2] == row - 1:
            ranges[-1][2] = row
        else:
            ranges.append([column, row, row])
    letters = [(get_column_letter(column), first, last) for column, first, last in ranges]
    return [f"{c}{first}" if first == last else f"{c}{first}:{c}{last}" for c, first, last in letters]


def _number_validation(limits: Limits | None) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    kind = "whole" if limits is not None and limits.whole else "decimal"
    low = None if limits is None else limits.minimum
    high = None if limits is None else limits.maximum
    if low is not None and high is not None:
        validation = DataValidation(type=kind, operator="between", formula1=_formula_number(low), formula2=_formula_number(high), allow_blank=True)
    elif low is not None:
        validation = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=_formula_number(low), allow_blank=True)
    elif high is not None:
        validation = DataValidation(type=kind, operator="lessThanOrEqual", formula1=_formula_number(high), allow_blank=True)
    else:  # any number, but a number
        validation = DataValidation(type=kind, operator="between", formula1="-1E+307", formula2="1E+307", allow_blank=True)
    shown = limits.describe() if limits is not None else "any number"
    validation.error = f"Anna luku {shown}. / Type a number {shown}."
    return validation


def _formula_number(value: float) -> str:
    """A number in a validation rule: always with a decimal point, whatever the reader's locale."""
    return decimal_text(_tidy(value), ".")


def _drop_down_list(column: Column) -> str:
    words = [choice.shown for choice in column.choices]
    listed = ",".join(words)
    if not words or any("," in word or '"' in word for word in words) or len(listed) > LIST_LIMIT:
        raise ValueError(f"column '{column.key}': a drop-down needs 1 or more words without commas or quotes, {LIST_LIMIT} characters in all")
    return listed


def _tidy(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value

