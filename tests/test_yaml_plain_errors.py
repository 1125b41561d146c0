"""Broken YAML in plain words: each common mistake named at the line where the person must act,
with the parser's own message kept after it, through the real `kemi validate` and an edit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import tree_hashes
from .test_validate import line_of

ENV = {"KEMI_TODAY": "2026-08-15", "KEMI_USER": "testi.kayttaja"}
ASUKKAAT_UNIT = "        unit: count\n        # The benefit says \"grows\", but the target equals the baseline; read"
ASUKKAAT_SOURCE = (
    "        source_text: >-\n"
    "          Asukkaiden, yritysten ja matkailijoiden määrä kasvaa | Asukkaiden\n"
    "          määrä Yritysten määrä Yöpymisten määrä | 19400 927 100 000 | 19400 930\n"
    "          100 000\n"
)


def line_ending_with(path: Path, ending: str) -> int:
    """1-based number of the first line of `path` that ends with `ending`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if line.endswith(ending))


def break_kpis(data_dir: Path, old: str, new: str) -> Path:
    kpis = data_dir / "kpis.yaml"
    text = kpis.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    kpis.write_text(text.replace(old, new, 1), encoding="utf-8")
    return kpis


CASES = {
    "conflict markers": (
        ASUKKAAT_UNIT,
        "<<<<<<< HEAD\n        unit: count\n=======\n        unit: index\n>>>>>>> toinen\n        # The benefit says \"grows\", but the target equals the baseline; read",
        "<<<<<<< HEAD",
        1,
        ("git merge-conflict markers on lines {line}–{end}: keep the lines you want between <<<<<<< and >>>>>>>, "
        "delete the others and the marker lines (YAML syntax error: could not find expected ':' while scanning a simple key)"),
    ),
    "a tab": (
        ASUKKAAT_UNIT,
        "\tunit: count\n        # The benefit says \"grows\", but the target equals the baseline; read",
        "\tunit: count",
        1,
        ("a tab character cannot indent YAML or separate a key from its value; use spaces (YAML syntax error: "
        "found character '\\t' that cannot start any token while scanning for the next token)"),
    ),
    "an unclosed double quote": (
        ASUKKAAT_SOURCE,
        '        source_text: "MITTARIT: Asukkaiden määrä | NYT: 19400\n',
        "source_text: \"MITTARIT: Asukkaiden määrä | NYT: 19400\n",
        22,
        ('the quote " opened here is not closed: end the text with " on this line (YAML syntax error: '
        "expected <block end>, but found '<scalar>' while parsing a block mapping)"),
    ),
    "an unclosed single quote": (
        ASUKKAAT_SOURCE,
        "        source_text: 'MITTARIT: Asukkaiden määrä | NYT: 19400\n",
        "source_text: 'MITTARIT",
        22,
        ("the quote ' opened here is not closed: end the text with ' on this line (YAML syntax error: "
        "expected <block end>, but found '<scalar>' while parsing a block mapping)"),
    ),
    "a dedented key": (
        ASUKKAAT_UNIT,
        "      unit: count\n        # The benefit says \"grows\", but the target equals the baseline; read",
        "      unit: count",
        7,
        ("this line is indented 6 spaces, which does not fit the lines above it; the line before it (line {before}) "
        "is indented 8: keys of one mapping, and the items of one list, are indented alike (YAML syntax error: "
        "expected <block end>, but found '?' while parsing a block collection)"),
    ),
    "a missing colon": (
        ASUKKAAT_UNIT,
        "        unit count\n        # The benefit says \"grows\", but the target equals the baseline; read",
        "        unit count",
        9,
        ("'unit count' has no colon after its key: write 'key: value' (YAML syntax error: could not find expected ':' "
        "while scanning a simple key)"),
    ),
    "a duplicate key": (
        ASUKKAAT_UNIT,
        "        unit: count\n        unit: index\n        # The benefit says \"grows\", but the target equals the baseline; read",
        "        unit: index",
        9,
        "duplicate key 'unit': the key appears twice in one mapping (first on line {before}); keep one",
    ),
    "an unclosed bracket": (
        "        serves: [talous]\n",
        "        serves: [talous\n",
        "serves: [talous\n",
        17,
        ("the [ opened here is not closed: end it with ] on this line (YAML syntax error: expected ',' or ']', but got ':' "
        "while parsing a flow sequence)"),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_broken_yaml_is_explained_at_the_line_to_fix(run_kemi: Callable, data_dir: Path, case: str) -> None:
    old, new, needle, column, message = CASES[case]
    kpis = break_kpis(data_dir, old, new)
    line = line_of(kpis, needle.rstrip("\n")) if not needle.endswith("\n") else line_ending_with(kpis, needle.rstrip("\n"))
    expected = message.format(line=line, end=line + 4, before=line - 1)
    result = run_kemi("validate", "--data", str(data_dir), cwd=data_dir.parent, env=ENV)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"data/kpis.yaml:{line}:{column}: error: {expected}"
    assert "Traceback" not in result.stderr


def test_an_edit_of_a_broken_file_says_the_same_and_writes_nothing(run_kemi: Callable, data_dir: Path) -> None:
    kpis = break_kpis(data_dir, ASUKKAAT_SOURCE, '        source_text: "MITTARIT: Asukkaiden määrä | NYT: 19400\n')
    before = tree_hashes(data_dir)
    result = run_kemi("kpi", "set", "yritykset", "930", "--period", "2026H1", "--data", str(data_dir), cwd=data_dir.parent, env=ENV)
    assert result.returncode == 1
    line = line_ending_with(kpis, 'source_text: "MITTARIT: Asukkaiden määrä | NYT: 19400')
    assert result.stderr.startswith(f"data/kpis.yaml:{line}:22: error: the quote \" opened here is not closed")
    assert tree_hashes(data_dir) == before


def test_a_quoted_text_over_several_lines_is_not_taken_for_an_unclosed_quote(run_kemi: Callable, data_dir: Path) -> None:
    """A double-quoted text may continue on the next lines; a mistake after it is still found where it is."""
    kpis = break_kpis(
        data_dir,
        ASUKKAAT_SOURCE,
        '        source_text: "MITTARIT: Asukkaiden määrä |\n          NYT: 19400 | TAVOITE: 19400"\n',
    )
    break_kpis(data_dir, "        serves: [talous]\n", "        serves: [talous\n")
    result = run_kemi("validate", "--data", str(data_dir), cwd=data_dir.parent, env=ENV)
    line = line_ending_with(kpis, "serves: [talous")
    assert result.stderr.splitlines()[0].startswith(f"data/kpis.yaml:{line}:17: error: the [ opened here is not closed")


def test_broken_yaml_is_explained_in_the_readers_language(run_kemi: Callable, data_dir: Path) -> None:
    """Finnish by default: the explanation in Finnish at the same place, the parser's own words after it."""
    old, new, needle, column, _ = CASES["conflict markers"]
    kpis = break_kpis(data_dir, old, new)
    line = line_of(kpis, needle)
    finnish = run_kemi("validate", "--data", str(data_dir), cwd=data_dir.parent, env={**ENV, "KEMI_LANG": "fi"})
    assert finnish.returncode == 1
    assert finnish.stderr.splitlines()[0] == (
        f"data/kpis.yaml:{line}:{column}: virhe: gitin yhdistämisristiriidan merkit riveillä {line}–{line + 4}: säilytä "
        "haluamasi rivit merkkien <<<<<<< ja >>>>>>> väliltä, poista muut rivit ja merkkirivit "
        "(YAML syntax error: could not find expected ':' while scanning a simple key)"
    )
    english = run_kemi("--lang", "en", "validate", "--data", str(data_dir), cwd=data_dir.parent, env={**ENV, "KEMI_LANG": "fi"})
    assert english.stderr.splitlines()[0].startswith(f"data/kpis.yaml:{line}:{column}: error: git merge-conflict markers on lines")
