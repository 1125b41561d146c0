"""Hostile text in every text field of the data reaches the published documents as text.

The data is made hostile by walking the models: every field that accepts free text gets one of
a set of attacks (script, event attributes, javascript: links, file:// images, remote style
sheets, CSS url(), Markdown links, template syntax), each with a numbered token. The same
workspace filled with harmless text is the baseline: the hostile documents must have exactly
the baseline's tags, attributes and links; every attack must read as text; and WeasyPrint,
through a fetcher that records every request, must fetch nothing but the templates' assets.
"""

from __future__ import annotations

import io
import re
import types
import typing
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError
from ruamel.yaml import YAML
from typer.testing import CliRunner

from kemi_cli.load import KPIS_FILE, STRATEGY_FILE, project_files
from kemi_cli.models.kpis import Kpi, KpisFile
from kemi_cli.models.projects import Project
from kemi_cli.models.strategy import Strategy
from kemi_cli.validate import validate_workspace

ATTACKS = (
    "<script>alert('{token}')</script>",
    '<img src="file:///etc/passwd" onerror="alert(1)">{token}',
    '<a href="javascript:alert(1)">{token}</a>',
    '<link rel="stylesheet" href="http://127.0.0.1:9/{token}.css">',
    "<style>body {{ background: url(http://127.0.0.1:9/{token}.png) }}</style>",
    "<div style=\"background:url('file:///etc/shadow')\">{token}</div>",
    "[{token}](javascript:alert(1)) ![x](http://127.0.0.1:9/{token}.png)",
    '" onmouseover="alert(1)" data-x="{token}',
    "{{{{ config }}}} {{% include '/etc/passwd' %}} {token}",
    "<iframe src=\"http://127.0.0.1:9/\"></iframe>{token}",
)
TOKEN = "QZ{number}QZ"
TOKEN_RE = re.compile(r"QZ\d+QZ")
MODELS = {STRATEGY_FILE: Strategy, KPIS_FILE: KpisFile}


# ---------------------------------------------------------------- walking the models


def _models_and_lists(annotation: Any) -> tuple[type[BaseModel] | None, Any]:
    """(the model a value of `annotation` is, the item annotation if it is a list)."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _models_and_lists(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for option in get_args(annotation):
            model, item = _models_and_lists(option)
            if model is not None or item is not None:
                return model, item
        return None, None
    if origin is list:
        return None, get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, None
    return None, None


def _takes_free_text(annotation: Any) -> bool:
    try:
        TypeAdapter(annotation).validate_python("<b>vapaa teksti</b> QZ0QZ")
    except ValidationError:
        return False  # an id, a period, a choice, a date
    return True


def _annotation(field: Any) -> Any:
    """A field's annotation with the validators pydantic keeps apart (an id's, a period's)."""
    return typing.Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation


def fill_text(model: type[BaseModel], data: Any, text_for: Callable[[str], str], filled: set[str]) -> None:
    """Replace every free-text value in `data` (a file's plain data, valid for `model`) with
    `text_for(where)`; `filled` collects the model fields that were reached."""
    if not isinstance(data, dict):
        return
    for name, field in model.model_fields.items():
        if data.get(name) is None:
            continue
        where = f"{model.__name__}.{name}"
        nested, item = _models_and_lists(field.annotation)
        value = data[name]
        if isinstance(value, str) and _takes_free_text(_annotation(field)):
            data[name] = text_for(where)
            filled.add(where)
        elif nested is not None:
            fill_text(nested, value, text_for, filled)
        elif item is not None and isinstance(value, list):
            item_model, _ = _models_and_lists(item)
            for index, entry in enumerate(value):
                if item_model is not None:
                    fill_text(item_model, entry, text_for, filled)
                elif isinstance(entry, str) and _takes_free_text(item):
                    value[index] = text_for(f"{where}[]")
                    filled.add(f"{where}[]")


def free_text_fields(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[str]:
    """Every model field that takes free text, reached from `model`."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    fields: set[str] = set()
    for name, field in model.model_fields.items():
        nested, item = _models_and_lists(field.annotation)
        if nested is not None:
            fields |= free_text_fields(nested, seen)
        elif item is not None:
            item_model, _ = _models_and_lists(item)
            if item_model is not None:
                fields |= free_text_fields(item_model, seen)
            elif _takes_free_text(item):
                fields.add(f"{model.__name__}.{name}[]")
        elif _takes_free_text(_annotation(field)):
            fields.add(f"{model.__name__}.{name}")
    return fields


# ---------------------------------------------------------------- a workspace with every text field used


def _text(fi: str) -> dict[str, str]:
    return {"fi": fi, "en": fi}


def complete(data_dir: Path) -> None:
    """Use the optional text fields that the shipped data leaves empty: actuals with a source,
    note and recorder, a replaced actual, and a card with every field of the template."""
    yaml = YAML(typ="safe", pure=True)
    kpis_path = data_dir / KPIS_FILE
    kpis = yaml.load(kpis_path.read_text(encoding="utf-8"))
    for group in kpis["groups"]:
        for kpi in group["kpis"]:
            if kpi["id"] == "asukkaat":
                kpi["note"] = _text("huomio")
                kpi["owner"] = "vastuu"
                kpi["baseline"]["text"] = _text("lähtötaso")
                kpi["target"]["text"] = _text("tavoite")
                for name, field in Kpi.model_fields.items():  # where an import file has the figures
                    if "Import" in str(field.annotation):
                        kpi[name] = {"pxweb": {"table": "t", "time_dimension": "Vuosi", "dimensions": {"Alue": "k240"}}}
                kpi["actuals"] = [
                    {"period": "2025H2", "value": 19350, "recorded_at": "2026-01-15", "recorded_by": "a", "source": "s", "note": "n",
                     "replaced_at": "2026-02-01", "replaced_by": "b"},
                    {"period": "2025H2", "value": 19360, "forecast": 19370, "recorded_at": "2026-02-01", "recorded_by": "b", "source": "s", "note": "n"},
                    {"period": "2026H1", "value": 19380, "recorded_at": "2026-07-15", "recorded_by": "c", "source": "s", "note": "n"},
                ]
    _dump(yaml, kpis, kpis_path)

    strategy_path = data_dir / STRATEGY_FILE
    strategy = yaml.load(strategy_path.read_text(encoding="utf-8"))
    strategy["version"] = "versio"
    strategy["accessibility"].update(feedback_email="palaute", feedback_form="lomake")
    _dump(yaml, strategy, strategy_path)

    card_path = data_dir / "projects" / "arm.yaml"
    card = yaml.load(card_path.read_text(encoding="utf-8"))
    phase = _text("vaihe")
    card.update(
        status="active", outcome=_text("lopputulos"), owner="vastuu", note=_text("huomio"), start="2025", end="2027",
        phases=[{"name": phase, "start": "2025H1", "end": "2026H2", "status": "active"}],
        benefits=[_text("hyöty")], metric={"kpi": "asukkaat", "text": _text("mittari")},
        now={"value": 1, "text": _text("nyt")}, target={"value": 2, "text": _text("tavoite")},
        updates=[{"period": "2026H1", "status": "active", "progress": 40, "text": _text("edistyi"),
                  "phases": [{"phase": phase, "status": "active"}], "recorded_at": "2026-07-01", "recorded_by": "d",
                  "replaced_at": "2026-07-02", "replaced_by": "e"},
                 {"period": "2026H1", "status": "active", "progress": 45, "text": _text("edistyi"),
                  "phases": [{"phase": phase, "status": "active"}], "recorded_at": "2026-07-02", "recorded_by": "e"}],
    )
    _dump(yaml, card, card_path)


def _dump(yaml: YAML, data: Any, path: Path) -> None:
    yaml.representer.ignore_aliases = lambda _data: True
    stream = io.StringIO()
    yaml.dump(data, stream)
    path.write_text(stream.getvalue(), encoding="utf-8")


def make_texts(data_dir: Path, hostile: bool) -> set[str]:
    """Fill every free-text value of the workspace; returns the model fields filled."""
    yaml = YAML(typ="safe", pure=True)
    counter = iter(range(1, 1_000_000))
    filled: set[str] = set()

    def text_for(_where: str) -> str:
        number = next(counter)
        token = TOKEN.format(number=number)
        return ATTACKS[number % len(ATTACKS)].format(token=token) if hostile else f"teksti {token}"

    files = [(data_dir / name, model) for name, model in MODELS.items()]
    files += [(path, Project) for path in project_files(data_dir)]
    for path, model in files:
        data = yaml.load(path.read_text(encoding="utf-8"))
        fill_text(model, data, text_for, filled)
        _dump(yaml, data, path)
    result = validate_workspace(data_dir)
    assert result.ok, [str(f) for f in result.errors][:5]
    return filled


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import shutil

    from .conftest import SHIPPED_DATA

    made = {}
    for kind in ("plain", "hostile"):
        root = tmp_path_factory.mktemp(kind)
        shutil.copytree(SHIPPED_DATA, root / "data")
        complete(root / "data")
        filled = make_texts(root / "data", hostile=kind == "hostile")
        made[kind] = root / "data"
    made_fields = filled
    every_field = set().union(*(free_text_fields(m) for m in (Strategy, KpisFile, Project)))
    assert every_field - made_fields == set(), "text fields no test data reaches"
    return made


# ---------------------------------------------------------------- the documents


REPORTS = {
    "half-year": ["half-year", "--period", "2026H1"],
    "annual": ["annual", "--year", "2025"],
    "cards": ["project", "--all", "--period", "2026H1"],
    "strategy": ["strategy"],
}
ENV = {"COLUMNS": "200", "NO_COLOR": "1", "KEMI_TODAY": "2026-08-15", "SOURCE_DATE_EPOCH": "1780000000"}


def render(data: Path, report: str, fmt: str, out: Path) -> bytes:
    from kemi_cli.cli import app

    target = out / f"{report}.{fmt}"
    result = CliRunner().invoke(app, ["report", *REPORTS[report], "--lang", "both", "--data", str(data), "-o", str(target)], env=ENV)
    assert result.exit_code == 0, (result.stderr, repr(result.exception))
    return target.read_bytes()


class Structure(HTMLParser):
    """The tags and attributes of a page (what data must never add to), and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        for name, value in attrs:
            if name in ("href", "src", "xlink:href", "action", "srcset") and value and not value.startswith("#"):
                self.links.append(value)
            if name == "style" and value and "url(" in value:
                self.links.append(value)
            if value:
                self.text.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def structure(html: str) -> Structure:
    parser = Structure()
    parser.feed(html)
    return parser


def assert_shown_as_text(hostile_html: str, plain_html: str) -> None:
    hostile, plain = structure(hostile_html), structure(plain_html)
    assert hostile.tags == plain.tags, "hostile text changed the document's tags or attributes"
    assert hostile.links == plain.links
    text = "\n".join(hostile.text)
    tokens = set(TOKEN_RE.findall(hostile_html))
    assert tokens, "no data text reached the document"
    for number in (int(t.strip("QZ")) for t in tokens):
        attack = ATTACKS[number % len(ATTACKS)].format(token=TOKEN.format(number=number))
        # Whole, as the reader sees it (Markdown collapses runs of spaces).
        assert " ".join(attack.split()) in " ".join(text.split()), attack


@pytest.mark.slow
@pytest.mark.parametrize("report", list(REPORTS))
def test_html_and_markdown_show_hostile_text_as_text(workspaces: dict[str, Path], tmp_path: Path, report: str) -> None:
    from markdown_it import MarkdownIt

    html = {kind: render(data, report, "html", tmp_path / kind).decode() for kind, data in workspaces.items()}
    assert_shown_as_text(html["hostile"], html["plain"])

    # Markdown as a CommonMark renderer with raw HTML allowed would publish it.
    markdown = MarkdownIt("commonmark").enable("table")
    md = {kind: markdown.render(render(data, report, "md", tmp_path / kind).decode()) for kind, data in workspaces.items()}
    assert_shown_as_text(md["hostile"], md["plain"])


@pytest.mark.slow
@pytest.mark.parametrize("report", ["half-year", "cards"])
def test_pdf_shows_hostile_text_and_fetches_nothing(workspaces: dict[str, Path], tmp_path: Path, report: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    from kemi_cli.report import fetcher
    from kemi_cli.report.environment import template_roots

    requested: list[str] = []
    fetch = fetcher.AssetFetcher.fetch

    def recording_fetch(self, url: str, headers: object = None):  # type: ignore[no-untyped-def]
        requested.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(fetcher.AssetFetcher, "fetch", recording_fetch)
    pdf = render(workspaces["hostile"], report, "pdf", tmp_path)

    assets = [str(root / "assets") for root in template_roots(workspaces["hostile"])]
    assert requested, "the recording fetcher saw no request at all"
    outside = [url for url in requested if not any(url.removeprefix("file://").startswith(a) for a in assets)]
    assert outside == []
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() or "" for page in reader.pages)
    flat = re.sub(r"[\s\u00ad-]", "", text)
    html = render(workspaces["hostile"], report, "html", tmp_path / "html").decode()
    shown = set(TOKEN_RE.findall(html))
    assert shown and {t for t in shown if t not in flat} == set()
    assert "root:" not in text and "<script>alert(" in text
