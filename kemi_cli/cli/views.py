"""What the list, show and status commands share: how a table shows a bilingual text and a
status, the console tables print to, and JSON output."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..characters import json_safe, visible
from ..overview import PROJECT_STATUS_SYMBOLS
from ..status import STATUS_SYMBOLS, Status
from .output import echo

if TYPE_CHECKING:
    from rich.console import Console

    from ..models.common import Text


def text_in(text: Text | None, lang: str, empty: str = "–") -> str:
    return getattr(text, lang) if text is not None else empty


def kpi_status_cell(status: Status) -> str:
    return f"{STATUS_SYMBOLS[status]} {status.replace('_', ' ')}"


def project_status_cell(status: str) -> str:
    return f"{PROJECT_STATUS_SYMBOLS[status]} {status}"


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
