"""Where command output goes. Findings and errors go to stderr so that --json stays parseable."""

from __future__ import annotations

import sys


def echo(text: str) -> None:
    sys.stdout.write(text + "\n")


def echo_err(text: str) -> None:
    sys.stderr.write(text + "\n")
