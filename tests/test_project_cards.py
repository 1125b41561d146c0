"""`kemi project list`, `show` and `new`, the real CLI on a copy of the shipped data."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from .conftest import tree_hashes
from .test_overview import add_synthetic_actuals

CARD_FIELDS = ["status", "outcome", "phases", "benefits", "metric", "now", "target", "owner"]


def cards_in(data_dir: Path) -> dict[str, dict]:
    """Every card as plain data, read without kemi's own loader."""
    yaml = YAML(typ="safe")
    return {p.stem: yaml.load(p.read_text(encoding="utf-8")) for p in sorted((data_dir / "projects").glob("*.yaml"))}


def fill_card(data_dir: Path, project_id: str) -> None:
    """Give a test copy's card phases, a metric on a KPI and an owner (generated test content)."""
    path = data_dir / "projects" / f"{project_id}.yaml"
    text = path.read_text(encoding="utf-8")
    filled = (
        "\nowner: Testivastaava\n"
        "metric:\n  kpi: asukkaat\n"
        "phases:\n"
        "  - name: {fi: Suunnittelu, en: Design}\n    start: 2025H1\n    end: 2025-12-31\n    status: done\n"
        "  - name: {fi: Rakentaminen, en: Construction}\n    start: 2026\n    end: 2027\n    status: planned\n"
        "\nupdates: []"
    )
    path.write_text(text.replace("\nupdates: []", filled, 1), encoding="utf-8")


# ---------------------------------------------------------------- list


def test_list_json_has_every_card(run_kemi: Callable, data_dir: Path) -> None:
    result = run_kemi("project", "list", "--data", str(data_dir), "--json")
    assert result.returncode == 0, result.stderr
    projects = json.loads(result.stdout)["projects"]
    cards = cards_in(data_dir)
    assert sorted(p["id"] for p in projects) == sorted(cards)
    for project in projects:
        assert list(project) == [
            "id", "name", "sectors", "goals", "owner", "status", "latest_progress", "latest_progress_period", "empty_fields",
        ]
        card = cards[project["id"]]
        assert project["name"] == card["name"]
        assert set(card["sectors"]) <= set(project["sectors"])
        assert project["status"] == (card.get("status") or "unknown")
        assert project["empty_fields"] == [f for f in CARD_FIELDS if not card.get(f)]


def test_list_filters_by_sector_goal_and_status(run_kemi: Callable, data_dir: Path) -> None:
    cards = cards_in(data_dir)

    def listed(*args: str) -> list[str]:
        result = run_kemi("project", "list", "--data", str(data_dir), "--json", *args)
        assert result.returncode == 0, result.stderr
        return sorted(p["id"] for p in json.loads(result.stdout)["projects"])

    strategy = YAML(typ="safe", pure=True).load((data_dir / "strategy.yaml").read_text(encoding="utf-8"))
    environment = next(s for s in strategy["sectors"] if s["id"] == "ymparisto")
    assert listed("--sector", "ymparisto") == sorted(environment["projects"])
    assert listed("--goal", "vihrea") == sorted(p for p, c in cards.items() if "vihrea" in c["goals"])
    assert listed("--status", "unknown") == sorted(cards)
    assert listed("--status", "active") == []


def test_list_table_shows_names_in_the_chosen_language(run_kemi: Callable, data_dir: Path) -> None:
    fi = run_kemi("project", "list", "--data", str(data_dir), env={"KEMI_LANG": "fi"})
    en = run_kemi("project", "list", "--data", str(data_dir), "--lang", "en")
    assert fi.returncode == en.returncode == 0
    assert "Uimahalli" in fi.stdout and "Indoor swimming pool" in en.stdout
    assert "? ei tiedossa" in fi.stdout and "Tyhjät kortin kentät" in fi.stdout
    assert "? not known" in en.stdout and "Empty card fields" in en.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--sector", "ymparsto"), "unknown sector 'ymparsto' (did you mean 'ymparisto'?)"),
        (("--goal", "viisa"), "unknown goal 'viisa' (did you mean 'viisas'?)"),
        (("--status", "activ"), "--status 'activ' is not one of"),
        (("--lang", "de"), "--lang 'de' is not one of"),
    ],
)
def test_list_refuses_unknown_filters(run_kemi: Callable, data_dir: Path, args: tuple[str, ...], fragment: str) -> None:
    result = run_kemi("project", "list", "--data", str(data_dir), *args)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


# ---------------------------------------------------------------- show


def test_show_lays_the_card_out_as_the_template(run_kemi: Callable, data_dir: Path) -> None:
    result = run_kemi("project", "show", "uimahalli", "--data", str(data_dir), env={"KEMI_LANG": "fi"})
    assert result.returncode == 0, result.stderr
    strategy = YAML(typ="safe", pure=True).load((data_dir / "strategy.yaml").read_text(encoding="utf-8"))
    for column in strategy["project_card"]["columns"]:
        assert column["fi"] in result.stdout
    assert "Uimahalli" in result.stdout and "Päivitykset (0)" in result.stdout


def test_show_gives_phases_linked_kpi_status_and_updates(run_kemi: Callable, data_dir: Path) -> None:
    fill_card(data_dir, "uimahalli")
    add_synthetic_actuals(data_dir, [("asukkaat", "2026H1", 19500)])
    recorded = run_kemi(
        "project", "update", "uimahalli", "--data", str(data_dir), "--period", "2026H1", "--progress", "25",
        "--phase", "Rakentaminen", "--phase-status", "active", "--text-fi", "Työmaa avattiin", "--text-en", "Site opened",
    )
    assert recorded.returncode == 0, recorded.stderr

    shown = run_kemi("project", "show", "uimahalli", "--data", str(data_dir), "--period", "2026H1", "--lang", "en")
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "asukkaat: Number of residents – ✓ on track 2026H1, 19,500 (2026H1)" in out
    assert "Design (2025H1 – 31 December 2025): done" in out
    assert "Construction (2026 – 2027): active" in out
    assert "Site opened" in out and "25%" in out and "2026H1: active" in out

    as_json = json.loads(run_kemi("project", "show", "uimahalli", "--data", str(data_dir), "--period", "2026H1", "--json").stdout)
    assert as_json["metric_status"] == {
        "kpi": "asukkaat", "period": "2026H1", "status": "on_track", "reason": "target reached",
        "actual_period": "2026H1", "actual_value": 19500,
    }
    assert [p["status"] for p in as_json["phases"]] == ["done", "active"]
    assert as_json["updates"][0]["phases"] == [{"phase": {"fi": "Rakentaminen", "en": "Construction"}, "status": "active"}]
    assert "owner" not in as_json["empty_fields"] and "phases" not in as_json["empty_fields"]


def test_show_unknown_project_suggests_the_nearest(run_kemi: Callable, data_dir: Path) -> None:
    result = run_kemi("project", "show", "uimahali", "--data", str(data_dir))
    assert result.returncode == 2
    assert "unknown project 'uimahali' (did you mean 'uimahalli'?)" in result.stderr


# ---------------------------------------------------------------- new


def test_new_writes_a_commented_card_that_validates(run_kemi: Callable, data_dir: Path) -> None:
    result = run_kemi(
        "project", "new", "uusi_hanke", "--data", str(data_dir),
        "--name-fi", "Uusi: hanke # 1", "--name-en", 'A "new" project', "--sector", "ymparisto",
        "--goal", "vihrea", "--goal", "viisas", "--owner", "Tekninen johtaja",
    )
    assert result.returncode == 0, result.stderr
    path = data_dir / "projects" / "uusi_hanke.yaml"
    text = path.read_text(encoding="utf-8")
    assert "# --- Project card" in text and "# outcome:" in text  # the commented template
    sibling_first_line = (data_dir / "projects" / "arm.yaml").read_text(encoding="utf-8").splitlines()[0]
    if sibling_first_line.startswith("# yaml-language-server:"):
        assert text.splitlines()[0] == sibling_first_line  # the editor finds the same schema
    card = YAML(typ="safe").load(text)
    assert card["id"] == "uusi_hanke"
    assert card["name"] == {"fi": "Uusi: hanke # 1", "en": 'A "new" project'}
    assert card["sectors"] == ["ymparisto"] and card["goals"] == ["vihrea", "viisas"]
    assert card["owner"] == "Tekninen johtaja" and card["updates"] == []

    validated = run_kemi("validate", "--data", str(data_dir), "--json")
    assert validated.returncode == 0, validated.stdout
    listed = json.loads(run_kemi("project", "list", "--data", str(data_dir), "--json", "--sector", "ymparisto").stdout)
    assert "uusi_hanke" in [p["id"] for p in listed["projects"]]


NEW_REFUSALS = [
    ("../x", "would leave projects/"),
    ("a/b", "would leave projects/"),
    ("/tmp/x", "would leave projects/"),
    ("..", "would leave projects/"),
    (".hidden", "would leave projects/"),
    ("Uusi", "not a valid project id"),
    ("uusi hanke", "not a valid project id"),
    ("uusi.yaml", "not a valid project id"),
    ("ääkkönen", "not a valid project id"),
    ("arm", "project 'arm' exists already"),
]


@pytest.mark.parametrize(("project_id", "fragment"), NEW_REFUSALS)
def test_new_refuses_bad_ids(run_kemi: Callable, data_dir: Path, project_id: str, fragment: str) -> None:
    before = tree_hashes(data_dir.parent)
    result = run_kemi(
        "project", "new", project_id, "--data", str(data_dir), "--name-fi", "X", "--name-en", "X", "--sector", "ymparisto"
    )
    assert result.returncode == 2, result.stderr
    assert fragment in result.stderr and "Traceback" not in result.stderr
    assert tree_hashes(data_dir.parent) == before


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--sector", "ymparsto"), "unknown sector 'ymparsto' (did you mean 'ymparisto'?)"),
        (("--sector", "ymparisto", "--goal", "vihreä"), "unknown goal 'vihreä' (did you mean 'vihrea'?)"),
        (("--sector", "ymparisto", "--owner", "  "), "--owner must not be empty"),
        (("--sector", "ymparisto", "--owner", "a\nb"), "--owner contains a control character"),
    ],
)
def test_new_refuses_unknown_references_and_bad_text(
    run_kemi: Callable, data_dir: Path, args: tuple[str, ...], fragment: str
) -> None:
    before = tree_hashes(data_dir)
    result = run_kemi("project", "new", "uusi_hanke", "--data", str(data_dir), "--name-fi", "X", "--name-en", "X", *args)
    assert result.returncode == 2, result.stderr
    assert fragment in result.stderr
    assert tree_hashes(data_dir) == before


def test_new_refuses_a_nul_byte(cli: Callable, data_dir: Path) -> None:
    # An operating system cannot pass a NUL byte in argv; the in-process runner can.
    before = tree_hashes(data_dir)
    for args in (
        ("uusi\x00hanke", "--name-fi", "X", "--name-en", "X"),
        ("uusi_hanke", "--name-fi", "X\x00", "--name-en", "X"),
    ):
        result = cli("project", "new", *args, "--sector", "ymparisto", "--data", str(data_dir))
        assert result.exit_code == 2, result.output
    assert tree_hashes(data_dir) == before


@pytest.mark.slow
def test_new_works_from_the_installed_package(tmp_path: Path, data_dir: Path) -> None:
    """The card template is package data: an installed kemi (not the checkout) can create a card."""
    import os
    import subprocess
    import sys

    from .conftest import REPO

    target = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target", str(target), str(REPO)],
        capture_output=True, text=True, timeout=300,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    assert (target / "kemi_cli" / "templates_data" / "project.yaml.tmpl").is_file()
    env = {**os.environ, "PYTHONPATH": str(target), "KEMI_DATA": str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "kemi_cli", "project", "new", "asennettu", "--name-fi", "A", "--name-en", "A", "--sector", "elinvoima"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (data_dir / "projects" / "asennettu.yaml").is_file()
