"""The all-cards document shows each card's indicator for its last four periods and says where
the whole series is; a single card keeps the whole series."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bench.generate import PERIODS, generate

ENV = {**os.environ, "KEMI_TODAY": "2026-03-01", "SOURCE_DATE_EPOCH": "1767225600", "COLUMNS": "120"}


def _report(data: Path, out: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "kemi_cli", "report", "project", *args, "--format", "html", "-o", str(out), "--data", str(data)],
        env=ENV, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    return out.read_text(encoding="utf-8")


def _figure_periods(html: str) -> list[list[str]]:
    """The periods of each card's figures table, in order."""
    tables = re.findall(r'<table class="chart-data">(.*?)</table>', html, re.DOTALL)
    return [re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">', table) for table in tables]


def test_all_cards_show_the_last_four_periods_and_point_to_the_series(tmp_path: Path) -> None:
    data = generate(tmp_path / "data", 1)
    html = _report(data, tmp_path / "all.html", "--all", "--lang", "fi")
    tables = _figure_periods(html)
    assert tables
    # The generated KPIs are half-yearly up to 2025H2, the period the cards report on 2026-03-01.
    assert all(periods == ["1–6/2024", "7–12/2024", "1–6/2025", "7–12/2025"] for periods in tables)
    assert html.count("Koko aikasarja on mittarin verkkosivulla") == len(tables)


def test_a_single_card_keeps_the_whole_series(tmp_path: Path) -> None:
    data = generate(tmp_path / "data", 1)
    project = min((data / "projects").glob("*.yaml")).stem
    html = _report(data, tmp_path / "one.html", project, "--lang", "en")
    tables = _figure_periods(html)
    assert [len(periods) for periods in tables] == [PERIODS]
    assert "The full series is on" not in html
