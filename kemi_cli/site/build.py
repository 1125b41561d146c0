"""The site's pages as files to write: (path from the site's root, a function that renders it).
`kemi build` runs them as steps of its own plan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..clock import today
from ..models.workspace import Workspace
from ..numbers import LANGS
from ..report.context import ReviewContext
from ..report.provenance import Provenance
from .pages import SiteFacts, site_pages
from .render import page_path, render_page


def site_files(workspace: Workspace, review: ReviewContext, stems: dict[str, str], provenance: Provenance, data_dir: Path) -> list[tuple[str, Callable[[], str]]]:
    """Every page in every language. `review` is the half-year review the site presents; `stems`
    name the published documents by kind (half_year, annual, strategy, cards)."""
    facts = SiteFacts(
        period=review.period, review=review, half_year_stem=stems["half_year"], annual_stem=stems["annual"],
        strategy_stem=stems["strategy"], cards_stem=stems["cards"],
    )
    files: list[tuple[str, Callable[[], str]]] = []
    for page in site_pages(workspace, facts, today()):
        for lang in LANGS:
            files.append((page_path(page.key, lang), lambda page=page, lang=lang: render_page(page, lang, workspace.strategy, facts, provenance, data_dir)))
    return files
