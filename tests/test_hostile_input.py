"""The bad-input corpus: broken data files and bad command-line arguments, each given to the
command that would meet it. Every case must give one clear message that names the file and line
(or the argument), the documented exit code (1 for bad data or a failed action, 2 for a usage
error), no traceback, and leave every file in the tree byte-identical.

Files under tests/corpus/ hold the cases that are easier to read as files; the rest are small
changes to a copy of the shipped data, written out below.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import tree_hashes

CORPUS = Path(__file__).parent / "corpus"
TODAY = "2026-08-15"
ENV = {"COLUMNS": "200", "NO_COLOR": "1", "KEMI_TODAY": TODAY, "KEMI_USER": "testaaja", "KEMI_LOCK_TIMEOUT": "5"}

Prepare = Callable[[Path, Path], list[str]]  # (data folder, scratch folder) → the command's arguments


@dataclass(frozen=True)
class Case:
    prepare: Prepare
    exit_code: int
    fragment: str  # in the one error message
    file: str | None = None  # the file (relative to the data folder) the message must name ...
    needle: str | None = None  # ... at the first line holding this text (None: any line, or none)


def run(*args: str):  # type: ignore[no-untyped-def]
    """kemi in-process; any exception other than the exit itself is a traceback a user would see."""
    from kemi_cli.cli import app

    result = CliRunner().invoke(app, list(args), env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr + result.stdout
    return result


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_bytes().splitlines(), start=1):
        if needle.encode() in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------- how a case breaks the data


def edit(relative: str, old: str, new: str, command: tuple[str, ...] = ("validate", "-q")) -> Prepare:
    def prepare(data: Path, _scratch: Path) -> list[str]:
        replace_in(data / relative, old, new)
        return [*command, "--data", str(data)]

    return prepare


def write(relative: str, content: str | bytes, command: tuple[str, ...] = ("validate", "-q")) -> Prepare:
    def prepare(data: Path, _scratch: Path) -> list[str]:
        target = data / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return [*command, "--data", str(data)]

    return prepare


def from_corpus(name: str, relative: str, command: tuple[str, ...] = ("validate", "-q")) -> Prepare:
    return write(relative, (CORPUS / name).read_bytes(), command)


def transform(relative: str, change: Callable[[bytes], bytes], command: tuple[str, ...] = ("validate", "-q")) -> Prepare:
    def prepare(data: Path, _scratch: Path) -> list[str]:
        target = data / relative
        target.write_bytes(change(target.read_bytes()))
        return [*command, "--data", str(data)]

    return prepare


def args(*arguments: str) -> Prepare:
    """A command on the intact data; `{data}` and `{tmp}` stand for the two folders."""

    def prepare(data: Path, scratch: Path) -> list[str]:
        return [a.format(data=data, tmp=scratch) for a in arguments]

    return prepare


def with_file(relative: str, content: str | bytes, *arguments: str) -> Prepare:
    """A command given a file of its own in the scratch folder (an import file, a blocker)."""

    def prepare(data: Path, scratch: Path) -> list[str]:
        target = scratch / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return [a.format(data=data, tmp=scratch) for a in arguments]

    return prepare


def remove(relative: str, command: tuple[str, ...] = ("validate", "-q")) -> Prepare:
    def prepare(data: Path, _scratch: Path) -> list[str]:
        (data / relative).unlink()
        return [*command, "--data", str(data)]

    return prepare


def folder_instead(relative: str, command: tuple[str, ...] = ("validate", "-q")) -> Prepare:
    def prepare(data: Path, _scratch: Path) -> list[str]:
        (data / relative).unlink(missing_ok=True)
        (data / relative).mkdir()
        return [*command, "--data", str(data)]

    return prepare


SET = ("kpi", "set", "asukkaat", "19 500", "--period", "2026H1")
UPDATE = ("project", "update", "arm", "--period", "2026H1", "--status", "active")
REPORT = ("report", "half-year", "--period", "2026H1", "-o", "-")
ARM = "projects/arm.yaml"

FILE_CASES = {
    # YAML syntax, met by every kind of command
    "syntax-unclosed-flow": Case(edit("kpis.yaml", "name: {fi: Yritysten määrä, en: Number of businesses}", "name: {fi: Yritysten määrä, en: Number of businesses"), 1, "YAML syntax error", "kpis.yaml"),
    "syntax-bad-indent-card": Case(edit(ARM, "sectors: [elinvoima]\ngoals: []", "sectors: [elinvoima]\n   goals: []", UPDATE), 1, "YAML syntax error", ARM, "   goals: []"),
    "syntax-unclosed-quote": Case(edit("strategy.yaml", "title: {fi: Kemin kaupungin strategia", 'title: {fi: "Kemin kaupungin strategia'), 1, "YAML syntax error", "strategy.yaml"),
    "syntax-in-kpis-before-set": Case(edit("kpis.yaml", "        unit: count\n", "        unit: count\n       bad: [\n", SET), 1, "YAML syntax error", "kpis.yaml"),
    # wrong types
    "type-text-for-number": Case(edit("kpis.yaml", "value: 927", "value: paljon"), 1, "expected a number, got 'paljon'", "kpis.yaml", "value: paljon"),
    "type-text-for-list": Case(edit(ARM, "sectors: [elinvoima]", "sectors: elinvoima"), 1, "expected a list", ARM, "sectors: elinvoima"),
    "type-word-for-list": Case(edit("kpis.yaml", "needs_confirmation: [direction, serves, data_source, frequency]", "needs_confirmation: ehkä"), 1, "expected a list", "kpis.yaml", "needs_confirmation: ehkä"),
    "type-bool-for-list": Case(edit("kpis.yaml", "needs_confirmation: [direction, serves, data_source, frequency]", "needs_confirmation: true"), 1, "needs_confirmation lists the fields that await confirmation", "kpis.yaml", "needs_confirmation: true"),
    "type-word-for-date": Case(edit(ARM, "updates: []", "updates:\n  - {period: 2026H1, status: active, recorded_at: eilen}", SET), 1, "expected a date (YYYY-MM-DD)", ARM, "eilen"),
    "type-mapping-for-text": Case(edit("kpis.yaml", "data_source: {fi: Kaupungin tilinpäätös, en: The city's financial statements}", "data_source: [Kaupungin tilinpäätös]"), 1, "expected text in both languages", "kpis.yaml", "data_source: [Kaupungin tilinpäätös]"),
    # unknown and duplicate keys, duplicate ids, dangling references
    "unknown-key-card": Case(edit(ARM, "goals: []", "goals: []\nownr: Kaupunginjohtaja"), 1, "unknown key 'ownr' (did you mean 'owner'?)", ARM, "ownr:"),
    "unknown-top-level-key": Case(edit("strategy.yaml", "city: {fi: Kemi, en: Kemi}", "city: {fi: Kemi, en: Kemi}\ncountry: Suomi", REPORT), 1, "unknown key 'country'", "strategy.yaml", "country: Suomi"),
    "duplicate-key-card": Case(edit(ARM, "sectors: [elinvoima]", "sectors: [elinvoima]\nsectors: [ymparisto]", UPDATE), 1, "duplicate key 'sectors'", ARM, "sectors: [ymparisto]"),
    "duplicate-group-id": Case(edit("kpis.yaml", "  - id: talous\n", "  - id: vetovoima\n"), 1, "duplicate group id 'vetovoima'", "kpis.yaml"),
    "duplicate-project-id": Case(write("projects/arm.yml", (Path(__file__).parent.parent / "data" / ARM).read_text(encoding="utf-8")), 1, "duplicate project id 'arm'", "projects/arm.yml", "id: arm"),
    "dangling-metric-kpi": Case(edit(ARM, "goals: []", "goals: []\nmetric: {kpi: asukkaita}"), 1, "unknown KPI 'asukkaita' (did you mean 'asukkaat'?)", ARM, "metric: {kpi: asukkaita}"),
    "dangling-goal": Case(edit(ARM, "goals: []", "goals: [viisaus]", ("kpi", "list")), 1, "unknown goal 'viisaus' (did you mean 'viisas'?)", ARM, "goals: [viisaus]"),
    # periods
    "bad-period-baseline": Case(edit("kpis.yaml", "          value: 927\n", "          value: 927\n          period: 2024H3\n"), 1, "'2024H3' is not a period", "kpis.yaml", "period: 2024H3"),
    "bad-period-update": Case(edit(ARM, "updates: []", "updates:\n  - {period: 26H1, status: active, recorded_at: 2026-07-01}"), 1, "'26H1' is not a period", ARM, "26H1"),
    # languages and empty text
    "missing-english": Case(edit(ARM, "  en: ÄRM – sudden structural change\n", ""), 1, "missing the English text ('en')", ARM, "fi: ÄRM – äkillinen"),
    "empty-finnish": Case(edit("kpis.yaml", "name: {fi: Yritysten määrä,", 'name: {fi: "  ",'), 1, "text must not be empty", "kpis.yaml", 'name: {fi: "  "'),
    # empty, missing, folder
    "empty-card": Case(write(ARM, "", UPDATE), 1, "file is empty", ARM),
    "comments-only-kpis": Case(write("kpis.yaml", "# kaikki poistettu\n", SET), 1, "file is empty", "kpis.yaml"),
    "missing-strategy": Case(remove("strategy.yaml", ("status",)), 1, "file not found", "strategy.yaml"),
    "folder-for-kpis": Case(folder_instead("kpis.yaml", ("kpi", "list")), 1, "is a folder, expected a YAML file", "kpis.yaml"),
    # bytes
    "latin-1-card": Case(transform(ARM, lambda raw: raw.replace("ÄRM – äkillinen".encode(), "ÄRM – äkillinen".encode("latin-1", "replace"))), 1, "not valid UTF-8 (byte 0xc4)", ARM, "rakennemuutos"),
    "utf-16-kpis": Case(transform("kpis.yaml", lambda raw: raw.decode("utf-8").encode("utf-16")), 1, "not valid UTF-8", "kpis.yaml"),
    "nul-byte": Case(transform("kpis.yaml", lambda raw: raw.replace("Yritysten määrä".encode(), b"Yritysten\x00", 1), SET), 1, "#x0000 is not allowed", "kpis.yaml", "Yritysten"),
    "tab-indent-card": Case(edit(ARM, "  fi: ÄRM – äkillinen rakennemuutos\n", "\tfi: ÄRM – äkillinen rakennemuutos\n"), 1, "tab character", ARM, "\tfi:"),
    "very-long-line-unclosed": Case(edit("kpis.yaml", 'fi: "Ehdotus vahvistettavaksi: tietolähde Tilastokeskus."', 'fi: "' + "x" * 200_000 + '" ]'), 1, "YAML syntax error", "kpis.yaml", "x" * 1000),
    # unsafe YAML, from the corpus files
    "python-tag": Case(from_corpus("python-tag.yaml", ARM, UPDATE), 1, "the tag '!!python/object/apply:os.system' is not allowed", ARM, "!!python"),
    "binary-tag": Case(edit("kpis.yaml", "name: {fi: Yritysten määrä,", "name: {fi: !!binary WXJpdHlzdGVu,"), 1, "the tag '!!binary' is not allowed", "kpis.yaml", "!!binary"),
    "local-tag": Case(edit(ARM, "sectors: [elinvoima]", "sectors: !include muut.yaml"), 1, "the tag '!include' is not allowed", ARM, "!include"),
    "merge-key": Case(edit("kpis.yaml", "        unit: count\n        direction: increase\n", "        <<: {unit: count}\n        direction: increase\n"), 1, "merge keys (<<) are not allowed", "kpis.yaml", "<<:"),
    "alias-bomb": Case(from_corpus("alias-bomb.yaml", "kpis.yaml", SET), 1, "YAML aliases (*name) are not allowed", "kpis.yaml", "*a"),
    # values out of range and numbers in the wrong form, in the file
    "percent-over-100": Case(edit("kpis.yaml", "          value: 6\n", "          value: 160\n", ("kpi", "list")), 1, "160 is outside 0–100", "kpis.yaml", "value: 160"),
    "count-fraction": Case(edit("kpis.yaml", "          value: 927\n", "          value: 927.5\n"), 1, "927.5 is not a whole number", "kpis.yaml", "value: 927.5"),
    "progress-negative": Case(edit(ARM, "updates: []", "updates:\n  - {period: 2026H1, progress: -5, recorded_at: 2026-07-01}"), 1, "greater than or equal to 0", ARM, "progress: -5"),
    "number-with-comma": Case(edit("kpis.yaml", "value: 927", "value: 927,5"), 1, "expected a number, got '927,5'", "kpis.yaml", "927,5"),
    "number-with-space": Case(edit("kpis.yaml", "value: 19400", 'value: "19 400"'), 1, "expected a number, got '19 400'", "kpis.yaml", '"19 400"'),
    "number-infinite": Case(edit("kpis.yaml", "value: 927", "value: .inf"), 1, "finite", "kpis.yaml", ".inf"),
    "number-boolean": Case(edit("kpis.yaml", "value: 927", "value: true"), 1, "expected a number, got True", "kpis.yaml", "value: true"),
}

CSV_HEADER = "id,period,value\n"
ARGUMENT_CASES = {
    # commands and options
    "unknown-command": Case(args("kpi", "sett", "asukkaat", "1"), 2, "No such command 'sett'"),
    "unknown-option": Case(args("kpi", "list", "--stauts", "on_track", "--data", "{data}"), 2, "No such option: --stauts"),
    "unknown-top-command": Case(args("raportti"), 2, "No such command 'raportti'"),
    # ids, including ones that try to leave their folder
    "unknown-kpi": Case(args("kpi", "set", "asukas", "1", "--data", "{data}"), 2, "unknown KPI 'asukas' (did you mean 'asukkaat'?)"),
    "unknown-project": Case(args("project", "update", "armm", "--status", "active", "--data", "{data}"), 2, "unknown project 'armm'"),
    "project-id-dotdot": Case(args("project", "new", "../../etc/x", "--name-fi", "a", "--name-en", "b", "--sector", "elinvoima", "--data", "{data}"), 2, "would leave projects/"),
    "project-id-absolute": Case(args("project", "new", "/tmp/x", "--name-fi", "a", "--name-en", "b", "--sector", "elinvoima", "--data", "{data}"), 2, "would leave projects/"),
    "project-id-not-slug": Case(args("project", "new", "Uusi Hanke", "--name-fi", "a", "--name-en", "b", "--sector", "elinvoima", "--data", "{data}"), 2, "is not a valid project id"),
    "project-id-nul": Case(args("project", "new", "a\x00b", "--name-fi", "a", "--name-en", "b", "--sector", "elinvoima", "--data", "{data}"), 2, "NUL byte"),
    "report-project-dotdot": Case(args("report", "project", "../strategy", "--data", "{data}", "-o", "-"), 2, "unknown project '../strategy'"),
    # numbers in every wrong form
    "value-words": Case(args("kpi", "set", "asukkaat", "paljon", "--period", "2026H1", "--data", "{data}"), 2, "value: 'paljon' is not a number"),
    "value-both-separators": Case(args("kpi", "set", "asukkaat", "19,400.5", "--period", "2026H1", "--data", "{data}"), 2, "19,400.5"),
    "value-bad-groups": Case(args("kpi", "set", "asukkaat", "19 40", "--period", "2026H1", "--data", "{data}"), 2, "19 40"),
    "value-empty": Case(args("kpi", "set", "asukkaat", "", "--period", "2026H1", "--data", "{data}"), 2, "value"),
    "value-nan": Case(args("kpi", "set", "tyottomyysaste", "nan", "--period", "2026H1", "--data", "{data}"), 2, "value"),
    "value-huge": Case(args("kpi", "set", "tyottomyysaste", "1e400", "--period", "2026H1", "--data", "{data}"), 2, "value"),
    "value-percent-sign-on-count": Case(args("kpi", "set", "asukkaat", "13,5 %", "--period", "2026H1", "--data", "{data}"), 2, "is written in another unit: this KPI's values are a whole number"),
    "value-negative-count": Case(args("kpi", "set", "asukkaat", "-1", "--period", "2026H1", "--data", "{data}"), 2, "negative"),
    "value-percent-over-100": Case(args("kpi", "set", "tyottomyysaste", "101", "--period", "2026H1", "--data", "{data}"), 2, "outside 0–100"),
    "forecast-words": Case(args("kpi", "set", "asukkaat", "19400", "--forecast", "ehkä", "--period", "2026H1", "--data", "{data}"), 2, "--forecast"),
    "progress-over-100": Case(args("project", "update", "arm", "--progress", "150", "--data", "{data}"), 2, "--progress 150 is out of range"),
    "progress-words": Case(args("project", "update", "arm", "--progress", "puolet", "--data", "{data}"), 2, "--progress 'puolet' is not a number"),
    # periods, dates and choices
    "period-h3": Case(args("kpi", "set", "asukkaat", "1", "--period", "2026H3", "--data", "{data}"), 2, "2026H3"),
    "period-future": Case(args("kpi", "set", "asukkaat", "19400", "--period", "2030H1", "--data", "{data}"), 2, "--period 2030H1: that period has not begun yet"),
    "date-impossible": Case(args("kpi", "set", "asukkaat", "19400", "--date", "2026-13-01", "--data", "{data}"), 2, "--date '2026-13-01' is not a date"),
    "review-period-year": Case(args("report", "half-year", "--period", "2026", "--data", "{data}"), 2, "--period '2026' is a year"),
    "status-unknown": Case(args("project", "update", "arm", "--status", "valmis", "--data", "{data}"), 2, "--status 'valmis' is not one of"),
    "lang-unknown": Case(args("report", "strategy", "--lang", "sv", "--data", "{data}", "-o", "-"), 2, "--lang 'sv'"),
    "format-unknown": Case(args("report", "strategy", "--format", "docx", "--data", "{data}"), 2, "--format 'docx'"),
    "text-english-only": Case(args("project", "update", "arm", "--text-en", "Began", "--data", "{data}"), 2, "--text-fi is missing"),
    "by-control-character": Case(args("kpi", "set", "asukkaat", "19400", "--period", "2026H1", "--by", "a\x1b[31mb", "--data", "{data}"), 2, "--by contains a control character"),
    "unset-nothing": Case(args("kpi", "unset", "asukkaat", "--period", "2026H1", "--data", "{data}"), 2, "has no value for 2026H1 to unset"),
    # output paths
    "output-is-folder": Case(args("report", "strategy", "--data", "{data}", "-o", "{tmp}"), 2, "is a folder; give a file name"),
    "output-under-a-file": Case(with_file("tiedosto", "x", "report", "strategy", "--data", "{data}", "-o", "{tmp}/tiedosto/strategia.md"), 1, "cannot write: a part of the path is a file, not a folder"),
    "export-under-a-file": Case(with_file("tiedosto", "x", "kpi", "export", "--data", "{data}", "-o", "{tmp}/tiedosto/x.csv"), 2, "does not exist"),
    "build-under-a-file": Case(with_file("tiedosto", "x", "build", "--data", "{data}", "--out", "{tmp}/tiedosto/dist"), 1, "cannot write: a part of the path is a file, not a folder"),
    "data-missing": Case(args("kpi", "list", "--data", "{tmp}/ei-ole"), 1, "data folder not found"),
    # import files
    "import-missing": Case(args("kpi", "import", "{tmp}/ei.csv", "--data", "{data}"), 2, "no such file"),
    "import-folder": Case(args("kpi", "import", "{tmp}", "--data", "{data}"), 2, "is a folder, expected a CSV file"),
    "import-device": Case(args("kpi", "import", "/dev/zero", "--data", "{data}"), 2, "is not a regular file"),
    "import-bad-value": Case(with_file("t.csv", CSV_HEADER + "asukkaat,2026H1,19400\nasukkaat,2025H2,lots\n", "kpi", "import", "{tmp}/t.csv", "--data", "{data}"), 1, "t.csv:3: error: value: 'lots' is not a number"),
    "import-nul": Case(with_file("t.csv", CSV_HEADER + "asuk\x00kaat,2026H1,19400\n", "kpi", "import", "{tmp}/t.csv", "--data", "{data}"), 1, "t.csv:2: error: unknown KPI"),
    "import-latin-1": Case(with_file("t.csv", (CSV_HEADER + "asukkaat,2026H1,19400,\n").replace("id,", "id,").encode() + "x,2026H1,1,hyvä\n".encode("latin-1"), "kpi", "import", "{tmp}/t.csv", "--data", "{data}"), 1, "not valid UTF-8"),
}


def assert_one_clear_error(stderr: str, fragment: str) -> str:
    lines = [line for line in stderr.splitlines() if re.search(r"(^|: )error: |^Error: ", line)]
    assert len(lines) == 1, stderr
    assert fragment in lines[0], lines[0]
    return lines[0]


def refused(case: Case, data_dir: Path, tmp_path: Path) -> str:
    """Run the case; it must be refused with its exit code and one message, changing no file.
    Returns the message."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    arguments = case.prepare(data_dir, scratch)
    before = tree_hashes(tmp_path)

    result = run(*arguments)

    assert result.exit_code == case.exit_code, result.stderr
    message = assert_one_clear_error(result.stderr, case.fragment)
    assert tree_hashes(tmp_path) == before
    return message


@pytest.mark.parametrize("case", FILE_CASES.values(), ids=FILE_CASES.keys())
def test_broken_file_gives_one_located_error(case: Case, data_dir: Path, tmp_path: Path) -> None:
    message = refused(case, data_dir, tmp_path)
    location = message.split(": error: ")[0]
    assert case.file is not None and Path(location.split(":")[0]).name == Path(case.file).name, message
    if case.needle is not None:
        assert int(location.split(":")[1]) == line_of(data_dir / case.file, case.needle), message


@pytest.mark.parametrize("case", ARGUMENT_CASES.values(), ids=ARGUMENT_CASES.keys())
def test_bad_argument_gives_one_clear_error(case: Case, data_dir: Path, tmp_path: Path) -> None:
    refused(case, data_dir, tmp_path)


def test_the_corpus_has_at_least_forty_cases() -> None:
    assert len(FILE_CASES) + len(ARGUMENT_CASES) >= 40


def test_the_real_entry_point_prints_no_traceback(run_kemi, data_dir: Path) -> None:
    """The same refusals through `python -m kemi_cli`, as a user's shell runs it."""
    replace_in(data_dir / "kpis.yaml", "value: 927", "value: !!python/object/apply:os.system ['touch pwned']")
    before = tree_hashes(data_dir)
    for arguments, code in ((["validate", "-q"], 1), (["kpi", "set", "yritykset", "930", "--period", "2026H1"], 1), (["kpi", "sett"], 2)):
        result = run_kemi(*arguments, "--data", str(data_dir), cwd=data_dir, env={"KEMI_TODAY": TODAY})
        assert result.returncode == code, result.stderr
        assert "Traceback" not in result.stderr
    assert tree_hashes(data_dir) == before
    assert not (data_dir / "pwned").exists()


# ---------------------------------------------------------------- what must load


def test_bom_and_crlf_load_and_survive_an_edit(data_dir: Path) -> None:
    """A file saved by a Windows editor (byte-order mark, CRLF line ends) loads, and an edit
    keeps both: set followed by unset gives back the very bytes."""
    kpis = data_dir / "kpis.yaml"
    kpis.write_bytes(b"\xef\xbb\xbf" + kpis.read_bytes().replace(b"\n", b"\r\n"))
    original = kpis.read_bytes()

    assert run("validate", "-q", "--data", str(data_dir)).exit_code == 0
    assert run(*SET, "--data", str(data_dir)).exit_code == 0
    edited = kpis.read_bytes()
    assert edited.startswith(b"\xef\xbb\xbf") and b"\r\n" in edited and b"\n" not in edited.replace(b"\r\n", b"")
    assert run("kpi", "unset", "asukkaat", "--period", "2026H1", "--data", str(data_dir)).exit_code == 0
    assert kpis.read_bytes() == original


def test_a_very_long_line_loads(data_dir: Path) -> None:
    replace_in(data_dir / "kpis.yaml", 'fi: "Ehdotus vahvistettavaksi:', 'fi: "' + "pitkä rivi " * 20_000 + "Ehdotus vahvistettavaksi:")
    assert run("validate", "-q", "--data", str(data_dir)).exit_code == 0
    assert run(*SET, "--data", str(data_dir)).exit_code == 0


def test_the_corpus_files_are_what_they_say(tmp_path: Path) -> None:
    """Keep the corpus honest: each file is refused for its own reason when read alone."""
    from kemi_cli.load import LoadFailed, load_file

    for name, fragment in (("python-tag.yaml", "python/object"), ("alias-bomb.yaml", "aliases")):
        target = tmp_path / name
        shutil.copy(CORPUS / name, target)
        with pytest.raises(LoadFailed) as refused:
            load_file(target)
        assert fragment in refused.value.finding.message
