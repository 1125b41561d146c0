"""The translation workbook: texts awaiting English written with their Finnish, the English read
back, and a Finnish that is not the data's any more refused. The texts are made up for the tests."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from kemi_cli.report.environment import load_messages, template_roots
from kemi_cli.sheets.form_reading import read_form
from kemi_cli.sheets.forms import Form, form_workbook_bytes
from kemi_cli.translation_forms import TextToTranslate, given_translations, translation_form

from .conftest import SHIPPED_DATA

TEXTS = (
    TextToTranslate("kpi:testi:2026H1:note", "Testimittari, 2026H1", "Luku nousi. (generoitu)"),
    TextToTranslate("project:testi:2026H1:text", "Testiprojekti, 2026H1", "Vaihe 2 alkoi. (generoitu)", "Phase 2 started."),
    TextToTranslate("kpi:testi:2025H2:note", "Testimittari, 2025H2", "=Kaava-alkuinen teksti (generoitu)"),
)


def form_of(texts: tuple[TextToTranslate, ...] = TEXTS) -> Form:
    messages = load_messages(template_roots(SHIPPED_DATA))
    return translation_form("kemi-translations", (("workspace", "kemi"),), texts, messages)


def test_texts_go_out_with_their_finnish_and_their_english_comes_back(tmp_path: Path) -> None:
    path = tmp_path / "kaannokset.xlsx"
    path.write_bytes(form_workbook_bytes(form_of()))
    book = load_workbook(path)
    assert book.sheetnames == ["Ohjeet – Instructions", "Käännökset", "kemi"]
    sheet = book["Käännökset"]
    assert [c.value for c in sheet[1]] == ["Tunnus", "Missä", "Suomeksi", "Englanniksi"]
    assert sheet["C4"].value == "=Kaava-alkuinen teksti (generoitu)" and sheet["C4"].data_type == "s"
    assert sheet["D3"].value == "Phase 2 started." and not sheet["D3"].protection.locked and sheet["C3"].protection.locked

    sheet["D2"] = "The figure rose."
    sheet["D4"] = "Text that begins like a formula"
    book.save(path)
    reading = read_form(path, form_of())
    assert reading.ok, [str(f) for f in reading.findings]
    assert [(g.key, g.english, g.cell) for g in given_translations(reading)] == [
        ("kpi:testi:2026H1:note", "The figure rose.", "Käännökset!D2"),
        ("project:testi:2026H1:text", "Phase 2 started.", "Käännökset!D3"),
        ("kpi:testi:2025H2:note", "Text that begins like a formula", "Käännökset!D4"),
    ]


def test_a_finnish_text_that_changed_since_the_workbook_was_written_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kaannokset.xlsx"
    path.write_bytes(form_workbook_bytes(form_of()))
    book = load_workbook(path)
    book["Käännökset"]["D2"] = "The figure rose."
    book.save(path)
    changed = (TextToTranslate(TEXTS[0].key, TEXTS[0].where, "Luku nousi selvästi. (generoitu)"), *TEXTS[1:])
    reading = read_form(path, form_of(changed))
    assert [str(f) for f in reading.findings] == [
        (f"{path}:Käännökset!C2: error: this text is not the data's any more (it was edited, or the data changed after"
         " the workbook was written); take a new workbook")
    ]
    assert reading.rows == [] and given_translations(reading) == []
