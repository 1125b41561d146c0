"""The review cycle through the real CLI: opening and closing a period in review.yaml, and the
period every command works on when none is given."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kemi_cli.validate import validate_workspace

from .conftest import tree_hashes

FEBRUARY, AUGUST, NOVEMBER = "2026-02-10", "2026-08-20", "2026-11-05"


# How a command says which period it took: every command in the screen's language (the tests'
# English; test_cli_language has the Finnish).
SAID = {
    "last_ended": "period {period}: the last ended half-year",
    "under_review": "period {period}: the period under review",
}


def said(reason: str, period: str) -> str:
    return SAID[reason].format(period=period)


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
        assert said("last_ended", expected) in result.stderr, args
    listed = json.loads(kemi(day, "kpi", "list", "--json", "--data", str(data_dir)).stdout)
    assert listed["period"] == expected
    status = json.loads(kemi(day, "status", "--json", "--data", str(data_dir)).stdout)
    assert status["period"] == expected

    recorded = kemi(day, "kpi", "set", "tyottomyysaste", "12,5", "--data", str(data_dir))
    assert recorded.exit_code == 0, recorded.stderr
    assert f"tyottomyysaste {expected} (the last ended half-year" in recorded.stdout
    updated = kemi(day, "project", "update", "uimahalli", "--status", "active", "--data", str(data_dir))
    assert updated.exit_code == 0, updated.stderr
    commented = kemi(day, "comment", "kpi", "tyottomyysaste", "Teksti.", "--data", str(data_dir))
    assert commented.exit_code == 0, commented.stderr
    workspace = validate_workspace(data_dir).workspace
    assert [a.period for a in workspace.kpi("tyottomyysaste").actuals] == [expected]
    assert [u.period for u in workspace.projects["uimahalli"].updates] == [expected]
    assert [c.period for c in workspace.review.commentary] == [expected]
    annual = kemi(day, "report", "annual", "-o", "-", "--data", str(data_dir))
    assert annual.exit_code == 0, annual.stderr
    assert "period 2025: the last ended year" in annual.stderr


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
        assert said("under_review", "2026H1") in result.stderr, args
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


# ---------------------------------------------------------------- commentary, translation, the lock


def a_reviewed_period(kemi, data_dir: Path) -> None:
    """2026H1 under review with a figure, commentary (one text Finnish only) and a Finnish-only
    project update: made-up texts for the tests."""
    data = ["--data", str(data_dir)]
    for args in (
        ["review", "open", "2026H1", "--deadline", "2026-09-15"],
        ["kpi", "set", "tyottomyysaste", "13,5 %"],
        ["comment", "kpi", "tyottomyysaste", "Työttömyys <b>nousi</b> hieman."],
        ["comment", "goal", "viisas", "Digipalvelut etenevät.", "--en", "Digital services progress."],
        ["comment", "sector", "ymparisto", "Kaava hyväksyttiin.", "--en", "The plan was approved."],
        ["project", "update", "uimahalli", "--status", "active", "--text-fi", "Suunnittelu alkoi"],
    ):
        result = kemi(AUGUST, *args, *data)
        assert result.exit_code == 0, (args, result.stderr)


def test_commentary_is_kept_with_who_wrote_it_and_replaced_only_when_asked(kemi, data_dir: Path) -> None:
    a_reviewed_period(kemi, data_dir)
    again = kemi(AUGUST, "comment", "goal", "viisas", "Uusi teksti.", "--data", str(data_dir))
    assert again.exit_code == 2 and "goal 'viisas' has a text for 2026H1 already; add --replace" in again.stderr
    replaced = kemi(AUGUST, "comment", "goal", "viisas", "Uusi teksti.", "--en", "New text.", "--replace", "--data", str(data_dir))
    assert replaced.exit_code == 0, replaced.stderr
    comments = [c for c in validate_workspace(data_dir).workspace.review.commentary if c.id == "viisas"]
    assert [(c.text.fi, c.written_by, str(c.written_at), c.is_current) for c in comments] == [
        ("Digipalvelut etenevät.", "analyytikko", AUGUST, False),
        ("Uusi teksti.", "analyytikko", AUGUST, True),
    ]
    unknown = kemi(AUGUST, "comment", "sector", "ymparistoo", "x", "--data", str(data_dir))
    assert unknown.exit_code == 2 and "unknown sector 'ymparistoo' (did you mean 'ymparisto'?)" in unknown.stderr


def test_validate_lists_what_awaits_translation_and_strict_fails(kemi, data_dir: Path) -> None:
    a_reviewed_period(kemi, data_dir)
    result = kemi(AUGUST, "validate", "--data", str(data_dir))
    assert result.exit_code == 0
    assert "review.yaml:" in result.stderr and "warning: kpi 'tyottomyysaste' 2026H1: the English awaits translation" in result.stderr
    assert "uimahalli.yaml:" in result.stderr and "warning: project 'uimahalli' 2026H1 update: the English awaits translation" in result.stderr
    assert kemi(AUGUST, "validate", "--strict", "--data", str(data_dir)).exit_code == 1


def test_reports_show_commentary_in_both_languages_and_mark_finnish_only_text(kemi, data_dir: Path, tmp_path: Path) -> None:
    a_reviewed_period(kemi, data_dir)
    markdown = kemi(AUGUST, "report", "half-year", "--lang", "both", "-o", "-", "--data", str(data_dir)).stdout
    summary_fi = markdown.index("### Tavoitteet: yhteenveto ja seuraavat toimet")
    assert markdown.index("**Viisas Kemi:** Digipalvelut etenevät.") > summary_fi
    assert "**Smart Kemi:** Digital services progress." in markdown
    assert "**Työttömyys-%:** Työttömyys \\<b\\>nousi\\</b\\> hieman.\n" in markdown  # as text, unmarked in Finnish
    assert "**Unemployment rate (%):** Työttömyys \\<b\\>nousi\\</b\\> hieman. *(in Finnish)*" in markdown
    assert "| Suunnittelu alkoi *(in Finnish)* |" in markdown
    assert "**Environment sector:** The plan was approved." in markdown

    html = kemi(AUGUST, "report", "half-year", "--lang", "en", "-o", "-", "--format", "html", "--data", str(data_dir)).stdout
    assert '<span lang="fi">Työttömyys &lt;b&gt;nousi&lt;/b&gt; hieman.</span> <span class="untranslated">(in Finnish)</span>' in html
    assert '<span lang="fi">Suunnittelu alkoi</span>' in html
    assert "<dd>Digital services progress.</dd>" in html


def test_the_pdf_carries_the_commentary_and_the_finnish_marked(kemi, data_dir: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    a_reviewed_period(kemi, data_dir)
    pdf = tmp_path / "katsaus.pdf"
    result = kemi(AUGUST, "report", "half-year", "--lang", "en", "-o", str(pdf), "--data", str(data_dir))
    assert result.exit_code == 0, result.stderr
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(pdf)).pages)
    assert "What the figures mean" in text and "Digital services progress." in text
    assert "Suunnittelu alkoi (in Finnish)" in text
    assert PdfReader(str(pdf)).trailer["/Root"]["/Lang"] == "en"


def test_a_closed_period_refuses_edits_unless_reopened_with_a_reason(kemi, data_dir: Path) -> None:
    a_reviewed_period(kemi, data_dir)
    closed = kemi("2026-09-12", "review", "close", "2026H1", "--approved-by", "Kaupunginhallitus 12.9.2026 § 123", "--data", str(data_dir))
    assert closed.exit_code == 0, closed.stderr
    before = tree_hashes(data_dir)
    data = ["--data", str(data_dir)]
    for args in (
        ["kpi", "set", "tyottomyysaste", "13,6", "--period", "2026H1", "--replace"],
        ["kpi", "unset", "tyottomyysaste", "--period", "2026H1"],
        ["project", "update", "uimahalli", "--period", "2026H1", "--progress", "10", "--replace"],
        ["comment", "kpi", "asukkaat", "Uusi.", "--period", "2026H1"],
    ):
        refused = kemi("2026-09-20", *args, *data)
        assert refused.exit_code == 2, args
        assert refused.stderr.strip() == (
            'error: 2026H1 is closed (approved: Kaupunginhallitus 12.9.2026 § 123); to change it, give --reopen "reason" '
            "(the reason is recorded in review.yaml)"
        )
    assert tree_hashes(data_dir) == before
    rows = data_dir.parent / "rivit.csv"
    rows.write_text("id,period,value\ntyottomyysaste,2026H1,13.6\n", encoding="utf-8")
    assert kemi("2026-09-20", "kpi", "import", str(rows), "--replace", *data).exit_code == 2
    assert tree_hashes(data_dir) == before

    reopened = kemi("2026-09-20", "kpi", "set", "tyottomyysaste", "13,6", "--period", "2026H1", "--replace", "--reopen", "TEM korjasi luvun", *data)
    assert reopened.exit_code == 0, reopened.stderr
    result = validate_workspace(data_dir)
    assert result.ok, [str(f) for f in result.errors]
    (period,) = result.workspace.review.periods
    assert [(r.reason, r.change, str(r.at), r.by) for r in period.reopenings] == [
        ("TEM korjasi luvun", "kpi set tyottomyysaste 2026H1", "2026-09-20", "analyytikko")
    ]
    # The half-year review states the approval.
    report = kemi("2026-09-20", "report", "half-year", "--period", "2026H1", "--lang", "en", "-o", "-", *data).stdout
    assert "Approved: Kaupunginhallitus 12.9.2026 § 123; the period was closed on 12 September 2026." in report


def test_a_hand_edit_of_a_closed_period_is_caught_by_validate(kemi, data_dir: Path) -> None:
    a_reviewed_period(kemi, data_dir)
    assert kemi(AUGUST, "review", "close", "2026H1", "--approved-by", "Kh 12.9.2026 § 123", "--data", str(data_dir)).exit_code == 0
    assert kemi(AUGUST, "validate", "--data", str(data_dir)).exit_code == 0
    kpis = data_dir / "kpis.yaml"
    text = kpis.read_text(encoding="utf-8")
    edited, count = re.subn(r"(period: 2026H1\n\s+value: )13\.5\n", r"\g<1>12.5\n", text)
    assert count == 1
    kpis.write_text(edited, encoding="utf-8")
    result = kemi(AUGUST, "validate", "--data", str(data_dir))
    assert result.exit_code == 1
    assert "review.yaml:" in result.stderr
    assert "error: the figures, updates or commentary of closed period 2026H1 have changed since it was approved (Kh 12.9.2026 § 123)" in result.stderr
    # Putting the figure back makes the data valid again.
    kpis.write_text(text, encoding="utf-8")
    assert kemi(AUGUST, "validate", "--data", str(data_dir)).exit_code == 0


def test_status_shows_the_cycle_and_what_is_missing_by_owner(kemi, data_dir: Path) -> None:
    from .conftest import edit_each_kpi

    def owned(kpi) -> None:
        if kpi["id"] in ("tyottomyysaste", "poissaolot"):
            kpi["owner"] = "Elinvoimajohtaja"

    edit_each_kpi(data_dir, owned)
    a_reviewed_period(kemi, data_dir)
    human = kemi("2026-08-25", "status", "--lang", "en", "--data", str(data_dir))
    assert human.exit_code == 0, human.stderr
    assert "Under review: 2026H1, due 15 September 2026 (21 day(s) left)." in human.stdout
    assert "Elinvoimajohtaja (2)" in human.stdout
    assert "KPI poissaolot – " in human.stdout and ": value for 2026H1, commentary" in human.stdout
    finnish = kemi("2026-08-25", "status", "--lang", "fi", "--data", str(data_dir)).stdout
    assert "Katsauksessa: 2026H1, määräaika 15.9.2026 (21 päivää jäljellä)." in finnish
    assert ": arvo kaudelta 2026H1, kommentti" in finnish
    result = kemi("2026-08-25", "status", "--json", "--data", str(data_dir))
    cycle = json.loads(result.stdout)["cycle"]
    assert (cycle["under_review"], cycle["deadline"], cycle["days_to_deadline"]) == ("2026H1", "2026-09-15", 21)
    first, *rest = cycle["owners"]
    assert first == {
        "owner": "Elinvoimajohtaja",
        "missing": [
            {"kind": "kpi", "id": "poissaolot", "period": "2026H1", "missing": ["value", "commentary"]},
            {"kind": "kpi", "id": "tyottomyysaste", "period": "2026H1", "missing": ["commentary_english"]},
        ],
    }
    unowned = rest[-1]
    assert unowned["owner"] is None
    missing = {(item["kind"], item["id"]): (item["period"], item["missing"]) for item in unowned["missing"]}
    assert missing[("kpi", "tilikauden_tulos")] == ("2025", ["value", "commentary"])  # yearly: the year its review reports
    assert missing[("project", "uimahalli")] == ("2026H1", ["update_english"])
    assert missing[("project", "arm")] == ("2026H1", ["update"])
    overdue = kemi("2026-09-20", "status", "--lang", "en", "--data", str(data_dir)).stdout
    assert "(5 day(s) overdue)" in overdue


@pytest.mark.slow
def test_commentary_writers_at_once_all_land_even_when_the_first_creates_review_yaml(data_dir: Path) -> None:
    import os
    import subprocess
    import sys

    kpi_ids = ["asukkaat", "yritykset", "poissaolot", "tyottomyysaste", "rakennetyottomat", "aktivointiaste"]
    env = {**os.environ, "KEMI_TODAY": AUGUST, "KEMI_USER": "rinnakkain", "KEMI_LOCK_TIMEOUT": "120"}
    env.pop("KEMI_DATA", None)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "kemi_cli", "comment", "kpi", kpi_id, f"Teksti {kpi_id}.", "--data", str(data_dir)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for kpi_id in kpi_ids
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [(kpi_id, err) for kpi_id, process, (_, err) in zip(kpi_ids, processes, outputs, strict=True) if process.returncode] == []
    workspace = validate_workspace(data_dir).workspace
    assert sorted(c.id for c in workspace.review.commentary) == sorted(kpi_ids)
    assert not list(data_dir.glob(".*.kemi-tmp"))
