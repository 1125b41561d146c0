"""Numbers as people type them (parse_number) and as kemi writes them (format_*), in both languages."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kemi_cli.numbers import (
    NBSP,
    NotANumber,
    format_change,
    format_number,
    format_percent_value,
    format_timestamp,
    format_value,
    has_percent_sign,
    keep_units_together,
    parse_in_unit,
    parse_number,
)

ACCEPTED = [
    ("13,5", 13.5),
    ("19 400", 19400),
    ("19\u00a0400", 19400),  # no-break space, as Babel and spreadsheets write it
    ("19\u202f400", 19400),  # narrow no-break space
    ("13,5 %", 13.5),
    ("13,5\u00a0%", 13.5),
    ("13,5%", 13.5),
    ("-18,9", -18.9),
    ("\u221218,9", -18.9),  # the typographic minus kemi itself writes
    ("1 234,5", 1234.5),
    ("1 234 567,25", 1234567.25),
    ("13.5", 13.5),
    ("19400", 19400),
    ("+5", 5),
    ("0,05", 0.05),
    ("  42  ", 42),
    ("2,0", 2),
]

REFUSED = [
    ("1,234.5", "both a comma and a point"),
    ("1.234,5", "both a comma and a point"),
    ("abc", "no digits"),
    ("", "no digits"),
    ("12abc", "'12' reads as one, but not 'abc'"),
    ("19400,", "ends with a decimal sign"),
    ("12 34", "would read as 1234"),
    ("1 2345", "would read as 12345"),
    ("1.234.567", "more than one decimal sign"),
    ("1e3", "not 'e3'"),
    (",5", "write 0,5"),
    ("nan", "no digits"),
    ("--5", "does not start with a digit"),
    # A comma before exactly three digits: a decimal comma or a thousands separator?
    ("19,420", "may be a decimal sign (19,42) or a thousands separator (19420); write 19,42 for the first, 19420 or 19 420 for the second"),
    ("1,000", "may be a decimal sign (1) or a thousands separator (1000)"),
    ("-2,500", "(-2,5) or a thousands separator (-2500)"),
    ("19,420 %", "is ambiguous"),
]

# Not ambiguous: more or fewer than three decimals, a leading zero, grouped thousands before.
NOT_AMBIGUOUS = [("19,42", 19.42), ("19,4200", 19.42), ("0,500", 0.5), ("1234,567", 1234.567), ("1 234,567", 1234.567)]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_accepts_what_people_type(text: str, expected: float) -> None:
    value = parse_number(text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(("text", "understood"), REFUSED)
def test_refuses_with_what_was_understood(text: str, understood: str) -> None:
    with pytest.raises(NotANumber) as raised:
        parse_number(text)
    message = str(raised.value)
    assert f"'{text}'" in message
    assert understood in message


@pytest.mark.parametrize(("text", "expected"), NOT_AMBIGUOUS)
def test_a_comma_is_a_decimal_sign_where_it_cannot_be_a_thousands_separator(text: str, expected: float) -> None:
    assert parse_number(text) == expected


# The forms kemi prints a value in (format_value), in both languages, read back for their unit.
IN_UNIT = [
    ("17,8 milj. €", "meur", 17.8),
    ("17,8\u00a0milj.\u00a0€", "meur", 17.8),
    ("\u221217,8 milj. €", "meur", -17.8),
    ("€17.8 million", "meur", 17.8),
    ("-€2.5\u00a0million", "meur", -2.5),
    ("1 234,56 €", "eur", 1234.56),
    ("€1,234.56", "eur", 1234.56),
    ("13,5 %", "percent", 13.5),
    ("13.5%", "percent", 13.5),
    ("17,8", "meur", 17.8),
    ("19 420", "count", 19420),
]


@pytest.mark.parametrize(("text", "unit", "expected"), IN_UNIT)
def test_values_read_with_the_unit_kemi_prints(text: str, unit: str, expected: float) -> None:
    assert parse_in_unit(text, unit) == expected


@pytest.mark.parametrize(
    ("text", "unit", "meaning", "accepted"),
    [
        ("17,8 milj. €", "percent", "a percentage from 0 to 100", "write 13,5 or 13,5 %"),
        ("13,5 %", "meur", "millions of euros", "write 17,8 or 17,8 milj. € (€17.8 million)"),
        ("1 234 €", "count", "a whole number of things or people", "write a plain number, such as 19 400 or 13,5"),
        ("17,8 million", "eur", "euros", "write 1 234,56 or 1 234,56 € (€1,234.56)"),
    ],
)
def test_another_units_form_is_refused_with_the_forms_accepted(text: str, unit: str, meaning: str, accepted: str) -> None:
    with pytest.raises(NotANumber) as raised:
        parse_in_unit(text, unit)
    assert str(raised.value) == f"'{text}' is written in another unit: this KPI's values are {meaning}; {accepted}"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["percent", "meur", "eur", "count", "index"]), st.sampled_from(["fi", "en"]), st.integers(0, 10**7))
def test_every_value_kemi_prints_reads_back_in_its_unit(unit: str, lang: str, hundredths: int) -> None:
    value = hundredths / 100 if unit != "count" else hundredths
    if unit == "percent":
        value = value % 100
    printed = format_value(value, unit, lang)  # type: ignore[arg-type]
    try:
        assert parse_in_unit(printed, unit) == pytest.approx(value)
    except NotANumber as refused:  # only a comma before three digits, in either reading
        assert "is ambiguous" in str(refused) or lang == "en"
        assert "," in printed


def test_english_reading_takes_commas_as_groups() -> None:
    assert parse_number("19,400.5", "en") == 19400.5
    assert parse_number("19,400", "en") == 19400
    with pytest.raises(NotANumber):
        parse_number("19,40", "en")


def test_percent_sign_is_seen() -> None:
    assert has_percent_sign("13,5 %")
    assert not has_percent_sign("13,5")


def test_formatting_is_unchanged_by_parsing() -> None:
    assert format_number(19400, "fi") == "19\u00a0400"
    assert format_number(19400, "en") == "19,400"
    assert format_percent_value(13.5, "fi") == "13,5\u00a0%"
    assert format_change(-0.6, "percent", "fi") == "\u22120,6\u00a0%"


def assert_reads_back(printed: str, value: float) -> None:
    """`printed` (Finnish) reads back as `value`, or, when it is a comma before exactly three
    digits (1,234), is refused as ambiguous."""
    if re.fullmatch(r"[-+\u2212]?[1-9]\d{0,2},\d{3}(\u00a0%)?", printed):
        with pytest.raises(NotANumber, match="is ambiguous"):
            parse_number(printed)
        return
    assert parse_number(printed) == value


# Values as kemi stores them: at most four decimals, within the range of the city's figures.
stored_values = st.decimals(
    min_value=Decimal(-1000000000), max_value=Decimal(1000000000), places=4, allow_nan=False, allow_infinity=False
).map(lambda d: int(d) if d == d.to_integral_value() else float(d))


@settings(max_examples=300, deadline=None)
@given(stored_values)
def test_finnish_formatting_reads_back(value: float) -> None:
    assert_reads_back(format_number(value, "fi"), value)
    assert_reads_back(format_change(value, "index", "fi"), value)


@settings(max_examples=300, deadline=None)
@given(stored_values)
def test_english_formatting_reads_back_in_english(value: float) -> None:
    assert parse_number(format_number(value, "en"), "en") == value
    assert parse_number(format_change(value, "index", "en"), "en") == value


@settings(max_examples=300, deadline=None)
@given(stored_values.filter(lambda v: 0 <= v <= 100))
def test_percentages_read_back_in_both_languages(value: float) -> None:
    assert_reads_back(format_value(value, "percent", "fi"), value)
    assert parse_number(format_value(value, "percent", "en"), "en") == value


@settings(max_examples=300, deadline=None)
@given(stored_values)
def test_plain_english_typing_reads_without_a_language(value: float) -> None:
    # An English user types 13.5 and 19400, without groups.
    typed = format_number(value, "en").replace(",", "")
    assert parse_number(typed) == value


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 ,.-+%abe\u00a0\u2212", max_size=12))
def test_any_text_is_a_number_or_a_clear_refusal(text: str) -> None:
    try:
        value = parse_number(text)
    except NotANumber as refused:
        assert f"'{text}'" in str(refused)
    else:
        assert isinstance(value, (int, float))
        # What was accepted formats back to text that reads as the same value.
        assert_reads_back(format_number(value, "fi"), value)


def test_a_negative_number_has_the_minus_sign_in_both_languages() -> None:
    assert format_number(-3, "en") == "\u22123"
    assert format_value(-18.9, "meur", "en") == "\u2212€18.9\u00a0million"
    assert format_value(-18.9, "meur", "fi") == "\u221218,9\u00a0milj.\u00a0€"
    assert format_value(-1.5, "percent", "en") == "\u22121.5%"
    assert "-" not in format_change(-2500, "eur", "en")


def test_times_are_helsinki_time_summer_and_winter() -> None:
    summer = dt.datetime(2026, 7, 25, 17, 20, tzinfo=dt.UTC)
    winter = dt.datetime(2026, 11, 28, 23, 5, tzinfo=dt.UTC)
    assert format_timestamp(summer, "fi") == "25.7.2026 klo\u00a020.20"
    assert format_timestamp(winter, "fi") == "29.11.2026 klo\u00a01.05"  # past midnight in Finland
    assert format_timestamp(winter, "en") == "29 November 2026 at 01:05 Finnish time (EET)"


def test_phase_and_project_times_read_as_a_reader_says_them() -> None:
    from kemi_cli.report.environment import time_span
    from kemi_cli.report.render import messages_for

    messages = messages_for(None)
    cases = {
        ("2025H1", "2025H2", "fi"): "1\u201312/2025",
        ("2025H2", "2026H1", "fi"): "7/2025\u20136/2026",
        ("2024", "2024", "fi"): "2024",
        ("2024", "2026", "en"): "2024\u20132026",
        ("2025", "2025H2", "en"): "Jan\u2013Dec 2025",
        ("2025H1", dt.date(2025, 12, 31), "fi"): "1\u201312/2025",
        (dt.date(2026, 3, 15), dt.date(2026, 9, 30), "fi"): "15.3.\u201330.9.2026",
        ("2025", None, "fi"): "2025\u2013",
    }
    for (start, end, lang), expected in cases.items():
        assert time_span(start, end, lang, messages) == expected, (start, end, lang)


def test_a_written_unit_stays_on_the_line_of_its_number() -> None:
    assert keep_units_together("Vuosittainen ylijäämä yli 2 milj. €") == f"Vuosittainen ylijäämä yli 2{NBSP}milj.{NBSP}€"
    assert keep_units_together("over €2 million, 13,5 % and 4 %") == f"over €2{NBSP}million, 13,5{NBSP}% and 4{NBSP}%"
    assert keep_units_together("Oulu 2026 – kulttuuri 2024 ja 2025") == "Oulu 2026 – kulttuuri 2024 ja 2025"
