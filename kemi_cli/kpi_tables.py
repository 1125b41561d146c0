"""The KPI export for people who work in spreadsheets: the tables behind `kemi kpi export` in the
workbook and in the Excel CSV, with column names and status words in Finnish or English.

- Current values: one row per current actual, with the indicator's status at that period, and one
  row with an empty period for an indicator that has none yet (so that every indicator is there).
- Time series: one row per indicator, one column per period, the current value in each: the grid
  that people otherwise build by hand.
- Replaced values: every value a later one replaced, with when and by whom, kept apart from the
  current ones so that no sum or chart counts a period twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .kpi_summary import history
from .periods import Period
from .sheets.cells import Cell
from .sheets.table import Table
from .status import status_at

if TYPE_CHECKING:
    from .models.kpis import Actual, Kpi
    from .models.workspace import Workspace

Label = Callable[[str], str]  # a label's key (`export.period`) to its text in the chosen language

INDICATOR_COLUMNS = ("id", "name", "unit", "baseline", "target")
ACTUAL_COLUMNS = ("period", "value", "forecast", "status", "recorded_at", "recorded_by", "source", "note")
REPLACED_COLUMNS = ("replaced_at", "replaced_by")
CURRENT_COLUMNS = INDICATOR_COLUMNS + ACTUAL_COLUMNS
EVERY_COLUMN = CURRENT_COLUMNS + REPLACED_COLUMNS


@dataclass(frozen=True)
class KpiTables:
    current: Table
    time_series: Table
    replaced: Table

    def sheets(self) -> tuple[Table, ...]:
        """The workbook's sheets: the time series second, where people look for it."""
        return (self.current, self.time_series, self.replaced)

    def one_table(self) -> Table:
        """Current values, then replaced ones, in one table (for CSV, which has one sheet)."""
        padding = (None,) * len(REPLACED_COLUMNS)
        rows = tuple(row + padding for row in self.current.rows) + self.replaced.rows
        return Table(self.current.title, self.replaced.header, rows)


def kpi_tables(workspace: Workspace, lang: str, label: Label) -> KpiTables:
    current_rows: list[tuple[Cell, ...]] = []
    replaced_rows: list[tuple[Cell, ...]] = []
    for kpi in workspace.kpis:
        indicator = _indicator_cells(kpi, lang, label)
        actuals = history(kpi)
        current = [a for a in actuals if a.is_current]
        for actual in current:
            status = status_at(kpi, Period.parse(actual.period), workspace.strategy.period).status
            current_rows.append(indicator + _actual_cells(actual, label(f"status.{status}")))
        if not current:
            current_rows.append(indicator + (None, None, None, label("status.no_data"), None, None, None, None))
        for actual in actuals:
            if not actual.is_current:
                replaced_rows.append(indicator + _actual_cells(actual, None) + (actual.replaced_at, actual.replaced_by))
    return KpiTables(
        current=Table(label("export.sheet_current"), _header(CURRENT_COLUMNS, label), tuple(current_rows)),
        time_series=time_series(workspace.kpis, lang, label),
        replaced=Table(label("export.sheet_replaced"), _header(EVERY_COLUMN, label), tuple(replaced_rows)),
    )


def time_series(kpis: list[Kpi], lang: str, label: Label) -> Table:
    """One row per indicator and one column per period that any indicator has a current value for."""
    values = {kpi.id: {a.period: a.value for a in kpi.actuals if a.is_current} for kpi in kpis}
    periods = sorted({period for by_period in values.values() for period in by_period}, key=lambda p: Period.parse(p).sort_key)
    rows = tuple(
        _indicator_cells(kpi, lang, label) + tuple(values[kpi.id].get(period) for period in periods)
        for kpi in kpis
    )
    return Table(label("export.sheet_time_series"), _header(INDICATOR_COLUMNS, label) + tuple(periods), rows)


def _indicator_cells(kpi: Kpi, lang: str, label: Label) -> tuple[Cell, ...]:
    name = kpi.name.fi if lang == "fi" else kpi.name.en
    return (kpi.id, name, label(f"unit.{kpi.unit}"), kpi.baseline.value, kpi.target.value)


def _actual_cells(actual: Actual, status_word: str | None) -> tuple[Cell, ...]:
    return (actual.period, actual.value, actual.forecast, status_word, actual.recorded_at, actual.recorded_by, actual.source, actual.note)


def exported_columns(header: Sequence[str], label_in: Callable[[str, str], str], langs: Sequence[str]) -> tuple[str, ...] | None:
    """The columns of a table kemi exported for people (its CSV, or its first sheet saved as CSV),
    named by their header in any of `langs`; None when `header` is not one."""
    names = [name.strip().casefold() for name in header]
    for columns in (EVERY_COLUMN, CURRENT_COLUMNS):
        for lang in langs:
            if names == [label_in(f"export.{column}", lang).casefold() for column in columns]:
                return columns
    return None


def _header(columns: tuple[str, ...], label: Label) -> tuple[str, ...]:
    return tuple(label(f"export.{column}") for column in columns)
