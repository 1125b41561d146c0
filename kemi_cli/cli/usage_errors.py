"""The command line's own usage errors (an unknown command or option, a missing argument) in
the screen's language. typer words them in English; in English they are printed as typer prints
them, in another language the usage line, the hint and the error are said from the catalogue
(cli.usage). A message this module does not know keeps typer's English."""

from __future__ import annotations

import re
import sys
from typing import Any

from ..wording import SCREEN_LANGS, Said

# typer's English messages, each with the catalogue key that says it (cli.usage.<key>).
_MESSAGES = [
    (re.compile(r"^No such command '(?P<name>.+?)'\.(?: Did you mean (?P<maybe>.+)\?)?$"), "no_such_command"),
    (re.compile(r"^No such option: (?P<name>\S+)(?: \(Possible options: (?P<maybe>.+)\)| Did you mean (?P<one>\S+)\?)?$"), "no_such_option"),
    (re.compile(r"^Missing argument '(?P<name>.+?)'\.$"), "missing_argument"),
    (re.compile(r"^Missing option '(?P<name>.+?)'\.$"), "missing_option"),
    (re.compile(r"^Option '(?P<name>.+?)' requires an argument\.$"), "needs_value"),
    (re.compile(r"^Got unexpected extra argument\(s\) \((?P<name>.*)\)$"), "extra_arguments"),
    (re.compile(r"^Missing command\.$"), "missing_command"),
]


def usage_error_lines(error: Any, lang: str, argv: list[str]) -> list[str] | None:
    """What to print for typer's usage `error` in `lang`, or None to let typer print it. A
    --lang on the command line (`argv`) counts, though the line failed before it was read."""
    lang = lang_on_the_line(argv) or lang
    if lang == "en":
        return None
    said = _said(error.format_message())
    if said is None:
        return None
    lines = []
    ctx = error.ctx
    if ctx is not None:
        usage = ctx.get_usage().removeprefix("Usage:").strip()
        lines.append(Said("cli.usage.usage", usage=usage).in_lang(lang))
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(Said("cli.usage.help", command=f"{ctx.command_path} {ctx.help_option_names[0]}").in_lang(lang))
        lines.append("")
    lines.append(Said("cli.error", message=said).in_lang(lang))
    return lines


def lang_on_the_line(argv: list[str]) -> str | None:
    """The language a --lang on the command line names, read without click: the line may have
    failed before click read it."""
    for arg, following in zip(argv, [*argv[1:], None], strict=True):
        if arg == "--lang":
            given = following
        else:
            given = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if given in SCREEN_LANGS:
            return given
    return None


def _said(message: str) -> Said | None:
    for pattern, key in _MESSAGES:
        match = pattern.match(message)
        if match:
            found = match.groupdict()
            maybe = found.get("maybe") or found.get("one")
            return Said(f"cli.usage.{key}", name=found.get("name", ""), maybe=Said("cli.usage.maybe", names=maybe) if maybe else "")
    return None


def print_lines(lines: list[str]) -> None:
    sys.stderr.write("".join(f"{line}\n" for line in lines))
