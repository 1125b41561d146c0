"""`kemi schema`: the JSON Schemas and the data-format reference are generated from the models,
described in both languages, committed without drift, and agree with the shipped data as an
independent validator (jsonschema) reads it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from kemi_cli import schema
from kemi_cli.load import load_file, project_files
from kemi_cli.validate import validate_workspace

from .conftest import REPO, SHIPPED_DATA

SCHEMAS = REPO / "schemas"
REFERENCE = REPO / "docs" / "data-format.md"


def schema_for(relative: str) -> dict[str, Any]:
    """The committed schema that a data file (path relative to the data folder) must match."""
    name = "project.schema.json" if relative.startswith("projects/") else relative.replace(".yaml", ".schema.json")
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def as_editor_reads_it(value: Any) -> Any:
    """The data as a YAML 1.2 editor server hands it to a JSON Schema validator.

    kemi's safe loader turns an unquoted 2026-08-15 into a date; an editor's YAML server keeps it
    as the string "2026-08-15". Dates are the only such difference: anything else that is not
    already a JSON type fails the test rather than being converted.
    """
    if isinstance(value, dict):
        return {str(k): as_editor_reads_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_reads_it(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    assert value is None or isinstance(value, (str, int, float, bool)), f"not a JSON value: {value!r}"
    return value


def schema_errors(relative: str, data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema_for(relative), format_checker=jsonschema.FormatChecker())
    errors = validator.iter_errors(as_editor_reads_it(data))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def data_files(folder: Path) -> list[str]:
    return ["strategy.yaml", "kpis.yaml"] + [f"projects/{p.name}" for p in project_files(folder)]


# ---------------------------------------------------------------- described in both languages


def test_every_model_and_field_has_english_and_finnish_descriptions() -> None:
    assert schema.english_problems() == []
    assert schema.catalogue_problems() == []


def test_a_field_without_a_finnish_description_fails_generation(cli: Callable, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = dict(schema.finnish_catalogue())
    del catalogue["Kpi.unit"]
    catalogue["Kpi.colour"] = {"title": "Väri", "description": "Ei tällaista kenttää."}
    monkeypatch.setattr(schema, "finnish_catalogue", lambda: catalogue)

    assert schema.catalogue_problems() == [
        "Kpi.unit: no Finnish title and description",
        "Kpi.colour: no such model or field",
    ]
    result = cli("schema")
    assert result.exit_code == 1
    assert "Kpi.unit: no Finnish title and description" in result.output


def test_schemas_carry_both_languages() -> None:
    kpis = json.loads((SCHEMAS / "kpis.schema.json").read_text(encoding="utf-8"))
    kpi = kpis["$defs"]["Kpi"]
    catalogue = schema.finnish_catalogue()
    assert kpi["title"] == f"Kpi / {catalogue['Kpi']['title']}"
    unit = kpi["properties"]["unit"]
    assert unit["description"].startswith("The unit of its values")
    assert unit["description"].endswith(catalogue["Kpi.unit"]["description"])


# ---------------------------------------------------------------- committed, without drift


def test_committed_schemas_equal_freshly_generated_ones(run_kemi: Callable, tmp_path: Path) -> None:
    result = run_kemi("schema", "-o", str(tmp_path / "fresh"))
    assert result.returncode == 0, result.stderr
    fresh = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "fresh").iterdir()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMAS.iterdir()}
    assert fresh.keys() == committed.keys() == {f.schema_file for f in schema.DATA_FILE_FORMATS}
    for name, text in fresh.items():
        assert committed[name] == text, f"schemas/{name} is stale: run `kemi schema -o schemas`"


def test_committed_reference_equals_a_fresh_generation(run_kemi: Callable, tmp_path: Path) -> None:
    result = run_kemi("schema", "--markdown", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    fresh = (tmp_path / "data-format.md").read_text(encoding="utf-8")
    stale = "docs/data-format.md is stale: run `kemi schema --markdown -o docs`"
    assert REFERENCE.read_text(encoding="utf-8") == fresh, stale


def test_reference_covers_every_field_of_every_model() -> None:
    reference = REFERENCE.read_text(encoding="utf-8")
    catalogue = schema.finnish_catalogue()
    for model in schema.all_models():
        assert f"### {model.__name__} – {catalogue[model.__name__]['title']}" in reference
        section = reference.split(f'<a id="{model.__name__.lower()}"></a>')[1].split("<a id=")[0]
        for name in model.model_fields:
            owner = schema.defining_model(model, name).__name__
            row = next((line for line in section.splitlines() if line.startswith(f"| `{name}` |")), None)
            assert row is not None, f"{model.__name__}.{name} missing from the reference"
            assert catalogue[f"{owner}.{name}"]["description"].split()[0] in row
            assert (" yes " if model.model_fields[name].is_required() else " no ") in row


def test_schema_without_output_prints_every_one(cli: Callable) -> None:
    result = cli("schema")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert set(printed) == {"strategy.schema.json", "kpis.schema.json", "project.schema.json", "review.schema.json"}
    for generated in printed.values():
        jsonschema.Draft202012Validator.check_schema(generated)


def test_output_onto_a_file_is_refused(run_kemi: Callable, tmp_path: Path) -> None:
    target = tmp_path / "schemas"
    target.write_text("not a folder", encoding="utf-8")
    result = run_kemi("schema", "-o", str(target))
    assert result.returncode == 2
    assert "is a file, expected a folder" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "not a folder"


# ---------------------------------------------------------------- the schemas and the data agree


@pytest.mark.parametrize("relative", data_files(SHIPPED_DATA))
def test_shipped_data_matches_its_schema(relative: str) -> None:
    data = load_file(SHIPPED_DATA / relative).data
    assert schema_errors(relative, data) == []


@pytest.mark.parametrize("relative", data_files(SHIPPED_DATA))
def test_shipped_data_points_editors_at_its_schema(relative: str) -> None:
    path = SHIPPED_DATA / relative
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first_line.startswith(prefix)
    target = (path.parent / first_line.removeprefix(prefix)).resolve()
    assert json.loads(target.read_text(encoding="utf-8")) == schema_for(relative)


def _set(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


# Each case: a data file, where to change it, the bad value. Both kemi validate and the schema
# must refuse it, so that the editor's squiggle and kemi's error agree.
BAD_VALUES = [
    ("kpis.yaml", ("groups", 0, "kpis", 0, "unit"), "kount"),
    ("kpis.yaml", ("groups", 0, "kpis", 0, "colour"), "red"),
    ("kpis.yaml", ("groups", 0, "kpis", 0, "id"), "Asukkaat Kemissä"),
    ("kpis.yaml", ("groups", 0, "kpis", 0, "baseline", "period"), "2026H3"),
    ("kpis.yaml", ("groups", 0, "kpis", 0, "baseline", "value"), "19 400"),
    ("kpis.yaml", ("groups", 0, "kpis", 0, "name", "fi"), "   "),
    ("kpis.yaml", ("groups", 0, "kpis", 0, "actuals"), [{"period": 2026, "value": 1}]),
    ("strategy.yaml", ("period", "start"), 1850),
    ("strategy.yaml", ("city",), {"fi": "Kemi"}),
    ("projects/arm.yaml", ("status",), "finished"),
    ("projects/arm.yaml", ("updates",), [{"period": "2026H1", "progress": 150, "recorded_at": "2026-08-15"}]),
]


@pytest.mark.parametrize(("relative", "where", "bad"), BAD_VALUES)
def test_schema_and_validate_refuse_the_same_bad_values(data_dir: Path, relative: str, where: tuple, bad: Any) -> None:
    data = load_file(data_dir / relative).data
    _set(data, where, bad)
    assert schema_errors(relative, data) != []
    (data_dir / relative).write_text(json.dumps(as_editor_reads_it(data), ensure_ascii=False), encoding="utf-8")
    assert not validate_workspace(data_dir).ok


def test_schema_accepts_what_yaml_writes_for_periods_and_dates(data_dir: Path) -> None:
    data = load_file(data_dir / "kpis.yaml").data
    actual = {"period": 2026, "value": 19100, "recorded_at": dt.date(2026, 8, 15)}
    half_year = {"period": "2026H1", "value": 19200, "recorded_at": dt.datetime(2026, 8, 15, 9, 30)}
    _set(data, ("groups", 0, "kpis", 0, "actuals"), [actual, half_year])
    assert schema_errors("kpis.yaml", data) == []


def test_output_folders_are_created_and_files_follow_the_umask(run_kemi: Callable, tmp_path: Path) -> None:
    import os

    target = tmp_path / "uusi" / "schemas"
    previous = os.umask(0o027)
    try:
        result = run_kemi("schema", "-o", str(target))
    finally:
        os.umask(previous)
    assert result.returncode == 0, result.stderr
    written = sorted(target.iterdir())
    assert [p.name for p in written] == ["kpis.schema.json", "project.schema.json", "review.schema.json", "strategy.schema.json"]
    assert {p.stat().st_mode & 0o777 for p in written} == {0o640}
