"""The sentences kemi says on screen, in the reader's language.

A sentence is a key of kemi's message catalogue (templates/messages/<lang>.yaml, its `cli`
section) with the values it names: `Said`. The core returns and raises them; the command line
puts them into words when it prints them, in the language of --lang (or KEMI_LANG), Finnish by
default. Their English is their `str()`, for a log or a program that uses kemi as a library.

The catalogue is kemi's own, not the data project's copy of the templates: an error can come
before the data folder is known, and a project's older copy would lack the newer sentences.
Its labels are kept between runs in the user's cache (labels_of), so that no command pays for
reading its YAML before it can say a word.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_ROOT = Path(__file__).resolve().parent
# The wheel carries a copy of templates/ inside the package; a checkout has it beside the package.
PACKAGED_TEMPLATES = PACKAGE_ROOT / "templates"
CHECKOUT_TEMPLATES = PACKAGE_ROOT.parent / "templates"

SCREEN_LANGS = ("fi", "en")


class Said:
    """A sentence by its catalogue key and values; a value may itself be a Said (a word that
    is translated too, such as the kind of an id)."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = values

    def in_lang(self, lang: str) -> str:
        text = catalogue(lang)[self.key]
        return text.format(**{name: words_in(value, lang) for name, value in self.values.items()})

    def __str__(self) -> str:
        return self.in_lang("en")

    def __repr__(self) -> str:
        return f"Said({self.key!r}, {self.values!r})"


def words_in(text: object, lang: str) -> str:
    """`text` in `lang`: a Said (or anything else said differently in each language, such as a
    figure: numbers.Figure) put into words, a list as its items in words one after another
    (`a, b`), anything else as it is."""
    in_lang = getattr(text, "in_lang", None)
    if callable(in_lang):
        return str(in_lang(lang))
    if isinstance(text, list | tuple):
        return ", ".join(words_in(item, lang) for item in text)
    return str(text)


def flatten_labels(prefix: str, node: Any, out: dict[str, str], path: Path, error: Callable[[str], Exception]) -> None:
    """The labels of a catalogue as dotted keys (`status.on_track`); anything but text in it is
    `error(…)`, naming the file and the label."""
    if isinstance(node, dict):
        for key, value in node.items():
            flatten_labels(f"{prefix}.{key}" if prefix else str(key), value, out, path, error)
    elif isinstance(node, str):
        out[prefix] = node
    else:
        raise error(f"{path}: label '{prefix}' must be text, got {type(node).__name__}")


def own_catalogue_file(lang: str) -> Path:
    for root in (PACKAGED_TEMPLATES, CHECKOUT_TEMPLATES):
        if (root / "messages" / f"{lang}.yaml").is_file():
            return root / "messages" / f"{lang}.yaml"
    raise FileNotFoundError(f"kemi's message catalogue messages/{lang}.yaml is not installed")


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every label of kemi's own catalogue in `lang` (fi or en; anything else reads as fi)."""
    path = own_catalogue_file(lang if lang in SCREEN_LANGS else "fi")
    text = path.read_bytes()

    def parse() -> Any:
        from ruamel.yaml import YAML

        return YAML(typ="safe").load(text)

    return labels_of(path, text, parse, ValueError)


def labels_of(path: Path, text: bytes, parse: Callable[[], Any], error: Callable[[str], Exception]) -> dict[str, str]:
    """The labels of the catalogue file `path` (whose bytes are `text`, `parse` its data) as
    dotted keys. Reading a catalogue's 50 kB of YAML takes 10 ms, which every command paid once
    or twice before printing a line, so the labels are kept in the user's cache (user_cache) as
    JSON, named by a hash of the file's bytes: an edited catalogue is read anew, and an entry that
    cannot be read is made again."""
    import hashlib
    import json

    from .cache_entries import keep_entry
    from .user_cache import own_cache_dir

    folder = own_cache_dir()
    entry = folder / f"labels-{hashlib.blake2b(text, digest_size=16).hexdigest()}.json" if folder else None
    if entry is not None:
        try:
            kept = json.loads(entry.read_bytes())
        except (OSError, ValueError):
            kept = None
        if isinstance(kept, dict) and all(isinstance(v, str) for v in kept.values()):
            return kept
    flat: dict[str, str] = {}
    flatten_labels("", parse(), flat, path, error)
    if entry is not None:
        keep_entry(entry, json.dumps(flat, ensure_ascii=False).encode("utf-8"))
    return flat
