"""Changes to project cards: a new card from the commented template, and period updates.

Pure functions: each takes the round-trip document of a card (or the facts of a new one) and
changes or returns it; `kemi project new/update` hand them to the one edit path (kemi_cli.edit),
which locks, validates the whole workspace and writes atomically.

A period update is appended to `updates`; a second update for the same period replaces the
first only when asked to, and the first stays in the list as history (`replaced_at`,
`replaced_by`). The card itself shows the project's current state: an update for the latest
reported period also sets the card's `status` and the status of the phases it names.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .arguments import suggest
from .edit import append_replacing, current_entries, history_list, is_current_entry, put_key
from .errors import UsageError
from .load import PROJECTS_DIR
from .models.common import is_slug
from .numbers import NotANumber, parse_number
from .periods import Period
from .wording import Said

TEMPLATE_RESOURCE = "project.yaml.tmpl"
# The card keys the top-level `status` goes after when a card does not have it yet.
STATUS_AFTER = ("goals", "sectors", "description", "name")
# What Python's float() reads as an infinite or undefined number.
NON_FINITE_WORDS = ("nan", "inf", "infinity")


# ---------------------------------------------------------------- checking arguments


def check_project_id(project_id: str) -> str:
    """The id of a new card, refused unless it is a slug that names a file inside projects/."""
    if "\x00" in project_id:
        raise UsageError(Said("cli.project_id_nul"))
    if "/" in project_id or "\\" in project_id or project_id in (".", "..") or project_id.startswith("."):
        raise UsageError(Said("cli.project_id_leaves", id=project_id, folder=PROJECTS_DIR))
    if not is_slug(project_id):
        raise UsageError(Said("cli.project_id_invalid", id=project_id))
    return project_id


def parse_progress(raw: str) -> int | float:
    """Per cent complete from the command line: a number from 0 to 100 (`45`, `45.5`, `45,5`),
    read as `kemi kpi set` reads values (numbers.parse_number)."""
    out_of_range = UsageError(Said("cli.progress_out_of_range", text=raw))
    try:
        value = parse_number(raw)
    except NotANumber as error:
        if raw.strip().lstrip("+-").casefold() in NON_FINITE_WORDS:
            raise out_of_range from None  # said as for -1 or 150: a value, but none from 0 to 100
        raise UsageError(Said("cli.progress_not_a_number", problem=error.args[0])) from None
    if not 0 <= value <= 100:
        raise out_of_range
    return value


# ---------------------------------------------------------------- a new card


@dataclass(frozen=True)
class NewCard:
    project_id: str
    name_fi: str
    name_en: str
    sectors: list[str]
    goals: list[str] = field(default_factory=list)
    owner: str | None = None


@lru_cache(maxsize=1)
def card_template() -> Template:
    text = resources.files("kemi_cli.templates_data").joinpath(TEMPLATE_RESOURCE).read_text(encoding="utf-8")
    return Template(text)


def _yaml_string(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: safe for any character a name holds.
    return json.dumps(text, ensure_ascii=False)


def _yaml_ids(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


SCHEMA_LINE_PREFIX = "# yaml-language-server:"


def sibling_schema_line(projects_dir: Path) -> str | None:
    """The editor's schema line of the existing cards (their first line), for a new card to
    carry the same: where the schemas live differs between data folders."""
    for path in sorted(projects_dir.glob("*.yaml")):
        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            first = handle.readline().rstrip("\r\n")
        if first.startswith(SCHEMA_LINE_PREFIX):
            return first
    return None


def new_card_text(card: NewCard, schema_line: str | None = None) -> str:
    """The text of a new card: the commented template filled with the card's facts."""
    owner_line = (
        f"owner: {_yaml_string(card.owner)}                # Vastuu\n" if card.owner else "# owner: ...                  # Vastuu\n"
    )
    header = f"{schema_line}\n" if schema_line else ""
    return header + card_template().substitute(
        id=card.project_id,
        name_fi=card.name_fi,
        name_en=card.name_en,
        name_fi_yaml=_yaml_string(card.name_fi),
        name_en_yaml=_yaml_string(card.name_en),
        sectors=_yaml_ids(card.sectors),
        goals=_yaml_ids(card.goals),
        owner_line=owner_line,
    )


# ---------------------------------------------------------------- a period update


@dataclass(frozen=True)
class UpdateRequest:
    """What `kemi project update` records for one period."""

    period: Period
    recorded_at: dt.date | dt.datetime
    recorded_by: str | None = None
    status: str | None = None
    progress: int | float | None = None
    text: dict[str, str] | None = None
    phases: list[tuple[str, str]] = field(default_factory=list)  # (phase name as given, status)

    @property
    def is_empty(self) -> bool:
        return self.status is None and self.progress is None and self.text is None and not self.phases


def _period_of(entry: Any) -> Period | None:
    try:
        period = entry.get("period") if isinstance(entry, dict) else None
        return Period.parse(period) if isinstance(period, str | int) else None
    except UsageError:
        return None  # a broken entry is validation's to report, not ours to match


def _flow_text(text: dict[str, str]) -> CommentedMap:
    pair = CommentedMap(text)
    pair.fa.set_flow_style()
    return pair


# Texts longer than this are written as block scalars wrapped at TEXT_WIDTH, so that a card
# stays readable and a later change shows in `git diff` as the lines it touched.
SHORT_TEXT = 60
TEXT_WIDTH = 72


def update_text(text: dict[str, str]) -> CommentedMap:
    """An update's {fi, en} text: one flow line when short, else each language as a block."""
    if all(len(t) <= SHORT_TEXT and "\n" not in t for t in text.values()):
        return _flow_text(text)
    return CommentedMap((lang, readable_block(t) if len(t) > SHORT_TEXT or "\n" in t else t) for lang, t in text.items())


def readable_block(text: str, width: int = TEXT_WIDTH) -> Any:
    """A long text as a YAML block scalar that reads back as exactly `text`: a literal block
    (`|-`) keeps its own line breaks; one paragraph is folded (`>-`) at spaces, within `width`."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if "\n" in text:
        return LiteralScalarString(text)
    # A fold stands for one space: a text with runs of spaces or other whitespace keeps its line.
    if "  " in text or any(c.isspace() and c != " " for c in text) or text != text.strip():
        return text
    folded = FoldedScalarString(text)
    folded.fold_pos = _fold_positions(text, width)
    return folded


def _fold_positions(text: str, width: int) -> list[int]:
    """The indices of the spaces to break at, so that no line is longer than `width` where a
    word allows."""
    positions: list[int] = []
    line_start = 0
    last_space = None
    for index, char in enumerate(text):
        if char == " ":
            if index - line_start > width and last_space is not None:
                positions.append(last_space)
                line_start = last_space + 1
            last_space = index
    if len(text) - line_start > width and last_space is not None and last_space >= line_start:
        positions.append(last_space)
    return positions


def find_phase(document: CommentedMap, name: str) -> CommentedMap:
    """The card's phase whose Finnish or English name is `name` (case and spacing ignored)."""
    phases = document.get("phases") or []
    wanted = " ".join(name.split()).casefold()
    names: list[str] = []
    for phase in phases:
        phase_name = phase.get("name") if isinstance(phase, dict) else None
        if not isinstance(phase_name, dict):
            continue
        candidates = [str(phase_name.get(lang, "")) for lang in ("fi", "en")]
        names += candidates
        if wanted in (" ".join(c.split()).casefold() for c in candidates):
            return phase
    project_id = document.get("id")
    if not names:
        raise UsageError(Said("cli.no_phases", name=name, id=project_id))
    raise UsageError(Said("cli.no_such_phase", name=name, id=project_id, suggestion=suggest(name, names)))


def add_update(document: CommentedMap, request: UpdateRequest, replace: bool = False) -> bool:
    """Append `request` as a period update of the card in `document` (a round-trip mapping).

    A current update for the same period is refused unless `replace`; with it, the old entry is
    marked replaced and kept. When the period is the latest one reported, the card's status and
    the named phases' statuses are set too, so that the card reads as the project stands now.
    An update that says exactly what the current one says is left as it is (returns False), as
    `kemi kpi set` leaves a value recorded already: a workbook collected twice changes nothing.
    """
    project_id = document.get("id")
    updates = history_list(document, "updates", f"project '{project_id}'")
    phases = [(find_phase(document, name), status) for name, status in request.phases]

    same_period = current_entries(updates, request.period)
    if same_period and _says_the_same(same_period[-1], request, phases):
        return False
    if same_period and not replace:
        raise UsageError(Said("cli.update_exists", id=project_id, period=request.period))

    entry = CommentedMap()
    entry["period"] = str(request.period)
    if request.status is not None:
        entry["status"] = request.status
    if request.progress is not None:
        entry["progress"] = request.progress
    if request.text is not None:
        entry["text"] = update_text(request.text)
    if phases:
        entry["phases"] = CommentedSeq(
            CommentedMap([("phase", _flow_text(dict(phase["name"]))), ("status", status)]) for phase, status in phases
        )
    entry["recorded_at"] = request.recorded_at
    if request.recorded_by:
        entry["recorded_by"] = request.recorded_by
    append_replacing(updates, entry, same_period, request.recorded_at, request.recorded_by)

    if _is_latest(updates, request.period):
        if request.status is not None:
            put_key(document, "status", request.status, after=STATUS_AFTER)
        for phase, status in phases:
            put_key(phase, "status", status, after=("end", "start", "name"))
    return True


def _says_the_same(entry: Any, request: UpdateRequest, phases: list[tuple[Any, str]]) -> bool:
    text = entry.get("text")
    given_phases = sorted((str(phase["name"].get("fi")), status) for phase, status in phases)
    recorded_phases = sorted(
        (str(item["phase"].get("fi")), item.get("status")) for item in entry.get("phases") or [] if isinstance(item, dict)
    )
    return (
        given_phases == recorded_phases
        and entry.get("status") == request.status
        and entry.get("progress") == request.progress
        and (dict(text) if isinstance(text, dict) else text) == request.text
    )


def _is_latest(updates: list[Any], period: Period) -> bool:
    reported = [p for p in (_period_of(u) for u in updates if is_current_entry(u)) if p is not None]
    return all(p <= period for p in reported)
