"""Statistics Finland's PxWeb tables saved as JSON-stat2 (JSON-stat 2.0, class "dataset").

A dataset lists its dimensions (`id`, `size`, and `dimension` with each one's category codes in
`category.index`) and its cells in `value`: a list in row-major order (the last dimension varies
fastest) or an object from cell index to value. A cell without a value is null. PxWeb names its
table in `extension.px.tableid` and the time dimension in `role.time`.

Periods: a year "2025" is the period 2025, a half-year "2025H1" is itself. A month or a quarter
is taken as the value at the end of its half-year: 2025M06 and 2025Q2 give 2025H1, 2025M12 and
2025Q4 give 2025H2; other months and quarters are left aside (reported in the summary), since
kemi keeps years and half-years only. A figure summed over a year belongs in a yearly table.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..actuals import ImportRecord
from ..arguments import suggest
from ..errors import DataError, Finding
from ..load import LoadFailed, read_bytes
from ..models.kpis import Kpi, PxwebImport
from ..models.workspace import Workspace
from ..wording import Said
from . import ImportPlan

_YEAR = re.compile(r"^(\d{4})(H[12])?$")
_MONTH = re.compile(r"^(\d{4})M(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_HALF_YEAR_ENDS = {"M06": "H1", "M12": "H2", "Q2": "H1", "Q4": "H2"}
MAX_CODES_SHOWN = 12


@dataclass(frozen=True)
class Dimension:
    id: str
    codes: list[str]


@dataclass(frozen=True)
class Dataset:
    path: Path
    table: str | None
    source: str | None
    dimensions: list[Dimension]
    time_ids: list[str]
    values: dict[int, Any]

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def value_at(self, codes: dict[str, str]) -> Any:
        """The cell at one category code of every dimension (row-major order)."""
        index = 0
        for dimension in self.dimensions:
            index = index * len(dimension.codes) + dimension.codes.index(codes[dimension.id])
        return self.values.get(index)


def time_period(code: str) -> str | None:
    """The kemi period of a PxWeb time code, None for a month or quarter that ends no half-year,
    ValueError for a code that is no time kemi knows."""
    if _YEAR.match(code):
        return code
    match = _MONTH.match(code) or _QUARTER.match(code)
    if match is None:
        raise ValueError(Said("cli.pxweb.not_a_time", code=code))
    part = code[4:]
    return f"{match.group(1)}{_HALF_YEAR_ENDS[part]}" if part in _HALF_YEAR_ENDS else None


def _fail(path: Path, message: Said, line: int | None = None, column: int | None = None) -> DataError:
    return DataError([Finding(path, message, line=line, column=column)])


def read_dataset(path: Path) -> Dataset:
    """A JSON-stat2 file, its structure checked; DataError saying what is wrong with it."""
    try:
        raw = read_bytes(path, kind="jsonstat")  # a folder, a device, over the size limit
    except LoadFailed as failure:
        raise DataError([failure.finding]) from None
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _fail(path, Said("cli.pxweb.not_utf8")) from None
    except json.JSONDecodeError as error:
        raise _fail(path, Said("cli.pxweb.not_json", reason=error.msg), error.lineno, error.colno) from None
    except RecursionError:
        raise _fail(path, Said("cli.pxweb.not_json", reason="nested too deep")) from None
    if not isinstance(document, dict) or document.get("version") != "2.0" or document.get("class") != "dataset":
        raise _fail(path, Said("cli.pxweb.not_a_dataset"))
    try:
        ids, sizes, dimension_info = document["id"], document["size"], document["dimension"]
        if not (isinstance(ids, list) and isinstance(sizes, list) and len(ids) == len(sizes) and isinstance(dimension_info, dict)):
            raise TypeError("id and size must be lists of the same length")
        dimensions = [Dimension(str(i), _category_codes(dimension_info[i], i, size)) for i, size in zip(ids, sizes, strict=True)]
        values = _values(document["value"], sizes)
    except KeyError as error:
        raise _fail(path, Said("cli.pxweb.key_missing", key=error)) from None
    except (TypeError, ValueError) as error:
        # The structure's details (sizes, categories) are the format's own, said in its English.
        raise _fail(path, Said("cli.pxweb.bad_structure", reason=error)) from None
    role = document.get("role")
    role = role if isinstance(role, dict) else {}
    px = (document.get("extension") or {}).get("px") if isinstance(document.get("extension"), dict) else None
    table = px.get("tableid") if isinstance(px, dict) else None
    source = document.get("source")
    return Dataset(
        path,
        str(table) if table else None,
        source if isinstance(source, str) and source.strip() else None,
        dimensions,
        [str(t) for t in role.get("time") or []] if isinstance(role.get("time"), list) else [],
        values,
    )


def _category_codes(info: Any, dimension_id: str, size: Any) -> list[str]:
    category = info.get("category") if isinstance(info, dict) else None
    if not isinstance(category, dict):
        raise TypeError(f"dimension '{dimension_id}' has no category")
    index = category.get("index")
    if isinstance(index, list):
        codes = [str(code) for code in index]
    elif isinstance(index, dict):
        codes = [str(code) for code, _ in sorted(index.items(), key=lambda item: int(item[1]))]
    else:  # JSON-stat leaves the index out when there is one category
        codes = [str(code) for code in (category.get("label") or {})]
    if len(codes) != size:
        raise ValueError(f"dimension '{dimension_id}' has {len(codes)} categories, its size says {size}")
    return codes


def _values(raw: Any, sizes: list[int]) -> dict[int, Any]:
    cells = 1
    for size in sizes:
        cells *= int(size)
    if isinstance(raw, list):
        if len(raw) != cells:
            raise ValueError(f"value has {len(raw)} cells, the sizes make {cells}")
        return dict(enumerate(raw))
    if isinstance(raw, dict):
        return {int(index): value for index, value in raw.items()}
    raise ValueError("value must be a list or an object")


def _same_table(mapped: str, named: str) -> bool:
    a, b = (name.lower().removesuffix(".px") for name in (mapped, named))
    return a == b or a.endswith("_" + b) or b.endswith("_" + a)


def _codes_shown(dimension: Dimension) -> Said | str:
    shown = ", ".join(dimension.codes[:MAX_CODES_SHOWN])
    return Said("cli.pxweb.codes_more", codes=shown, count=len(dimension.codes)) if len(dimension.codes) > MAX_CODES_SHOWN else shown


def _selection(dataset: Dataset, kpi: Kpi, mapping: PxwebImport, findings: list[Finding]) -> tuple[Dimension, dict[str, str]] | None:
    """The time dimension and the code chosen in every other dimension, or None with findings."""
    where = Said("cli.pxweb.kpi", id=kpi.id)
    ids = [d.id for d in dataset.dimensions]
    problems: list[Said] = []
    time_id = mapping.time_dimension or (dataset.time_ids[0] if dataset.time_ids else None)
    time = dataset.dimension(time_id) if time_id else None
    if time is None:
        if time_id:
            problems.append(Said("cli.pxweb.no_time_dimension", name=time_id, suggestion=suggest(time_id, ids), ids=ids))
        else:
            problems.append(Said("cli.pxweb.time_unnamed", ids=ids))
    for dimension_id in mapping.dimensions:
        if dataset.dimension(dimension_id) is None:
            problems.append(Said("cli.pxweb.no_dimension", name=dimension_id, suggestion=suggest(dimension_id, ids), ids=ids))
    chosen: dict[str, str] = {}
    for dimension in dataset.dimensions:
        if time is not None and dimension.id == time.id:
            continue
        code = mapping.dimensions.get(dimension.id)
        if code is None and len(dimension.codes) == 1:
            code = dimension.codes[0]
        if code is None:
            problems.append(Said("cli.pxweb.choose_category", name=dimension.id, codes=_codes_shown(dimension)))
        elif code not in dimension.codes:
            problems.append(
                Said("cli.pxweb.no_category", name=dimension.id, code=code, suggestion=suggest(code, dimension.codes), codes=_codes_shown(dimension))
            )
        else:
            chosen[dimension.id] = code
    findings.extend(Finding(dataset.path, Said("cli.value_problem", what=where, problem=problem)) for problem in problems)
    return (time, chosen) if not problems and time is not None else None


def pxweb_records(path: Path, workspace: Workspace) -> ImportPlan:
    """The values of a PxWeb JSON-stat2 table for every KPI whose import_from.pxweb names it."""
    dataset = read_dataset(path)
    table = dataset.table or path.stem  # a file without extension.px names its table by its file name
    mapped = [
        (kpi, kpi.import_from.pxweb)
        for kpi in workspace.kpis
        if kpi.import_from is not None and kpi.import_from.pxweb is not None and _same_table(kpi.import_from.pxweb.table, table)
    ]
    if not mapped:
        tables = sorted({k.import_from.pxweb.table for k in workspace.kpis if k.import_from and k.import_from.pxweb})
        known = Said("cli.pxweb.tables_mapped", tables=tables) if tables else Said("cli.pxweb.none_mapped")
        raise _fail(path, Said("cli.pxweb.no_kpi", table=table, known=known))
    findings: list[Finding] = []
    records: list[ImportRecord] = []
    skipped: list[Said] = []
    source = f"{dataset.source}, {table}" if dataset.source else f"PxWeb {table}"
    for kpi, mapping in mapped:
        selection = _selection(dataset, kpi, mapping, findings)
        if selection is None:
            continue
        time, chosen = selection
        for code in time.codes:
            where = Said("cli.pxweb.kpi_at", id=kpi.id, dimension=time.id, code=code)
            try:
                period = time_period(code)
            except ValueError as error:
                findings.append(Finding(path, Said("cli.value_problem", what=where, problem=error.args[0])))
                continue
            value = dataset.value_at({**chosen, time.id: code})
            if period is None or value is None:
                reason = Said("cli.import_no_value" if value is None else "cli.pxweb.not_half_year_end")
                skipped.append(Said("cli.value_problem", what=where, problem=reason))
                continue
            records.append(ImportRecord(kpi.id, period, value, where=where, source=source))
    if findings:
        raise DataError(findings)
    return ImportPlan(records, skipped)
