"""An owner's workbook for a period: the indicators to give a value for and the projects to update,
laid out as a form (`kemi_cli.sheets.forms`), and the values read back checked with the rules of
`kemi kpi set` and `kemi project update`.

Who owns what, and which period is under review, are the caller's to say: this module makes the
sheets for the indicators and projects it is given. Headers are in Finnish; the instructions are
in Finnish and English. Nothing here records anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .frequency import period_at_frequency
from .kpi_summary import history
from .models.vocabulary import PHASE_STATUSES, PROJECT_STATUSES
from .overview import latest_update, project_status
from .periods import Period
from .sheets.cells import decimal_text
from .sheets.form_reading import FormReading
from .sheets.forms import Choice, Column, Form, FormRow, FormSheet, Limits
from .wording import Said

if TYPE_CHECKING:
    from .models.kpis import Actual, Kpi
    from .models.projects import Project, ProjectUpdate
    from .report.environment import Messages

HEADER_LANG = "fi"
INSTRUCTIONS = ("fill", "numbers", "lists", "unknown", "return")
PROGRESS = Limits(0, 100)


def kpi_limits(kpi: Kpi) -> Limits | None:
    """The range `Kpi.value_problem` allows, for Excel's data validation."""
    if kpi.unit == "percent":
        return Limits(0, 100)
    if kpi.unit == "count":
        return Limits(0, None, whole=True)
    if kpi.unit == "score" and kpi.scale is not None:
        return Limits(kpi.scale.min, kpi.scale.max)
    return None


def owner_form(kind: str, stamp: tuple[tuple[str, str], ...], owner: str, period: Period,
               kpis: Sequence[Kpi], projects: Sequence[Project], messages: Messages) -> Form:
    """The workbook for one owner: instructions, then a sheet of indicators and one of projects
    (each only when the owner has some)."""

    sheets = []
    if kpis:
        sheets.append(indicator_sheet(kpis, period, messages))
    if projects:
        sheets.append(project_sheet(projects, period, messages))
    if any(project.phases for project in projects):
        sheets.append(phase_sheet(projects, period, messages))
    return Form(
        kind=kind,
        stamp=stamp,
        instructions_title=instructions_title(messages),
        instructions=(
            in_both_languages(messages, "form.title", owner=owner, period=str(period)),
            *(in_both_languages(messages, f"form.{key}") for key in INSTRUCTIONS),
        ),
        sheets=tuple(sheets),
    )


def instructions_title(messages: Messages) -> str:
    """The first sheet's name: 'Ohjeet – Instructions'."""
    return f"{messages.get('form.instructions_sheet', 'fi')} – {messages.get('form.instructions_sheet', 'en')}"


def in_both_languages(messages: Messages, key: str, **values: Any) -> str:
    """A paragraph of instructions: the Finnish, then the English on a line of its own."""
    return f"{messages.get(key, 'fi', **values)}\n{messages.get(key, 'en', **values)}"


def indicator_sheet(kpis: Sequence[Kpi], period: Period, messages: Messages) -> FormSheet:
    header = _header_maker(messages, period)
    columns = (
        Column("id", header("id"), kind="key", hidden=True),
        Column("name", header("indicator"), width=36, multiline=True),
        Column("unit", header("unit"), width=12),
        Column("baseline", header("baseline"), kind="number"),
        Column("target", header("target"), kind="number"),
        Column("latest", header("latest"), kind="number"),
        Column("latest_period", header("latest_period"), width=10),
        Column("for_period", header("for_period"), width=10),
        Column("value", header("value"), kind="number", editable=True),
        Column("comment", header("comment"), editable=True, multiline=True, width=48),
    )
    rows = []
    for kpi in kpis:
        # A yearly KPI in a half-year review gives the value of the year that has ended.
        for_period = period_at_frequency(kpi.frequency, period)
        latest = _latest_before(kpi, for_period)
        limits = kpi_limits(kpi)
        rows.append(
            FormRow(
                {
                    "id": kpi.id,
                    "name": kpi.name.fi,
                    "unit": messages.get(f"unit.{kpi.unit}", HEADER_LANG),
                    "baseline": kpi.baseline.value,
                    "target": kpi.target.value,
                    "latest": latest.value if latest else None,
                    "latest_period": latest.period if latest else None,
                    "for_period": str(for_period),
                    # What is recorded for the period already, to be confirmed or corrected.
                    "value": actual.value if (actual := _current_actual(kpi, for_period)) else None,
                },
                limits={"value": limits} if limits is not None else {},
            )
        )
    return FormSheet(messages.get("form.indicators_sheet", HEADER_LANG), columns, tuple(rows))


def project_sheet(projects: Sequence[Project], period: Period, messages: Messages) -> FormSheet:
    header = _header_maker(messages, period)
    choices = tuple(Choice(messages.get(f"project_status.{status}", HEADER_LANG), status) for status in PROJECT_STATUSES)
    columns = (
        Column("id", header("id"), kind="key", hidden=True),
        Column("name", header("project"), width=36, multiline=True),
        Column("status_now", header("status_now")),
        Column("progress_now", header("progress_now"), kind="number"),
        Column("status", header("status"), kind="choice", editable=True, choices=choices),
        Column("progress", header("progress"), kind="number", editable=True, limits=PROGRESS),
        Column("text_fi", header("update_fi"), editable=True, multiline=True, width=48),
        Column("text_en", header("update_en"), editable=True, multiline=True, width=48),
    )
    rows = []
    before = period.previous()  # a project's state "now" is as of the end of the last period
    for project in projects:
        progress = latest_update(project, before, with_progress=True)
        status = project_status(project, before)
        rows.append(
            FormRow(
                {
                    "id": project.id,
                    "name": project.name.fi,
                    "status_now": messages.get(f"project_status.{status}", HEADER_LANG),
                    "progress_now": progress.progress if progress else None,
                    **_recorded_update(project, period, choices),
                }
            )
        )
    return FormSheet(messages.get("form.projects_sheet", HEADER_LANG), columns, tuple(rows))


PHASE_KEY_SIGN = "/"  # a phase's row key: the project's id and the phase's number on the card, 'uimahalli/2'


def phase_sheet(projects: Sequence[Project], period: Period, messages: Messages) -> FormSheet:
    """One row per phase of the owner's projects: its status now, and a drop-down for its status
    in the period's update (`kemi project update --phase NAME --phase-status S`)."""
    header = _header_maker(messages, period)
    choices = tuple(Choice(messages.get(f"project_status.{status}", HEADER_LANG), status) for status in PHASE_STATUSES)
    shown = {choice.value: choice.shown for choice in choices}
    columns = (
        Column("id", header("id"), kind="key", hidden=True),
        Column("project", header("project"), width=36, multiline=True),
        Column("phase", header("phase"), width=30, multiline=True),
        Column("status_now", header("status_now")),
        Column("status", header("status"), kind="choice", editable=True, choices=choices),
    )
    rows = []
    for project in projects:
        recorded = _recorded_phases(project, period)
        for number, phase in enumerate(project.phases, start=1):
            rows.append(
                FormRow(
                    {
                        "id": f"{project.id}{PHASE_KEY_SIGN}{number}",
                        "project": project.name.fi,
                        "phase": phase.name.fi,
                        "status_now": shown.get(phase.status) if phase.status else None,
                        "status": shown.get(recorded[phase.name.fi]) if phase.name.fi in recorded else None,
                    }
                )
            )
    return FormSheet(messages.get("form.phases_sheet", HEADER_LANG), columns, tuple(rows))


def _recorded_phases(project: Project, period: Period) -> dict[str, str]:
    update = _current_update(project, period)
    return {item.phase.fi: item.status for item in update.phases} if update is not None else {}


@dataclass(frozen=True)
class GivenValue:
    """A value an owner gave for an indicator, checked, with the cell it came from."""

    kpi_id: str
    value: int | float
    comment: str | None
    cell: str
    comment_cell: str


def given_values(reading: FormReading, kpis: Sequence[Kpi], sheet_title: str) -> list[GivenValue]:
    """The indicator values of a reading that pass `Kpi.value_problem` (the rule of `kemi kpi
    set`); each that does not becomes a finding of the reading. A comment without a value is a
    finding too: a comment explains a figure."""
    by_id = {kpi.id: kpi for kpi in kpis}
    given = []
    for row in reading.rows:
        if row.sheet != sheet_title:
            continue
        value, comment = row.values.get("value"), row.values.get("comment")
        if value is None:
            if comment is not None:
                reading.finding(Said("cli.form.comment_without_value"), row.cells["comment"])
            continue
        problem = by_id[row.key].value_problem(value)
        if problem:
            reading.finding(Said("cli.value_is", value=f"'{decimal_text(value, ',')}'", problem=problem), row.cells["value"])
            continue
        given.append(GivenValue(row.key, value, comment, row.cells["value"], row.cells["comment"]))
    return given


def _recorded_update(project: Project, period: Period, choices: tuple[Choice, ...]) -> dict[str, Any]:
    """The period's update recorded already, in the form's input cells: the owner confirms or
    corrects it, and a workbook returned as it was changes nothing."""
    update = _current_update(project, period)
    if update is None:
        return {}
    shown = {choice.value: choice.shown for choice in choices}
    return {
        "status": shown.get(update.status) if update.status else None,
        "progress": update.progress,
        "text_fi": update.text.fi if update.text else None,
        "text_en": update.text.en if update.text else None,
    }


def _current_actual(kpi: Kpi, period: Period) -> Actual | None:
    return next((a for a in kpi.actuals if a.is_current and a.period == str(period)), None)


def _current_update(project: Project, period: Period) -> ProjectUpdate | None:
    return next((u for u in reversed(project.updates) if u.is_current and u.period == str(period)), None)


def _header_maker(messages: Messages, period: Period) -> Callable[[str], str]:
    """A column header in the headers' language, the period filled in where a header names it."""
    return lambda key: messages.get(f"form.{key}", HEADER_LANG, period=str(period))


def _latest_before(kpi: Kpi, period: Period) -> Actual | None:
    """The latest current actual of a period before `period`: what the owner compares with."""
    earlier = [a for a in history(kpi) if a.is_current and Period.parse(a.period) < period]
    return earlier[-1] if earlier else None

