"""Import files from statistics services, read into the records that `kemi kpi import` checks
and records through the same path as its own CSV (kemi_cli.actuals).

kemi does not go online: the user downloads the file and names it. Which KPI takes which figure
is said in kpis.yaml, under each KPI's `import_from` (see docs/data-format.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError, display_path
from ..wording import Said

if TYPE_CHECKING:  # `kemi kpi` names IMPORT_FORMATS in its help, before any data is read
    from ..actuals import ImportRecord
    from ..models.workspace import Workspace

IMPORT_FORMATS = ("auto", "csv", "pxweb", "sotkanet")


@dataclass(frozen=True)
class ImportPlan:
    """What an import file holds for the data's KPIs: the records to check and record, and how
    many of the file's values were left aside (no value in the source, or a period kemi does not
    keep, such as a month that does not end a half-year)."""

    records: list[ImportRecord]
    skipped: list[Said] = field(default_factory=list)


def detect_format(path: Path, chosen: str) -> str:
    """The import format: as chosen, else from the file: JSON is PxWeb's JSON-stat2, a CSV with
    Sotkanet's columns is Sotkanet's, any other CSV is kemi's own."""
    if chosen not in IMPORT_FORMATS:
        raise UsageError(Said("cli.choose_one_of", option="--format", value=chosen, choices=list(IMPORT_FORMATS)))
    if chosen != "auto":
        return chosen
    if path.suffix.lower() == ".json":
        return "pxweb"
    from .sotkanet import looks_like_sotkanet

    return "sotkanet" if looks_like_sotkanet(path) else "csv"


def statistics_records(path: Path, fmt: str, workspace: Workspace) -> ImportPlan:
    """The records a PxWeb or Sotkanet file holds for the KPIs mapped to it."""
    if not path.is_file():
        raise UsageError(Said("cli.no_such_file", path=display_path(path)))
    if fmt == "pxweb":
        from .jsonstat import pxweb_records

        return pxweb_records(path, workspace)
    from .sotkanet import sotkanet_records

    return sotkanet_records(path, workspace)
