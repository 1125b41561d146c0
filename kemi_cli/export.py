"""KPI data for people who work in spreadsheets and for the published site.

`kemi kpi export`: every recorded actual as a flat table, CSV, JSON or Excel (xlsx). One row per
actual, replaced ones included (with when and by whom they were replaced), each with its KPI's
id, names, unit, baseline and target.

`kemi build` publishes kpis.csv and kpis.json: every indicator with its current actuals and its
status at the half-year the site reports on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import UsageError
from .kpi_summary import history
from .status import status_at

if TYPE_CHECKING:  # `kemi kpi` names EXPORT_FORMATS in its help, before any data is read
    from .models.workspace import Workspace
    from .periods import Period

ExportFormat = Literal["csv", "json", "xlsx"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("csv", "json", "xlsx")
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
SHEET_TITLE = "TOTEUMA"


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


def csv_text(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    """UTF-8 CSV with a header; numbers with a decimal point, dates as YYYY-MM-DD, empty = none."""
    stream = io.StringIO(newline="")
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else _plain(value) for key, value in row.items()})
    return stream.getvalue()


def json_text(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict[str, Any]]) -> str:
    return csv_text(EXPORT_COLUMNS, rows)


def to_json(rows: list[dict[str, Any]]) -> str:
    return json_text({"columns": list(EXPORT_COLUMNS), "actuals": [{k: _plain(v) for k, v in row.items()} for row in rows]})


def xlsx_bytes(rows: list[dict[str, Any]]) -> bytes:
    """An Excel workbook: numbers and dates as real cells, a bold frozen header with filters."""
    from openpyxl import Workbook  # only the xlsx export needs it
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(list(EXPORT_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[column] for column in EXPORT_COLUMNS])
    for index, column in enumerate(EXPORT_COLUMNS, start=1):
        width = max([len(column)] + [len(str(_plain(row[column]) or "")) for row in rows])
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
        if column in ("recorded_at", "replaced_at"):
            for cell in sheet[get_column_letter(index)][1:]:
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def export_actuals(workspace: Workspace, export_format: str, output: Path | None) -> str | None:
    """Write the export to `output`, or return its text for stdout (CSV and JSON only)."""
    if export_format not in EXPORT_FORMATS:
        from .arguments import suggest

        raise UsageError(f"--format '{export_format}' is not one of {', '.join(EXPORT_FORMATS)}{suggest(export_format, EXPORT_FORMATS)}")
    from .edit import write_output

    rows = export_rows(workspace)
    if export_format == "xlsx":
        if output is None:
            raise UsageError("--format xlsx writes a workbook: give the file with -o PATH, e.g. -o toteuma.xlsx")
        _refuse_missing_folder(output)
        write_output(output, xlsx_bytes(rows))
        return None
    text = to_csv(rows) if export_format == "csv" else to_json(rows)
    if output is None:
        return text
    _refuse_missing_folder(output)
    write_output(output, text)
    return None


def _refuse_missing_folder(output: Path) -> None:
    """Unlike `kemi report -o`, `kemi kpi export -o` does not create folders: it refuses a folder
    that does not exist, as it always has. Everything else (a folder given as the file, a path
    that cannot be written) is write_output's to report."""
    if not output.parent.is_dir():
        raise UsageError(f"-o {output}: the folder {output.parent} does not exist")


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


def kpis_csv(workspace: Workspace, at: Period) -> str:
    """One row per current actual; an indicator without actuals has one row with an empty period."""
    rows = []
    for record in kpi_records(workspace, at):
        base = {
            "group": record["group"], "kpi": record["kpi"], "name_fi": record["name"]["fi"], "name_en": record["name"]["en"],
            "unit": record["unit"], "direction": record["direction"], "baseline": record["baseline"],
            "baseline_period": record["baseline_period"], "target": record["target"],
            "target_period": record["target_period"], "status": record["status"],
        }
        rows += [{**base, **actual} for actual in record["actuals"]] or [base]
    return csv_text(SITE_COLUMNS, rows)
