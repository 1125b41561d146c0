"""The documents name the publisher of the data's strategy (`strategy.publisher`), never a fixed one:
a new municipality's reports and site pages say who publishes them, and nothing says Kemi."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kemi_cli.load import load_file

EPOCH = "1785000000"
PUBLISHER = {"fi": "Tornion kaupunki", "en": "City of Tornio"}
TITLE = {"fi": "Tornion kaupunkistrategia", "en": "City of Tornio strategy"}
# Kemi, Kemin, Kemiä …; the tool's own name in the footer and the generator tag is lower-case.
KEMI = re.compile(r"\bKemi")


def kemi(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KEMI_TODAY": "2026-08-15", "SOURCE_DATE_EPOCH": EPOCH, "COLUMNS": "200", "NO_COLOR": "1"}
    env.pop("KEMI_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "kemi_cli", *args], cwd=cwd, env=env, check=False, capture_output=True, text=True, timeout=600
    )


def fill_in(strategy: Path, key: str, text: dict[str, str]) -> None:
    """Replace the skeleton's one-line TODO placeholder of `key`, as a user would in an editor."""
    source = strategy.read_text(encoding="utf-8")
    filled, count = re.subn(rf"(?m)^{key}: \{{.*\}}$", f"{key}: {{fi: {text['fi']}, en: {text['en']}}}", source)
    assert count == 1, f"no one-line '{key}:' in the skeleton"
    strategy.write_text(filled, encoding="utf-8")


@pytest.fixture(scope="module")
def tornio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder from `kemi init --city Tornio` with its publisher and title filled in."""
    root = tmp_path_factory.mktemp("tornio")
    assert kemi("init", "tornio", "--city", "Tornio", cwd=root).returncode == 0
    fill_in(root / "tornio" / "strategy.yaml", "publisher", PUBLISHER)
    fill_in(root / "tornio" / "strategy.yaml", "title", TITLE)
    validated = kemi("validate", "--data", "tornio", cwd=root)
    assert validated.returncode == 0, validated.stderr
    return root


def test_the_skeleton_asks_for_the_publisher(run_kemi: Callable, tmp_path: Path) -> None:
    assert run_kemi("init", "pello", "--city", "Pello", cwd=tmp_path).returncode == 0
    publisher = load_file(tmp_path / "pello" / "strategy.yaml").data["publisher"]
    # Not filled in from --city: Pello is a municipality (Pellon kunta), not a city.
    assert publisher == {"fi": "TODO: julkaisija, esim. Tornion kaupunki", "en": "TODO: the publisher, e.g. City of Tornio"}
    # A placeholder is valid text, like every other TODO of the skeleton: no error, no warning about it.
    validated = run_kemi("validate", "--data", "pello", cwd=tmp_path)
    assert validated.returncode == 0, validated.stderr
    assert "publisher" not in validated.stderr


def test_data_without_a_publisher_is_refused_in_one_line(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    strategy = data_dir / "strategy.yaml"
    source = strategy.read_text(encoding="utf-8")
    assert "\npublisher: {fi: Kemin kaupunki, en: City of Kemi}\n" in source
    strategy.write_text(source.replace("\npublisher: {fi: Kemin kaupunki, en: City of Kemi}\n", "\n"), encoding="utf-8")
    before = strategy.read_bytes()
    mapping_line = next(n for n, line in enumerate(before.decode().splitlines(), 1) if line.startswith("city:"))

    validated = run_kemi("validate", "-q", "--data", str(data_dir))
    assert validated.returncode == 1
    assert f"strategy.yaml:{mapping_line}:1: error: missing required key 'publisher'" in validated.stderr
    assert "Traceback" not in validated.stderr

    report = run_kemi("report", "strategy", "--data", str(data_dir), "-o", str(tmp_path / "strategy.html"))
    assert report.returncode == 1
    assert "missing required key 'publisher'" in report.stderr and "Traceback" not in report.stderr
    assert not (tmp_path / "strategy.html").exists()
    assert strategy.read_bytes() == before


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fi", "en", "both"])
def test_reports_name_the_publisher_of_the_data(tornio: Path, lang: str) -> None:
    from pypdf import PdfReader

    langs = ["fi", "en"] if lang == "both" else [lang]
    out = tornio / f"out-{lang}"
    for fmt in ("md", "html", "pdf"):
        result = kemi("report", "half-year", "--period", "2026H1", "--lang", lang, "--data", "tornio", "-o", str(out / f"hy.{fmt}"), cwd=tornio)
        assert result.returncode == 0, result.stderr

    html = (out / "hy.html").read_text(encoding="utf-8")
    assert f'<meta name="author" content="{PUBLISHER[langs[0]]}">' in html
    assert f"<title>{PUBLISHER[langs[0]]}: " in html
    for code in langs:
        assert f'<div class="part part-{code}" lang="{code}">\n<header class="cover">\n  <p class="cover-org">{PUBLISHER[code]}</p>' in html  # the cover
        assert re.search(rf'<p lang="{code}">{PUBLISHER[code]} · [^<]+ · kemi ', html)  # the footer
    assert not KEMI.findall(html)

    markdown = (out / "hy.md").read_text(encoding="utf-8")
    for code in langs:
        assert f"\n{PUBLISHER[code]}\n" in markdown  # under the title
        assert re.search(rf"\n{PUBLISHER[code]} · .+ · kemi ", markdown)  # the footer
    assert not KEMI.findall(markdown)

    reader = PdfReader(out / "hy.pdf")
    assert reader.metadata["/Author"] == PUBLISHER[langs[0]]
    assert str(reader.metadata["/Title"]).startswith(f"{PUBLISHER[langs[0]]}: ")
    text = " ".join(page.extract_text() for page in reader.pages)
    assert all(f"{PUBLISHER[code]}\n" in text for code in langs)  # on each part's cover
    assert not KEMI.findall(text) and not KEMI.findall(str(reader.metadata))


def assert_site_pages_name(site: Path, title: dict[str, str], publisher: dict[str, str]) -> None:
    """The index and the accessibility statement of a built site say whose strategy it is and who
    publishes it, in their own sentences, on the cover, in the footer and as the author."""
    statement = (site / "saavutettavuusseloste.html").read_text(encoding="utf-8")
    assert f"koskee tämän sivuston julkaisuja: {title['fi']}, sen seurantaraportit ja mittaritiedot." in statement
    assert f"covers the publications on this site: {title['en']}, its follow-up reports and indicator data." in statement
    assert f"Julkaisija on {publisher['fi']}. Julkaisijan palautekanavaa" in statement  # none in the data yet
    assert f"Publisher: {publisher['en']}. The publisher" in statement
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f"<p>{title['fi']}, sen seurantaraportit ja mittaritiedot." in index
    assert f"<p>{title['en']}, its follow-up reports and indicator data." in index
    for page in (statement, index):
        assert f'<meta name="author" content="{publisher["fi"]}">' in page
        for lang in ("fi", "en"):  # each language's part names the publisher on its cover
            assert f'<div class="part part-{lang}" lang="{lang}">\n<header class="cover">\n  <p class="cover-org">{publisher[lang]}</p>' in page
        assert f'<p lang="fi">{publisher["fi"]} · ' in page and f'<p lang="en">{publisher["en"]} · ' in page


@pytest.mark.slow
def test_site_pages_name_the_publisher_and_the_strategy(tornio: Path) -> None:
    from pypdf import PdfReader

    built = kemi("build", "--data", "tornio", "--out", "dist", cwd=tornio)
    assert built.returncode == 0, built.stderr
    site = tornio / "dist"
    assert_site_pages_name(site, TITLE, PUBLISHER)
    for document in sorted(site.rglob("*.html")):
        assert not KEMI.findall(document.read_text(encoding="utf-8")), document.name
    assert PdfReader(site / "strategy-en.pdf").metadata["/Author"] == "City of Tornio"
