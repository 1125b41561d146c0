"""Collecting the owners' returned workbooks: every cell read back (sheets.form_reading) and checked
with the rules of `kemi kpi set`, `kemi project update` and `kemi comment`, then everything
recorded at once, or nothing.

`read_returns` reads and checks: it raises DataError with one finding per bad cell, naming file,
sheet and cell, across all the workbooks. `record_returns` hands the checked values to the same
changes those commands make (actuals.add_actual, project_edit.add_update,
commentary.add_commentary) through one edit of all the files they touch; a value that conflicts
with what is recorded (without `replace`) refuses the whole collection, located at its cell. A
value, update or text that is recorded already is left as it is, so that a workbook collected
twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .actuals import WORD_COMMENT, NewActual, Recording, add_actual, kpis_path, new_actual, optional_text
from .commentary import NewComment, add_commentary
from .edit import append_item, edit_files, history_list
from .errors import DataError, UsageError
from .frequency import period_at_frequency
from .load import REVIEW_FILE, card_path
from .owner_forms import PHASE_KEY_SIGN, given_values
from .project_edit import UpdateRequest, add_update
from .review import review_path
from .review_requests import request_forms
from .sheets.form_reading import CellFinding, FormReading, read_form
from .wording import Said

if TYPE_CHECKING:
    from .models.workspace import Workspace
    from .periods import Period
    from .report.environment import Messages
    from .sheets.forms import Form


@dataclass(frozen=True)
class Located:
    """A checked change with the workbook cell it came from, for a finding if recording refuses it."""

    path: Path
    cell: str

    def finding(self, message: str | Said) -> CellFinding:
        return CellFinding(self.path, message, cell=self.cell)


@dataclass
class Returns:
    """Everything the returned workbooks give, checked, ready to record."""

    period: Period
    actuals: list[tuple[NewActual, str | None, Located]] = field(default_factory=list)  # value, who, where
    comments: list[tuple[NewComment, Located]] = field(default_factory=list)
    updates: list[tuple[str, UpdateRequest, Located]] = field(default_factory=list)  # project id, update, where
    owners: list[str] = field(default_factory=list)  # who returned, in the order of the files


@dataclass(frozen=True)
class Recorded:
    """What a collection changed: new entries, and those found recorded already."""

    new: int
    unchanged: int
    files: list[Path]


def read_returns(
    workspace: Workspace, period: Period, paths: Sequence[Path], messages: Messages, today: dt.date,
    recorder: str | None, force: bool = False,
) -> Returns:
    """Every returned workbook read against the form sent to its owner for `period`, each value
    checked as the command that records it checks it; DataError with every problem of every file."""
    forms = request_forms(workspace, period, messages)
    by_stamp = {owner or "": form for owner, form in forms.items()}
    returns = Returns(period)
    findings: list[CellFinding] = []
    first_file: dict[str, Path] = {}
    for path in paths:
        reading = read_form(path, _chooser(by_stamp, period))
        owner = _owner_of(reading)
        if owner is not None and owner in first_file:
            reading.finding(Said("cli.form.owner_twice", owner=owner or "strategiatoimisto", file=first_file[owner].name))
        elif owner is not None:
            first_file[owner] = path
        if reading.ok and reading.form is not None:
            _check_rows(workspace, period, reading, reading.form, owner or recorder, today, force, returns)
            if owner:
                returns.owners.append(owner)
        findings += reading.findings
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise DataError(list(errors))
    return returns


def _chooser(by_stamp: Mapping[str, Form], period: Period) -> Callable[[Mapping[str, str]], Form | Said]:
    def choose(stamp: Mapping[str, str]) -> Form | Said:
        owner = stamp.get("owner", "")
        if owner in by_stamp:
            return by_stamp[owner]
        if stamp.get("period") and stamp.get("period") != str(period):
            return Said("cli.form.other_period", given=stamp.get("period"), period=period)
        return Said("cli.form.unknown_owner", owner=owner)

    return choose


def _owner_of(reading: FormReading) -> str | None:
    """The owner a workbook read as one of the forms was sent to ('' for the strategy office)."""
    if reading.form is None:
        return None
    return dict(reading.form.stamp).get("owner", "")


def _check_rows(
    workspace: Workspace, period: Period, reading: FormReading, form: Form, who: str | None, today: dt.date,
    force: bool, returns: Returns,
) -> None:
    for sheet in form.sheets:
        if any(column.key == "value" for column in sheet.columns):
            _check_values(workspace, period, reading, sheet.title, sheet.keys(), who, today, force, returns)
    _check_updates(workspace, period, reading, form, who, today, returns)


def _check_values(
    workspace: Workspace, period: Period, reading: FormReading, title: str, kpi_ids: list[str], who: str | None,
    today: dt.date, force: bool, returns: Returns,
) -> None:
    """The indicators' values and comments, checked as `kemi kpi set` and `kemi comment` check them."""
    kpis = [k for k in workspace.kpis if k.id in kpi_ids]
    for given in given_values(reading, kpis, title):
        kpi = next(k for k in kpis if k.id == given.kpi_id)
        # A yearly KPI in a half-year review gives the year that has ended (the form says which).
        for_period = str(period_at_frequency(kpi.frequency, period))
        try:
            actual = new_actual(workspace, kpi.id, given.value, for_period, today, force=force)
        except UsageError as error:
            reading.finding(error.sentence, given.cell)
            continue
        returns.actuals.append((actual, who, Located(reading.path, given.cell)))
        try:
            comment = optional_text(given.comment, WORD_COMMENT)
        except UsageError as error:
            reading.finding(error.sentence, given.comment_cell)
            continue
        if comment is not None:
            returns.comments.append((NewComment(period, "kpi", kpi.id, comment, None, today, who), Located(reading.path, given.comment_cell)))


def _check_updates(
    workspace: Workspace, period: Period, reading: FormReading, form: Form, who: str | None, today: dt.date, returns: Returns,
) -> None:
    """The projects' updates and their phases' statuses, one update per project as `kemi project
    update` takes it: the text Finnish first (the English may follow), phases by their names."""
    phase_sheets = {sheet.title for sheet in form.sheets if any(column.key == "phase" for column in sheet.columns)}
    project_rows = {row.key: row for row in reading.rows if "progress" in row.values}
    phases: dict[str, list[tuple[str, str, str]]] = {}  # project id → (phase name, status, cell)
    for row in reading.rows:
        if row.sheet in phase_sheets and row.values.get("status") is not None:
            project_id, number = row.key.rsplit(PHASE_KEY_SIGN, 1)
            name = workspace.projects[project_id].phases[int(number) - 1].name.fi
            phases.setdefault(project_id, []).append((name, row.values["status"], row.cells["status"]))
    for project_id in dict.fromkeys([*project_rows, *phases]):
        values = project_rows[project_id].values if project_id in project_rows else {}
        text_fi, text_en = values.get("text_fi"), values.get("text_en")
        if text_en is not None and text_fi is None:
            reading.finding(Said("cli.form.english_without_finnish"), project_rows[project_id].cells["text_en"])
            continue
        request = UpdateRequest(
            period=period, recorded_at=today, recorded_by=who, status=values.get("status"), progress=values.get("progress"),
            text=None if text_fi is None else {"fi": text_fi, **({"en": text_en} if text_en is not None else {})},
            phases=[(name, status) for name, status, _ in phases.get(project_id, [])],
        )
        cell = project_rows[project_id].cells["status"] if project_id in project_rows else phases[project_id][0][2]
        if not request.is_empty:
            returns.updates.append((project_id, request, Located(reading.path, cell)))


def record_returns(
    data_dir: Path, returns: Returns, today: dt.date, replace: bool, validate: Callable[[dict[Path, str]], list[Any]]
) -> Recorded:
    """Record every checked value, update, comment and return in one edit of all the files they
    touch, or none; a conflict with what is recorded (without `replace`) is a finding at its cell."""
    counts = {"new": 0, "unchanged": 0}
    conflicts: list[CellFinding] = []

    def attempt(where: Located, change: Callable[[], bool]) -> None:
        try:
            counts["new" if change() else "unchanged"] += 1
        except UsageError as error:
            conflicts.append(where.finding(error.sentence))

    def kpis_change(document: Any) -> None:
        for actual, who, where in returns.actuals:
            recording = Recording(today, who)
            attempt(where, lambda: not add_actual(document, actual, recording, replace).unchanged)  # noqa: B023 - called at once

    def card_change(project_id: str) -> Callable[[Any], None]:
        def change(document: Any) -> None:
            for pid, request, where in returns.updates:
                if pid == project_id:
                    attempt(where, lambda: add_update(document, request, replace))  # noqa: B023 - called at once

        return change

    def review_change(document: Any) -> None:
        for comment, where in returns.comments:
            attempt(where, lambda: add_commentary(document, comment, replace))  # noqa: B023 - called at once
        add_returns(document, returns.period, returns.owners, today)

    changes: dict[Path, Callable[[Any], None]] = {review_path(data_dir): review_change}
    if returns.actuals:
        changes[kpis_path(data_dir)] = kpis_change
    for project_id in dict.fromkeys(pid for pid, _, _ in returns.updates):
        changes[card_path(data_dir, project_id)] = card_change(project_id)

    def checked(overrides: dict[Path, str]) -> list[Any]:
        if conflicts:  # every change has run: the conflicts of all files are known
            raise DataError(list(conflicts))
        return validate(overrides)

    files = edit_files(changes, checked)
    if conflicts:
        raise DataError(list(conflicts))
    return Recorded(counts["new"], counts["unchanged"], files)


def add_returns(document: Any, period: Period, owners: Sequence[str], on: dt.date) -> None:
    """Note in the period's entry of review.yaml each owner whose workbook was collected, once."""
    from .review_edit import period_entry, put_in_order

    entries = history_list(document, "periods", REVIEW_FILE)
    entry = period_entry(entries, period)
    if entry is None:
        raise UsageError(Said("cli.review.not_open", period=period))
    returned = entry.get("returns")
    known = {item.get("owner") for item in returned or [] if isinstance(item, dict)}
    new_owners = [owner for owner in dict.fromkeys(owners) if owner not in known]
    if not new_owners:
        return
    if returned is None:
        returned = CommentedSeq()
        put_in_order(entry, "returns", returned)
    for owner in new_owners:
        append_item(returned, CommentedMap([("owner", owner), ("at", on)]))
