"""`kemi build`: the whole published site from the data, refused for invalid data."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .test_publisher import assert_site_pages_name
from .test_report_fixtures import SYNTHETIC, synthetic_copy

EPOCH = "1785000000"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    data = synthetic_copy(root)
    env = {**os.environ, "KEMI_TODAY": "2026-08-15", "SOURCE_DATE_EPOCH": EPOCH, "COLUMNS": "120"}
    result = subprocess.run(
        [sys.executable, "-m", "kemi_cli", "build", "--data", str(data), "--out", str(root / "dist")],
        cwd=root, env=env, check=False, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"built \d+ files into dist in \d+\.\d s\n", result.stdout), result.stdout
    return root / "dist"


@pytest.mark.slow
def test_build_publishes_every_document(site: Path) -> None:
    for name in ("strategy", "half-year-2026H1", "annual-2025", "project-all"):
        for lang in ("fi", "en"):
            for fmt in ("html", "pdf"):
                assert (site / f"{name}-{lang}.{fmt}").stat().st_size > 1000, f"{name}-{lang}.{fmt}"
    cards = sorted(p.name for p in (site / "projects").iterdir())
    assert len(cards) == 25 * 2 and "project-oulu_2026-fi.html" in cards
    for name in ("index.html", "saavutettavuusseloste.html", "kpis.csv", "kpis.json"):
        assert (site / name).is_file(), name


@pytest.mark.slow
def test_index_links_everything_in_both_languages(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"#]+)', index))
    published = {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file() and p.parts[len(site.parts)] != "assets"}
    published -= {"index.html"}
    # The site's own pages and data are reached from its home page in each language (tests/test_site.py).
    published = {p for p in published if p.split("/")[0] not in ("fi", "en", "data")} | {"fi/index.html", "en/index.html"}
    published -= {"data.json", "robots.txt"}
    # Without --base-url no sitemap: the protocol wants absolute addresses.
    assert not (site / "sitemap.xml").exists()
    assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    assert links == published
    finnish, english = index.split('<div class="part part-en" lang="en">')
    assert '<div class="part part-fi" lang="fi">' in finnish
    assert '<section class="section section-site_reviews"' in finnish and '<section class="section section-site_reviews"' in english
    assert ">Puolivuotiskatsaus 1–6/2026</a>" in index and ">Half-year review H1 2026</a>" in index
    statement = (site / "saavutettavuusseloste.html").read_text(encoding="utf-8")
    assert "Saavutettavuusseloste" in statement and "Accessibility statement" in statement
    assert "WCAG 2.1" in statement


@pytest.mark.slow
def test_every_page_links_the_accessibility_statement(site: Path) -> None:
    statement = site / "saavutettavuusseloste.html"
    for page in site.rglob("*.html"):
        target = Path(os.path.relpath(statement, page.parent)).as_posix()
        footer = re.split(r'<footer class="(?:doc|site)-footer">', page.read_text(encoding="utf-8"))[1]
        assert f'href="{target}"' in footer, page


@pytest.mark.slow
def test_site_pages_name_kemi_as_the_publisher(site: Path) -> None:
    assert_site_pages_name(
        site,
        title={"fi": "Kemin kaupungin strategia", "en": "City of Kemi strategy"},
        publisher={"fi": "Kemin kaupunki", "en": "City of Kemi"},
    )


@pytest.mark.slow
def test_kpi_data_as_csv_and_json(site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "kpis.csv").read_text(encoding="utf-8"))))
    residents = [r for r in rows if r["kpi"] == "asukkaat"]
    assert [(r["period"], r["value"]) for r in residents] == [("2024", "19320"), ("2025H1", "19290"), ("2025", "19240"), ("2026H1", "19210")]
    assert residents[0]["status"] == "at_risk" and residents[0]["source"] == SYNTHETIC
    assert [r["period"] for r in rows if r["kpi"] == "yopymiset"] == [""]
    data = json.loads((site / "kpis.json").read_text(encoding="utf-8"))
    assert data["status_period"] == "2026H1" and len(data["kpis"]) == 22
    unemployment = next(k for k in data["kpis"] if k["kpi"] == "tyottomyysaste")
    assert unemployment["status"] == "off_track" and unemployment["actuals"][-1]["forecast"] == 14.2


@pytest.mark.slow
def test_build_pdfs_carry_metadata(site: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(site / "strategy-en.pdf")
    assert reader.metadata["/Title"] == "City of Kemi: City of Kemi strategy"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Empowering Sea City Kemi" in text and "€18.9 million" in text


def test_build_refuses_invalid_data(run_kemi, data_dir: Path, tmp_path: Path) -> None:
    strategy = data_dir / "strategy.yaml"
    strategy.write_text(strategy.read_text(encoding="utf-8").replace("  start: 2024\n", "  start: soon\n", 1), encoding="utf-8")
    result = run_kemi("build", "--data", str(data_dir), "--out", str(tmp_path / "dist"))
    assert result.returncode == 1
    assert "strategy.yaml:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "dist").exists()


def test_build_time_is_the_last_commit_even_when_dirty_and_asks_git_once(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kemi_cli.report import provenance
    from kemi_cli.report.build import build_time

    committed = 1780000000
    git_env = {**os.environ, "GIT_AUTHOR_DATE": f"@{committed} +0000", "GIT_COMMITTER_DATE": f"@{committed} +0000"}
    for args in (("init", "-q"), ("add", "."), ("-c", "user.name=Testi", "-c", "user.email=testi@example.invalid", "commit", "-q", "-m", "data")):
        subprocess.run(["git", "-C", str(data_dir), *args], env=git_env, check=True, capture_output=True)
    kpis = data_dir / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    for path in provenance.data_files(data_dir):
        os.utime(path, (committed, committed))
    os.utime(kpis, (committed + 5000, committed + 5000))  # changed after the commit, not yet committed

    calls: list[tuple[str, ...]] = []
    real_git = provenance._git
    monkeypatch.setattr(provenance, "_git", lambda folder, *args: calls.append(args) or real_git(folder, *args))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)

    built = build_time(data_dir)
    assert built.dirty and built.generated_at.timestamp() == committed
    assert built.data_time.timestamp() == committed + 5000
    assert [args[0] for args in calls] == ["log", "status"]  # one commit look-up for the whole build
    # a single report is dated at the data's own time, the uncommitted change included
    assert provenance.data_provenance(data_dir).generated_at.timestamp() == committed + 5000
