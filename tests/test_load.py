"""Reading YAML: kemi's fast reader gives exactly what ruamel.yaml's pure safe loader gives,
positions point at the node a message is about, and nesting has a limit.

The fast reader builds data straight from libyaml's events; whatever it does not read itself
(tags, anchors, duplicate keys, directives, several documents) goes to the pure loader. The
reference here is ruamel.yaml's own pure safe loader, not kemi's code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from kemi_cli.load import MAX_DEPTH, LoadFailed, SourceFile, load_file, parse_yaml, project_files

from .conftest import SHIPPED_DATA, tree_hashes

SCALARS = [
    "1", "-0", "+1", "017", "0o17", "0x1F", "1_000", "-1_0", "0b101", "1e3", "1.", ".5", "0.0", "1.5",
    ".inf", "-.inf", ".nan", "-.nan", "true", "True", "TRUE", "false", "yes", "no", "on", "off", "y",
    "~", "null", "Null", "", "2024-01-01", "2024-01-01 10:00:00+02:00", "2024-1-1", "12:30", "1:20:00",
    "1,5", "19 400", "2026H1", "00", "'1'", '"x"', '"\\u00e4"', "'it''s'", "-", "--x", "a: b", "Kemi #1",
]


def pure_load(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


@pytest.mark.parametrize("scalar", SCALARS)
def test_a_scalar_reads_as_the_pure_loader_reads_it(scalar: str) -> None:
    for text in (f"key: {scalar}\n", f"- {scalar}\n", f"key: [{scalar}]\n" if scalar and scalar[0] not in "-'\"" else "k: 1\n"):
        try:
            expected = pure_load(text)
        except Exception:  # noqa: BLE001 - text the pure loader refuses is refused by kemi too
            with pytest.raises(LoadFailed):
                parse_yaml(Path("x.yaml"), text)
            continue
        assert parse_yaml(Path("x.yaml"), text) == expected, text


@pytest.mark.parametrize(
    "text",
    [
        "a:\n  b:\n    - c\n    - {d: 1, e: [2, 3]}\n  f: |\n    two\n    lines\n",
        "{1: a, 2: b}\n",
        "? [a, b]\n: complex key\n",  # the pure loader makes a tuple key
        "a: !!str 1\n",  # an explicit plain tag
        "%YAML 1.1\n---\na: yes\n",  # a directive: YAML 1.1 reads yes as true
        "a: 1\nb:\n",
        "# only a comment\n",
        "",
        "title: {fi: Kuinka vien muutosta läpi?, en: How do I carry the change through?}\n",
    ],
)
def test_documents_read_as_the_pure_loader_reads_them(text: str) -> None:
    assert parse_yaml(Path("x.yaml"), text) == pure_load(text)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a'"),
        ("a: &x 1\nb: *x\n", "aliases"),
        ("<<: {a: 1}\n", "merge keys"),
        ("a: !!python/object:os.system x\n", "not allowed"),
        ("--- a\n--- b\n", "YAML syntax error"),
    ],
)
def test_what_is_not_plain_data_is_refused_in_the_pure_loaders_words(text: str, says: str) -> None:
    with pytest.raises(LoadFailed) as refused:
        parse_yaml(Path("x.yaml"), text)
    assert says in refused.value.finding.message
    assert refused.value.finding.line is not None


def test_every_shipped_file_reads_as_the_pure_loader_reads_it() -> None:
    paths = [SHIPPED_DATA / "strategy.yaml", SHIPPED_DATA / "kpis.yaml", *project_files(SHIPPED_DATA)]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert load_file(path).data == pure_load(text), path


@pytest.mark.parametrize("comment", ["", "  # a\ttab sends the text to the pure loader"], ids=["libyaml", "pure"])
def test_nesting_deeper_than_the_limit_is_refused(comment: str) -> None:
    deep = "[" * (MAX_DEPTH * 30) + "]" * (MAX_DEPTH * 30)
    with pytest.raises(LoadFailed) as refused:
        parse_yaml(Path("deep.yaml"), f"a: 1{comment}\nb: {deep}\n")
    assert f"nested more than {MAX_DEPTH} levels deep" in refused.value.finding.message


def test_nesting_up_to_the_limit_reads_and_one_level_more_is_refused() -> None:
    depth = MAX_DEPTH - 1  # lists inside the top mapping
    data = parse_yaml(Path("x.yaml"), "a: " + "[" * depth + "1" + "]" * depth + "\n")["a"]
    for _ in range(depth):
        data = data[0]
    assert data == 1
    with pytest.raises(LoadFailed):
        parse_yaml(Path("x.yaml"), "a: " + "[" * (depth + 1) + "1" + "]" * (depth + 1) + "\n")


def test_validate_refuses_deep_nesting_in_one_line_and_changes_nothing(run_kemi, data_dir: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8") + "x: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    line = kpis.read_text(encoding="utf-8").count("\n")
    before = tree_hashes(data_dir)
    result = run_kemi("validate", "--data", str(data_dir))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert f"kpis.yaml:{line}:" in result.stdout + result.stderr
    assert "levels deep" in result.stdout + result.stderr
    assert tree_hashes(data_dir) == before


POSITIONS_TEXT = """\
# a comment
title: {fi: Otsikko, en: Title?}
groups:
  - id: first
    kpis:
      - id: a
        name: {fi: A, en: A}
      -   id: b
          values: [1, 2,
            3]
  - id: second
    "quoted key": 1
    ? complex
    : 2
"""


@pytest.mark.parametrize(
    ("loc", "where"),
    [
        ((), (2, 1)),
        (("title",), (2, 1)),  # the last part of the path is a key: pointed at by the key
        (("title", "en"), (2, 22)),  # its key
        (("groups", 0, "kpis", 1, "id"), (8, 11)),
        (("groups", 0, "kpis", 1, "values", 2), (10, 13)),
        (("groups", 0, "kpis", 1, "unknown"), (8, 11)),  # the deepest node reached: the mapping
        (("groups", 1, "quoted key"), (12, 5)),
        (("groups", 1, "complex"), (13, 7)),
        (("groups", 5, "id"), (4, 3)),  # no such item: the list itself
        (("groups", "0"), (4, 3)),  # a key where a list has indexes
    ],
)
def test_a_position_is_the_line_and_column_of_the_node(loc: tuple[str | int, ...], where: tuple[int, int]) -> None:
    source = SourceFile(Path("x.yaml"), POSITIONS_TEXT, pure_load(POSITIONS_TEXT))
    assert source.position(loc) == where


def test_positions_are_the_same_when_the_pure_parser_reads_the_text() -> None:
    """A tab anywhere sends the text to the pure parser; the positions do not change."""
    tabbed = POSITIONS_TEXT.replace("# a comment", "# a\tcomment")
    source = SourceFile(Path("x.yaml"), tabbed, pure_load(tabbed))
    plain = SourceFile(Path("x.yaml"), POSITIONS_TEXT, pure_load(POSITIONS_TEXT))
    for loc in [("title", "en"), ("groups", 0, "kpis", 1, "values", 2), ("groups", 1, "complex")]:
        assert source.position(loc) == plain.position(loc)


def test_a_finding_looks_up_its_line_only_when_read() -> None:
    looked_up: list[int] = []

    class Counting(SourceFile):
        def position(self, loc):  # type: ignore[no-untyped-def]
            looked_up.append(1)
            return super().position(loc)

    source = Counting(Path("x.yaml"), POSITIONS_TEXT, pure_load(POSITIONS_TEXT))
    finding = source.finding(("groups", 0, "kpis", 1, "id"), "a gap", "warning")
    assert looked_up == []
    assert str(finding) == "x.yaml:8:11: warning: a gap"
    assert (finding.line, finding.column) == (8, 11)
    assert looked_up == [1]
