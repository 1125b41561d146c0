"""What a published document leaves out: the strategy office's working marks in the official
strategy document, and who recorded a value or an update (a login name by default) in every
public output. The real CLI on a copy of the shipped data; internal commands keep both."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

RECORDER = "kirjaaja.testinen"  # generated test content


@pytest.mark.slow
def test_the_strategy_document_shows_no_working_marks(cli: Callable, data_dir: Path) -> None:
    for lang, mark in (("fi", "vahvistettava"), ("en", "to be confirmed")):
        for fmt in ("md", "html"):
            result = cli("report", "strategy", "--lang", lang, "--format", fmt, "--data", str(data_dir), "-o", "-")
            assert result.exit_code == 0, result.output
            assert lang == "en" or "Työtyytyväisyys" in result.output  # an indicator the source leaves to confirm
            assert mark not in result.output.lower(), (lang, fmt)
        review = cli("report", "half-year", "--period", "2026H1", "--lang", lang, "--data", str(data_dir), "-o", "-")
        assert mark in review.output.lower()  # the reviews keep the mark, with its legend


@pytest.mark.slow
def test_who_recorded_is_not_published(cli: Callable, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEMI_TODAY", "2026-08-15")
    for command in (
        ("kpi", "set", "asukkaat", "19300", "--period", "2026H1", "--by", RECORDER),
        ("project", "update", "oulu_2026", "--period", "2026H1", "--status", "active", "--by", RECORDER),
    ):
        result = cli(*command, "--data", str(data_dir))
        assert result.exit_code == 0, result.output
    assert RECORDER in cli("project", "show", "oulu_2026", "--data", str(data_dir), "--json").output
    assert RECORDER in cli("kpi", "show", "asukkaat", "--data", str(data_dir), "--json").output

    public = []
    for args in (("half-year", "--period", "2026H1"), ("annual", "--year", "2026"), ("project", "--all", "--period", "2026H1")):
        for fmt in ("md", "html"):
            result = cli("report", *args, "--lang", "both", "--format", fmt, "--data", str(data_dir), "-o", "-")
            assert result.exit_code == 0, result.output
            public.append(result.output)
    built = subprocess.run(
        [sys.executable, "-m", "kemi_cli", "build", "--data", str(data_dir), "--out", str(tmp_path / "dist")],
        env={**os.environ, "KEMI_TODAY": "2026-08-15"}, check=False, capture_output=True, text=True, timeout=900,
    )
    assert built.returncode == 0, built.stderr
    public += [p.read_text(encoding="utf-8") for p in (tmp_path / "dist").rglob("*") if p.suffix in (".html", ".csv", ".json")]
    # The PDFs, the site's and a report's, and the site's workbooks, read back.
    pdf = tmp_path / "review.pdf"
    result = cli("report", "half-year", "--period", "2026H1", "--lang", "both", "--data", str(data_dir), "-o", str(pdf))
    assert result.exit_code == 0, result.output
    pdfs = [pdf, *(tmp_path / "dist").rglob("*.pdf")]
    public += [subprocess.run(["pdftotext", str(p), "-"], check=True, capture_output=True, text=True).stdout for p in pdfs]
    workbooks = list((tmp_path / "dist").rglob("*.xlsx"))
    assert workbooks and len(pdfs) > 1
    sheets = ["\n".join(str(cell.value) for sheet in load_workbook(path).worksheets for row in sheet.iter_rows() for cell in row)
              for path in workbooks]
    assert all("19300" in text for text in sheets)  # the value is published, who recorded it is not
    public += sheets
    assert all("Oulu 2026" in text or "oulu_2026" in text or "asukkaat" in text for text in public[:6])
    assert [text[:80] for text in public if RECORDER in text] == []


@pytest.mark.slow
def test_the_data_may_choose_to_publish_who_recorded(cli: Callable, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """strategy.yaml's publish_recorders: true, and only that, names the recorders in public."""
    monkeypatch.setenv("KEMI_TODAY", "2026-08-15")
    strategy = data_dir / "strategy.yaml"
    strategy.write_text(strategy.read_text(encoding="utf-8") + "publish_recorders: true\n", encoding="utf-8")
    for command in (
        ("kpi", "set", "asukkaat", "19300", "--period", "2026H1", "--by", RECORDER),
        ("project", "update", "oulu_2026", "--period", "2026H1", "--status", "active", "--by", RECORDER),
    ):
        result = cli(*command, "--data", str(data_dir))
        assert result.exit_code == 0, result.output
    card = cli("report", "project", "oulu_2026", "--period", "2026H1", "--lang", "fi", "--data", str(data_dir), "-o", "-")
    assert card.exit_code == 0, card.output
    assert "| Kausi | Tila | Eteneminen | Kauden päivitys | Kirjattu | Kirjaaja |" in card.output
    assert f"| 15.8.2026 | {RECORDER} |" in card.output
    built = subprocess.run(
        [sys.executable, "-m", "kemi_cli", "build", "--data", str(data_dir), "--out", str(tmp_path / "dist")],
        env={**os.environ, "KEMI_TODAY": "2026-08-15"}, check=False, capture_output=True, text=True, timeout=900,
    )
    assert built.returncode == 0, built.stderr
    everything = (tmp_path / "dist" / "data" / "kpis-all.json").read_text(encoding="utf-8")
    assert '"recorded_by"' in everything and RECORDER in everything
    headers = [cell.value for sheet in load_workbook(tmp_path / "dist" / "data" / "kpis-all-fi.xlsx").worksheets for cell in sheet[1]]
    assert "Kirjaaja" in headers
