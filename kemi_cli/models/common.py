"""Building blocks shared by every data file: bilingual text, ids, periods, numbers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictFloat, StrictInt

from ..limits import MAGNITUDE_TEXT, magnitude_problem, year_problem
from ..periods import PERIOD_PATTERN, PERIOD_RE, not_a_period  # noqa: F401 - the JSON Schema takes PERIOD_PATTERN from here

SLUG_PATTERN = r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN)


class Model(BaseModel):
    """Base of every data model: unknown keys are errors, and the data is read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_slug(value: str) -> str:
    if not _SLUG_RE.match(value):
        raise ValueError(
            f"'{value}' is not a valid id: use lowercase ASCII letters, digits, '_' or '-', "
            "for example 'tilikauden_tulos'"
        )
    return value


def _period_to_text(value: Any) -> Any:
    # YAML reads a bare year such as 2026 as a number; a period is always text.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _check_period(value: str) -> str:
    match = PERIOD_RE.match(value)
    if not match:
        raise ValueError(not_a_period(value))
    problem = year_problem(int(match.group(1)))
    if problem:
        raise ValueError(f"'{value}': {problem}")
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("text must not be empty")
    return value


def _check_magnitude(value: float | int) -> float | int:
    problem = magnitude_problem(value)
    if problem:
        raise ValueError(f"a value must be a finite number within {MAGNITUDE_TEXT}; this one is {problem.split(':')[0]}")
    return value


def _check_day(value: dt.date) -> dt.date:
    problem = year_problem(value.year)
    if problem:
        raise ValueError(f"{value.isoformat()}: {problem}")
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]
Period = Annotated[str, BeforeValidator(_period_to_text), AfterValidator(_check_period)]
NonEmptyStr = Annotated[str, AfterValidator(_check_text)]
Number = Annotated[StrictInt | StrictFloat, AfterValidator(_check_magnitude)]
Day = Annotated[dt.date, AfterValidator(_check_day)]  # a date within the years periods may have
Moment = Annotated[dt.date | dt.datetime, AfterValidator(_check_day)]  # a date, or a date and time


class Text(Model):
    """A human text in both languages of the city's documents."""

    fi: NonEmptyStr = Field(description="The text in Finnish, the language of the source.")
    en: NonEmptyStr = Field(description="The text in English.")


def is_slug(value: str) -> bool:
    return bool(_SLUG_RE.match(value))
