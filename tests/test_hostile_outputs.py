"""Where documents go: devices and descriptors are written in place and never replaced, no
document goes over a file of the data folder, `-o -` is stdout for every command that takes -o,
and a closed or broken stdout never turns a finished command into a failure."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import tree_hashes
from .test_hostile_input import TODAY, Case, args, refused, run

DATA_FILE_CASES = {
    "report-over-kpis": Case(args("report", "strategy", "--format", "md", "--data", "{data}", "-o", "{data}/kpis.yaml"), 2, "is a file of the data folder"),
    "report-over-strategy-by-another-path": Case(args("report", "strategy", "--format", "md", "--data", "{data}", "-o", "{data}/projects/../strategy.yaml"), 2, "is a file of the data folder"),
    "report-new-card": Case(args("report", "half-year", "--period", "2026H1", "--data", "{data}", "-o", "{data}/projects/katsaus.md"), 2, "is a file of the data folder"),
    "report-over-lock": Case(args("report", "strategy", "--format", "md", "--data", "{data}", "-o", "{data}/.kpis.yaml.lock"), 2, "is a file of the data folder"),
    "report-pdf-over-card": Case(args("report", "project", "arm", "--format", "pdf", "--data", "{data}", "-o", "{data}/projects/arm.yaml"), 2, "is a file of the data folder"),
    "export-over-card": Case(args("kpi", "export", "--format", "csv", "--data", "{data}", "-o", "{data}/projects/arm.yaml"), 2, "is a file of the data folder"),
    "export-xlsx-over-kpis": Case(args("kpi", "export", "--format", "xlsx", "--data", "{data}", "-o", "{data}/kpis.yaml"), 2, "is a file of the data folder"),
    "build-into-projects": Case(args("build", "--data", "{data}", "--out", "{data}/projects"), 2, "is a file of the data folder"),
    "build-to-stdout": Case(args("build", "--data", "{data}", "--out", "-"), 2, "cannot go to stdout"),
    "report-to-full-device": Case(args("report", "strategy", "--data", "{data}", "-o", "/dev/full"), 1, "/dev/full: cannot write: No space left on device"),
    "export-to-full-device": Case(args("kpi", "export", "--data", "{data}", "-o", "/dev/full"), 1, "/dev/full: cannot write: No space left on device"),
}


@pytest.mark.parametrize("case", DATA_FILE_CASES.values(), ids=DATA_FILE_CASES.keys())
def test_an_output_over_the_data_or_a_full_device_is_refused(case: Case, data_dir: Path, tmp_path: Path) -> None:
    refused(case, data_dir, tmp_path)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_link_to_a_data_file_is_refused(data_dir: Path, tmp_path: Path) -> None:
    link = tmp_path / "raportti.md"
    link.symlink_to(data_dir / "kpis.yaml")
    before = tree_hashes(data_dir)
    result = run("report", "strategy", "--data", str(data_dir), "-o", str(link))
    assert result.exit_code == 2 and "is a file of the data folder" in result.stderr
    assert link.is_symlink() and tree_hashes(data_dir) == before


def test_a_link_to_a_document_is_kept_and_its_file_replaced(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "oikea.csv"
    target.write_text("vanha\n", encoding="utf-8")
    link = tmp_path / "linkki.csv"
    link.symlink_to(target)
    assert run("kpi", "export", "--data", str(data_dir), "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("\ufeffTunnus;")


@pytest.mark.parametrize(
    "arguments",
    [
        ("report", "strategy", "-o", "/dev/null"),
        ("report", "half-year", "--period", "2026H1", "-o", "/dev/null"),  # Markdown with charts beside it
        ("report", "annual", "--year", "2025", "--format", "html", "-o", "/dev/null"),
        ("kpi", "export", "-o", "/dev/null"),
        ("kpi", "export", "--format", "xlsx", "-o", "/dev/null"),
    ],
    ids=["strategy-md", "half-year-md", "annual-html", "export-csv", "export-xlsx"],
)
def test_a_device_is_written_never_replaced(arguments: tuple[str, ...], data_dir: Path) -> None:
    """As root, an atomic write would rename a temporary file over /dev/null."""
    before = sorted(os.listdir("/dev"))
    result = run(*arguments, "--data", str(data_dir))
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert sorted(os.listdir("/dev")) == before  # no chart file, no temporary file


def kemi_process(*arguments: str, **options) -> subprocess.CompletedProcess[bytes]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "KEMI_TODAY": TODAY, "NO_COLOR": "1", "COLUMNS": "200", "KEMI_USER": "testaaja", **options.pop("env", {})}
    env.pop("KEMI_DATA", None)
    options.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "kemi_cli", *arguments], env=env, stderr=subprocess.PIPE, timeout=120, check=False, **options
    )


@pytest.mark.parametrize("target", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_stdout_by_its_device_names(target: str, data_dir: Path, tmp_path: Path) -> None:
    """To a pipe, and to a file the shell opened (`> file`): the export arrives, and the file
    stays the very file the shell opened."""
    piped = kemi_process("kpi", "export", "--format", "json", "-o", target, "--data", str(data_dir))
    assert piped.returncode == 0, piped.stderr
    assert "actuals" in json.loads(piped.stdout)
    redirected = tmp_path / "out.json"
    with redirected.open("wb") as handle:
        inode = os.fstat(handle.fileno()).st_ino
        result = kemi_process("kpi", "export", "--format", "json", "-o", target, "--data", str(data_dir), stdout=handle)
    assert result.returncode == 0, result.stderr
    assert redirected.stat().st_ino == inode
    assert "actuals" in json.loads(redirected.read_bytes())


@pytest.mark.parametrize(
    "arguments, check",
    [
        (("kpi", "export", "-o", "-", "--data", "{data}"), lambda out: out.startswith("\ufeffTunnus;".encode())),
        (("kpi", "export", "--format", "json", "-o", "-", "--data", "{data}"), lambda out: "actuals" in json.loads(out)),
        (("kpi", "export", "--format", "xlsx", "-o", "-", "--data", "{data}"), lambda out: out.startswith(b"PK\x03\x04")),
        (("report", "strategy", "-o", "-", "--data", "{data}"), lambda out: out.startswith(b"#")),
        (("schema", "-o", "-"), lambda out: "kpis.schema.json" in json.loads(out)),
        (("schema", "--markdown", "-o", "-"), lambda out: b"# Data format" in out),
        (("cli-reference", "-o", "-"), lambda out: b"kemi kpi set" in out),
    ],
    ids=["export-csv", "export-json", "export-xlsx", "report", "schema", "schema-markdown", "cli-reference"],
)
def test_dash_is_stdout_for_every_command_with_o(arguments: tuple[str, ...], check, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = kemi_process(*(a.format(data=data_dir) for a in arguments), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert check(result.stdout)
    assert not (tmp_path / "-").exists()


def test_a_closed_stdout_does_not_fail_a_finished_edit(data_dir: Path) -> None:
    """`kemi kpi set … >&-`: the value is recorded, the confirmation goes nowhere, exit 0, and
    no data file receives what was meant for stdout."""
    kpis = data_dir / "kpis.yaml"
    result = kemi_process("kpi", "set", "asukkaat", "19 500", "--period", "2026H1", "--data", str(data_dir), preexec_fn=lambda: os.close(1))
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    text = kpis.read_text(encoding="utf-8")
    assert "value: 19500" in text and "recorded in" not in text


def test_a_broken_pipe_does_not_fail_an_edit_or_a_listing(data_dir: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    for arguments in (
        ("kpi", "set", "asukkaat", "19 500", "--period", "2026H1"),
        ("kpi", "list"),
        ("kpi", "export", "--format", "json"),
    ):
        with subprocess.Popen(
            [sys.executable, "-m", "kemi_cli", *arguments, "--data", str(data_dir)],
            env={**os.environ, "KEMI_TODAY": TODAY, "KEMI_USER": "testaaja", "NO_COLOR": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as process:
            assert process.stdout is not None and process.stderr is not None
            process.stdout.close()  # the reader is gone before kemi prints a byte
            stderr = process.stderr.read()
            assert process.wait(timeout=120) == 0, stderr
        assert b"Traceback" not in stderr and b"Exception" not in stderr, stderr
    assert "value: 19500" in kpis.read_text(encoding="utf-8")
