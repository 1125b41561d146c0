"""What the list, show and status commands share: how a table shows a bilingual text and a
status, the console tables print to, and JSON output."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..characters import json_safe, visible
from ..overview import PROJECT_STATUS_SYMBOLS
from ..status import STATUS_SYMBOLS, Status
from .output import echo

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from ..models.common import DraftText, Text
    from ..report.environment import Messages


def text_in(text: Text | DraftText | None, lang: str, empty: str = "–") -> str:
    """A bilingual text in `lang`; a text whose English awaits translation shows its Finnish."""
    if text is None:
        return empty
    return getattr(text, lang) or text.fi


@cache
def _catalogue(roots: tuple[Path, ...]) -> Messages:
    from ..report.environment import load_messages

    return load_messages(list(roots))


class Words:
    """The words a command prints on screen, in the language of --lang: the reports' own
    catalogue (templates/messages/<lang>.yaml, the data's project first), its `screen` section
    for the words only the terminal needs. Symbols stay beside the status words, as in reports."""

    def __init__(self, data_dir: Path | None, lang: str) -> None:
        from ..report.environment import template_roots

        self.messages = _catalogue(tuple(template_roots(data_dir)))
        self.lang = lang

    def __call__(self, key: str, **values: Any) -> str:
        return self.messages.get(key, self.lang, **values)

    def kpi_status(self, status: Status) -> str:
        return f"{STATUS_SYMBOLS[status]} {_lower_first(self(f'status.{status}'))}"

    def project_status(self, status: str) -> str:
        return f"{PROJECT_STATUS_SYMBOLS[status]} {_lower_first(self(f'project_status.{status}'))}"

    def phase_status(self, status: str) -> str:
        return _lower_first(self(f"project_status.{status}"))

    def unit(self, unit: str) -> str:
        return self(f"screen.unit_name.{unit}")

    def card_fields(self, fields: Sequence[str]) -> str:
        return ", ".join(self(f"screen.card_field.{name}") for name in fields) or "–"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def id_and_name(item_id: str, name: str, width: int) -> str:
    """An id over its name, the name wrapped at whole words to `width` (the longest id of the
    table) or to a quarter of the terminal if that is wider, for a first column that is never
    wrapped or shortened by the table."""
    import textwrap

    wrap_at = max(width, console().width // 4)
    return "\n".join([item_id, *textwrap.wrap(name, width=wrap_at, break_long_words=False)])


Kind = Literal["token", "text", "count"]


def screen_table(title: str | None, columns: Sequence[tuple[str, Kind] | tuple[str, Kind, int]], show_header: bool = True) -> Table:
    """A table for the terminal that never breaks an id, a number, a period or a date in the
    middle: a "token" column holds one of them per line and is never wrapped, a "text" column
    wraps at whole words and shortens a word longer than the column, a "count" is right-aligned.
    A third item gives a text column its least width: the longest id it starts with.
    Columns are one space apart, to leave the width to the content at 80 columns."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 0), show_edge=False, show_header=show_header,
    )
    for heading, kind, *least in columns:
        if kind == "text":
            table.add_column(heading, overflow="ellipsis", min_width=least[0] if least else None)
        else:
            table.add_column(heading, no_wrap=True, overflow="ellipsis", justify="right" if kind == "count" else "left")
    return table


def console() -> Console:
    from rich.console import Console

    class KemiConsole(Console):
        def render_str(self, text: str, **options: Any) -> Any:
            return super().render_str(visible(text), **options)

        def on_broken_pipe(self) -> None:
            # rich would exit 1; kemi's app treats a reader that has gone as the end of the output.
            raise BrokenPipeError

    # No markup and no emoji codes: ids in brackets and names from the data (":smile:" too) are
    # printed as they are.
    return KemiConsole(highlight=False, soft_wrap=False, markup=False, emoji=False)


def print_json(document: Any) -> None:
    echo(json_safe(json.dumps(document, ensure_ascii=False, indent=2)))
