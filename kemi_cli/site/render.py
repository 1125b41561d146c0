"""One site page → HTML: the page's own template inside the site's layout (header with the
navigation and the other language, breadcrumbs, footer). Every link is relative to the page, so
the site works from any sub-path and from the file system."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..models.strategy import Strategy
from ..report.charts import draw_chart
from ..report.environment import render_template, text_in
from ..report.provenance import Provenance
from ..report.render import inline_style_sheet, messages_for
from .pages import SiteFacts, SitePage
from .sitemap import normalised_base_url

ACCESSIBILITY = "saavutettavuusseloste.html"
REPORTS = "index.html"  # the list of every published document, at the site's root


def page_path(key: str, lang: str) -> str:
    """A page's file, from the site's root."""
    return f"{lang}/{key}.html"


@dataclass(frozen=True)
class PageLinks:
    """Turns paths from the site's root into links relative to one page."""

    up: str  # "../" once per folder between the page and the root
    lang: str

    def root(self, path: str) -> str:
        return self.up + path

    def page(self, key: str, lang: str | None = None) -> str:
        return self.up + page_path(key, lang or self.lang)


def page_title(page: SitePage, lang: str, data_dir: Path | None) -> str:
    if isinstance(page.title, str):
        return messages_for(data_dir).get(page.title, lang)
    return text_in(page.title, lang)


def page_description(page: SitePage, lang: str, strategy: Strategy, data_dir: Path | None) -> str:
    """One sentence for search results and shared links: what kind of page, about what."""
    return messages_for(data_dir).get(
        f"web.description_{page.template}", lang, name=page_title(page, lang, data_dir), strategy=text_in(strategy.title, lang)
    )


def render_page(page: SitePage, lang: str, strategy: Strategy, facts: SiteFacts, provenance: Provenance, data_dir: Path | None, base_url: str | None = None) -> str:
    links = PageLinks("../" * page.depth, lang)
    messages = messages_for(data_dir)
    charts = {}
    row = page.content.get("row")
    if row is not None and row.history:
        charts[row.kpi.id] = draw_chart(row, lang, messages, f"chart-{row.kpi.id}".replace("_", "-"))
    return render_template(
        "html", f"site/{page.template}.html.j2", data_dir,
        page=page, lang=lang, other="en" if lang == "fi" else "fi", links=links, strategy=strategy, facts=facts,
        title=page_title(page, lang, data_dir), crumbs=[(c.key, page_title(c, lang, data_dir)) for c in page.crumbs],  # type: ignore[arg-type]
        css=inline_style_sheet(data_dir, links.up), provenance=provenance, charts=charts,
        accessibility=ACCESSIBILITY, reports=REPORTS, description=page_description(page, lang, strategy, data_dir),
        page_url=normalised_base_url(base_url) + page_path(page.key, lang) if base_url else None, **page.content,
    )
