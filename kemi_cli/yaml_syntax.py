"""Broken YAML explained in plain words, at the line where the person must act.

The parser's own messages are precise about what it expected, but in its terms ("expected
<block end>, but found '?'") and often at the line where it gave up rather than where the
mistake is: an unclosed quote is noticed many lines later. These functions recognise the common
mistakes in the text itself (git merge-conflict markers, tabs, unclosed quotes and brackets, bad
indentation, a missing colon, a duplicate key), say what is wrong and where, and keep the
parser's message after the explanation. Pure functions of the text and the parser's error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .wording import Said

_CONFLICT_START = re.compile(r"^<{7}(?: |$)")
_CONFLICT_MIDDLE = re.compile(r"^={7}$")
_CONFLICT_END = re.compile(r"^>{7}(?: |$)")
# A value that opens a quote: after `key: `, `- ` or at the start of a line.
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"{}\[\],][^#'"]*?:\s+)?(?P<quote>["'])""")


@dataclass(frozen=True)
class SyntaxProblem:
    """Where to act (1-based line and column) and what to do there."""

    line: int
    column: int
    message: Said  # put into words in the reader's language (catalogue keys cli.yaml.*)


def explain(text: str, error: Any, parses: Callable[[str], bool]) -> SyntaxProblem:
    """The plain-language problem for the parser's `error` on `text`. `parses(text)` tells
    whether another text parses, to confirm a guess about an unclosed quote by closing it."""
    parser_says = _parser_message(error)
    lines = text.split("\n")
    conflict = _conflict_markers(lines)
    if conflict is not None:
        first, last, more = conflict
        others = Said("cli.yaml.more_conflicts", count=more) if more else ""
        return SyntaxProblem(first, 1, Said("cli.yaml.conflict", first=first, last=last, others=others, parser=parser_says))
    problem = str(getattr(error, "problem", "") or "")
    context = str(getattr(error, "context", "") or "")
    at = _mark(getattr(error, "problem_mark", None)) or _mark(getattr(error, "context_mark", None)) or (1, 1)
    opened = _mark(getattr(error, "context_mark", None))

    if "'\\t'" in problem or "\t" in problem:
        return SyntaxProblem(*at, Said("cli.yaml.tab", parser=parser_says))
    if "found duplicate key" in problem:
        key = problem.split('"')[1] if '"' in problem else "?"
        first_line = _first_key_line(lines, key, at[0], opened[0] if opened else 1)
        where = Said("cli.yaml.first_on_line", line=first_line) if first_line else ""
        return SyntaxProblem(*at, Said("cli.yaml.duplicate_key", name=key, where=where))
    unclosed = _unclosed_quote(lines, at[0], parses)
    if unclosed is not None:
        line, column, quote = unclosed
        return SyntaxProblem(line, column, Said("cli.yaml.unclosed_quote", quote=quote, parser=parser_says))
    if "while parsing a flow" in context and opened is not None:
        bracket = "{" if "mapping" in context else "["
        closing = "}" if bracket == "{" else "]"
        return SyntaxProblem(*opened, Said("cli.yaml.unclosed_bracket", bracket=bracket, closing=closing, parser=parser_says))
    if "could not find expected ':'" in problem and opened is not None:
        written = lines[opened[0] - 1].strip()
        return SyntaxProblem(opened[0], opened[1], Said("cli.yaml.no_colon", text=_shorten(written), parser=parser_says))
    if problem.startswith("mapping values are not allowed"):
        return SyntaxProblem(*at, Said("cli.yaml.colon_in_value", parser=parser_says))
    if problem.startswith(("expected <block end>", "expected <block mapping start>")):
        line = at[0]
        indent = _indent(lines[line - 1]) if line <= len(lines) else 0
        before = _previous_content_line(lines, line)
        hint = Said("cli.yaml.line_before", line=before, indent=_indent(lines[before - 1])) if before else ""
        return SyntaxProblem(line, indent + 1, Said("cli.yaml.indentation", indent=indent, hint=hint, parser=parser_says))
    return SyntaxProblem(*at, Said("cli.yaml.other", parser=f"{problem or 'invalid YAML'}{' ' + context if context else ''}"))


def _parser_message(error: Any) -> str:
    problem = " ".join(str(getattr(error, "problem", "") or "invalid YAML").split())
    context = " ".join(str(getattr(error, "context", "") or "").split())
    return f"YAML syntax error: {problem}" + (f" {context}" if context else "")


def _mark(mark: Any) -> tuple[int, int] | None:
    return (mark.line + 1, mark.column + 1) if mark is not None else None


def _conflict_markers(lines: list[str]) -> tuple[int, int, int] | None:
    """(first line, last line, number of further conflicts) of git's conflict markers, or None."""
    starts = [n for n, line in enumerate(lines, start=1) if _CONFLICT_START.match(line)]
    if not starts:
        return None
    first = starts[0]
    last = next((n for n, line in enumerate(lines[first:], start=first + 1) if _CONFLICT_END.match(line)), None)
    if last is None:
        last = next((n for n, line in enumerate(lines[first:], start=first + 1) if _CONFLICT_MIDDLE.match(line)), first)
    return first, last, len(starts) - 1


def _unclosed_quote(lines: list[str], error_line: int, parses: Callable[[str], bool]) -> tuple[int, int, str] | None:
    """The first line at or before the parser's error whose quoted value is not closed on that
    line, confirmed by closing it there and seeing the whole text parse."""
    for number in range(1, min(error_line, len(lines)) + 1):
        line = lines[number - 1]
        match = _QUOTED_VALUE.match(line)
        if match is None or _closes(line, match.end(), match["quote"]):
            continue
        repaired = lines[: number - 1] + [line.rstrip() + match["quote"]] + lines[number:]
        if parses("\n".join(repaired)):
            return number, match.start("quote") + 1, match["quote"]
    return None


def _closes(line: str, start: int, quote: str) -> bool:
    """Whether a quoted text that begins at `start` ends on this line."""
    index = start
    while index < len(line):
        char = line[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and line[index + 1 : index + 2] == "'":  # '' is a quote inside '…'
                index += 2
                continue
            return True
        index += 1
    return False


def _first_key_line(lines: list[str], key: str, second: int, mapping_start: int) -> int | None:
    pattern = re.compile(rf"^\s*(?:-\s+)?{re.escape(key)}\s*:")
    return next((n for n in range(mapping_start, second) if pattern.match(lines[n - 1])), None)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous_content_line(lines: list[str], line: int) -> int | None:
    for number in range(line - 1, 0, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
