"""Find and read the data files: YAML text → plain Python data, with positions kept for messages.

Reading uses the safe loader, which is several times faster than the round-trip one; the
position of a node (line, column) is found only when a message needs it, from a second,
cheap composition of the same text.

When ruamel.yaml's C extension (ruamel.yaml.clib) is installed, libyaml scans and parses and
Python composes and constructs, about three times faster. Any text that this fast path does not
accept is read again by the pure-Python loader, so every refusal (unsafe tags, aliases, duplicate
keys, syntax errors, nesting too deep) and its message are exactly the pure loader's, and text
that libyaml's YAML 1.1 parser rejects but YAML 1.2 allows is still read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver

try:
    from _ruamel_yaml import CParser  # ruamel.yaml.clib: libyaml's scanner and parser
except ImportError:  # pragma: no cover - the pure loader alone is correct, only slower
    CParser = None

from .errors import Finding

STRATEGY_FILE = "strategy.yaml"
KPIS_FILE = "kpis.yaml"
PROJECTS_DIR = "projects"
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILE_BYTES_ENV = "KEMI_MAX_FILE_BYTES"

Loc = Sequence[str | int]


# The tags of plain data. Any other tag (a language's own such as !!python/object, a local !tag,
# or the YAML types !!binary, !!set, !!omap, !!pairs) would either run code in a careless loader
# or become a value that pydantic quietly coerces into text; the merge key `<<` copies keys in
# from elsewhere. kemi's files need none of them.
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


class PlainDataRefusal(MarkedYAMLError):
    """YAML that is well-formed but not plain data (an alias, a tag, a merge key)."""


class _NoAliasComposer(Composer):
    """Refuses YAML aliases: kemi's files never need them, and an alias bomb would make
    every later walk over the data explode in time and memory. Refuses every tag but those of
    plain data (PLAIN_TAGS), before anything is constructed."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            raise PlainDataRefusal(
                problem="YAML aliases (*name) are not allowed in kemi data files; write the value out",
                problem_mark=event.start_mark,
            )
        node = super().compose_node(parent, index)
        tag = str(node.tag)
        if tag not in PLAIN_TAGS:
            problem = (
                "merge keys (<<) are not allowed in kemi data files; write the keys out"
                if tag == "tag:yaml.org,2002:merge"
                else f"the tag '{tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed: kemi data files hold plain values only"
            )
            raise PlainDataRefusal(problem=problem, problem_mark=node.start_mark)
        return node


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.Composer = _NoAliasComposer
    return yaml


class _CLoader:
    """libyaml's scanner and parser (a state machine: no C recursion, whatever the nesting)
    under ruamel.yaml's own composer, resolver and safe constructor, so that the data is the
    pure loader's. Used only for text it accepts; see parse_yaml."""

    def __init__(self, text: str) -> None:
        self._parser = CParser(text)
        self.max_depth = 0
        self._resolver = VersionedResolver(loadumper=self)
        self._composer = _NoAliasComposer(loader=self)
        self._constructor = SafeConstructor(loader=self)

    def compose(self) -> Node | None:
        return self._composer.get_single_node()  # type: ignore[no-any-return]

    def load(self) -> Any:
        return self._constructor.get_single_data()


# Whatever the fast path refuses, the pure loader reads again and explains in its own words.
_FAST_PATH_REFUSALS = (YAMLError, ValueError, TypeError, RecursionError)


def _fast(read: Callable[[_CLoader], Any], text: str) -> tuple[bool, Any]:
    # libyaml takes a tab after "key:" as a separator; the pure loader refuses it (and kemi says
    # so): text with a tab anywhere goes to the pure loader.
    if CParser is None or "\t" in text:
        return False, None
    try:
        return True, read(_CLoader(text))
    except _FAST_PATH_REFUSALS:
        return False, None


def compose_yaml(text: str) -> Node | None:
    """The node tree of valid YAML text, for positions."""
    done, node = _fast(_CLoader.compose, text)
    return node if done else _safe_yaml().compose(text)


def max_file_bytes() -> int:
    raw = os.environ.get(MAX_FILE_BYTES_ENV, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_MAX_FILE_BYTES


class LoadFailed(Exception):
    """A file could not be read or parsed; carries the one finding that says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


@dataclass
class SourceFile:
    """One data file: its text, its data, and the positions of its nodes on demand."""

    path: Path
    text: str
    data: Any

    @cached_property
    def root_node(self) -> Node | None:
        return compose_yaml(self.text)

    def position(self, loc: Loc) -> tuple[int | None, int | None]:
        """1-based (line, column) of the deepest node that `loc` reaches in this file."""
        node = self.root_node
        if node is None:
            return 1, 1
        line, column = node.start_mark.line, node.start_mark.column
        for part in loc:
            child = _child_node(node, part)
            if child is None:
                break
            key_node, node = child
            # An unknown or misspelt key is best pointed at by the key itself.
            anchor = key_node if key_node is not None and part == loc[-1] else node
            line, column = anchor.start_mark.line, anchor.start_mark.column
        return line + 1, column + 1

    def finding(self, loc: Loc, message: str, severity: str = "error") -> Finding:
        line, column = self.position(loc)
        return Finding(self.path, message, severity, line, column)  # type: ignore[arg-type]


def _child_node(node: Node, part: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if str(key_node.value) == str(part):
                return key_node, value_node
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def read_bytes(path: Path, kind: str = "a YAML file") -> bytes:
    """The bytes of a data file, or LoadFailed naming the file. A file over the size limit
    (KEMI_MAX_FILE_BYTES) is refused; at most limit + 1 bytes are ever read, so that neither a
    file that grows meanwhile nor a device such as /dev/zero can exhaust memory."""
    if not path.exists():
        raise LoadFailed(Finding(path, "file not found"))
    if path.is_dir():
        raise LoadFailed(Finding(path, f"is a folder, expected {kind}"))
    if not path.is_file():
        raise LoadFailed(Finding(path, f"is not a regular file, expected {kind}"))
    limit = max_file_bytes()
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise LoadFailed(Finding(path, f"cannot read: {error.strerror or error}")) from None
    if len(raw) > limit:
        size = max(len(raw), _size_of(path))
        raise LoadFailed(Finding(path, f"file is {size:,} bytes, over the limit of {limit:,} ({MAX_FILE_BYTES_ENV})"))
    return raw


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def decode_text(path: Path, raw: bytes) -> str:
    """UTF-8 bytes as text without a byte-order mark (which some Windows editors add);
    LoadFailed at the line and column of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise LoadFailed(
            Finding(path, f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8", "error", line, column)
        ) from None


def read_text(path: Path) -> str:
    """The file's text, or LoadFailed naming the file (and line, for bad bytes)."""
    return decode_text(path, read_bytes(path))


def parse_yaml(path: Path, text: str) -> Any:
    """Parse text with the safe loader; a syntax error, unsafe tag or alias becomes LoadFailed."""
    done, data = _fast(_CLoader.load, text)
    if done:
        return data
    try:
        return _safe_yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise LoadFailed(Finding(path, _yaml_problem(error), "error", line, column)) from None
    except ReaderError as error:
        line, column = _line_and_column(text, error.position)
        problem = f"the character #x{error.character:04x} is not allowed in YAML text; remove it"
        raise LoadFailed(Finding(path, problem, "error", line, column)) from None
    except YAMLError as error:
        raise LoadFailed(Finding(path, "invalid YAML: " + " ".join(str(error).split()))) from None


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _yaml_problem(error: MarkedYAMLError) -> str:
    problem = (error.problem or "invalid YAML").strip()
    if isinstance(error, PlainDataRefusal):
        return problem
    if "could not determine a constructor for the tag" in problem:
        tag = problem.rsplit(" ", 1)[-1].strip("'")
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return f"the tag '{tag}' is not allowed: kemi data files hold plain values only"
    if "found duplicate key" in problem:
        key = problem.split('"')[1] if '"' in problem else "?"
        return f"duplicate key '{key}'"
    if "cannot start any token" in problem and ("'\\t'" in problem or "\t" in problem):
        return "a tab character cannot indent YAML; use spaces"
    context = f" {error.context.strip()}" if error.context else ""
    return f"YAML syntax error: {problem}{context}"


def load_file(path: Path, text: str | None = None) -> SourceFile:
    """Read and parse one data file (or `text` given for it, e.g. an edit not yet written).
    An empty file is an error: every kemi file has content."""
    if text is None:
        text = read_text(path)
    data = parse_yaml(path, text)
    if data is None:
        raise LoadFailed(Finding(path, "file is empty", "error", 1, 1))
    if not isinstance(data, dict):
        raise LoadFailed(Finding(path, "expected a mapping of keys at the top of the file", "error", 1, 1))
    return SourceFile(path, text, data)


def project_files(data_dir: Path) -> list[Path]:
    folder = data_dir / PROJECTS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))
