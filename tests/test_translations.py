"""Texts awaiting English out to a translator's workbook and back, through the real CLI: the
English recorded beside each Finnish, all or nothing, every bad cell named, a second import
changing nothing. The texts are made up for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from kemi_cli.validate import load_workspace

from .conftest import fill_workbook, refused_lines, tree_hashes

DAY = "2026-08-20"


@pytest.fixture
def drafted(kemi, data_dir: Path) -> Path:
    """2026H1 under review with a comment and an update written in Finnish only."""
    for args in (
        ("review", "open", "2026H1"),
        ("comment", "kpi", "asukkaat", "Väkiluku laski hieman."),
        ("project", "update", "uimahalli", "--status", "active", "--text-fi", "Suunnittelu alkoi."),
    ):
        result = kemi(DAY, *args, "--data", str(data_dir))
        assert result.exit_code == 0, result.output
    return data_dir


def export(kemi, data_dir: Path, path: Path) -> dict[str, int]:
    result = kemi(DAY, "translations", "export", "-o", str(path), "--data", str(data_dir))
    assert result.exit_code == 0, result.output
    return {cell.value: cell.row for cell in load_workbook(path)["Käännökset"]["A"][1:]}


def test_the_english_goes_beside_its_finnish_and_a_second_import_changes_nothing(kemi, drafted: Path, tmp_path: Path) -> None:
    path = tmp_path / "kaannokset.xlsx"
    rows = export(kemi, drafted, path)
    assert list(rows) == ["kpi:asukkaat:2026H1", "project:uimahalli:2026H1"]
    sheet = load_workbook(path)["Käännökset"]
    assert (sheet["B2"].value, sheet["C2"].value) == ("Asukkaiden määrä, 2026H1", "Väkiluku laski hieman.")
    fill_workbook(path, {"Käännökset!D2": "The population fell slightly.", "Käännökset!D3": "Design began."})

    imported = kemi(DAY, "translations", "import", str(path), "--data", str(drafted))
    assert imported.exit_code == 0, imported.output
    workspace = load_workspace(drafted)
    comment = next(c for c in workspace.review.commentary if c.id == "asukkaat")
    assert (comment.text.fi, comment.text.en) == ("Väkiluku laski hieman.", "The population fell slightly.")
    update = workspace.projects["uimahalli"].updates[-1]
    assert update.text is not None and (update.text.fi, update.text.en) == ("Suunnittelu alkoi.", "Design began.")

    after = tree_hashes(drafted)
    again = kemi(DAY, "translations", "import", str(path), "--data", str(drafted))
    assert again.exit_code == 0, again.output
    assert tree_hashes(drafted) == after
    assert load_workbook(_export_again(kemi, drafted, tmp_path))["Käännökset"].max_row == 1  # nothing awaits English now


def _export_again(kemi, data_dir: Path, tmp_path: Path) -> Path:
    path = tmp_path / "uudet.xlsx"
    export(kemi, data_dir, path)
    return path


def test_bad_cells_refuse_the_whole_import(kemi, drafted: Path, tmp_path: Path) -> None:
    path = tmp_path / "kaannokset.xlsx"
    export(kemi, drafted, path)
    fill_workbook(path, {"Käännökset!C2": "Muutettu suomi", "Käännökset!D2": "Changed", "Käännökset!D3": "=A1"})
    assert refused_lines(kemi, drafted, DAY, "translations", "import", str(path), "--data", str(drafted)) == [
        f"{path}:Käännökset!C2: error: this text is not the data's any more (it was edited, or the data changed after the workbook was written); take a new workbook",
        f"{path}:Käännökset!D3: error: a formula (=A1) is not accepted; type the value itself",
    ]


def test_an_english_given_meanwhile_needs_replace(kemi, drafted: Path, tmp_path: Path) -> None:
    path = tmp_path / "kaannokset.xlsx"
    export(kemi, drafted, path)
    fill_workbook(path, {"Käännökset!D2": "The population fell a little."})
    first = kemi(DAY, "translations", "import", str(path), "--data", str(drafted))
    assert first.exit_code == 0, first.output
    fill_workbook(path, {"Käännökset!D2": "The population decreased slightly."})
    assert refused_lines(kemi, drafted, DAY, "translations", "import", str(path), "--data", str(drafted)) == [
        f"{path}:Käännökset!D2: error: 'kpi:asukkaat:2026H1' has an English already ('The population fell a little.'); add --replace to record this one"
    ]
    replaced = kemi(DAY, "translations", "import", str(path), "--replace", "--data", str(drafted))
    assert replaced.exit_code == 0, replaced.output
    comment = next(c for c in load_workspace(drafted).review.commentary if c.id == "asukkaat")
    assert comment.text.en == "The population decreased slightly."


def test_export_writes_a_workbook_only(kemi, drafted: Path, tmp_path: Path) -> None:
    result = kemi(DAY, "translations", "export", "-o", str(tmp_path / "kaannokset.csv"), "--data", str(drafted))
    assert result.exit_code == 2
    assert "the workbook is written as .xlsx" in result.output
    assert not (tmp_path / "kaannokset.csv").exists()
