"""The errors kemi raises. The core raises them; only the CLI turns them into messages and exit codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

from .wording import Said, words_in

Severity = Literal["error", "warning"]


def display_path(path: Path | str) -> str:
    """A path as the user should read it: relative to the working folder when it is below it."""
    path = Path(path)
    try:
        # The folder resolved, the name as it is: a link is named, not what it points to (a lock
        # that is a link to kpis.yaml, a link in a loop).
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)


@dataclass(frozen=True)
class Finding:
    """One problem in the data, located as precisely as the data allows. Given as a Said, its
    message is its English (for JSON, logs and programs) and `said` puts it into other words."""

    path: Path
    message: str | Said
    severity: Severity = "error"
    line: int | None = None
    column: int | None = None
    said: Said | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        _keep_said(self)

    def __str__(self) -> str:
        return self.in_lang("en")

    @property
    def sentence(self) -> Said | str:
        """What the finding says, still to be put into words (its Said), or its text."""
        return self.said or self.message

    def in_lang(self, lang: str) -> str:
        """The finding as one line in `lang`. The location prefix (`file:line:col`) is the same
        in every language; --lang en gives the `file:line:col: error:` that editors read."""
        return f"{self.location()}: {words_in(Said(f'cli.severity.{self.severity}'), lang)}: {words_in(self.sentence, lang)}"

    def location(self) -> str:
        """Where the problem is: `file:line:col`, as precisely as known."""
        where = display_path(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def as_dict(self) -> dict[str, object]:
        return {
            "file": display_path(self.path),
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }


class LocatedLater(Finding):
    """A finding whose line and column are looked up when first read: most findings of a
    valid workspace (data gaps) are never shown by the command that finds them."""

    def __init__(self, path: Path, message: str | Said, severity: Severity, locate: Callable[[], tuple[int | None, int | None]]) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "said", None)
        object.__setattr__(self, "severity", severity)
        object.__setattr__(self, "_locate", locate)
        _keep_said(self)

    @cached_property
    def _position(self) -> tuple[int | None, int | None]:
        return self._locate()  # type: ignore[attr-defined]

    @property
    def line(self) -> int | None:
        return self._position[0]

    @property
    def column(self) -> int | None:
        return self._position[1]


def _keep_said(finding: Finding) -> None:
    """A message given as a Said becomes its English text, the Said kept beside it."""
    if isinstance(finding.message, Said):
        object.__setattr__(finding, "said", finding.message)
        object.__setattr__(finding, "message", str(finding.message))


class KemiError(Exception):
    """A problem the user can fix. The CLI prints it as one line and exits with `exit_code`.
    Its message is a Said where the user meets it in everyday work, put into words in the
    language of the command line; `str()` is its English."""

    exit_code = 1

    def __init__(self, message: str | Said, *, finding: Finding | None = None) -> None:
        super().__init__(message)
        self.said = message if isinstance(message, Said) else None
        self.message = str(message)
        self.finding = finding

    def __str__(self) -> str:
        return self.in_lang("en")

    @property
    def sentence(self) -> Said | str:
        """What the error says, still to be put into words in a reader's language (its Said), or its
        text where it has no Said: for a finding or a message that quotes it."""
        return self.said or self.message

    def in_lang(self, lang: str) -> str:
        return self.finding.in_lang(lang) if self.finding else words_in(self.sentence, lang)


class UsageError(KemiError):
    """A command-line argument is wrong (unknown id, bad value, bad option combination)."""

    exit_code = 2


class DataError(KemiError):
    """The data files are invalid; carries every finding so that all are reported at once."""

    def __init__(self, findings: list[Finding]) -> None:
        errors = [f for f in findings if f.severity == "error"]
        first = str(errors[0]) if errors else "invalid data"
        super().__init__(first)
        self.findings = findings


class EditConflict(KemiError):
    """A data file changed under kemi's feet, or its lock could not be had."""
