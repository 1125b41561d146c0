"""KPI data for people who work in spreadsheets, for programs, and for the published site.

`kemi kpi export`: every recorded actual. For people, an xlsx workbook or a CSV that Finnish Excel
opens by double-click, laid out by `kpi_tables` with Finnish (or English) column names; for
programs, the plain CSV (`--csv-dialect plain`) and JSON: one row per actual, replaced ones
included (with when and by whom they were replaced), each with its KPI's id, names, unit,
baseline and target. The format follows the output file's suffix unless `--format` says it.

`kemi build` publishes kpis.csv and kpis.json: every indicator with its current actuals and its
status at the half-year the site reports on.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .arguments import check_choice, format_for_output
from .errors import UsageError
from .kpi_summary import history
from .numbers import LANGS
from .sheets.csv_file import CSV_DIALECTS, CsvDialect, csv_text
from .status import status_at
from .wording import Said

if TYPE_CHECKING:  # `kemi kpi` names EXPORT_FORMATS in its help, before any data is read
    from .models.workspace import Workspace
    from .periods import Period

ExportFormat = Literal["csv", "json", "xlsx"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("csv", "json", "xlsx")
SUFFIX_FORMATS: dict[str, ExportFormat] = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}
EXPORT_COLUMNS = (
    "id",
    "name_fi",
    "name_en",
    "unit",
    "baseline",
    "target",
    "period",
    "value",
    "forecast",
    "recorded_at",
    "recorded_by",
    "source",
    "note",
    "replaced_at",
    "replaced_by",
)


@dataclass(frozen=True)
class ExportChoice:
    """What `kemi kpi export` writes: the format, the CSV dialect, the language of the columns."""

    format: ExportFormat
    dialect: CsvDialect = "excel"
    lang: str = "fi"

    @property
    def for_people(self) -> bool:
        return self.format == "xlsx" or (self.format == "csv" and self.dialect == "excel")


def export_choice(given_format: str | None, output: Path | None, dialect: str | None = None, lang: str | None = None) -> ExportChoice:
    """The options of `kemi kpi export` checked together: an option that the chosen format does
    not use is refused rather than ignored."""
    chosen: ExportFormat = format_for_output(given_format, output, SUFFIX_FORMATS, "csv")  # type: ignore[assignment]
    if dialect is not None:
        check_choice(dialect, CSV_DIALECTS, "--csv-dialect")
        if chosen != "csv":
            raise UsageError(Said("cli.output.dialect_for_csv", format=chosen))
    choice = ExportChoice(chosen, dialect or "excel")  # type: ignore[arg-type]
    if lang is not None:
        check_choice(lang, LANGS, "--lang")
        if not choice.for_people:
            raise UsageError(Said("cli.output.lang_for_people"))
        choice = ExportChoice(choice.format, choice.dialect, lang)
    return choice


def export_rows(workspace: Workspace) -> list[dict[str, Any]]:
    """One row per actual, KPIs in the file's order, each KPI's actuals by period."""
    rows: list[dict[str, Any]] = []
    for kpi in workspace.kpis:
        for actual in history(kpi):
            rows.append(
                {
                    "id": kpi.id,
                    "name_fi": kpi.name.fi,
                    "name_en": kpi.name.en,
                    "unit": kpi.unit,
                    "baseline": kpi.baseline.value,
                    "target": kpi.target.value,
                    "period": actual.period,
                    "value": actual.value,
                    "forecast": actual.forecast,
                    "recorded_at": actual.recorded_at,
                    "recorded_by": actual.recorded_by,
                    "source": actual.source,
                    "note": actual.note,
                    "replaced_at": actual.replaced_at,
                    "replaced_by": actual.replaced_by,
                }
            )
    return rows


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def plain_csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    """UTF-8 CSV with a header; numbers with a decimal point, dates as YYYY-MM-DD, empty = none."""
    return csv_text(columns, ([row.get(column) for column in columns] for row in rows), "plain")


def json_text(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_json(rows: list[dict[str, Any]], columns: tuple[str, ...] = EXPORT_COLUMNS) -> str:
    return json_text({"columns": list(columns), "actuals": [{k: _plain(v) for k, v in row.items()} for row in rows]})


def export_document(workspace: Workspace, choice: ExportChoice) -> str | bytes:
    """The export's content: text for CSV and JSON, the workbook's bytes for xlsx."""
    if choice.for_people:
        from .kpi_tables import kpi_tables
        from .report.environment import load_messages, template_roots
        from .sheets.xlsx_file import workbook_bytes

        messages = load_messages(template_roots(workspace.data_dir))
        tables = kpi_tables(workspace, choice.lang, lambda key: messages.get(key, choice.lang))
        if choice.format == "xlsx":
            return workbook_bytes(tables.sheets())
        table = tables.one_table()
        return csv_text(table.header, table.rows, "excel")
    rows = export_rows(workspace)
    return plain_csv(EXPORT_COLUMNS, rows) if choice.format == "csv" else to_json(rows)


def export_actuals(workspace: Workspace, choice: ExportChoice, output: Path | None) -> str | bytes | None:
    """Write the export to `output`, or return it for stdout (no -o, or -o -; a workbook only with -o -)."""
    from .edit import write_output
    from .output_target import is_stdout

    if choice.format == "xlsx" and output is None:
        raise UsageError(Said("cli.output.workbook_needs_file"))
    if output is None or is_stdout(output):
        return export_document(workspace, choice)
    _refuse_missing_folder(output)
    write_output(output, export_document(workspace, choice), workspace.data_dir)
    return None


def _refuse_missing_folder(output: Path) -> None:
    """Unlike `kemi report -o`, `kemi kpi export -o` does not create folders: it refuses a folder
    that does not exist, as it always has. Everything else (a folder given as the file, a path
    that cannot be written) is write_output's to report."""
    if not output.parent.is_dir():
        raise UsageError(Said("cli.output.no_folder", output=output, folder=output.parent))


# ---------------------------------------------------------------- the site's KPI data


SITE_COLUMNS = (
    "group", "kpi", "name_fi", "name_en", "unit", "direction", "baseline", "baseline_period",
    "target", "target_period", "status", "period", "value", "forecast", "recorded_at", "source",
)


def kpi_records(workspace: Workspace, at: Period) -> list[dict[str, Any]]:
    """One record per indicator with its current actuals and its status at `at`."""
    records = []
    for group in workspace.kpis_file.groups:
        for kpi in group.kpis:
            status = status_at(kpi, at, workspace.strategy.period)
            records.append(
                {
                    "group": group.id,
                    "kpi": kpi.id,
                    "name": {"fi": kpi.name.fi, "en": kpi.name.en},
                    "unit": kpi.unit,
                    "direction": kpi.direction,
                    "baseline": kpi.baseline.value,
                    "baseline_period": kpi.baseline.period,
                    "target": kpi.target.value,
                    "target_period": kpi.target.period,
                    "needs_confirmation": kpi.needs_confirmation,
                    "status_period": str(at),
                    "status": status.status,
                    "latest_period": status.actual.period if status.actual else None,
                    "actuals": [
                        {
                            "period": a.period,
                            "value": a.value,
                            "forecast": a.forecast,
                            "recorded_at": a.recorded_at.isoformat(),
                            "source": a.source,
                        }
                        for a in kpi.actuals
                        if a.is_current
                    ],
                }
            )
    return records


def kpis_json(workspace: Workspace, at: Period) -> str:
    return json_text({"status_period": str(at), "kpis": kpi_records(workspace, at)})


def site_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """kpis.csv's rows of one KPI record: one per current actual, or one with an empty period."""
    base = {
        "group": record["group"], "kpi": record["kpi"], "name_fi": record["name"]["fi"], "name_en": record["name"]["en"],
        "unit": record["unit"], "direction": record["direction"], "baseline": record["baseline"],
        "baseline_period": record["baseline_period"], "target": record["target"],
        "target_period": record["target_period"], "status": record["status"],
    }
    return [{**base, **actual} for actual in record["actuals"]] or [base]


def kpis_csv(workspace: Workspace, at: Period) -> str:
    """One row per current actual; an indicator without actuals has one row with an empty period."""
    return plain_csv(SITE_COLUMNS, [row for record in kpi_records(workspace, at) for row in site_rows(record)])
