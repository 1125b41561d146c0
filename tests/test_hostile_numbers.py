"""Numbers, years and settings at their edges: every number kemi accepts, on every path in, lies
within what it can format and compare (±10^15); periods and dates lie within 1900–2199; an
environment setting out of its range is refused with one line naming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import tree_hashes
from .test_hostile_input import Case, args, edit, refused, run, with_file
from .test_kpi_import_statistics import MAPPINGS, PXWEB, map_kpis

HUGE = "1" + "0" * 28  # 1e28: past Babel's 28 digits
ENORMOUS = "9" * 5000  # past Python's 4300 digits for reading an integer
SET = ("kpi", "set", "asukkaat")
LIST = ("kpi", "list")

FILE_CASES = {
    "file-value-1e28": Case(edit("kpis.yaml", "value: 927\n", f"value: {HUGE}\n", LIST), 1, "out of range: kemi takes numbers from −10^15 to 10^15", "kpis.yaml", HUGE),
    "file-value-float-huge": Case(edit("kpis.yaml", "value: 927\n", "value: 1.0e+308\n", ("report", "half-year", "--period", "2026H1", "-o", "-")), 1, "out of range", "kpis.yaml", "1.0e+308"),
    "file-value-1e400": Case(edit("kpis.yaml", "value: 927\n", "value: 1e400\n"), 1, "not a finite number", "kpis.yaml", "1e400"),
    "file-value-5000-digits": Case(edit("kpis.yaml", "value: 927\n", f"value: {ENORMOUS}\n", SET + ("1", "--period", "2026H1")), 1, "a number of 5,000 characters", "kpis.yaml", ENORMOUS[:50]),
    "file-target-negative-huge": Case(edit("kpis.yaml", "value: 930\n", f"value: -{HUGE}\n"), 1, "out of range", "kpis.yaml", HUGE),
    "file-period-year-0": Case(edit("kpis.yaml", "          value: 927\n", "          value: 927\n          period: 0000H1\n", LIST), 1, "the year 0 is outside 1900–2199", "kpis.yaml", "0000H1"),
    "file-date-year-1": Case(edit("projects/arm.yaml", "updates: []", "updates:\n  - {period: 2026H1, status: active, recorded_at: 0001-01-01}", ("project", "show", "arm")), 1, "0001-01-01: the year 1 is outside 1900–2199", "projects/arm.yaml", "0001-01-01"),
    "file-update-time-9999": Case(edit("projects/arm.yaml", "updates: []", "updates:\n  - {period: 2026H1, status: active, recorded_at: 9999-12-31T23:59:59}", ("report", "project", "arm", "-o", "-")), 1, "the year 9999 is outside", "projects/arm.yaml", "9999-12-31"),
    # values YAML resolves as dates and numbers but Python cannot make: located, not a ValueError
    "file-date-february-30": Case(edit("projects/arm.yaml", "updates: []", "updates:\n  - {period: 2026H1, status: active, recorded_at: 2026-02-30}", ("project", "update", "arm", "--status", "active", "--period", "2026H1")), 1, "'2026-02-30' cannot be read as a timestamp: day is out of range for month", "projects/arm.yaml", "2026-02-30"),
    "file-time-hour-25": Case(edit("kpis.yaml", "value: 927\n", "value: 927\n          recorded_at: 2026-01-01 25:00:00\n", LIST), 1, "hour must be in 0..23", "kpis.yaml", "25:00:00"),
    "file-period-year-9999": Case(edit("projects/arm.yaml", "updates: []", "updates:\n  - {period: 9999H2, status: active, recorded_at: 2026-07-01}"), 1, "the year 9999 is outside", "projects/arm.yaml", "9999H2"),
}

ARGUMENT_CASES = {
    "set-1e28": Case(args(*SET, HUGE, "--period", "2026H1", "--data", "{data}"), 2, "is out of range: kemi takes numbers from −10^15 to 10^15"),
    "set-5000-digits": Case(args(*SET, ENORMOUS, "--period", "2026H1", "--data", "{data}"), 2, "is out of range"),
    "set-forecast-huge": Case(args(*SET, "19400", "--forecast", HUGE, "--period", "2026H1", "--data", "{data}"), 2, "--forecast"),
    "set-period-year-0": Case(args(*SET, "19400", "--period", "0000H1", "--data", "{data}"), 2, "'0000H1' is not a period kemi takes: the year 0"),
    "set-date-year-1": Case(args(*SET, "19400", "--date", "0001-01-01", "--data", "{data}"), 2, "--date 0001-01-01: the year 1 is outside 1900–2199"),
    "report-period-year-0": Case(args("report", "half-year", "--period", "0000H1", "--data", "{data}", "-o", "-"), 2, "--period '0000H1'"),
    "kpi-list-period-9999": Case(args("kpi", "list", "--period", "9999H2", "--data", "{data}"), 2, "the year 9999"),
    "import-csv-huge": Case(with_file("t.csv", f"id,period,value\nasukkaat,2026H1,{HUGE}\n", "kpi", "import", "{tmp}/t.csv", "--data", "{data}"), 1, "t.csv:2: error: value"),
    "import-csv-year-0": Case(with_file("t.csv", "id,period,value\nasukkaat,0000H1,19400\n", "kpi", "import", "{tmp}/t.csv", "--data", "{data}"), 1, "t.csv:2: error: '0000H1'"),
    "import-csv-field-over-128k": Case(with_file("t.csv", "id,period,value,source\nasukkaat,2026H1,19400," + "x" * 200_000 + "\n", "kpi", "import", "{tmp}/t.csv", "--data", "{data}"), 1, "t.csv:2: error: --source: 200000 characters"),
}


@pytest.mark.parametrize("case", FILE_CASES.values(), ids=FILE_CASES.keys())
def test_a_number_or_year_out_of_range_in_a_file_is_located(case: Case, data_dir: Path, tmp_path: Path) -> None:
    message = refused(case, data_dir, tmp_path)
    assert message.split(":")[0].endswith(Path(case.file or "").name), message


@pytest.mark.parametrize("case", ARGUMENT_CASES.values(), ids=ARGUMENT_CASES.keys())
def test_a_number_or_year_out_of_range_as_an_argument_is_refused(case: Case, data_dir: Path, tmp_path: Path) -> None:
    refused(case, data_dir, tmp_path)


def test_the_largest_number_is_taken_and_shown(data_dir: Path) -> None:
    """The bound itself is a value kemi records, lists, shows and reports."""
    # --force: the bound is far beyond anything known about the KPI, which alone asks for it.
    assert run("kpi", "set", "tilikauden_tulos", "-1 000 000 000 000 000", "--period", "2025", "--force", "--data", str(data_dir)).exit_code == 0
    for arguments in (("kpi", "list"), ("kpi", "show", "tilikauden_tulos"), ("report", "half-year", "--period", "2026H1", "-o", "-")):
        result = run(*arguments, "--data", str(data_dir))
        assert result.exit_code == 0, result.stderr
        assert "000" in result.stdout


@pytest.mark.parametrize(
    "cell, fragment",
    [(1e400, "not a finite number"), (10**28, "out of range"), (19533, None)],
    ids=["infinite", "1e28", "ordinary"],
)
def test_pxweb_values_are_bounded(cell: object, fragment: str | None, data_dir: Path, tmp_path: Path) -> None:
    map_kpis(data_dir, {"asukkaat": MAPPINGS["asukkaat"]})
    table = json.loads(PXWEB.read_text(encoding="utf-8"))
    table["value"][4] = cell  # Kemi, 2025, population
    path = tmp_path / "taulukko.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    before = tree_hashes(data_dir)
    result = run("kpi", "import", str(path), "--data", str(data_dir))
    if fragment is None:
        assert result.exit_code == 0, result.stderr
        return
    assert result.exit_code == 1 and fragment in result.stderr, result.stderr
    assert tree_hashes(data_dir) == before


def test_a_pxweb_time_code_of_year_0_is_refused(data_dir: Path, tmp_path: Path) -> None:
    map_kpis(data_dir, {"asukkaat": MAPPINGS["asukkaat"]})
    table = json.loads(PXWEB.read_text(encoding="utf-8"))
    years = table["dimension"]["Vuosi"]["category"]
    years["index"] = {"0000": 0, "2024": 1, "2025": 2}
    years["label"] = {"0000": "0000", "2024": "2024", "2025": "2025"}
    path = tmp_path / "taulukko.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    before = tree_hashes(data_dir)
    result = run("kpi", "import", str(path), "--data", str(data_dir))
    assert result.exit_code == 1 and "the year 0 is outside 1900–2199" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and tree_hashes(data_dir) == before


@pytest.mark.parametrize(
    "variable, value, fragment",
    [
        ("KEMI_TODAY", "0001-01-01", "KEMI_TODAY 0001-01-01: the year 1 is outside 1900–2199"),
        ("KEMI_TODAY", "9999-12-31", "the year 9999"),
        ("SOURCE_DATE_EPOCH", "99999999999999999", "SOURCE_DATE_EPOCH='99999999999999999' is out of range"),
        ("SOURCE_DATE_EPOCH", "9" * 400, "is out of range"),
        ("KEMI_MAX_FILE_BYTES", "99999999999999999999", "KEMI_MAX_FILE_BYTES='99999999999999999999' is not a whole number from 1 to 1073741824"),
        ("KEMI_MAX_FILE_BYTES", "lots", "KEMI_MAX_FILE_BYTES='lots'"),
        ("KEMI_LOCK_TIMEOUT", "1e400", "KEMI_LOCK_TIMEOUT='1e400' is not a number from 0.001 to 86400"),
        ("KEMI_LOCK_TIMEOUT", "nan", "KEMI_LOCK_TIMEOUT='nan'"),
    ],
)
def test_an_environment_setting_out_of_range_is_one_line(run_kemi, variable: str, value: str, fragment: str, data_dir: Path, tmp_path: Path) -> None:
    """Through the real entry point: each setting is read by the command that needs it."""
    command = {
        "KEMI_TODAY": ("kpi", "list"),
        "SOURCE_DATE_EPOCH": ("report", "strategy", "-o", str(tmp_path / "s.md")),
        "KEMI_MAX_FILE_BYTES": ("validate",),
        "KEMI_LOCK_TIMEOUT": ("kpi", "set", "asukkaat", "19400", "--period", "2026H1"),
    }[variable]
    before = tree_hashes(tmp_path)
    result = run_kemi(*command, "--data", str(data_dir), env={"KEMI_TODAY": "2026-08-15", variable: value})
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and fragment in errors[0], result.stderr
    assert "Traceback" not in result.stderr and tree_hashes(tmp_path) == before
