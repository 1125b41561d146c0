"""`kemi kpi import FILE.csv`: all or nothing, every bad row reported as FILE.csv:LINE."""

from __future__ import annotations

import shutil
from pathlib import Path

from kemi_cli.validate import validate_workspace

from .conftest import SHIPPED_DATA, tree_hashes

ENV = {"KEMI_TODAY": "2026-08-15", "KEMI_USER": "testi.kayttaja"}


def kemi_import(run_kemi, data_dir: Path, csv_path: Path, *extra: str):
    return run_kemi("kpi", "import", str(csv_path), "--data", str(data_dir), *extra, env=ENV, cwd=csv_path.parent)


def current_values(data_dir: Path) -> dict[tuple[str, str], float]:
    workspace = validate_workspace(data_dir).workspace
    assert workspace is not None
    return {(k.id, a.period): a.value for k in workspace.kpis for a in k.actuals if a.is_current}


def test_imports_every_row(run_kemi, data_dir: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "toteuma.csv"
    csv_path.write_text(
        "id,period,value,source,note\n"
        'asukkaat,2025H2,"19 420",Tilastokeskus,\n'
        'tyottomyysaste,2025H2,"14,1 %",TEM,"ennakko, tarkistetaan"\n'
        "yopymiset,2025,100500,,\n",
        encoding="utf-8",
    )
    result = kemi_import(run_kemi, data_dir, csv_path)
    assert result.returncode == 0, result.stderr
    assert "3 value(s) recorded" in result.stdout
    assert current_values(data_dir) == {
        ("asukkaat", "2025H2"): 19420,
        ("tyottomyysaste", "2025H2"): 14.1,
        ("yopymiset", "2025"): 100500,
    }
    workspace = validate_workspace(data_dir).workspace
    assert workspace.kpi("tyottomyysaste").actuals[0].note == "ennakko, tarkistetaan"


def test_semicolons_a_byte_order_mark_and_any_column_order(run_kemi, data_dir: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "excel.csv"
    csv_path.write_bytes("\ufeffvalue;id;period\r\n13,5;tyottomyysaste;2026H1\r\n\r\n19 400;asukkaat;2026H1\r\n".encode())
    result = kemi_import(run_kemi, data_dir, csv_path)
    assert result.returncode == 0, result.stderr
    assert current_values(data_dir) == {("tyottomyysaste", "2026H1"): 13.5, ("asukkaat", "2026H1"): 19400}


def test_any_bad_row_refuses_all_and_every_bad_row_is_reported(run_kemi, data_dir: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "huono.csv"
    csv_path.write_text(
        "id,period,value,source,note\n"  # 1
        'asukkaat,2025H2,"19 420",,\n'  # 2 good
        "asukaat,2025H2,5,,\n"  # 3 unknown id
        "tyottomyysaste,2025X,5,,\n"  # 4 bad period
        "tyottomyysaste,2026H1,abc,,\n"  # 5 not a number
        'asukkaat,2026H1,"1,234.5",,\n'  # 6 mixed separators
        "tyottomyysaste,2025H1,120,,\n"  # 7 out of bounds
        "yritykset,2025H2,1\n"  # 8 good: empty trailing cells may be left out
        "yritykset,2025H2,2,,\n"  # 9 duplicate of line 8
        "yritykset,2025H1\n"  # 10 too few columns
        "yritykset,2028,5,,\n"  # 11 period not begun
        "yritykset,,5,,\n",  # 12 no period
        encoding="utf-8",
    )
    before = tree_hashes(data_dir)
    result = kemi_import(run_kemi, data_dir, csv_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert [line.split(": error: ")[0] for line in lines] == [f"huono.csv:{n}" for n in (3, 4, 5, 6, 7, 9, 10, 11, 12)]
    assert "did you mean 'asukkaat'" in lines[0]
    assert "'2025X' is not a period" in lines[1]
    assert "'abc' is not a number" in lines[2]
    assert "both a comma and a point" in lines[3]
    assert "outside 0–100" in lines[4]
    assert "also on line 8" in lines[5]
    assert "2 columns, the header has 5" in lines[6]
    assert "has not begun yet" in lines[7]
    assert "the period is empty" in lines[8]
    assert tree_hashes(data_dir) == before


def test_a_value_already_recorded_refuses_all_unless_replace(run_kemi, data_dir: Path, tmp_path: Path) -> None:
    first = tmp_path / "eka.csv"
    first.write_text("id,period,value\nasukkaat,2025H2,19420\n", encoding="utf-8")
    assert kemi_import(run_kemi, data_dir, first).returncode == 0
    second = tmp_path / "toka.csv"
    second.write_text("id,period,value\nyritykset,2025H2,925\nasukkaat,2025H2,19430\n", encoding="utf-8")
    before = tree_hashes(data_dir)
    refused = kemi_import(run_kemi, data_dir, second)
    assert refused.returncode == 1
    assert refused.stderr.startswith("toka.csv:3: error: KPI 'asukkaat' already has 19420 for 2025H2")
    assert tree_hashes(data_dir) == before

    replaced = kemi_import(run_kemi, data_dir, second, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert "1 of them replacing" in replaced.stdout
    assert current_values(data_dir) == {("asukkaat", "2025H2"): 19430, ("yritykset", "2025H2"): 925}


def test_bad_files_are_refused(run_kemi, data_dir: Path, tmp_path: Path) -> None:
    before = tree_hashes(data_dir)
    cases = {
        "tyhja.csv": (b"", "tyhja.csv:1: error: the file is empty"),
        "otsake.csv": (b"id,period,valeu\nasukkaat,2025H2,1\n", "unknown column 'valeu' (did you mean 'value'?)"),
        "puuttuu.csv": (b"id,value\nasukkaat,1\n", "lacks the column(s) period"),
        "vain.csv": (b"id,period,value\n", "no rows to import"),
        "latin1.csv": ("id,period,value,note\nasukkaat,2025H2,1,hyvä\n".encode("latin-1"), "latin1.csv:2: error: not valid UTF-8"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = kemi_import(run_kemi, data_dir, path)
        assert result.returncode == 1, (name, result.stderr)
        assert message in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr
    missing = kemi_import(run_kemi, data_dir, tmp_path / "ei-ole.csv")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    assert tree_hashes(data_dir) == before


def test_reads_back_the_csv_kemi_exports_for_finnish_excel(run_kemi, data_dir: Path, tmp_path: Path) -> None:
    """What `kpi export` writes for people (BOM, semicolons, decimal commas, Finnish or English
    headers) imports into another copy of the data as the same current values; the KPIs without
    a value and the replaced values are passed over. The figures are made up."""
    for args in (
        ("asukkaat", "19 420", "--period", "2025H2"),
        ("tyottomyysaste", "13,9", "--period", "2025H2"),
        ("tyottomyysaste", "13,5", "--period", "2025H2", "--replace", "--source", "=TEM, ennakko"),
        ("tilikauden_tulos", "-1,25", "--period", "2025"),
    ):
        recorded = run_kemi("kpi", "set", *args, "--data", str(data_dir), env=ENV)
        assert recorded.returncode == 0, recorded.stderr
    for lang in ("fi", "en"):
        exported = tmp_path / f"toteuma-{lang}.csv"
        result = run_kemi("kpi", "export", "-o", str(exported), "--lang", lang, "--data", str(data_dir), env=ENV)
        assert result.returncode == 0, result.stderr
        assert exported.read_bytes().startswith(b"\xef\xbb\xbf") and b";" in exported.read_bytes().split(b"\r\n")[0]
        target = tmp_path / f"toinen-{lang}"
        shutil.copytree(SHIPPED_DATA, target)
        imported = kemi_import(run_kemi, target, exported)
        assert imported.returncode == 0, imported.stderr
        assert current_values(target) == current_values(data_dir) == {
            ("asukkaat", "2025H2"): 19420, ("tyottomyysaste", "2025H2"): 13.5, ("tilikauden_tulos", "2025"): -1.25,
        }
        sources = {(k.id, a.period): a.source for k in validate_workspace(target).workspace.kpis for a in k.actuals}  # type: ignore[union-attr]
        assert sources[("tyottomyysaste", "2025H2")] == "=TEM, ennakko"
