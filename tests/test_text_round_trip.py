"""Every text kemi writes into YAML reads back as the same string, whatever it begins with.

A plain scalar may begin with "?" or ":" under YAML 1.2, but neither libyaml nor ruamel's pure
parser reads `{en: ?0}` back; kemi's writer quotes such texts. Each text-taking option of every
editing command is run here with each awkward start, and the value is read back with both of
kemi's readers (the fast libyaml path and the pure loader).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from kemi_cli.cli import app
from kemi_cli.load import load_file

# Starts that YAML reads as indicators, words it resolves to other types, and look-alikes.
AWKWARD_STARTS = [
    "?0", "?x", "? x", ":x", ": x", "::", "-x", "- x", "#x", "@x", "`x", "!x", "&x", "*x", "%x",
    "|x", ">x", "{x", "[x", ",x", "~", "null", "yes", "1e3", "2026-01-02", "'x", '"x', "x: y",
    "x #y", "x,y", "?", ":", "-",
]
ENV = {"KEMI_TODAY": "2026-08-15", "COLUMNS": "200", "NO_COLOR": "1"}


def invoke(*args: str):
    result = CliRunner().invoke(app, list(args), env=ENV)
    assert result.exit_code == 0, (args, result.output)
    return result


def both_readers(path: Path) -> tuple[object, object]:
    """The file as kemi's fast reader and as the pure loader read it."""
    text = path.read_text(encoding="utf-8")
    return load_file(path).data, YAML(typ="safe", pure=True).load(text)


def read_back(path: Path) -> object:
    fast, pure = both_readers(path)
    assert fast == pure
    return fast


@pytest.mark.parametrize("text", AWKWARD_STARTS)
def test_kpi_set_and_import_keep_source_note_and_recorder(data_dir: Path, tmp_path: Path, text: str) -> None:
    invoke("kpi", "set", "asukkaat", "19400", "--period", "2025H2", "--source", text, "--note", text,
           "--by", text, "--data", str(data_dir))
    rows = tmp_path / "rows.csv"
    with rows.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "period", "value", "source", "note"], ["tyottomyysaste", "2025H2", "13,5", text, text]])
    invoke("kpi", "import", str(rows), "--by", text, "--data", str(data_dir))

    kpis = {kpi["id"]: kpi for group in read_back(data_dir / "kpis.yaml")["groups"] for kpi in group["kpis"]}
    for kpi_id in ("asukkaat", "tyottomyysaste"):
        actual = kpis[kpi_id]["actuals"][-1]
        assert (actual["source"], actual["note"], actual["recorded_by"]) == (text, text, text)


@pytest.mark.parametrize("text", AWKWARD_STARTS)
def test_project_new_and_update_keep_names_owner_and_texts(data_dir: Path, text: str) -> None:
    invoke("project", "new", "uusi", "--name-fi", text, "--name-en", text, "--owner", text, "--sector", "elinvoima",
           "--data", str(data_dir))
    invoke("project", "update", "uusi", "--period", "2026H1", "--text-fi", text, "--text-en", text, "--progress", "5",
           "--by", text, "--data", str(data_dir))

    card = read_back(data_dir / "projects" / "uusi.yaml")
    assert card["name"] == {"fi": text, "en": text}
    assert card["owner"] == text
    update = card["updates"][-1]
    assert update["text"] == {"fi": text, "en": text} and update["recorded_by"] == text


@pytest.mark.parametrize("text", AWKWARD_STARTS)
def test_init_keeps_the_city_name(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "kunta"
    invoke("init", str(folder), "--city", text)
    assert read_back(folder / "strategy.yaml")["city"] == {"fi": text, "en": text}
    invoke("validate", "--data", str(folder))

