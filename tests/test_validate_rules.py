"""`kemi validate` applies every rule the edit commands apply (one rule, one place): no value for
a period that has not begun, each id listed once, known ids with the nearest one suggested; and
the `TODO:` placeholders of a `kemi init` skeleton are warnings that --strict fails on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .conftest import tree_hashes
from .test_validate import line_of, replace_in

ENV = {"KEMI_TODAY": "2026-08-15", "KEMI_USER": "testi.kayttaja"}


def validate(run_kemi: Callable, data_dir: Path, *args: str):
    return run_kemi("validate", "--data", str(data_dir), *args, cwd=data_dir.parent, env=ENV)


def errors_of(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": error: " in line]


def test_a_value_for_a_period_not_begun_typed_by_hand_is_an_error(run_kemi: Callable, data_dir: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    refused = run_kemi("kpi", "set", "asukkaat", "19420", "--period", "2027H1", "--data", str(data_dir), env=ENV)
    assert refused.returncode == 2
    assert "--period 2027H1: that period has not begun yet (today is 15 August 2026)" in refused.stderr
    text = kpis.read_text(encoding="utf-8")
    start = text.index("- id: asukkaat")
    at = text.index("actuals: []", start)
    kpis.write_text(text[:at] + "actuals:\n          - {period: 2027H1, value: 19420, recorded_at: 2026-08-01}" + text[at + len("actuals: []"):], encoding="utf-8")
    result = validate(run_kemi, data_dir)
    assert result.returncode == 1
    line = line_of(kpis, "period: 2027H1")
    assert errors_of(result) == [
        f"data/kpis.yaml:{line}:14: error: KPI 'asukkaat' has a value for 2027H1: that period has not begun yet (today is 15 August 2026)"
    ]
    later = run_kemi("validate", "--data", str(data_dir), env={**ENV, "KEMI_TODAY": "2027-01-01"})
    assert later.returncode == 0, later.stderr


def test_an_id_listed_twice_is_an_error(run_kemi: Callable, data_dir: Path) -> None:
    card = data_dir / "projects" / "uimahalli.yaml"
    replace_in(card, "sectors: [ymparisto]", "sectors: [ymparisto, ymparisto]")
    kpis = data_dir / "kpis.yaml"
    replace_in(kpis, "        serves: [talous]\n", "        serves: [talous, talous]\n")
    result = validate(run_kemi, data_dir)
    assert result.returncode == 1
    assert errors_of(result) == [
        f"data/kpis.yaml:{line_of(kpis, 'serves: [talous, talous]')}:26: error: goal or objective 'talous' is listed twice",
        f"data/projects/uimahalli.yaml:{line_of(card, 'sectors:')}:22: error: sector 'ymparisto' is listed twice",
    ]


def test_an_unknown_sector_suggests_the_nearest_sector(run_kemi: Callable, data_dir: Path) -> None:
    card = data_dir / "projects" / "uimahalli.yaml"
    replace_in(card, "sectors: [ymparisto]", "sectors: [ymparistoo]")
    result = validate(run_kemi, data_dir)
    assert errors_of(result) == [
        f"data/projects/uimahalli.yaml:{line_of(card, 'sectors:')}:11: error: unknown sector 'ymparistoo' (did you mean 'ymparisto'?)"
    ]


def test_skeleton_placeholders_are_warnings_that_strict_fails_on(run_kemi: Callable, tmp_path: Path) -> None:
    assert run_kemi("init", str(tmp_path / "tornio"), "--city", "Tornio", cwd=tmp_path).returncode == 0
    folder = tmp_path / "tornio"
    before = tree_hashes(folder)
    result = run_kemi("validate", "--data", str(folder), cwd=tmp_path, env=ENV)
    assert result.returncode == 0, result.stderr
    publisher = line_of(folder / "strategy.yaml", "TODO: julkaisija")
    assert f"tornio/strategy.yaml:{publisher}:1: warning: placeholder text 'TODO: julkaisija, esim. Tornion kaupunki' still to be replaced" in result.stderr
    strict = run_kemi("validate", "--strict", "--data", str(folder), cwd=tmp_path, env=ENV)
    assert strict.returncode == 1 and strict.stdout.startswith("FAILED ")
    assert tree_hashes(folder) == before
    # Filled in, the placeholder is no longer reported.
    replace_in(folder / "strategy.yaml", "TODO: julkaisija, esim. Tornion kaupunki", "Tornion kaupunki")
    after = run_kemi("validate", "--data", str(folder), cwd=tmp_path, env=ENV)
    assert "julkaisija" not in after.stderr
