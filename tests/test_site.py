"""The public site `kemi build` writes: a page per goal, objective, indicator and project in
Finnish and in English around the published reports. Built once for the module from the shipped
data with synthetic actuals and project updates (hostile names included), then checked as it is
published: every page valid and accessible in a real browser (tests/web_checks.py), every link
and anchor resolving inside the built folder, both languages with the same pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from kemi_cli.overview import project_sectors
from kemi_cli.validate import load_workspace

from .conftest import SHIPPED_DATA
from .test_report_fixtures import make_synthetic_workspace
from .web_checks import html_files, page_problems, require_tools

LANGS = ("fi", "en")
BASE_URL = "https://example.org/strategia"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the data folder, the site `kemi build` wrote from it)."""
    root = tmp_path_factory.mktemp("site")
    data = root / "data"
    shutil.copytree(SHIPPED_DATA, data, ignore=shutil.ignore_patterns(".*.lock", ".*.kemi-tmp"))
    make_synthetic_workspace(data, hostile=True)
    env = {**os.environ, "KEMI_TODAY": "2026-08-15", "SOURCE_DATE_EPOCH": "1785000000"}
    result = subprocess.run([sys.executable, "-m", "kemi_cli", "build", "--out", str(root / "dist"), "--data", str(data), "--base-url", BASE_URL],
                            cwd=root, env=env, check=False, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    return data, root / "dist"


class _Links(HTMLParser):
    """Every link target (href, src) and every id of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()
        self.alternates: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])  # type: ignore[arg-type]
        for name in ("href", "src"):
            if found.get(name):
                self.targets.append(found[name])  # type: ignore[arg-type]
        if tag == "link" and found.get("rel") == "alternate" and found.get("hreflang"):
            self.alternates[found["hreflang"]] = found["href"]  # type: ignore[index,assignment]


def parse(page: Path) -> _Links:
    links = _Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def site_pages(dist: Path, lang: str) -> set[str]:
    return {str(p.relative_to(dist / lang)) for p in html_files(dist / lang)}


def test_both_languages_have_the_same_pages_for_everything_in_the_data(built: tuple[Path, Path]) -> None:
    data, dist = built
    workspace = load_workspace(data)
    expected = {"index.html", "goals/index.html", "kpis/index.html", "projects/index.html"}
    expected |= {f"goals/{g.id}.html" for g in workspace.strategy.goals}
    expected |= {f"objectives/{o.id}.html" for o in workspace.strategy.objectives}
    expected |= {f"kpis/{k.id}.html" for k in workspace.kpis}
    expected |= {f"projects/{project_id}.html" for project_id in workspace.projects}
    expected.add("reporting.html")
    filters = {p for p in site_pages(dist, "fi") if p.startswith("projects/filter/")}
    assert {"projects/filter/status-active.html", "projects/filter/sector-elinvoima.html"} <= filters
    expected |= filters
    for lang in LANGS:
        assert site_pages(dist, lang) == expected, lang


def test_every_link_and_anchor_resolves_inside_the_site(built: tuple[Path, Path]) -> None:
    """A small crawler: every href and src of every page is relative and names a file of the
    build (the canonical address aside, which names the page itself); a fragment names an id on
    the page it points to. Links out of the site (the accessibility statement's feedback and
    supervisory authority, from the data) are https, e-mail or telephone."""
    _, dist = built
    root = dist.resolve()
    parsed = {page.resolve(): parse(page) for page in html_files(dist)}
    assert len(parsed) > 100
    broken: list[str] = []
    for page, links in parsed.items():
        for target in links.targets:
            where = f"{page.relative_to(root)}: {target}"
            if target.startswith(BASE_URL + "/"):  # the canonical address, absolute as it must be
                path = (root / target.removeprefix(BASE_URL + "/")).resolve()
                if path != page:
                    broken.append(f"{where} is not the page's own address")
                continue
            parts = urlsplit(target)
            if parts.scheme in ("https", "mailto", "tel") and not target.startswith(BASE_URL):
                continue
            if parts.scheme or parts.netloc or target.startswith("/"):
                broken.append(f"{where} is not relative")
                continue
            path = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if root not in path.parents or not path.is_file():
                broken.append(f"{where} names no file of the site")
            elif parts.fragment and path in parsed and parts.fragment not in parsed[path].ids:
                broken.append(f"{where} names no anchor there")
    assert broken == []


def test_every_page_names_its_other_language(built: tuple[Path, Path]) -> None:
    _, dist = built
    for lang, other in (("fi", "en"), ("en", "fi")):
        for page in html_files(dist / lang):
            alternates = parse(page).alternates
            assert set(alternates) == {lang, other}, page
            assert (page.parent / alternates[other]).resolve() == (dist / other / page.relative_to(dist / lang)).resolve()
            assert (page.parent / alternates[lang]).resolve() == page.resolve()


def test_a_kpi_page_shows_its_figures_and_its_chart(built: tuple[Path, Path]) -> None:
    data, dist = built
    workspace = load_workspace(data)
    kpi = next(k for k in workspace.kpis if k.actuals)
    page = (dist / "fi" / "kpis" / f"{kpi.id}.html").read_text(encoding="utf-8")
    assert "<svg" in page and 'class="chart-data"' in page
    assert kpi.name.fi.replace("&", "&amp;") in page or kpi.id in page


def project_links(page: Path) -> set[str]:
    """The projects a list page lists: its links to project pages (not the filters)."""
    return {Path(t).stem for t in parse(page).targets if t.startswith("../") and "/filter/" not in t and t.endswith(".html")
            and Path(t).parent.name == "projects" and Path(t).name != "index.html"}


def test_project_filters_list_exactly_the_matching_projects(built: tuple[Path, Path]) -> None:
    """A filter is a page of its own (it works without JavaScript) listing the projects of one
    sector, goal or status, and the list page links every filter."""
    data, dist = built
    workspace = load_workspace(data)
    folder = dist / "en" / "projects" / "filter"
    by_sector = {pid for pid, project in workspace.projects.items() if "elinvoima" in project_sectors(workspace, project)}
    assert project_links(folder / "sector-elinvoima.html") == by_sector
    by_goal = {pid for pid, project in workspace.projects.items() if "viisas" in project.goals}
    assert project_links(folder / "goal-viisas.html") == by_goal
    active = project_links(folder / "status-active.html")
    assert "oulu_2026" in active and active < set(workspace.projects)
    everything = dist / "en" / "projects" / "index.html"
    assert project_links(everything) == set(workspace.projects)
    linked = {(everything.parent / target).resolve() for target in parse(everything).targets}
    assert {p.resolve() for p in folder.iterdir()} <= linked


def test_reporting_status_counts_the_kpis_with_a_value_for_the_period(built: tuple[Path, Path]) -> None:
    data, dist = built
    workspace = load_workspace(data)
    reported = sum(1 for kpi in workspace.kpis if any(a.period == "2026H1" and a.is_current for a in kpi.actuals))
    page = (dist / "en" / "reporting.html").read_text(encoding="utf-8")
    assert f"Of all indicators, {reported}/{len(workspace.kpis)} have been reported." in page
    assert reported > 0
    assert '<th scope="col">Goal or strategic objective</th>' in page  # the rows are of both kinds
    finnish = (dist / "fi" / "reporting.html").read_text(encoding="utf-8")
    assert '<th scope="col">Tavoite tai strateginen tavoite</th>' in finnish


def test_downloads_hold_every_kpi_and_name_nobody(built: tuple[Path, Path]) -> None:
    import json
    import zipfile

    from openpyxl import load_workbook

    data, dist = built
    workspace = load_workspace(data)
    index = json.loads((dist / "data.json").read_text(encoding="utf-8"))
    listed = {entry["path"] for entry in index["files"]}
    assert all((dist / path).is_file() for path in listed)
    for kpi in workspace.kpis:
        assert {f"data/kpis/{kpi.id}.csv", f"data/kpis/{kpi.id}.json"} <= listed
    assert {"data/kpis-all.csv", "data/kpis-all.json", "data/kpis-all-fi.csv", "data/kpis-all-en.xlsx"} <= listed
    residents = json.loads((dist / "data/kpis/asukkaat.json").read_text(encoding="utf-8"))
    assert [a["value"] for a in residents["actuals"]] == [19320, 19290, 19240, 19210]
    everything = json.loads((dist / "data/kpis-all.json").read_text(encoding="utf-8"))
    assert "recorded_by" not in everything["columns"] and len(everything["actuals"]) > 4
    excel = (dist / "data/kpis-all-fi.csv").read_text(encoding="utf-8-sig")
    assert ";" in excel.splitlines()[0] and "Kirjaaja" not in excel and "Tallentaja" not in excel
    workbook = load_workbook(dist / "data/kpis-all-en.xlsx")
    headers = [cell.value for sheet in workbook.worksheets for cell in sheet[1]]
    assert "Recorded" in headers and "Recorded by" not in headers and "Replaced by" not in headers
    # Reproducible: every time in the workbook is the build's (SOURCE_DATE_EPOCH 1785000000).
    with zipfile.ZipFile(dist / "data/kpis-all-en.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 7, 25, 17, 20, 0)}
        assert b"2026-07-25T17:20:00Z" in archive.read("docProps/core.xml")


def test_sitemap_robots_and_sharing_tags(built: tuple[Path, Path]) -> None:
    _, dist = built
    sitemap = (dist / "sitemap.xml").read_text(encoding="utf-8")
    pages = html_files(dist / "fi") + html_files(dist / "en")
    assert sitemap.count("<loc>") == len(pages)
    assert "<loc>https://example.org/strategia/en/kpis/asukkaat.html</loc>" in sitemap
    assert (dist / "robots.txt").read_text(encoding="utf-8").endswith("Sitemap: https://example.org/strategia/sitemap.xml\n")
    page = (dist / "en" / "kpis" / "asukkaat.html").read_text(encoding="utf-8")
    assert '<meta property="og:url" content="https://example.org/strategia/en/kpis/asukkaat.html">' in page
    assert '<meta name="description" content="Number of residents: definition' in page
    assert '<title>Number of residents – City of Kemi</title>' in page


@pytest.mark.slow
def test_every_site_page_passes_nu_axe_and_reflow(built: tuple[Path, Path]) -> None:
    require_tools()
    _, dist = built
    pages = html_files(dist / "fi") + html_files(dist / "en")
    assert page_problems(pages) == {}
