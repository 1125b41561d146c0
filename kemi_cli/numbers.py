"""Locale-correct numbers, percentages, money and dates (Babel), in Finnish and English.

Finnish: `19 400`, `13,5 %`, `18,9 milj. €`, `28.11.2026`.
English: `19,400`, `13.5%`, `€18.9 million`, `28 November 2026`.
Years and periods are never grouped (`2026`, not `2 026`).

Babel is imported by the functions that call it: every command module imports this one, and
most commands format nothing before they have read the data.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Literal

from .wording import Said

if TYPE_CHECKING:
    from babel import Locale

Lang = Literal["fi", "en"]
LANGS: tuple[Lang, ...] = ("fi", "en")
NBSP = "\u00a0"

# Babel locales per language; English documents follow British usage (day month year). Finnish
# is "fi": fi_FI adds only week data, which kemi never formats, and costs a second locale file.
BABEL_LOCALE = {"fi": "fi", "en": "en_GB"}


@cache
def babel_locale(lang: Lang) -> Locale:
    """The language's Babel locale, parsed once: given a name, Babel parses it again for every
    symbol of every number (a report formats tens of thousands)."""
    from babel import Locale

    return Locale.parse(BABEL_LOCALE[lang])


# A space a line must not break at in a written text: between a number and its unit or scale
# ("2 milj. €", "13,5 %", "2 million") and inside a unit ("milj. €"), as the numbers kemi
# formats already have (Kielitoimisto: a unit is not left alone at the start of a line).
_UNIT_SPACE = re.compile(r"(?<=\d) (?=(?:milj\.|mrd\.|%|€|million\b|billion\b))|(?<=\bmilj\.) (?=€)|(?<=\bmrd\.) (?=€)")


def keep_units_together(text: str) -> str:
    """`text` with no-break spaces where a line must not break between a number and its unit."""
    return _UNIT_SPACE.sub(NBSP, text)


MINUS = "\u2212"  # the minus sign of every document, in either language (Babel's English writes "-")


def with_minus(text: str) -> str:
    """`text` with a leading hyphen-minus written as the minus sign."""
    return MINUS + text[1:] if text.startswith("-") else text


def format_number(value: float, lang: Lang, decimals: int | None = None) -> str:
    """A plain number with the language's grouping and decimal sign; trailing zeros dropped
    unless `decimals` fixes them; a negative one with the minus sign (U+2212)."""
    from babel.numbers import format_decimal

    if decimals is not None:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return with_minus(format_decimal(value, format=pattern, locale=babel_locale(lang), decimal_quantization=True))
    return with_minus(format_decimal(_tidy(value), locale=babel_locale(lang), decimal_quantization=False))


def format_percent_value(value: float, lang: Lang) -> str:
    """A value already in per cent (13.5 → `13,5 %` / `13.5%`)."""
    from babel.numbers import format_percent

    # Rounded after the division too: 5.9 / 100 is 0.059000000000000004 in binary.
    return with_minus(format_percent(_tidy(_tidy(value) / 100), locale=babel_locale(lang), decimal_quantization=False))


def format_million_euros(value: float, lang: Lang) -> str:
    """A value in millions of euros (18.9 → `18,9 milj. €` / `€18.9 million`)."""
    number = format_number(value, lang)
    if lang == "fi":
        return f"{number}{NBSP}milj.{NBSP}€"
    sign, digits = (MINUS, number[1:]) if number.startswith(MINUS) else ("", number)
    return f"{sign}€{digits}{NBSP}million"


def format_euros(value: float, lang: Lang) -> str:
    number = format_number(value, lang)
    if lang == "fi":
        return f"{number}{NBSP}€"
    sign, digits = (MINUS, number[1:]) if number.startswith(MINUS) else ("", number)
    return f"{sign}€{digits}"


def format_value(value: float | None, unit: str, lang: Lang, empty: str = "–") -> str:
    """A KPI value in its unit, as a report shows it; `empty` for a missing value."""
    if value is None:
        return empty
    if unit == "percent":
        return format_percent_value(value, lang)
    if unit == "meur":
        return format_million_euros(value, lang)
    if unit == "eur":
        return format_euros(value, lang)
    if unit == "count":
        return format_number(value, lang, decimals=0)
    return format_number(value, lang)


def format_change(value: float | None, unit: str, lang: Lang, empty: str = "–") -> str:
    """A change between two values, always signed (`+1,5 %`, `−30`)."""
    if value is None:
        return empty
    text = format_value(abs(value), unit, lang)
    if value > 0:
        return "+" + text
    if value < 0:
        return MINUS + text
    return text


def format_change_in_points(value: float | None, lang: Lang, empty: str = "–") -> str:
    """A change of a percentage, in percentage points: `+0,7 %-yks.` / `+0.7 pp`."""
    if value is None:
        return empty
    number = format_number(abs(value), lang)
    sign = "+" if value > 0 else MINUS if value < 0 else ""
    unit = f"{NBSP}%-yks." if lang == "fi" else f"{NBSP}pp"
    return f"{sign}{number}{unit}"


def format_date(day: dt.date, lang: Lang) -> str:
    if lang == "fi":
        return f"{day.day}.{day.month}.{day.year}"
    from babel.dates import format_date as babel_format_date

    return babel_format_date(day, format="long", locale=babel_locale(lang))


def format_year(year: int) -> str:
    """A year as written in running text: never grouped (`2026`, not `2 026`)."""
    return str(int(year))


def format_month_range(start: dt.date, end: dt.date, lang: Lang) -> str:
    """The months from `start`'s to `end`'s: `1–12/2025`, `7/2025–6/2026` / `Jan–Dec 2025`,
    `Jul 2025 – Jun 2026`; a single month alone (`3/2026` / `Mar 2026`)."""
    if lang == "fi":
        if (start.year, start.month) == (end.year, end.month):
            return f"{end.month}/{end.year}"
        if start.year == end.year:
            return f"{start.month}\u2013{end.month}/{end.year}"
        return f"{start.month}/{start.year}\u2013{end.month}/{end.year}"
    from babel.dates import format_date as babel_format_date

    def month(day: dt.date, pattern: str) -> str:
        return babel_format_date(day, format=pattern, locale=babel_locale(lang))

    if (start.year, start.month) == (end.year, end.month):
        return month(end, "MMM y")
    if start.year == end.year:
        return f"{month(start, 'MMM')}\u2013{month(end, 'MMM y')}"
    return f"{month(start, 'MMM y')} \u2013 {month(end, 'MMM y')}"


def format_date_range(start: dt.date, end: dt.date, lang: Lang) -> str:
    """A span of days: `1.1.–30.6.2026` / `1 January 2026 – 30 June 2026`."""
    if lang == "fi":
        first = f"{start.day}.{start.month}." if start.year == end.year else format_date(start, lang)
        return f"{first}\u2013{format_date(end, lang)}"
    return f"{format_date(start, lang)} \u2013 {format_date(end, lang)}"


LOCAL_TIME_ZONE = "Europe/Helsinki"


def format_timestamp(moment: dt.datetime, lang: Lang) -> str:
    """A moment in Finnish local time (a naive one is UTC): `28.11.2026 klo 14.05` (a Finnish
    reader's own time, unmarked) / `28 November 2026 at 14:05 Finnish time (EET)`."""
    from zoneinfo import ZoneInfo

    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    local = aware.astimezone(ZoneInfo(LOCAL_TIME_ZONE))
    if lang == "fi":
        return f"{format_date(local.date(), lang)} klo{NBSP}{local.hour}.{local.minute:02d}"
    return f"{format_date(local.date(), lang)} at {local.hour:02d}:{local.minute:02d} Finnish time ({local.tzname()})"


def _tidy(value: float) -> float | int:
    """Drop a float's binary noise (0.1 + 0.2) and a whole float's '.0' before formatting."""
    if isinstance(value, float):
        value = round(value, 10)
        if value.is_integer():
            return int(value)
    return value


# ---------------------------------------------------------------- parsing numbers as people type them

# Spaces people (and Babel, and spreadsheets) put between digit groups: space, no-break space,
# narrow no-break space, thin space.
GROUP_SPACES = " \u00a0\u202f\u2009"
MINUS_SIGNS = "\u2212\u2013"  # the typographic minus Babel writes, and an en dash typed for one
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_LEADING_NUMBER = re.compile(r"^[+-]?\d[\d.,]*")


class Figure:
    """A value in a KPI's unit, said in the language of the line it is printed in (a Said's value)."""

    __slots__ = ("unit", "value")

    def __init__(self, value: float | None, unit: str) -> None:
        self.value = value
        self.unit = unit

    def in_lang(self, lang: str) -> str:
        return format_value(self.value, self.unit, "en" if lang == "en" else "fi")

    def __str__(self) -> str:
        return self.in_lang("en")


class Day:
    """A day, said in the language of the line it is printed in (a Said's value): 15.8.2026, 15 August 2026."""

    __slots__ = ("day",)

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def in_lang(self, lang: str) -> str:
        return format_date(self.day, "en" if lang == "en" else "fi")

    def __str__(self) -> str:
        return self.day.isoformat()


class NotANumber(ValueError):
    """Text that is not a number kemi accepts; the message says what was understood."""


def has_percent_sign(text: str) -> bool:
    return text.strip().endswith("%")


def parse_number(text: str, lang: Lang | None = None) -> int | float:
    """A number as a person types it: `13,5`, `19 400`, `19\u00a0400`, `13,5 %`, `-18,9`,
    `1 234,5`, `13.5`, `19400`. A whole number comes back as an int.

    Without `lang` (how kemi reads what people type): a comma is the decimal sign, as in
    Finnish, and so is a point, as in English; spaces of any kind group digits in threes; a
    number with both a comma and a point is refused as ambiguous. With `lang`, the text is read
    as that language writes numbers (English `19,400.5`), which is how kemi's own formatted
    output reads back. A trailing `%` is allowed (see has_percent_sign).
    Raises NotANumber with a message that shows what was understood.
    """
    from babel.numbers import NumberFormatError, parse_decimal

    compact = text.strip()
    if compact.endswith("%"):
        compact = compact[:-1].rstrip(GROUP_SPACES)
    for minus in MINUS_SIGNS:
        compact = compact.replace(minus, "-")
    if lang == "en":
        locale, group_sign, group_signs = babel_locale("en"), ",", GROUP_SPACES + ","
    else:
        if lang is None:
            _refuse_ambiguous_comma(text, compact)
        if lang is None and "," in compact and "." in compact:
            raise NotANumber(Said("cli.not_a_number.comma_and_point", text=text))
        # Babel reads Finnish; a decimal point typed the English way is read as the comma.
        locale, group_sign, group_signs = babel_locale("fi"), NBSP, GROUP_SPACES
        compact = compact.replace(".", ",")
    ungrouped = "".join(c for c in compact if c not in group_signs)
    if not _PLAIN_NUMBER.match(ungrouped):
        raise NotANumber(_not_a_number(text, ungrouped))
    # Babel checks that the digits are grouped in threes, in the locale's own group sign.
    grouped = "".join(group_sign if c in group_signs else c for c in compact).lstrip("+")
    try:
        parsed = parse_decimal(grouped, locale=locale, strict=True)
    except NumberFormatError:
        raise NotANumber(Said("cli.not_a_number.groups_of_three", text=text, ungrouped=ungrouped)) from None
    return _int_if_whole(parsed)


# A comma followed by exactly three digits and nothing else: 19,420 is 19,42 to a Finn and
# 19 420 to anyone who groups thousands with a comma, and a spreadsheet may have written either.
_AMBIGUOUS_COMMA = re.compile(r"^([+-]?)([1-9]\d{0,2}),(\d{3})$")


def _refuse_ambiguous_comma(text: str, compact: str) -> None:
    match = _AMBIGUOUS_COMMA.match(compact)
    if match is None:
        return
    sign, whole, part = match.groups()
    decimals = part.rstrip("0")
    as_decimal = f"{sign}{whole},{decimals}" if decimals else f"{sign}{whole}"
    # Three significant decimals cannot be written with a comma unambiguously; a point can.
    decimal_written = f"{sign}{whole}.{part}" if len(decimals) == 3 else as_decimal
    as_thousands = f"{sign}{whole}{part}"
    raise NotANumber(
        Said(
            "cli.not_a_number.ambiguous", text=text, decimal=as_decimal, thousands=as_thousands,
            decimal_written=decimal_written, spaced=f"{sign}{whole} {part}",
        )
    )


# The unit forms kemi prints (format_value), which it reads back: each pattern takes the number
# out of a value written with its unit, read in the language of that form (None: as people type).
_S = f"[{GROUP_SPACES}]*"
_SIGN = f"(?P<sign>[-+{MINUS_SIGNS}]?)"
UNIT_FORMS: dict[str, tuple[tuple[re.Pattern[str], Lang | None], ...]] = {
    "percent": ((re.compile(rf"^(?P<number>.*?){_S}%$"), None),),
    "meur": (
        (re.compile(rf"^(?P<number>.*?){_S}milj\.?{_S}€$", re.IGNORECASE), None),
        (re.compile(rf"^{_SIGN}{_S}€{_S}(?P<number>.*?){_S}million$", re.IGNORECASE), "en"),
    ),
    "eur": (
        (re.compile(rf"^(?P<number>.*?){_S}€$"), None),
        (re.compile(rf"^{_SIGN}{_S}€{_S}(?P<number>.*)$"), "en"),
    ),
}
# What marks a value as written with a unit: kemi refuses a unit that is not the KPI's own.
_UNIT_MARK = re.compile(r"[%€]|milj|million", re.IGNORECASE)


def parse_in_unit(text: str, unit: str) -> int | float:
    """A value typed for a KPI measured in `unit`: a number as parse_number reads it, bare or
    with its unit as kemi itself prints it (`13,5 %`, `17,8 milj. €`, `1 234,56 €`, `€17.8
    million`). A form of another unit is refused with the forms this unit accepts."""
    compact = text.strip()
    for pattern, lang in UNIT_FORMS.get(unit, ()):
        match = pattern.match(compact)
        if match:
            sign = (match.groupdict().get("sign") or "")
            return parse_number(sign + match["number"], lang)
    if _UNIT_MARK.search(compact):
        accepted = Said(f"cli.unit_examples.{unit if unit in UNIT_FORMS else 'other'}")
        raise NotANumber(Said("cli.not_a_number.other_unit", text=text, unit=Said(f"cli.unit_description.{unit}"), accepted=accepted))
    return parse_number(compact)


def _not_a_number(text: str, ungrouped: str) -> Said:
    if not any(c.isdigit() for c in text):
        return Said("cli.not_a_number.no_digits", text=text)
    leading = _LEADING_NUMBER.match(ungrouped)
    if leading is None:
        return Said("cli.not_a_number.no_leading_digit", text=text)
    number, rest = leading.group(0), ungrouped[leading.end():]
    if rest:
        return Said("cli.not_a_number.trailing", text=text, number=number, rest=rest)
    if number.endswith((",", ".")):
        return Said("cli.not_a_number.no_decimals", text=text)
    return Said("cli.not_a_number.two_decimal_signs", text=text)


def _int_if_whole(parsed: Decimal) -> int | float:
    if parsed == parsed.to_integral_value():
        return int(parsed)
    return float(parsed)
