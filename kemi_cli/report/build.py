"""`kemi build`: everything CI publishes, in one folder.

The strategy document, the latest half-year review and annual report (fi and en, HTML and PDF),
every project card (HTML, and all cards in one PDF per language), the KPI data as CSV and JSON,
an accessibility statement and an index that links them all in both languages.
The build is planned first (a list of named steps), then run step by step so that the command
line can show progress.
"""

from __future__ import annotations

import datetime as dt
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
from .provenance import Provenance, source_date_epoch
from .render import (
    ACCESSIBILITY_STATEMENT,
    Rendered,
    font_files,
    messages_for,
    render,
    render_html,
    render_pdf,
    render_template_document,
)
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
from .scope import period_provenance, strategy_provenance

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


# A file of the build, and whether it was written (False: it had these bytes already and was kept,
# its modification time with it).
Output = tuple[Path, bool]


def _weightless() -> int:
    return 0


@dataclass
class BuildStep:
    description: str
    run: Callable[[], list[Output]]
    heavy: bool = False  # a PDF: seconds of WeasyPrint, run by a worker of its own (workers.py)
    last: bool = False  # reads what the other steps wrote (the search index): run after them all
    # A heavy step's size, for the order and memory of the workers (workers.py): the characters
    # of HTML it lays out, the HTML made now and kept for the step.
    weigh: Callable[[], int] = _weightless


class PdfDocument:
    """A document's PDF, from its HTML, which is made once: the build weighs the documents by
    their HTML before it starts their workers, which inherit it."""

    def __init__(self, request: ReportRequest, lang: str, data_dir: Path, cache_dir: Path | None) -> None:
        self.request, self.lang, self.data_dir, self.cache_dir = request, lang, data_dir, cache_dir
        self._html: str | None = None

    def html(self) -> str:
        if self._html is None:
            request = self.request
            self._html = render_html(request.kind, request.template, request.context, (self.lang,), self.data_dir)
        return self._html

    def weigh(self) -> int:
        return len(self.html())

    def pdf(self) -> bytes:
        return render_pdf(self.html(), self.data_dir, cache_dir=self.cache_dir)


@dataclass
class BuildResult:
    out: Path
    files: list[Path] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # the files whose bytes changed
    seconds: float = 0.0


def _documents(workspace: Workspace, pinned: dt.datetime | None) -> list[tuple[str, ReportRequest]]:
    """(index group, request) for every document, in the order the index lists them. Each is
    dated by what it shows (scope.py), so that an edit of a later period leaves it unchanged."""
    half_year, year = default_half_year(), default_year()
    documents = [("strategy", strategy_request(workspace, strategy_provenance(workspace, pinned)))]
    documents.append(("reviews", half_year_request(workspace, period_provenance(workspace, half_year, pinned), half_year)))
    documents.append(("reviews", annual_request(workspace, period_provenance(workspace, year, pinned), year)))
    documents.append(("cards", project_request(workspace, period_provenance(workspace, half_year, pinned), None, True, half_year)))
    return documents


def plan_build(
    data_dir: Path, out: Path, base_url: str | None = None, cache_dir: Path | None = None, search: bool = True
) -> tuple[list[BuildStep], list[SiteLink]]:
    """Every step of the build and the links the index will show. Refuses invalid data.
    `base_url`, the site's address, is what a sitemap and the pages' sharing tags need;
    `cache_dir` keeps the PDFs rendered, for the next build (pdf_cache); `search` indexes the
    written pages for the site's search (kemi_cli.site.search)."""
    workspace = load_workspace(data_dir)
    pinned = source_date_epoch()
    steps: list[BuildStep] = []
    links: list[SiteLink] = []

    # One copy of the fonts for every page; the project cards, a folder down, look one level up.
    steps.append(BuildStep("assets/fonts", lambda: _write_files(out, font_files(data_dir), data_dir)))

    def add(description: str, path: Path, make: Callable[[], Rendered]) -> None:
        steps.append(BuildStep(description, lambda: [_write(path, make().content, data_dir)]))

    def pdf_step(description: str, path: Path, document: PdfDocument) -> BuildStep:
        return BuildStep(description, lambda: [_write(path, document.pdf(), data_dir)], heavy=True, weigh=document.weigh)

    stems: dict[str, str] = {}
    documents = _documents(workspace, pinned)
    for group, request in documents:
        stems[_stem_kind(request)] = "-".join(p for p in (request.name, request.slug) if p)
        for lang in LANGS:
            titles: dict[str, str] = {lang: _title(request, lang, data_dir)}
            for fmt in ("html", "pdf"):
                name = "-".join(p for p in (request.name, request.slug, lang) if p) + f".{fmt}"
                if fmt == "pdf":
                    steps.append(pdf_step(name, out / name, PdfDocument(request, lang, data_dir, cache_dir)))
                else:
                    add(name, out / name, _renderer(request, (lang,), fmt, data_dir))
                links.append(SiteLink(group, titles, lang, fmt, name))

    card_period = default_half_year()
    card_provenance = period_provenance(workspace, card_period, pinned)
    for project_id in project_order(workspace):
        request = project_request(workspace, card_provenance, project_id, False, card_period)
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
    provenance = review.provenance
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

        steps.append(BuildStep(f"{BUNDLE}/", site_indexer(out), last=True))
    return steps, links


def _stem_kind(request: ReportRequest) -> str:
    """The key the site's pages know a published document by."""
    return "cards" if request.kind == "project" else request.kind


def _title(request: ReportRequest, lang: str, data_dir: Path) -> str:
    from .render import report_title

    return report_title(request.context, lang, messages_for(data_dir))


def _renderer(request: ReportRequest, langs: tuple[str, ...], fmt: str, data_dir: Path, asset_prefix: str = "") -> Callable[[], Rendered]:
    return lambda: render(request.kind, request.template, request.context, langs, fmt, data_dir, asset_prefix=asset_prefix, in_site=True)  # type: ignore[arg-type]


def _write(path: Path, content: str | bytes, data_dir: Path) -> Output:
    """Write the file unless it holds these bytes already: an unchanged file keeps its time, so
    that a sync to the web server (rsync, a bucket) sends only what changed."""
    from ..output_target import refuse_data_file

    data = content.encode("utf-8") if isinstance(content, str) else content
    refuse_data_file(path, data_dir)
    try:
        unchanged = path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        unchanged = False
    if not unchanged:
        write_output(path, data, data_dir)
    return path, not unchanged


def _write_files(folder: Path, files: dict[str, bytes], data_dir: Path) -> list[Output]:
    return [_write(folder / name, content, data_dir) for name, content in files.items()]


def _write_made(path: Path, make: Callable[[], str | bytes], data_dir: Path) -> list[Output]:
    return [_write(path, make(), data_dir)]


def _site_page_writer(path: Path, template: str, site: SiteContext, data_dir: Path) -> Callable[[], list[Output]]:
    return lambda: _write_text(path, render_template_document(template, site, data_dir), data_dir)


def _write_text(path: Path, text: str, data_dir: Path) -> list[Output]:
    return [_write(path, text, data_dir)]


def run_build(steps: list[BuildStep], out: Path, on_step: Callable[[BuildStep], None] | None = None, jobs: int = 1, cache_dir: Path | None = None) -> BuildResult:
    """Run the steps: in this process one after another (`jobs` 1, or where processes cannot
    be forked), else in `jobs` worker processes. The files are the same either way."""
    from .workers import can_fork, run_in_workers, run_step

    started = time.monotonic()
    result = BuildResult(out)
    outputs: list[Output] = []
    final = [step for step in steps if step.last]
    steps = [step for step in steps if not step.last]
    if jobs > 1 and can_fork() and steps:
        # The first step (the fonts) here, first: an output folder that cannot be written fails
        # the build on it, before any document is rendered (or kept in the cache).
        if on_step:
            on_step(steps[0])
        outputs = run_step(steps[0])
        outputs += run_in_workers(steps[1:], jobs, on_step, prepare=partial(_import_pdf_renderer, cache_dir))  # type: ignore[arg-type]
    else:
        final = steps + final
    for step in final:
        if on_step:
            on_step(step)
        outputs += run_step(step)
    result.files = [path for path, _written in outputs]
    result.written = [path for path, written in outputs if written]
    result.seconds = time.monotonic() - started
    return result


def _import_pdf_renderer(cache_dir: Path | None) -> None:
    """WeasyPrint imported once, before the documents' workers are forked, rather than in each.
    Not on a rebuild: most documents then come from the cache, and the import costs more than
    a few workers importing it themselves."""
    from .pdf_cache import has_entries

    if cache_dir is None or not has_entries(cache_dir):
        from . import pdf_tags

        pdf_tags.install()
