"""Sixteen `kemi kpi set` processes at the same moment on one kpis.yaml: none is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kemi_cli.validate import validate_workspace

PROCESSES = 16


def comment_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#") or not line.strip()]


@pytest.mark.slow
def test_sixteen_writers_at_once_all_land(data_dir: Path) -> None:
    path = data_dir / "kpis.yaml"
    original = path.read_text(encoding="utf-8")
    # Made-up values: different KPIs, the same KPI for different periods, and the same KPI and
    # period replaced by four writers in turn.
    different_kpis = [
        ("yopymiset", "100 500", "2025"),
        ("rakennetyottomat", "650", "2025H2"),
        ("tyollisyysaste", "64,5", "2025"),
        ("aktivointiaste", "35", "2025H2"),
        ("poissaolot", "5,5 %", "2025H2"),
        ("koulutuspaivat", "2,6", "2025"),
        ("tea_viisari", "70", "2025"),
        ("yo_keskiarvo", "4,2", "2025"),
    ]
    same_kpi = [("asukkaat", value, period) for value, period in (("19 410", "2024H1"), ("19 405", "2024H2"), ("19 400", "2025H1"), ("19 395", "2025H2"))]
    replacing = [("yritykset", value, "2026H1") for value in ("926", "927", "928", "929")]
    jobs = [(*job, ()) for job in different_kpis + same_kpi] + [(*job, ("--replace",)) for job in replacing]
    assert len(jobs) == PROCESSES

    env = {**os.environ, "KEMI_TODAY": "2026-08-15", "KEMI_USER": "rinnakkain", "KEMI_LOCK_TIMEOUT": "120"}
    env.pop("KEMI_DATA", None)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "kemi_cli", "kpi", "set", kpi_id, value, "--period", period, *extra, "--data", str(data_dir)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for kpi_id, value, period, extra in jobs
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    failures = [(job, err) for job, process, (_, err) in zip(jobs, processes, outputs, strict=True) if process.returncode != 0]
    assert failures == []

    result = validate_workspace(data_dir)
    assert result.workspace is not None, [str(f) for f in result.errors]
    workspace = result.workspace
    for kpi_id, _, period, _ in jobs[: len(different_kpis) + len(same_kpi)]:
        current = [a for a in workspace.kpi(kpi_id).actuals if a.period == period and a.is_current]
        assert len(current) == 1, (kpi_id, period)
    assert sorted(a.period for a in workspace.kpi("asukkaat").actuals) == ["2024H1", "2024H2", "2025H1", "2025H2"]
    # All four replacing writers landed: one value is current, the other three are history.
    history = workspace.kpi("yritykset").actuals
    assert sorted(a.value for a in history) == [926, 927, 928, 929]
    assert sum(a.is_current for a in history) == 1
    assert all(a.replaced_by == "rinnakkain" for a in history if not a.is_current)

    after = path.read_text(encoding="utf-8")
    assert comment_lines(after) == comment_lines(original)
    assert not list(data_dir.glob(".*.kemi-tmp"))
