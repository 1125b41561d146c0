"""Unsafe YAML and oversized files, on every path that reads a data file: `kemi validate` (the
safe loader), the one edit path (which edits with the round-trip loader) and `kemi kpi import`.

Tags are refused before anything is constructed; an alias bomb is refused at its first alias,
quickly and in bounded memory; a file over KEMI_MAX_FILE_BYTES is refused unread.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from kemi_cli.actuals import NewActual, Recording, record_actual
from kemi_cli.edit import edit_file
from kemi_cli.errors import DataError, KemiError
from kemi_cli.load import LoadFailed, load_file, read_text
from kemi_cli.periods import Period
from kemi_cli.validate import validate_workspace, workspace_validator

from .conftest import tree_hashes

CORPUS = Path(__file__).parent / "corpus"
NEW_VALUE = NewActual("yritykset", Period.parse("2026H1"), 930)
RECORDING = Recording(Period.parse("2026H1").end, "testaaja")


def bomb_text(levels: int = 9) -> str:
    return (CORPUS / "alias-bomb.yaml").read_text(encoding="utf-8").replace("*a9", f"*a{levels}")


def bounded(action, seconds: float = 2.0, megabytes: float = 50.0) -> None:  # type: ignore[no-untyped-def]
    """Run `action`, which must refuse; it must do so within `seconds` and `megabytes` of memory."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises((LoadFailed, KemiError)):
            action()
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < seconds, f"took {elapsed:.2f} s"
    assert peak < megabytes * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


# ---------------------------------------------------------------- aliases


def test_an_alias_bomb_is_refused_quickly_in_bounded_memory(data_dir: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    kpis.write_text(bomb_text(), encoding="utf-8")

    bounded(lambda: load_file(kpis))
    findings = validate_workspace(data_dir).errors
    assert [f.line for f in findings if "aliases" in f.message] == [6]  # the first *a0


def test_the_edit_path_refuses_an_alias_bomb_before_its_round_trip_load(data_dir: Path) -> None:
    """ruamel's round-trip loader would accept the aliases; the edit path reads the file with
    the safe loader first, so the round-trip document is never built."""
    kpis = data_dir / "kpis.yaml"
    kpis.write_text(bomb_text(), encoding="utf-8")
    before = tree_hashes(data_dir)

    bounded(lambda: record_actual(data_dir, NEW_VALUE, RECORDING))
    with pytest.raises(DataError) as refused:
        edit_file(kpis, lambda _document: None, workspace_validator(data_dir))
    assert "YAML aliases" in str(refused.value)
    assert tree_hashes(data_dir) == before


def test_an_edit_cannot_introduce_an_alias(data_dir: Path) -> None:
    """The same object put twice into a document is written out twice, never as &anchor/*alias."""
    kpis = data_dir / "kpis.yaml"

    def share(document) -> None:  # type: ignore[no-untyped-def]
        first = document["groups"][1]["kpis"][0]
        first["data_source"] = document["groups"][1]["kpis"][1]["data_source"]

    edit_file(kpis, share, workspace_validator(data_dir))
    text = kpis.read_text(encoding="utf-8")
    assert "&" not in "".join(line.split("#")[0] for line in text.splitlines() if ": &" in line)
    assert load_file(kpis).data  # reads back through the alias-refusing loader


# ---------------------------------------------------------------- tags


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch pwned']",
        "!!python/name:os.system",
        "!<tag:yaml.org,2002:python/object/new:subprocess.Popen> [['touch', 'pwned']]",
        "!!binary cHduZWQ=",
        "!!set {pwned: null}",
        "!ruby/object:Gem::Installer {}",
        "!include secrets.yaml",
    ],
)
def test_tags_are_refused_by_the_reader_and_by_the_edit_path(data_dir: Path, tagged: str) -> None:
    kpis = data_dir / "kpis.yaml"
    text = kpis.read_text(encoding="utf-8")
    kpis.write_text(text.replace("data_source: {fi: Kaupungin tilinpäätös, en: The city's financial statements}", f"data_source: {tagged}", 1), encoding="utf-8")
    before = tree_hashes(data_dir)

    errors = validate_workspace(data_dir).errors
    assert len(errors) == 1 and "not allowed" in errors[0].message and errors[0].line is not None
    with pytest.raises(DataError) as refused:
        record_actual(data_dir, NEW_VALUE, RECORDING)
    assert "not allowed" in str(refused.value)
    assert tree_hashes(data_dir) == before
    assert not (data_dir / "pwned").exists() and not Path("pwned").exists()


# ---------------------------------------------------------------- size


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> int:
    """A limit just above the largest shipped file, so that the data itself still loads."""
    limit = max(p.stat().st_size for p in data_dir.rglob("*.yaml")) + 1000
    monkeypatch.setenv("KEMI_MAX_FILE_BYTES", str(limit))
    return limit


def test_a_file_over_the_limit_is_refused_by_every_reader(data_dir: Path, small_limit: int, tmp_path: Path) -> None:
    from kemi_cli.actuals import read_csv_text

    kpis = data_dir / "kpis.yaml"
    kpis.write_bytes(kpis.read_bytes() + b"# " + b"x" * small_limit + b"\n")
    before = tree_hashes(data_dir)

    errors = validate_workspace(data_dir).errors
    assert len(errors) == 1 and "over the limit" in errors[0].message and "KEMI_MAX_FILE_BYTES" in errors[0].message
    with pytest.raises(DataError, match="over the limit"):
        record_actual(data_dir, NEW_VALUE, RECORDING)
    big_csv = tmp_path / "iso.csv"
    big_csv.write_text("id,period,value\n" + "asukkaat,2026H1,19400\n" * (small_limit // 20), encoding="utf-8")
    with pytest.raises(KemiError, match="over the limit"):
        read_csv_text(big_csv)
    assert tree_hashes(data_dir) == before


def test_the_limit_is_ten_megabytes_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEMI_MAX_FILE_BYTES", raising=False)
    path = tmp_path / "iso.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * (10 * 1024 * 1024))
    with pytest.raises(LoadFailed, match="over the limit of 10,485,760"):
        read_text(path)
    monkeypatch.setenv("KEMI_MAX_FILE_BYTES", str(20 * 1024 * 1024))
    assert read_text(path).startswith("a: 1")


def test_a_device_is_not_read_without_end(data_dir: Path) -> None:
    """A data file that is a link to /dev/zero would be read forever; it is refused unread."""
    (data_dir / "projects" / "nolla.yaml").symlink_to("/dev/zero")
    bounded(lambda: load_file(data_dir / "projects" / "nolla.yaml"))
    errors = validate_workspace(data_dir).errors
    assert [e.message for e in errors] == ["is not a regular file, expected a YAML file"]


def test_the_cli_names_the_limit(run_kemi, data_dir: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    size = kpis.stat().st_size
    result = run_kemi("kpi", "list", "--data", str(data_dir), env={"KEMI_MAX_FILE_BYTES": str(size - 1)})
    assert result.returncode == 1
    assert f"kpis.yaml: error: file is {size:,} bytes, over the limit of {size - 1:,} (KEMI_MAX_FILE_BYTES)" in result.stderr
    assert "Traceback" not in result.stderr
