"""Forms: protected workbooks written for people to fill in, and read back cell by cell.

The form here is made up for the tests (generated ids, names and figures), in the shape of an
owner's workbook: indicators with a value and a comment to give, projects with a status and a
progress to give."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kemi_cli.sheets.form_reading import read_form
from kemi_cli.sheets.forms import Choice, Column, Form, FormRow, FormSheet, Limits, form_workbook_bytes

PERCENT = Limits(0, 100)
COUNT = Limits(0, None, whole=True)
STATUSES = (Choice("Suunnitteilla", "planned"), Choice("Käynnissä", "active"), Choice("Valmis", "done"))


def sample_form(period: str = "2026H1") -> Form:
    indicators = FormSheet(
        "Mittarit",
        (
            Column("id", "Tunnus", kind="key", hidden=True),
            Column("name", "Mittari", width=30),
            Column("latest", "Edellinen arvo", kind="number"),
            Column("value", f"Arvo {period}", kind="number", editable=True),
            Column("comment", "Kommentti", editable=True, multiline=True, width=40),
        ),
        (
            FormRow({"id": "testi_osuus", "name": "Testiosuus (generoitu)", "latest": 12.5}, limits={"value": PERCENT}),
            FormRow({"id": "testi_maara", "name": "Testimäärä (generoitu)", "latest": 1200}, limits={"value": COUNT}),
        ),
    )
    projects = FormSheet(
        "Projektit",
        (
            Column("id", "Tunnus", kind="key", hidden=True),
            Column("name", "Projekti", width=30),
            Column("status", "Tila", kind="choice", editable=True, choices=STATUSES),
            Column("progress", "Eteneminen %", kind="number", editable=True, limits=Limits(0, 100, whole=True)),
        ),
        (FormRow({"id": "testiprojekti_a", "name": "Testiprojekti A"}), FormRow({"id": "testiprojekti_b", "name": "Testiprojekti B"})),
    )
    return Form(
        kind="test-request",
        stamp=(("workspace", "testikunta"), ("period", period), ("owner", "Testiomistaja")),
        instructions_title="Ohjeet",
        instructions=("Täytä keltaiset solut. (generoitu ohje)", "Fill in the yellow cells. (generated instruction)"),
        sheets=(indicators, projects),
    )


@pytest.fixture
def written(tmp_path: Path) -> Path:
    path = tmp_path / "testiomistaja.xlsx"
    path.write_bytes(form_workbook_bytes(sample_form()))
    return path


def fill(path: Path, cells: dict[str, object], number_formats: dict[str, str] | None = None) -> None:
    """Type into the workbook as a person would, by 'Sheet!A1' reference, and save it."""
    book = load_workbook(path)
    for ref, value in cells.items():
        sheet, cell = ref.split("!")
        book[sheet][cell] = value
    for ref, number_format in (number_formats or {}).items():
        sheet, cell = ref.split("!")
        book[sheet][cell].number_format = number_format
    book.save(path)


def messages(path: Path, form: Form) -> list[str]:
    return [str(finding) for finding in read_form(path, form).findings]


def test_a_written_form_is_protected_with_only_its_input_cells_open(written: Path) -> None:
    book = load_workbook(written)
    assert book.sheetnames == ["Ohjeet", "Mittarit", "Projektit", "kemi"]
    assert book["kemi"].sheet_state == "veryHidden"
    assert all(book[name].protection.sheet for name in book.sheetnames)
    assert "Fill in the yellow cells" in book["Ohjeet"]["A4"].value

    indicators = book["Mittarit"]
    assert [c.value for c in indicators[1]] == ["Tunnus", "Mittari", "Edellinen arvo", "Arvo 2026H1", "Kommentti"]
    assert indicators.column_dimensions["A"].hidden
    assert [c.value for c in indicators["A"][1:]] == ["testi_osuus", "testi_maara"]
    locked = {c.coordinate: c.protection.locked for row in indicators.iter_rows(min_row=1, max_row=3) for c in row}
    assert [ref for ref, is_locked in locked.items() if not is_locked] == ["D2", "E2", "D3", "E3"]
    assert indicators["C2"].value == 12.5 and indicators["C2"].number_format == "#,##0.0##"
    assert indicators["D3"].number_format == "#,##0"

    rules = {str(v.sqref): v for v in indicators.data_validations.dataValidation}
    assert (rules["D2"].type, rules["D2"].operator, rules["D2"].formula1, rules["D2"].formula2) == ("decimal", "between", "0", "100")
    assert (rules["D3"].type, rules["D3"].operator, rules["D3"].formula1) == ("whole", "greaterThanOrEqual", "0")
    assert all(rule.showErrorMessage for rule in rules.values())

    projects = {str(v.sqref): v for v in book["Projektit"].data_validations.dataValidation}
    assert projects["C2:C3"].type == "list" and projects["C2:C3"].formula1 == '"Suunnitteilla,Käynnissä,Valmis"'
    assert (projects["D2:D3"].type, projects["D2:D3"].formula2) == ("whole", "100")


def test_a_filled_form_reads_back_as_typed_rows(written: Path) -> None:
    fill(written, {
        "Mittarit!D2": 13.5, "Mittarit!E2": "  Nousi hieman.\nSyy: testi.  ", "Mittarit!D3": "1 234",
        "Projektit!C2": "Käynnissä", "Projektit!D2": 40, "Projektit!C3": "Valmis",
    })
    reading = read_form(written, sample_form())
    assert reading.findings == [] and reading.ok
    rows = {(row.sheet, row.key): row for row in reading.rows}
    assert rows[("Mittarit", "testi_osuus")].values == {"value": 13.5, "comment": "Nousi hieman.\nSyy: testi."}
    assert rows[("Mittarit", "testi_maara")].values == {"value": 1234, "comment": None}
    assert rows[("Projektit", "testiprojekti_a")].values == {"status": "active", "progress": 40}
    assert rows[("Projektit", "testiprojekti_b")].values == {"status": "done", "progress": None}
    assert rows[("Mittarit", "testi_osuus")].cells == {"value": "Mittarit!D2", "comment": "Mittarit!E2"}


def test_a_percentage_typed_with_a_percent_sign_reads_as_its_number(written: Path) -> None:
    """Excel stores `13,5 %` as 0.135 in a percent format; the form means 13.5."""
    fill(written, {"Mittarit!D2": 0.135}, {"Mittarit!D2": "0.0%"})
    rows = read_form(written, sample_form()).rows
    assert rows[0].values["value"] == 13.5


def test_every_bad_cell_is_one_line_naming_file_sheet_and_cell(written: Path) -> None:
    fill(written, {
        "Mittarit!D2": 135, "Mittarit!D3": "=2*600", "Mittarit!E3": "rivi\x7f", "Projektit!C2": "Käynissä",
        "Projektit!D2": 12.5, "Projektit!D3": dt.datetime(2026, 5, 1),
    })
    before = hashlib.sha256(written.read_bytes()).hexdigest()
    reading = read_form(written, sample_form())
    assert not reading.ok and reading.rows == []
    assert [str(f) for f in reading.findings] == [
        f"{written}:Mittarit!D2: error: '135' is outside 0–100",
        f"{written}:Mittarit!D3: error: a formula (=2*600) is not accepted; type the value itself",
        f"{written}:Mittarit!E3: error: the text holds a control character ('\\x7f'); write plain text",
        f"{written}:Projektit!C2: error: 'Käynissä' is not one of: Suunnitteilla, Käynnissä, Valmis (did you mean 'Käynnissä'?)",
        f"{written}:Projektit!D2: error: '12,5' is not a whole number",
        f"{written}:Projektit!D3: error: Excel took the value for a date or time (1.5.2026); type the number with a decimal comma, e.g. 1,5",
    ]
    assert hashlib.sha256(written.read_bytes()).hexdigest() == before  # reading never writes


def test_a_text_that_is_not_a_number_is_refused_with_what_was_understood(written: Path) -> None:
    fill(written, {"Mittarit!D2": "noin 13"})
    (only,) = messages(written, sample_form())
    assert only.startswith(f"{written}:Mittarit!D2: error: 'noin 13' is not a number (")


def test_a_workbook_for_another_period_is_refused_whole(written: Path) -> None:
    fill(written, {"Mittarit!D2": 13.5})
    assert messages(written, sample_form("2026H2")) == [
        f"{written}: error: is for period '2026H1', not '2026H2'; fill in the workbook sent for '2026H2'"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"Mittarit!B1": "Nimi"}, "Mittarit!B1: error: the header is 'Nimi', not 'Mittari'; columns cannot be moved, added or removed"),
        ({"Mittarit!F1": "Oma sarake"}, "Mittarit!F1: error: a column 'Oma sarake' was added; columns cannot be added"),
        ({"Mittarit!A3": "testi_osus"}, "Mittarit!A3: error: 'testi_osus' is not a row of this form (did you mean 'testi_osuus'?); rows cannot be added or renamed"),
        ({"Mittarit!A4": "testi_osuus"}, "Mittarit!A4: error: 'testi_osuus' is here twice; rows cannot be copied"),
        ({"Projektit!D4": 10}, "Projektit!A4: error: a row without its key; rows cannot be added"),
    ],
)
def test_a_changed_structure_is_refused(written: Path, change: dict[str, object], expected: str) -> None:
    fill(written, change)
    reading = read_form(written, sample_form())
    assert f"{written}:{expected}" in [str(f) for f in reading.findings]
    assert reading.rows == []


def test_a_file_that_is_not_a_form_is_one_line(tmp_path: Path) -> None:
    from openpyxl import Workbook

    text = tmp_path / "muistio.xlsx"
    text.write_text("id;value\n", encoding="utf-8")
    (not_xlsx,) = messages(text, sample_form())
    assert not_xlsx.startswith(f"{text}: error: is not an xlsx workbook kemi can read (")

    plain = tmp_path / "oma.xlsx"
    Workbook().save(plain)
    assert messages(plain, sample_form()) == [
        f"{plain}: error: is not a workbook that kemi wrote (its hidden sheet is missing); fill in the workbook kemi sent"
    ]
    assert messages(tmp_path / "puuttuu.xlsx", sample_form())[0].startswith(f"{tmp_path / 'puuttuu.xlsx'}: error: cannot read: ")


def test_a_drop_down_word_excel_cannot_list_is_refused_when_the_form_is_made() -> None:
    column = Column("status", "Tila", kind="choice", editable=True, choices=(Choice("a, b", "a"),))
    with pytest.raises(ValueError, match="without commas"):
        Form("k", (), "Ohjeet", (), (FormSheet("S", (Column("id", "Tunnus", kind="key"), column), ()),))


def test_a_workbook_that_unpacks_to_more_than_a_form_could_hold_is_not_opened(tmp_path: Path) -> None:
    import zipfile

    from kemi_cli.sheets.form_reading import MAX_WORKBOOK_BYTES

    bomb = tmp_path / "iso.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * (MAX_WORKBOOK_BYTES + 1))
    assert bomb.stat().st_size < 1024 * 1024
    assert messages(bomb, sample_form()) == [
        f"{bomb}: error: holds 20 MB; a returned form is far smaller, so kemi does not open it"
    ]


def test_a_workbook_of_another_kind_or_none_is_refused(written: Path, tmp_path: Path) -> None:
    other = tmp_path / "muu.xlsx"
    other.write_bytes(form_workbook_bytes(Form("test-translations", (), "Ohjeet", (), sample_form().sheets)))
    assert messages(other, sample_form()) == [f"{other}: error: is a 'test-translations' workbook, not a 'test-request' one"]

    book = load_workbook(written)
    stamp = book["kemi"]
    stamp.delete_cols(2, stamp.max_column)
    book.save(written)
    assert messages(written, sample_form()) == [
        f"{written}: error: does not say what it is for (its hidden sheet was edited); fill in the workbook kemi sent"
    ]
