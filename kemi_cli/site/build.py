"""The site's files to write: (path from the site's root, a function that makes its content).
`kemi build` runs them as steps of its own plan: every page in both languages, the data
downloads and their index, robots.txt and, when the site's address is known, sitemap.xml."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from ..clock import today
from ..models.workspace import Workspace
from ..numbers import LANGS
from ..report.context import ReviewContext
from ..report.provenance import Provenance
from ..report.render import messages_for
from .downloads import data_index, downloads
from .pages import SiteFacts, site_pages
from .render import page_path, render_page
from .sitemap import ROBOTS, SITEMAP, robots_txt, sitemap_xml

SiteFile = tuple[str, Callable[[], str | bytes]]


def site_files(workspace: Workspace, review: ReviewContext, stems: dict[str, str], provenance: Provenance, data_dir: Path, base_url: str | None = None) -> list[SiteFile]:
    """Every file of the site. `review` is the half-year review the site presents; `stems` name
    the published documents by kind (half_year, annual, strategy, cards)."""
    facts = SiteFacts(
        period=review.period, review=review, half_year_stem=stems["half_year"], annual_stem=stems["annual"],
        strategy_stem=stems["strategy"], cards_stem=stems["cards"],
    )
    files: list[SiteFile] = []
    alternates: dict[str, dict[str, str]] = {}
    for page in site_pages(workspace, facts, today()):
        for lang in LANGS:
            path = page_path(page.key, lang)
            alternates[path] = {other: page_path(page.key, other) for other in LANGS}
            files.append((path, partial(render_page, page, lang, workspace.strategy, facts, provenance, data_dir, base_url)))
    messages = messages_for(data_dir)
    data_files = downloads(workspace, review.period, messages.get, provenance.generated_at)
    files += [(download.path, download.make) for download in data_files]
    files.append(("data.json", lambda: data_index(data_files, review.period, provenance.generated_at)))
    files.append((ROBOTS, lambda: robots_txt(base_url)))
    if base_url:
        files.append((SITEMAP, lambda: sitemap_xml(base_url, list(alternates), alternates)))
    return files
