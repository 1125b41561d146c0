"""`kemi init`: a new municipality's data folder, valid at once, from the installed package too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from kemi_cli.load import load_file, project_files
from kemi_cli.validate import EXPECTED_CHALLENGES

from .conftest import REPO, tree_hashes

SCHEMA_LINE = "# yaml-language-server: $schema="


def texts(node: Any) -> Iterator[tuple[str, str]]:
    """Every bilingual text {fi, en} anywhere in the data, as (fi, en)."""
    if isinstance(node, dict):
        if set(node) == {"fi", "en"}:
            yield node["fi"], node["en"]
            return
        for value in node.values():
            yield from texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from texts(value)


def test_a_new_city_validates_at_once(run_kemi: Callable, tmp_path: Path) -> None:
    result = run_kemi("init", "tornio", "--city", "Tornio", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "wrote tornio/strategy.yaml" in result.stdout

    validated = run_kemi("validate", "--data", "tornio", cwd=tmp_path)
    assert validated.returncode == 0, validated.stderr
    assert "0 error(s)" in validated.stdout
    assert f"{EXPECTED_CHALLENGES} challenges" in validated.stdout
    # The examples' empty values show as data gaps, never as made-up figures.
    assert "warning: KPI 'asukkaat' has no baseline or target value (data gap)" in validated.stderr


def test_skeleton_names_the_city_and_marks_every_other_text(run_kemi: Callable, tmp_path: Path) -> None:
    assert run_kemi("init", "pello", "--city", "Pello", cwd=tmp_path).returncode == 0
    strategy = load_file(tmp_path / "pello" / "strategy.yaml").data
    assert strategy["city"] == {"fi": "Pello", "en": "Pello"}
    others = [pair for pair in texts({k: v for k, v in strategy.items() if k != "city"})]
    assert others, "the skeleton has texts"
    unmarked = [pair for pair in others if not (pair[0].startswith("TODO:") and pair[1].startswith("TODO:"))]
    assert unmarked == []
    assert [c["number"] for c in strategy["challenges"]] == list(range(1, EXPECTED_CHALLENGES + 1))

    kpis = load_file(tmp_path / "pello" / "kpis.yaml").data
    examples = [kpi for group in kpis["groups"] for kpi in group["kpis"]]
    assert len(examples) >= 2
    assert all(kpi["baseline"]["value"] is None and kpi["target"]["value"] is None for kpi in examples)
    assert all(kpi["actuals"] == [] for kpi in examples)


def test_city_name_is_written_safely(run_kemi: Callable, tmp_path: Path) -> None:
    city = 'Ylitornio: "Aavasaksa" # ei kommentti'
    assert run_kemi("init", "kunta", "--city", city, cwd=tmp_path).returncode == 0
    assert load_file(tmp_path / "kunta" / "strategy.yaml").data["city"] == {"fi": city, "en": city}
    assert run_kemi("validate", "--data", "kunta", cwd=tmp_path).returncode == 0


def test_new_files_point_editors_at_schemas_that_accept_them(run_kemi: Callable, tmp_path: Path) -> None:
    assert run_kemi("init", "tornio", "--city", "Tornio", cwd=tmp_path).returncode == 0
    folder = tmp_path / "tornio"
    paths = [folder / "strategy.yaml", folder / "kpis.yaml", *project_files(folder)]
    assert len(paths) == 3
    for path in paths:
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith(SCHEMA_LINE), path
        target = json.loads((path.parent / first_line.removeprefix(SCHEMA_LINE)).read_text(encoding="utf-8"))
        jsonschema.validate(load_file(path).data, target, cls=jsonschema.Draft202012Validator)
    shipped = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "schemas").iterdir()}
    assert {p.name: p.read_text(encoding="utf-8") for p in (folder / "schemas").iterdir()} == shipped


def test_an_existing_empty_folder_is_used(run_kemi: Callable, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert run_kemi("init", "empty", "--city", "Keminmaa", cwd=tmp_path).returncode == 0
    assert run_kemi("validate", "--data", "empty", cwd=tmp_path).returncode == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".kemi-tmp")]


def test_a_non_empty_folder_is_refused_and_left_as_it_was(run_kemi: Callable, data_dir: Path) -> None:
    before = tree_hashes(data_dir)
    result = run_kemi("init", str(data_dir), "--city", "Tornio")
    assert result.returncode == 2
    assert "the folder is not empty" in result.stderr and "Traceback" not in result.stderr
    assert tree_hashes(data_dir) == before
    assert sorted(p.name for p in data_dir.parent.iterdir()) == ["data"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--city", "   "], "--city: give the municipality's name"),
        ([], "Missing option '--city'"),
    ],
)
def test_a_missing_city_is_a_usage_error(run_kemi: Callable, tmp_path: Path, args: list[str], message: str) -> None:
    result = run_kemi("init", "tornio", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_file_in_the_way_is_refused(run_kemi: Callable, tmp_path: Path) -> None:
    (tmp_path / "tornio").write_text("notes", encoding="utf-8")
    result = run_kemi("init", "tornio", "--city", "Tornio", cwd=tmp_path)
    assert result.returncode == 2
    assert "is a file" in result.stderr
    assert (tmp_path / "tornio").read_text(encoding="utf-8") == "notes"


def test_skeleton_keeps_its_comments(run_kemi: Callable, tmp_path: Path) -> None:
    """The city is filled in by a round-trip edit: the guidance in the comments survives."""
    assert run_kemi("init", "tornio", "--city", "Tornio", cwd=tmp_path).returncode == 0
    skeleton = (REPO / "kemi_cli" / "skeleton" / "strategy.yaml").read_text(encoding="utf-8")
    written = (tmp_path / "tornio" / "strategy.yaml").read_text(encoding="utf-8")
    comments = [line for line in skeleton.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in written.splitlines() if line.lstrip().startswith("#")]
    assert YAML(typ="safe").load(written)["period"]["note"]["en"].startswith("TODO:")


@pytest.mark.slow
def test_init_works_from_the_installed_package(installed_site: Path, tmp_path: Path) -> None:
    """The skeleton, the Finnish descriptions and the schemas all come from package data."""
    env = {**os.environ, "PYTHONPATH": str(installed_site)}
    env.pop("KEMI_DATA", None)
    run = [
        sys.executable,
        "-c",
        ("import kemi_cli, sys; assert 'site' in kemi_cli.__file__, kemi_cli.__file__; "
        "from kemi_cli.cli import main; sys.argv = ['kemi', *sys.argv[1:]]; main()"),
    ]
    options = {"cwd": tmp_path, "env": env, "capture_output": True, "text": True, "timeout": 120}
    created = subprocess.run([*run, "init", "tornio", "--city", "Tornio"], **options, check=False)  # type: ignore[call-overload]
    assert created.returncode == 0, created.stderr
    validated = subprocess.run([*run, "validate", "--data", "tornio"], **options, check=False)  # type: ignore[call-overload]
    assert validated.returncode == 0, validated.stderr
    assert (tmp_path / "tornio" / "schemas" / "kpis.schema.json").is_file()
