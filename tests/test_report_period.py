"""A report of a past period shows that period's facts: project statuses, progress, phases and
lateness as recorded for it and before it, never what a later period recorded. The real CLI on
a copy of the shipped data, with updates recorded for two half-years (generated test content)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .test_project_cards import fill_card

PROJECT = "satamakangas"
OTHER = "uimahalli"


def record(cli: Callable, data_dir: Path, *args: str, project: str = PROJECT) -> None:
    result = cli("project", "update", project, "--data", str(data_dir), "--by", "testi", *args)
    assert result.exit_code == 0, result.output


@pytest.fixture
def two_periods(cli: Callable, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Updates for 2025H2 (active, 40 %, design done) and 2026H1 (paused, 70 %, construction
    paused), recorded in that order, as the half-years went by."""
    fill_card(data_dir, PROJECT)
    monkeypatch.setenv("KEMI_TODAY", "2026-01-10")
    record(cli, data_dir, "--period", "2025H2", "--status", "active", "--progress", "40",
           "--text-fi", "Syksyn vaihe", "--text-en", "Autumn step", "--phase", "Suunnittelu", "--phase-status", "active")
    monkeypatch.setenv("KEMI_TODAY", "2026-07-15")
    record(cli, data_dir, "--period", "2026H1", "--status", "paused", "--progress", "70",
           "--text-fi", "Kevään vaihe", "--text-en", "Spring step", "--phase", "Rakentaminen", "--phase-status", "paused")
    # A project first reported on in 2026H1: in 2025H2 its status was not known.
    record(cli, data_dir, "--period", "2026H1", "--status", "done", project=OTHER)
    return data_dir


def card_section(cli: Callable, data_dir: Path, *args: str) -> str:
    result = cli("report", "project", PROJECT, "--data", str(data_dir), "--lang", "en", "-o", "-", *args)
    assert result.exit_code == 0, result.output
    return result.output


def review(cli: Callable, data_dir: Path, period: str) -> str:
    result = cli("report", "half-year", "--period", period, "--data", str(data_dir), "--lang", "en", "-o", "-")
    assert result.exit_code == 0, result.output
    return result.output


def project_line(markdown: str, name: str = "Satamakangas") -> str:
    """A project's row in the review's projects-by-sector table."""
    return next(line for line in markdown.splitlines() if line.startswith("|") and name in line)


def test_each_review_shows_its_own_periods_status_and_progress(cli: Callable, two_periods: Path) -> None:
    earlier = project_line(review(cli, two_periods, "2025H2")).lower()
    later = project_line(review(cli, two_periods, "2026H1")).lower()
    assert "active" in earlier and "40%" in earlier and "autumn step" in earlier
    assert "paused" not in earlier and "70" not in earlier and "spring step" not in earlier
    assert "paused" in later and "70" in later
    assert "done" not in project_line(review(cli, two_periods, "2025H2"), "swimming pool").lower()
    assert "done" in project_line(review(cli, two_periods, "2026H1"), "swimming pool").lower()


def test_a_card_of_a_past_period_shows_its_phases_and_history_then(cli: Callable, two_periods: Path) -> None:
    earlier = card_section(cli, two_periods, "--period", "2025H2")
    later = card_section(cli, two_periods, "--period", "2026H1")
    assert "Autumn step" in earlier and "Spring step" not in earlier
    assert "Autumn step" in later and "Spring step" in later
    # Construction was paused only in 2026H1; in 2025H2 it stood as the card had it before (its
    # word then is not known, as the 2026H1 update wrote the card's).
    assert re.search(r"Construction[^\n|]*paused", later)
    assert not re.search(r"Construction[^\n|]*paused", earlier)
    assert re.search(r"Design[^\n|]*active", earlier)


def test_late_only_once_an_end_has_passed(cli: Callable, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A phase ending in 2026H2 is not late on 15 July 2026, in the running half-year's card; in
    the same half-year's card once it has ended, it is."""
    fill_card(data_dir, PROJECT)
    card = data_dir / "projects" / f"{PROJECT}.yaml"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("    end: 2027\n", "    end: 2026H2\n", 1), encoding="utf-8")
    monkeypatch.setenv("KEMI_TODAY", "2026-07-15")
    running = card_section(cli, data_dir, "--period", "2026H2")
    assert "Construction" in running and "(late)" not in running
    monkeypatch.setenv("KEMI_TODAY", "2027-01-02")
    ended = card_section(cli, data_dir, "--period", "2026H2")
    assert re.search(r"Construction[^\n|]*\(late\)", ended)
