"""`kemi cli-reference`: the CLI reference (docs/cli.md), generated from the commands themselves
so that it cannot drift from what `kemi … --help` says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import display_path
from ..wording import Said
from .app import app
from .output import echo, info

REFERENCE_FILE = "cli.md"
HELP_WIDTH = 100


def command_tree() -> typer.core.TyperGroup:
    return typer.main.get_command(app)  # type: ignore[return-value]


def walk_commands(command: Any = None, path: tuple[str, ...] = ("kemi",)) -> Iterator[tuple[tuple[str, ...], Any, Any]]:
    """(name path, command, its context) for the root and every visible command below it, in
    the order `kemi --help` lists them."""
    command = command or command_tree()
    contexts: dict[tuple[str, ...], typer.Context] = {}
    stack = [(path, command)]
    while stack:
        names, current = stack.pop(0)
        parent_ctx = contexts.get(names[:-1])
        ctx = typer.Context(current, info_name=names[-1], parent=parent_ctx, terminal_width=HELP_WIDTH, max_content_width=HELP_WIDTH)
        contexts[names] = ctx
        yield names, current, ctx
        if hasattr(current, "list_commands"):  # a group
            children = [(names + (name,), current.get_command(ctx, name)) for name in current.list_commands(ctx)]
            stack[0:0] = [(n, c) for n, c in children if c is not None and not c.hidden]


def cli_reference() -> str:
    sections = []
    contents = []
    for names, command, ctx in walk_commands():
        title = " ".join(names)
        anchor = title.replace(" ", "-")
        contents.append(f"{'  ' * (len(names) - 1)}- [`{title}`](#{anchor})")
        help_text = command.get_help(ctx).rstrip()
        sections.append(f'<a id="{anchor}"></a>\n\n## `{title}`\n\n```text\n{help_text}\n```\n')
    return (
        "# kemi command-line reference\n\n"
        "Generated from the commands by `kemi cli-reference -o docs`; a test fails when it is stale.\n"
        "Every command also prints this with `--help`. JSON output and exit codes: see the README.\n\n"
        + "\n".join(contents)
        + "\n\n"
        + "\n".join(sections)
    )


@app.command("cli-reference", hidden=True)
def cli_reference_command(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=f"Write {REFERENCE_FILE} into this folder instead of printing it; - prints it.", file_okay=False)
    ] = None,
) -> None:
    """Print or write the command-line reference (docs/cli.md), generated from the commands.

    Example: kemi cli-reference -o docs
    """
    from ..output_target import is_stdout

    text = cli_reference()
    if output is None or is_stdout(output):
        echo(text.rstrip("\n"))
        return
    from ..edit import write_output

    path = output / REFERENCE_FILE
    write_output(path, text)
    info(Said("cli.wrote", path=display_path(path)))
