"""The review cycle through the real CLI: opening and closing a period in review.yaml, and the
period every command works on when none is given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kemi_cli.validate import validate_workspace

from .conftest import tree_hashes

FEBRUARY, AUGUST, NOVEMBER = "2026-02-10", "2026-08-20", "2026-11-05"


@pytest.fixture
def kemi(cli, monkeypatch):
    """kemi in process, on a given day, as a given user."""
    monkeypatch.setenv("KEMI_USER", "analyytikko")

    def run(day: str, *args: str):
        monkeypatch.setenv("KEMI_TODAY", day)
        return cli(*args)

    return run


# How a command says which period it took: the screen commands in their --lang (Finnish by
# default), the reports as their one-line confirmations, in English.
SAID = {
    "last_ended": ("kausi {period}: viimeisin päättynyt puolivuotiskausi", "period {period}: the last ended half-year"),
    "under_review": ("kausi {period}: katsauksessa oleva kausi", "period {period}: the period under review"),
}


def said(args: list[str], reason: str, period: str) -> str:
    finnish, english = SAID[reason]
    return (english if args[0] == "report" else finnish).format(period=period)


def read_commands(data_dir: Path) -> list[list[str]]:
    data = ["--data", str(data_dir)]
    return [
        ["kpi", "list", *data],
        ["kpi", "show", "asukkaat", *data],
        ["status", *data],
        ["project", "list", *data],
        ["project", "show", "uimahalli", *data],
        ["report", "half-year", "-o", "-", *data],
        ["report", "project", "uimahalli", "-o", "-", *data],
    ]


@pytest.mark.parametrize(
    ("day", "expected"),
    [(FEBRUARY, "2025H2"), (AUGUST, "2026H1"), (NOVEMBER, "2026H1")],
)
def test_without_a_period_under_review_every_command_takes_the_last_ended_half_year(kemi, data_dir: Path, day: str, expected: str) -> None:
    for args in read_commands(data_dir):
        result = kemi(day, *args)
        assert result.exit_code == 0, (args, result.stderr)
        assert said(args, "last_ended", expected) in result.stderr, args
    listed = json.loads(kemi(day, "kpi", "list", "--json", "--data", str(data_dir)).stdout)
    assert listed["period"] == expected
    status = json.loads(kemi(day, "status", "--json", "--data", str(data_dir)).stdout)
    assert status["period"] == expected

    recorded = kemi(day, "kpi", "set", "tyottomyysaste", "12,5", "--data", str(data_dir))
    assert recorded.exit_code == 0, recorded.stderr
    assert f"tyottomyysaste {expected} (the last ended half-year" in recorded.stdout
    updated = kemi(day, "project", "update", "uimahalli", "--status", "active", "--data", str(data_dir))
    assert updated.exit_code == 0, updated.stderr
    workspace = validate_workspace(data_dir).workspace
    assert [a.period for a in workspace.kpi("tyottomyysaste").actuals] == [expected]
    assert [u.period for u in workspace.projects["uimahalli"].updates] == [expected]


def test_a_given_period_is_used_and_not_announced(kemi, data_dir: Path) -> None:
    result = kemi(NOVEMBER, "status", "--period", "2025H2", "--json", "--data", str(data_dir))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["period"] == "2025H2"
    assert "period" not in result.stderr


@pytest.mark.parametrize("day", [NOVEMBER, "2027-02-01"])
def test_the_period_under_review_is_every_commands_default(kemi, data_dir: Path, day: str) -> None:
    opened = kemi(AUGUST, "review", "open", "2026H1", "--deadline", "2026-09-15", "--data", str(data_dir))
    assert opened.exit_code == 0, opened.stderr
    # Still under review in February 2027, when the last ended half-year is already 2026H2.
    for args in read_commands(data_dir):
        result = kemi(day, *args)
        assert result.exit_code == 0, (args, result.stderr)
        assert said(args, "under_review", "2026H1") in result.stderr, args
    recorded = kemi(day, "kpi", "set", "tyottomyysaste", "12,5", "--data", str(data_dir))
    assert "tyottomyysaste 2026H1 (the period under review)" in recorded.stdout


def test_open_writes_review_yaml_that_validates(kemi, data_dir: Path) -> None:
    result = kemi(AUGUST, "review", "open", "2026H1", "--deadline", "2026-08-31", "--data", str(data_dir))
    assert result.exit_code == 0, result.stderr
    text = (data_dir / "review.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/review.schema.json\n")
    assert "- period: 2026H1\n  state: open\n  deadline: 2026-08-31\n  opened_at: 2026-08-20\n  opened_by: analyytikko\n" in text
    result = validate_workspace(data_dir)
    assert result.ok and result.workspace is not None
    assert [p.period for p in result.workspace.review.periods] == ["2026H1"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("open", "2026H2"), "2026H1 is still under review; close it first"),
        (("open", "2026H1"), "2026H1 has been opened for review already (it is open)"),
        (("open", "2027H1"), "that period has not begun yet"),
        (("open", "2025H2", "--deadline", "2025-12-01"), "is not after the end of 2025H2"),
        (("open", "2025H2", "--deadline", "tomorrow"), "--deadline 'tomorrow' is not a date"),
        (("open", "2025X"), "is not a period"),
        (("close", "2025H2", "--approved-by", "Kh 1.1.2026 § 1"), "2025H2 is not under review; open it first"),
        (("close", "2026H1", "--approved-by", " "), "--approved-by must not be empty"),
    ],
)
def test_bad_review_commands_are_refused_and_change_nothing(kemi, data_dir: Path, args: tuple[str, ...], message: str) -> None:
    assert kemi(AUGUST, "review", "open", "2026H1", "--data", str(data_dir)).exit_code == 0
    before = tree_hashes(data_dir)
    result = kemi(AUGUST, "review", *args, "--data", str(data_dir))
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert message in result.stderr
    assert tree_hashes(data_dir) == before


def test_a_refused_first_open_writes_no_review_yaml(kemi, data_dir: Path) -> None:
    result = kemi(AUGUST, "review", "open", "2030H1", "--data", str(data_dir))
    assert result.exit_code == 2
    assert not (data_dir / "review.yaml").exists()


def test_close_records_the_approval_and_ends_the_review(kemi, data_dir: Path) -> None:
    assert kemi(AUGUST, "review", "open", "2026H1", "--data", str(data_dir)).exit_code == 0
    closed = kemi("2026-09-12", "review", "close", "2026H1", "--approved-by", "Kaupunginhallitus 12.9.2026 § 123", "--data", str(data_dir))
    assert closed.exit_code == 0, closed.stderr
    period = validate_workspace(data_dir).workspace.review.periods[0]
    assert (period.state, period.approved_by, str(period.closed_at), period.closed_by) == (
        "closed", "Kaupunginhallitus 12.9.2026 § 123", "2026-09-12", "analyytikko"
    )
    assert period.digest is not None and period.digest.startswith("sha256:")
    again = kemi("2026-09-12", "review", "close", "2026H1", "--approved-by", "x", "--data", str(data_dir))
    assert again.exit_code == 2 and "2026H1 is closed already" in again.stderr
    # Nothing is under review now: the default is the last ended half-year again.
    assert "period 2026H1: the last ended half-year" in kemi(NOVEMBER, "status", "--lang", "en", "--data", str(data_dir)).stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("periods:\n- period: 2026H1\n  state: shut\n  opened_at: 2026-08-01\n", "review.yaml:3:3: error: 'shut' is not allowed here"),
        (
            "periods:\n- {period: 2026H1, state: open, opened_at: 2026-08-01}\n- {period: 2025H2, state: open, opened_at: 2026-02-01}\n",
            "review.yaml:3:20: error: 2025H2 is open while 2026H1 is too",
        ),
        ("periods:\n- {period: 2026H1, state: closed, opened_at: 2026-08-01}\n", "review.yaml:2:3: error: closed period 2026H1 lacks approved_by, closed_at, digest"),
        (
            "commentary:\n- {period: 2026H1, subject: kpi, id: asukas, text: {fi: Teksti}, written_at: 2026-08-01}\n",
            "review.yaml:2:34: error: unknown kpi 'asukas' (did you mean 'asukkaat'?)",
        ),
    ],
)
def test_a_bad_review_yaml_is_reported_with_file_and_line(kemi, data_dir: Path, text: str, message: str) -> None:
    (data_dir / "review.yaml").write_text(text, encoding="utf-8")
    result = kemi(AUGUST, "validate", "--data", str(data_dir))
    assert result.exit_code == 1
    assert message in result.output


def test_a_written_review_yaml_matches_its_json_schema(kemi, data_dir: Path) -> None:
    import jsonschema

    from kemi_cli.load import load_file

    from .test_schema import as_editor_reads_it, schema_for

    assert kemi(AUGUST, "review", "open", "2026H1", "--deadline", "2026-09-01", "--data", str(data_dir)).exit_code == 0
    assert kemi(AUGUST, "review", "close", "2026H1", "--approved-by", "Kh 12.9.2026 § 123", "--data", str(data_dir)).exit_code == 0
    data = load_file(data_dir / "review.yaml").data
    jsonschema.validate(as_editor_reads_it(data), schema_for("review.yaml"))
    data["periods"][0]["state"] = "shut"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(as_editor_reads_it(data), schema_for("review.yaml"))
