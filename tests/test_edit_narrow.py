"""An edit of one KPI round-trips only that KPI's part of kpis.yaml; the result is byte for byte
what round-tripping the whole file gives, whatever the file's layout.

Each case applies the same change both ways to the same text: the whole file through
ruamel.yaml's round trip, and the narrowed edit of kemi_cli.edit. Layouts the narrowed edit
does not handle (a flow list) must say so (None) rather than guess.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from bench.generate import with_history
from kemi_cli.actuals import NewActual, Recording, add_actual, kpi_location, remove_actual
from kemi_cli.edit import dump, edit_file, load_round_trip, narrowed_change
from kemi_cli.load import parse_yaml
from kemi_cli.periods import Period
from kemi_cli.validate import workspace_validator

from .conftest import SHIPPED_DATA

SHIPPED = (SHIPPED_DATA / "kpis.yaml").read_text(encoding="utf-8")
PERIOD = Period.parse("2026H1")
RECORDING = Recording(dt.date(2026, 8, 15), "testaaja")


def comments_everywhere(text: str) -> str:
    """A comment line before every KPI, and one after each group's last KPI."""
    text = re.sub(r"^(\s+)- id: (\w+)\n(?=\s+name:)", r"\1# about \2\n\1- id: \2\n", text, flags=re.MULTILINE)
    return re.sub(r"(\n)(  - id: )", r"\1      # end of the group above\n\2", text)


def wide_indentation(text: str) -> str:
    """Mappings indented by four, list items by four with the dash two in."""
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=4, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(yaml.load(text), stream)
    return stream.getvalue()


LAYOUTS: dict[str, Callable[[str], str]] = {
    "shipped": lambda text: text,
    "comments": comments_everywhere,
    "wide": wide_indentation,
}


def kpi_ids(text: str) -> list[str]:
    data = parse_yaml(Path("kpis.yaml"), text)
    return [kpi["id"] for group in data["groups"] for kpi in group["kpis"]]


def both_ways(text: str, kpi_id: str, change: Callable[[Any], object]) -> tuple[str | None, str]:
    yaml, whole = load_round_trip(text)
    change(whole)
    location = kpi_location(parse_yaml(Path("kpis.yaml"), text), kpi_id)
    assert location is not None
    return narrowed_change(text, location, change), dump(yaml, whole)


def record(kpi_id: str, value: float = 12.5, replace: bool = False) -> Callable[[Any], object]:
    return lambda document: add_actual(document, NewActual(kpi_id, PERIOD, value, note="testi"), RECORDING, replace)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_recording_a_value_narrowed_writes_what_the_whole_round_trip_writes(layout: str) -> None:
    text = LAYOUTS[layout](SHIPPED)
    for kpi_id in kpi_ids(text):
        narrowed, whole = both_ways(text, kpi_id, record(kpi_id))
        assert narrowed is not None, kpi_id
        assert narrowed == whole, kpi_id


def test_replacing_and_unsetting_narrowed_write_what_the_whole_round_trip_writes() -> None:
    text = comments_everywhere(SHIPPED)
    for kpi_id in kpi_ids(text)[::3]:
        yaml, document = load_round_trip(text)
        record(kpi_id)(document)
        recorded = dump(yaml, document)
        for change in (record(kpi_id, 13.0, replace=True), lambda d, k=kpi_id: remove_actual(d, k, PERIOD)):
            narrowed, whole = both_ways(recorded, kpi_id, change)
            assert narrowed == whole, kpi_id


def test_a_kpi_with_years_of_history_is_edited_narrowed(tmp_path: Path) -> None:
    text = (with_history(SHIPPED_DATA, tmp_path / "data") / "kpis.yaml").read_text(encoding="utf-8")
    for kpi_id in kpi_ids(text)[::5]:
        narrowed, whole = both_ways(text, kpi_id, record(kpi_id, replace=True))
        assert narrowed is not None and narrowed == whole, kpi_id


@pytest.mark.parametrize(
    "text",
    [
        "groups:\n  - id: g\n    kpis: [{id: a, actuals: []}, {id: b, actuals: []}]\n",  # a flow list
        "groups:\n  - id: g\n    kpis:\n      - {id: a, actuals: []}\n      - id: b\n        actuals: []",  # no final newline
        "groups:\n  - id: g\n    kpis:\n      -\n        id: a\n      -\n        id: b\n",  # items under their dash
    ],
    ids=["flow list", "no final newline", "dash on its own line"],
)
def test_layouts_the_narrowed_edit_does_not_handle_are_left_to_the_whole_round_trip(text: str) -> None:
    assert narrowed_change(text, ("groups", 0, "kpis", 1), record("b")) is None


def test_an_edit_through_the_edit_path_changes_only_its_kpi(data_dir: Path) -> None:
    kpis = data_dir / "kpis.yaml"
    before = kpis.read_text(encoding="utf-8")
    yaml, document = load_round_trip(before)
    record("yritykset", 930)(document)
    expected = dump(yaml, document)
    changed = edit_file(
        kpis, record("yritykset", 930), workspace_validator(data_dir),
        narrow=lambda plain: kpi_location(plain, "yritykset"),
    )
    assert changed
    assert kpis.read_text(encoding="utf-8") == expected
