"""Values read safely by `kemi kpi set` and `kemi kpi import`: an ambiguous comma refused with both
readings, the unit forms kemi prints read back, a value far above everything known about its KPI
held for --force, and the same value again changing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kemi_cli.validate import load_workspace

from .conftest import tree_hashes

ENV = {"KEMI_TODAY": "2026-08-15", "KEMI_USER": "testi.kayttaja"}


@pytest.fixture
def kemi(cli, monkeypatch, data_dir: Path):
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)

    def run(*args: str):
        return cli(*args, "--data", str(data_dir))

    return run


def period_for(data_dir: Path, kpi_id: str) -> str:
    """A period at the KPI's own frequency: 2025 for a yearly KPI, 2026H1 for a half-yearly one."""
    return "2025" if load_workspace(data_dir).kpi(kpi_id).frequency == "year" else "2026H1"


@pytest.mark.parametrize("kpi_id", ["asukkaat", "kertynyt_alijaama", "tyottomyysaste", "kouluterveyskysely", "hyte_kerroin"])
def test_a_comma_before_three_digits_is_refused_for_every_unit(kemi, data_dir: Path, kpi_id: str) -> None:
    before = tree_hashes(data_dir)
    result = kemi("kpi", "set", kpi_id, "19,420", "--period", period_for(data_dir, kpi_id))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: value: '19,420' is ambiguous: a comma before exactly three digits may be a decimal sign (19,42) "
        "or a thousands separator (19420); write 19,42 for the first, 19420 or 19 420 for the second"
    )
    assert tree_hashes(data_dir) == before


@pytest.mark.parametrize(
    ("kpi_id", "typed", "stored"),
    [
        ("kertynyt_alijaama", "17,8 milj. €", "value: 17.8"),
        ("kertynyt_alijaama", "€17.8 million", "value: 17.8"),
        ("hyte_kerroin", "1 234,56 €", "value: 1234.56"),
        ("tyottomyysaste", "13,5 %", "value: 13.5"),
        ("asukkaat", "19 420", "value: 19420"),
    ],
)
def test_the_forms_kemi_prints_are_read_back(kemi, data_dir: Path, kpi_id: str, typed: str, stored: str) -> None:
    period = period_for(data_dir, kpi_id)
    result = kemi("kpi", "set", kpi_id, typed, "--period", period)
    assert result.exit_code == 0, result.stderr
    assert f"{kpi_id} {period}: " in result.stdout and " recorded in " in result.stdout
    assert stored in (data_dir / "kpis.yaml").read_text(encoding="utf-8")


def test_another_units_form_is_refused_with_the_forms_accepted(kemi, data_dir: Path) -> None:
    before = tree_hashes(data_dir)
    result = kemi("kpi", "set", "tyottomyysaste", "17,8 milj. €", "--period", "2026H1")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: value: '17,8 milj. €' is written in another unit: this KPI's values are a percentage from 0 to 100; write 13,5 or 13,5 %"
    assert tree_hashes(data_dir) == before


def test_a_value_far_above_everything_known_needs_force(kemi, data_dir: Path) -> None:
    before = tree_hashes(data_dir)
    refused = kemi("kpi", "set", "kertynyt_alijaama", "17 800 000", "--period", "2025")
    assert refused.exit_code == 2
    message = refused.stderr.strip()
    assert message.startswith("error: value '17 800 000' reads as 17800000, more than 100 times every figure known about KPI 'kertynyt_alijaama' (baseline €18.9\u00a0million")
    assert message.endswith("is it in millions of euros? Add --force to record it as it is")
    assert tree_hashes(data_dir) == before
    forced = kemi("kpi", "set", "kertynyt_alijaama", "17 800 000", "--period", "2025", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "value: 17800000" in (data_dir / "kpis.yaml").read_text(encoding="utf-8")


def test_a_value_near_what_is_known_needs_no_force(kemi) -> None:
    assert kemi("kpi", "set", "kertynyt_alijaama", "1890", "--period", "2025").exit_code == 0  # 100 times, not more


def test_the_same_value_again_changes_nothing(kemi, data_dir: Path) -> None:
    assert kemi("kpi", "set", "asukkaat", "19420", "--period", "2025H2").exit_code == 0
    before = tree_hashes(data_dir)
    for extra in ((), ("--replace",)):
        again = kemi("kpi", "set", "asukkaat", "19 420", "--period", "2025H2", *extra)
        assert again.exit_code == 0, again.stderr
        assert again.stdout.strip() == "asukkaat 2025H2: 19,420 already recorded, nothing changed"
        assert tree_hashes(data_dir) == before
    other = kemi("kpi", "set", "asukkaat", "19430", "--period", "2025H2")
    assert other.exit_code == 2 and "add --replace" in other.stderr


def test_replace_with_the_same_value_and_a_new_note_records_the_note(kemi, data_dir: Path) -> None:
    assert kemi("kpi", "set", "asukkaat", "19420", "--period", "2025H2").exit_code == 0
    result = kemi("kpi", "set", "asukkaat", "19420", "--period", "2025H2", "--replace", "--note", "tarkistettu")
    assert result.exit_code == 0, result.stderr
    assert "replaced 19,420" in result.stdout
    assert "note: tarkistettu" in (data_dir / "kpis.yaml").read_text(encoding="utf-8")


def test_import_reports_the_same_value_as_already_recorded(kemi, data_dir: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "toteuma.csv"
    csv_path.write_text("id,period,value\nasukkaat,2025H2,19420\n", encoding="utf-8")
    assert kemi("kpi", "import", str(csv_path)).exit_code == 0
    before = tree_hashes(data_dir)
    for extra in ((), ("--replace",)):
        again = kemi("kpi", "import", str(csv_path), *extra)
        assert again.exit_code == 0, again.stderr
        assert "0 value(s) recorded, 1 already recorded" in again.stdout
        assert tree_hashes(data_dir) == before


def test_import_refuses_an_ambiguous_comma_at_its_line(kemi, data_dir: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "toteuma.csv"
    csv_path.write_text('id;period;value\nasukkaat;2025H2;19420\ntyottomyysaste;2026H1;"12,500"\n', encoding="utf-8")
    before = tree_hashes(data_dir)
    result = kemi("kpi", "import", str(csv_path))
    assert result.exit_code == 1
    assert "toteuma.csv:3: error: value: '12,500' is ambiguous" in result.stderr
    assert tree_hashes(data_dir) == before
