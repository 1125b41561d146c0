"""`kemi build`: everything CI publishes, in one folder.

The strategy document, the latest half-year review and annual report (fi and en, HTML and PDF),
every project card (HTML, and all cards in one PDF per language), the KPI data as CSV and JSON,
an accessibility statement and an index that links them all in both languages.
The build is planned first (a list of named steps), then run step by step so that the command
line can show progress.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..edit import write_output
from ..export import kpis_csv, kpis_json
from ..models.strategy import Strategy
from ..models.workspace import Workspace
from ..numbers import LANGS
from ..validate import load_workspace
from .provenance import Provenance, data_provenance, source_date_epoch
from .render import ACCESSIBILITY_STATEMENT, Rendered, font_files, messages_for, render, render_template_document
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
ACCESSIBILITY = ACCESSIBILITY_STATEMENT
KPIS_CSV = "kpis.csv"
KPIS_JSON = "kpis.json"


@dataclass(frozen=True)
class SiteLink:
    """One published file, as the index lists it."""

    group: str  # strategy, reviews, cards, data
    title: Mapping[str, str]  # per language
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
    """SOURCE_DATE_EPOCH when set, else the data's last commit (even with uncommitted changes),
    so that a rebuild of the same commit gives the same files."""
    return data_provenance(data_dir, source_date_epoch(), commit_time_when_dirty=True)


def _documents(workspace: Workspace, provenance: Provenance) -> list[tuple[str, ReportRequest]]:
    """(index group, request) for every document, in the order the index lists them."""
    documents = [("strategy", strategy_request(workspace, provenance))]
    documents.append(("reviews", half_year_request(workspace, provenance, default_half_year())))
    documents.append(("reviews", annual_request(workspace, provenance, default_year())))
    documents.append(("cards", project_request(workspace, provenance, None, True, default_half_year())))
    return documents


def plan_build(data_dir: Path, out: Path, base_url: str | None = None, search: bool = True) -> tuple[list[BuildStep], list[SiteLink]]:
    """Every step of the build and the links the index will show. Refuses invalid data.
    `base_url`, the site's address, is what a sitemap and the pages' sharing tags need;
    `search` indexes the written pages for the site's search (kemi_cli.site.search)."""
    workspace = load_workspace(data_dir)
    provenance = build_time(data_dir)
    steps: list[BuildStep] = []
    links: list[SiteLink] = []

    # One copy of the fonts for every page; the project cards, a folder down, look one level up.
    steps.append(BuildStep("assets/fonts", lambda: _write_files(out, font_files(data_dir), data_dir)))

    def add(description: str, path: Path, make: Callable[[], Rendered]) -> None:
        def run() -> list[Path]:
            rendered = make()
            write_output(path, rendered.content, data_dir)
            return [path]

        steps.append(BuildStep(description, run))

    stems: dict[str, str] = {}
    documents = _documents(workspace, provenance)
    for group, request in documents:
        stems[_stem_kind(request)] = "-".join(p for p in (request.name, request.slug) if p)
        for lang in LANGS:
            titles: dict[str, str] = {lang: _title(request, lang, data_dir)}
            for fmt in ("html", "pdf"):
                name = "-".join(p for p in (request.name, request.slug, lang) if p) + f".{fmt}"
                add(f"{name}", out / name, _renderer(request, (lang,), fmt, data_dir))
                links.append(SiteLink(group, titles, lang, fmt, name))

    card_period = default_half_year()
    for project_id in project_order(workspace):
        request = project_request(workspace, provenance, project_id, False, card_period)
        for lang in LANGS:
            name = f"project-{project_id}-{lang}.html"
            add(name, out / "projects" / name, _renderer(request, (lang,), "html", data_dir, asset_prefix="../"))
            links.append(SiteLink("cards", {lang: _title(request, lang, data_dir)}, lang, "html", f"projects/{name}"))

    steps.append(BuildStep(KPIS_CSV, lambda: _write_text(out / KPIS_CSV, kpis_csv(workspace, default_half_year()), data_dir)))
    steps.append(BuildStep(KPIS_JSON, lambda: _write_text(out / KPIS_JSON, kpis_json(workspace, default_half_year()), data_dir)))
    links.append(SiteLink("data", {}, None, "csv", KPIS_CSV))
    links.append(SiteLink("data", {}, None, "json", KPIS_JSON))

    # The site's pages present the same half-year as the review published beside them.
    from ..site.build import site_files

    review = next(request.context for group, request in documents if request.kind == "half_year")
    site_home: dict[str, str] = {lang: messages_for(data_dir).get("web.site_home", lang) for lang in LANGS}
    links[:0] = [SiteLink("strategy", site_home, lang, "html", f"{lang}/index.html") for lang in LANGS]
    for name, make_page in site_files(workspace, review, stems, provenance, data_dir, base_url):  # type: ignore[arg-type]
        steps.append(BuildStep(name, partial(_write_made, out / name, make_page, data_dir)))

    site = SiteContext(provenance, tuple(links), workspace.strategy)
    for template, name in (("accessibility", ACCESSIBILITY), ("index", INDEX)):
        steps.append(BuildStep(name, _site_page_writer(out / name, template, site, data_dir)))

    # The search index reads the written pages, so it is the last step, after every page.
    if search:
        from ..site.search import BUNDLE, site_indexer

        steps.append(BuildStep(f"{BUNDLE}/", site_indexer(out)))
    return steps, links


def _stem_kind(request: ReportRequest) -> str:
    """The key the site's pages know a published document by."""
    return "cards" if request.kind == "project" else request.kind


def _title(request: ReportRequest, lang: str, data_dir: Path) -> str:
    from .render import report_title

    return report_title(request.context, lang, messages_for(data_dir))


def _renderer(request: ReportRequest, langs: tuple[str, ...], fmt: str, data_dir: Path, asset_prefix: str = "") -> Callable[[], Rendered]:
    return lambda: render(request.kind, request.template, request.context, langs, fmt, data_dir, asset_prefix=asset_prefix, in_site=True)  # type: ignore[arg-type]


def _write_files(folder: Path, files: dict[str, bytes], data_dir: Path) -> list[Path]:
    for name, content in files.items():
        write_output(folder / name, content, data_dir)
    return [folder / name for name in files]


def _write_made(path: Path, make: Callable[[], str | bytes], data_dir: Path) -> list[Path]:
    write_output(path, make(), data_dir)
    return [path]


def _site_page_writer(path: Path, template: str, site: SiteContext, data_dir: Path) -> Callable[[], list[Path]]:
    return lambda: _write_text(path, render_template_document(template, site, data_dir), data_dir)


def _write_text(path: Path, text: str, data_dir: Path) -> list[Path]:
    write_output(path, text, data_dir)
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
