"""The message catalogues' labels are kept in the user's cache as JSON (wording.labels_of), named
by a hash of the catalogue's bytes: what kemi says is the same with and without them, an edited
catalogue is read anew, and an entry that cannot be read is made again."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from kemi_cli.report.environment import CHECKOUT_TEMPLATES, TemplateError, load_messages
from kemi_cli.wording import labels_of


def kpi_list(run_kemi: Callable, data_dir: Path, cache: Path) -> str:
    result = run_kemi("--lang", "fi", "kpi", "list", "--period", "2025H2", "--data", str(data_dir), env={"KEMI_CACHE_DIR": str(cache)})
    assert result.returncode == 0, result.stderr
    return result.stdout


def entries(cache: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in cache.glob("labels-*.json")}


def test_the_labels_are_kept_and_a_second_run_says_the_same_from_them(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = kpi_list(run_kemi, data_dir, cache)
    kept = entries(cache)
    # kemi's own catalogue in both languages (the screen's Finnish, the models' English).
    assert len(kept) == 2
    assert kpi_list(run_kemi, data_dir, cache) == first
    assert entries(cache) == kept
    # What is kept is what the catalogue says.
    for name in kept:
        labels = json.loads((cache / name).read_text(encoding="utf-8"))
        assert labels.get("screen.kpis_at") in ("Mittarit kaudella {period} ({count})", "KPIs at {period} ({count})")
    assert kpi_list(run_kemi, data_dir, tmp_path / "other") == first


def test_a_damaged_entry_is_read_anew_and_made_again(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = kpi_list(run_kemi, data_dir, cache)
    damages = [b"garbage", b'{"screen.kpis_at": 5}', b'["not", "labels"]']
    for damage, name in zip(damages, sorted(entries(cache)), strict=False):
        (cache / name).write_bytes(damage)
    assert kpi_list(run_kemi, data_dir, cache) == expected
    for name in entries(cache):
        assert isinstance(json.loads((cache / name).read_text(encoding="utf-8")), dict)


def test_an_edited_project_catalogue_is_read_anew(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    project = data_dir.parent / "templates"
    shutil.copytree(CHECKOUT_TEMPLATES / "messages", project / "messages")
    assert "Mittarit kaudella 2025H2" in kpi_list(run_kemi, data_dir, cache)
    finnish = project / "messages" / "fi.yaml"
    finnish.write_text(finnish.read_text(encoding="utf-8").replace("Mittarit kaudella {period}", "Kemin mittarit kaudella {period}"), encoding="utf-8")
    assert "Kemin mittarit kaudella 2025H2" in kpi_list(run_kemi, data_dir, cache)


def test_a_broken_catalogue_is_refused_as_before_and_nothing_is_kept(tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("KEMI_CACHE_DIR", str(cache))
    project = tmp_path / "templates"
    shutil.copytree(CHECKOUT_TEMPLATES / "messages", project / "messages")
    (project / "messages" / "fi.yaml").write_text("screen:\n  kpis_at: [not, text]\n", encoding="utf-8")
    try:
        load_messages([project, CHECKOUT_TEMPLATES])
    except TemplateError as error:
        assert "label 'screen.kpis_at' must be text" in str(error)
    else:
        raise AssertionError("a label that is not text was accepted")
    # The Finnish catalogue, read first, stopped the reading; what could not be read is not kept.
    assert entries(cache) == {}
    (project / "messages" / "fi.yaml").write_text("screen:\n  kpis_at: Mittarit\n", encoding="utf-8")
    assert load_messages([project, CHECKOUT_TEMPLATES]).labels["fi"] == {"screen.kpis_at": "Mittarit"}
    assert len(entries(cache)) == 2


def test_an_unusable_cache_keeps_nothing_and_reads_the_catalogue(tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    os.chmod(cache, 0o777)
    monkeypatch.setenv("KEMI_CACHE_DIR", str(cache))
    path = CHECKOUT_TEMPLATES / "messages" / "en.yaml"
    labels = labels_of(path, path.read_bytes(), lambda: {"screen": {"kpis_at": "KPIs"}}, ValueError)
    assert labels == {"screen.kpis_at": "KPIs"}
    assert list(cache.iterdir()) == []
