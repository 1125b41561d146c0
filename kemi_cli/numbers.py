"""Locale-correct numbers, percentages, money and dates (Babel), in Finnish and English.

Finnish: `19 400`, `13,5 %`, `18,9 milj. €`, `28.11.2026`.
English: `19,400`, `13.5%`, `€18.9 million`, `28 November 2026`.
Years and periods are never grouped (`2026`, not `2 026`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal, format_percent

Lang = Literal["fi", "en"]
LANGS: tuple[Lang, ...] = ("fi", "en")
NBSP = "\u00a0"

# Babel locales per language; English documents follow British usage (day month year).
BABEL_LOCALE = {"fi": "fi_FI", "en": "en_GB"}


def format_number(value: float | int, lang: Lang, decimals: int | None = None) -> str:
    """A plain number with the language's grouping and decimal sign; trailing zeros dropped
    unless `decimals` fixes them."""
    if decimals is not None:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=BABEL_LOCALE[lang], decimal_quantization=True)
    return format_decimal(_tidy(value), locale=BABEL_LOCALE[lang], decimal_quantization=False)


def format_percent_value(value: float | int, lang: Lang) -> str:
    """A value already in per cent (13.5 → `13,5 %` / `13.5%`)."""
    # Rounded after the division too: 5.9 / 100 is 0.059000000000000004 in binary.
    return format_percent(_tidy(_tidy(value) / 100), locale=BABEL_LOCALE[lang], decimal_quantization=False)


def format_million_euros(value: float | int, lang: Lang) -> str:
    """A value in millions of euros (18.9 → `18,9 milj. €` / `€18.9 million`)."""
    number = format_number(value, lang)
    if lang == "fi":
        return f"{number}{NBSP}milj.{NBSP}€"
    sign, digits = ("-", number[1:]) if number.startswith("-") else ("", number)
    return f"{sign}€{digits}{NBSP}million"


def format_euros(value: float | int, lang: Lang) -> str:
    number = format_number(value, lang)
    if lang == "fi":
        return f"{number}{NBSP}€"
    sign, digits = ("-", number[1:]) if number.startswith("-") else ("", number)
    return f"{sign}€{digits}"


def format_value(value: float | int | None, unit: str, lang: Lang, empty: str = "–") -> str:
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


def format_change(value: float | int | None, unit: str, lang: Lang, empty: str = "–") -> str:
    """A change between two values, always signed (`+1,5 %`, `−30`)."""
    if value is None:
        return empty
    text = format_value(abs(value), unit, lang)
    if value > 0:
        return "+" + text
    if value < 0:
        return "\u2212" + text
    return text


def format_change_in_points(value: float | int | None, lang: Lang, empty: str = "–") -> str:
    """A change of a percentage, in percentage points: `+0,7 %-yks.` / `+0.7 pp`."""
    if value is None:
        return empty
    number = format_number(abs(value), lang)
    sign = "+" if value > 0 else "\u2212" if value < 0 else ""
    unit = f"{NBSP}%-yks." if lang == "fi" else f"{NBSP}pp"
    return f"{sign}{number}{unit}"


def format_date(day: dt.date, lang: Lang) -> str:
    if lang == "fi":
        return f"{day.day}.{day.month}.{day.year}"
    return _babel_format_date(day, format="long", locale=BABEL_LOCALE[lang])


def format_year(year: int) -> str:
    """A year as written in running text: never grouped (`2026`, not `2 026`)."""
    return str(int(year))


def format_date_range(start: dt.date, end: dt.date, lang: Lang) -> str:
    """A span of days: `1.1.–30.6.2026` / `1 January 2026 – 30 June 2026`."""
    if lang == "fi":
        first = f"{start.day}.{start.month}." if start.year == end.year else format_date(start, lang)
        return f"{first}\u2013{format_date(end, lang)}"
    return f"{format_date(start, lang)} \u2013 {format_date(end, lang)}"


def format_timestamp(moment: dt.datetime, lang: Lang) -> str:
    """A moment in UTC, stated as such: `28.11.2026 klo 12.05 UTC` / `28 November 2026 at 12:05 UTC`."""
    moment = moment.astimezone(dt.timezone.utc) if moment.tzinfo else moment
    if lang == "fi":
        return f"{format_date(moment.date(), lang)} klo {moment.hour}.{moment.minute:02d} UTC"
    return f"{format_date(moment.date(), lang)} at {moment.hour:02d}:{moment.minute:02d} UTC"


def _tidy(value: float | int) -> float | int:
    """Drop a float's binary noise (0.1 + 0.2) and a whole float's '.0' before formatting."""
    if isinstance(value, float):
        value = round(value, 10)
        if value.is_integer():
            return int(value)
    return value
