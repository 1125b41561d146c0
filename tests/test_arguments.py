"""Argument checks shared by the commands: one reading of numbers, one wording of a bad choice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kemi_cli.load import PROJECTS_DIR, card_path


def _progress(run_kemi: Callable, data_dir: Path, raw: str):  # type: ignore[no-untyped-def]
    return run_kemi("project", "update", "uimahalli", "--period", "2026H1", "--progress", raw, "--data", str(data_dir))


@pytest.mark.parametrize(("raw", "recorded"), [("45 %", 45), ("12,5", 12.5), ("0", 0)])
def test_progress_is_read_as_kpi_set_reads_numbers(run_kemi: Callable, data_dir: Path, raw: str, recorded: float) -> None:
    result = _progress(run_kemi, data_dir, raw)
    assert result.returncode == 0, result.stderr
    assert f"progress: {recorded}" in (data_dir / PROJECTS_DIR / "uimahalli.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("raw", ["1e1", "4_5", "1,2.3"])
def test_progress_refuses_what_kpi_set_refuses(run_kemi: Callable, data_dir: Path, raw: str) -> None:
    result = _progress(run_kemi, data_dir, raw)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: --progress '{raw}' ") and "give per cent complete, 0–100" in result.stderr


def test_a_bad_lang_is_worded_as_every_bad_choice(run_kemi: Callable, data_dir: Path) -> None:
    result = run_kemi("kpi", "list", "--lang", "fin", "--data", str(data_dir))
    assert result.returncode == 2
    assert result.stderr == "error: --lang 'fin' is not one of: fi, en (did you mean 'fi'?)\n"


def test_card_path_is_the_existing_file_or_a_new_yaml(tmp_path: Path) -> None:
    projects = tmp_path / PROJECTS_DIR
    projects.mkdir()
    (projects / "vanha.yml").write_text("id: vanha\n", encoding="utf-8")
    assert card_path(tmp_path, "vanha") == projects / "vanha.yml"
    assert card_path(tmp_path, "uusi") == projects / "uusi.yaml"
