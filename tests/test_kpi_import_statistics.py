"""`kemi kpi import` of a PxWeb table saved as JSON-stat2 and of a Sotkanet CSV, through the
KPIs' `import_from` mappings (the sample files in tests/fixtures/ are made up)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kemi_cli.importers.jsonstat import time_period
from kemi_cli.validate import validate_workspace

from .conftest import REPO, edit_each_kpi, tree_hashes

FIXTURES = REPO / "tests" / "fixtures"
PXWEB = FIXTURES / "pxweb-vaesto-tyottomyys.json"
SOTKANET = FIXTURES / "sotkanet-kemi.csv"
ENV = {"KEMI_TODAY": "2026-08-15", "KEMI_USER": "testi.kayttaja"}
# The sample files give yearly figures; the KPIs mapped to them are measured yearly here, whatever
# the shipped data says of them.
MAPPINGS: dict[str, Any] = {
    "asukkaat": {"pxweb": {"table": "kemi_test_pxt_0001", "dimensions": {"Alue": "KU240", "Tiedot": "vaesto"}}},
    "tyottomyysaste": {"pxweb": {"table": "kemi_test_pxt_0001.px", "dimensions": {"Alue": "KU240", "Tiedot": "tyottomyysaste"}}},
    "tea_viisari": {"sotkanet": {"indicator": 9001, "region": 240}},
    "rakennetyottomat": {"sotkanet": {"indicator": 9002, "region": 240, "value": "absolute"}},
}


def map_kpis(data_dir: Path, mappings: dict[str, Any], frequency: str = "year") -> None:
    def map_one(kpi: Any) -> None:
        if kpi["id"] in mappings:
            kpi["import_from"] = mappings[kpi["id"]]
            kpi["frequency"] = frequency

    edit_each_kpi(data_dir, map_one)


def current(data_dir: Path) -> dict[tuple[str, str], tuple[float, str | None]]:
    workspace = validate_workspace(data_dir).workspace
    assert workspace is not None
    return {(k.id, a.period): (a.value, a.source) for k in workspace.kpis for a in k.actuals if a.is_current}


@pytest.fixture
def mapped_data(data_dir: Path) -> Path:
    map_kpis(data_dir, MAPPINGS)
    assert validate_workspace(data_dir).errors == []
    return data_dir


def kemi_import(run_kemi: Callable, data_dir: Path, path: Path, *extra: str):
    return run_kemi("kpi", "import", str(path), "--data", str(data_dir), *extra, env=ENV, cwd=path.parent)


def test_pxweb_table_fills_every_mapped_kpi(run_kemi: Callable, mapped_data: Path) -> None:
    result = kemi_import(run_kemi, mapped_data, PXWEB)
    assert result.returncode == 0, result.stderr
    assert "5 value(s) recorded, 1 left aside" in result.stdout
    source = "Tilastokeskus, kemi_test_pxt_0001"
    assert current(mapped_data) == {
        ("asukkaat", "2023"): (19711, source),
        ("asukkaat", "2024"): (19604, source),
        ("asukkaat", "2025"): (19533, source),
        ("tyottomyysaste", "2024"): (14.2, source),  # 2023 is null in the file: left aside
        ("tyottomyysaste", "2025"): (13.9, source),
    }
    again = kemi_import(run_kemi, mapped_data, PXWEB, "--format", "pxweb")
    assert again.returncode == 0, again.stderr
    assert "0 value(s) recorded, 5 already recorded" in again.stdout


def test_sotkanet_csv_takes_region_gender_and_value_column(run_kemi: Callable, mapped_data: Path) -> None:
    result = run_kemi("-v", "kpi", "import", str(SOTKANET), "--data", str(mapped_data), env=ENV)
    assert result.returncode == 0, result.stderr
    assert "4 value(s) recorded, 1 left aside" in result.stdout
    assert "read as sotkanet" in result.stderr and "sotkanet-kemi.csv:4: KPI 'tea_viisari' 2025: no value" in result.stderr
    values = {key: value for key, (value, _) in current(mapped_data).items()}
    assert values == {
        ("tea_viisari", "2023"): 71.5,
        ("tea_viisari", "2024"): 72.0,
        ("rakennetyottomat", "2024"): 512,
        ("rakennetyottomat", "2025"): 489,
    }
    assert current(mapped_data)[("tea_viisari", "2023")][1] == "THL Sotkanet, indikaattori 9001"


def test_a_bad_value_refuses_the_whole_file(run_kemi: Callable, mapped_data: Path, tmp_path: Path) -> None:
    bad = tmp_path / "sotkanet.csv"
    bad.write_text(
        SOTKANET.read_text(encoding="utf-8").replace("9001;240;2024;total;72,0;", "9001;240;2024;total;172,0;")
        .replace("9002;240;2025;total;3,9;489", "9002;240;2025;total;3,9;48,9"),
        encoding="utf-8",
    )
    before = tree_hashes(mapped_data)
    result = kemi_import(run_kemi, mapped_data, bad)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("sotkanet.csv:3: error: value '172,0' reads as 172") and "scale 0–100" in lines[0]
    assert lines[1].startswith("sotkanet.csv:8: error: value '48,9'") and "not a whole number" in lines[1]
    assert tree_hashes(mapped_data) == before


def test_a_different_value_for_a_recorded_period_needs_replace(run_kemi: Callable, mapped_data: Path) -> None:
    assert run_kemi("kpi", "set", "asukkaat", "19700", "--period", "2023", "--data", str(mapped_data), env=ENV).returncode == 0
    before = tree_hashes(mapped_data)
    refused = kemi_import(run_kemi, mapped_data, PXWEB)
    assert refused.returncode == 1
    assert refused.stderr.startswith("pxweb-vaesto-tyottomyys.json: error: KPI 'asukkaat', Vuosi 2023: KPI 'asukkaat' already has 19700")
    assert tree_hashes(mapped_data) == before
    replaced = kemi_import(run_kemi, mapped_data, PXWEB, "--replace")
    assert replaced.returncode == 0 and "1 of them replacing" in replaced.stdout


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"asukkaat": {"pxweb": {"table": "other_table"}}}, "no KPI in kpis.yaml takes its figures from table 'kemi_test_pxt_0001'"),
        ({"asukkaat": {"pxweb": {"table": "kemi_test_pxt_0001", "dimensions": {"Alue": "KU241", "Tiedot": "vaesto"}}}},
         "dimension 'Alue' has no category 'KU241' (did you mean 'KU240'?)"),
        ({"asukkaat": {"pxweb": {"table": "kemi_test_pxt_0001", "dimensions": {"Alue": "KU240"}}}},
         "choose a category of dimension 'Tiedot' in dimensions: vaesto, tyottomyysaste"),
        ({"asukkaat": {"pxweb": {"table": "pxt_0001", "dimensions": {"Alue": "KU240", "Tiedto": "vaesto"}}}},
         "the file has no dimension 'Tiedto' (did you mean 'Tiedot'?)"),
        ({"tyottomyysaste": {"pxweb": {"table": "kemi_test_pxt_0001", "dimensions": {"Alue": "KU240", "Tiedot": "vaesto"}}}},
         "reads as 19711, which is outside 0–100"),
    ],
)
def test_pxweb_mapping_problems_are_named(run_kemi: Callable, data_dir: Path, mapping: dict, message: str) -> None:
    map_kpis(data_dir, mapping)
    before = tree_hashes(data_dir)
    result = kemi_import(run_kemi, data_dir, PXWEB)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_hashes(data_dir) == before


def test_not_json_stat_is_refused(run_kemi: Callable, mapped_data: Path, tmp_path: Path) -> None:
    cases = {
        "rikki.json": ('{"version": "2.0",', "rikki.json:1:19: error: not valid JSON"),
        "vanha.json": ('{"dataset": {"value": []}}', "not a JSON-stat2 dataset"),
        "koko.json": (json.dumps({**json.loads(PXWEB.read_text(encoding="utf-8")), "size": [2, 3, 3]}), "has 2 categories, its size says 3"),
    }
    before = tree_hashes(mapped_data)
    for name, (text, message) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = kemi_import(run_kemi, mapped_data, path)
        assert result.returncode == 1, name
        assert message in result.stderr, (name, result.stderr)
    assert tree_hashes(mapped_data) == before


def test_months_and_quarters_give_the_half_year_they_end(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    assert [time_period(c) for c in ("2025", "2025H2", "2025M06", "2025M12", "2025Q2", "2025Q4")] == [
        "2025", "2025H2", "2025H1", "2025H2", "2025H1", "2025H2"
    ]
    assert time_period("2025M05") is None and time_period("2025Q3") is None
    with pytest.raises(ValueError, match="not a year"):
        time_period("2025W12")

    table = {
        "version": "2.0", "class": "dataset", "id": ["Kuukausi"], "size": [3], "role": {"time": ["Kuukausi"]},
        "dimension": {"Kuukausi": {"category": {"index": ["2025M05", "2025M06", "2025M12"]}}},
        "value": [13.0, 13.1, 12.4], "extension": {"px": {"tableid": "kemi_test_pxt_0002"}},
    }
    path = tmp_path / "kuukaudet.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    map_kpis(data_dir, {"tyottomyysaste": {"pxweb": {"table": "kemi_test_pxt_0002"}}}, frequency="half-year")
    result = kemi_import(run_kemi, data_dir, path)
    assert result.returncode == 0, result.stderr
    assert {k: v for k, (v, _) in current(data_dir).items()} == {
        ("tyottomyysaste", "2025H1"): 13.1, ("tyottomyysaste", "2025H2"): 12.4
    }


def test_sotkanet_without_a_mapped_indicator_or_region(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "sotkanet.csv"
    shutil.copy(SOTKANET, copy)
    result = kemi_import(run_kemi, data_dir, copy)
    assert result.returncode == 1 and "takes its figures from the file's indicators (9001, 9002)" in result.stderr
    map_kpis(data_dir, {"tea_viisari": {"sotkanet": {"indicator": 9001, "region": 241}}})
    result = kemi_import(run_kemi, data_dir, copy)
    assert result.returncode == 1
    assert "KPI 'tea_viisari': no row of indicator 9001 for region 241 and gender total; the file has regions 240, 999" in result.stderr


def test_an_empty_mapping_is_invalid_data(run_kemi: Callable, data_dir: Path) -> None:
    map_kpis(data_dir, {"asukkaat": {}})
    result = run_kemi("validate", "--data", str(data_dir))
    assert result.returncode == 1
    assert "import_from needs pxweb or sotkanet" in result.stderr


def test_a_table_over_the_size_limit_is_refused_unread(run_kemi: Callable, mapped_data: Path, tmp_path: Path) -> None:
    limit = max(p.stat().st_size for p in mapped_data.rglob("*.yaml"))  # the data files themselves fit
    path = tmp_path / "iso.json"
    path.write_bytes(PXWEB.read_bytes().ljust(limit + 10))
    before = tree_hashes(mapped_data)
    result = run_kemi("kpi", "import", str(path), "--data", str(mapped_data), env={**ENV, "KEMI_MAX_FILE_BYTES": str(limit)}, cwd=tmp_path)
    assert result.returncode == 1
    assert f"iso.json: error: file is {limit + 10:,} bytes, over the limit of {limit:,} (KEMI_MAX_FILE_BYTES)" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_hashes(mapped_data) == before


@pytest.mark.parametrize("fixture", [PXWEB, SOTKANET], ids=["pxweb", "sotkanet"])
def test_yearly_figures_are_refused_for_a_half_yearly_kpi(run_kemi: Callable, data_dir: Path, fixture: Path) -> None:
    map_kpis(data_dir, MAPPINGS, frequency="half-year")
    before = tree_hashes(data_dir)
    result = kemi_import(run_kemi, data_dir, fixture)
    assert result.returncode == 1
    assert "is measured every half-year: give 2025H1 or 2025H2, not 2025" in result.stderr
    assert all(line.startswith(fixture.name) for line in result.stderr.strip().splitlines())
    assert tree_hashes(data_dir) == before


def test_half_year_figures_are_refused_for_a_yearly_kpi(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    table = {
        "version": "2.0", "class": "dataset", "id": ["Kuukausi"], "size": [1], "role": {"time": ["Kuukausi"]},
        "dimension": {"Kuukausi": {"category": {"index": ["2025M12"]}}},
        "value": [12.4], "extension": {"px": {"tableid": "kemi_test_pxt_0002"}},
    }
    path = tmp_path / "kuukaudet.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    map_kpis(data_dir, {"tyottomyysaste": {"pxweb": {"table": "kemi_test_pxt_0002"}}}, frequency="year")
    before = tree_hashes(data_dir)
    result = kemi_import(run_kemi, data_dir, path)
    assert result.returncode == 1
    assert "kuukaudet.json: error: KPI 'tyottomyysaste', Kuukausi 2025M12: KPI 'tyottomyysaste' is measured yearly: give a year such as 2025, not 2025H2" in result.stderr
    assert tree_hashes(data_dir) == before


# A statistics file's problems and what -v leaves aside, said in either language: (mapping,
# file, the Finnish line, the English one).
IN_EITHER_LANGUAGE = [
    ({"asukkaat": {"pxweb": {"table": "kemi_test_pxt_0001", "dimensions": {"Alue": "KU241", "Tiedot": "vaesto"}}}}, PXWEB,
     "virhe: mittari 'asukkaat' (import_from.pxweb): ulottuvuudessa 'Alue' ei ole luokkaa 'KU241' (tarkoititko 'KU240'?): KU240, KU999",
     "error: KPI 'asukkaat' (import_from.pxweb): dimension 'Alue' has no category 'KU241' (did you mean 'KU240'?): KU240, KU999"),
    ({"asukkaat": {"pxweb": {"table": "other"}}}, PXWEB,
     ("virhe: mikään tiedoston kpis.yaml mittari ei saa lukujaan taulukosta 'kemi_test_pxt_0001' (import_from.pxweb.table); "
      "mittareille on määritetty taulukot other"),
     "error: no KPI in kpis.yaml takes its figures from table 'kemi_test_pxt_0001' (import_from.pxweb.table); the KPIs map other"),
    ({"tea_viisari": {"sotkanet": {"indicator": 9001, "region": 241}}}, SOTKANET,
     ("virhe: mittari 'tea_viisari': tiedostossa ei ole indikaattorin 9001 riviä alueelle 241 ja sukupuolelle total; "
      "tiedoston alueet ovat 240, 999"),
     "error: KPI 'tea_viisari': no row of indicator 9001 for region 241 and gender total; the file has regions 240, 999"),
    (MAPPINGS, PXWEB, "kemi: jätetty pois: mittari 'tyottomyysaste', Vuosi 2023: tiedostossa ei ole arvoa",
     "kemi: left aside: KPI 'tyottomyysaste', Vuosi 2023: no value in the file"),
]


@pytest.mark.parametrize(("mapping", "path", "finnish", "english"), IN_EITHER_LANGUAGE, ids=["category", "table", "region", "left-aside"])
def test_a_statistics_files_problems_in_either_language(
    run_kemi: Callable, data_dir: Path, tmp_path: Path, mapping: dict, path: Path, finnish: str, english: str
) -> None:
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    map_kpis(data_dir, mapping)
    for lang, expected in (("fi", finnish), ("en", english)):
        before = tree_hashes(data_dir)
        result = kemi_import(run_kemi, data_dir, copy, "--lang", lang, "-v")
        assert expected in [line.removeprefix(f"{path.name}: ") for line in result.stderr.splitlines()], result.stderr
        assert "Traceback" not in result.stderr
        if result.returncode != 0:  # a refused file changes nothing
            assert result.returncode == 1 and tree_hashes(data_dir) == before
