"""Texts awaiting their English, out to a translator's workbook and back (translation_forms).

Commentary and project updates are written in Finnish first; their English may follow. Every
current text without its English goes out with its Finnish, keyed by what it is
(`kpi:asukkaat:2026H1`, `project:uimahalli:2026H1`). The English read back is recorded into the
very entry, beside its Finnish, all or nothing: a text replaced since the workbook was written,
or a Finnish that is no longer the data's, is refused at its cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .edit import edit_files, is_current_entry, put_key
from .errors import DataError, UsageError
from .load import card_path
from .periods import Period
from .project_edit import update_text
from .review import review_path
from .review_requests import workspace_mark
from .sheets.form_reading import CellFinding, read_form, sheet_keys
from .translation_forms import GivenTranslation, TextToTranslate, given_translations, translation_form
from .wording import Said

if TYPE_CHECKING:
    from .models.common import DraftText
    from .models.workspace import Workspace
    from .report.environment import Messages
    from .sheets.forms import Form

TRANSLATION_KIND = "kemi-translations"


@dataclass(frozen=True)
class Draft:
    """A current text of the data, Finnish first: where it is, and what it says."""

    key: str
    kind: str  # kpi, goal, sector (commentary) or project (an update)
    item_id: str
    period: str
    text: DraftText


def drafts(workspace: Workspace) -> list[Draft]:
    """Every current commentary text and project update text, in the order of the data."""
    found = [
        Draft(f"{c.subject}:{c.id}:{c.period}", c.subject, c.id, str(c.period), c.text)
        for c in workspace.review.commentary
        if c.is_current
    ]
    for project_id, project in workspace.projects.items():
        found += [
            Draft(f"project:{project_id}:{u.period}", "project", project_id, str(u.period), u.text)
            for u in project.updates
            if u.is_current and u.text is not None
        ]
    return found


def texts_awaiting(workspace: Workspace) -> list[TextToTranslate]:
    return [_to_translate(workspace, draft) for draft in drafts(workspace) if draft.text.awaits_translation]


def _to_translate(workspace: Workspace, draft: Draft) -> TextToTranslate:
    return TextToTranslate(draft.key, f"{_name(workspace, draft)}, {draft.period}", draft.text.fi, draft.text.en)


def _name(workspace: Workspace, draft: Draft) -> str:
    """The Finnish name of what a text is about, for the translator."""
    finders: dict[str, Callable[[str], Any]] = {
        "kpi": workspace.kpi,
        "goal": lambda i: workspace.goal(i) or workspace.objective(i),
        "sector": workspace.sector,
        "project": workspace.projects.get,
    }
    item = finders[draft.kind](draft.item_id)
    return item.name.fi if item is not None else draft.item_id


def stamp(workspace: Workspace) -> tuple[tuple[str, str], ...]:
    return (("workspace", workspace_mark(workspace)),)


def export_form(workspace: Workspace, messages: Messages) -> Form:
    return translation_form(TRANSLATION_KIND, stamp(workspace), texts_awaiting(workspace), messages)


def read_translations(workspace: Workspace, path: Path, messages: Messages) -> list[GivenTranslation]:
    """The English given in a returned translation workbook; DataError naming each bad cell.

    The form expected holds the rows the workbook holds that are still texts of the data (so
    that a text translated elsewhere meanwhile is no reason to refuse the rest); a row whose
    text was replaced or removed since is refused as not a row of the form."""
    by_key = {draft.key: draft for draft in drafts(workspace)}
    listed = [key for key in sheet_keys(path, messages.get("translation.sheet", "fi")) if key in by_key]
    texts = [_to_translate(workspace, by_key[key]) for key in dict.fromkeys(listed)]
    reading = read_form(path, translation_form(TRANSLATION_KIND, stamp(workspace), texts, messages))
    given = given_translations(reading) if reading.ok else []
    if not reading.ok:
        raise DataError(list(reading.findings))
    return given


def record_translations(
    data_dir: Path, workspace: Workspace, path: Path, given: Sequence[GivenTranslation], replace: bool,
    validate: Callable[[dict[Path, str]], list[Any]],
) -> tuple[int, int]:
    """Put each English beside its Finnish, in review.yaml and the project cards, all or nothing.
    Returns (recorded, found recorded already)."""
    by_key = {draft.key: draft for draft in drafts(workspace)}
    counts = [0, 0]
    conflicts: list[CellFinding] = []
    by_file: dict[Path, list[GivenTranslation]] = {}
    for translation in given:
        draft = by_key[translation.key]
        target = card_path(data_dir, draft.item_id) if draft.kind == "project" else review_path(data_dir)
        by_file.setdefault(target, []).append(translation)
    changes = {target: _file_change(items, by_key, path, replace, counts, conflicts) for target, items in by_file.items()}

    def checked(overrides: dict[Path, str]) -> list[Any]:
        if conflicts:
            raise DataError(list(conflicts))
        return validate(overrides)

    edit_files(changes, checked)
    if conflicts:
        raise DataError(list(conflicts))
    return counts[0], counts[1]


def _file_change(
    given: list[GivenTranslation], by_key: dict[str, Draft], path: Path, replace: bool,
    counts: list[int], conflicts: list[CellFinding],
) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        for translation in given:
            draft = by_key[translation.key]
            try:
                changed = _put_english(document, draft, translation.english, replace)
            except UsageError as error:
                conflicts.append(CellFinding(path, error.sentence, cell=translation.cell))
                continue
            counts[0 if changed else 1] += 1

    return change


def _put_english(document: Any, draft: Draft, english: str, replace: bool) -> bool:
    """Set the English of the current entry `draft` names; False when it says so already."""
    entries = document.get("updates" if draft.kind == "project" else "commentary") or []
    entry = next(e for e in entries if _is_entry(e, draft))
    text = entry["text"]
    if text.get("en") == english:
        return False
    if text.get("en") is not None and not replace:
        raise UsageError(Said("cli.translations.has_english", key=draft.key, english=text.get("en")))
    if draft.kind == "project":
        entry["text"] = update_text({"fi": str(text["fi"]), "en": english})
    else:
        put_key(text, "en", english, after=("fi",))
    return True


def _is_entry(entry: Any, draft: Draft) -> bool:
    if not is_current_entry(entry) or str(entry.get("period")) != draft.period:
        return False
    return draft.kind == "project" or (entry.get("subject") == draft.kind and entry.get("id") == draft.item_id)


def periods_of(given: Sequence[GivenTranslation], workspace: Workspace) -> set[Period]:
    """The periods the translations are for: a closed one is locked."""
    by_key = {draft.key: draft for draft in drafts(workspace)}
    return {Period.parse(by_key[t.key].period) for t in given}
