"""Where command output goes, and how much of it.

Results (tables, JSON, documents, the summary of `kemi validate`) go to stdout always.
Confirmations of what a command did ("recorded …", "wrote …") go to stdout unless --quiet.
Findings and errors go to stderr, so that --json stays parseable; warnings are dropped by --quiet.
Details (which data folder, every file written, how long it took) go to stderr with --verbose.
Every line shows a control character from the data as its escape (characters.visible): text
from the data never drives the terminal.

Every sentence is in the screen's language: --lang wherever it is given on the command line,
else KEMI_LANG, else Finnish (screen_lang). A `Said` is put into words in it when printed.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Literal

from ..characters import visible
from ..errors import UsageError
from ..wording import SCREEN_LANGS, Said, words_in

if TYPE_CHECKING:
    from ..numbers import Lang

Verbosity = Literal["quiet", "normal", "verbose"]
_verbosity: Verbosity = "normal"
_lang: str | None = None  # from --lang on the command line; None: KEMI_LANG, else Finnish


def reset_verbosity() -> None:
    global _verbosity, _lang
    _verbosity = "normal"
    _lang = None


def choose_lang(lang: str) -> None:
    """--lang was given: the screen speaks it from now on (`both`, of a report, reads as Finnish;
    a language kemi does not speak is refused by the command in the language it had)."""
    global _lang
    if lang in SCREEN_LANGS or lang == "both":
        _lang = lang if lang in SCREEN_LANGS else "fi"


def lang_given() -> str | None:
    """The language --lang gave, before or after the command's name; None when not given."""
    return _lang


def lang_from_environment() -> Lang | None:
    """KEMI_LANG when it names a language kemi speaks (the root command refuses any other)."""
    from_environment = os.environ.get("KEMI_LANG", "")
    return "en" if from_environment == "en" else "fi" if from_environment == "fi" else None


def screen_lang() -> Lang:
    """The language of every line kemi prints: --lang, else KEMI_LANG, else Finnish."""
    return "en" if _lang == "en" else "fi" if _lang == "fi" else lang_from_environment() or "fi"


def said(key: str, **values: object) -> str:
    """The catalogue's sentence `key` (cli.…) with `values`, in the screen's language."""
    return Said(key, **values).in_lang(screen_lang())


def _words(text: str | Said) -> str:
    return visible(words_in(text, screen_lang()))


def choose_verbosity(quiet: bool, verbose: bool) -> bool:
    """Ask for --quiet and/or --verbose on top of what was asked before in the same command line;
    True when this makes kemi verbose. UsageError when the two would both be in force."""
    global _verbosity
    if (quiet and (verbose or _verbosity == "verbose")) or (verbose and _verbosity == "quiet"):
        raise UsageError(Said("cli.quiet_or_verbose"))
    wanted: Verbosity = "quiet" if quiet else "verbose" if verbose else _verbosity
    newly_verbose = wanted == "verbose" and _verbosity != "verbose"
    _verbosity = wanted
    return newly_verbose


def is_quiet() -> bool:
    return _verbosity == "quiet"


def is_verbose() -> bool:
    return _verbosity == "verbose"


def echo(text: str) -> None:
    """A result the user asked for."""
    sys.stdout.write(visible(text) + "\n")


def info(text: str | Said) -> None:
    """What a command did; --quiet drops it."""
    if not is_quiet():
        sys.stdout.write(_words(text) + "\n")


def info_err(text: str | Said) -> None:
    """What a command did, on stderr where stdout carries the result; --quiet drops it."""
    if not is_quiet():
        sys.stderr.write(_words(text) + "\n")


def echo_err(text: str | Said) -> None:
    sys.stderr.write(_words(text) + "\n")


def detail(text: str | Said) -> None:
    """How a command went about it; printed only with --verbose."""
    if is_verbose():
        sys.stderr.write(f"kemi: {_words(text)}\n")
