"""`kemi kpi export`: the CSV that Finnish Excel opens, the plain CSV and JSON for programs, the
workbook with typed cells, the format taken from the output's suffix, and text that a
spreadsheet would run as a formula always written as text."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

from kemi_cli.export import EXPORT_COLUMNS
from kemi_cli.sheets.csv_file import csv_text
from kemi_cli.validate import load_workspace

from .conftest import seeded_copy, tree_hashes

ENV = {"KEMI_TODAY": "2026-08-15", "KEMI_USER": "testi.kayttaja"}
FORMULA_NOTE = '=HYPERLINK("http://example.invalid","?")'

# Made-up figures and texts for the tests, not the city's. The texts begin as formulas would.
SEEDED = [
    ("asukkaat", "19 420", "2025H2", ("--note", FORMULA_NOTE)),
    ("asukkaat", "19 100", "2026H1", ("--source", "+358 Tilastokeskus")),
    ("yritykset", "926", "2026H1", ("--forecast", "930")),
    ("tyottomyysaste", "14,1", "2025H2", ("--note", "-0,6 edellisestä")),
    ("tyottomyysaste", "13,5 %", "2026H1", ()),
    ("tyottomyysaste", "12,9", "2026H1", ("--replace", "--by", "@anna")),
]
FINNISH_HEADER = [
    "Tunnus", "Mittari", "Yksikkö", "Lähtötaso", "Tavoite", "Kausi", "Toteuma", "Ennuste", "Tila",
    "Kirjattu", "Kirjaaja", "Lähde", "Huomautus", "Korvattu", "Korvaaja",
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the shipped data with the values above recorded; the tests of this module only read it."""
    return seeded_copy(tmp_path_factory.mktemp("seeded"), SEEDED, ENV)


def read_excel_csv(path: Path) -> list[dict[str, str]]:
    """The file as Python's csv module reads Excel's dialect with Finnish settings."""
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), dialect="excel", delimiter=";"))


def finnish_number(text: str) -> float:
    return float(text.replace(",", "."))


def test_the_excel_csv_reads_back_with_the_values_of_the_plain_one(cli, seeded: Path, tmp_path: Path) -> None:
    excel_file, plain_file = tmp_path / "toteuma.csv", tmp_path / "plain.csv"
    assert cli("kpi", "export", "--data", str(seeded), "-o", str(excel_file)).exit_code == 0
    assert cli("kpi", "export", "--csv-dialect", "plain", "--data", str(seeded), "-o", str(plain_file)).exit_code == 0

    excel = read_excel_csv(excel_file)
    assert list(excel[0]) == FINNISH_HEADER
    plain = list(csv.DictReader(io.StringIO(plain_file.read_text(encoding="utf-8"), newline="")))
    assert plain_file.read_text(encoding="utf-8").splitlines()[0] == ",".join(EXPORT_COLUMNS)  # today's form

    current = {(r["Tunnus"], r["Kausi"]): r for r in excel if r["Kausi"] and not r["Korvattu"]}
    plain_current = {(r["id"], r["period"]): r for r in plain if not r["replaced_at"]}
    assert set(current) == set(plain_current) == {(k, p) for k, _, p, _ in SEEDED}
    for key, row in current.items():
        assert finnish_number(row["Toteuma"]) == float(plain_current[key]["value"]), key
        assert finnish_number(row["Lähtötaso"]) == float(plain_current[key]["baseline"]), key
        assert row["Kirjattu"] == plain_current[key]["recorded_at"] == "2026-08-15"
    assert current[("tyottomyysaste", "2026H1")]["Toteuma"] == "12,9"
    assert current[("yritykset", "2026H1")]["Ennuste"] == "930"
    assert current[("asukkaat", "2026H1")]["Tila"] == "Riskissä"  # as `kemi kpi list` judges it
    assert current[("asukkaat", "2025H2")]["Yksikkö"] == "lukumäärä"

    workspace = load_workspace(seeded)
    assert [r["Tunnus"] for r in excel if not r["Korvattu"]] == [
        row_id for kpi in workspace.kpis for row_id in [kpi.id] * max(1, len([a for a in kpi.actuals if a.is_current]))
    ]
    without = [r for r in excel if r["Tunnus"] == "yopymiset"]
    assert [(r["Kausi"], r["Toteuma"], r["Tila"]) for r in without] == [("", "", "Ei tietoa")]

    replaced = [index for index, r in enumerate(excel) if r["Korvattu"]]
    assert replaced == [len(excel) - 1]  # after every current value
    last = excel[-1]
    assert (last["Tunnus"], last["Toteuma"], last["Korvattu"], last["Korvaaja"], last["Tila"]) == (
        "tyottomyysaste", "13,5", "2026-08-15", "'@anna", "",
    )

    # Text that would run as a formula carries Excel's text mark, in both dialects.
    assert current[("asukkaat", "2025H2")]["Huomautus"] == "'" + FORMULA_NOTE
    assert current[("asukkaat", "2026H1")]["Lähde"] == "'+358 Tilastokeskus"
    assert current[("tyottomyysaste", "2025H2")]["Huomautus"] == "'-0,6 edellisestä"
    assert plain_current[("asukkaat", "2025H2")]["note"] == "'" + FORMULA_NOTE
    for row in excel:
        for field in row.values():
            assert not field.startswith(("=", "+", "@", "\t", "\r")), field
            if field.startswith("-"):
                finnish_number(field)  # only a negative number may begin with a minus


def test_the_workbook_has_typed_cells_three_sheets_and_no_formulas(cli, seeded: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "toteuma.xlsx"
    result = cli("kpi", "export", "--data", str(seeded), "-o", str(out))  # the format from the suffix
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        sheets_xml = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert sheets_xml and not any(b"<f>" in xml or b"<f " in xml for xml in sheets_xml)

    book = load_workbook(out)
    assert book.sheetnames == ["Toteumat", "Aikasarja", "Korvatut arvot"]
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)

    current = book["Toteumat"]
    assert [c.value for c in current[1]] == FINNISH_HEADER[:-2]
    rows = {(r[0].value, r[5].value): r for r in current.iter_rows(min_row=2)}
    first = rows[("asukkaat", "2025H2")]
    assert first[6].value == 19420 and isinstance(first[6].value, int)
    assert isinstance(first[9].value, dt.datetime) and first[9].value.date() == dt.date(2026, 8, 15)
    assert first[9].is_date
    assert first[12].value == FORMULA_NOTE and first[12].data_type == "s" and first[12].quotePrefix
    assert rows[("tyottomyysaste", "2025H2")][6].value == 14.1
    assert rows[("tyottomyysaste", "2026H1")][8].value == "Tavoitteen mukainen"
    assert rows[("yopymiset", None)][8].value == "Ei tietoa"
    workspace = load_workspace(seeded)
    assert {r[0].value for r in current.iter_rows(min_row=2)} == {kpi.id for kpi in workspace.kpis}

    series = book["Aikasarja"]
    assert [c.value for c in series[1]] == FINNISH_HEADER[:5] + ["2025H2", "2026H1"]
    grid = {r[0]: r for r in series.iter_rows(min_row=2, values_only=True)}
    assert list(grid) == [kpi.id for kpi in workspace.kpis]
    assert grid["tyottomyysaste"][5:] == (14.1, 12.9)  # the current values, not the replaced 13.5
    assert grid["asukkaat"][5:] == (19420, 19100)
    assert grid["yopymiset"][5:] == (None, None)

    replaced = list(book["Korvatut arvot"].iter_rows(min_row=1, values_only=True))
    assert list(replaced[0]) == FINNISH_HEADER
    assert [(r[0], r[6], r[14]) for r in replaced[1:]] == [("tyottomyysaste", 13.5, "@anna")]
    assert isinstance(replaced[1][13], dt.datetime)

    english = tmp_path / "actuals.xlsx"
    assert cli("kpi", "export", "--lang", "en", "--data", str(seeded), "-o", str(english)).exit_code == 0
    book = load_workbook(english)
    assert book.sheetnames == ["Actuals", "Time series", "Replaced values"]
    header = [c.value for c in book["Actuals"][1]]
    assert header[:3] == ["Id", "Indicator", "Unit"] and "Status" in header
    names = {r[0]: r for r in book["Actuals"].iter_rows(min_row=2, values_only=True)}
    assert names["asukkaat"][1:3] == ("Number of residents", "number")
    assert names["yopymiset"][8] == "No data"


def test_the_format_follows_the_output_file(cli, seeded: Path, tmp_path: Path) -> None:
    as_json = tmp_path / "toteuma.json"
    assert cli("kpi", "export", "--data", str(seeded), "-o", str(as_json)).exit_code == 0
    assert len(json.loads(as_json.read_text(encoding="utf-8"))["actuals"]) == len(SEEDED)

    upper = tmp_path / "TOTEUMA.CSV"
    assert cli("kpi", "export", "--data", str(seeded), "-o", str(upper)).exit_code == 0
    assert len([r for r in read_excel_csv(upper) if r["Kausi"]]) == len(SEEDED)

    to_stdout = cli("kpi", "export", "--data", str(seeded))
    assert to_stdout.exit_code == 0 and to_stdout.stdout.startswith("\ufeffTunnus;Mittari;")
    plain = cli("kpi", "export", "--csv-dialect", "plain", "--data", str(seeded))
    assert plain.stdout.splitlines()[0] == ",".join(EXPORT_COLUMNS)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "csv", "-o", "{out}/x.xlsx"), "--format csv does not match -o"),
        (("--format", "xlsx", "-o", "{out}/x.csv"), "name the file x.xlsx"),
        (("-o", "{out}/toteuma.xls"), "cannot tell the format from '.xls'"),
        (("--format", "xls", "-o", "{out}/x.xlsx"), "did you mean 'xlsx'"),
        (("--format", "xlsx",), "-o PATH"),
        (("--csv-dialect", "plain", "-o", "{out}/x.json"), "--csv-dialect is for CSV"),
        (("--csv-dialect", "excell"), "did you mean 'excel'"),
        (("--format", "json", "--lang", "en"), "--lang names the columns"),
        (("--csv-dialect", "plain", "--lang", "fi"), "--lang nimeää työkirjan ja Excelin CSV:n sarakkeet"),  # --lang fi speaks Finnish
        (("--lang", "sv", "-o", "{out}/x.xlsx"), "--lang 'sv' is not one of: fi, en"),
        (("--format", "csv", "-o", "{out}/no/x.csv"), "does not exist"),
    ],
)
def test_options_that_do_not_fit_are_refused_and_nothing_is_written(
    cli, seeded: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = tree_hashes(seeded)
    result = cli("kpi", "export", "--data", str(seeded), *(a.format(out=out) for a in args))
    assert result.exit_code == 2, result.output
    assert message in result.stderr and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert list(out.iterdir()) == [] and tree_hashes(seeded) == before


def test_csv_dialects_write_numbers_dates_and_formula_text_as_each_reader_expects() -> None:
    helsinki = dt.timezone(dt.timedelta(hours=3))
    rows = [
        (0.00001, -18.9, 19400, dt.date(2026, 8, 15), dt.datetime(2026, 8, 15, 9, 30, tzinfo=helsinki), None),
        ("=1+2", "+358", "-x", "@x", "\tx", "a;b,c"),
    ]
    assert csv_text(("a", "b", "c", "d", "e", "f"), rows, "excel") == (
        "\ufeffa;b;c;d;e;f\r\n"
        "0,00001;-18,9;19400;2026-08-15;2026-08-15 09:30:00;\r\n"
        "'=1+2;'+358;'-x;'@x;'\tx;\"a;b,c\"\r\n"
    )
    assert csv_text(("a", "b", "c", "d", "e", "f"), rows, "plain") == (
        "a,b,c,d,e,f\n"
        "1e-05,-18.9,19400,2026-08-15,2026-08-15T09:30:00+03:00,\n"
        "'=1+2,'+358,'-x,'@x,'\tx,\"a;b,c\"\n"
    )


def test_a_workbook_cell_holds_what_xlsx_cannot_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from kemi_cli.sheets.table import Table
    from kemi_cli.sheets.xlsx_file import MAX_CELL_TEXT, workbook_bytes

    moment = dt.datetime(2026, 8, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    path = tmp_path / "t.xlsx"
    long_text = "x" * (MAX_CELL_TEXT + 10)
    path.write_bytes(workbook_bytes([Table("T", ("text", "time", "long"), (("bell\x07here", moment, long_text),))]))
    cells = next(load_workbook(path)["T"].iter_rows(min_row=2, values_only=True))
    assert cells == ("bell\ufffdhere", dt.datetime(2026, 8, 15, 9, 30), "x" * (MAX_CELL_TEXT - 1) + "…")
