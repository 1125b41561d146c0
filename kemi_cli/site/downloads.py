"""The site's data downloads: the whole KPI data set for people (the Excel CSV and the workbook
of `kemi kpi export`, in Finnish and English) and for programs (plain CSV and JSON), each KPI's
values as CSV and JSON, and `data.json`, the index of them all.

What is published leaves out who recorded or replaced a value, unless strategy.yaml sets
publish_recorders: the site names the people who keep the data only when the city has chosen to
(`kemi kpi show` always does). Every file is the same bytes for the same data and
build time, the workbook included.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from ..export import EXPORT_COLUMNS, SITE_COLUMNS, export_rows, json_text, kpi_records, plain_csv, site_rows, to_json
from ..models.workspace import Workspace
from ..numbers import LANGS
from ..periods import Period
from ..sheets.table import Table

DATA = "data"  # the downloads' folder under the site's root
WHO_COLUMNS = ("recorded_by", "replaced_by")


@dataclass(frozen=True)
class Download:
    """One file of the data index: its path from the site's root, format, language, what it holds."""

    path: str
    format: str  # csv, json, xlsx
    dialect: str | None  # a CSV's: excel (semicolons, decimal commas, for Finnish Excel) or plain
    lang: str | None  # the column names' language; None when the file holds both
    holds: str  # all (every actual, replaced ones too), kpi:<id>
    make: Callable[[], str | bytes]

    def entry(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.format, "dialect": self.dialect, "lang": self.lang, "holds": self.holds}


def kpi_download_path(kpi_id: str, fmt: str) -> str:
    return f"{DATA}/kpis/{kpi_id}.{fmt}"


def without_columns(table: Table, hidden: set[str]) -> Table:
    """The table without the columns whose header is in `hidden`."""
    keep = [i for i, name in enumerate(table.header) if name not in hidden]
    return Table(table.title, tuple(table.header[i] for i in keep), tuple(tuple(row[i] for i in keep) for row in table.rows))


def fixed_time_workbook(content: bytes, moment: dt.datetime) -> bytes:
    """The workbook with every time in it set to `moment`: openpyxl stamps the document's
    properties and each zip entry with the time of writing, which would change every build."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(content))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", lambda m: m.group(1) + stamp.encode(), data)
            entry = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    return stream.getvalue()


def _workbook(tables: Callable[[], Any], moment: dt.datetime) -> bytes:
    from ..sheets.xlsx_file import workbook_bytes

    return fixed_time_workbook(workbook_bytes(tables()), moment)


def downloads(workspace: Workspace, at: Period, label: Callable[[str, str], str], moment: dt.datetime) -> list[Download]:
    """Every download in the order data.json lists them. `label(key, lang)` gives a fixed word."""
    from ..kpi_tables import kpi_tables
    from ..sheets.csv_file import csv_text

    files: list[Download] = []
    who = () if workspace.strategy.publish_recorders else WHO_COLUMNS
    columns = tuple(c for c in EXPORT_COLUMNS if c not in who)
    public_rows = [{c: row[c] for c in columns} for row in export_rows(workspace)]
    files.append(Download(f"{DATA}/kpis-all.csv", "csv", "plain", None, "all", lambda: plain_csv(columns, public_rows)))
    files.append(Download(f"{DATA}/kpis-all.json", "json", None, None, "all", lambda: to_json(public_rows, columns)))
    for lang in LANGS:
        hidden = {label(f"export.{column}", lang) for column in who}

        def tables(lang: str = lang, hidden: set[str] = hidden) -> list[Table]:
            made = kpi_tables(workspace, lang, lambda key: label(key, lang))
            return [without_columns(t, hidden) for t in made.sheets()]

        def excel_csv(lang: str = lang, hidden: set[str] = hidden) -> str:
            table = without_columns(kpi_tables(workspace, lang, lambda key: label(key, lang)).one_table(), hidden)
            return csv_text(table.header, table.rows, "excel")

        files.append(Download(f"{DATA}/kpis-all-{lang}.csv", "csv", "excel", lang, "all", excel_csv))
        files.append(Download(f"{DATA}/kpis-all-{lang}.xlsx", "xlsx", None, lang, "all", partial(_workbook, tables, moment)))
    for record in kpi_records(workspace, at):
        kpi_id = record["kpi"]
        rows = site_rows(record)
        files.append(Download(kpi_download_path(kpi_id, "csv"), "csv", "plain", None, f"kpi:{kpi_id}", partial(plain_csv, SITE_COLUMNS, rows)))
        files.append(Download(kpi_download_path(kpi_id, "json"), "json", None, None, f"kpi:{kpi_id}", partial(json_text, record)))
    return files


def data_index(files: list[Download], status_period: Period, generated_at: dt.datetime) -> str:
    """data.json: what the site's data files are, for programs that look for them."""
    return json_text({
        "status_period": str(status_period),
        "generated_at": generated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "files": [{"path": "kpis.csv", "format": "csv", "dialect": "plain", "lang": None, "holds": "status"},
                  {"path": "kpis.json", "format": "json", "dialect": None, "lang": None, "holds": "status"}]
                 + [f.entry() for f in files],
    })
