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
    return format_percent(_tidy(value) / 100, locale=BABEL_LOCALE[lang], decimal_quantization=False)


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


def format_date(day: dt.date, lang: Lang) -> str:
    if lang == "fi":
        return f"{day.day}.{day.month}.{day.year}"
    return _babel_format_date(day, format="long", locale=BABEL_LOCALE[lang])


def _tidy(value: float | int) -> float | int:
    """Drop a float's binary noise (0.1 + 0.2) and a whole float's '.0' before formatting."""
    if isinstance(value, float):
        value = round(value, 10)
        if value.is_integer():
            return int(value)
    return value
