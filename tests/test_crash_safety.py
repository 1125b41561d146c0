"""A writer killed with SIGKILL at any point leaves the old file or the new one, never a mix,
and never a temporary file that the next writer trips over.

The writers are forked children of the test (kemi already imported, so a child starts in
milliseconds) that write in a loop until they are killed at a random moment. The random
moments come from a seeded generator, so a failure can be replayed.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from kemi_cli.actuals import NewActual, Recording, record_actual, unset_actual
from kemi_cli.edit import TEMP_SUFFIX, atomic_write, locked
from kemi_cli.periods import Period
from kemi_cli.validate import validate_workspace

FORK = multiprocessing.get_context("fork")
PERIOD = Period.parse("2026H1")


def stale_temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f".*{TEMP_SUFFIX}"))


def kill_at(child, seconds: float) -> None:  # type: ignore[no-untyped-def]
    time.sleep(seconds)
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    assert child.exitcode == -signal.SIGKILL


# ---------------------------------------------------------------- the atomic write itself


def _write_forever(path: Path, texts: list[str]) -> None:
    while True:
        for text in texts:
            atomic_write(path, text, 0o644)


@pytest.mark.slow
def test_killed_atomic_writes_leave_old_or_new(tmp_path: Path) -> None:
    path = tmp_path / "kpis.yaml"
    # Large enough that a kill often lands inside a write; each text is valid YAML of its own.
    texts = [f"# {name}\nvalue: {'x' * 400_000}{name}\n" for name in ("vanha", "uusi")]
    path.write_text(texts[0], encoding="utf-8")
    chance = random.Random(6)
    for _ in range(40):
        child = FORK.Process(target=_write_forever, args=(path, texts))
        child.start()
        kill_at(child, chance.uniform(0.0, 0.05))
        content = path.read_text(encoding="utf-8")
        assert content in texts, f"a mix of {len(content)} characters"
        with locked(path):  # the next writer takes the lock, and cleans up under it
            assert stale_temp_files(tmp_path) == []
    assert path.stat().st_mode & 0o777 == 0o644


# ---------------------------------------------------------------- the whole edit path


def _set_and_unset_forever(data_dir: Path) -> None:
    new = NewActual("yritykset", PERIOD, 931, source="kaatumistesti")
    recording = Recording(PERIOD.end, "kaatuja")
    while True:
        # Start from whichever state the killed writer before this one left.
        if b"kaatumistesti" in (data_dir / "kpis.yaml").read_bytes():
            unset_actual(data_dir, "yritykset", PERIOD)
        else:
            record_actual(data_dir, new, recording)


@pytest.mark.slow
def test_killed_edits_leave_a_valid_file_in_a_known_state(data_dir: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    original = kpis.read_bytes()
    record_actual(data_dir, NewActual("yritykset", PERIOD, 931, source="kaatumistesti"), Recording(PERIOD.end, "kaatuja"))
    with_value = kpis.read_bytes()
    kpis.write_bytes(original)
    chance = random.Random(7)
    states = {original: "old", with_value: "new"}
    for _ in range(12):
        child = FORK.Process(target=_set_and_unset_forever, args=(data_dir,))
        child.start()
        kill_at(child, chance.uniform(0.05, 0.6))
        assert kpis.read_bytes() in states, "the file is neither the old nor the new text"
        assert validate_workspace(data_dir).ok
    # The next edit by a real command succeeds and leaves no temporary file behind.
    if kpis.read_bytes() == with_value:
        unset_actual(data_dir, "yritykset", PERIOD)
    record_actual(data_dir, NewActual("yritykset", PERIOD, 932), Recording(PERIOD.end, "seuraava"))
    assert stale_temp_files(data_dir) == []
    assert validate_workspace(data_dir).ok


# ---------------------------------------------------------------- killed between the temporary file and the rename


def _stop_before_rename(data_dir: Path, ready) -> None:  # type: ignore[no-untyped-def]
    def hang(*_args: object) -> None:
        ready.set()
        time.sleep(60)

    os.replace = hang  # only in this child: the temporary file is written, the rename never comes
    record_actual(data_dir, NewActual("yritykset", PERIOD, 933), Recording(PERIOD.end, "kaatuja"))


def test_a_temporary_file_left_by_a_killed_writer_is_harmless(data_dir: Path, run_kemi) -> None:
    kpis = data_dir / "kpis.yaml"
    original = kpis.read_bytes()
    ready = FORK.Event()
    child = FORK.Process(target=_stop_before_rename, args=(data_dir, ready))
    child.start()
    assert ready.wait(30)
    kill_at(child, 0)

    leftover = stale_temp_files(data_dir)
    assert len(leftover) == 1 and b"value: 933" in leftover[0].read_bytes()
    assert kpis.read_bytes() == original
    # Readers do not mistake it for data; the next writer removes it and writes.
    validated = run_kemi("validate", "-q", "--data", str(data_dir))
    assert validated.returncode == 0, validated.stderr
    recorded = run_kemi("kpi", "set", "yritykset", "934", "--period", "2026H1", "--data", str(data_dir), env={"KEMI_TODAY": "2026-08-15"})
    assert recorded.returncode == 0, recorded.stderr
    assert stale_temp_files(data_dir) == []
    assert b"value: 934" in kpis.read_bytes() and b"value: 933" not in kpis.read_bytes()
