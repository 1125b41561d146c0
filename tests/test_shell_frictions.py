"""The small frictions of the analyst's shell: locks kept out of git, completion of every fixed
choice, periods and phases, long update texts written readably, a clear word when
`kemi report project` has no id, and a CSV header in Finnish or missing."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from kemi_cli.validate import load_workspace

from .conftest import REPO, tree_hashes
from .test_cli_conventions import complete_bash
from .test_project_cards import fill_card

ENV = {"KEMI_TODAY": "2026-08-15", "KEMI_USER": "testi.kayttaja"}
LONG_TEXT = (
    "Työmaa avattiin maaliskuussa, ja urakoitsija aloitti perustustyöt, jotka valmistuvat syksyllä. "
    "Kustannusarvio pysyi ennallaan, mutta aikataulussa on kahden viikon viive sateiden vuoksi. "
    "Seuraava vaihe on runkovaihe, joka alkaa lokakuussa ja kestää noin puoli vuotta."
)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_locks_are_removed_and_stay_out_of_git_in_a_new_city_and_in_this_repository(run_kemi: Callable, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert run_kemi("init", "data", "--city", "Tornio", cwd=tmp_path).returncode == 0
    recorded = run_kemi("kpi", "set", "asukkaat", "19400", "--period", "2026H1", cwd=tmp_path / "data", env=ENV)
    assert recorded.returncode == 0, recorded.stderr
    assert not (tmp_path / "data" / ".kpis.yaml.lock").exists()  # removed after use
    (tmp_path / "data" / "projects" / ".uimahalli.yaml.lock").touch()  # as a crash may leave one
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    staged = subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert "data/kpis.yaml" in staged.split() and ".lock" not in staged
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "--no-index", "elsewhere/projects/.uimahalli.yaml.lock"], cwd=REPO, check=False
    )
    assert ignored.returncode == 0  # the repository's own .gitignore, whatever the data folder is called


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("kemi report half-year --lang ", ["fi", "en", "both"]),
        ("kemi report strategy --format p", ["pdf"]),
        # The current and the last ended half-year, though nothing is recorded for them.
        ("kemi kpi list --period 2026", ["2026H2", "2026H1"]),
        ("kemi report half-year --period 2025", ["2025H2"]),
        ("kemi project update uimahalli --phase ", ["Suunnittelu", "Rakentaminen"]),
        ("kemi project update uimahalli --phase R", ["Rakentaminen"]),
    ],
)
def test_completion_of_choices_periods_and_phases(run_kemi: Callable, data_dir: Path, words: str, offered: list[str]) -> None:
    fill_card(data_dir, "uimahalli")
    assert run_kemi("kpi", "set", "asukkaat", "19420", "--period", "2025H2", "--data", str(data_dir), env=ENV).returncode == 0
    assert complete_bash(run_kemi, words, env={**ENV, "KEMI_DATA": str(data_dir)}) == offered


def test_completion_offers_the_period_under_review(run_kemi: Callable, data_dir: Path) -> None:
    opened = run_kemi("review", "open", "2024H2", "--data", str(data_dir), env=ENV)
    assert opened.returncode == 0, opened.stderr
    assert complete_bash(run_kemi, "kemi status --period 2024", env={**ENV, "KEMI_DATA": str(data_dir)}) == ["2024H2"]


def test_a_long_update_text_is_written_as_a_wrapped_block_and_reads_back(run_kemi: Callable, data_dir: Path) -> None:
    result = run_kemi(
        "project", "update", "uimahalli", "--period", "2026H1", "--text-fi", LONG_TEXT, "--text-en", "Site opened.",
        "--data", str(data_dir), env=ENV,
    )
    assert result.returncode == 0, result.stderr
    card = (data_dir / "projects" / "uimahalli.yaml").read_text(encoding="utf-8")
    block = card.split("    fi: >-\n", 1)[1].split("    en: ", 1)[0]
    lines = block.splitlines()
    assert len(lines) >= 3 and all(len(line) <= 6 + 72 + 12 for line in lines)
    assert "    en: Site opened.\n" in card
    update = load_workspace(data_dir).projects["uimahalli"].updates[-1]
    assert update.text is not None and update.text.fi == LONG_TEXT and update.text.en == "Site opened."


def test_a_short_update_text_stays_on_one_line(run_kemi: Callable, data_dir: Path) -> None:
    result = run_kemi(
        "project", "update", "uimahalli", "--period", "2026H1", "--text-fi", "Työmaa avattiin", "--text-en", "Site opened",
        "--data", str(data_dir), env=ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "  text: {fi: Työmaa avattiin, en: Site opened}\n" in (data_dir / "projects" / "uimahalli.yaml").read_text(encoding="utf-8")


def test_report_project_without_an_id_says_what_to_give(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    result = run_kemi("report", "project", "--data", str(data_dir), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "error: give a project id, or --all for every card\n")
    both = run_kemi("report", "project", "uimahalli", "--all", "--data", str(data_dir), cwd=tmp_path)
    assert (both.returncode, both.stderr) == (2, "error: give a project id or --all, not both\n")


def test_csv_import_reads_a_finnish_header(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "toteuma.csv"
    csv_path.write_text("mittari;kausi;arvo;lähde\nasukkaat;2025H2;19 420;Tilastokeskus\n", encoding="utf-8")
    result = run_kemi("kpi", "import", str(csv_path), "--data", str(data_dir), env=ENV)
    assert result.returncode == 0, result.stderr
    actual = load_workspace(data_dir).kpi("asukkaat").actuals[-1]
    assert (actual.period, actual.value, actual.source) == ("2025H2", 19420, "Tilastokeskus")


def test_csv_import_says_when_the_header_is_missing(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "toteuma.csv"
    csv_path.write_text("asukkaat;2025H2;19420\nyritykset;2025H2;930\n", encoding="utf-8")
    before = tree_hashes(data_dir)
    result = run_kemi("kpi", "import", str(csv_path), "--data", str(data_dir), env=ENV)
    assert result.returncode == 1
    assert result.stderr.startswith("toteuma.csv:1: error: the header is missing: the first line names the columns") or (
        result.stderr.split(": error: ")[1].startswith("the header is missing")
    )
    assert "mittari;kausi;arvo" in result.stderr
    assert tree_hashes(data_dir) == before
