"""`kemi build`: everything CI publishes, in one folder.

The strategy document, the latest half-year review and annual report (fi and en, HTML and PDF),
every project card (HTML, and all cards in one PDF per language), the KPI data as CSV and JSON,
an accessibility statement and an index that links them all in both languages.
The build is planned first (a list of named steps), then run step by step so that the command
line can show progress.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..edit import write_output
from ..models.strategy import Strategy
from ..models.workspace import Workspace
from ..numbers import LANGS
from ..periods import Period
from ..status import latest_actual, status_at
from ..validate import load_workspace
from .provenance import Provenance, data_provenance, git_commit, source_date_epoch
from .render import Rendered, render, render_template_document
from .reports import (
    ReportRequest,
    annual_request,
    default_half_year,
    default_year,
    half_year_request,
    project_order,
    project_request,
    strategy_request,
)

INDEX = "index.html"
ACCESSIBILITY = "saavutettavuusseloste.html"
KPIS_CSV = "kpis.csv"
KPIS_JSON = "kpis.json"


@dataclass(frozen=True)
class SiteLink:
    """One published file, as the index lists it."""

    group: str  # strategy, reviews, cards, data
    title: dict[str, str]  # per language
    lang: str | None  # the document's language; None for language-neutral data
    fmt: str  # html, pdf, csv, json
    href: str


@dataclass(frozen=True)
class SiteContext:
    """What the index and the accessibility statement show."""

    provenance: Provenance
    links: tuple[SiteLink, ...]
    strategy: Strategy  # its title and publisher name the site's publications
    groups: tuple[str, ...] = ("strategy", "reviews", "cards", "data")

    def in_group(self, group: str, lang: str) -> list[SiteLink]:
        return [link for link in self.links if link.group == group and link.lang in (lang, None)]


@dataclass
class BuildStep:
    description: str
    run: Callable[[], list[Path]]


@dataclass
class BuildResult:
    out: Path
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def build_time(data_dir: Path) -> Provenance:
    """SOURCE_DATE_EPOCH when set, else the data's last commit, so that a rebuild of the same
    commit gives the same files."""
    generated_at = source_date_epoch()
    if generated_at is None:
        commit = git_commit(data_dir)
        generated_at = commit[1] if commit else None
    return data_provenance(data_dir, generated_at)


def _documents(workspace: Workspace, provenance: Provenance) -> list[tuple[str, ReportRequest]]:
    """(index group, request) for every document, in the order the index lists them."""
    documents = [("strategy", strategy_request(workspace, provenance))]
    documents.append(("reviews", half_year_request(workspace, provenance, default_half_year())))
    documents.append(("reviews", annual_request(workspace, provenance, default_year())))
    documents.append(("cards", project_request(workspace, provenance, None, True, default_half_year())))
    return documents


def plan_build(data_dir: Path, out: Path) -> tuple[list[BuildStep], list[SiteLink]]:
    """Every step of the build and the links the index will show. Refuses invalid data."""
    workspace = load_workspace(data_dir)
    provenance = build_time(data_dir)
    steps: list[BuildStep] = []
    links: list[SiteLink] = []

    def add(description: str, path: Path, make: Callable[[], Rendered]) -> None:
        def run() -> list[Path]:
            rendered = make()
            write_output(path, rendered.content)
            return [path]

        steps.append(BuildStep(description, run))

    for group, request in _documents(workspace, provenance):
        for lang in LANGS:
            titles = {lang: _title(request, lang, data_dir)}
            for fmt in ("html", "pdf"):
                name = "-".join(p for p in (request.name, request.slug, lang) if p) + f".{fmt}"
                add(f"{name}", out / name, _renderer(request, (lang,), fmt, data_dir))
                links.append(SiteLink(group, titles, lang, fmt, name))

    card_period = default_half_year()
    for project_id in project_order(workspace):
        request = project_request(workspace, provenance, project_id, False, card_period)
        for lang in LANGS:
            name = f"project-{project_id}-{lang}.html"
            add(name, out / "projects" / name, _renderer(request, (lang,), "html", data_dir))
            links.append(SiteLink("cards", {lang: _title(request, lang, data_dir)}, lang, "html", f"projects/{name}"))

    steps.append(BuildStep(KPIS_CSV, lambda: _write_text(out / KPIS_CSV, kpis_csv(workspace, default_half_year()))))
    steps.append(BuildStep(KPIS_JSON, lambda: _write_text(out / KPIS_JSON, kpis_json(workspace, default_half_year()))))
    links.append(SiteLink("data", {}, None, "csv", KPIS_CSV))
    links.append(SiteLink("data", {}, None, "json", KPIS_JSON))

    site = SiteContext(provenance, tuple(links), workspace.strategy)
    for template, name in (("accessibility", ACCESSIBILITY), ("index", INDEX)):
        steps.append(
            BuildStep(name, lambda template=template, name=name: _write_text(out / name, render_template_document(template, site, data_dir)))
        )
    return steps, links


def _title(request: ReportRequest, lang: str, data_dir: Path) -> str:
    from .render import messages_for, report_title

    return report_title(request.context, lang, messages_for(data_dir))


def _renderer(request: ReportRequest, langs: tuple[str, ...], fmt: str, data_dir: Path) -> Callable[[], Rendered]:
    return lambda: render(request.kind, request.template, request.context, langs, fmt, data_dir)  # type: ignore[arg-type]


def _write_text(path: Path, text: str) -> list[Path]:
    write_output(path, text.encode("utf-8"))
    return [path]


def run_build(steps: list[BuildStep], out: Path, on_step: Callable[[BuildStep], None] | None = None) -> BuildResult:
    started = time.monotonic()
    result = BuildResult(out)
    for step in steps:
        if on_step:
            on_step(step)
        result.files += step.run()
    result.seconds = time.monotonic() - started
    return result


# ---------------------------------------------------------------- KPI data


KPI_COLUMNS = (
    "group", "kpi", "name_fi", "name_en", "unit", "direction", "baseline", "baseline_period",
    "target", "target_period", "status", "period", "value", "forecast", "recorded_at", "source",
)


def kpi_records(workspace: Workspace, at: Period) -> list[dict[str, object]]:
    """One record per indicator with its current actuals and its status at `at`."""
    records = []
    for group in workspace.kpis_file.groups:
        for kpi in group.kpis:
            records.append(
                {
                    "group": group.id,
                    "kpi": kpi.id,
                    "name": {"fi": kpi.name.fi, "en": kpi.name.en},
                    "unit": kpi.unit,
                    "direction": kpi.direction,
                    "baseline": kpi.baseline.value,
                    "baseline_period": kpi.baseline.period or workspace.baseline_period,
                    "target": kpi.target.value,
                    "target_period": kpi.target.period,
                    "needs_confirmation": kpi.needs_confirmation,
                    "status_period": str(at),
                    "status": status_at(kpi, at, workspace.strategy.period).status,
                    "latest_period": (latest_actual(kpi, at).period if latest_actual(kpi, at) else None),  # type: ignore[union-attr]
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
    return json.dumps({"status_period": str(at), "kpis": kpi_records(workspace, at)}, ensure_ascii=False, indent=2) + "\n"


def kpis_csv(workspace: Workspace, at: Period) -> str:
    """One row per current actual; an indicator without actuals has one row with an empty period."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(KPI_COLUMNS)
    for record in kpi_records(workspace, at):
        base = [
            record["group"], record["kpi"], record["name"]["fi"], record["name"]["en"],  # type: ignore[index]
            record["unit"], record["direction"], _cell(record["baseline"]), record["baseline_period"],
            _cell(record["target"]), _cell(record["target_period"]), record["status"],
        ]
        actuals = record["actuals"] or [None]  # type: ignore[operator]
        for actual in actuals:  # type: ignore[union-attr]
            if actual is None:
                writer.writerow([*base, "", "", "", "", ""])
            else:
                writer.writerow([*base, actual["period"], _cell(actual["value"]), _cell(actual["forecast"]), actual["recorded_at"], _cell(actual["source"])])
    return buffer.getvalue()


def _cell(value: object) -> str:
    return "" if value is None else str(value)
