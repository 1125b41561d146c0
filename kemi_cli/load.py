"""Find and read the data files: YAML text → plain Python data, with positions for messages.

Reading uses the safe loader's rules, never the round-trip loader. When ruamel.yaml's C
extension (ruamel.yaml.clib) is installed, the data is built straight from libyaml's parser
events, with scalars resolved by ruamel.yaml's own YAML 1.2 rules: no node tree, several times
faster than composing one. Only plain data is read this way; anything else (tags, anchors and
aliases, duplicate keys, directives, several documents, a tab anywhere, text libyaml refuses)
is read again by the pure-Python loader, so that every refusal and its message are exactly the
pure loader's and text that libyaml's YAML 1.1 parser rejects but YAML 1.2 allows is still read.

Positions (line, column) are found only when a message needs one, from one more pass over the
events.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

try:
    from _ruamel_yaml import CParser  # ruamel.yaml.clib: libyaml's scanner and parser
except ImportError:  # pragma: no cover - the pure loader alone is correct, only slower
    CParser = None

from .data_folder import KPIS_FILE, PROJECTS_DIR, REVIEW_FILE, STRATEGY_FILE  # noqa: F401 - the readers name the files from here
from .errors import Finding, LocatedLater
from .wording import Said
from .yaml_syntax import explain as explain_syntax_error

DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILE_BYTES_ENV = "KEMI_MAX_FILE_BYTES"
MAX_FILE_BYTES_CEILING = 1024**3  # the most KEMI_MAX_FILE_BYTES may allow: kemi reads a file whole

Loc = Sequence[str | int]


# The tags of plain data. Any other tag (a language's own such as !!python/object, a local !tag,
# or the YAML types !!binary, !!set, !!omap, !!pairs) would either run code in a careless loader
# or become a value that pydantic quietly coerces into text; the merge key `<<` copies keys in
# from elsewhere. kemi's files need none of them.
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


class PlainDataRefusal(MarkedYAMLError):
    """YAML that is well-formed but not plain data (an alias, a tag, a merge key); `said` says
    why in the screen's language, the parser's own problem is its English."""

    def __init__(self, said: Said, problem_mark: Any) -> None:
        super().__init__(problem=str(said), problem_mark=problem_mark)
        self.said = said


class _NoAliasComposer(Composer):
    """Refuses YAML aliases: kemi's files never need them, and an alias bomb would make
    every later walk over the data explode in time and memory. Refuses every tag but those of
    plain data (PLAIN_TAGS), before anything is constructed."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            raise PlainDataRefusal(Said("cli.load.alias"), event.start_mark)
        node = super().compose_node(parent, index)
        tag = str(node.tag)
        if tag not in PLAIN_TAGS:
            problem = (
                Said("cli.load.merge_key")
                if tag == "tag:yaml.org,2002:merge"
                else Said("cli.load.tag", tag=tag.replace("tag:yaml.org,2002:", "!!"))
            )
            raise PlainDataRefusal(problem, node.start_mark)
        if tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARACTERS:
            # Python refuses to read an integer of more than 4300 digits; kemi's numbers have a few.
            from .limits import MAGNITUDE_BOUNDS
            from .numbers import Figure

            low, high = MAGNITUDE_BOUNDS
            raise PlainDataRefusal(Said("cli.load.long_number", count=Figure(len(node.value), "count"), low=low, high=high), node.start_mark)
        return node


_NUMBER_TAGS = frozenset(("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"))
MAX_NUMBER_CHARACTERS = 100


# kemi's files nest a few levels; anything far deeper is refused before a recursive walk
# (the pure loader's, pydantic's) could run out of stack.
MAX_DEPTH = 100  # mappings and lists, one inside the other


class _LocatingConstructor(SafeConstructor):
    """The safe constructor, with a scalar it cannot make into a value (`2026-02-30`, a time at
    hour 25) refused at its place instead of escaping as a bare ValueError."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as error:
            kind = str(node.tag).replace("tag:yaml.org,2002:", "")
            raise PlainDataRefusal(Said("cli.load.not_constructible", value=str(node.value)[:40], kind=kind, error=error), node.start_mark) from None


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.Composer = _NoAliasComposer
    yaml.Constructor = _LocatingConstructor
    yaml.max_depth = MAX_DEPTH + 1  # ruamel counts the scalar at the bottom too
    return yaml




def _read_fast(text: str) -> tuple[bool, Any]:
    """(True, data) when the fast reader reads `text`, else (False, None)."""
    # libyaml takes a tab after "key:" as a separator; the pure loader refuses it (and kemi says
    # so): text with a tab anywhere goes to the pure loader.
    if CParser is None or "\t" in text:
        return False, None
    try:
        return True, _load_fast(text)
    except (_Unusual, YAMLError, ValueError, TypeError):
        # Whatever the fast path refuses, the pure loader reads again and explains in its own words.
        return False, None


class _Unusual(Exception):
    """Text that the event reader leaves to the pure loader: anything beyond plain data."""


class _PlainScalars:
    """The values of plain scalars exactly as ruamel.yaml's safe loader makes them (YAML 1.2
    resolution, then its constructors), remembered per distinct text: data files repeat
    the same few keys and values many times."""

    def __init__(self) -> None:
        resolver = VersionedResolver(version=(1, 2))
        self._resolvers = resolver.versioned_resolver
        self._constructor = _safe_yaml().constructor
        self._known: dict[str, Any] = {}

    def value(self, text: str) -> Any:
        try:
            return self._known[text]
        except KeyError:
            pass
        tag = None
        for candidate, pattern in self._resolvers.get(text[:1], ()):
            if pattern.match(text):
                tag = candidate
                break
        if tag is None or tag == "tag:yaml.org,2002:str":
            value = text
        elif tag not in PLAIN_TAGS:
            raise _Unusual(tag)  # a merge key `<<` and the like: the pure loader explains
        else:
            node = ScalarNode(Tag(suffix=tag), text)
            value = self._constructor.construct_object(node)
        self._known[text] = value
        return value


@functools.cache
def _plain_scalars() -> _PlainScalars:
    return _PlainScalars()


def _load_fast(text: str) -> Any:
    """Plain data straight from libyaml's events: no node tree, no per-node tag objects. Only
    the common case is read here (one document, no directives, tags, anchors or aliases,
    unique keys); anything else raises _Unusual and goes to the pure loader, so that the
    result and every refusal stay exactly the pure loader's."""
    parser = CParser(text)
    scalars = _plain_scalars()
    stack: list[Any] = []  # open mappings and sequences
    keys: list[Any] = []  # per open mapping, the key awaiting its value (or _NO_KEY)
    root: Any = None
    documents = 0
    while True:
        event = parser.get_event()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual("anchor or tag")
            value = scalars.value(event.value) if event.implicit[0] else event.value
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual("anchor or tag")
            if len(stack) >= MAX_DEPTH:
                raise _Unusual("nested too deep")
            stack.append({} if kind is MappingStartEvent else [])
            keys.append(_NO_KEY)
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            keys.pop()
            value = stack.pop()
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1 or event.version is not None or event.tags:
                raise _Unusual("several documents or directives")
            continue
        elif kind is StreamEndEvent:
            return root
        elif kind is AliasEvent:
            raise _Unusual("alias")
        else:  # stream start, document end
            continue
        if not stack:
            root = value
            continue
        parent = stack[-1]
        if type(parent) is list:
            parent.append(value)
        elif keys[-1] is _NO_KEY:
            if type(value) is dict or type(value) is list or value in parent:
                raise _Unusual("complex or duplicate key")
            keys[-1] = value
        else:
            parent[keys[-1]] = value
            keys[-1] = _NO_KEY


_NO_KEY = object()


def parser_events(text: str) -> list[Any]:
    """The parser events of valid YAML text: libyaml's when it reads the whole text, else the pure parser's."""
    if CParser is not None and "\t" not in text:
        parser = CParser(text)
        events: list[Any] = []
        try:
            while (event := parser.get_event()) is not None:
                events.append(event)
                if type(event) is StreamEndEvent:
                    return events
        except YAMLError:
            pass  # libyaml refused text that the pure loader reads (a YAML 1.2 detail): read it again
    return list(_safe_yaml().parse(text))


Position = tuple[int, int]  # 0-based line and column
NodePath = tuple[str | int, ...]  # a node's path: a mapping's keys as written, a list's indexes


@dataclass
class NodePosition:
    """Where a node starts and ends, where its key starts (for a mapping's value), and what it is."""

    start: Position
    key_start: Position | None
    kind: type  # dict, list or str (a scalar)
    flow: bool = False  # a [flow] or {flow} collection
    end: Position | None = None  # for a collection, where its end event is


@dataclass
class _Open:
    path: NodePath
    node: NodePosition
    key: tuple[str, Position] | None = None  # in a mapping: the key read, awaiting its value
    items: int = 0  # in a list: how many items so far


def node_positions(text: str) -> dict[NodePath, NodePosition]:
    """The position of every node of valid YAML text, keyed by its path; where a key occurs
    twice, the first. One pass over the parser's events: no node tree."""
    positions: dict[NodePath, NodePosition] = {}
    stack: list[_Open] = []
    for event in parser_events(text):
        kind = type(event)
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop().node.end = (event.start_mark.line, event.start_mark.column)
            continue
        if kind is not ScalarEvent and kind is not MappingStartEvent and kind is not SequenceStartEvent:
            continue
        start = (event.start_mark.line, event.start_mark.column)
        parent = stack[-1] if stack else None
        if parent is not None and parent.node.kind is dict and parent.key is None:
            # A key. A complex key (a collection) has no path of its own, nor have its insides.
            parent.key = (str(event.value) if kind is ScalarEvent else "\0complex", start)
            if kind is ScalarEvent:
                continue
            path: NodePath = (*parent.path, "\0complex")
            key_start = None
        elif parent is None:
            path, key_start = (), None
        elif parent.node.kind is dict:
            assert parent.key is not None
            path, key_start = (*parent.path, parent.key[0]), parent.key[1]
            parent.key = None
        else:
            path, key_start = (*parent.path, parent.items), None
            parent.items += 1
        node_kind = str if kind is ScalarEvent else dict if kind is MappingStartEvent else list
        node = NodePosition(start, key_start, node_kind, bool(getattr(event, "flow_style", False)))
        node = positions.setdefault(path, node)
        if kind is not ScalarEvent:
            stack.append(_Open(path, node))
    return positions


def max_file_bytes() -> int:
    """KEMI_MAX_FILE_BYTES when set (1 byte to 1 GiB), else DEFAULT_MAX_FILE_BYTES."""
    from .limits import setting

    return int(setting(MAX_FILE_BYTES_ENV, os.environ.get(MAX_FILE_BYTES_ENV), DEFAULT_MAX_FILE_BYTES, 1, MAX_FILE_BYTES_CEILING, whole=True))


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
    def positions(self) -> dict[NodePath, NodePosition]:
        return node_positions(self.text)

    def position(self, loc: Loc) -> tuple[int | None, int | None]:
        """1-based (line, column) of the deepest node that `loc` reaches in this file."""
        positions = self.positions
        node = positions.get(())
        if node is None:
            return 1, 1
        line, column = node.start
        path: tuple[str | int, ...] = ()
        for part in loc:
            if node.kind is dict:
                path = (*path, str(part))
            elif node.kind is list and isinstance(part, int):
                path = (*path, part)
            else:
                break
            child = positions.get(path)
            if child is None:
                break
            node = child
            # An unknown or misspelt key is best pointed at by the key itself.
            anchor = child.key_start if child.key_start is not None and part == loc[-1] else child.start
            line, column = anchor
        return line + 1, column + 1

    def finding(self, loc: Loc, message: str | Said, severity: str = "error") -> Finding:
        return LocatedLater(self.path, message, severity, lambda: self.position(loc))  # type: ignore[arg-type]


def read_bytes(path: Path, kind: str = "yaml") -> bytes:
    """The bytes of a data file, or LoadFailed naming the file. A file over the size limit
    (KEMI_MAX_FILE_BYTES) is refused; at most limit + 1 bytes are ever read, so that neither a
    file that grows meanwhile nor a device such as /dev/zero can exhaust memory. `kind` is
    the kind of file expected (a key of cli.load.kind)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise LoadFailed(Finding(path, Said("cli.load.not_found"))) from None
    except OSError as error:  # a link in a loop, a folder on the way that cannot be read
        raise LoadFailed(Finding(path, Said("cli.load.cannot_read", reason=error.strerror or error))) from None
    if stat.S_ISDIR(mode):
        raise LoadFailed(Finding(path, Said("cli.load.is_folder", kind=Said(f"cli.load.kind.{kind}"))))
    if not stat.S_ISREG(mode):
        raise LoadFailed(Finding(path, Said("cli.load.not_regular", kind=Said(f"cli.load.kind.{kind}"))))
    limit = max_file_bytes()
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise LoadFailed(Finding(path, Said("cli.load.cannot_read", reason=error.strerror or error))) from None
    if len(raw) > limit:
        from .numbers import Figure

        size = Figure(max(len(raw), _size_of(path)), "count")
        raise LoadFailed(Finding(path, Said("cli.load.too_large", size=size, limit=Figure(limit, "count"), variable=MAX_FILE_BYTES_ENV)))
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
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise LoadFailed(
            Finding(path, Said("cli.load.not_utf8", byte=f"0x{raw[error.start]:02x}"), "error", line, column)
        ) from None
    _refuse_odd_line_ends(path, text)
    return text


def _refuse_odd_line_ends(path: Path, text: str) -> None:
    """An edit writes back a file's own line ends (LF, or CRLF throughout) and its byte-order
    mark; a file whose line ends it could not give back byte for byte is refused before any
    edit, at the first place that differs: a byte-order mark that is not the first character, a
    carriage return alone (old Mac line ends), or LF and CRLF lines mixed."""
    problem: Said | None = None
    position = -1
    if (position := text.find(BYTE_ORDER_MARK)) != -1:
        problem = Said("cli.load.second_bom" if position == 0 else "cli.load.inner_bom")
    elif (line_separator := _LINE_SEPARATOR.search(text)) is not None:
        position = line_separator.start()
        problem = Said("cli.load.line_separator", character=repr(line_separator.group()))
    elif "\r" in text:
        bare_cr = next((i for i in _positions(text, "\r") if text[i + 1 : i + 2] != "\n"), -1)
        bare_lf = next((i for i in _positions(text, "\n") if i == 0 or text[i - 1] != "\r"), -1)
        if bare_cr != -1:
            problem, position = Said("cli.load.bare_cr"), bare_cr
        elif bare_lf != -1:
            problem, position = Said("cli.load.mixed_line_ends"), bare_lf
    if problem is not None:
        line, column = _line_and_column(text, position)
        raise LoadFailed(Finding(path, problem, "error", line, column))


BYTE_ORDER_MARK = "\ufeff"
_LINE_SEPARATOR = re.compile("[\x85\u2028\u2029]")


def _positions(text: str, character: str) -> Iterator[int]:
    position = text.find(character)
    while position != -1:
        yield position
        position = text.find(character, position + 1)


def read_text(path: Path) -> str:
    """The file's text, or LoadFailed naming the file (and line, for bad bytes)."""
    return decode_text(path, read_bytes(path))


def parse_yaml(path: Path, text: str) -> Any:
    """Parse text with the safe loader; a syntax error, unsafe tag or alias becomes LoadFailed."""
    done, data = _read_fast(text)
    if done:
        return data
    try:
        return _safe_yaml().load(text)
    except MarkedYAMLError as error:
        refusal = _refusal(error)
        if refusal is None:
            explained = explain_syntax_error(text, error, _parses)
            raise LoadFailed(Finding(path, explained.message, "error", explained.line, explained.column)) from None
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise LoadFailed(Finding(path, refusal, "error", line, column)) from None
    except ReaderError as error:
        line, column = _line_and_column(text, error.position)
        problem = Said("cli.load.bad_character", code=f"#x{error.character:04x}")
        raise LoadFailed(Finding(path, problem, "error", line, column)) from None
    except YAMLError as error:
        raise LoadFailed(Finding(path, Said("cli.load.invalid_yaml", parser=" ".join(str(error).split())))) from None


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _refusal(error: MarkedYAMLError) -> Said | None:
    """Why well-formed YAML is refused (not plain data, too deep, a tag), or None for a syntax
    error, which yaml_syntax explains."""
    if isinstance(error, PlainDataRefusal):
        return error.said
    if isinstance(error, MaxDepthExceededError):
        return Said("cli.load.too_deep", depth=MAX_DEPTH)
    problem = (error.problem or "").strip()
    if "could not determine a constructor for the tag" in problem:
        tag = problem.rsplit(" ", 1)[-1].strip("'")
        return Said("cli.load.tag", tag=tag.replace("tag:yaml.org,2002:", "!!"))
    return None


def _parses(text: str) -> bool:
    """Whether `text` is well-formed YAML (for yaml_syntax to confirm a guess)."""
    try:
        _safe_yaml().load(text)
    except YAMLError:
        return False
    except Exception:  # noqa: BLE001 - a repaired guess may fail in any way; it is then not the fix
        return False
    return True


def load_file(path: Path, text: str | None = None) -> SourceFile:
    """Read and parse one data file (or `text` given for it, e.g. an edit not yet written).
    An empty file is an error: every kemi file has content."""
    if text is None:
        text = read_text(path)
    data = parse_yaml(path, text)
    if data is None:
        raise LoadFailed(Finding(path, Said("cli.load.empty"), "error", 1, 1))
    if not isinstance(data, dict):
        raise LoadFailed(Finding(path, Said("cli.load.not_a_mapping"), "error", 1, 1))
    source = SourceFile(path, text, data)
    _refuse_surrogates(source)
    return source


def _refuse_surrogates(source: SourceFile) -> None:
    """A surrogate escape (backslash, u, D800) makes text that cannot be written as UTF-8 (a
    document, an export): refused here, located, like a byte that is not UTF-8. Only such an
    escape can make one, so a file without a backslash-u or backslash-U is not searched."""
    if "\\u" not in source.text and "\\U" not in source.text:
        return
    from .characters import first_surrogate

    where = first_surrogate(source.data)
    if where is not None:
        raise LoadFailed(source.finding(where, Said("cli.load.surrogate")))


def project_files(data_dir: Path) -> list[Path]:
    folder = data_dir / PROJECTS_DIR
    if not folder.is_dir():
        return []
    try:
        names = os.listdir(folder)
    except OSError as error:
        from .errors import DataError

        raise DataError([Finding(folder, Said("cli.load.cannot_read_folder", reason=error.strerror or error))]) from None
    return sorted(folder / name for name in names if name.endswith((".yaml", ".yml")) and not name.startswith("."))


def card_path(data_dir: Path, project_id: str) -> Path:
    """The file of project `project_id`'s card: the one named after it in projects/, or where a
    new card goes (<id>.yaml)."""
    folder = data_dir / PROJECTS_DIR
    return next((p for p in project_files(data_dir) if p.stem == project_id), folder / f"{project_id}.yaml")
