"""Properties of the one edit path, for random valid input (Hypothesis).

- Recording a random valid value and then unsetting it gives back the file byte for byte,
  whatever the KPI, value, period, source and note, with or without --replace, and whether the
  file has a byte-order mark and CRLF line ends or not.
- Loading a valid data file with the round-trip loader and dumping it again is the identity,
  for the shipped files and for random valid KPI files written in random styles.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kemi_cli.actuals import NewActual, Recording, record_actual, unset_actual
from kemi_cli.edit import Document, dump, new_round_trip_yaml, round_trip_yaml
from kemi_cli.load import load_file
from kemi_cli.models.kpis import KpisFile
from kemi_cli.periods import Period
from kemi_cli.validate import validate_workspace

from .conftest import SHIPPED_DATA

TODAY = dt.date(2026, 8, 15)
BOUNDS = {"percent": (0, 100), "count": (0, 10**9)}
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text as people type it into --source and --note: any printable character, quotes, colons,
# hashes, YAML indicators, digits that look like numbers, letters of other scripts.
free_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"),
    min_size=1, max_size=40,
).filter(lambda text: text.strip() and text == text.strip())
def periods(frequency: str | None):  # type: ignore[no-untyped-def]
    """Periods that have begun by 2026-01-02, at a KPI's frequency (either, when it states none)."""
    halves = {"year": [""], "half-year": ["H1", "H2"]}.get(frequency or "", ["", "H1"])
    return st.builds(lambda year, half: Period.parse(f"{year}{half}"), st.integers(2020, 2025), st.sampled_from(halves))


@pytest.fixture(scope="module")
def workspace_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("properties") / "data"
    shutil.copytree(SHIPPED_DATA, data, ignore=shutil.ignore_patterns(".*.lock", ".*.kemi-tmp"))
    return data


def kpi_units(data: Path) -> dict[str, tuple[str, str | None]]:
    """Each KPI's unit and frequency."""
    workspace = validate_workspace(data).workspace
    assert workspace is not None
    return {kpi.id: (kpi.unit, kpi.frequency) for kpi in workspace.kpis if kpi.unit != "score"}


@st.composite
def new_actuals(draw, units: dict[str, tuple[str, str | None]]) -> NewActual:  # type: ignore[no-untyped-def]
    kpi_id = draw(st.sampled_from(sorted(units)))
    unit, frequency = units[kpi_id]
    low, high = BOUNDS.get(unit, (-10**6, 10**6))
    value = draw(st.integers(low, high)) if unit == "count" else draw(st.floats(low, high, allow_nan=False).map(lambda v: round(v, 2)))
    return NewActual(
        kpi_id, draw(periods(frequency)), value,
        source=draw(st.none() | free_text), note=draw(st.none() | free_text),
        forecast=draw(st.none() | st.just(value)),
    )


@pytest.mark.slow
@pytest.mark.parametrize("windows", [False, True], ids=["lf", "bom-crlf"])
def test_set_then_unset_restores_the_file(workspace_copy: Path, windows: bool) -> None:
    kpis = workspace_copy / "kpis.yaml"
    base = (SHIPPED_DATA / "kpis.yaml").read_bytes()
    if windows:
        base = b"\xef\xbb\xbf" + base.replace(b"\n", b"\r\n")
    kpis.write_bytes(base)
    # One value already recorded, so that some random edits replace it.
    record_actual(workspace_copy, NewActual("asukkaat", Period.parse("2025H2"), 19400, source="pohja"), Recording(dt.date(2026, 1, 2), "pohja"))
    start = kpis.read_bytes()
    units = kpi_units(workspace_copy)

    @SETTINGS
    @given(new=new_actuals(units), by=st.none() | free_text, replace=st.booleans())
    def set_then_unset(new: NewActual, by: str | None, replace: bool) -> None:
        kpis.write_bytes(start)
        replacing = (new.kpi_id, str(new.period)) == ("asukkaat", "2025H2")
        record_actual(workspace_copy, new, Recording(TODAY, by), replace=replace or replacing)
        assert kpis.read_bytes() != start
        unset_actual(workspace_copy, new.kpi_id, new.period)
        assert kpis.read_bytes() == start

    set_then_unset()


# ---------------------------------------------------------------- load → dump


def round_trip(text: str) -> str:
    document = Document.from_file_text(text)
    yaml = round_trip_yaml(document.text)
    return document.restore(dump(yaml, yaml.load(document.text)))


def test_every_shipped_file_round_trips() -> None:
    files = sorted(SHIPPED_DATA.rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert round_trip(text) == text, path.name


slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}(_[a-z0-9]{1,5})?", fullmatch=True)


@st.composite
def kpis_files(draw) -> CommentedMap:  # type: ignore[no-untyped-def]
    """A valid kpis.yaml as round-trip data, in random styles: flow or block texts, comments."""
    def text() -> CommentedMap:
        pair = CommentedMap(fi=draw(free_text), en=draw(free_text))
        if draw(st.booleans()):
            pair.fa.set_flow_style()
        return pair

    ids = draw(st.lists(slugs, min_size=1, max_size=6, unique=True))
    groups = CommentedSeq()
    for group_index in range(draw(st.integers(1, 2))):
        kpis = CommentedSeq()
        for kpi_id in ids[group_index::2]:
            kpi = CommentedMap(id=kpi_id, name=text(), unit=draw(st.sampled_from(["count", "percent", "eur", "index"])),
                               direction=draw(st.sampled_from(["increase", "decrease", "at_least", "at_most"])))
            if draw(st.booleans()):
                kpi["baseline"] = CommentedMap(value=draw(st.integers(0, 100)))
            if draw(st.booleans()):
                kpi["source_text"] = draw(free_text)
            if draw(st.booleans()):
                kpi.yaml_set_comment_before_after_key("name", before=draw(free_text).replace("\n", " "), indent=4)
            actuals = CommentedSeq()
            actuals.fa.set_flow_style()
            kpi["actuals"] = actuals
            kpis.append(kpi)
        if kpis:
            groups.append(CommentedMap(id=f"ryhma{group_index}", benefit=text(), kpis=kpis))
    return CommentedMap(groups=groups)


def kpis_file_with(text: str) -> CommentedMap:
    """A one-KPI file whose texts are all `text`, in flow and block style."""
    name = CommentedMap(fi=text, en=text)
    benefit = CommentedMap(fi=text, en=text)
    benefit.fa.set_flow_style()
    actuals = CommentedSeq()
    actuals.fa.set_flow_style()
    kpi = CommentedMap(id="k", name=name, unit="count", direction="increase", source_text=text, actuals=actuals)
    return CommentedMap(groups=CommentedSeq([CommentedMap(id="g", benefit=benefit, kpis=CommentedSeq([kpi]))]))


# Texts whose first character YAML may read as an indicator; "?0" and ":x" once came back refused.
AWKWARD_STARTS = ["?0", "?x", ":x", ": x", "-x", "#x", "@x", "`x", "!x", "&x", "*x", "%x", "|x", ">x", "{x", "[x", ",x",
                  "~", "null", "yes", "1e3", "2026-01-02"]


def _awkward_text_examples(test):  # type: ignore[no-untyped-def]
    for text in AWKWARD_STARTS:
        test = example(text=text)(test)
    return test


def _with_awkward_examples(test):  # type: ignore[no-untyped-def]
    for text in AWKWARD_STARTS:
        test = example(data=kpis_file_with(text), indent=(2, 2, 0))(test)
    return test


@pytest.mark.slow
@SETTINGS
@_with_awkward_examples
@given(data=kpis_files(), indent=st.sampled_from([(2, 2, 0), (2, 4, 2), (4, 4, 2), (4, 6, 4)]))
def test_load_then_dump_of_a_valid_file_is_the_identity(data: CommentedMap, indent: tuple[int, int, int], tmp_path_factory: pytest.TempPathFactory) -> None:
    writer = new_round_trip_yaml()  # kemi's own writer: the one every edit, init and generator uses
    writer.width = 4096
    writer.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    stream = io.StringIO()
    writer.dump(data, stream)
    text = stream.getvalue()
    path = tmp_path_factory.mktemp("rt") / "kpis.yaml"
    path.write_text(text, encoding="utf-8")
    data_read = load_file(path).data
    assert data_read == YAML(typ="safe", pure=True).load(text)  # the fast reader and the pure loader agree
    KpisFile.model_validate(data_read)  # valid, as kemi reads it

    assert round_trip(text) == text


@SETTINGS
@_awkward_text_examples
@given(text=free_text)
def test_every_text_reads_back_unchanged_in_flow_and_block_style(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("text") / "kpis.yaml"
    path.write_text(dump(new_round_trip_yaml(), kpis_file_with(text)), encoding="utf-8")
    data = load_file(path).data
    group = data["groups"][0]
    kpi = group["kpis"][0]
    assert group["benefit"] == kpi["name"] == {"fi": text, "en": text}
    assert kpi["source_text"] == text
    assert data == YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
