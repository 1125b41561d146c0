"""A whole collection round through the real CLI: `kemi review requests` writes the owners'
workbooks, a script fills them through openpyxl as a person would (the figures typed are made up),
`kemi review collect` refuses the bad ones cell by cell with every data file left byte-identical,
then records the good ones, and `kemi status` shows who has returned.

The shipped data names no owners yet (the source's "VASTUU" column is empty), so the test gives
a few KPIs and project cards owners in its own copy of the data."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from ruamel.yaml import YAML

from kemi_cli.periods import Period
from kemi_cli.report.environment import load_messages, template_roots
from kemi_cli.review_requests import request_forms
from kemi_cli.sheets.forms import form_workbook_bytes
from kemi_cli.validate import load_workspace

from .conftest import edit_each_kpi, fill_workbook, refused_lines, tree_hashes

OPENED, COLLECTED = "2026-08-01", "2026-08-20"
OWNERS = {
    "tyottomyysaste": "Elinvoimajohtaja Ärrä",
    "asukkaat": "Elinvoimajohtaja Ärrä",
    "poissaolot": "Henkilöstöjohtaja",
    "tilikauden_tulos": "Talousjohtaja",
}
PROJECT_OWNERS = {"uimahalli": "Tekninen johtaja", "arm": "Elinvoimajohtaja Ärrä"}


@pytest.fixture
def round_data(data_dir: Path, kemi) -> Path:
    """The shipped data with owners for a few KPIs and cards, and 2026H1 under review."""
    edit_each_kpi(data_dir, lambda kpi: kpi.__setitem__("owner", OWNERS[kpi["id"]]) if kpi["id"] in OWNERS else None)
    for project_id, owner in PROJECT_OWNERS.items():
        path = data_dir / "projects" / f"{project_id}.yaml"
        yaml = YAML()
        card = yaml.load(path)
        card["owner"] = owner
        yaml.dump(card, path)
    opened = kemi(OPENED, "review", "open", "2026H1", "--deadline", "2026-08-31", "--data", str(data_dir))
    assert opened.exit_code == 0, opened.output
    return data_dir


def requests(kemi, data_dir: Path, out: Path) -> dict[str, Path]:
    result = kemi(COLLECTED, "review", "requests", "-o", str(out), "--data", str(data_dir))
    assert result.exit_code == 0, result.output
    return {path.name: path for path in out.glob("*.xlsx")}


def row_of(path: Path, sheet: str, key: str) -> int:
    return next(cell.row for cell in load_workbook(path)[sheet]["A"] if cell.value == key)


def test_requests_give_each_owner_a_workbook_and_the_office_the_rest(kemi, round_data: Path, tmp_path: Path) -> None:
    files = requests(kemi, round_data, tmp_path / "out")
    assert sorted(files) == [
        "elinvoimajohtaja-arra.xlsx", "henkilostojohtaja.xlsx", "strategiatoimisto.xlsx", "talousjohtaja.xlsx", "tekninen-johtaja.xlsx",
    ]
    book = load_workbook(files["elinvoimajohtaja-arra.xlsx"])
    assert book.sheetnames == ["Ohjeet – Instructions", "Mittarit", "Projektit", "kemi"]
    assert book["kemi"].sheet_state == "veryHidden"
    indicators = book["Mittarit"]
    assert indicators.protection.sheet and indicators.column_dimensions["A"].hidden
    assert [c.value for c in indicators["A"][1:]] == ["asukkaat", "tyottomyysaste"]
    assert [c.value for c in book["Projektit"]["A"][1:]] == ["arm"]
    office = load_workbook(files["strategiatoimisto.xlsx"])
    office_kpis = [c.value for c in office["Mittarit"]["A"][1:]]
    assert "asukkaat" not in office_kpis and "yritykset" in office_kpis

    # The mail-merge list opens in Finnish Excel: BOM, semicolons; one row per workbook.
    raw = (tmp_path / "out" / "vastuuhenkilot.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["vastuuhenkilö", "sähköposti", "työkirja", "puuttuu"]
    by_owner = {row[0]: row for row in rows[1:]}
    assert by_owner["Talousjohtaja"][2] == "talousjohtaja.xlsx"
    assert by_owner["Talousjohtaja"][3] == "tilikauden_tulos: arvo kaudelta 2025, kommentti"
    assert set(by_owner) == {"Elinvoimajohtaja Ärrä", "Henkilöstöjohtaja", "Talousjohtaja", "Tekninen johtaja", "Strategiatoimisto"}


def test_requests_need_a_period_under_review(kemi, data_dir: Path, tmp_path: Path) -> None:
    before = tree_hashes(data_dir)
    result = kemi(COLLECTED, "review", "requests", "-o", str(tmp_path / "out"), "--data", str(data_dir))
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith("error: no period is under review; open one first")
    assert not (tmp_path / "out").exists() and tree_hashes(data_dir) == before


def test_a_collection_round_refuses_bad_workbooks_cell_by_cell_then_records_the_good_ones(kemi, round_data: Path, tmp_path: Path) -> None:
    files = requests(kemi, round_data, tmp_path / "out")
    vitality, staff, finance = files["elinvoimajohtaja-arra.xlsx"], files["henkilostojohtaja.xlsx"], files["talousjohtaja.xlsx"]
    technical = files["tekninen-johtaja.xlsx"]
    unemployment, residents = row_of(vitality, "Mittarit", "tyottomyysaste"), row_of(vitality, "Mittarit", "asukkaat")
    arm = row_of(vitality, "Projektit", "arm")
    # One with a typo in a drop-down word and a value out of range, one with a formula.
    fill_workbook(vitality, {
        f"Mittarit!I{unemployment}": 135, f"Mittarit!I{residents}": "19 420", f"Mittarit!J{residents}": "Muuttovoitto jatkui.",
        f"Projektit!E{arm}": "Käynissä", f"Projektit!F{arm}": 40,
    })
    fill_workbook(finance, {"Mittarit!I2": "=1,2+0,3"})
    fill_workbook(staff, {"Mittarit!I2": "4,6"})
    fill_workbook(technical, {"Projektit!E2": "Käynnissä", "Projektit!G2": "Suunnittelu alkoi."})
    # One from the wrong period: the form of 2025H2, written as requests would have written it.
    workspace = load_workspace(round_data)
    old_form = request_forms(workspace, Period(2025, 2), load_messages(template_roots(round_data)))["Henkilöstöjohtaja"]
    stale = tmp_path / "out" / "vanha.xlsx"
    stale.write_bytes(form_workbook_bytes(old_form))

    files_given = (str(vitality), str(finance), str(staff), str(technical), str(stale))
    assert refused_lines(kemi, round_data, COLLECTED, "review", "collect", *files_given, "--data", str(round_data)) == [
        f"{vitality}:Mittarit!I{unemployment}: error: '135' is outside 0–100",
        f"{vitality}:Projektit!E{arm}: error: 'Käynissä' is not one of: Suunnitteilla, Käynnissä, Valmis, Tauolla, Peruttu (did you mean 'Käynnissä'?)",
        f"{finance}:Mittarit!I2: error: a formula (=1,2+0,3) is not accepted; type the value itself",
        f"{stale}: error: is for period '2025H2', not '2026H1'; fill in the workbook sent for '2026H1'",
    ]

    assert refused_lines(kemi, round_data, COLLECTED, "review", "collect", *files_given, "--lang", "fi", "--data", str(round_data)) == [
        f"{vitality}:Mittarit!I{unemployment}: virhe: '135' on rajojen 0–100 ulkopuolella",
        (f"{vitality}:Projektit!E{arm}: virhe: 'Käynissä' ei ole mikään näistä: Suunnitteilla, Käynnissä, Valmis, Tauolla, Peruttu "
        "(tarkoititko 'Käynnissä'?)"),
        f"{finance}:Mittarit!I2: virhe: kaavaa (=1,2+0,3) ei hyväksytä; kirjoita itse arvo",
        f"{stale}: virhe: on tarkoitettu kaudelle '2025H2' eikä '2026H1'; täytä työkirja, joka lähetettiin '2026H1' varten",
    ]

    fill_workbook(vitality, {f"Mittarit!I{unemployment}": 13.5, f"Projektit!E{arm}": "Käynnissä"})
    fill_workbook(finance, {"Mittarit!I2": -1.5})
    good = [str(vitality), str(finance), str(staff), str(technical)]
    accepted = kemi(COLLECTED, "review", "collect", *good, "--data", str(round_data))
    assert accepted.exit_code == 0, accepted.output
    assert "returned: Elinvoimajohtaja Ärrä, Talousjohtaja, Henkilöstöjohtaja, Tekninen johtaja" in accepted.output

    workspace = load_workspace(round_data)
    actual = {kpi.id: kpi.actuals[-1] for kpi in workspace.kpis if kpi.id in OWNERS}
    assert (actual["tyottomyysaste"].period, actual["tyottomyysaste"].value, actual["tyottomyysaste"].recorded_by) == ("2026H1", 13.5, "Elinvoimajohtaja Ärrä")
    assert (actual["asukkaat"].value, actual["poissaolot"].value) == (19420, 4.6)
    assert (actual["tilikauden_tulos"].period, actual["tilikauden_tulos"].value) == ("2025", -1.5)  # yearly: the year ended
    comment = next(c for c in workspace.review.commentary if c.id == "asukkaat")
    assert (comment.period, comment.text.fi, comment.written_by) == ("2026H1", "Muuttovoitto jatkui.", "Elinvoimajohtaja Ärrä")
    update = workspace.projects["uimahalli"].updates[-1]
    assert (update.status, update.text.fi if update.text else None, update.recorded_by) == ("active", "Suunnittelu alkoi.", "Tekninen johtaja")

    # The same files again change nothing, byte for byte.
    after = tree_hashes(round_data)
    again = kemi(COLLECTED, "review", "collect", *good, "--data", str(round_data))
    assert again.exit_code == 0, again.output
    assert tree_hashes(round_data) == after

    # In process, the period's one-line note on stderr follows the JSON.
    # A new round of requests shows what is recorded, to be confirmed or corrected.
    refreshed = requests(kemi, round_data, tmp_path / "uudet")["elinvoimajohtaja-arra.xlsx"]
    assert load_workbook(refreshed)["Mittarit"][f"I{residents}"].value == 19420
    assert load_workbook(refreshed)["Projektit"][f"E{arm}"].value == "Käynnissä"

    status, _ = json.JSONDecoder().raw_decode(kemi(COLLECTED, "status", "--json", "--data", str(round_data)).output)
    assert [r["owner"] for r in status["cycle"]["returned"]] == ["Elinvoimajohtaja Ärrä", "Talousjohtaja", "Henkilöstöjohtaja", "Tekninen johtaja"]
    screen = kemi(COLLECTED, "status", "--lang", "fi", "--data", str(round_data)).output
    assert "Työkirjansa palauttaneet (4): Elinvoimajohtaja Ärrä, Talousjohtaja, Henkilöstöjohtaja, Tekninen johtaja" in screen


def test_a_value_recorded_already_needs_replace(kemi, round_data: Path, tmp_path: Path) -> None:
    files = requests(kemi, round_data, tmp_path / "out")
    staff = files["henkilostojohtaja.xlsx"]
    set_before = kemi(COLLECTED, "kpi", "set", "poissaolot", "5,1", "--period", "2026H1", "--data", str(round_data))
    assert set_before.exit_code == 0, set_before.output
    fill_workbook(staff, {"Mittarit!I2": 4.6})
    assert refused_lines(kemi, round_data, COLLECTED, "review", "collect", str(staff), "--data", str(round_data)) == [
        f"{staff}:Mittarit!I2: error: KPI 'poissaolot' already has 5.1 for 2026H1; add --replace to record the new value (the old one is kept as history)"
    ]
    # The refusal of an edit command comes back in the screen's language too.
    [in_finnish] = refused_lines(kemi, round_data, COLLECTED, "review", "collect", str(staff), "--lang", "fi", "--data", str(round_data))
    assert in_finnish.startswith(f"{staff}:Mittarit!I2: virhe: mittarilla 'poissaolot' on jo arvo ")
    assert in_finnish.endswith(" kaudelle 2026H1; lisää --replace, niin uusi arvo kirjataan (vanha säilyy historiassa)")
    replaced = kemi(COLLECTED, "review", "collect", str(staff), "--replace", "--data", str(round_data))
    assert replaced.exit_code == 0, replaced.output
    kpi = load_workspace(round_data).kpi("poissaolot")
    assert kpi is not None and [(a.value, a.replaced_by) for a in kpi.actuals if a.period == "2026H1"] == [(5.1, "Henkilöstöjohtaja"), (4.6, None)]


def test_a_changed_structure_or_a_stranger_file_is_refused_whole(kemi, round_data: Path, tmp_path: Path) -> None:
    files = requests(kemi, round_data, tmp_path / "out")
    staff = files["henkilostojohtaja.xlsx"]
    fill_workbook(staff, {"Mittarit!B1": "Oma otsikko", "Mittarit!I2": 4.6})
    text_file = tmp_path / "muistio.xlsx"
    text_file.write_text("ei työkirja", encoding="utf-8")
    lines = refused_lines(kemi, round_data, COLLECTED, "review", "collect", str(staff), str(text_file), str(tmp_path / "puuttuu.xlsx"), "--data", str(round_data))
    assert lines[0] == f"{staff}:Mittarit!B1: error: the header is 'Oma otsikko', not 'Mittari'; columns cannot be moved, added or removed"
    assert lines[1].startswith(f"{text_file}: error: is not an xlsx workbook kemi can read")
    assert lines[2].startswith(f"{tmp_path / 'puuttuu.xlsx'}: error: cannot read")
    in_finnish = refused_lines(kemi, round_data, COLLECTED, "review", "collect", str(staff), str(text_file), "--lang", "fi", "--data", str(round_data))
    assert in_finnish[0] == f"{staff}:Mittarit!B1: virhe: otsikko on 'Oma otsikko' eikä 'Mittari'; sarakkeita ei saa siirtää, lisätä eikä poistaa"
    assert in_finnish[1].startswith(f"{text_file}: virhe: ei ole xlsx-työkirja, jonka kemi voi lukea")


def test_phase_statuses_come_back_as_the_projects_update(kemi, round_data: Path, tmp_path: Path) -> None:
    card_file = round_data / "projects" / "uimahalli.yaml"
    yaml = YAML()
    card = yaml.load(card_file)
    card["phases"] = [{"name": {"fi": "Suunnittelu", "en": "Design"}, "status": "active"},
                      {"name": {"fi": "Rakentaminen", "en": "Construction"}, "status": "planned"}]
    yaml.dump(card, card_file)
    technical = requests(kemi, round_data, tmp_path / "out")["tekninen-johtaja.xlsx"]
    phases = load_workbook(technical)["Vaiheet"]
    assert [[c.value for c in row] for row in phases.iter_rows(min_row=2)] == [
        ["uimahalli/1", "Uimahalli", "Suunnittelu", "Käynnissä", None],
        ["uimahalli/2", "Uimahalli", "Rakentaminen", "Suunnitteilla", None],
    ]
    fill_workbook(technical, {"Vaiheet!E2": "Valmiss", "Vaiheet!E3": "Käynnissä"})
    assert refused_lines(kemi, round_data, COLLECTED, "review", "collect", str(technical), "--data", str(round_data)) == [
        f"{technical}:Vaiheet!E2: error: 'Valmiss' is not one of: Suunnitteilla, Käynnissä, Valmis, Tauolla, Peruttu (did you mean 'Valmis'?)"
    ]
    fill_workbook(technical, {"Vaiheet!E2": "Valmis"})
    accepted = kemi(COLLECTED, "review", "collect", str(technical), "--data", str(round_data))
    assert accepted.exit_code == 0, accepted.output
    project = load_workspace(round_data).projects["uimahalli"]
    assert [(p.phase.fi, p.status) for p in project.updates[-1].phases] == [("Suunnittelu", "done"), ("Rakentaminen", "active")]
    assert [p.status for p in project.phases] == ["done", "active"]  # the card reads as the project stands now

    after = tree_hashes(round_data)
    assert kemi(COLLECTED, "review", "collect", str(technical), "--data", str(round_data)).exit_code == 0
    assert tree_hashes(round_data) == after
    refreshed = requests(kemi, round_data, tmp_path / "uudet")["tekninen-johtaja.xlsx"]
    assert [c.value for c in load_workbook(refreshed)["Vaiheet"]["E"][1:]] == ["Valmis", "Käynnissä"]


def test_a_workbook_from_another_workspace_is_refused(kemi, round_data: Path, tmp_path: Path) -> None:
    staff = requests(kemi, round_data, tmp_path / "out")["henkilostojohtaja.xlsx"]
    fill_workbook(staff, {"Mittarit!I2": 4.6})
    other = tmp_path / "toinen" / "data"
    shutil.copytree(round_data, other)
    strategy = other / "strategy.yaml"
    strategy.write_text(strategy.read_text(encoding="utf-8").replace("title: {fi: Kemin kaupungin strategia,", "title: {fi: Toinen strategia,"), encoding="utf-8")
    assert refused_lines(kemi, other, COLLECTED, "review", "collect", str(staff), "--data", str(other)) == [
        (f"{staff}: error: is for workspace 'Kemi: Kemin kaupungin strategia 2024–2030', not 'Kemi: Toinen strategia 2024–2030'; "
         "fill in the workbook sent for 'Kemi: Toinen strategia 2024–2030'")
    ]
