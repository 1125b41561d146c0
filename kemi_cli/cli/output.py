"""Where command output goes, and how much of it.

Results (tables, JSON, documents, the summary of `kemi validate`) go to stdout always.
Confirmations of what a command did ("recorded …", "wrote …") go to stdout unless --quiet.
Findings and errors go to stderr, so that --json stays parseable; warnings are dropped by --quiet.
Details (which data folder, every file written, how long it took) go to stderr with --verbose.
Every line shows a control character from the data as its escape (characters.visible): text
from the data never drives the terminal.
"""

from __future__ import annotations

import sys
from typing import Literal

from ..characters import visible

Verbosity = Literal["quiet", "normal", "verbose"]
_verbosity: Verbosity = "normal"


def reset_verbosity() -> None:
    global _verbosity
    _verbosity = "normal"


def choose_verbosity(quiet: bool, verbose: bool) -> bool:
    """Ask for --quiet and/or --verbose on top of what was asked before in the same command line;
    True when this makes kemi verbose. ValueError when the two would both be in force."""
    global _verbosity
    if (quiet and (verbose or _verbosity == "verbose")) or (verbose and _verbosity == "quiet"):
        raise ValueError("give --quiet or --verbose, not both")
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


def info(text: str) -> None:
    """What a command did; --quiet drops it."""
    if not is_quiet():
        sys.stdout.write(visible(text) + "\n")


def info_err(text: str) -> None:
    """What a command did, on stderr where stdout carries the result; --quiet drops it."""
    if not is_quiet():
        sys.stderr.write(visible(text) + "\n")


def echo_err(text: str) -> None:
    sys.stderr.write(visible(text) + "\n")


def detail(text: str) -> None:
    """How a command went about it; printed only with --verbose."""
    if is_verbose():
        sys.stderr.write(f"kemi: {visible(text)}\n")
