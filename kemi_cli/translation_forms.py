"""The translation workbook: texts that await their English, each with its Finnish, laid out as a
form (`kemi_cli.sheets.forms`), and the English read back.

Which texts await English (commentary, project updates, new cards) is the caller's to say; each
comes with a key the caller can find it by again. Nothing here records anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .owner_forms import in_both_languages, instructions_title
from .sheets.form_reading import FormReading
from .sheets.forms import Column, Form, FormRow, FormSheet

if TYPE_CHECKING:
    from .report.environment import Messages

HEADER_LANG = "fi"
INSTRUCTIONS = ("fill", "return")


@dataclass(frozen=True)
class TextToTranslate:
    key: str  # the caller's own key, e.g. 'kpi:asukkaat:2026H1:note'
    where: str  # for the translator: what the text is, e.g. 'Asukkaiden määrä, 2026H1'
    finnish: str
    english: str | None = None  # an English already given, shown to be corrected


@dataclass(frozen=True)
class GivenTranslation:
    key: str
    english: str
    cell: str


def translation_form(kind: str, stamp: tuple[tuple[str, str], ...], texts: Sequence[TextToTranslate], messages: Messages) -> Form:
    def header(key: str) -> str:
        return messages.get(f"translation.{key}", HEADER_LANG)

    columns = (
        Column("key", header("id"), kind="key", hidden=True),
        Column("where", header("where"), width=30, multiline=True),
        Column("finnish", header("finnish"), width=60, multiline=True, unchanged=True),
        Column("english", header("english"), editable=True, width=60, multiline=True),
    )
    rows = tuple(FormRow({"key": t.key, "where": t.where, "finnish": t.finnish, "english": t.english}) for t in texts)
    return Form(
        kind=kind,
        stamp=stamp,
        instructions_title=instructions_title(messages),
        instructions=tuple(in_both_languages(messages, f"translation.{key}") for key in ("title", *INSTRUCTIONS)),
        sheets=(FormSheet(header("sheet"), columns, rows),),
    )


def given_translations(reading: FormReading) -> list[GivenTranslation]:
    """Every English given in a reading that has no findings; an empty cell gives nothing."""
    return [
        GivenTranslation(row.key, row.values["english"], row.cells["english"])
        for row in reading.rows
        if row.values.get("english") is not None
    ]
