"""`kemi validate` on the shipped data and on every kind of bad input: one located message each,
the right exit code, no traceback, and no file changed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import tree_hashes


def line_of(path: Path, needle: str) -> int:
    """1-based number of the first line of `path` that contains `needle`."""
    for number, line in enumerate(path.read_bytes().splitlines(), start=1):
        if needle.encode() in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_shipped_data_is_valid_with_data_gaps_as_warnings(run_kemi: Callable, tmp_path: Path) -> None:
    from .conftest import SHIPPED_DATA

    result = run_kemi("validate", "--data", str(SHIPPED_DATA), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "0 error(s)" in result.stdout
    assert "22 KPIs, 25 projects, 11 challenges" in result.stdout
    # Data gaps are warnings, each located.
    assert "kpis.yaml:" in result.stderr and ": warning: KPI 'tilikauden_tulos' has no baseline value" in result.stderr
    assert "warning: project 'arm' card has empty fields" in result.stderr


def test_strict_turns_warnings_into_failure(run_kemi: Callable, data_dir: Path) -> None:
    result = run_kemi("validate", "--data", str(data_dir), "--strict")
    assert result.returncode == 1
    assert result.stdout.startswith("FAILED")


def test_json_output_lists_every_finding(run_kemi: Callable, data_dir: Path) -> None:
    replace_in(data_dir / "kpis.yaml", "unit: count", "unit: kount")
    result = run_kemi("validate", "--data", str(data_dir), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["errors"] == 1
    error = next(f for f in report["findings"] if f["severity"] == "error")
    assert set(error) == {"file", "line", "column", "severity", "message"}
    assert error["line"] == line_of(data_dir / "kpis.yaml", "unit: kount")
    assert "did you mean 'count'" in error["message"]


def test_kemi_data_environment_variable_and_any_working_folder(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_kemi("validate", "-q", cwd=elsewhere, env={"KEMI_DATA": str(data_dir)})
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout


# Each case: (file to break, how, text on the offending line or None for line 1, message fragment).
Breaker = Callable[[Path], None]


def _write(relative: str, content: str | bytes) -> Breaker:
    def breaker(data: Path) -> None:
        target = data / relative
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")

    return breaker


def _replace(relative: str, old: str, new: str) -> Breaker:
    return lambda data: replace_in(data / relative, old, new)


def _folder(relative: str) -> Breaker:
    def breaker(data: Path) -> None:
        (data / relative).unlink()
        (data / relative).mkdir()

    return breaker


BAD_INPUT = [
    pytest.param("kpis.yaml", _replace("kpis.yaml", "    kpis:\n      - id: asukkaat", "    kpis:\n      - id: asukkaat\n     bad: ["), "bad: [", "YAML syntax error", id="yaml-syntax"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "value: 927", "value: lots"), "value: lots", "expected a number, got 'lots'", id="wrong-type-number"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "unit: count", "unti: count"), "unti: count", "unknown key 'unti' (did you mean 'unit'?)", id="unknown-key-did-you-mean"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "direction: increase", "direction: upwards"), "direction: upwards", "'upwards' is not allowed here; use one of: increase, decrease, at_least, at_most", id="bad-literal"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "      - id: yritykset\n", "      - id: asukkaat  # a copy\n"), "asukkaat  # a copy", "duplicate KPI id 'asukkaat'", id="duplicate-id"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "serves: [talous]", "serves: [talos]"), "serves: [talos]", "unknown goal or objective 'talos' (did you mean 'talous'?)", id="dangling-serves"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "        name: {fi: Yritysten määrä, en: Number of businesses}", "        name: {fi: Yritysten määrä}"), "name: {fi: Yritysten määrä}", "missing the English text ('en')", id="missing-language"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "        name: {fi: Yritysten määrä, en: Number of businesses}", "        name: Yritysten määrä"), "name: Yritysten määrä", "expected text in both languages", id="text-not-a-pair"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "        actuals: []\n\n      - id: yritykset", "        actuals:\n          - {period: 2026H3, value: 1, recorded_at: 2026-07-01}\n\n      - id: yritykset"), "2026H3", "'2026H3' is not a period", id="bad-period"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "value: 927", "value: 927\n          value: 928"), "value: 928", "duplicate key 'value'", id="duplicate-key"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "unit: count", "unit: !!python/object/apply:os.system ['echo pwned']"), "python/object", "the tag '!!python/object/apply:os.system' is not allowed", id="unsafe-tag"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "        unit: count\n", "        unit: &u count\n        scale: *u\n"), "scale: *u", "YAML aliases", id="alias"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "        unit: count\n", "        unit:\tcount\n"), "unit:\tcount", "a tab character cannot indent YAML", id="tab"),
    pytest.param("kpis.yaml", _write("kpis.yaml", ""), None, "file is empty", id="empty-file"),
    pytest.param("kpis.yaml", lambda data: (data / "kpis.yaml").unlink(), None, "file not found", id="missing-file"),
    pytest.param("kpis.yaml", _folder("kpis.yaml"), None, "is a folder, expected a YAML file", id="folder-not-file"),
    pytest.param("kpis.yaml", lambda data: (data / "kpis.yaml").write_bytes((data / "kpis.yaml").read_bytes().replace("Yritysten määrä".encode(), "Yritysten m\xe4\xe4r\xe4".encode("latin-1"), 1)), "Yritysten m", "not valid UTF-8", id="not-utf8"),
    pytest.param("kpis.yaml", _write("kpis.yaml", "- just\n- a list\n"), None, "expected a mapping of keys at the top of the file", id="top-level-list"),
    pytest.param("strategy.yaml", _replace("strategy.yaml", "  - number: 11\n", "  - number: 12\n"), "number: 12", "challenge number 12, expected 11", id="challenge-numbering"),
    pytest.param("strategy.yaml", _replace("strategy.yaml", "start: 2024", "start: 2024.5"), "start: 2024.5", "expected a whole number, got 2024.5", id="period-not-integer"),
    pytest.param("projects/arm.yaml", _replace("projects/arm.yaml", "sectors: [elinvoima]", "sectors: [elinvoma]"), "sectors: [elinvoma]", "unknown sector 'elinvoma' (did you mean 'elinvoima'?)", id="dangling-sector"),
    pytest.param("projects/arm.yaml", _replace("projects/arm.yaml", "id: arm", "id: arm2"), "id: arm2", "does not match the file name 'arm.yaml'", id="id-file-mismatch"),
    pytest.param("projects/arm.yaml", _replace("projects/arm.yaml", "id: arm", "id: ÄRM"), "id: ÄRM", "is not a valid id", id="id-not-slug"),
    pytest.param("strategy.yaml", lambda data: (data / "projects" / "arm.yaml").unlink(), "- arm", "no project card 'arm' in projects/", id="dangling-sector-project"),
    pytest.param("projects/arm.yaml", _replace("projects/arm.yaml", "updates: []", "updates:\n  - {period: 2026H1, progress: 140, recorded_at: 2026-07-01}"), "progress: 140", "less than or equal to 100", id="progress-out-of-range"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "needs_confirmation: [serves, data_source, frequency]", "needs_confirmation: [serves, data_sorce, frequency]"), "data_sorce", "'data_sorce' is not allowed here; use one of: unit, scale, direction, frequency, baseline, target, serves, data_source (did you mean 'data_source'?)", id="confirm-unknown-field"),
    pytest.param("kpis.yaml", _replace("kpis.yaml", "needs_confirmation: [serves, data_source, frequency]", "needs_confirmation: true"), "needs_confirmation: true", "needs_confirmation lists the fields that await confirmation, e.g. [baseline, target], not true or false", id="confirm-old-flag"),
    pytest.param("strategy.yaml", _replace("strategy.yaml", "needs_confirmation: [start, end]", "needs_confirmation: [start, goals]"), "needs_confirmation: [start, goals]", "'goals' is not allowed here; use one of: start, end", id="confirm-period-field"),
    pytest.param("projects/arm.yaml", _replace("projects/arm.yaml", "goals: []", "goals: []\nneeds_confirmation: [owner]"), "needs_confirmation: [owner]", "'owner' is not allowed here; use one of: sectors, goals, start, end", id="confirm-card-field"),
]


@pytest.mark.parametrize(("relative", "breaker", "needle", "fragment"), BAD_INPUT)
def test_bad_input_gives_one_located_error(
    run_kemi: Callable, data_dir: Path, relative: str, breaker: Breaker, needle: str | None, fragment: str
) -> None:
    breaker(data_dir)
    path = data_dir / relative
    expected_line = line_of(path, needle) if needle else 1
    before = tree_hashes(data_dir)

    result = run_kemi("validate", "--data", str(data_dir), "-q")

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1, errors
    location, message = errors[0].split(": error: ", 1)
    assert fragment in message
    file_part, *numbers = location.rsplit(":", 2) if location.count(":") >= 2 else (location, None, None)
    assert Path(file_part).name == Path(relative).name
    if needle is not None or numbers[0] is not None:
        assert int(numbers[0]) == expected_line, errors[0]
    assert tree_hashes(data_dir) == before


def test_bom_and_crlf_load(run_kemi: Callable, data_dir: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    kpis.write_bytes(b"\xef\xbb\xbf" + kpis.read_bytes().replace(b"\n", b"\r\n"))
    result = run_kemi("validate", "--data", str(data_dir), "-q")
    assert result.returncode == 0, result.stderr


def test_errors_in_many_files_are_reported_at_once(run_kemi: Callable, data_dir: Path) -> None:
    replace_in(data_dir / "kpis.yaml", "unit: count", "unit: kount")
    replace_in(data_dir / "projects" / "arm.yaml", "sectors: [elinvoima]", "sectors: [nowhere]")
    replace_in(data_dir / "strategy.yaml", "start: 2024", "start: soon")
    result = run_kemi("validate", "--data", str(data_dir), "-q")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert {Path(e.split(":")[0]).name for e in errors} >= {"kpis.yaml", "strategy.yaml"}
    assert "3 error(s)" in result.stdout or "2 error(s)" in result.stdout


def test_eleven_challenges_are_required(run_kemi: Callable, data_dir: Path) -> None:
    strategy = data_dir / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8")
    start = text.index("  - number: 11\n")
    end = text.index("\n", text.index("points:", start))
    # Drop the whole last challenge (its title, points and sub-points).
    rest = text[end:]
    next_key = rest.index("\n\n")
    strategy.write_text(text[:start] + rest[next_key + 2 :], encoding="utf-8")
    result = run_kemi("validate", "--data", str(data_dir), "-q")
    assert result.returncode == 1
    assert "11 operating-environment challenges, found 10" in result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["validat"], "No such command"),
        (["validate", "--strikt"], "No such option"),
    ],
)
def test_usage_errors_exit_2(run_kemi: Callable, args: list[str], fragment: str) -> None:
    result = run_kemi(*args)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_data_folder(run_kemi: Callable, tmp_path: Path) -> None:
    result = run_kemi("validate", "--data", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "data folder not found" in result.stderr


def test_every_field_awaiting_confirmation_is_a_located_warning(run_kemi: Callable, data_dir: Path) -> None:
    """A KPI, a card and the strategy period each list what awaits the city's confirmation; each entry
    is one warning at its own place, and the data stays valid until --strict."""
    kpis, card, strategy = data_dir / "kpis.yaml", data_dir / "projects" / "arm.yaml", data_dir / "strategy.yaml"
    replace_in(card, "goals: []", "goals: []\nnote: {fi: Ehdotus, en: A suggestion}\nneeds_confirmation: [goals, end]")
    result = run_kemi("validate", "--data", str(data_dir), "--json")
    assert result.returncode == 0, result.stderr
    warnings = [f for f in json.loads(result.stdout)["findings"] if "to be confirmed" in f["message"]]
    located = {(Path(f["file"]).name, f["line"], f["column"], f["message"]) for f in warnings}
    def at(path: Path, line: str, entry: str) -> tuple[str, int, int]:
        """Where an entry of a needs_confirmation line is: file, line, 1-based column."""
        text = path.read_text(encoding="utf-8").splitlines()[line_of(path, line) - 1]
        return path.name, line_of(path, line), text.index(line) + line.index(entry) + 1

    card_line, period_line = "needs_confirmation: [goals, end]", "needs_confirmation: [start, end]"
    kpi_line = "needs_confirmation: [direction, serves, data_source, frequency]"
    assert (*at(card, card_line, "goals"), "project 'arm': goals to be confirmed (a link the source does not make; see the note)") in located
    assert (*at(card, card_line, "end"), "project 'arm': end to be confirmed (an assumption; see the note)") in located
    assert (*at(strategy, period_line, "start"), "the strategy period: start to be confirmed (an assumption; see the note)") in located
    assert (*at(kpis, kpi_line, "direction"), "KPI 'asukkaat': direction to be confirmed (a reading of the source; see the note)") in located
    assert (*at(kpis, kpi_line, "data_source"), "KPI 'asukkaat': data_source to be confirmed (a source the strategy does not name; see the note)") in located

    # Confirmed: the entry goes, and so does its warning.
    replace_in(kpis, "needs_confirmation: [direction, serves, data_source, frequency]", "needs_confirmation: [serves, data_source, frequency]")
    after = run_kemi("validate", "--data", str(data_dir), "--json")
    messages = [f["message"] for f in json.loads(after.stdout)["findings"]]
    assert "KPI 'asukkaat': direction to be confirmed (a reading of the source; see the note)" not in messages
    assert len(messages) == len(json.loads(result.stdout)["findings"]) - 1
    assert run_kemi("validate", "--data", str(data_dir), "--strict").returncode == 1
