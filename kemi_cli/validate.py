"""Data → models. Every problem of every file is collected as a located finding, all at once.

Three passes: each file against its pydantic model; then the cross-checks that span files
(unique ids, references that resolve, each id listed once, no value for a period that has not
begun: every rule that an edit command applies); then the data gaps and the `TODO:` placeholders
of a skeleton, reported as warnings.
"""

from __future__ import annotations

import datetime as dt
import os
import types
import typing
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .arguments import suggest
from .clock import today
from .errors import DataError, Finding
from .frequency import frequency_problem
from .load import (
    KPIS_FILE,
    PROJECTS_DIR,
    REVIEW_FILE,
    STRATEGY_FILE,
    LoadFailed,
    Loc,
    SourceFile,
    load_file,
    project_files,
    read_text,
)
from .models.common import Text
from .models.kpis import Kpi, KpisFile
from .models.projects import Project, empty_card_fields
from .models.review import ReviewFile
from .models.strategy import Strategy
from .models.workspace import VISION_ID, Workspace
from .periods import Period, not_begun
from .wording import Said

EXPECTED_CHALLENGES = 11


@dataclass
class ValidationResult:
    findings: list[Finding] = field(default_factory=list)
    workspace: Workspace | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


# ---------------------------------------------------------------- pass 1: each file, its model


def _model_fields_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that the mapping at `loc` must match, following lists and optionals."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            if get_origin(current) in (list, typing.List):  # noqa: UP006
                current = get_args(current)[0]
                continue
            return None
        if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
            continue
        return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated to the one model or list type inside, if there is one."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            inner = [a for a in get_args(annotation) if a is not type(None)]
            structured = [a for a in inner if get_origin(a) is list or (isinstance(a, type) and issubclass(a, BaseModel))]
            if len(structured) != 1:
                return annotation
            annotation = structured[0]
        else:
            return annotation


def _data_loc(data: Any, loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Keep only the parts of a pydantic location that exist in the data (drop union tags)."""
    kept: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            kept.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and not _is_type_tag(part):
            kept.append(part)  # a missing or unknown key: point at its parent
            break
    return tuple(kept)


def _is_type_tag(part: str) -> bool:
    return any(c in part for c in "[]()") or part in {"str", "int", "float", "bool", "list", "dict", "date", "datetime", "none"} or part[:1].isupper()


def _given(value: Any) -> Said | str:
    """The value a finding names: a mapping or a list by its kind, anything else as written."""
    if isinstance(value, dict):
        return Said("cli.schema.given.mapping")
    if isinstance(value, list):
        return Said("cli.schema.given.list")
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# pydantic's types of error that kemi words as what it expected (a key of cli.schema.expected);
# the input was of another kind or could not be read as this one.
_EXPECTED = {
    "list_type": "list",
    "int_from_float": "whole",
    "int_parsing": "whole",
    "int_type": "number",
    "float_type": "number",
    "float_parsing": "number",
    "string_type": "text",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
    "datetime_type": "date",
    "datetime_parsing": "date",
    "datetime_from_date_parsing": "date",
}

# pydantic's other types of error that the catalogue words (cli.schema.type.<type>), each with
# the values of the error's context that its sentence names, and the input as {given}.
_WORDED_TYPES = {
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
    "multiple_of",
    "finite_number",
    "too_short",
    "too_long",
    "string_too_short",
    "string_too_long",
    "string_pattern_mismatch",
}


def _bound(value: Any) -> str:
    """A bound of a constraint as the data file writes it: 1, not the 1.0 of a float field."""
    return f"{value:.15g}" if isinstance(value, float) else str(value)


def _message(error: dict[str, Any], model: type[BaseModel], loc: tuple[str | int, ...]) -> Said:
    """pydantic's `error` as a sentence of kemi's catalogue; a type of error the catalogue has no
    words for keeps pydantic's English after the screen language's lead-in."""
    kind = error["type"]
    given = error.get("input")
    context = error.get("ctx") or {}
    key = loc[-1] if loc else "?"
    if kind == "extra_forbidden":
        parent = _model_fields_at(model, loc[:-1])
        return Said("cli.schema.unknown_key", key=key, suggestion=suggest(str(key), list(parent.model_fields) if parent else []))
    if kind == "missing":
        if key in ("fi", "en"):
            return Said("cli.schema.missing_text", language=Said(f"cli.schema.language.{key}"), key=key)
        return Said("cli.schema.missing_key", key=key)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        expected = "text_pair" if _model_fields_at(model, loc) is Text else "mapping"
        return Said(f"cli.schema.expected.{expected}", given=_given(given))
    if kind in _EXPECTED:
        return Said(f"cli.schema.expected.{_EXPECTED[kind]}", given=_given(given))
    if kind in ("literal_error", "enum"):
        expected = str(context.get("expected", ""))
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        return Said("cli.schema.not_allowed", given=_given(given), choices=", ".join(choices), suggestion=suggest(str(given), choices))
    if kind == "value_error":
        # kemi's own rules (models/) raise a Said; a rule of a library keeps its English.
        raised = context.get("error")
        said = raised.args[0] if isinstance(raised, ValueError) and raised.args else None
        return said if isinstance(said, Said) else Said("cli.schema.value_error", message=str(raised or error["msg"]))
    if kind in _WORDED_TYPES:
        return Said(f"cli.schema.type.{kind}", given=_given(given), **{name: _bound(value) for name, value in context.items()})
    return Said("cli.schema.other", message=f"{error['msg'][0].lower()}{error['msg'][1:]}", given=_given(given))


def _model_findings(source: SourceFile, model: type[BaseModel], error: ValidationError) -> list[Finding]:
    """One finding per offending place; the alternatives of a union are merged into one message."""
    by_place: dict[tuple[str | int, ...], list[Said]] = {}
    for raw in error.errors(include_url=False):
        loc = _data_loc(source.data, raw["loc"])
        message = _message(dict(raw), model, loc)
        messages = by_place.setdefault(loc, [])
        if str(message) not in map(str, messages):
            messages.append(message)
    _merge_misspelt_keys(by_place)
    findings = []
    for loc, messages in by_place.items():
        # A value that is neither of a number's kinds (int, float) is said once, as not a number.
        numbers = [m for m in messages if m.key == "cli.schema.expected.number"]
        alternatives = numbers if len(messages) > 1 and numbers else messages
        findings.append(source.finding(loc, _either(alternatives)))
    return findings


def _either(alternatives: list[Said]) -> Said:
    """The alternatives of a union as one sentence: `a or b or c`."""
    said = alternatives[0]
    for other in alternatives[1:]:
        said = Said("cli.schema.either", first=said, second=other)
    return said


def _merge_misspelt_keys(by_place: dict[tuple[str | int, ...], list[Said]]) -> None:
    """A misspelt key shows as an unknown key and a missing one; say it once, at the misspelling."""
    for loc, messages in list(by_place.items()):
        for message in messages:
            suggestion = message.values.get("suggestion")
            if message.key == "cli.schema.unknown_key" and isinstance(suggestion, Said):
                meant = str(suggestion.values["match"])
                missing = (*loc[:-1], meant)
                if [m.key for m in by_place.get(missing, [])] == ["cli.schema.missing_key"]:
                    del by_place[missing]


def _validate_file(source: SourceFile, model: type[BaseModel], findings: list[Finding]) -> Any:
    try:
        return model.model_validate(source.data)
    except ValidationError as error:
        findings.extend(_model_findings(source, model, error))
        return None


# ---------------------------------------------------------------- pass 2: across files


def _duplicates(ids: list[str]) -> set[str]:
    return {i for i, n in Counter(ids).items() if n > 1}


def _check_unique(source: SourceFile, items: list[Any], loc_of: Any, kind: str, findings: list[Finding]) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            findings.append(source.finding((*loc_of(index), "id"), _duplicate_id(kind, item.id)))
        seen.add(item.id)


def _duplicate_id(kind: str, item_id: str) -> Said:
    """An id used twice among the things of one `kind` (a key of cli.kind)."""
    return Said("cli.check.duplicate_id", kind=Said(f"cli.kind.{kind}"), id=item_id)


def _unknown(kind: str, value: str, known: Sequence[str]) -> Said:
    """A reference to a thing of `kind` (a key of cli.kind) that the data does not have."""
    return Said("cli.unknown_short", kind=Said(f"cli.kind.{kind}"), value=value, suggestion=suggest(value, known))


def _check_listed_once(source: SourceFile, where: Loc, ids: list[str], kind: str, findings: list[Finding]) -> None:
    """An id given twice in one list (`sectors: [a, a]`): the commands that write such lists
    never repeat an id, so a repeated one is a slip made by hand."""
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            findings.append(source.finding((*where, index), Said("cli.check.listed_twice", kind=Said(f"cli.kind.{kind}"), id=item)))
        seen.add(item)


def _check_strategy(source: SourceFile, strategy: Strategy, project_ids: set[str], findings: list[Finding]) -> None:
    _check_unique(source, strategy.goals, lambda i: ("goals", i), "goal", findings)
    _check_unique(source, strategy.objectives, lambda i: ("objectives", i), "objective", findings)
    _check_unique(source, strategy.sectors, lambda i: ("sectors", i), "sector", findings)
    if strategy.period.end < strategy.period.start:
        findings.append(source.finding(("period", "end"), Said("cli.check.period_backwards")))
    goal_ids = [g.id for g in strategy.goals]
    for index, theme in enumerate(strategy.strategy_in_practice.themes):
        if theme.goal not in goal_ids:
            findings.append(source.finding(("strategy_in_practice", "themes", index, "goal"), _unknown("goal", theme.goal, goal_ids)))
    for s_index, sector in enumerate(strategy.sectors):
        for p_index, project_id in enumerate(sector.projects):
            if project_id not in project_ids:
                no_card = Said("cli.check.no_card", id=project_id, folder=PROJECTS_DIR, suggestion=suggest(project_id, project_ids))
                findings.append(source.finding(("sectors", s_index, "projects", p_index), no_card))
    if len(strategy.challenges) != EXPECTED_CHALLENGES:
        findings.append(
            source.finding(
                ("challenges",),
                Said("cli.check.challenge_count", expected=EXPECTED_CHALLENGES, found=len(strategy.challenges)),
            )
        )
    for index, challenge in enumerate(strategy.challenges, start=1):
        if challenge.number != index:
            findings.append(
                source.finding(("challenges", index - 1, "number"), Said("cli.check.challenge_number", number=challenge.number, expected=index))
            )


def _check_kpis(source: SourceFile, kpis_file: KpisFile, servable: list[str], findings: list[Finding], today: dt.date) -> None:
    _check_unique(source, kpis_file.groups, lambda i: ("groups", i), "group", findings)
    seen: set[str] = set()
    for g_index, group in enumerate(kpis_file.groups):
        for k_index, kpi in enumerate(group.kpis):
            where = ("groups", g_index, "kpis", k_index)
            if kpi.id in seen:
                findings.append(source.finding((*where, "id"), _duplicate_id("kpi", kpi.id)))
            seen.add(kpi.id)
            for s_index, served in enumerate(kpi.serves):
                if served not in servable:
                    findings.append(source.finding((*where, "serves", s_index), _unknown("goal_or_objective", served, servable)))
            _check_listed_once(source, (*where, "serves"), kpi.serves, "goal_or_objective", findings)
            _check_actuals(source, kpi, where, findings, today)
            _check_values(source, kpi, where, findings)


def _check_values(source: SourceFile, kpi: Kpi, where: Loc, findings: list[Finding]) -> None:
    """Every value in the KPI's unit: a hand-edited file is held to the bounds `kemi kpi set` keeps."""
    values: list[tuple[Loc, int | float | None]] = [
        ((*where, "baseline", "value"), kpi.baseline.value),
        ((*where, "target", "value"), kpi.target.value),
    ]
    for index, actual in enumerate(kpi.actuals):
        values += [((*where, "actuals", index, "value"), actual.value), ((*where, "actuals", index, "forecast"), actual.forecast)]
    for loc, value in values:
        problem = kpi.value_problem(value) if value is not None else None
        if problem:
            findings.append(source.finding(loc, Said("cli.value_is", value=f"{value:.15g}", problem=problem)))


def _check_actuals(source: SourceFile, kpi: Kpi, where: Loc, findings: list[Finding], today: dt.date) -> None:
    for index, actual in enumerate(kpi.actuals):
        period = Period.parse(actual.period)
        problem = not_begun(period, today)
        if problem:
            findings.append(source.finding((*where, "actuals", index, "period"), Said("cli.check.value_not_begun", id=kpi.id, problem=problem)))
        wrong_frequency = frequency_problem(kpi.id, kpi.frequency, period)
        if wrong_frequency:
            findings.append(source.finding((*where, "actuals", index, "period"), wrong_frequency))
    current_periods = [a.period for a in kpi.actuals if a.is_current]
    for twice in sorted(_duplicates(current_periods)):
        index = max(i for i, a in enumerate(kpi.actuals) if a.is_current and a.period == twice)
        findings.append(
            source.finding(
                (*where, "actuals", index, "period"),
                Said("cli.check.two_current_actuals", id=kpi.id, period=twice),
            )
        )


def _check_project(source: SourceFile, project: Project, workspace_ids: dict[str, list[str]], findings: list[Finding]) -> None:
    if source.path.stem != project.id:
        findings.append(source.finding(("id",), Said("cli.check.id_not_file_name", id=project.id, file=source.path.name)))
    for field_name, kind in (("sectors", "sector"), ("goals", "goal")):
        known = workspace_ids[field_name]
        refs = getattr(project, field_name)
        for index, ref in enumerate(refs):
            if ref not in known:
                findings.append(source.finding((field_name, index), _unknown(kind, ref, known)))
        _check_listed_once(source, (field_name,), refs, kind, findings)
    if project.metric and project.metric.kpi and project.metric.kpi not in workspace_ids["kpis"]:
        findings.append(source.finding(("metric", "kpi"), _unknown("kpi", project.metric.kpi, workspace_ids["kpis"])))
    current = [u.period for u in project.updates if u.is_current]
    for period in sorted(_duplicates(current)):
        findings.append(source.finding(("updates",), Said("cli.check.two_current_updates", id=project.id, period=period)))


# ---------------------------------------------------------------- pass 3: data gaps (warnings)


def _kpi_gaps(source: SourceFile, kpis_file: KpisFile, findings: list[Finding]) -> None:
    for g_index, group in enumerate(kpis_file.groups):
        for k_index, kpi in enumerate(group.kpis):
            where = ("groups", g_index, "kpis", k_index)
            missing = [name for name, part in (("baseline", kpi.baseline), ("target", kpi.target)) if part.value is None]
            if missing:
                findings.append(source.finding((*where, "id"), Said(f"cli.gap.no_{'_or_'.join(missing)}", id=kpi.id), "warning"))
            if kpi.frequency is None:
                findings.append(source.finding((*where, "id"), Said("cli.gap.no_frequency", id=kpi.id), "warning"))
            _confirmation_warnings(source, Said("cli.gap.kpi", id=kpi.id), where, kpi.needs_confirmation, findings)


# Why a field listed in needs_confirmation awaits confirmation (a key of cli.gap.because), for
# the warning that names it.
_UNCONFIRMED_BECAUSE = {
    "baseline": "not_tied",
    "target": "not_tied",
    "direction": "reading",
    "sectors": "reading",
    "serves": "no_link",
    "goals": "no_link",
    "data_source": "no_source",
    "unit": "assumption",
    "scale": "assumption",
    "frequency": "assumption",
    "start": "assumption",
    "end": "assumption",
}


def _confirmation_warnings(source: SourceFile, subject: Said, where: Loc, fields: Sequence[str], findings: list[Finding]) -> None:
    """One warning for every field whose content awaits the city's confirmation, at its entry in the list."""
    for index, name in enumerate(fields):
        because = Said(f"cli.gap.because.{_UNCONFIRMED_BECAUSE[name]}")
        findings.append(
            source.finding(
                (*where, "needs_confirmation", index), Said("cli.gap.to_confirm", subject=subject, name=name, because=because), "warning"
            )
        )


PLACEHOLDER = "TODO:"


def _placeholders(source: SourceFile, findings: list[Finding]) -> None:
    """The `TODO:` texts of a `kemi init` skeleton still to be replaced: warnings, so that
    --strict keeps a placeholder off a published cover. A text pair is reported once."""
    stack: list[tuple[Loc, Any]] = [((), source.data)]
    while stack:
        loc, node = stack.pop()
        if isinstance(node, dict):
            pair = [node.get(lang) for lang in ("fi", "en")]
            if any(isinstance(text, str) and text.startswith(PLACEHOLDER) for text in pair):
                shown = next(text for text in pair if isinstance(text, str) and text.startswith(PLACEHOLDER))
                findings.append(source.finding(loc, Said("cli.gap.placeholder", text=_shorten(shown)), "warning"))
                continue
            stack.extend(((*loc, key), value) for key, value in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend(((*loc, index), value) for index, value in reversed(list(enumerate(node))))
        elif isinstance(node, str) and node.startswith(PLACEHOLDER):
            findings.append(source.finding(loc, Said("cli.gap.placeholder", text=_shorten(node)), "warning"))


def _shorten(text: str, limit: int = 50) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _strategy_gaps(source: SourceFile, strategy: Strategy, findings: list[Finding]) -> None:
    statement = strategy.accessibility
    where: tuple[str, ...] = ("accessibility",) if statement is not None else ("publisher",)
    if statement is None or not (statement.feedback_email or statement.feedback_form):
        findings.append(source.finding(where, Said("cli.gap.no_feedback_channel"), "warning"))


def _project_gaps(source: SourceFile, project: Project, findings: list[Finding]) -> None:
    _confirmation_warnings(source, Said("cli.gap.project", id=project.id), (), project.needs_confirmation, findings)
    for index, update in enumerate(project.updates):
        if update.is_current and update.text is not None and update.text.awaits_translation:
            findings.append(
                source.finding(("updates", index, "text"), Said("cli.gap.update_untranslated", id=project.id, period=update.period), "warning")
            )
    empty = empty_card_fields(project)
    if empty:
        findings.append(source.finding(("id",), Said("cli.gap.empty_card_fields", id=project.id, fields=[Said(f"screen.card_field.{name}") for name in empty]), "warning"))


# ---------------------------------------------------------------- the whole workspace


# One parse and one model validation of each file's text per process: an edit validates the
# workspace again with one file's new text, and the files it did not change are not read into
# models twice. Keyed by the exact text, so a file changed on disk meanwhile is checked anew;
# each run of validate_workspace keeps only the entries it used, so the cache holds one workspace.
_parsed: dict[tuple[Path, str], SourceFile | Finding] = {}
_validated: dict[tuple[Path, str, type[BaseModel]], tuple[Any, tuple[Finding, ...]]] = {}


class _FileCache:
    """The cache entries that one validate_workspace run uses; they replace the old ones at its end."""

    def __init__(self) -> None:
        self.parsed: dict[tuple[Path, str], SourceFile | Finding] = {}
        self.validated: dict[tuple[Path, str, type[BaseModel]], tuple[Any, tuple[Finding, ...]]] = {}

    def load(self, path: Path, findings: list[Finding], overrides: dict[Path, str]) -> SourceFile | None:
        try:
            text = overrides.get(Path(os.path.realpath(path)))  # a link in a loop is read_text's to refuse
            text = read_text(path) if text is None else text
        except LoadFailed as failure:
            findings.append(failure.finding)
            return None
        key = (path, text)
        loaded = self.parsed.get(key) or _parsed.get(key)
        if loaded is None:
            try:
                loaded = load_file(path, text)
            except LoadFailed as failure:
                loaded = failure.finding
        self.parsed[key] = loaded
        if isinstance(loaded, Finding):
            findings.append(loaded)
            return None
        return loaded

    def validate(self, source: SourceFile, model: type[BaseModel], findings: list[Finding]) -> Any:
        key = (source.path, source.text, model)
        checked = _validated.get(key)
        if checked is None:
            own: list[Finding] = []
            checked = (_validate_file(source, model, own), tuple(own))
        self.validated[key] = checked
        findings.extend(checked[1])
        return checked[0]

    def keep(self) -> None:
        _parsed.clear()
        _parsed.update(self.parsed)
        _validated.clear()
        _validated.update(self.validated)


def validate_workspace(data_dir: Path, overrides: dict[Path, str] | None = None, check_digests: bool = True) -> ValidationResult:
    """Load and check every data file under `data_dir`; never raises for bad data.

    `overrides` maps a file's resolved path to text to check instead of the file's content:
    an edit is validated as part of the whole workspace before it is written. `check_digests`
    False leaves out the check of closed periods against their digests, for the edit that
    records a reopened period's new digest.
    """
    overrides = overrides or {}
    result = ValidationResult()
    findings = result.findings
    if not data_dir.is_dir():
        findings.append(Finding(data_dir, Said("cli.check.no_data_folder")))
        return result

    cache = _FileCache()
    strategy_source = cache.load(data_dir / STRATEGY_FILE, findings, overrides)
    kpis_source = cache.load(data_dir / KPIS_FILE, findings, overrides)
    paths = project_files(data_dir)
    existing = {Path(os.path.realpath(q)) for q in paths}  # once: an edit of many cards overrides many
    paths += [p for p in overrides if p.parent == (data_dir / PROJECTS_DIR).resolve() and p not in existing]
    project_sources = [s for s in (cache.load(p, findings, overrides) for p in paths) if s]
    review_file = data_dir / REVIEW_FILE
    has_review = review_file.exists() or review_file.resolve() in overrides
    review_source = cache.load(review_file, findings, overrides) if has_review else None

    strategy = cache.validate(strategy_source, Strategy, findings) if strategy_source else None
    kpis_file = cache.validate(kpis_source, KpisFile, findings) if kpis_source else None
    projects: dict[str, tuple[SourceFile, Project]] = {}
    for source in project_sources:
        project = cache.validate(source, Project, findings)
        if project is None:
            continue
        if project.id in projects:
            also_in = projects[project.id][0].path.name
            findings.append(source.finding(("id",), Said("cli.check.duplicate_project", id=project.id, file=also_in)))
            continue
        projects[project.id] = (source, project)
    review = cache.validate(review_source, ReviewFile, findings) if review_source else ReviewFile()
    cache.keep()

    if strategy is None or kpis_file is None:
        return result

    goal_ids = [g.id for g in strategy.goals]
    workspace_ids = {
        "sectors": [s.id for s in strategy.sectors],
        "goals": goal_ids,
        "kpis": [k.id for k in kpis_file.all_kpis()],
    }
    servable = goal_ids + [o.id for o in strategy.objectives] + [VISION_ID]
    # A card whose file is broken is reported once, for its own file, not again for each reference.
    card_ids = set(projects) | {path.stem for path in paths}
    _check_strategy(strategy_source, strategy, card_ids, findings)  # type: ignore[arg-type]
    _check_kpis(kpis_source, kpis_file, servable, findings, today())  # type: ignore[arg-type]
    for source, project in projects.values():
        _check_project(source, project, workspace_ids, findings)
    if review_source is not None and review is not None:
        from .review_checks import check_review

        findings.extend(check_review(review_source, review, strategy, kpis_file))

    _strategy_gaps(strategy_source, strategy, findings)  # type: ignore[arg-type]
    _confirmation_warnings(strategy_source, Said("cli.gap.strategy_period"), ("period",), strategy.period.needs_confirmation, findings)  # type: ignore[arg-type]
    _kpi_gaps(kpis_source, kpis_file, findings)  # type: ignore[arg-type]
    for source, project in projects.values():
        _project_gaps(source, project, findings)
    for placeholder_source in (strategy_source, kpis_source, *(source for source, _ in projects.values())):
        if placeholder_source is not None:
            _placeholders(placeholder_source, findings)

    if result.ok and len(project_sources) == len(paths) and review is not None:
        workspace = Workspace(
            data_dir=data_dir,
            strategy=strategy,
            kpis_file=kpis_file,
            projects={pid: project for pid, (_, project) in projects.items()},
            review=review,
        )
        if check_digests and review_source is not None:
            from .period_lock import digest_findings

            findings.extend(digest_findings(review_source, review, workspace))
        if result.ok:
            result.workspace = workspace
    return result


def load_workspace(data_dir: Path) -> Workspace:
    """The validated workspace, or DataError with every finding. For commands that need valid data."""
    result = validate_workspace(data_dir)
    if result.workspace is None:
        raise DataError(result.errors or [Finding(data_dir, Said("cli.check.invalid_data"))])
    return result.workspace


def workspace_files_validator(data_dir: Path) -> Callable[[dict[Path, str]], list[Finding]]:
    """A validator for an edit of several files: the whole workspace, with their new texts in place."""
    return lambda overrides: validate_workspace(data_dir, overrides).findings


def workspace_validator(data_dir: Path, check_digests: bool = True) -> Callable[[Path, str], list[Finding]]:
    """A validator for the edit path: the whole workspace, with one file's new text in place."""

    def check(path: Path, new_text: str) -> list[Finding]:
        return validate_workspace(data_dir, {path.resolve(): new_text}, check_digests).findings

    return check
