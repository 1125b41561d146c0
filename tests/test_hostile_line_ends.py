"""Line ends and byte-order marks: a file is either given back byte for byte outside the lines an
edit changes (LF, CRLF throughout, a BOM at the start, a last line without a newline), or refused
by validation, located, before any edit (LF and CRLF mixed, CR alone, a BOM anywhere else,
a raw line separator that YAML readers take as a line end or as text).
Never half-converted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import tree_hashes
from .test_hostile_input import line_of, run

SET = ("kpi", "set", "asukkaat", "19 500", "--period", "2026H1")
UNSET = ("kpi", "unset", "asukkaat", "--period", "2026H1")
UPDATE = ("project", "update", "arm", "--period", "2026H1", "--status", "active")
BOM = b"\xef\xbb\xbf"

KEPT: dict[str, Callable[[bytes], bytes]] = {
    "no-final-newline": lambda raw: raw.rstrip(b"\n"),
    "crlf-no-final-newline": lambda raw: raw.replace(b"\n", b"\r\n").rstrip(b"\r\n"),
    "bom-crlf-no-final-newline": lambda raw: BOM + raw.replace(b"\n", b"\r\n").rstrip(b"\r\n"),
    "bom-lf": lambda raw: BOM + raw,
}


@pytest.mark.parametrize("change", KEPT.values(), ids=KEPT.keys())
def test_set_then_unset_gives_back_the_very_bytes(change: Callable[[bytes], bytes], data_dir: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    kpis.write_bytes(change(kpis.read_bytes()))
    original = kpis.read_bytes()
    assert run(*SET, "--data", str(data_dir)).exit_code == 0
    edited = kpis.read_bytes()
    assert edited.startswith(BOM) == original.startswith(BOM)
    assert (b"\r\n" in edited) == (b"\r\n" in original) and edited.endswith(b"\n") == original.endswith(b"\n")
    assert run(*UNSET, "--data", str(data_dir)).exit_code == 0
    assert kpis.read_bytes() == original


REFUSED: dict[str, tuple[str, Callable[[bytes], bytes], str, str | None]] = {
    # name: (file, change, fragment of the message, text on the line it must name)
    "mixed-crlf-and-lf": ("kpis.yaml", lambda raw: raw.replace(b"\n", b"\r\n", 20), "this line ends with LF and others with CRLF", None),
    "one-lf-among-crlf": ("kpis.yaml", lambda raw: raw.replace(b"\n", b"\r\n").replace(b"unit: percent\r\n", b"unit: percent\n", 1), "this line ends with LF", "unit: percent"),
    "cr-only": ("kpis.yaml", lambda raw: raw.replace(b"\n", b"\r"), "carriage return alone", None),
    "one-cr-alone": ("projects/arm.yaml", lambda raw: raw.replace(b"sectors: [elinvoima]\n", b"sectors: [elinvoima]\r", 1), "carriage return alone", "sectors: [elinvoima]"),
    "double-bom": ("kpis.yaml", lambda raw: BOM + BOM + raw, "a second byte-order mark", None),
    "bom-mid-file": ("kpis.yaml", lambda raw: raw.replace(b"name: {fi: Yritysten", "name: {fi: \ufeffYritysten".encode(), 1), "a byte-order mark (U+FEFF) inside the text", "Number of businesses"),
    "line-separator": ("kpis.yaml", lambda raw: raw.replace("fi: Asukkaiden määrä".encode(), "fi: Asukkaiden\u2028määrä".encode(), 1), "a line separator ('\\u2028')", "Asukkaiden\u2028"),
    "paragraph-separator": ("projects/arm.yaml", lambda raw: raw.replace("ÄRM – äkillinen".encode(), "ÄRM\u2029äkillinen".encode(), 1), "a line separator ('\\u2029')", "ÄRM\u2029"),
    "next-line": ("kpis.yaml", lambda raw: raw.replace("fi: Asukkaiden määrä".encode(), "fi: Asukkaiden\x85määrä".encode(), 1), "a line separator ('\\x85')", "Asukkaiden\x85"),
    "bom-in-card": ("projects/arm.yaml", lambda raw: raw.replace(b"goals: []", b"goals: []\n" + BOM + b"# kommentti", 1), "byte-order mark", "kommentti"),
}


@pytest.mark.parametrize("case", REFUSED.values(), ids=REFUSED.keys())
@pytest.mark.parametrize("command", [("validate", "-q"), SET, UPDATE, ("report", "strategy", "-o", "-")], ids=["validate", "set", "update", "report"])
def test_line_ends_that_could_not_come_back_are_refused_before_any_edit(case, command: tuple[str, ...], data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    relative, change, fragment, needle = case
    path = data_dir / relative
    path.write_bytes(change(path.read_bytes()))
    before = tree_hashes(data_dir)
    result = run(*command, "--data", str(data_dir))
    assert result.exit_code == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and fragment in errors[0] and Path(errors[0].split(":")[0]).name == path.name, result.stderr
    if needle is not None:
        assert int(errors[0].split(":")[1]) == line_of(path, needle)
    assert tree_hashes(data_dir) == before
