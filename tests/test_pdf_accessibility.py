"""Every PDF kind read back with pikepdf (tests/pdf_checks.py), independent of WeasyPrint: tagged,
every chart a /Figure with its text alternative as /Alt, each language's part marked with its
/Lang, headings nested, tables with header cells, fonts embedded, the title shown, no blank page;
the archival variant tagged too and declaring PDF/A-3a and PDF/UA-1. Rendered once for the
module from the shipped data with synthetic actuals and project updates (generated test content)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from kemi_cli.report import ARCHIVAL_PDF_VARIANT

from .conftest import SHIPPED_DATA
from .pdf_checks import read_pdf
from .test_report_fixtures import make_synthetic_workspace

# name: (report arguments, languages)
DOCUMENTS = {
    "half-year-both": (["half-year", "--period", "2026H1", "--lang", "both"], {"fi", "en"}),
    "annual-fi": (["annual", "--year", "2025", "--lang", "fi"], {"fi"}),
    "cards-en": (["project", "--all", "--period", "2026H1", "--lang", "en"], {"en"}),
    "card-fi": (["project", "oulu_2026", "--period", "2026H1", "--lang", "fi"], {"fi"}),
    "strategy-both": (["strategy", "--lang", "both"], {"fi", "en"}),
    "archival-fi": (["half-year", "--period", "2026H1", "--lang", "fi", "--pdf-variant", ARCHIVAL_PDF_VARIANT], {"fi"}),
}
CHARTED = {"half-year-both": 12, "annual-fi": 6, "archival-fi": 6}  # the synthetic actuals' KPIs, per language


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pdfs")
    data = root / "data"
    shutil.copytree(SHIPPED_DATA, data, ignore=shutil.ignore_patterns(".*.lock", ".*.kemi-tmp"))
    make_synthetic_workspace(data)
    env = {**os.environ, "KEMI_TODAY": "2026-08-15", "SOURCE_DATE_EPOCH": "1785000000"}
    for name, (args, _langs) in DOCUMENTS.items():
        result = subprocess.run(
            [sys.executable, "-m", "kemi_cli", "report", *args, "--data", str(data), "-o", str(root / f"{name}.pdf")],
            cwd=root, env=env, check=False, capture_output=True, text=True, timeout=600,
        )
        assert result.returncode == 0, result.stderr
    return root


@pytest.mark.slow
@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_pdf_kind_meets_the_checkable_pdf_ua_rules(pdfs: Path, name: str) -> None:
    findings = read_pdf(pdfs / f"{name}.pdf")
    assert findings.problems() == []
    langs = DOCUMENTS[name][1]
    assert set(findings.langs) == langs  # every heading in a marked language, each part's own
    assert findings.catalog_lang == ("fi" if "fi" in langs else "en")
    assert findings.figures == CHARTED.get(name, findings.figures)
    assert findings.figures_without_alt == 0
    assert all(alt.startswith(("Kaavio:", "Chart:")) for alt in findings.alts)
    assert findings.tables > 0


@pytest.mark.slow
def test_a_bilingual_pdf_keeps_its_languages_apart(pdfs: Path) -> None:
    """One Finnish part, then one English part: each marked in the structure with its /Lang, each
    with its own bookmarks (its title over its numbered sections), never interleaved."""
    findings = read_pdf(pdfs / "half-year-both.pdf")
    assert findings.langs["fi"] and findings.langs["en"]
    english_alts = [alt for alt in findings.alts if alt.startswith("Chart:")]
    assert len(english_alts) == len(findings.alts) // 2
    with pikepdf.open(pdfs / "half-year-both.pdf") as pdf:
        parts = [(str(e.get("/Lang")), e) for e in structure(pdf.Root.StructTreeRoot) if "/Lang" in e and str(e.S) == "/Div"]
        # A part runs over pages, one /Div of it per page: every Finnish one before every English one.
        langs = [lang for lang, _ in parts]
        finnish_pages = langs.count("fi")
        assert 0 < finnish_pages < len(langs) and langs == ["fi"] * finnish_pages + ["en"] * (len(langs) - finnish_pages)
        for lang, part in parts:  # nothing inside a part says otherwise (no English in the Finnish part)
            assert {str(e.get("/Lang", lang)) for e in structure(part)} == {lang}
        with pdf.open_outline() as outline:
            tree = [(str(item.title), [str(child.title) for child in item.children]) for item in outline.root]
    assert [title for title, _ in tree] == ["Puolivuotiskatsaus 1–6/2026", "Half-year review H1 2026"]
    (_, finnish), (_, english) = tree
    assert finnish[:3] == ["Sisällys", "1 Yhteenveto", "2 Keskeiset mittarit"] and finnish[-1] == "7 Tietojen alkuperä"
    assert english[:3] == ["Contents", "1 Summary", "2 Key indicators"] and english[-1] == "7 Where the figures come from"
    # The English part's cover is a page of its own, with no running header from the Finnish part.
    pages = [page.extract_text() for page in PdfReader(pdfs / "half-year-both.pdf").pages]
    cover = next(text for text in pages if "Contents" in text)
    assert "Half-year review H1 2026" in cover and "Tietojen alkuperä" not in cover and "Yhteenveto" not in cover


def structure(node: pikepdf.Object) -> list[pikepdf.Dictionary]:
    """Every structure element below `node`, in document order."""
    found = []
    kids = node.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]) if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            found += structure(kid)
    return found


@pytest.mark.slow
def test_a_finnish_text_awaiting_translation_is_marked_finnish_in_an_english_pdf(tmp_path: Path) -> None:
    """The HTML shows it as <span lang="fi">; the PDF's structure carries /Lang fi on it."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data, ignore=shutil.ignore_patterns(".*.lock", ".*.kemi-tmp"))
    env = {**os.environ, "KEMI_TODAY": "2026-08-15", "SOURCE_DATE_EPOCH": "1785000000"}

    def kemi(*args: str) -> None:
        result = subprocess.run([sys.executable, "-m", "kemi_cli", *args, "--data", str(data)], cwd=tmp_path, env=env,
                                check=False, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr

    def finnish_elements(pdf_file: Path) -> list[str]:
        with pikepdf.open(pdf_file) as pdf:
            assert str(pdf.Root.Lang) == "en"
            return [str(e.S) for e in structure(pdf.Root.StructTreeRoot) if str(e.get("/Lang", "")) == "fi"]

    kemi("report", "half-year", "--period", "2026H1", "--lang", "en", "-o", str(tmp_path / "before.pdf"))
    assert finnish_elements(tmp_path / "before.pdf") == []
    kemi("project", "update", "uimahalli", "--period", "2026H1", "--status", "active",
         "--text-fi", "Suunnittelu etenee aikataulussa.", "--by", "testi")
    kemi("report", "half-year", "--period", "2026H1", "--lang", "en", "-o", str(tmp_path / "after.pdf"))
    kemi("report", "half-year", "--period", "2026H1", "--lang", "en", "-o", str(tmp_path / "after.html"))
    assert (tmp_path / "after.html").read_text().count('<span lang="fi">Suunnittelu etenee aikataulussa.</span>') == 1
    assert finnish_elements(tmp_path / "after.pdf") == ["/Span"]
    text = subprocess.run(["pdftotext", str(tmp_path / "after.pdf"), "-"], check=True, capture_output=True, text=True).stdout
    assert "Suunnittelu etenee aikataulussa. (in Finnish)" in " ".join(text.split())


@pytest.mark.slow
def test_the_archival_pdf_is_tagged_and_declares_pdf_a_and_pdf_ua(pdfs: Path) -> None:
    findings = read_pdf(pdfs / "archival-fi.pdf")
    assert findings.tagged and findings.figures == 6 and findings.figures_without_alt == 0
    assert findings.identification == {"pdfaid:part": "3", "pdfaid:conformance": "A", "pdfuaid:part": "1"}
    assert read_pdf(pdfs / "annual-fi.pdf").identification == {"pdfuaid:part": "1"}


@pytest.mark.slow
def test_a_project_card_starts_on_the_page_of_its_heading(pdfs: Path) -> None:
    pages = [page.extract_text() for page in PdfReader(pdfs / "card-fi.pdf").pages]
    heading_page = next(text for text in pages if text.split("\n")[0].endswith("Projektikortti"))
    assert "Lopputulema" in heading_page


@pytest.mark.slow
def test_a_charts_alt_tells_whole_years_from_half_years(pdfs: Path) -> None:
    alts = read_pdf(pdfs / "annual-fi.pdf").alts
    residents = next(alt for alt in alts if alt.startswith("Kaavio: Asukkaiden määrä."))
    assert "Vuosi- ja puolivuotistoteumat: 2024 (koko vuosi): " in residents
    assert "1–6/2025 (puolivuosi): " in residents and "2025 (koko vuosi): " in residents
