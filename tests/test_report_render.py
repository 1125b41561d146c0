"""`kemi report …`: every report in every language and format, read back and checked."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from .test_report_fixtures import SYNTHETIC, make_synthetic_workspace

REPORTS = {
    "half-year": ["half-year", "--period", "2026H1"],
    "annual": ["annual", "--year", "2025"],
    "project": ["project", "--all", "--period", "2026H1"],
    "strategy": ["strategy"],
}
TITLES = {
    ("half-year", "fi"): "Puolivuotiskatsaus 1–6/2026",
    ("half-year", "en"): "Half-year review H1 2026",
    ("annual", "fi"): "Tilinpäätös 2025: strategian toteutuminen",
    ("annual", "en"): "Financial statements 2025: strategy implementation",
    ("project", "fi"): "Projektikortit",
    ("project", "en"): "Project cards",
    ("strategy", "fi"): "Kemin kaupungin strategia",
    ("strategy", "en"): "City of Kemi strategy",
}
EPOCH = "1785000000"  # 2026-07-25 UTC


@pytest.fixture
def synthetic(data_dir: Path) -> Path:
    return make_synthetic_workspace(data_dir)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEMI_TODAY", "2026-08-15")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def langs_of(choice: str) -> list[str]:
    return ["fi", "en"] if choice == "both" else [choice]


def run_report(cli, data: Path, report: str, lang: str, output: Path, *extra: str):  # type: ignore[no-untyped-def]
    result = cli("report", *REPORTS[report], "--lang", lang, "--data", str(data), "-o", str(output), *extra)
    assert result.exit_code == 0, result.output
    return result


def pdf_text(path: Path) -> tuple[str, dict[str, object], object]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return text, dict(reader.metadata or {}), reader


@pytest.mark.slow
@pytest.mark.parametrize("report", list(REPORTS))
@pytest.mark.parametrize("lang", ["fi", "en", "both"])
def test_every_report_in_every_format(cli, env, synthetic: Path, tmp_path: Path, report: str, lang: str) -> None:
    out = tmp_path / "out"
    for fmt in ("md", "html", "pdf"):
        run_report(cli, synthetic, report, lang, out / f"{report}-{lang}.{fmt}")

    md = (out / f"{report}-{lang}.md").read_text(encoding="utf-8")
    html = (out / f"{report}-{lang}.html").read_text(encoding="utf-8")
    text, metadata, reader = pdf_text(out / f"{report}-{lang}.pdf")
    for code in langs_of(lang):
        title = TITLES[(report, code)]
        assert f"# {title}" in md.splitlines()
        part = rf'<div class="part part-{code}" lang="{code}">\s*<header class="cover">\s*<p class="cover-org">[^<]+</p>\s*'
        assert re.search(part + rf'<h1 id="{code}-title" data-running="{re.escape(title)}">{re.escape(title)}</h1>', html)
        assert title in " ".join(text.split())
        assert title in str(metadata["/Title"])
    assert html.startswith('<!DOCTYPE html>\n<html lang="' + langs_of(lang)[0] + '">')
    assert str(metadata["/Author"]) == ("Kemin kaupunki" if lang != "en" else "City of Kemi")
    assert reader.trailer["/Root"]["/Lang"] == langs_of(lang)[0]
    assert "/StructTreeRoot" in reader.trailer["/Root"], "PDF/UA needs a tagged PDF"
    fonts = {str(f["/BaseFont"]).split("+")[-1] for page in reader.pages for f in _fonts(page)}
    assert fonts and all(name.startswith("Inter") for name in fonts), fonts

    # A bilingual document is a Finnish part, then an English one, each with its own title,
    # contents and numbering; the sections are never interleaved.
    if lang == "both":
        assert re.findall(r'<div class="part part-(\w+)"', html) == ["fi", "en"]
        finnish, english = html.split('<div class="part part-en" lang="en">')
        keys = [re.findall(r'<section class="section section-([\w-]+)"', part) for part in (finnish, english)]
        assert keys[0] and keys[0] == keys[1]
        numbers = [re.findall(r'<h2 id="\w+-[\w-]+"><span class="num">(\d+)</span>', part) for part in (finnish, english)]
        assert numbers[0] == numbers[1] == [str(n) for n in range(1, len(numbers[0]) + 1)]
        for part, code in ((finnish, "fi"), (english, "en")):
            tocs = re.findall(rf'<nav class="toc" aria-labelledby="{code}-toc-title">(.*?)</nav>', part, re.DOTALL)
            assert len(tocs) == (1 if len(keys[0]) > 1 else 0)
            assert all(set(re.findall(r'href="#(\w+)-', toc)) == {code} for toc in tocs)
        titles = [line for line in md.splitlines() if line.startswith("# ")]
        assert titles == [f"# {TITLES[(report, 'fi')]}", f"# {TITLES[(report, 'en')]}"]
        english_md = md.split(titles[1])[1]
        assert "## Contents" in english_md or len(keys[0]) == 1
        assert "## Sisällys" not in english_md and "## Contents" not in md.split(titles[1])[0]


def _fonts(page) -> list:  # type: ignore[no-untyped-def]
    resources = page.get("/Resources") or {}
    fonts = resources.get("/Font") or {}
    return [font.get_object() for font in fonts.values()]


@pytest.mark.slow
def test_half_year_review_content(cli, env, synthetic: Path, tmp_path: Path) -> None:
    run_report(cli, synthetic, "half-year", "both", tmp_path / "hy.md")
    md = (tmp_path / "hy.md").read_text(encoding="utf-8").replace("\u00a0", " ")  # Babel groups with no-break spaces
    # Babel formatting per language; years never grouped.
    assert "| Asukkaiden, yritysten ja matkailijoiden määrä kasvaa | Asukkaiden määrä (vahvistettava) | 19 400 | 19 400 | 19 210 | −80 | ▲ Riskissä | 19 180 |" in md
    assert "| The number of residents, businesses and tourists grows | Number of residents (to be confirmed) | 19,400 | 19,400 | 19,210 | −80 | ▲ At risk | 19,180 |" in md
    assert "| 14,6 % | – | ✗ Jäljessä tavoitteesta | 14,2 % |" in md  # no earlier half-year to compare with
    assert "| 14.6% | – | ✗ Off track | 14.2% |" in md
    assert "18,9 milj. €" in md and "€18.9 million" in md
    assert "16,6 milj. € (2025)" in md  # an actual of an earlier period says which
    assert "2 026" not in md and "2,026" not in md
    # Charts: SVG files in one folder named after the Markdown, linked with alt text, and their
    # figures as a table; nothing else beside the page.
    assert "![Kaavio: Asukkaiden määrä](hy-charts/asukkaat-fi.svg)" in md
    assert "![Chart: Number of residents](hy-charts/asukkaat-en.svg)" in md
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("hy")) == ["hy-charts", "hy.md"]
    svg = (tmp_path / "hy-charts" / "asukkaat-fi.svg").read_text()
    assert svg.startswith("<?xml") and "<path" in svg
    assert f"| 1–6/2026 | 19 210 | 19 180 | 10.8.2026 | {SYNTHETIC} |" in md
    # Summary by goal and objective, late projects, data gaps, provenance.
    assert "| Talous paranee | 0 | 0 | 1 | 1 | 2 |" in md
    # Goals, strategic objectives and the vision apart, each under its own header; a target no
    # indicator serves is said so in one sentence, never given a row of zeros.
    summary = md.split("## 1 Yhteenveto")[1].split("## 1 Summary")[0]
    assert "| Strateginen tavoite | ✓ Tavoitteen mukainen |" in summary
    assert "| Tavoite | ✓ Tavoitteen mukainen |" not in summary  # the source links no indicator to a goal
    assert "Seuraaviin tavoitteisiin ei ole vielä liitetty mittareita: Viisas Kemi, Välittävä Kemi ja Vihreä Kemi." in summary
    assert "Visioon ”Kemi kutsuu” ei ole vielä liitetty mittareita." in summary
    assert "No indicator is linked to the vision “Kemi is calling” yet." in md
    assert "| 0 | 0 | 0 | 0 | 0 |" not in md
    assert "| Ei liitetty tavoitteisiin eikä visioon |" in summary
    assert "| **Kaikki mittarit** |" in summary
    assert "| Satamakankaan alue | Käynnissä | – | Kaavoitus (7–12/2025) |" in md.split("## 5 Myöhässä olevat projektit")[1].split("## 5 Late projects")[0]
    gaps = md.split("## 6 Puuttuvat tiedot")[1].split("## 6 Missing data")[0]
    assert "Mittarit, joilta puuttuu kauden toteuma (17)" in gaps and "- Kertynyt alijäämä (viimeisin toteuma 2025)" in gaps
    assert "Projektit, joilta puuttuu kauden päivitys (23)" in gaps
    # 17.20 UTC is 20.20 in Helsinki in summer; a Finnish reader reads local time unmarked.
    assert "- **Laadittu:** 25.7.2026 klo 20.20" in md  # with a no-break space, made plain above
    assert "- **Generated:** 25 July 2026 at 20:20 Finnish time (EEST)" in md
    assert "Aineisto ei ole versionhallinnassa." in md


@pytest.mark.slow
def test_shipped_data_makes_a_complete_review_with_every_gap(cli, env, data_dir: Path, tmp_path: Path) -> None:
    run_report(cli, data_dir, "half-year", "fi", tmp_path / "hy.html")
    html = (tmp_path / "hy.html").read_text(encoding="utf-8")
    assert html.count("status-no-data") >= 22
    assert "Mittarit, joilta puuttuu kauden toteuma (22)" in html
    assert "Projektit, joilta puuttuu kauden päivitys (25)" in html
    assert "Yhdellekään mittarille ei ole vielä kirjattu toteumia" in html


def test_annual_adds_finance_year_and_cards(cli, env, synthetic: Path, tmp_path: Path) -> None:
    run_report(cli, synthetic, "annual", "en", tmp_path / "a.md")
    md = (tmp_path / "a.md").read_text(encoding="utf-8").replace("\u00a0", " ")
    finance = md.split("## 3 Finance indicators")[1].split("## 4")[0]
    assert "| Annual result (surplus/deficit) | €0.8 million | €1.9 million | €2.3 million |" in finance
    # Only the cards with content are summarised; the empty ones' fields are listed once, compactly.
    cards = md.split("## 7 Project card summaries")[1].split("## 8")[0]
    assert "| Oulu 2026 – European Capital of Culture (active) | Culture-year events in Kemi |" in cards
    assert [line for line in cards.splitlines() if line.startswith("### ")] == [
        "### Oulu 2026 – European Capital of Culture",
        "### Satamakangas area",  # phases only: a card with content
    ]
    assert "Indoor swimming pool" not in cards
    assert "The project cards that have no content yet are listed under Missing data." in cards
    gaps = md.split("## 8 Missing data")[1].split("## 9")[0]
    assert "### Project cards with empty fields (24)" in gaps
    assert "- Empty status, outcome, phases, benefits, metric, now, target, and owner: ÄRM" in gaps
    assert "- Empty outcome, benefits, metric, now, target, and owner: Satamakangas area" in gaps
    run_report(cli, synthetic, "annual", "en", tmp_path / "a.html")
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert 'The project cards that have no content yet are listed under <a href="#en-gaps">Missing data</a>.' in html
    empty_cards = gaps.split("### Project cards with empty fields")[1].split("###")[0]
    assert empty_cards.count("Indoor swimming pool") == 1 and empty_cards.count("\n- ") == 2


def test_project_card_layout_and_history(cli, env, synthetic: Path, tmp_path: Path) -> None:
    result = cli("report", "project", "oulu_2026", "--lang", "fi", "--data", str(synthetic), "-o", "-")
    assert result.exit_code == 0, result.output
    md = result.stdout.replace("\u00a0", " ")
    assert "| Projekti(t) | Lopputulema | Vaiheet | Hyödyt | Mittari | Nyt | Tavoite | Vastuu |" in md
    assert "| Oulu 2026 – kulttuuripääkaupunki (käynnissä) | Kulttuurivuoden tapahtumat Kemissä |" in md
    assert "Yöpymisten määrä | 100 000 | 110 000 |" in md
    history = md.split("### Päivitykset")[1]
    assert history.index("Ohjelma julkistettu.") < history.index("Kesän tapahtumat käynnissä.")
    assert "(korvattu 20.1.2026)" in history


def test_output_to_stdout_and_default_path(cli, env, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("report", "half-year", "--data", str(data_dir))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "half-year-2026H1-fi.md").is_file()  # KEMI_TODAY 2026-08-15
    result = cli("report", "strategy", "--format", "html", "--data", str(data_dir), "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "half-year", "--period", "2026"], "needs a half-year such as 2026H1"),
        (["report", "half-year", "--period", "2026H3"], "--period '2026H3' is not a period"),
        (["report", "annual", "--year", "2026H1"], "the annual report needs a year such as 2026"),
        (["report", "strategy", "--lang", "sv"], "--lang 'sv' is not a language"),
        (["report", "strategy", "--format", "docx"], "--format 'docx' is not one of: md, html, pdf"),
        (["report", "strategy", "--format", "html", "-o", "x.pdf"], "--format html does not match -o x.pdf (its suffix says pdf); drop --format or name the file x.html"),
        (["report", "strategy", "-o", "x.docx"], "-o x.docx: cannot tell the format from '.docx'"),
        (["report", "strategy", "--format", "pdf", "-o", "-"], "a PDF needs a file name"),
        (["report", "strategy", "--pdf-variant", "pdf/z", "-o", "x.pdf"], "--pdf-variant 'pdf/z' is not supported"),
        (["report", "project", "oulu2026"], "unknown project 'oulu2026' (did you mean 'oulu_2026'?)"),
        (["report", "project"], "give a project id, or --all for every card"),
        (["report", "project", "arm", "--all"], "give a project id or --all, not both"),
    ],
)
def test_bad_arguments_are_usage_errors(run_kemi, data_dir: Path, tmp_path: Path, args: list[str], message: str) -> None:
    result = run_kemi(*args, "--data", str(data_dir), cwd=tmp_path, env={"KEMI_TODAY": "2026-08-15"})
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "build").exists() and not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("value", ["", "soon", "1.5", "-3"])
def test_bad_source_date_epoch_is_a_clear_error(run_kemi, data_dir: Path, tmp_path: Path, value: str) -> None:
    result = run_kemi("report", "strategy", "--data", str(data_dir), "-o", str(tmp_path / "s.md"), env={"SOURCE_DATE_EPOCH": value})
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: SOURCE_DATE_EPOCH='{value}' is not a time: give whole seconds since 1970-01-01 UTC (for example $(git log -1 --format=%ct)), or unset it"
    assert not (tmp_path / "s.md").exists()


def test_invalid_data_writes_nothing(run_kemi, data_dir: Path, tmp_path: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8").replace("unit: count", "unit: pieces", 1), encoding="utf-8")
    result = run_kemi("report", "half-year", "--period", "2026H1", "--data", str(data_dir), "-o", str(tmp_path / "hy.md"))
    assert result.returncode == 1
    assert "kpis.yaml:" in result.stderr and "'pieces' is not allowed" in result.stderr
    assert not (tmp_path / "hy.md").exists()


@pytest.mark.slow
def test_same_data_gives_identical_documents(cli, env, synthetic: Path, tmp_path: Path) -> None:
    for run in ("a", "b"):
        for fmt in ("md", "html", "pdf"):
            run_report(cli, synthetic, "half-year", "both", tmp_path / run / f"hy.{fmt}")
    for name in ("hy.md", "hy.html", "hy.pdf", "hy-charts/asukkaat-fi.svg"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_hostile_text_is_shown_as_text(cli, env, data_dir: Path, tmp_path: Path) -> None:
    make_synthetic_workspace(data_dir, hostile=True)
    for fmt in ("md", "html", "pdf"):
        run_report(cli, data_dir, "half-year", "fi", tmp_path / f"hy.{fmt}")
    html = (tmp_path / "hy.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    md = (tmp_path / "hy.md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if "alert" in line and line.startswith("| Piha"))
    assert row.count("|") - row.count("\\|") == 5, row  # four cells: the name's | is escaped
    assert "\\<script\\>" in md and "\\<img src=" in md
    assert "a \\| b \\<b\\>lihava\\</b\\> rivi" in md  # a newline inside a cell becomes a space
    text, _metadata, _reader = pdf_text(tmp_path / "hy.pdf")
    assert "root:" not in text
    assert '<script>alert("x")</script>' in text.replace("\n", " ")


def test_markdown_escaping() -> None:
    from kemi_cli.report.environment import escape_markdown

    assert escape_markdown("a|b") == "a\\|b"
    assert escape_markdown("<script>x</script>") == "\\<script\\>x\\</script\\>"
    assert escape_markdown("1. not a list") == "1\\. not a list"
    assert escape_markdown("# not a heading") == "\\# not a heading"
    assert escape_markdown("- not an item\nsecond line") == "\\- not an item second line"
    assert escape_markdown("[link](http://x) *em* _em_ `code`") == "\\[link\\](http://x) \\*em\\* \\_em\\_ \\`code\\`"
    assert escape_markdown("Kemi – 19 400 € ja 13,5 %") == "Kemi – 19 400 € ja 13,5 %"


def test_heavy_libraries_are_not_imported_by_commands_that_do_not_render() -> None:
    import subprocess
    import sys

    probe = subprocess.run(
        [sys.executable, "-c", "import sys, kemi_cli.cli; print(sorted(m for m in ('jinja2', 'weasyprint', 'matplotlib') if m in sys.modules))"],
        check=False, capture_output=True, text=True, timeout=60,
    )
    assert probe.stdout.strip() == "[]", probe.stdout + probe.stderr


def test_year_and_percent_formatting() -> None:
    from kemi_cli.numbers import format_change_in_points, format_value, format_year

    assert format_year(2026) == "2026"
    assert format_value(5.9, "percent", "fi") == "5,9\u00a0%"
    assert format_value(0.1 + 0.2, "percent", "en") == "0.3%"
    assert format_change_in_points(14.6 - 13.9, "fi") == "+0,7\u00a0%-yks."
    assert format_change_in_points(-0.5, "en") == "\u22120.5\u00a0pp"



@pytest.mark.slow
def test_installed_package_renders_with_its_own_templates(tmp_path: Path) -> None:
    """The wheel carries the templates: a report renders from a folder with no templates/ near it."""
    import os
    import shutil
    import subprocess
    import sys

    from .conftest import REPO, SHIPPED_DATA

    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target", str(target), str(REPO)],
        check=False, capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr
    assert (target / "kemi_cli" / "templates" / "messages" / "fi.yaml").is_file()
    data = tmp_path / "elsewhere" / "data"
    shutil.copytree(SHIPPED_DATA, data)
    env = {**os.environ, "PYTHONPATH": str(target), "KEMI_TODAY": "2026-08-15"}
    result = subprocess.run(
        [sys.executable, "-m", "kemi_cli", "report", "half-year", "--data", str(data), "-o", "review.html"],
        cwd=tmp_path, env=env, check=False, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Puolivuotiskatsaus 1–6/2026" in (tmp_path / "review.html").read_text(encoding="utf-8")


def test_the_style_sheet_is_inlined_as_css_not_as_escaped_text(cli, env, data_dir: Path, tmp_path: Path) -> None:
    """Quotes and `>` stay as they are (escaped, browsers drop the rules that hold them); a style
    sheet beside the data cannot end the <style> element early."""
    shipped_css = (Path(__file__).resolve().parent.parent / "templates" / "assets" / "style.css").read_text(encoding="utf-8")
    out = tmp_path / "r.html"
    assert cli("report", "strategy", "--format", "html", "--data", str(data_dir), "-o", str(out)).exit_code == 0
    style = re.search(r"<style>\n(.*?)\n</style>", out.read_text(encoding="utf-8"), re.DOTALL)
    assert style is not None
    from kemi_cli.report.render import font_face_rules

    assert style.group(1).strip() == (font_face_rules() + shipped_css).replace("</", "<\\/").strip()
    assert '"Noto Sans"' in style.group(1)

    own = data_dir.parent / "templates" / "assets"
    own.mkdir(parents=True)
    (own / "style.css").write_text('body { color: red; }\n/* </style><script>alert(1)</script> */\n', encoding="utf-8")
    assert cli("report", "strategy", "--format", "html", "--data", str(data_dir), "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "/* <\\/style><script>alert(1)<\\/script> */" in html  # still a CSS comment
    assert html.count("</style>") == 1 and "</script>" not in html


def test_all_cards_show_only_cards_with_content(cli, env, synthetic: Path) -> None:
    """Every card asked for: the empty ones are named once, not laid out as rows of "not known";
    a card asked for by its id is shown however empty it is."""
    result = cli("report", "project", "--all", "--lang", "fi", "--data", str(synthetic), "-o", "-")
    assert result.exit_code == 0, result.output
    md = result.stdout.replace("\u00a0", " ")
    cards = md.split("## 1 Projektikortit")[1].split("## 2")[0]
    assert [line for line in cards.splitlines() if line.startswith("### ")] == [
        "### Oulu 2026 – kulttuuripääkaupunki",
        "### Satamakankaan alue",
    ]
    named = cards.split("Seuraavilla projekteilla ei ole vielä kortin tietoja: ")[1].split("\n")[0]
    assert named.startswith("ÄRM – äkillinen rakennemuutos, TE-uudistus 2024") and "Uimahalli" in named
    assert "Oulu 2026" not in named and named.endswith(" ja Viisas Kemi -sujuvoittamisen operaatio.")
    single = cli("report", "project", "uimahalli", "--lang", "fi", "--data", str(synthetic), "-o", "-")
    assert single.exit_code == 0, single.output
    assert "| Uimahalli (ei tiedossa) | Ei tiedossa |" in single.stdout
