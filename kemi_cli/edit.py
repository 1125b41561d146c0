"""The one edit path for data files: lock → read → change → validate → atomic write.

`kemi kpi set/unset/import` and `kemi project new/update` all go through `edit_file`. The file
is changed with ruamel.yaml's round-trip mode so that every comment, blank line, key order,
quoting style and indentation outside the change stays byte for byte. Nothing is written
unless the whole workspace validates with the new text; any error leaves the file as it was.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import io
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter, ScalarAnalysis
from ruamel.yaml.util import load_yaml_guess_indent

from .arguments import check_text
from .errors import DataError, EditConflict, Finding, KemiError, UsageError, display_path
from .load import LoadFailed, Loc, decode_text, node_positions, parse_yaml, read_bytes
from .wording import Said

LOCK_TIMEOUT_SECONDS = 10.0
LOCK_TIMEOUT_ENV = "KEMI_LOCK_TIMEOUT"
USER_ENV_VARS = ("KEMI_USER", "USER", "LOGNAME", "USERNAME")
TEMP_SUFFIX = ".kemi-tmp"
BOM = "\ufeff"


def lock_path(path: Path) -> Path:
    """The lock sits beside the file, never on it: the atomic rename replaces the file's inode."""
    return path.with_name(f".{path.name}.lock")


def lock_timeout() -> float:
    """Seconds to wait for the lock: KEMI_LOCK_TIMEOUT when set (a busy CI runner may want
    longer, a test shorter; at most a day), else LOCK_TIMEOUT_SECONDS."""
    from .limits import setting

    return setting(LOCK_TIMEOUT_ENV, os.environ.get(LOCK_TIMEOUT_ENV), LOCK_TIMEOUT_SECONDS, 0.001, 86_400)


@contextlib.contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the lock beside `path` while the body runs; the lock file is removed when let go,
    so that none is left in the data folder (a crash may leave one: .gitignore names them)."""
    timeout = lock_timeout() if timeout is None else timeout
    lock_file = lock_path(path)
    deadline = time.monotonic() + timeout
    while True:
        _refuse_odd_lock(lock_file)
        lock = FileLock(str(lock_file), timeout=max(0.0, deadline - time.monotonic()))
        try:
            lock.acquire()
        except Timeout:
            raise EditConflict(Said("cli.lock_held", path=path, lock=lock_file.name, seconds=f"{timeout:.0f}")) from None
        except OSError as error:  # a read-only folder, a lock made by another user, a name too long
            raise KemiError(Said("cli.lock_failed", path=display_path(lock_file), reason=error.strerror or error)) from None
        if _holds(lock, lock_file):
            break
        lock.release()  # the holder before removed this file as it let go: lock the one there now
    try:
        _remove_stale_temp_files(path)
        yield
    finally:
        # Removed while still held: a process that was waiting on this file gets it only after,
        # finds it gone (_holds) and locks the file there now, so two never hold the lock at once.
        with contextlib.suppress(OSError):
            lock_file.unlink()
        lock.release()


def _holds(lock: FileLock, lock_file: Path) -> bool:
    """Whether the file `lock` holds is still the lock file on disk, not one its holder removed."""
    held_fd = getattr(getattr(lock, "_context", None), "lock_file_fd", None)
    if held_fd is None:  # a lock without a descriptor (filelock's soft lock) is its file itself
        return True
    try:
        held, there = os.fstat(held_fd), os.lstat(lock_file)
    except FileNotFoundError:
        return False
    return held.st_nlink > 0 and (held.st_dev, held.st_ino) == (there.st_dev, there.st_ino)


def _refuse_odd_lock(lock: Path) -> None:
    """The lock file is opened for writing and truncated: a link there (to kpis.yaml, say) would
    empty what it points to, and a folder or a device cannot be locked. Only a regular file, or
    none yet, is used."""
    try:
        mode = os.lstat(lock).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise KemiError(Said("cli.lock_failed", path=display_path(lock), reason=error.strerror or error)) from None
    if not stat.S_ISREG(mode):
        kind = "link" if stat.S_ISLNK(mode) else "folder" if stat.S_ISDIR(mode) else "other"
        raise KemiError(Said("cli.lock_odd", path=display_path(lock), kind=Said(f"cli.lock_kind.{kind}")))


@contextlib.contextmanager
def _os_errors_as(path: Path, after: str = "") -> Iterator[None]:
    """An OSError (no space, no permission, a name too long) while writing `path`, as one line
    naming it; `after` (a key of cli.write) says what became of the files."""
    try:
        yield
    except OSError as error:
        said_after = Said(f"cli.write.{after}") if after else ""
        raise KemiError(Said("cli.write.cannot", path=display_path(path), reason=error.strerror or error, after=said_after)) from None


def _remove_stale_temp_files(path: Path) -> None:
    # A writer killed between creating its temporary file and the rename leaves one behind;
    # under the lock no other writer is using it.
    for stale in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()


# A plain scalar may begin with "?" or ":" under YAML 1.2 when a safe character follows, and
# ruamel writes `?x` and `:x` plain, but neither libyaml nor ruamel's own parser reads them back
# ("expected the node content, but found '?'"). Such texts are quoted instead.
_UNREADABLE_PLAIN_STARTS = ("?", ":")


class KemiEmitter(RoundTripEmitter):
    """ruamel's round-trip emitter that writes only scalars kemi's readers read back."""

    def analyze_scalar(self, scalar: Any) -> ScalarAnalysis:
        analysis = super().analyze_scalar(scalar)
        if scalar and scalar.startswith(_UNREADABLE_PLAIN_STARTS):
            analysis.allow_flow_plain = False
            analysis.allow_block_plain = False
        return analysis


def new_round_trip_yaml() -> YAML:
    """The one round-trip YAML writer of kemi: every text it writes reads back unchanged."""
    yaml = YAML(typ="rt")
    yaml.Emitter = KemiEmitter
    return yaml


class _GuessOnly:
    """Stands in for a YAML instance when only ruamel's indentation guess is wanted."""

    def load(self, _text: str) -> None:
        return None


def round_trip_yaml(text: str) -> YAML:
    """A round-trip YAML instance that dumps with the indentation `text` itself uses."""
    yaml = new_round_trip_yaml()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line that a person wrote
    # A value used twice by an edit (one date as recorded_at and replaced_at) must be written
    # out twice: kemi's files refuse YAML aliases.
    yaml.representer.ignore_aliases = lambda _data: True
    _, sequence_indent, dash_offset = load_yaml_guess_indent(text, yaml=_GuessOnly())
    sequence_indent = sequence_indent or 2
    dash_offset = dash_offset or 0
    mapping_indent = _mapping_indent(text) or (sequence_indent - dash_offset if dash_offset else sequence_indent)
    yaml.indent(mapping=mapping_indent, sequence=sequence_indent, offset=dash_offset)
    return yaml


def load_round_trip(text: str) -> tuple[YAML, Any]:
    """The round-trip data of `text` and a YAML instance that dumps it with the text's own
    indentation; one round-trip parse, the slowest step of an edit."""
    yaml = round_trip_yaml(text)
    return yaml, yaml.load(text)


_COMMENT_RE = re.compile(r"\s+#.*$")


def _mapping_indent(text: str) -> int | None:
    """How far a mapping nested in a mapping is indented, read from the first `key:` whose value
    starts on the next line. ruamel's guess gives only the lists' indentation, and a file whose
    mappings are indented otherwise would be re-indented whole by its first edit."""
    previous: tuple[int, str] | None = None
    for line in text.splitlines():
        content = _COMMENT_RE.sub("", line).rstrip()
        if not content.strip() or content.lstrip().startswith("#"):
            continue
        column = len(content) - len(content.lstrip(" -"))  # where a key starts, after any "- "
        if previous is not None and previous[1].endswith(":") and not content.lstrip().startswith("-") and column > previous[0]:
            return column - previous[0]
        previous = (column, content)
    return None


@dataclass(frozen=True)
class Document:
    """The text of a data file split from what round-trip mode does not keep (BOM, CRLF, a last
    line without a newline). The reader has refused mixed or CR-only line ends and a BOM
    anywhere but the start (load.decode_text), so these three give the file back byte for byte."""

    text: str
    bom: bool
    crlf: bool
    final_newline: bool = True

    @classmethod
    def from_file_text(cls, raw_text: str) -> Document:
        bom = raw_text.startswith(BOM)
        return cls.from_decoded(raw_text[1:] if bom else raw_text, bom)

    @classmethod
    def from_decoded(cls, text: str, bom: bool) -> Document:
        """`text`: the file decoded without its BOM (load.decode_text); `bom`: whether it had one."""
        crlf = "\r\n" in text
        return cls(text.replace("\r\n", "\n"), bom, crlf, final_newline=not text or text.endswith("\n"))

    def restore(self, text: str) -> str:
        if not self.final_newline and text.endswith("\n"):
            text = text[:-1]
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (BOM if self.bom else "") + text


def dump(yaml: YAML, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def append_item(sequence: CommentedSeq, item: Any) -> None:
    """Append to a round-trip list so that a comment after its last item (often the heading of
    the next section) stays after the new item instead of landing above it."""
    last = len(sequence) - 1
    trailing = _pop_trailing_comment(sequence, last) if last >= 0 else None
    sequence.append(item)
    _put_trailing_comment(sequence, len(sequence) - 1, trailing)


def put_key(mapping: CommentedMap, key: str, value: Any, after: Sequence[str] = ()) -> None:
    """Set `key` in a round-trip mapping: in place when it is there; otherwise inserted after the
    first key of `after` that the mapping has (else at the end). As with `append_item`, a comment
    that followed the entry before the new key stays after the new key."""
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping.keys())
    anchor = next((k for k in after if k in mapping), None)
    position = keys.index(anchor) + 1 if anchor is not None else len(keys)
    trailing = _pop_trailing_comment(mapping, keys[position - 1]) if position else None
    mapping.insert(position, key, value)
    _put_trailing_comment(mapping, key, trailing)


def is_current_entry(entry: Any) -> bool:
    """Whether a round-trip history entry (an actual, a period update) has not been replaced."""
    return isinstance(entry, dict) and entry.get("replaced_at") is None


def current_entries(entries: Sequence[Any], period: object) -> list[Any]:
    """The entries of a history list that are for `period` and have not been replaced."""
    return [e for e in entries if is_current_entry(e) and str(e.get("period")) == str(period)]


def history_list(owner: CommentedMap, key: str, owner_name: str) -> CommentedSeq:
    """The round-trip list of dated entries `owner[key]` (a KPI's actuals, a card's updates),
    added when the key is missing."""
    entries = owner.get(key)
    if entries is None:
        entries = CommentedSeq()
        put_key(owner, key, entries)
    if not isinstance(entries, CommentedSeq):
        raise UsageError(Said("cli.write.not_a_list", owner=owner_name, key=key))
    return entries


def append_replacing(
    entries: CommentedSeq, entry: CommentedMap, replaced: Sequence[CommentedMap], on: Any, by: str | None
) -> None:
    """Append `entry` to a history list; each entry of `replaced` is marked replaced
    (`replaced_at`, `replaced_by`) and stays in the list as history."""
    for old in replaced:
        put_key(old, "replaced_at", on)
        if by:
            put_key(old, "replaced_by", by)
    if not entries:
        entries.fa.set_block_style()  # `key: []` becomes a block list
    append_item(entries, entry)


def _pop_trailing_comment(container: CommentedMap | CommentedSeq, key: Any) -> Any:
    """The comment after the entry `key` of `container` (at the end of its value, for a nested one)."""
    trailing = container.ca.items.pop(key, None)
    if trailing is None and isinstance(container[key], (CommentedMap, CommentedSeq)):
        trailing = _pop_deep_trailing_comment(container[key])
    return trailing


def _put_trailing_comment(container: CommentedMap | CommentedSeq, key: Any, trailing: Any) -> None:
    if trailing is None:
        return
    if isinstance(container[key], (CommentedMap, CommentedSeq)):
        _set_deep_trailing_comment(container[key], trailing)
    else:
        container.ca.items[key] = trailing


def _last_key_container(node: Any) -> tuple[Any, Any] | None:
    """The innermost (container, key) whose value is last in `node`, where a trailing comment lives."""
    while True:
        if isinstance(node, CommentedMap) and node:
            key = list(node.keys())[-1]
            value = node[key]
            if isinstance(value, (CommentedMap, CommentedSeq)) and value:
                node = value
                continue
            return node, key
        if isinstance(node, CommentedSeq) and node:
            index = len(node) - 1
            value = node[index]
            if isinstance(value, (CommentedMap, CommentedSeq)) and value:
                node = value
                continue
            return node, index
        return None


def _pop_deep_trailing_comment(node: Any) -> Any:
    found = _last_key_container(node)
    if found is None:
        return None
    container, key = found
    return container.ca.items.pop(key, None)


def _set_deep_trailing_comment(node: Any, comment: Any) -> None:
    found = _last_key_container(node)
    if found is not None:
        container, key = found
        container.ca.items[key] = comment


def _fingerprint(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _current_fingerprint(path: Path) -> str | None:
    """The fingerprint of what is in the file now; None when it cannot be read any more."""
    try:
        return _fingerprint(read_bytes(path))
    except LoadFailed:
        return None


def atomic_write(path: Path, content: str | bytes, mode: int | None) -> None:
    """Write via a temporary file in the same folder, fsync it, rename it over the file, fsync the folder.
    Text is written as UTF-8, its line ends as they are."""
    folder = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.encode("utf-8") if isinstance(content, str) else content)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a folder the user may write but not read: the rename is done, only its fsync is lost
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


Change = Callable[[Any], object]  # what it returns (e.g. whether it changed anything) is the caller's
Validator = Callable[[Path, str], list[Finding]]
Narrow = Callable[[Any], Loc | None]


def edit_file(path: Path, change: Change, validate: Validator, narrow: Narrow | None = None) -> bool:
    """Apply `change` to the round-trip data of `path` under the lock, validate, write atomically.

    `change` mutates the loaded document in place (or raises a KemiError to refuse).
    `validate` gets the path and the new text and returns findings; any error refuses the write.
    `narrow`, given the file's plain data, may name the one list item that the change touches
    (e.g. ("groups", 0, "kpis", 3)); only that part of the file is then round-tripped.
    Returns False when the change left the text as it was (nothing written).
    """
    path = path.absolute()
    with locked(path):
        try:
            raw = read_bytes(path)  # the size limit holds here too
            text = decode_text(path, raw)  # without its BOM; a bad byte is refused, located
            plain = parse_yaml(path, text)  # refuses unsafe tags, aliases and syntax errors, located
        except LoadFailed as failure:
            raise DataError([failure.finding]) from None
        # The fingerprint is of the very bytes edited: a change made after this read, by anything
        # that ignores the lock, is found before the rename.
        before = _fingerprint(raw)
        mode = stat.S_IMODE(path.stat().st_mode)
        document = Document.from_decoded(text, bom=raw.startswith(BOM.encode()))  # the BOM is kept

        item = narrow(plain) if narrow is not None else None
        new_text = narrowed_change(document.text, item, change) if item is not None else None
        if new_text is None:
            yaml, data = load_round_trip(document.text)
            change(data)
            new_text = dump(yaml, data)
        if new_text == document.text:
            return False
        _refuse_invalid(validate(path, new_text))
        if _current_fingerprint(path) != before:
            raise EditConflict(Said("cli.changed_meanwhile", path=display_path(path)))
        with _os_errors_as(path, "unchanged"):
            atomic_write(path, document.restore(new_text), mode)
        return True


def edit_files(changes: Mapping[Path, Change], validate: Callable[[dict[Path, str]], list[Finding]]) -> list[Path]:
    """`edit_file` for several files changed together (a returned workbook touches kpis.yaml,
    project cards and review.yaml): every file locked (in one order, so that two such edits do
    not wait on each other), every change applied, the whole workspace validated with all the new
    texts, and only then each changed file written. A refusal of any change leaves every file as
    it was. Returns the files written."""
    paths = sorted({path.absolute() for path in changes})
    by_path = {path.absolute(): change for path, change in changes.items()}
    with contextlib.ExitStack() as stack:
        for path in paths:
            stack.enter_context(locked(path))
        edits: list[tuple[Path, bytes, Document, str]] = []
        for path in paths:
            try:
                raw = read_bytes(path)
                text = decode_text(path, raw)
                parse_yaml(path, text)
            except LoadFailed as failure:
                raise DataError([failure.finding]) from None
            document = Document.from_decoded(text, bom=raw.startswith(BOM.encode()))
            yaml, data = load_round_trip(document.text)
            by_path[path](data)
            new_text = dump(yaml, data)
            if new_text != document.text:
                edits.append((path, raw, document, new_text))
        if not edits:
            return []
        _refuse_invalid(validate({path.resolve(): new_text for path, _, _, new_text in edits}))
        for path, raw, _, _ in edits:
            if _current_fingerprint(path) != _fingerprint(raw):
                raise EditConflict(Said("cli.changed_meanwhile", path=display_path(path)))
        for path, _, document, new_text in edits:
            with _os_errors_as(path):
                atomic_write(path, document.restore(new_text), stat.S_IMODE(path.stat().st_mode))
        return [path for path, *_ in edits]


# ---------------------------------------------------------------- round-tripping one list item
#
# ruamel.yaml's round-trip loader costs about 5 s per MB; a KPI file with years of actuals for
# hundreds of KPIs would make every `kpi set` slow. An edit of one KPI round-trips a reduced
# text instead: the file without the other items of each list on the way to that KPI. The
# edited item's new lines then replace its old lines in the whole text. The reduced text keeps
# the file's own indentation and the lines around the item, so ruamel writes the item exactly
# as it would within the whole file; where that cannot be shown (the lines around the item do
# not come back unchanged), the whole file is round-tripped as before.


@dataclass(frozen=True)
class _ListItems:
    """The lines of a block list's items: item i spans starts[i] up to the next start (or `end`)."""

    starts: list[int]
    end: int

    def span(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.starts[index + 1] if index + 1 < len(self.starts) else self.end


def narrowed_change(text: str, item: Loc, change: Change) -> str | None:
    """The whole new text after `change` round-trips only the list item at `item`, or None when
    the file's layout does not allow it (a flow list, two items on one line, no final newline)."""
    # ruamel ends what it writes with a newline; a file without one is round-tripped whole.
    lists = _lists_on_the_way(text, item) if text.endswith("\n") else None
    if lists is None:
        return None
    lines = text.splitlines(keepends=True)
    dropped: set[int] = set()
    for depth, items in lists:
        keep = item[depth]
        for index in range(len(items.starts)):
            if index != keep:
                dropped.update(range(*items.span(index)))
    first, end = lists[-1][1].span(int(item[lists[-1][0]]))
    reduced = [line for number, line in enumerate(lines) if number not in dropped]
    start_in_reduced = first - sum(1 for number in dropped if number < first)
    before, after = reduced[:start_in_reduced], reduced[start_in_reduced + (end - first) :]

    yaml = round_trip_yaml(text)
    data = yaml.load("".join(reduced))
    change(data)
    new_lines = dump(yaml, data).splitlines(keepends=True)
    if new_lines[: len(before)] != before or len(new_lines) < len(before) + len(after):
        return None
    if after and new_lines[len(new_lines) - len(after) :] != after:
        return None
    changed = new_lines[len(before) : len(new_lines) - len(after)]
    return "".join(lines[:first] + changed + lines[end:])


_DASH_ONLY = re.compile(r"^ *- +$")


def _lists_on_the_way(text: str, item: Loc) -> list[tuple[int, _ListItems]] | None:
    """For each list on the path to `item` (whose last part is a list index): where it is in the
    path, and its items' lines. None unless every one is a block list whose items each start a
    line of their own ("- " and the item)."""
    if not item or not isinstance(item[-1], int):
        return None
    positions = node_positions(text)
    lines = text.splitlines()
    lists: list[tuple[int, _ListItems]] = []
    for depth, index in enumerate(item):
        if not isinstance(index, int):
            continue
        sequence = positions.get(tuple(item[:depth]))
        if sequence is None or sequence.kind is not list or sequence.flow or sequence.end is None:
            return None
        starts: list[int] = []
        while (child := positions.get((*item[:depth], len(starts)))) is not None:
            line, column = child.start
            if not _DASH_ONLY.match(lines[line][:column]):
                return None
            starts.append(line)
        if not 0 <= index < len(starts) or len(set(starts)) != len(starts):
            return None
        lists.append((depth, _ListItems(starts, sequence.end[0])))
    return lists


def create_file(path: Path, text: str, validate: Validator) -> None:
    """Write a new data file from ready text, under the same lock and validation as an edit."""
    path = path.absolute()
    with locked(path):
        if os.path.lexists(path):
            raise EditConflict(f"{path}: already exists")
        _refuse_invalid(validate(path, text))
        with _os_errors_as(path, "nothing_created"):
            atomic_write(path, text, 0o644)


def write_output(path: Path, content: str | bytes, data_dir: Path | None = None) -> None:
    """Write a document kemi makes (a report, an export, a page of the site), its folders
    created. A regular file is replaced atomically with the mode a new file gets (the umask's),
    so that a reader never sees half a document; a device, pipe or descriptor (`/dev/null`,
    `/dev/stdout`) is written in place (see output_target). A path that is a folder, holds a
    NUL byte, is a file of `data_dir` or cannot be written is a one-line error naming it."""
    from .output_target import refuse_data_file, write_in_place, writes_in_place

    if "\x00" in str(path):
        raise UsageError(Said("cli.write.nul_in_path", path=repr(str(path))))
    if data_dir is not None:
        refuse_data_file(path, data_dir)
    shown = display_path(path)
    if os.path.isdir(path):
        raise UsageError(Said("cli.write.is_folder", path=shown))
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if writes_in_place(path):
            write_in_place(path, data)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        # A link to a document is kept: the file it points to is the one replaced.
        atomic_write(Path(os.path.realpath(path)), data, 0o666 & ~_umask())
    except (FileExistsError, NotADirectoryError):
        raise KemiError(Said("cli.write.cannot", path=shown, reason=Said("cli.write.file_on_the_way"), after="")) from None
    except OSError as error:
        raise KemiError(Said("cli.write.cannot", path=shown, reason=error.strerror or error, after="")) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _refuse_invalid(findings: list[Finding]) -> None:
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise DataError(errors)


def recorder_name(given: str | None = None) -> str | None:
    """Who records an edit: the name given (`--by`), else the login name from the environment
    (KEMI_USER first, so that a shared service account can still name a person)."""
    if given is not None and given.strip():
        return given.strip()
    for variable in USER_ENV_VARS:
        name = os.environ.get(variable, "").strip()
        if name:
            return check_text(name, variable)
    try:
        return getpass.getuser().strip() or None
    except (OSError, KeyError):
        return None


def remove_item(sequence: CommentedSeq, index: int, parent: CommentedMap | None = None, key: Any = None) -> None:
    """Delete an item from a round-trip list so that the comment after it (often the heading of
    the next section) stays where it was: after the item before it, or, when the list empties,
    after the list's own `key` in `parent`. The reverse of `append_item`."""
    trailing = _pop_trailing_comment(sequence, index)
    del sequence[index]
    if trailing is None:
        return
    if index > 0:
        before = _pop_trailing_comment(sequence, index - 1)
        _put_trailing_comment(sequence, index - 1, _joined_comments(before, trailing))
    elif not sequence and parent is not None:
        parent.ca.items[key] = _joined_comments(parent.ca.items.get(key), trailing)
    elif sequence:
        # No item before it: keep the comment with the item that now comes first.
        first = _pop_trailing_comment(sequence, 0)
        _put_trailing_comment(sequence, 0, _joined_comments(first, trailing))


def remove_key(mapping: CommentedMap, key: str) -> None:
    """Delete a key from a round-trip mapping; a comment after its entry moves to the entry
    before it. The reverse of `put_key`."""
    if key not in mapping:
        return
    keys = list(mapping.keys())
    position = keys.index(key)
    trailing = _pop_trailing_comment(mapping, key)
    del mapping[key]
    if trailing is not None and position > 0:
        before = _pop_trailing_comment(mapping, keys[position - 1])
        _put_trailing_comment(mapping, keys[position - 1], _joined_comments(before, trailing))


def _joined_comments(first: Any, second: Any) -> Any:
    """Two trailing comments of round-trip entries as one, the first one's text first."""
    if first is None or second is None:
        return second if first is None else first
    if first[2] is not None and second[2] is not None:
        first[2].value += second[2].value
        return first
    return first if first[2] is not None else second
