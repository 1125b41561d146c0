"""`kemi kpi set/unset` on a copy of the shipped data: in-place edits that keep the rest of the
file byte for byte, history that is never lost, and refusals that leave every file as it was."""

from __future__ import annotations

import difflib
import stat
import subprocess
from pathlib import Path

import pytest

from kemi_cli.validate import validate_workspace

from .conftest import REPO, tree_hashes

TODAY = "2026-08-15"
ENV = {"KEMI_TODAY": TODAY, "KEMI_USER": "testi.kayttaja"}


def kemi(run_kemi, data_dir: Path, *args: str, env: dict[str, str] | None = None):
    return run_kemi("kpi", *args, "--data", str(data_dir), env={**ENV, **(env or {})})


def diff_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) between two texts."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def kpi_actuals(data_dir: Path, kpi_id: str):
    workspace = validate_workspace(data_dir).workspace
    assert workspace is not None, "the edited data must validate"
    return workspace.kpi(kpi_id).actuals


def test_set_adds_lines_and_changes_nothing_else(run_kemi, data_dir: Path) -> None:
    path = data_dir / "kpis.yaml"
    original = path.read_text(encoding="utf-8")
    result = kemi(run_kemi, data_dir, "set", "asukkaat", "19 420", "--period", "2025H2", "--source", "Tilastokeskus")
    assert result.returncode == 0, result.stderr
    assert "asukkaat 2025H2" in result.stdout
    after = path.read_text(encoding="utf-8")
    removed, added = diff_lines(original, after)
    # `actuals: []` becomes a block list: that one line changes; every other change is an added line.
    assert removed == ["        actuals: []"]
    assert added == [
        "        actuals:",
        "          - period: 2025H2",
        "            value: 19420",
        f"            recorded_at: {TODAY}",
        "            recorded_by: testi.kayttaja",
        "            source: Tilastokeskus",
    ]
    # Line by line: the new file is the original with that one line turned into the block.
    original_lines = original.splitlines()
    at = original_lines.index("        actuals: []")  # the first KPI's, asukkaat
    assert after.splitlines() == original_lines[:at] + added + original_lines[at + 1 :]
    assert after.count("#") == original.count("#")

    # A second value for another period adds lines only.
    result = kemi(run_kemi, data_dir, "set", "asukkaat", "19380", "--period", "2026H1", "--note", "ennakkotieto")
    assert result.returncode == 0, result.stderr
    removed2, added2 = diff_lines(after, path.read_text(encoding="utf-8"))
    assert removed2 == []
    assert added2[0] == "          - period: 2026H1" and "            note: ennakkotieto" in added2
    assert [(a.period, a.value) for a in kpi_actuals(data_dir, "asukkaat")] == [("2025H2", 19420), ("2026H1", 19380)]


def test_set_then_unset_restores_the_file_exactly(run_kemi, data_dir: Path) -> None:
    path = data_dir / "kpis.yaml"
    original = path.read_bytes()
    mode = stat.S_IMODE(path.stat().st_mode)
    for kpi_id, value, period in (("asukkaat", "19 420", "2025H2"), ("yo_keskiarvo", "4,2", "2025"), ("yritykset", "930", "2026H1")):
        assert kemi(run_kemi, data_dir, "set", kpi_id, value, "--period", period).returncode == 0
    assert path.read_bytes() != original
    for kpi_id, period in (("yritykset", "2026H1"), ("asukkaat", "2025H2"), ("yo_keskiarvo", "2025")):
        result = kemi(run_kemi, data_dir, "unset", kpi_id, "--period", period)
        assert result.returncode == 0, result.stderr
    assert path.read_bytes() == original
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_default_period_is_the_last_ended_half_year_of_the_recording_day(run_kemi, data_dir: Path) -> None:
    # No period under review: figures arrive after their half-year, so in August they are for H1.
    result = kemi(run_kemi, data_dir, "set", "tyottomyysaste", "5,1")
    assert result.returncode == 0, result.stderr
    assert "tyottomyysaste 2026H1 (the last ended half-year; no period is under review)" in result.stdout
    assert [a.period for a in kpi_actuals(data_dir, "tyottomyysaste")] == ["2026H1"]
    assert kemi(run_kemi, data_dir, "set", "tyottomyysaste", "5,3", "--date", "2026-03-02").returncode == 0
    actuals = kpi_actuals(data_dir, "tyottomyysaste")
    assert [(a.period, str(a.recorded_at)) for a in actuals] == [("2026H1", TODAY), ("2025H2", "2026-03-02")]


def test_replace_keeps_the_old_value_as_history(run_kemi, data_dir: Path) -> None:
    path = data_dir / "kpis.yaml"
    original = path.read_text(encoding="utf-8")
    assert kemi(run_kemi, data_dir, "set", "tyottomyysaste", "13,5 %", "--period", "2026H1").returncode == 0
    after_set = path.read_text(encoding="utf-8")

    refused = kemi(run_kemi, data_dir, "set", "tyottomyysaste", "13,2", "--period", "2026H1")
    assert refused.returncode == 2
    assert "already has 13.5 for 2026H1" in refused.stderr and "--replace" in refused.stderr
    assert path.read_text(encoding="utf-8") == after_set

    replaced = kemi(run_kemi, data_dir, "set", "tyottomyysaste", "13,2", "--period", "2026H1", "--replace", "--by", "Anna")
    assert replaced.returncode == 0, replaced.stderr
    after_replace = path.read_text(encoding="utf-8")
    removed, added = diff_lines(after_set, after_replace)
    assert removed == []
    assert added[:2] == [f"            replaced_at: {TODAY}", "            replaced_by: Anna"]
    actuals = kpi_actuals(data_dir, "tyottomyysaste")
    assert [(a.value, a.is_current, a.replaced_by) for a in actuals] == [(13.5, False, "Anna"), (13.2, True, None)]
    assert actuals[1].recorded_by == "Anna"

    # Unset removes the replacement and the replaced value is current again, as it was.
    unset = kemi(run_kemi, data_dir, "unset", "tyottomyysaste", "--period", "2026H1")
    assert unset.returncode == 0, unset.stderr
    assert "is current again" in unset.stdout
    assert path.read_text(encoding="utf-8") == after_set
    assert kemi(run_kemi, data_dir, "unset", "tyottomyysaste", "--period", "2026H1").returncode == 0
    assert path.read_text(encoding="utf-8") == original


def test_forecast_is_stored_with_the_actual(run_kemi, data_dir: Path) -> None:
    result = kemi(run_kemi, data_dir, "set", "tyottomyysaste", "14,1", "--period", "2026H1", "--forecast", "13,8")
    assert result.returncode == 0, result.stderr
    (actual,) = kpi_actuals(data_dir, "tyottomyysaste")
    assert (actual.value, actual.forecast) == (14.1, 13.8)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "asukaat", "5"), "unknown KPI 'asukaat' (did you mean 'asukkaat'?)"),
        (("set", "asukkaat", "1,5"), "reads as 1.5, which is not a whole number"),
        (("set", "asukkaat", "-5"), "which is negative"),
        (("set", "tyottomyysaste", "101"), "outside 0–100"),
        (("set", "tyottomyysaste", "-0,1"), "outside 0–100"),
        (("set", "asiakastyytyvaisyys", "5,5"), "outside the scale 1–5"),
        (("set", "asiakastyytyvaisyys", "0"), "outside the scale 1–5"),
        (("set", "asukkaat", "19 400 %"), "is written in another unit: this KPI's values are a whole number of things or people; write a plain number"),
        (("set", "asukkaat", "1,234.5"), "both a comma and a point"),
        (("set", "asukkaat", "abc"), "'abc' is not a number"),
        (("set", "asukkaat", "12 34"), "would read as 1234"),
        (("set", "asukkaat", "5", "--period", "2026H3"), "is not a period"),
        (("set", "asukkaat", "5", "--period", "2027"), "has not begun yet"),
        (("set", "asukkaat", "5", "--date", "2026-13-01"), "--date '2026-13-01' is not a date"),
        (("set", "asukkaat", "5", "--date", "2027-01-01"), "is in the future"),
        (("set", "asukkaat", "5", "--forecast", "x"), "--forecast: 'x' is not a number"),
        (("set", "asukkaat", "5", "--note", "a\x07b"), "control character"),
        (("unset", "asukkaat", "--period", "2026H1"), "has no value for 2026H1 to unset"),
        (("unset", "asukkaat", "--period", "2026H1x"), "is not a period"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    cli, monkeypatch, data_dir: Path, args: tuple[str, ...], message: str
) -> None:
    # In process (typer's runner) for speed; the same refusals through a real process are below.
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    before = tree_hashes(data_dir)
    result = cli("kpi", *args, "--data", str(data_dir))
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert tree_hashes(data_dir) == before


def test_refusals_through_the_real_command(run_kemi, data_dir: Path) -> None:
    before = tree_hashes(data_dir)
    for args, message in (
        (("set", "asukaat", "5"), "error: unknown KPI 'asukaat' (did you mean 'asukkaat'?)"),
        (("set", "asukkaat", "1,234.5"), "both a comma and a point"),
        (("set", "tyottomyysaste", "101"), "outside 0–100"),
    ):
        result = kemi(run_kemi, data_dir, *args)
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip().splitlines() == [result.stderr.strip()] and message in result.stderr
        assert "Traceback" not in result.stderr
    assert tree_hashes(data_dir) == before


def test_accepted_number_forms_through_the_cli(run_kemi, data_dir: Path) -> None:
    forms = {"2025H1": "13,5", "2025H2": "13,5 %", "2026H1": "13.5"}
    for period, typed in forms.items():
        result = kemi(run_kemi, data_dir, "set", "tyottomyysaste", typed, "--period", period)
        assert result.returncode == 0, result.stderr
    assert {a.value for a in kpi_actuals(data_dir, "tyottomyysaste")} == {13.5}
    for period, typed in {"2025H1": "19 400", "2025H2": "19\u00a0400", "2026H1": "19400"}.items():
        assert kemi(run_kemi, data_dir, "set", "asukkaat", typed, "--period", period).returncode == 0
    assert [a.value for a in kpi_actuals(data_dir, "asukkaat")] == [19400, 19400, 19400]
    for period, typed in {"2025": "-18,9", "2024": "\u22121 234,5"}.items():
        assert kemi(run_kemi, data_dir, "set", "tilikauden_tulos", typed, "--period", period).returncode == 0
    assert [a.value for a in kpi_actuals(data_dir, "tilikauden_tulos")] == [-18.9, -1234.5]


def test_invalid_data_refuses_the_edit(run_kemi, data_dir: Path) -> None:
    strategy = data_dir / "strategy.yaml"
    strategy.write_text(strategy.read_text(encoding="utf-8").replace("goals:", "goalz:", 1), encoding="utf-8")
    before = tree_hashes(data_dir)
    result = kemi(run_kemi, data_dir, "set", "asukkaat", "19400", "--period", "2025H2")
    assert result.returncode == 1
    assert "strategy.yaml:" in result.stderr and "Traceback" not in result.stderr
    assert tree_hashes(data_dir) == before


def test_a_held_lock_is_a_clear_error(run_kemi, data_dir: Path) -> None:
    from filelock import FileLock

    before = tree_hashes(data_dir)
    lock_file = data_dir / ".kpis.yaml.lock"
    with FileLock(str(lock_file)):
        result = kemi(run_kemi, data_dir, "set", "asukkaat", "19400", "--period", "2025H2", env={"KEMI_LOCK_TIMEOUT": "1"})
    assert result.returncode == 1
    assert "holds the lock .kpis.yaml.lock" in result.stderr
    assert tree_hashes(data_dir) == before


def test_the_lock_file_is_removed_after_use_and_ignored_by_git(run_kemi, data_dir: Path) -> None:
    assert kemi(run_kemi, data_dir, "set", "asukkaat", "19400", "--period", "2025H2").returncode == 0
    assert not (data_dir / ".kpis.yaml.lock").exists()
    assert not list(data_dir.glob("*.kemi-tmp")) and not list(data_dir.glob(".*.kemi-tmp"))
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "data/.kpis.yaml.lock"], cwd=REPO, capture_output=True, check=False
    )
    assert ignored.returncode == 0

