"""Every HTML page kemi writes, in a real browser and the Nu Html Checker (tests/web_checks.py):
valid HTML, no axe-core violation (WCAG 2.1 A/AA and scrollable-region-focusable) at 320, 390,
768 and 1280 px, no sideways scrolling at any of them, and the shipped typeface loaded. Checked
on every page of `kemi build` (every report kind in Finnish and in English, each project card,
the index and the accessibility statement) and on every report kind in both languages, all
rendered from the shipped data with synthetic actuals and project updates for two half-years
(hostile names included). The documents are rendered once for the module, and all pages are
checked in one Java and one node process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SHIPPED_DATA
from .test_report_fixtures import make_synthetic_workspace
from .web_checks import browser_problems, html_files, nu_errors, page_problems, require_tools

REPORTS = {
    "half-year": ["half-year", "--period", "2026H1"],
    "annual": ["annual", "--year", "2025"],
    "project": ["project", "--all", "--period", "2026H1"],
    "strategy": ["strategy"],
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`kemi build` under dist/ (the reports of the same periods, in fi and en), and every report
    kind in both languages (HTML) under reports/."""
    import shutil

    require_tools()
    root = tmp_path_factory.mktemp("published")
    data = root / "data"
    shutil.copytree(SHIPPED_DATA, data, ignore=shutil.ignore_patterns(".*.lock", ".*.kemi-tmp"))
    make_synthetic_workspace(data, hostile=True)
    env = {**os.environ, "KEMI_TODAY": "2026-08-15", "SOURCE_DATE_EPOCH": "1785000000"}

    def kemi(*args: str) -> None:
        result = subprocess.run([sys.executable, "-m", "kemi_cli", *args, "--data", str(data)],
                                cwd=root, env=env, check=False, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stderr

    for report, args in REPORTS.items():
        kemi("report", *args, "--lang", "both", "-o", str(root / "reports" / f"{report}-both.html"))
    kemi("build", "--out", str(root / "dist"))
    return root


@pytest.mark.slow
def test_every_published_page_passes_nu_axe_and_reflow(published: Path) -> None:
    reports = html_files(published / "reports")
    # The site's pages per goal, indicator and project have their own module (tests/test_site.py).
    site = [p for p in html_files(published / "dist") if p.relative_to(published / "dist").parts[0] not in ("fi", "en")]
    assert len(reports) == len(REPORTS)
    kinds = {"half-year-2026H1", "annual-2025", "project-all", "strategy"}
    assert {f"{kind}-{lang}.html" for kind in kinds for lang in ("fi", "en")} <= {p.name for p in site}
    assert len(site) == 2 + 4 * 2 + 25 * 2  # index, statement; four documents and the cards, fi and en
    assert page_problems(reports + site) == {}


BROKEN_PAGE = """<!DOCTYPE html>
<html lang="fi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Rikki</title><style>@font-face { font-family: Inter; src: url("assets/fonts/none.otf"); }
body { font-family: Inter; } .wide { overflow-x: auto; }</style></head>
<body><main><h1>Otsikko</h1><h3>Hyppää tason yli</h3>
<table><tr><th colspan="3">Kolme</th></tr><tr><td>1</td><td>2</td></tr></table>
<div class="wide"><p style="width: 900px">Vaakasuunnassa vieritettävä alue, johon näppäimistö ei pääse.</p></div>
<p style="width: 600px">Liian leveä teksti vie sivun ruudun ulkopuolelle.</p>
<img src="https://example.org/x.png" alt="Ulkoinen kuva">
</main></body></html>
"""


@pytest.mark.slow
def test_the_checks_find_what_they_look_for(tmp_path: Path) -> None:
    """A page with each fault the checks look for: each one is reported (the checks can fail)."""
    require_tools()
    page = tmp_path / "broken.html"
    page.write_text(BROKEN_PAGE, encoding="utf-8")
    nu = " ".join(nu_errors([page])[str(page)])
    assert "column" in nu  # the row spans 3 columns in a 2-column table
    found = " ".join(browser_problems([page], widths=(320,))[str(page)])
    for expected in ("scrollable-region-focusable", "reflow", "font", "external-request"):
        assert f": {expected}:" in found, (expected, found)
