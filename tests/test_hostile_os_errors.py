"""Errors of the operating system at kemi's edges (reading, locking, writing) are one line naming
the path and the reason, exit 1, with every data file left as it was: a lock that is a folder or
a link, a link in a loop, a full disk, a name too long, and a data folder, lock, projects folder or
output folder without the permission needed."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import tree_hashes
from .test_hostile_input import TODAY, Case, args, refused

SET = ("kpi", "set", "asukkaat", "19 500", "--period", "2026H1")
UPDATE = ("project", "update", "arm", "--period", "2026H1", "--status", "active")
LONG = "a" * 300


def lock_as(make: Callable[[Path], None], command: tuple[str, ...] = SET) -> Callable[[Path, Path], list[str]]:
    def prepare(data: Path, _scratch: Path) -> list[str]:
        make(data / ".kpis.yaml.lock")
        return [*command, "--data", str(data)]

    return prepare


def in_projects(make: Callable[[Path], None], command: tuple[str, ...]) -> Callable[[Path, Path], list[str]]:
    def prepare(data: Path, _scratch: Path) -> list[str]:
        make(data / "projects")
        return [*command, "--data", str(data)]

    return prepare


CASES = {
    "lock-is-a-folder": Case(lock_as(Path.mkdir), 1, "data/.kpis.yaml.lock: the lock is a folder"),
    "lock-links-to-the-data": Case(lock_as(lambda lock: lock.symlink_to("kpis.yaml")), 1, ".kpis.yaml.lock: the lock is a symbolic link"),
    "lock-links-nowhere": Case(lock_as(lambda lock: lock.symlink_to("/nonexistent/lock")), 1, "the lock is a symbolic link"),
    "lock-links-to-itself": Case(lock_as(lambda lock: lock.symlink_to(lock.name)), 1, "the lock is a symbolic link"),
    "lock-is-a-fifo": Case(lock_as(lambda lock: os.mkfifo(lock)), 1, "the lock is not a regular file"),
    "project-link-loop-validate": Case(in_projects(lambda folder: (folder / "silmukka.yaml").symlink_to("silmukka.yaml"), ("validate",)), 1, "silmukka.yaml: error: cannot read: Too many levels of symbolic links"),
    "project-link-loop-set": Case(in_projects(lambda folder: (folder / "silmukka.yaml").symlink_to("silmukka.yaml"), SET), 1, "cannot read: Too many levels of symbolic links"),
    "project-link-loop-report": Case(in_projects(lambda folder: (folder / "a.yaml").symlink_to("a.yaml"), ("report", "strategy", "-o", "-")), 1, "cannot read: Too many levels"),
    "project-id-too-long": Case(args("project", "new", LONG, "--name-fi", "a", "--name-en", "b", "--sector", "elinvoima", "--data", "{data}"), 1, "File name too long"),
    "report-name-too-long": Case(args("report", "strategy", "--data", "{data}", "-o", "{tmp}/" + LONG + ".md"), 1, "cannot write: File name too long"),
    "export-name-too-long": Case(args("kpi", "export", "--data", "{data}", "-o", "{tmp}/" + LONG + ".csv"), 1, "cannot write: File name too long"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_an_os_error_is_one_line(case: Case, data_dir: Path, tmp_path: Path) -> None:
    kpis = (data_dir / "kpis.yaml").read_bytes()
    refused(case, data_dir, tmp_path)
    assert (data_dir / "kpis.yaml").read_bytes() == kpis  # a lock that links to it did not empty it


def _small_files() -> None:
    """A disk that is full for kemi: no file may grow past 256 bytes (the write fails with EFBIG
    instead of the signal that would kill the process)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (256, 256))


def _kemi(*arguments: str, preexec_fn: Callable[[], None] | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kemi_cli", *arguments],
        env={**os.environ, "KEMI_TODAY": TODAY, "KEMI_USER": "testaaja", "NO_COLOR": "1", "COLUMNS": "200", **(env or {})},
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
        preexec_fn=preexec_fn,
    )


def _one_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and fragment in errors[0], result.stderr


@pytest.mark.parametrize(
    "arguments, fragment",
    [
        (SET, "data/kpis.yaml: cannot write: File too large; the file is unchanged"),
        (UPDATE, "arm.yaml: cannot write: File too large; the file is unchanged"),
        (("project", "new", "uusi", "--name-fi", "Uusi", "--name-en", "New", "--sector", "elinvoima"), "uusi.yaml: cannot write: File too large; nothing was created"),
        # Markdown: an HTML report writes its fonts first, and the first file refused would be a font.
        (("report", "strategy", "-o", "{tmp}/strategia.md"), "strategia.md: cannot write: File too large"),
    ],
    ids=["kpi-set", "project-update", "project-new", "report"],
)
def test_a_full_disk_is_one_line_and_changes_nothing(arguments: tuple[str, ...], fragment: str, data_dir: Path, tmp_path: Path) -> None:
    before = tree_hashes(data_dir)
    result = _kemi(*(a.format(tmp=tmp_path) for a in arguments), "--data", str(data_dir), preexec_fn=_small_files)
    _one_error(result, fragment)
    assert tree_hashes(data_dir) == before
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".kemi-tmp") or p.name == "strategia.md"]


# ---------------------------------------------------------------- without the permission needed
#
# kemi's tests run as root in CI, and root passes every permission check. These cases run kemi
# as root without the capabilities that bypass them (setpriv drops them for the command), so that
# a file's mode applies to it as to any user.

BYPASSING = "-dac_override,-dac_read_search,-fowner"


def _checked(*arguments: str) -> subprocess.CompletedProcess[str]:
    setpriv = shutil.which("setpriv")
    if setpriv is None or os.geteuid() != 0:
        pytest.skip("needs root and setpriv (util-linux) to drop the permission-bypassing capabilities")
    return subprocess.run(
        [setpriv, f"--bounding-set={BYPASSING}", sys.executable, "-m", "kemi_cli", *arguments],
        env={**os.environ, "KEMI_TODAY": TODAY, "KEMI_USER": "testaaja", "NO_COLOR": "1", "COLUMNS": "200"},
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
    )


def test_a_read_only_data_folder(data_dir: Path) -> None:
    before = tree_hashes(data_dir)
    for folder in (data_dir, data_dir / "projects"):
        folder.chmod(0o555)
    _one_error(_checked(*SET, "--data", str(data_dir)), ".kpis.yaml.lock: cannot take the lock: Permission denied")
    _one_error(_checked(*UPDATE, "--data", str(data_dir)), ".arm.yaml.lock: cannot take the lock: Permission denied")
    for folder in (data_dir, data_dir / "projects"):
        folder.chmod(0o755)
    assert tree_hashes(data_dir) == before


def test_a_lock_another_user_made(data_dir: Path) -> None:
    lock = data_dir / ".kpis.yaml.lock"
    lock.write_bytes(b"")
    os.chown(lock, 65534, 65534)
    lock.chmod(0o644)
    before = tree_hashes(data_dir)
    _one_error(_checked(*SET, "--data", str(data_dir)), ".kpis.yaml.lock: cannot take the lock: Permission denied")
    assert tree_hashes(data_dir) == before


def test_a_projects_folder_that_cannot_be_read(data_dir: Path) -> None:
    (data_dir / "projects").chmod(0o311)
    try:
        for arguments in (("validate",), ("kpi", "list"), ("report", "strategy", "-o", "-")):
            _one_error(_checked(*arguments, "--data", str(data_dir)), "projects: error: cannot read the folder: Permission denied")
    finally:
        (data_dir / "projects").chmod(0o755)


def test_an_output_folder_that_cannot_be_read(data_dir: Path, tmp_path: Path) -> None:
    """Written and renamed into place; only the folder's own fsync is left out."""
    out = tmp_path / "out"
    out.mkdir(mode=0o333)
    out.chmod(0o333)
    for arguments in (("report", "strategy", "-o", str(out / "s.md")), ("kpi", "export", "-o", str(out / "k.csv"))):
        result = _checked(*arguments, "--data", str(data_dir))
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    out.chmod(0o755)
    assert sorted(p.name for p in out.iterdir()) == ["k.csv", "s.md"]
    closed = tmp_path / "suljettu"
    closed.mkdir(mode=0o000)
    closed.chmod(0o000)
    _one_error(_checked("report", "strategy", "-o", str(closed / "s.md"), "--data", str(data_dir)), "s.md: cannot write: Permission denied")
    closed.chmod(0o755)
