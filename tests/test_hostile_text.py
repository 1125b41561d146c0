"""Characters that change the meaning of the text around them: line separators and control
characters never reach a YAML file from the command line, text that cannot be UTF-8 is refused
where it enters, control characters from the data never reach the terminal raw, directional
overrides are isolated in documents, and a terminal that cannot show a letter gets '?'."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import tree_hashes
from .test_hostile_input import ENV, Case, args, edit, refused, run, with_file
from .test_hostile_outputs import kemi_process

NEW = ("project", "new", "uusi", "--sector", "elinvoima", "--data", "{data}")
SET = ("kpi", "set", "asukkaat", "19500", "--period", "2026H1", "--data", "{data}")
UPDATE = ("project", "update", "arm", "--period", "2026H1", "--data", "{data}")

ARGUMENT_CASES = {
    "name-line-separator": Case(args(*NEW, "--name-fi", "Hanke\u2028status: cancelled", "--name-en", "b"), 2, "--name-fi contains a control character ('\\u2028')"),
    "name-paragraph-separator": Case(args(*NEW, "--name-fi", "a", "--name-en", "b\u2029owner: x"), 2, "--name-en contains a control character"),
    "name-next-line": Case(args(*NEW, "--name-fi", "a\x85owner: x", "--name-en", "b"), 2, "--name-fi contains a control character ('\\x85')"),
    "name-carriage-return": Case(args(*NEW, "--name-fi", "a\rstatus: done", "--name-en", "b"), 2, "--name-fi contains a control character"),
    "owner-csi": Case(args(*NEW, "--name-fi", "a", "--name-en", "b", "--owner", "x\x9b2J"), 2, "--owner contains a control character"),
    "note-lone-surrogate": Case(args(*SET, "--note", "x\udcff"), 2, "--note holds a byte that is not UTF-8"),
    "source-line-separator": Case(args(*SET, "--source", "TEM\u2028note: x"), 2, "--source contains a control character"),
    "text-escape": Case(args(*UPDATE, "--text-fi", "a\x1b[2J", "--text-en", "b"), 2, "--text-fi contains a control character"),
    "city-escape": Case(args("init", "{tmp}/tornio", "--city", "Tor\x1b]0;x\x07nio"), 2, "--city contains a control character"),
    "import-note-line-separator": Case(with_file("t.csv", "id,period,value,note\nasukkaat,2026H1,19400,a\u2028status: x\n", "kpi", "import", "{tmp}/t.csv", "--data", "{data}"), 1, "t.csv:2: error: --note contains a control character"),
    "phase-surrogate": Case(args(*UPDATE, "--phase", "\ud800", "--phase-status", "active"), 2, "--phase holds a byte that is not UTF-8"),
}

SURROGATE = "\\uD800"
FILE_CASES = {
    "surrogate-in-kpi-name": Case(edit("kpis.yaml", "name: {fi: Yritysten määrä,", f'name: {{fi: "Yri{SURROGATE}tys",', ("kpi", "export")), 1, "lone surrogate", "kpis.yaml", "Yri"),
    "surrogate-in-card": Case(edit("projects/arm.yaml", "goals: []", 'goals: []\nowner: "x\\uDCFF"', ("report", "project", "arm", "-o", "-")), 1, "lone surrogate", "projects/arm.yaml", "owner:"),
    "surrogate-before-set": Case(edit("kpis.yaml", "name: {fi: Yritysten määrä,", 'name: {fi: "\\U0000DC00",', ("kpi", "set", "yritykset", "930", "--period", "2026H1")), 1, "lone surrogate", "kpis.yaml", "DC00"),
}


@pytest.mark.parametrize("case", ARGUMENT_CASES.values(), ids=ARGUMENT_CASES.keys())
def test_text_that_would_change_a_file_is_refused_at_the_argument(case: Case, data_dir: Path, tmp_path: Path) -> None:
    refused(case, data_dir, tmp_path)
    assert not (data_dir / "projects" / "uusi.yaml").exists()


@pytest.mark.parametrize("case", FILE_CASES.values(), ids=FILE_CASES.keys())
def test_text_that_cannot_be_utf8_is_refused_where_it_is(case: Case, data_dir: Path, tmp_path: Path) -> None:
    message = refused(case, data_dir, tmp_path)
    assert message.split(":")[0].endswith(Path(case.file or "").name), message


def test_a_login_name_with_a_line_separator_is_refused(data_dir: Path) -> None:
    before = tree_hashes(data_dir)
    from kemi_cli.cli import app

    result = CliRunner().invoke(app, ["kpi", "set", "asukkaat", "19500", "--period", "2026H1", "--data", str(data_dir)], env={**ENV, "KEMI_USER": "a\u2028b"})
    assert result.exit_code == 2 and "KEMI_USER contains a control character" in result.stderr
    assert tree_hashes(data_dir) == before


ESCAPES = 'name: {fi: "Yri\\e[31mtys\\x9b2J", en: "Busi\\e]0;owned\\anesses"}'


@pytest.mark.parametrize(
    "arguments",
    [("kpi", "list"), ("kpi", "list", "--lang", "en"), ("kpi", "show", "yritykset"), ("kpi", "show", "yritykset", "--lang", "en"), ("status",), ("kpi", "show", "yritykset", "--json"), ("kpi", "list", "--json")],
    ids=["list", "list-en", "show", "show-en", "status", "show-json", "list-json"],
)
def test_control_characters_in_the_data_never_reach_the_terminal(arguments: tuple[str, ...], data_dir: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8").replace("name: {fi: Yritysten määrä, en: Number of businesses}", ESCAPES, 1), encoding="utf-8")
    result = run(*arguments, "--data", str(data_dir))
    assert result.exit_code == 0, result.stderr
    output = result.stdout + result.stderr
    assert not any(c in output for c in "\x1b\x9b\x07"), repr(output)
    if "--json" in arguments:
        json.loads(result.stdout)  # still JSON, the characters as escapes
        assert "\\u001b" in result.stdout or "\\u009b" in result.stdout
    elif arguments[0] == "kpi":
        assert "\\x1b" in result.stdout


def test_an_unknown_id_with_escapes_is_named_visibly(data_dir: Path) -> None:
    result = run("kpi", "show", "x\x1b[2Jy", "--data", str(data_dir))
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "x\\x1b[2Jy" in result.stderr


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_directional_override_is_isolated_in_documents(fmt: str, data_dir: Path) -> None:
    """An unclosed right-to-left override in a name ends with the name, not with the paragraph."""
    card = data_dir / "projects" / "arm.yaml"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("fi: ÄRM – äkillinen rakennemuutos", "fi: ÄRM \u202eäkillinen rakennemuutos", 1), encoding="utf-8")
    result = run("report", "project", "arm", "--format", fmt, "-o", "-", "--data", str(data_dir))
    assert result.exit_code == 0, result.stderr
    assert "\u2068ÄRM \u202eäkillinen rakennemuutos\u2069" in result.stdout
    assert result.stdout.count("\u202e") == result.stdout.count("\u2068ÄRM \u202e")


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}],
    ids=["ascii", "latin-1", "c-locale"],
)
def test_a_terminal_that_cannot_show_a_letter_gets_a_stand_in(env: dict[str, str], data_dir: Path) -> None:
    for arguments in (("kpi", "list"), ("kpi", "show", "asukkaat"), ("project", "show", "arm"), ("status",), ("kpi", "set", "asukkaat", "19 500", "--period", "2026H1")):
        result = kemi_process(*arguments, "--data", str(data_dir), env={"PYTHONIOENCODING": "", **env})
        assert result.returncode == 0, result.stderr
        assert b"Traceback" not in result.stderr and b"Error" not in result.stderr
        assert result.stdout.strip()
    assert "value: 19500" in (data_dir / "kpis.yaml").read_text(encoding="utf-8")


def test_a_folder_name_that_is_not_utf8_is_printed_as_its_bytes(data_dir: Path, tmp_path: Path) -> None:
    """A strict UTF-8 stdout (PYTHONIOENCODING=utf-8) and a data folder named with the byte 0xff:
    the confirmation of a finished edit prints the name's own bytes instead of failing."""
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/d\xff"))
    data_dir.rename(odd)
    result = kemi_process("kpi", "set", "asukkaat", "19 500", "--period", "2026H1", "--data", str(odd), env={"PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0, result.stderr
    assert b"d\xff" in result.stdout and b"Traceback" not in result.stderr
    assert "value: 19500" in (odd / "kpis.yaml").read_text(encoding="utf-8")
