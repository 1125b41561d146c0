"""Every read command at 80 columns, in Finnish and in English: one language on screen (the
reports' catalogue), units and statuses as words, and no id, number, period or date broken
across lines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kemi_cli.validate import load_workspace

ENV = {"KEMI_TODAY": "2026-08-15", "KEMI_USER": "testi.kayttaja", "COLUMNS": "80"}
READ_COMMANDS = [
    ("kpi", "list"),
    ("kpi", "show", "tyottomyysaste"),
    ("kpi", "show", "asukkaat"),
    ("project", "list"),
    ("project", "show", "uimahalli"),
    ("status",),
]
# Words of the other language that must not appear (the data's own names aside).
ENGLISH = ["at risk", "on track", "no data", "off track", "KPIs", "sectors", "empty card fields", " count ", "meur",
           "days_per_person", "baseline", "latest", "history", "replaced", "period", "unknown", "percent",
           "target reached", "no actual recorded", "of the target level", "pace"]
FINNISH = ["riskissä", "tavoitteen mukainen", "ei tietoa", "Mittarit", "Toimialat", "lkm", "Tyhjät", "Kausi", "Kirjattu"]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory, run_kemi_module: Callable) -> Path:
    """The shipped data with a few values and an update recorded through the real commands."""
    import shutil

    from .conftest import SHIPPED_DATA

    data_dir = tmp_path_factory.mktemp("screen") / "data"
    shutil.copytree(SHIPPED_DATA, data_dir, ignore=shutil.ignore_patterns(".*.lock"))
    for args in (
        ("kpi", "set", "asukkaat", "19 420", "--period", "2025H2"),
        ("kpi", "set", "asukkaat", "19 380", "--period", "2026H1"),
        ("kpi", "set", "tyottomyysaste", "13,5 %", "--period", "2025H2"),
        ("kpi", "set", "tyottomyysaste", "13 %", "--period", "2026H1", "--source", "TEM, työllisyyskatsaus"),
        ("kpi", "set", "tilikauden_tulos", "2,5 milj. €", "--period", "2025"),
        ("project", "update", "uimahalli", "--period", "2026H1", "--status", "active", "--progress", "25",
         "--text-fi", "Työmaa avattiin ja urakoitsija aloitti perustustyöt, jotka valmistuvat syksyllä.",
         "--text-en", "The site opened and the contractor began the foundations, to be finished in the autumn."),
    ):
        result = run_kemi_module(*args, "--data", str(data_dir), env=ENV)
        assert result.returncode == 0, result.stderr
    return data_dir


@pytest.fixture(scope="module")
def run_kemi_module() -> Callable:
    import os
    import subprocess
    import sys

    def run(*args: str, env: dict[str, str]):
        full_env = {**os.environ, "NO_COLOR": "1", **env}
        full_env.pop("KEMI_DATA", None)
        if "KEMI_LANG" not in env:
            full_env.pop("KEMI_LANG", None)  # kemi's own default, Finnish, unless --lang says otherwise
        return subprocess.run([sys.executable, "-m", "kemi_cli", *args], env=full_env, capture_output=True, text=True, timeout=120, check=False)

    return run


def tokens_that_must_stay_whole(data_dir: Path) -> list[str]:
    """Ids of the data, and the numbers, periods and dates the recorded values print as."""
    workspace = load_workspace(data_dir)
    return [*(k.id for k in workspace.kpis), *workspace.projects, "2025H2", "2026H1", "15.8.2026", "15 August 2026"]


@pytest.mark.parametrize("columns", [80, 130])
@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_read_commands_at_80_and_130_columns_speak_one_language(
    run_kemi_module: Callable, recorded: Path, command: tuple[str, ...], lang: str, columns: int
) -> None:
    result = run_kemi_module(*command, "--lang", lang, "--data", str(recorded), env={**ENV, "COLUMNS": str(columns)})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert all(len(line) <= columns for line in out.splitlines()), max(out.splitlines(), key=len)
    for word in ENGLISH if lang == "fi" else FINNISH:
        assert word not in out, f"{word!r} in the {lang} output"
    # A token broken in the middle leaves a word that begins it and is not itself a whole word kemi knows.
    tokens = tokens_that_must_stay_whole(recorded)
    known = set(tokens) | whole_words(recorded)
    for word in {w.strip(",():;") for w in out.split()} - known:
        broken = [t for t in tokens if len(word) >= 3 and t.startswith(word) and t != word]
        assert not broken, f"{word!r} is the beginning of {broken[0]!r}"


def whole_words(data_dir: Path) -> set[str]:
    """Every id of the data, the years the periods begin with (2025 is a period of its own), and
    the command's own name, which a hint may quote."""
    workspace = load_workspace(data_dir)
    strategy = workspace.strategy
    ids = {g.id for g in strategy.goals} | {o.id for o in strategy.objectives} | {s.id for s in strategy.sectors}
    # "kemi" is the command's own name, in the hints that name a command (kemi review open …).
    return ids | {g.id for g in workspace.kpis_file.groups} | {"2024", "2025", "2026", "2030", "15.8.", "kemi"}


def test_finnish_figures_follow_the_reports(run_kemi_module: Callable, recorded: Path) -> None:
    listed = run_kemi_module("kpi", "list", "--data", str(recorded), env=ENV).stdout
    row = next(line for line in listed.splitlines() if line.startswith("tyottomyysaste "))
    assert " %  " in row and " −0,5" in row  # the unit as a word, the change in percentage points
    assert "%-yks." in listed.split("tyottomyysaste", 1)[1].splitlines()[1]
    assert next(line for line in listed.splitlines() if line.startswith("tilikauden_tulos ")).split()[1:3] == ["milj.", "€"]
    shown = run_kemi_module("kpi", "show", "tyottomyysaste", "--data", str(recorded), env=ENV).stdout
    assert "Muutos" in shown and "−0,5\u00a0%-yks." in shown
    assert "✓ tavoitteen mukainen" in shown and "tavoite saavutettu" in shown  # the status and why
    english = run_kemi_module("kpi", "show", "asukkaat", "--lang", "en", "--data", str(recorded), env=ENV).stdout
    assert "▲ at risk" in english and "within 2% of the target level" in english


def test_verbose_import_lines_print_numbers_in_the_screens_language(run_kemi_module: Callable, recorded: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "toteuma.csv"
    csv_path.write_text("id;period;value\nasukkaat;2024H2;19711\nasukkaat;2024H1;19750\n", encoding="utf-8")
    finnish = run_kemi_module("-v", "kpi", "import", str(csv_path), "--data", str(recorded), env=ENV)
    assert finnish.returncode == 0, finnish.stderr
    assert "kemi: asukkaat 2024H2: 19\u00a0711 kirjattu" in finnish.stderr
    english = run_kemi_module("-v", "kpi", "import", str(csv_path), "--lang", "en", "--data", str(recorded), env=ENV)
    assert english.returncode == 0, english.stderr
    assert "kemi: asukkaat 2024H2: 19,711 unchanged" in english.stderr
