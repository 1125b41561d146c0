"""Characters that change the meaning of the text around them, and how kemi keeps them from it.

A person's text reaches YAML files (values, and the comments at the top of a new card), the
terminal and published documents. Control characters, line separators and lone surrogates are
refused where a person types them; in data written by hand they are shown visibly on the
terminal, never sent to it; bidirectional overrides in a document are isolated so that they
cannot reorder the words around the text.
"""

from __future__ import annotations

import re

from .wording import Said

# C0 controls except tab and newline, DEL and the C1 controls (ESC, CSI U+009B, NEL U+0085).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What YAML readers (and many editors) take as the end of a line, besides "\n".
_LINE_BREAK = re.compile("[\r\x85\u2028\u2029]")
# Halves of a UTF-16 pair on their own: from a byte that was not UTF-8 (`$'\xff'` reaches Python
# as U+DCFF) or a "\uD800" escape in YAML. They cannot be written as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Explicit directional formatting: embeddings, overrides, isolates and marks.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def unwritable_character(text: str, multiline: bool = False) -> Said | None:
    """Why `text` typed by a person cannot be written into kemi's data, or None: a lone
    surrogate, a control character, or a line break other than a newline (none at all in a
    one-line text such as a name, which kemi also writes into a card's header comment)."""
    if _SURROGATE.search(text):
        return Said("cli.text.not_utf8")
    # A line break other than a newline ends a line for YAML readers but not for the person who
    # typed it: a name with U+2028 would end a card's header comment and begin a key.
    found = _CONTROL.search(text) or _LINE_BREAK.search(text) or (None if multiline else re.search("\n", text))
    if found:
        return Said("cli.text.control_character" if multiline else "cli.text.control_character_one_line", character=repr(found.group()))
    return None


def first_surrogate(data: object, where: tuple[str | int, ...] = ()) -> tuple[str | int, ...] | None:
    """Where in plain YAML data the first text holding a lone surrogate is, or None."""
    if isinstance(data, str):
        return where if _SURROGATE.search(data) else None
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in children:
        found = first_surrogate(key, where) if isinstance(key, str) else None
        found = found or first_surrogate(value, (*where, key if isinstance(key, int) and isinstance(data, list) else str(key)))
        if found is not None:
            return found
    return None


def visible(text: str) -> str:
    """`text` for a terminal: each control character as its escape (`\\x1b`), so that data can
    neither move the cursor, recolour the screen nor pose as kemi's own output."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def json_safe(text: str) -> str:
    """JSON text with the characters that JSON leaves raw but a terminal acts on (DEL, the C1
    controls, the line separators) written as \\u escapes: the same JSON value."""
    return re.sub("[\x7f-\x9f\u2028\u2029]", lambda found: f"\\u{ord(found.group()):04x}", text)


def isolated(text: str) -> str:
    """`text` inside a first-strong isolate when it holds directional formatting characters: an
    unclosed right-to-left override then ends with the text instead of reversing what follows
    it in the sentence, the heading or the table (as HTML's <bdi> does, in every format)."""
    if _BIDI.search(text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    return text
