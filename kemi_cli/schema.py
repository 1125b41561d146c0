"""The data format, described: JSON Schemas for editors and a Markdown reference, both generated
from the pydantic models so that neither can drift from what `kemi validate` accepts.

English titles and descriptions come from the models (docstrings, Field descriptions); Finnish
ones from the catalogue `models/descriptions_fi.yaml`, keyed by `Model` and `Model.field`.

The schemas describe each file's shape (keys, types, allowed values, id and period syntax) so that
an editor can complete and check as the user types. Rules that span fields or files (a score needs
a scale, references resolve, 11 challenges) stay with `kemi validate`.
"""

from __future__ import annotations

import inspect
import json
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .errors import KemiError, UsageError
from .load import KPIS_FILE, PROJECTS_DIR, REVIEW_FILE, STRATEGY_FILE, parse_yaml
from .models import common
from .models.kpis import KpisFile
from .models.projects import Project
from .models.review import ReviewFile
from .models.strategy import Strategy
from .wording import Said

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
CATALOGUE = "descriptions_fi.yaml"
FINNISH_PARTS = ("title", "description")


@dataclass(frozen=True)
class DataFileFormat:
    """One kind of data file: where it lives in a data folder, its model, its schema's file name."""

    data_path: str
    model: type[BaseModel]
    schema_file: str


DATA_FILE_FORMATS = (
    DataFileFormat(STRATEGY_FILE, Strategy, "strategy.schema.json"),
    DataFileFormat(KPIS_FILE, KpisFile, "kpis.schema.json"),
    DataFileFormat(f"{PROJECTS_DIR}/<id>.yaml", Project, "project.schema.json"),
    DataFileFormat(REVIEW_FILE, ReviewFile, "review.schema.json"),
)

# The syntax of kemi's own value types, which pydantic sees only as validator functions.
# A period may be a bare year because YAML reads `2026` as a number.
ID_SCHEMA: dict[str, Any] = {"type": "string", "pattern": common.SLUG_PATTERN}
PERIOD_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "integer", "minimum": 1000, "maximum": 9999},
        {"type": "string", "pattern": common.PERIOD_PATTERN},
    ]
}
TEXT_SCHEMA: dict[str, Any] = {"type": "string", "pattern": r"\S"}
_VALIDATOR_SCHEMAS = {
    common._check_slug: ID_SCHEMA,
    common._check_period: PERIOD_SCHEMA,
    common._check_text: TEXT_SCHEMA,
}

# The value types of the reference, in both languages.
VALUE_TYPES = (
    (
        "id",
        "Lowercase ASCII letters and digits, words joined by `_` or `-`, e.g. `tilikauden_tulos`.",
        "Pienet ASCII-kirjaimet ja numerot, sanat yhdistettyinä merkillä `_` tai `-`, esim. `tilikauden_tulos`.",
    ),
    (
        "period",
        "A year (`2026`) or a half-year (`2026H1`, `2026H2`).",
        "Vuosi (`2026`) tai puolivuotiskausi (`2026H1`, `2026H2`).",
    ),
    (
        "text",
        "A text that is not empty or only spaces.",
        "Teksti, joka ei ole tyhjä eikä pelkkiä välilyöntejä.",
    ),
    (
        "number",
        "A whole or decimal number, written with a dot (`12.5`); never a text.",
        "Kokonais- tai desimaaliluku pisteellä kirjoitettuna (`12.5`); ei tekstinä.",
    ),
    (
        "date",
        "A date written `YYYY-MM-DD`; a date and time `YYYY-MM-DDTHH:MM:SS`.",
        "Päivämäärä muodossa `VVVV-KK-PP`; päivämäärä ja kellonaika `VVVV-KK-PPTHH:MM:SS`.",
    ),
)


class _KemiJsonSchema(GenerateJsonSchema):
    """pydantic's generator, taught the syntax of ids, periods and non-empty texts."""

    def function_after_schema(self, schema: core_schema.AfterValidatorFunctionSchema) -> JsonSchemaValue:
        known = _VALIDATOR_SCHEMAS.get(schema["function"]["function"])  # type: ignore[arg-type]
        return json.loads(json.dumps(known)) if known is not None else super().function_after_schema(schema)


# ---------------------------------------------------------------- the models and their texts


def reachable_models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """`root` and every model its fields use, depth first in field order."""
    found: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in found:
            return
        found.append(model)
        for field in model.model_fields.values():
            for inner in _models_in(field.annotation):
                visit(inner)

    visit(root)
    return found


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    elif typing.get_origin(annotation) is not None or isinstance(annotation, types.UnionType):
        for argument in typing.get_args(annotation):
            yield from _models_in(argument)


def all_models() -> list[type[BaseModel]]:
    models: list[type[BaseModel]] = []
    for file_format in DATA_FILE_FORMATS:
        models += [m for m in reachable_models(file_format.model) if m not in models]
    return models


def defining_model(model: type[BaseModel], field_name: str) -> type[BaseModel]:
    """The class that declares the field: an inherited field is described once, on its base."""
    return next(c for c in model.__mro__ if field_name in inspect.get_annotations(c))


def catalogue_keys() -> list[str]:
    """Every key the Finnish catalogue must have: each model, and each field where it is declared."""
    keys: list[str] = []
    for model in all_models():
        keys.append(model.__name__)
        keys += [f"{model.__name__}.{name}" for name in model.model_fields if defining_model(model, name) is model]
    return keys


@cache
def finnish_catalogue() -> dict[str, dict[str, str]]:
    text = (resources.files("kemi_cli.models") / CATALOGUE).read_text(encoding="utf-8")
    return parse_yaml(Path(CATALOGUE), text) or {}


def catalogue_problems() -> list[str]:
    """Models and fields without a Finnish title and description, and entries for nothing."""
    catalogue = finnish_catalogue()
    expected = catalogue_keys()
    problems = []
    for key in expected:
        entry = catalogue.get(key)
        if not isinstance(entry, dict) or not all(str(entry.get(part) or "").strip() for part in FINNISH_PARTS):
            problems.append(f"{key}: no Finnish title and description")
    problems += [f"{key}: no such model or field" for key in catalogue if key not in expected]
    return problems


def english_problems() -> list[str]:
    """Models without a docstring and fields without a description."""
    problems = []
    for model in all_models():
        if not (model.__doc__ or "").strip():
            problems.append(f"{model.__name__}: no docstring")
        fields = model.model_fields.items()
        problems += [f"{model.__name__}.{name}: no description" for name, field in fields if not field.description]
    return problems


@dataclass(frozen=True)
class Described:
    """The title and description of a model or a field, in both languages."""

    title_en: str
    title_fi: str
    description_en: str
    description_fi: str

    @property
    def title(self) -> str:
        return self.title_en if self.title_en == self.title_fi else f"{self.title_en} / {self.title_fi}"

    @property
    def description(self) -> str:
        return f"{self.description_en}\n\n{self.description_fi}"


def _check_catalogue() -> None:
    problems = catalogue_problems() + english_problems()
    if problems:
        where = f"kemi_cli/models/{CATALOGUE} or the models"
        raise KemiError(f"the data format is not fully described ({where}): " + "; ".join(problems))


def describe_model(model: type[BaseModel]) -> Described:
    finnish = finnish_catalogue()[model.__name__]
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", model.__name__)
    return Described(words.capitalize(), finnish["title"], _one_paragraph(model.__doc__ or ""), finnish["description"])


def describe_field(model: type[BaseModel], field_name: str) -> Described:
    owner = defining_model(model, field_name)
    finnish = finnish_catalogue()[f"{owner.__name__}.{field_name}"]
    english = model.model_fields[field_name].description or ""
    return Described(field_name.replace("_", " ").capitalize(), finnish["title"], english, finnish["description"])


def _one_paragraph(docstring: str) -> str:
    return " ".join(docstring.split())


# ---------------------------------------------------------------- JSON Schema


def json_schema(file_format: DataFileFormat) -> dict[str, Any]:
    """The JSON Schema of one kind of data file, titles and descriptions in English and Finnish."""
    _check_catalogue()
    generated = file_format.model.model_json_schema(schema_generator=_KemiJsonSchema, mode="validation")
    models = {m.__name__: m for m in reachable_models(file_format.model)}
    for name, definition in generated.get("$defs", {}).items():
        _describe_definition(definition, models[name])
    _describe_definition(generated, file_format.model)
    _standard_bounds(generated)
    return {"$schema": JSON_SCHEMA_DIALECT, **generated}


# pydantic writes a bound on a union of number types under its own names, which JSON Schema
# validators and editors ignore; `progress: 0–100` would go unchecked.
_BOUND_KEYWORDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _standard_bounds(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _standard_bounds(item)
    elif isinstance(node, dict):
        for key in [k for k in node if k in _BOUND_KEYWORDS]:
            node[_BOUND_KEYWORDS[key]] = node.pop(key)
        for key, value in node.items():
            if key in ("properties", "$defs"):  # mappings of names, not schemas: walk their values
                for inner in value.values():
                    _standard_bounds(inner)
            else:
                _standard_bounds(value)


def _describe_definition(definition: dict[str, Any], model: type[BaseModel]) -> None:
    described = describe_model(model)
    definition["title"] = described.title
    definition["description"] = described.description
    for field_name, prop in definition.get("properties", {}).items():
        field_described = describe_field(model, field_name)
        prop["title"] = field_described.title
        prop["description"] = field_described.description


def json_schema_files() -> dict[str, str]:
    """File name → text of every schema, as committed under schemas/ and written by `kemi schema -o`."""
    return {f.schema_file: json.dumps(json_schema(f), ensure_ascii=False, indent=2) + "\n" for f in DATA_FILE_FORMATS}


# ---------------------------------------------------------------- Markdown reference


def markdown_reference() -> str:
    """docs/data-format.md: every file, model and field with its type, whether it is required,
    and its description in English and Finnish."""
    _check_catalogue()
    lines = [
        "<!-- Generated from the models by `kemi schema --markdown -o docs`; do not edit by hand. -->",
        "",
        "# Data format – tietomuoto",
        "",
        "Every data folder holds `strategy.yaml`, `kpis.yaml` and one `projects/<id>.yaml` per project card.",
        "This reference lists every key of each file. `kemi schema -o schemas` writes the same as JSON Schemas",
        "for editors; `kemi validate` checks the data, including the rules between files that a schema cannot",
        "express.",
        "",
        "Jokainen datakansio sisältää tiedostot `strategy.yaml`, `kpis.yaml` ja yhden `projects/<id>.yaml`",
        "kutakin projektikorttia kohden. Tämä viite luettelee jokaisen tiedoston kaikki avaimet.",
        "",
        "## Value types – arvotyypit",
        "",
        "| type | description | kuvaus |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {name} | {en} | {fi} |" for name, en, fi in VALUE_TYPES]
    documented: set[str] = set()
    for file_format in DATA_FILE_FORMATS:
        lines += ["", f"## `{file_format.data_path}`", ""]
        schema = json_schema(file_format)
        definitions = {**schema.get("$defs", {}), file_format.model.__name__: schema}
        for model in reachable_models(file_format.model):
            if model.__name__ in documented:
                continue
            documented.add(model.__name__)
            lines += _markdown_model(model, definitions[model.__name__])
    return "\n".join(lines).rstrip() + "\n"


def _markdown_model(model: type[BaseModel], definition: dict[str, Any]) -> list[str]:
    described = describe_model(model)
    required = set(definition.get("required", []))
    lines = [
        f'<a id="{model.__name__.lower()}"></a>',
        f"### {model.__name__} – {described.title_fi}",
        "",
        described.description_en,
        "",
        described.description_fi,
        "",
        "| key | type | required | description | kuvaus |",
        "| --- | --- | --- | --- | --- |",
    ]
    for field_name, prop in definition.get("properties", {}).items():
        field_described = describe_field(model, field_name)
        lines.append(
            "| "
            + " | ".join(
                _cell(part)
                for part in (
                    f"`{field_name}`",
                    type_label(prop),
                    "yes" if field_name in required else "no",
                    field_described.description_en,
                    field_described.description_fi,
                )
            )
            + " |"
        )
    lines.append("")
    return lines


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def type_label(schema: dict[str, Any]) -> str:
    """A short reading of a JSON Schema for the reference: 'list of [Goal](#goal)', 'period' …"""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    bare = {k: v for k, v in schema.items() if k not in ("title", "description", "default")}
    for name, known in (("id", ID_SCHEMA), ("period", PERIOD_SCHEMA), ("text", TEXT_SCHEMA)):
        if bare == known:
            return name
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        if {s.get("type") for s in options} == {"integer", "number"} and len(options) == 2:
            return "number"
        labels: list[str] = []
        for option in options:
            # pydantic flattens an optional period into the union: read its two forms as one.
            label = "period" if option in PERIOD_SCHEMA["anyOf"] else type_label(option)
            if label not in labels:
                labels.append(label)
        return " or ".join(labels)
    if "enum" in schema:
        return "one of " + ", ".join(f"`{value}`" for value in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    kind = schema.get("type")
    if kind == "array":
        return f"list of {type_label(schema.get('items', {}))}"
    if kind == "string":
        return {"date": "date", "date-time": "date and time"}.get(schema.get("format", ""), "text")
    if kind == "integer":
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and high is not None:
            return f"whole number {low}–{high}"
        return f"whole number ≥ {low}" if low is not None else "whole number"
    if kind == "number":
        return "number"
    if kind == "boolean":
        return "true or false"
    return "any"


# ---------------------------------------------------------------- writing


def write_outputs(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write generated files into `folder` (created if needed); returns the paths written."""
    from .edit import write_output

    if folder.exists() and not folder.is_dir():
        raise UsageError(Said("cli.output.not_a_folder", folder=folder))
    written = []
    for name, text in files.items():
        write_output(folder / name, text)
        written.append(folder / name)
    return written
