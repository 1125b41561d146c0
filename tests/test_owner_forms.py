"""An owner's workbook made from the shipped indicators and projects, filled in through openpyxl
as a person would (the figures typed are made up), and read back with the rules of `kemi kpi set`."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from kemi_cli.owner_forms import given_values, owner_form
from kemi_cli.periods import Period
from kemi_cli.report.environment import load_messages, template_roots
from kemi_cli.sheets.form_reading import read_form
from kemi_cli.sheets.forms import Form, form_workbook_bytes
from kemi_cli.validate import load_workspace

from .conftest import SHIPPED_DATA, fill_workbook

KPIS = ("asukkaat", "asiakastyytyvaisyys", "tyottomyysaste", "yo_keskiarvo")
PROJECTS = ("arm", "esteettomyys")


def form_for(period: str) -> Form:
    workspace = load_workspace(SHIPPED_DATA)
    kpis = [k for k in workspace.kpis if k.id in KPIS]
    projects = [workspace.projects[p] for p in PROJECTS]
    stamp = (("workspace", "kemi"), ("period", period), ("owner", "Testiomistaja"))
    messages = load_messages(template_roots(SHIPPED_DATA))
    return owner_form("kemi-review-request", stamp, "Testiomistaja", Period.parse(period), kpis, projects, messages)


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "testiomistaja.xlsx"
    path.write_bytes(form_workbook_bytes(form_for("2026H1")))
    return path


def row_of(path: Path, sheet: str, key: str) -> int:
    column = load_workbook(path)[sheet]["A"]
    return next(cell.row for cell in column if cell.value == key)


def test_the_owner_sees_finnish_headers_and_the_units_rules(workbook: Path) -> None:
    book = load_workbook(workbook)
    assert book.sheetnames == ["Ohjeet – Instructions", "Mittarit", "Projektit", "kemi"]
    instructions = "\n".join(str(c.value) for c in book["Ohjeet – Instructions"]["A"] if c.value)
    assert "Testiomistaja: luvut ja päivitykset kaudelta 2026H1" in instructions
    assert "Fill in the yellow cells." in instructions

    indicators = book["Mittarit"]
    assert [c.value for c in indicators[1]] == [
        "Tunnus", "Mittari", "Yksikkö", "Lähtötaso", "Tavoite", "Viimeisin toteuma", "Kausi", "Toteuman kausi", "Toteuma", "Kommentti",
    ]
    assert [c.value for c in indicators["A"][1:]] == list(KPIS)
    rules = {str(v.sqref): (v.type, v.operator, v.formula1, v.formula2) for v in indicators.data_validations.dataValidation}
    row = {key: row_of(workbook, "Mittarit", key) for key in KPIS}
    assert rules[f"I{row['asukkaat']}"] == ("whole", "greaterThanOrEqual", "0", None)
    assert rules[f"I{row['asiakastyytyvaisyys']}"] == ("decimal", "between", "1", "5")  # the scale
    assert rules[f"I{row['tyottomyysaste']}"] == ("decimal", "between", "0", "100")
    assert rules[f"I{row['yo_keskiarvo']}"] == ("decimal", "between", "-1E+307", "1E+307")  # a grade: any number

    projects = book["Projektit"]
    drop_down = next(v for v in projects.data_validations.dataValidation if v.type == "list")
    assert drop_down.formula1 == '"Suunnitteilla,Käynnissä,Valmis,Tauolla,Peruttu"'


def test_bad_cells_are_refused_with_their_cells_and_good_ones_read_as_kpi_set_would(workbook: Path) -> None:
    row = {key: row_of(workbook, "Mittarit", key) for key in KPIS}
    arm = row_of(workbook, "Projektit", "arm")
    fill_workbook(workbook, {
        f"Mittarit!I{row['tyottomyysaste']}": 135,
        f"Mittarit!I{row['asukkaat']}": "=19000+420",
        f"Mittarit!J{row['yo_keskiarvo']}": "Kommentti ilman lukua",
        f"Projektit!E{arm}": "Käynissä",
        f"Projektit!F{arm}": 140,
    })
    form = form_for("2026H1")
    reading = read_form(workbook, form)
    assert [str(f).removeprefix(f"{workbook}:") for f in reading.findings] == [
        f"Mittarit!I{row['asukkaat']}: error: a formula (=19000+420) is not accepted; type the value itself",
        f"Mittarit!I{row['tyottomyysaste']}: error: '135' is outside 0–100",
        f"Projektit!E{arm}: error: 'Käynissä' is not one of: Suunnitteilla, Käynnissä, Valmis, Tauolla, Peruttu (did you mean 'Käynnissä'?)",
        f"Projektit!F{arm}: error: '140' is outside 0–100",
    ]

    fill_workbook(workbook, {
        f"Mittarit!I{row['tyottomyysaste']}": 13.5,
        f"Mittarit!I{row['asukkaat']}": "19 420",
        f"Mittarit!J{row['asukkaat']}": "Muuttovoitto",
        f"Mittarit!I{row['asiakastyytyvaisyys']}": "3,5",
        f"Mittarit!J{row['yo_keskiarvo']}": None,
        f"Projektit!E{arm}": "Käynnissä",
        f"Projektit!F{arm}": 40,
    })
    reading = read_form(workbook, form)
    workspace = load_workspace(SHIPPED_DATA)
    given = given_values(reading, [k for k in workspace.kpis if k.id in KPIS], "Mittarit")
    assert reading.ok, [str(f) for f in reading.findings]
    assert [(g.kpi_id, g.value, g.comment) for g in given] == [
        ("asukkaat", 19420, "Muuttovoitto"), ("asiakastyytyvaisyys", 3.5, None), ("tyottomyysaste", 13.5, None),
    ]
    assert given[0].cell == f"Mittarit!I{row['asukkaat']}"
    projects = {r.key: r.values for r in reading.rows if r.sheet == "Projektit"}
    assert projects["arm"] == {"status": "active", "progress": 40, "text_fi": None, "text_en": None}


def test_a_comment_without_a_value_is_a_finding(workbook: Path) -> None:
    row = row_of(workbook, "Mittarit", "yo_keskiarvo")
    fill_workbook(workbook, {f"Mittarit!J{row}": "Luku tulee myöhemmin"})
    workspace = load_workspace(SHIPPED_DATA)
    reading = read_form(workbook, form_for("2026H1"))
    assert given_values(reading, workspace.kpis, "Mittarit") == []
    assert [str(f) for f in reading.findings] == [f"{workbook}:Mittarit!J{row}: error: a comment without a value; give the value too"]


def test_the_workbook_of_another_period_is_refused(workbook: Path) -> None:
    reading = read_form(workbook, form_for("2026H2"))
    assert [str(f) for f in reading.findings] == [
        f"{workbook}: error: is for period '2026H1', not '2026H2'; fill in the workbook sent for '2026H2'"
    ]
