"""The benchmark's data generator: deterministic, and what it writes validates."""

from __future__ import annotations

from pathlib import Path

from bench.generate import KPIS_PER_SCALE, PERIODS, PROJECTS_PER_SCALE, generate, with_history
from kemi_cli.validate import validate_workspace

from .conftest import tree_hashes

ROOT = Path(__file__).resolve().parent.parent


def test_same_scale_and_seed_give_identical_files(tmp_path: Path) -> None:
    first = tree_hashes(generate(tmp_path / "a", 2, seed=3))
    second = tree_hashes(generate(tmp_path / "b", 2, seed=3))
    other_seed = tree_hashes(generate(tmp_path / "c", 2, seed=4))
    assert first == second
    assert first != other_seed


def test_generated_data_validates_at_its_size(tmp_path: Path) -> None:
    folder = generate(tmp_path / "g", 2)
    result = validate_workspace(folder)
    assert result.errors == []
    workspace = result.workspace
    assert workspace is not None
    assert len(workspace.projects) == 2 * PROJECTS_PER_SCALE
    assert len(workspace.kpis) == 2 * KPIS_PER_SCALE
    assert all(len(kpi.actuals) == PERIODS for kpi in workspace.kpis)
    assert all(path.read_text(encoding="utf-8").startswith("# GENERATED") for path in folder.rglob("*.yaml"))


def test_history_copy_validates_and_leaves_the_shipped_data_alone(tmp_path: Path) -> None:
    before = tree_hashes(ROOT / "data")
    folder = with_history(ROOT / "data", tmp_path / "h", count=20)
    assert tree_hashes(ROOT / "data") == before
    result = validate_workspace(folder)
    assert result.errors == []
    assert result.workspace is not None
    # Ten years of actuals at each KPI's frequency: twenty half-years, or ten years.
    for kpi in result.workspace.kpis:
        expected = 10 if kpi.frequency == "year" else 20
        assert len([a for a in kpi.actuals if a.period.endswith(("H1", "H2")) != (kpi.frequency == "year")]) >= expected, kpi.id
