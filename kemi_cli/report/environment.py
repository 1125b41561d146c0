"""The one Jinja environment factory, the template search path and the message catalogues.

Two environments share every filter: HTML (autoescape on) and Markdown (a filter that escapes
Markdown's special characters). Both use StrictUndefined, and a label missing from a language's
catalogue is an error, never an empty string.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..characters import isolated
from ..errors import KemiError
from ..models.common import DraftText, Text
from ..numbers import (
    LANGS,
    format_change,
    format_change_in_points,
    format_date,
    format_date_range,
    format_month_range,
    format_number,
    format_percent_value,
    format_timestamp,
    format_value,
    format_year,
    keep_units_together,
)
from ..periods import Period
from ..status import STATUS_SYMBOLS
from ..wording import CHECKOUT_TEMPLATES, PACKAGED_TEMPLATES, Said, labels_of

if TYPE_CHECKING:
    import jinja2

Family = Literal["html", "md"]


class TemplateError(KemiError):
    """A template or label is missing or broken; names what was looked for and where."""


def template_roots(data_dir: Path | None) -> list[Path]:
    """Where templates are looked for, first match wins: the data's project (`templates/` beside
    the data folder), then the packaged copy, then the checkout's."""
    roots = []
    if data_dir is not None:
        roots.append(data_dir.resolve().parent / "templates")
    roots += [PACKAGED_TEMPLATES, CHECKOUT_TEMPLATES]
    seen: list[Path] = []
    for root in roots:
        if root.is_dir() and root not in seen:
            seen.append(root)
    return seen


def find_template_file(roots: list[Path], relative: str) -> Path:
    for root in roots:
        candidate = root / relative
        if candidate.is_file():
            return candidate
    searched = ", ".join(str(r / relative) for r in roots) or Said("cli.template.no_folder")
    raise TemplateError(Said("cli.template.file_not_found", name=relative, searched=searched))


# ---------------------------------------------------------------- message catalogues


@dataclass(frozen=True)
class Messages:
    """Every fixed label of the documents, per language, as dotted keys (`status.on_track`)."""

    labels: dict[str, dict[str, str]]
    sources: dict[str, Path]

    def get(self, key: str, lang: str, **values: Any) -> str:
        try:
            text = self.labels[lang][key]
        except KeyError:
            where = self.sources.get(lang, Path(f"messages/{lang}.yaml"))
            raise TemplateError(Said("cli.template.label_missing", key=key, path=where)) from None
        return text.format(**values) if values else text


def load_messages(roots: list[Path]) -> Messages:
    from ..load import LoadFailed, load_file

    labels: dict[str, dict[str, str]] = {}
    sources: dict[str, Path] = {}
    for lang in LANGS:
        path = find_template_file(roots, f"messages/{lang}.yaml")

        def parse(path: Path = path) -> Any:
            try:
                return load_file(path).data
            except LoadFailed as failure:
                raise TemplateError(str(failure.finding)) from None

        try:
            text = path.read_bytes()
        except OSError:
            text = b""  # a catalogue that cannot be read: load_file says why
        labels[lang] = labels_of(path, text, parse, TemplateError)
        sources[lang] = path
    return Messages(labels, sources)


# ---------------------------------------------------------------- Markdown escaping

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=#]|\d+[.)])(?=\s|$)")


_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f\u2007]+")


def escape_markdown(text: object) -> str:
    """Text shown literally by any CommonMark renderer, on one line: special characters are
    backslash-escaped, newlines become spaces, and a leading list or heading marker is escaped."""
    # Every run of white space becomes one space, except the no-break spaces that keep a number
    # with its unit or "klo" with its time.
    flat = _BREAKING_SPACE.sub(" ", str(text)).strip(" ")
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    return _MD_LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), escaped)


def _escape_marker(marker: str) -> str:
    """`-` → `\\-`; an ordered list's `1.` → `1\\.` (the punctuation is what gets escaped)."""
    return marker[:-1] + "\\" + marker[-1]


def github_slug(text: str) -> str:
    """The anchor GitHub (and markdownlint) give a heading: lowercase, punctuation dropped,
    spaces as hyphens; letters such as ä and ö are kept."""
    kept = "".join(c for c in str(text).lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


# ---------------------------------------------------------------- filters


def text_in(value: Text | DraftText | str | None, lang: str) -> str:
    """The text of a bilingual field in `lang` (plain strings pass through)."""
    if value is None:
        return ""
    if isinstance(value, Text):
        return isolated(keep_units_together(getattr(value, lang)))
    if isinstance(value, DraftText):
        return isolated(keep_units_together(value.en if lang == "en" and value.en is not None else value.fi))
    return isolated(keep_units_together(str(value)))


def join_names(items: Iterable[Text | str], lang: str) -> str:
    """Names as a list in the language's words: "A, B ja C", "A, B, and C"."""
    from babel.lists import format_list

    return format_list([text_in(item, lang) for item in items], locale=lang)


def draft_text(value: DraftText | Text | None, lang: str, family: Family, messages: Messages) -> str:
    """A text written Finnish first, in `lang`: when its English awaits translation, an English
    document shows the Finnish, marked "(in Finnish)" and, in HTML, tagged lang="fi" so that a
    screen reader reads it in Finnish. Returned escaped for its family (no |md after it)."""
    import markupsafe

    if isinstance(value, DraftText) and lang == "en" and value.en is None:
        mark = messages.get("translation.in_finnish", lang)
        if family == "html":
            return markupsafe.Markup('<span lang="fi">{}</span> <span class="untranslated">({})</span>').format(value.fi, mark)
        return f"{escape_markdown(value.fi)} *({escape_markdown(mark)})*"
    text = text_in(value, lang)
    return markupsafe.escape(text) if family == "html" else escape_markdown(text)


def period_label(messages: Messages, period: Period | str, lang: str) -> str:
    """`2026` → `2026`; `2026H1` → `1–6/2026` / `H1 2026`."""
    period = period if isinstance(period, Period) else Period.parse(period)
    if period.half is None:
        return format_year(period.year)
    return messages.get(f"period.h{period.half}", lang, year=format_year(period.year))


def any_date(value: dt.date | str | None, lang: str, messages: Messages) -> str:
    """A phase's start or end: a date, or a period."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return format_date(value.date(), lang)  # type: ignore[arg-type]
    if isinstance(value, dt.date):
        return format_date(value, lang)  # type: ignore[arg-type]
    return period_label(messages, value, lang)


def _first_and_last_day(value: dt.date | str | Period) -> tuple[dt.date, dt.date]:
    if isinstance(value, dt.datetime):
        return value.date(), value.date()
    if isinstance(value, dt.date):
        return value, value
    period = value if isinstance(value, Period) else Period.parse(value)
    return period.start, period.end


def time_span(start: dt.date | str | None, end: dt.date | str | None, lang: str, messages: Messages) -> str:
    """A phase's or project's time as one span, read as a reader says it: `2024–2026`,
    `1–12/2025`, `7/2025–6/2026`, `1.3.–30.9.2026` / `2024–2026`, `Jan–Dec 2025`; an open end
    as `2025–`, an open start as `–2026`."""
    if start is None or end is None:
        return f"{any_date(start, lang, messages)}\u2013{any_date(end, lang, messages)}" if start or end else ""
    first, _ = _first_and_last_day(start)
    _, last = _first_and_last_day(end)
    if any(isinstance(v, dt.date) for v in (start, end)):
        if first.day != 1 or (last + dt.timedelta(days=1)).day != 1:
            return format_date_range(first, last, lang)  # type: ignore[arg-type]
    elif all(Period.parse(v).half is None for v in (start, end)):  # type: ignore[arg-type]
        return format_year(first.year) if first.year == last.year else f"{format_year(first.year)}\u2013{format_year(last.year)}"
    return format_month_range(first, last, lang)  # type: ignore[arg-type]


def compiled_template_cache() -> jinja2.BytecodeCache | None:
    """Compiling the report templates costs about 80 ms a run, so the compiled code is kept (Jinja
    checks each entry against its template's source: an edited template is compiled again, and the
    output is the same either way). Without a folder kemi may write, templates are compiled every run."""
    import jinja2

    from ..user_cache import own_cache_dir

    folder = own_cache_dir()
    if folder is None:
        return None

    class QuietCache(jinja2.FileSystemBytecodeCache):
        """A cache that can only save time: an entry that cannot be read is compiled again, and
        one that cannot be written (a full disk, say) is not kept."""

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # noqa: BLE001 - a damaged entry: pickle and marshal raise many kinds
                bucket.reset()

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    return QuietCache(str(folder))


def make_environment(family: Family, roots: list[Path], messages: Messages) -> jinja2.Environment:
    """The Jinja environment for one output family, with every filter and global registered."""
    import jinja2

    loader = jinja2.FileSystemLoader([str(root / family) for root in roots])
    env = jinja2.Environment(
        loader=loader,
        bytecode_cache=compiled_template_cache(),
        undefined=jinja2.StrictUndefined,
        autoescape=family == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    empty = "–"

    def t(key: str, lang: str, **values: Any) -> str:
        return messages.get(key, lang, **values)

    env.globals.update(
        t=t,
        status_symbol=STATUS_SYMBOLS,
        other_lang={"fi": "en", "en": "fi"},
    )
    env.filters.update(
        tx=text_in,
        names=join_names,
        card_fields=lambda fields, lang: join_names([messages.get(f"screen.card_field.{name}", lang) for name in fields], lang),
        draft=lambda text, lang: draft_text(text, lang, family, messages),
        value=lambda v, unit, lang: format_value(v, unit, lang, empty=empty),
        # A percentage changes by percentage points, not by per cent.
        change=lambda v, unit, lang: (
            format_change_in_points(v, lang, empty) if unit == "percent" else format_change(v, unit, lang, empty=empty)
        ),
        number=lambda v, lang, decimals=None: empty if v is None else format_number(v, lang, decimals),
        percent=lambda v, lang: empty if v is None else format_percent_value(v, lang),
        date=lambda d, lang: format_date(d.date() if isinstance(d, dt.datetime) else d, lang),
        daterange=lambda p, lang: format_date_range(p.start, p.end, lang),
        timestamp=format_timestamp,
        year=format_year,
        period=lambda p, lang: period_label(messages, p, lang),
        anydate=lambda d, lang: any_date(d, lang, messages),
        span=lambda start, end, lang: time_span(start, end, lang, messages),
        md=escape_markdown,
        slug=github_slug,
    )
    return env


@lru_cache(maxsize=8)
def _cached_environment(family: Family, roots: tuple[Path, ...]) -> tuple[jinja2.Environment, Messages]:
    messages = load_messages(list(roots))
    return make_environment(family, list(roots), messages), messages


def environment(family: Family, data_dir: Path | None) -> jinja2.Environment:
    return _cached_environment(family, tuple(template_roots(data_dir)))[0]


def render_template(family: Family, name: str, data_dir: Path | None, **context: Any) -> str:
    """Render `<family>/<name>` with StrictUndefined; a missing template names every folder searched."""
    import jinja2

    roots = template_roots(data_dir)
    env = environment(family, data_dir)
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        searched = ", ".join(str(r / family / name) for r in roots)
        raise TemplateError(Said("cli.template.not_found", name=f"{family}/{name}", searched=searched)) from None
    try:
        return template.render(**context)
    except jinja2.UndefinedError as error:
        # Jinja's own words (an undefined name, a syntax error) follow in its English.
        raise TemplateError(Said("cli.template.failed", name=f"{family}/{name}", reason=error.message)) from None
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(f"{error.filename}:{error.lineno}: {error.message}") from None
