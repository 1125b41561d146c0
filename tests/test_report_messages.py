"""The message catalogues: every fixed label in both languages, and no label missing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kemi_cli.load import load_file
from kemi_cli.report.environment import CHECKOUT_TEMPLATES, TemplateError
from kemi_cli.wording import flatten_labels

from .test_report_fixtures import make_synthetic_workspace

MESSAGES = CHECKOUT_TEMPLATES / "messages"
# t('literal.key', …) in a template; keys built at run time (status.*, section.*) are covered by
# rendering every report, which fails on a missing label.
LITERAL_KEY = re.compile(r"""\bt\(\s*'([a-z_.]+[a-z])'\s*[,)]""")


def labels(lang: str) -> dict[str, str]:
    flat: dict[str, str] = {}
    flatten_labels("", load_file(MESSAGES / f"{lang}.yaml").data, flat, MESSAGES, TemplateError)
    return flat


def test_both_languages_have_the_same_labels() -> None:
    fi, en = labels("fi"), labels("en")
    assert sorted(set(fi) - set(en)) == [] and sorted(set(en) - set(fi)) == []
    for key in fi:
        assert re.findall(r"\{(\w+)\}", fi[key]) == re.findall(r"\{(\w+)\}", en[key]) or set(
            re.findall(r"\{(\w+)\}", fi[key])
        ) == set(re.findall(r"\{(\w+)\}", en[key])), key


def test_every_label_a_template_names_exists() -> None:
    fi = labels("fi")
    used = {key for path in CHECKOUT_TEMPLATES.rglob("*.j2") for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))}
    assert used, "the pattern found no labels"
    assert sorted(key for key in used if key not in fi) == []


def test_templates_hold_no_fixed_finnish_or_english_words() -> None:
    """Fixed words come from the catalogues: text between tags must be markup, filters or punctuation."""
    for path in CHECKOUT_TEMPLATES.glob("html/*.j2"):
        source = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        source = re.sub(r"\{[{%].*?[%}]\}", "", source, flags=re.DOTALL)
        text = re.sub(r"<[^>]+>", " ", source)
        words = [w for w in re.findall(r"[A-Za-zÄÖäö]{3,}", text) if w not in {"DOCTYPE", "html", "kemi"}]
        assert words == [], f"{path.name}: {words}"


def test_a_missing_label_is_an_error_naming_the_catalogue(cli, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The data's project may override templates; a catalogue there that lacks a label fails loudly."""
    project = data_dir.parent / "templates"
    shutil.copytree(CHECKOUT_TEMPLATES, project)
    catalogue = project / "messages" / "en.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("  gaps: Missing data\n", ""), encoding="utf-8")
    monkeypatch.setenv("KEMI_TODAY", "2026-08-15")
    result = cli("report", "half-year", "--lang", "en", "--data", str(data_dir), "-o", str(tmp_path / "hy.md"))
    assert result.exit_code == 1
    assert f"label 'section.gaps' missing from {catalogue}" in result.output
    assert not (tmp_path / "hy.md").exists()


def test_the_data_project_templates_come_first(cli, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = data_dir.parent / "templates"
    shutil.copytree(CHECKOUT_TEMPLATES, project)
    catalogue = project / "messages" / "fi.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("half_year: Puolivuotiskatsaus", "half_year: Osavuosikatsaus"), encoding="utf-8")
    monkeypatch.setenv("KEMI_TODAY", "2026-08-15")
    result = cli("report", "half-year", "--data", str(data_dir), "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Osavuosikatsaus 1–6/2026")


def test_unknown_template_names_every_folder_searched(data_dir: Path) -> None:
    from kemi_cli.report.environment import render_template

    with pytest.raises(TemplateError) as error:
        render_template("html", "nothing.html.j2", data_dir)
    assert "nothing.html.j2' not found; searched:" in str(error.value)
    assert str(CHECKOUT_TEMPLATES / "html" / "nothing.html.j2") in str(error.value)


def test_synthetic_fixture_is_valid_and_marked(data_dir: Path) -> None:
    from kemi_cli.validate import validate_workspace

    make_synthetic_workspace(data_dir, hostile=True)
    result = validate_workspace(data_dir)
    assert result.ok, [str(f) for f in result.errors]
    assert (data_dir / "kpis.yaml").read_text(encoding="utf-8").startswith("# SYNTHETIC TEST DATA")


def test_a_missing_label_is_named_in_finnish_for_a_finnish_report(cli, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = data_dir.parent / "templates"
    shutil.copytree(CHECKOUT_TEMPLATES, project)
    catalogue = project / "messages" / "fi.yaml"
    text = catalogue.read_text(encoding="utf-8")
    gaps = next(line for line in text.splitlines(keepends=True) if line.startswith("  gaps: "))
    catalogue.write_text(text.replace(gaps, "", 1), encoding="utf-8")
    monkeypatch.setenv("KEMI_TODAY", "2026-08-15")
    result = cli("report", "half-year", "--lang", "fi", "--data", str(data_dir), "-o", str(tmp_path / "hy.md"))
    assert result.exit_code == 1
    assert f"virhe: nimike 'section.gaps' puuttuu tiedostosta {catalogue}" in result.output
    assert not (tmp_path / "hy.md").exists()
