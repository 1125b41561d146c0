"""THL Sotkanet indicator data saved as CSV.

Sotkanet's CSV has a header row and one row per indicator, region, year and gender, separated
by semicolons: `indicator;region;year;gender;primary value;absolute value` (indicator and region
are Sotkanet's numbers; values may have a decimal comma; an empty value means no data).
Header names are matched without regard to case, dots or underscores ("primary.value",
"absValue" and "value" are understood too). The year is the period.
"""

from __future__ import annotations

from pathlib import Path

from ..actuals import ImportRecord, csv_rows, read_csv_text
from ..errors import DataError, Finding
from ..models.kpis import Kpi, SotkanetImport
from ..models.workspace import Workspace
from ..wording import Said
from . import ImportPlan

_COLUMN_NAMES = {
    "indicator": "indicator",
    "region": "region",
    "year": "year",
    "gender": "gender",
    "primary value": "primary",
    "value": "primary",
    "absolute value": "absolute",
    "absvalue": "absolute",
}
REQUIRED_COLUMNS = ("indicator", "region", "year", "gender")


def _column(name: str) -> str | None:
    return _COLUMN_NAMES.get(" ".join(name.strip().lower().replace(".", " ").replace("_", " ").split()))


def looks_like_sotkanet(path: Path) -> bool:
    """Whether a CSV's header names Sotkanet's columns (indicator, region, year)."""
    try:
        with path.open("rb") as file:
            first_line = file.readline(4096).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    named = {_column(cell) for cell in first_line.replace(",", ";").replace("\t", ";").split(";")}
    return {"indicator", "region", "year"} <= named


def _number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def sotkanet_records(path: Path, workspace: Workspace) -> ImportPlan:
    """The values of a Sotkanet CSV for every KPI whose import_from.sotkanet names one of its
    indicators, at the KPI's region and gender."""
    rows = csv_rows(read_csv_text(path))
    if not rows:
        raise DataError([Finding(path, Said("cli.sotkanet.empty"), line=1)])
    header_line, header = rows[0]
    columns = {column: index for index, cell in enumerate(header) if (column := _column(cell))}
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise DataError([Finding(path, Said("cli.sotkanet.not_sotkanet", columns=missing), line=header_line)])

    by_indicator: dict[int, list[tuple[Kpi, SotkanetImport]]] = {}
    for kpi in workspace.kpis:
        if kpi.import_from is not None and kpi.import_from.sotkanet is not None:
            by_indicator.setdefault(kpi.import_from.sotkanet.indicator, []).append((kpi, kpi.import_from.sotkanet))

    findings: list[Finding] = []
    records: list[ImportRecord] = []
    skipped: list[Said] = []
    indicators_in_file: set[int] = set()
    regions_seen: dict[int, set[int]] = {}
    matched: set[str] = set()
    for line, cells in rows[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) < len(header):
            findings.append(Finding(path, Said("cli.import_column_count", count=len(cells), header=len(header)), line=line))
            continue
        indicator, region = _number(cells[columns["indicator"]]), _number(cells[columns["region"]])
        if indicator is None or region is None:
            findings.append(Finding(path, Said("cli.sotkanet.not_numbers"), line=line))
            continue
        indicators_in_file.add(indicator)
        regions_seen.setdefault(indicator, set()).add(region)
        gender = cells[columns["gender"]].strip().lower()
        for kpi, mapping in by_indicator.get(indicator, []):
            if mapping.region != region or mapping.gender != gender:
                continue
            matched.add(kpi.id)
            if mapping.value not in columns:
                findings.append(Finding(path, Said("cli.sotkanet.no_value_column", id=kpi.id, column=mapping.value), line=header_line))
                continue
            value = cells[columns[mapping.value]].strip()
            year = cells[columns["year"]].strip()
            if not value:
                skipped.append(Said("cli.sotkanet.skipped", file=path.name, line=line, id=kpi.id, year=year, reason=Said("cli.import_no_value")))
                continue
            records.append(ImportRecord(kpi.id, year, value, line=line, source=f"THL Sotkanet, indikaattori {indicator}"))

    mapped_here = sorted(i for i in indicators_in_file if i in by_indicator)
    if not mapped_here and not findings:
        in_file = ", ".join(map(str, sorted(indicators_in_file))) or Said("cli.sotkanet.no_indicators")
        findings.append(Finding(path, Said("cli.sotkanet.no_kpi", indicators=in_file), line=header_line))
    for indicator in mapped_here:
        for kpi, mapping in by_indicator[indicator]:
            if kpi.id not in matched:
                regions = ", ".join(map(str, sorted(regions_seen[indicator])))
                no_row = Said("cli.sotkanet.no_row", id=kpi.id, indicator=indicator, region=mapping.region, gender=mapping.gender, regions=regions)
                findings.append(Finding(path, no_row))
    if findings:
        raise DataError(sorted(findings, key=lambda f: f.line or 0))
    return ImportPlan(records, skipped)
