"""The public site `kemi build` writes: a page per goal, objective, indicator and project in
Finnish and in English around the published reports. Built once for the module from the shipped
data with synthetic actuals and project updates (hostile names included), then checked as it is
published: every page valid and accessible in a real browser (tests/web_checks.py), every link
and anchor resolving inside the built folder, both languages with the same pages."""

from __future__ import annotations

import contextlib
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from kemi_cli.overview import project_sectors
from kemi_cli.site.search import UNUSED
from kemi_cli.validate import load_workspace

from .conftest import SHIPPED_DATA, tree_hashes
from .test_report_fixtures import make_synthetic_workspace
from .web_checks import html_files, page_problems, require_tools, search_in_browser

LANGS = ("fi", "en")
BASE_URL = "https://example.org/strategia"


def kemi_build(data: Path, out: Path, *options: str, python: tuple[str, ...] = (sys.executable, "-m", "kemi_cli"),
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`kemi build` of `data` into `out` as the module's site is built (the same day and time)."""
    environment = {**os.environ, "KEMI_TODAY": "2026-08-15", "SOURCE_DATE_EPOCH": "1785000000", **(env or {})}
    return subprocess.run([*python, "build", "--out", str(out), "--data", str(data), *options],
                          cwd=out.parent, env=environment, check=False, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the data folder, the site `kemi build` wrote from it)."""
    root = tmp_path_factory.mktemp("site")
    data = root / "data"
    shutil.copytree(SHIPPED_DATA, data, ignore=shutil.ignore_patterns(".*.lock", ".*.kemi-tmp"))
    make_synthetic_workspace(data, hostile=True)
    result = kemi_build(data, root / "dist", "--base-url", BASE_URL)
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
    expected |= {"reporting.html", "search.html"}
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


def searchable_pages(dist: Path, lang: str) -> set[str]:
    """The pages of one language the search indexes: all but the search page and the filters."""
    return {p for p in site_pages(dist, lang) if p != "search.html" and not p.startswith("projects/filter/")}


def index_fragments(dist: Path) -> dict[str, dict[str, Any]]:
    """Every page the search index holds, by its address: Pagefind's fragment files, each a
    gzip of a signature and the page's JSON (its url, the text indexed, its title)."""
    fragments = {}
    for path in (dist / "pagefind" / "fragment").iterdir():
        raw = gzip.decompress(path.read_bytes())
        page = json.loads(raw[raw.index(b"{"):])
        fragments[page["url"]] = page
    return fragments


def test_the_search_index_holds_every_page_of_both_languages_and_only_their_content(built: tuple[Path, Path]) -> None:
    data, dist = built
    entry = json.loads((dist / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en", "fi"]
    fragments = index_fragments(dist)
    for lang in LANGS:
        expected = searchable_pages(dist, lang)
        assert entry["languages"][lang]["page_count"] == len(expected)
        assert {url.removeprefix(f"/{lang}/") for url in fragments if url.startswith(f"/{lang}/")} == expected
    assert all(url.startswith(("/fi/", "/en/")) for url in fragments)
    # Only what the search pages load: none of Pagefind's own interfaces.
    assert not {path.name for path in (dist / "pagefind").iterdir()} & UNUSED
    assert (dist / "pagefind" / "pagefind.js").is_file()
    # The main content only: not the header's navigation, the breadcrumbs or the footer.
    workspace = load_workspace(data)
    kpi = next(k for k in workspace.kpis if k.data_source)
    page = fragments[f"/fi/kpis/{kpi.id}.html"]
    assert page["meta"]["title"] == kpi.name.fi
    assert "Raportoinnin tila" not in page["content"] and "Aineiston päiväys" not in page["content"] and "Murupolku" not in page["content"]
    # A term and its definition are separate words, so the definition is found on its own.
    assert f"Tietolähde {kpi.data_source.fi}" in page["content"]


def test_two_builds_of_the_same_data_are_the_same_bytes(built: tuple[Path, Path], tmp_path: Path) -> None:
    """Every file, the search index included (Pagefind lists the languages in a different order
    from run to run; kemi puts them in order)."""
    data, dist = built
    again = tmp_path / "again"
    result = kemi_build(data, again, "--base-url", BASE_URL)
    assert result.returncode == 0, result.stderr
    first, second = tree_hashes(dist), tree_hashes(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert any(name.startswith("pagefind/fragment/") for name in first)

    # Built once more over itself, the cache aside: every file, the index's too, has the same
    # bytes and is left as it was; what an earlier index had and this one lacks is removed.
    stale = again / "pagefind" / "fragment" / "stale.pf_fragment"
    stale.write_bytes(b"an earlier build's fragment")
    rebuilt = kemi_build(data, again, "--base-url", BASE_URL, "--no-cache", env={"KEMI_LANG": "en"})
    assert rebuilt.returncode == 0, rebuilt.stderr
    count = len(first)
    assert re.fullmatch(rf"built {count} files into again in \d+\.\d s \({count} unchanged\)\n", rebuilt.stdout), rebuilt.stdout
    assert not stale.exists() and tree_hashes(again) == second


def test_a_build_without_the_pagefind_program_stops_before_writing(tmp_path: Path) -> None:
    """Without the program (its package not importable, none on PATH) the build says in one
    line what to do and writes nothing; --no-search builds the site without the index."""
    without_pagefind = (sys.executable, "-c", ("import sys; sys.modules['pagefind_bin'] = None; "
                                               "sys.argv[0] = 'kemi'; from kemi_cli.cli import main; main()"))
    bare_path = {"PATH": "/usr/bin:/bin", "PAGEFIND_BINARY_PATH": ""}
    out = tmp_path / "dist"
    refused = kemi_build(SHIPPED_DATA, out, python=without_pagefind, env=bare_path)
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "no Pagefind program" in refused.stderr and "--no-search" in refused.stderr
    assert not out.exists()
    named = kemi_build(SHIPPED_DATA, out, env={"PAGEFIND_BINARY_PATH": str(tmp_path / "nowhere")})
    assert named.returncode == 1 and named.stderr.count("\n") == 1
    assert f"PAGEFIND_BINARY_PATH={tmp_path / 'nowhere'}: no such program" in named.stderr
    in_finnish = kemi_build(SHIPPED_DATA, out, env={"PAGEFIND_BINARY_PATH": str(tmp_path / "nowhere"), "KEMI_LANG": "fi"})
    assert in_finnish.returncode == 1 and in_finnish.stderr.startswith(
        f"virhe: PAGEFIND_BINARY_PATH={tmp_path / 'nowhere'}: ohjelmaa ei ole; sivuston hakuun ei ole Pagefind-ohjelmaa: "
    )
    assert not out.exists()
    plain = kemi_build(SHIPPED_DATA, out, "--no-search", python=without_pagefind, env=bare_path)
    assert plain.returncode == 0, plain.stderr
    assert (out / "fi" / "search.html").is_file() and not (out / "pagefind").exists()


def test_a_file_where_the_search_index_goes_stops_the_build_before_it_writes(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    (out / "pagefind").write_text("not an index\n", encoding="utf-8")
    before = tree_hashes(out)
    refused = kemi_build(SHIPPED_DATA, out)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "dist/pagefind: not a folder" in refused.stderr
    assert tree_hashes(out) == before


def test_every_page_links_the_search_page_which_without_javascript_points_to_the_lists(built: tuple[Path, Path]) -> None:
    _, dist = built
    for lang in LANGS:
        search = (dist / lang / "search.html").resolve()
        for page in html_files(dist / lang):
            assert search in {(page.parent / target).resolve() for target in parse(page).targets}, page
    page = (dist / "fi" / "search.html").read_text(encoding="utf-8")
    assert "Se edellyttää, että selaimessa on JavaScript käytössä" in page
    assert '<form class="search-form" role="search" hidden>' in page
    assert {"kpis/index.html", "projects/index.html"} <= {t.removeprefix("../fi/") for t in parse(dist / "fi" / "search.html").targets}
    assert "data-pagefind-body" not in page


@contextlib.contextmanager
def served(dist: Path, sub_path: str) -> Iterator[str]:
    """The site served over http at http://127.0.0.1:<port>/<sub_path>/, as a city serves it."""
    root = dist.parent / "served"
    root.mkdir(exist_ok=True)
    (root / sub_path).unlink(missing_ok=True)
    (root / sub_path).symlink_to(dist, target_is_directory=True)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{sub_path}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_search_finds_a_finnish_and_an_english_word_from_a_sub_path(built: tuple[Path, Path]) -> None:
    """A real search in Chromium on each language's search page: the indicator whose name holds
    the word is found, every result is a page of that language under the sub-path, and the page
    with its results passes axe-core and reflow at every width."""
    require_tools()
    data, dist = built
    kpi = next(k for k in load_workspace(data).kpis if k.id == "asukkaat")
    with served(dist, "strategia") as site:
        for lang in LANGS:
            word = max(getattr(kpi.name, lang).split(), key=len)
            shown = search_in_browser(f"{site}{lang}/search.html", word)
            hrefs = [result["href"] for result in shown["results"]]
            assert f"{site}{lang}/kpis/{kpi.id}.html" in hrefs, (word, shown)
            assert all(href.startswith(f"{site}{lang}/") for href in hrefs)
            assert not shown["unavailable"] and shown["problems"] == []
            assert str(len(hrefs)) in shown["status"] and word in shown["status"]
