"""Checks of what a person gives on the command line: a choice from a fixed set, an id the data
knows, a human text. Each returns the value it accepts or raises UsageError naming the option.

Kept light (no pydantic, no YAML): the CLI's option handling imports it at start-up, and the core
modules and the validator share `suggest` from here.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .characters import unwritable_character
from .errors import UsageError
from .wording import Said


def suggest(word: str, choices: Iterable[str]) -> Said | str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return Said("cli.did_you_mean", match=match[0]) if match else ""


def check_choice(value: str, choices: Sequence[str], option: str) -> str:
    """`value` of `option`, which must be one of the option's fixed `choices`."""
    if value not in choices:
        raise UsageError(Said("cli.not_one_of", option=option, value=value, choices=", ".join(choices), suggestion=suggest(value, choices)))
    return value


def unknown_id(kind: str, value: str, known: Sequence[str]) -> Said:
    """`value` is not an id of `kind` (a key of cli.kind: kpi, project, sector…), with the
    nearest known id."""
    return Said("cli.unknown_short", kind=Said(f"cli.kind.{kind}"), value=value, suggestion=suggest(value, known))


def check_known(kind: str, value: str, known: Sequence[str]) -> str:
    """An id given on the command line that must be one of `known` (the ids of that kind read
    from the data; `kind` a key of cli.kind). Worded apart from check_choice: the data, not the
    option, decides the ids, so they are listed too."""
    if value not in known:
        raise UsageError(
            Said("cli.unknown", kind=Said(f"cli.kind.{kind}"), value=value, suggestion=suggest(value, known), known=", ".join(known))
        )
    return value


def check_text(value: str, option: str | Said, multiline: bool = False) -> str:
    """A human text from the command line: not empty, no control characters (a name: one line)."""
    text = value.strip()
    if not text:
        raise UsageError(Said("cli.empty", option=option))
    problem = unwritable_character(text, multiline)
    if problem:
        raise UsageError(Said("cli.option_problem", option=option, problem=problem))
    return text


def text_pair(fi: str | None, en: str | None, option: str) -> dict[str, str] | None:
    """`{fi, en}` from a pair of options (`--text-fi`, `--text-en`). A text is written in Finnish
    first: without `--text-en` it is `{fi}` alone, its English awaiting translation."""
    if fi is None and en is None:
        return None
    if fi is None:
        raise UsageError(Said("cli.text.finnish_first", option=f"{option}-fi"))
    pair = {"fi": check_text(fi, f"{option}-fi", multiline=True)}
    if en is not None:
        pair["en"] = check_text(en, f"{option}-en", multiline=True)
    return pair


def format_for_output(given: str | None, output: Path | None, suffix_formats: Mapping[str, str], default: str) -> str:
    """The format a command writes: `--format` when given, else the one the output file's suffix
    names, else `default` (no file, `-`, or a name without a suffix). A suffix that names another
    format than `--format`, or that names no format kemi writes, is refused: a file named .xlsx
    that holds CSV text opens as garbage."""
    formats = list(dict.fromkeys(suffix_formats.values()))
    if given is not None:
        check_choice(given, formats, "--format")
    if output is None or str(output) == "-" or not output.suffix:
        return given or default
    suffix = output.suffix.lower()
    named = suffix_formats.get(suffix)
    if given is None and named is None:
        suffixes = list(suffix_formats)
        raise UsageError(
            Said("cli.output.unknown_suffix", output=output, suffix=output.suffix, suffixes=", ".join(suffixes[:-1]), last=suffixes[-1], formats="|".join(formats))
        )
    if given is not None and named is not None and named != given:
        raise UsageError(Said("cli.output.format_mismatch", format=given, output=output, named=named, renamed=f"{output.stem}.{given}"))
    return given or named  # type: ignore[return-value]
