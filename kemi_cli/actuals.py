"""Recording KPI actuals ("TOTEUMA"): set, replace, unset and import, in `data/kpis.yaml`.

The functions on the round-trip document are pure: each takes the document that the one edit
path (kemi_cli.edit) loaded and changes it in place, or raises a KemiError to refuse. The
record_/remove_/import_ functions hand them to `edit_file`, which holds the lock for the whole
read-modify-write, validates the whole workspace and writes atomically.

Nothing is ever lost: a replaced value stays in the list with `replaced_at`/`replaced_by`, and
unset removes only the current entry of a period, reinstating the value it had replaced, so that
set followed by unset (or set --replace followed by unset) gives back the file as it was.

Values are bounded by the KPI's unit (`Kpi.value_problem`): a percentage within 0–100, a count a
whole non-negative number, a score within its scale. Set and import both check them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .arguments import check_text, suggest, unknown_id
from .edit import (
    Validator,
    append_replacing,
    current_entries,
    edit_file,
    history_list,
    is_current_entry,
    remove_item,
    remove_key,
)
from .errors import DataError, Finding, UsageError, display_path
from .frequency import frequency_problem
from .kpi_summary import find_kpi
from .limits import magnitude_problem
from .load import KPIS_FILE, LoadFailed, read_bytes
from .models.kpis import Kpi
from .models.workspace import Workspace
from .numbers import Day, Figure, NotANumber, parse_in_unit
from .periods import Period, check_day, not_begun
from .sheets.cells import TEXT_MARK, looks_like_formula
from .status import latest_actual
from .validate import workspace_validator
from .wording import Said

IMPORT_COLUMNS = ("id", "period", "value", "source", "note", "forecast")
# The same columns named in Finnish, as a spreadsheet made in Finnish names them.
FINNISH_COLUMNS = {"mittari": "id", "kausi": "period", "arvo": "value", "lähde": "source", "huomautus": "note", "ennuste": "forecast"}
REQUIRED_IMPORT_COLUMNS = ("id", "period", "value")
MAX_TEXT_LENGTH = 2000


@dataclass(frozen=True)
class NewActual:
    """One value to record, already parsed and checked against its KPI."""

    kpi_id: str
    period: Period
    value: int | float
    forecast: int | float | None = None
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Recording:
    """Who records and when: `recorded_at` of new entries and `replaced_at` of replaced ones."""

    on: dt.date
    by: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What an edit did, for the command to report."""

    kpi_id: str
    period: Period
    value: int | float | None
    replaced: int | float | None = None  # the value a set replaced, or that an unset reinstated
    unchanged: bool = False  # this very value was already recorded for the period, and was left as it was


# ---------------------------------------------------------------- checks on values and ids


WORD_VALUE = Said("cli.word_value")
WORD_COMMENT = Said("cli.word_comment")


def parse_value(kpi: Kpi, text: str | float, what: str | Said = WORD_VALUE, force: bool = False) -> int | float:
    """A value typed for `kpi` (or a number from a file format that has numbers), parsed, within
    its unit's bounds and, unless `force`, not far from everything known about the KPI;
    UsageError says why not."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        value: int | float = text
        text = _show(text)
    else:
        try:
            value = parse_in_unit(str(text), kpi.unit)
        except NotANumber as error:
            raise UsageError(Said("cli.value_problem", what=what, problem=error.args[0])) from None
    magnitude = magnitude_problem(value)
    if magnitude:  # before anything prints the value: a number of thousands of digits cannot be
        raise UsageError(Said("cli.value_typed_is", what=what, text=_clipped(str(text)), problem=magnitude))
    problem = kpi.value_problem(value)
    if problem:
        raise UsageError(Said("cli.value_out_of_bounds", what=what, text=text, value=_show(value), problem=problem))
    far = None if force else far_from_known(kpi, value)
    if far:
        raise UsageError(
            Said("cli.value_far", what=what, text=text, value=_show(value), far=far, unit=Said(f"cli.unit_description.{kpi.unit}"))
        )
    return int(value) if kpi.unit == "count" else value


# A value this many times larger than every figure known about its KPI is more
# likely a slip of unit or scale (17 800 000 typed for 17,8 milj. €) than a real change.
FAR_FACTOR = 100


def far_from_known(kpi: Kpi, value: float) -> Said | None:
    """Why `value` is far above everything known about `kpi` (its baseline, target and latest
    current value), or None. Zero and empty figures say nothing about the scale."""
    known = {"baseline": kpi.baseline.value, "target": kpi.target.value}
    latest = latest_actual(kpi)
    if latest is not None:
        known["latest"] = latest.value
    scales = {name: figure for name, figure in known.items() if figure}
    if not scales or not value:
        return None
    # round(): 100 × 18.9 is 1889.9999999999998 in binary, and 1890 is not more than it.
    if not all(abs(value) > round(FAR_FACTOR * abs(figure), 9) for figure in scales.values()):
        return None
    figures = [
        Said(f"cli.known_figure.{name}", value=Figure(figure, kpi.unit), period=latest.period if latest else "")
        for name, figure in scales.items()
    ]
    return Said("cli.far_from_known", factor=FAR_FACTOR, id=kpi.id, figures=figures)


def optional_text(text: str | None, what: str | Said) -> str | None:
    """A source or note as given, or None when empty; control characters and very long text refused."""
    if text is None or not text.strip():
        return None
    if len(text) > MAX_TEXT_LENGTH:
        raise UsageError(Said("cli.text.too_long", what=what, length=len(text), limit=MAX_TEXT_LENGTH))
    return check_text(text, what, multiline=True)


def check_period_begun(period: Period, today: dt.date, what: str = "--period") -> Period:
    """A value cannot be recorded for a period that has not begun yet."""
    problem = not_begun(period, today)
    if problem:
        raise UsageError(Said("cli.option_problem", option=what, problem=problem))
    return period


def _clipped(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[:length] + "…"


def _show(value: float) -> str:
    """A value as understood, in plain digits (1234567.25, not 1.23457e+06)."""
    return f"{value:.15g}" if isinstance(value, float) else str(value)


# ---------------------------------------------------------------- changes to the round-trip document


def kpi_location(document: Any, kpi_id: str) -> tuple[str, int, str, int] | None:
    """Where KPI `kpi_id` is in the data of kpis.yaml (plain or round-trip), e.g. ("groups", 0, "kpis", 3)."""
    groups = document.get("groups") if isinstance(document, dict) else None
    for g_index, group in enumerate(groups if isinstance(groups, list) else []):
        kpis = group.get("kpis") if isinstance(group, dict) else None
        for k_index, kpi in enumerate(kpis if isinstance(kpis, list) else []):
            if isinstance(kpi, dict) and kpi.get("id") == kpi_id:
                return ("groups", g_index, "kpis", k_index)
    return None


def kpi_node(document: Any, kpi_id: str) -> CommentedMap:
    """The round-trip mapping of KPI `kpi_id` in the document of kpis.yaml."""
    location = kpi_location(document, kpi_id)
    if location is None:
        ids = [str(kpi.get("id")) for group in document.get("groups") or [] for kpi in group.get("kpis") or []]
        raise UsageError(unknown_id("kpi", kpi_id, ids))
    _, g_index, _, k_index = location
    return document["groups"][g_index]["kpis"][k_index]


def _is_for(entry: Any, period: Period) -> bool:
    return isinstance(entry, dict) and str(entry.get("period")) == str(period)


def add_actual(document: Any, new: NewActual, recording: Recording, replace: bool = False) -> Outcome:
    """Append `new` to its KPI's actuals. A current value for the same period is an error unless
    `replace`; with it, the old entry is marked replaced and kept as history."""
    kpi = kpi_node(document, new.kpi_id)
    actuals = history_list(kpi, "actuals", f"KPI '{new.kpi_id}'")
    same_period = current_entries(actuals, new.period)
    if same_period and _already_recorded(same_period[-1], new, replace):
        return Outcome(new.kpi_id, new.period, new.value, unchanged=True)
    if same_period and not replace:
        raise UsageError(Said("cli.already_has", id=new.kpi_id, value=_show(same_period[-1].get("value")), period=new.period))

    entry = CommentedMap()
    entry["period"] = str(new.period)
    entry["value"] = new.value
    if new.forecast is not None:
        entry["forecast"] = new.forecast
    entry["recorded_at"] = recording.on
    if recording.by:
        entry["recorded_by"] = recording.by
    if new.source:
        entry["source"] = new.source
    if new.note:
        entry["note"] = new.note
    append_replacing(actuals, entry, same_period, recording.on, recording.by)
    return Outcome(new.kpi_id, new.period, new.value, same_period[-1].get("value") if same_period else None)


def _already_recorded(current: Any, new: NewActual, replace: bool) -> bool:
    """Whether recording `new` over the `current` entry of its period would change nothing: the
    same value; with `replace`, also no other forecast, source or note than the entry has."""
    if current.get("value") != new.value:
        return False
    if not replace:
        return True
    given = {"forecast": new.forecast, "source": new.source, "note": new.note}
    return all(value is None or current.get(key) == value for key, value in given.items())


def remove_actual(document: Any, kpi_id: str, period: Period) -> Outcome:
    """Remove the current value of `kpi_id` for `period`; the value it had replaced, if any,
    becomes current again. The list goes back to `actuals: []` when it empties."""
    kpi = kpi_node(document, kpi_id)
    actuals = kpi.get("actuals")
    actuals = actuals if isinstance(actuals, CommentedSeq) else CommentedSeq()
    current = [i for i, a in enumerate(actuals) if _is_for(a, period) and is_current_entry(a)]
    if not current:
        recorded = sorted({str(a.get("period")) for a in actuals if is_current_entry(a)})
        have = Said("cli.has_values_for", periods=", ".join(recorded)) if recorded else Said("cli.has_no_values")
        raise UsageError(Said("cli.nothing_to_unset", id=kpi_id, period=period, have=have))
    index = current[-1]
    removed = actuals[index]
    remove_item(actuals, index, parent=kpi, key="actuals")
    replaced = [a for a in actuals if _is_for(a, period) and not is_current_entry(a)]
    reinstated = replaced[-1] if replaced else None
    if reinstated is not None:
        for key in ("replaced_at", "replaced_by"):
            remove_key(reinstated, key)
    if not actuals:
        actuals.fa.set_flow_style()  # back to `actuals: []`
    return Outcome(kpi_id, period, removed.get("value"), reinstated.get("value") if reinstated else None)



# ---------------------------------------------------------------- from what the user typed


def recording_day(date_text: str | None, today: dt.date) -> dt.date:
    """The day a value is recorded on: `--date` when given (not in the future), else today."""
    if date_text is None:
        return today
    try:
        day = dt.date.fromisoformat(date_text.strip())
    except ValueError:
        raise UsageError(Said("cli.not_a_date", option="--date", text=date_text)) from None
    check_day(day, "--date")
    if day > today:
        raise UsageError(Said("cli.date_in_future", option="--date", day=day.isoformat(), today=Day(today)))
    return day


def new_actual(
    workspace: Workspace,
    kpi_id: str,
    value_text: str | float,
    period_text: str,
    on: dt.date,
    forecast_text: str | None = None,
    source: str | None = None,
    note: str | None = None,
    force: bool = False,
    forecast_named: str = "--forecast",
) -> NewActual:
    """The value a user typed for `kpi_id`, checked: a known KPI, a period that has begun by `on`,
    a value and forecast within the unit's bounds and, unless `force`, not far from what is known
    about the KPI."""
    kpi = find_kpi(workspace, kpi_id)
    period = check_period_begun(Period.parse(period_text), on)
    wrong_frequency = frequency_problem(kpi.id, kpi.frequency, period)
    if wrong_frequency:
        raise UsageError(wrong_frequency)
    return NewActual(
        kpi_id=kpi.id,
        period=period,
        value=parse_value(kpi, value_text, force=force),
        forecast=parse_value(kpi, forecast_text, forecast_named, force) if forecast_text is not None else None,
        source=optional_text(source, "--source"),
        note=optional_text(note, "--note"),
    )


# ---------------------------------------------------------------- import files


@dataclass(frozen=True)
class ImportRecord:
    """One value as an import file gives it, not yet checked. `line` locates it in a text file;
    `where` in a file without useful lines (e.g. "Vuosi=2025" in a JSON-stat table)."""

    kpi_id: str
    period: str
    value: str | int | float
    line: int | None = None
    where: str | Said | None = None
    source: str | None = None
    note: str | None = None
    forecast: str | None = None

    def finding(self, path: Path, message: str | Said) -> Finding:
        return Finding(path, Said("cli.value_problem", what=self.where, problem=message) if self.where else message, line=self.line)


@dataclass(frozen=True)
class ImportRow:
    record: ImportRecord
    actual: NewActual


def check_import_records(
    path: Path, records: Iterable[ImportRecord], workspace: Workspace, today: dt.date, force: bool = False
) -> list[ImportRow]:
    """Every record of an import file checked as `kemi kpi set` checks a value (known KPI, a
    period that has begun, a value within the unit's bounds), and no KPI and period twice;
    DataError with one finding per bad record, so that a user fixes them all in one pass."""
    findings: list[Finding] = []
    checked: list[ImportRow] = []
    first_of: dict[tuple[str, str], ImportRecord] = {}
    for record in records:
        if not record.period.strip():
            findings.append(record.finding(path, Said("cli.import_empty_period")))
            continue
        try:
            actual = new_actual(
                workspace,
                record.kpi_id.strip(),
                record.value,
                record.period,
                today,
                forecast_text=(record.forecast or "").strip() or None,
                source=record.source,
                note=record.note,
                force=force,
                forecast_named="forecast",  # a column of the file, not an option
            )
        except UsageError as error:
            findings.append(record.finding(path, error.sentence))
            continue
        key = (actual.kpi_id, str(actual.period))
        if key in first_of:
            earlier = first_of[key]
            place = Said("cli.import_on_line", line=earlier.line) if earlier.line is not None else earlier.where
            findings.append(record.finding(path, Said("cli.import_twice", id=key[0], period=key[1], place=place)))
            continue
        first_of[key] = record
        checked.append(ImportRow(record, actual))
    if findings:
        raise DataError(findings)
    return checked


def read_import_rows(csv_path: Path, workspace: Workspace, today: dt.date, force: bool = False) -> list[ImportRow]:
    """Every row of a kemi import file, checked (see `check_import_records`). A header row
    names the columns (id, period, value, and optionally source, note, forecast; any order); the
    separator may be a comma, a semicolon (as spreadsheets write in Finnish) or a tab. A CSV that
    `kemi kpi export` wrote for people (in Finnish or English) is read as well: its current
    values are imported, its KPIs without a value and its replaced values passed over."""
    rows = csv_rows(read_csv_text(csv_path))
    findings: list[Finding] = []
    if not rows:
        raise DataError([Finding(csv_path, Said("cli.import_empty"), line=1)])
    header_line, header = rows[0]
    exported = _exported_columns(header, workspace)
    if exported is not None:
        columns = {name: index for index, name in enumerate(exported) if name in IMPORT_COLUMNS}
    else:
        columns = _columns(csv_path, header_line, header, findings)
    if findings:
        raise DataError(findings)

    records: list[ImportRecord] = []
    for line, cells in rows[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        needed = max(columns[name] for name in REQUIRED_IMPORT_COLUMNS) + 1
        if not needed <= len(cells) <= len(header):
            findings.append(Finding(csv_path, Said("cli.import_column_count", count=len(cells), header=len(header)), line=line))
            continue
        cells = cells + [""] * (len(header) - len(cells))  # empty trailing cells left out
        fields = {name: cells[index] for name, index in columns.items()}
        if exported is not None:
            if not fields["value"].strip() or ("replaced_at" in exported and cells[exported.index("replaced_at")].strip()):
                continue
            fields = {name: _without_text_mark(text) for name, text in fields.items()}
        records.append(
            ImportRecord(
                fields["id"], fields["period"], fields["value"], line=line,
                source=fields.get("source"), note=fields.get("note"), forecast=fields.get("forecast"),
            )
        )
    if not records and not findings:
        findings.append(Finding(csv_path, Said("cli.import_no_rows"), line=header_line))
    try:
        checked = check_import_records(csv_path, records, workspace, today, force)
    except DataError as error:
        findings.extend(error.findings)
    if findings:
        raise DataError(sorted(findings, key=lambda f: f.line or 0))
    return checked


def _exported_columns(header: list[str], workspace: Workspace) -> tuple[str, ...] | None:
    from .kpi_tables import exported_columns
    from .report.environment import LANGS, load_messages, template_roots

    messages = load_messages(template_roots(workspace.data_dir))
    return exported_columns(header, lambda key, lang: messages.get(key, lang), LANGS)


def _without_text_mark(text: str) -> str:
    """A field as the export had it before Excel's text mark kept it from reading as a formula."""
    return text[len(TEXT_MARK):] if text.startswith(TEXT_MARK) and looks_like_formula(text[len(TEXT_MARK):]) else text


def read_csv_text(csv_path: Path) -> str:
    if not csv_path.exists():
        raise UsageError(Said("cli.no_such_file", path=display_path(csv_path)))
    try:
        raw = read_bytes(csv_path, kind="csv")  # a folder, a device, over the size limit
    except LoadFailed as failure:
        raise UsageError(Said("cli.value_problem", what=display_path(csv_path), problem=failure.finding.sentence)) from None
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark is what Excel writes
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DataError([Finding(csv_path, Said("cli.import_not_utf8"), line=line)]) from None


def csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """(line where the row starts, cells) for each row; the separator is guessed from the header."""
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", "\t", ","), key=lambda sign: (first_line.count(sign), sign == ","))
    # The csv module refuses a field over 128 KiB; the file as a whole is already within the size
    # limit, and a text too long for kemi is refused with its line (optional_text).
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    for cells in reader:
        rows.append((line, cells))
        line = reader.line_num + 1
    return rows


def _columns(csv_path: Path, line: int, header: list[str], findings: list[Finding]) -> dict[str, int]:
    names = [FINNISH_COLUMNS.get(raw.strip().lower(), raw.strip().lower()) for raw in header]
    if not set(names) & set(IMPORT_COLUMNS):
        findings.append(
            Finding(csv_path, Said("cli.import_header_missing"), line=line)
        )
        return {}
    columns: dict[str, int] = {}
    for index, (raw_name, name) in enumerate(zip(header, names, strict=True)):
        if name not in IMPORT_COLUMNS:
            suggestion = suggest(name, [*IMPORT_COLUMNS, *FINNISH_COLUMNS])
            unknown = Said("cli.import_unknown_column", name=raw_name, suggestion=suggestion, columns=list(IMPORT_COLUMNS), finnish=list(FINNISH_COLUMNS))
            findings.append(Finding(csv_path, unknown, line=line))
        elif name in columns:
            findings.append(Finding(csv_path, Said("cli.import_column_twice", name=name), line=line))
        else:
            columns[name] = index
    missing = [name for name in REQUIRED_IMPORT_COLUMNS if name not in columns]
    if missing and not findings:
        findings.append(Finding(csv_path, Said("cli.import_lacks_columns", columns=missing), line=line))
    return columns


# ---------------------------------------------------------------- the edits, through the one edit path


def kpis_path(data_dir: Path) -> Path:
    return data_dir / KPIS_FILE


def record_actual(data_dir: Path, new: NewActual, recording: Recording, replace: bool = False, validate: Validator | None = None) -> Outcome:
    outcomes: list[Outcome] = []
    edit_file(
        kpis_path(data_dir),
        lambda document: outcomes.append(add_actual(document, new, recording, replace)),
        validate or workspace_validator(data_dir),
        narrow=lambda plain: kpi_location(plain, new.kpi_id),
    )
    return outcomes[-1]


def unset_actual(data_dir: Path, kpi_id: str, period: Period, validate: Validator | None = None) -> Outcome:
    outcomes: list[Outcome] = []
    edit_file(
        kpis_path(data_dir),
        lambda document: outcomes.append(remove_actual(document, kpi_id, period)),
        validate or workspace_validator(data_dir),
        narrow=lambda plain: kpi_location(plain, kpi_id),
    )
    return outcomes[-1]


def import_actuals(
    data_dir: Path, import_path: Path, rows: Iterable[ImportRow], recording: Recording, replace: bool = False, validate: Validator | None = None
) -> list[Outcome]:
    """Record every row, or none: a row whose period already has a different value (without
    `replace`) refuses the whole import, reported as FILE:LINE like the other row errors. A row
    whose period already has this very value is left as it is, so that a file with a whole time
    series can be imported again when a new year is added to it."""
    rows = list(rows)
    outcomes: list[Outcome] = []

    def change(document: Any) -> None:
        outcomes.clear()  # the edit path may run the change again on a fresh read
        conflicts: list[Finding] = []
        for row in rows:
            try:
                outcomes.append(add_actual(document, row.actual, recording, replace))
            except UsageError as error:
                conflicts.append(row.record.finding(import_path, error.sentence))
        if conflicts:
            raise DataError(conflicts)

    edit_file(kpis_path(data_dir), change, validate or workspace_validator(data_dir))
    return outcomes
