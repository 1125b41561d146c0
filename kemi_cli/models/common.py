"""Building blocks shared by every data file: bilingual text, ids, periods, numbers.

A rule a validator here applies raises ValueError with a Said, so that `kemi validate` says
it in the screen's language (validate.py reads it back from pydantic's error)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictFloat, StrictInt

from ..limits import magnitude_problem, year_problem
from ..periods import PERIOD_PATTERN, PERIOD_RE, not_a_period  # noqa: F401 - the JSON Schema takes PERIOD_PATTERN from here
from ..wording import Said

SLUG_PATTERN = r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN)


class Model(BaseModel):
    """Base of every data model: unknown keys are errors, and the data is read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_slug(value: str) -> str:
    if not _SLUG_RE.match(value):
        raise ValueError(Said("cli.schema.bad_id", value=value))
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
        raise ValueError(Said("cli.period_not_taken", text=value, problem=problem))
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError(Said("cli.schema.empty_text"))
    return value


def _check_magnitude(value: float) -> float | int:
    problem = magnitude_problem(value)
    if problem:
        raise ValueError(Said("cli.schema.out_of_range", problem=problem))
    return value


def _check_day(value: dt.date) -> dt.date:
    problem = year_problem(value.year)
    if problem:
        raise ValueError(Said("cli.schema.day", day=value.isoformat(), problem=problem))
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]
Period = Annotated[str, BeforeValidator(_period_to_text), AfterValidator(_check_period)]
NonEmptyStr = Annotated[str, AfterValidator(_check_text)]
Number = Annotated[StrictInt | StrictFloat, AfterValidator(_check_magnitude)]
Day = Annotated[dt.date, AfterValidator(_check_day)]  # a date within the years periods may have
Moment = Annotated[dt.date | dt.datetime, AfterValidator(_check_day)]  # a date, or a date and time


def _not_a_flag(value: Any) -> Any:
    # needs_confirmation was once true or false; say what it holds now rather than "expected a list".
    if isinstance(value, bool):
        # A ValueError, not a TypeError: pydantic reports a ValueError at its place; a TypeError would escape as a crash.
        raise ValueError(Said("cli.schema.needs_confirmation_flag"))  # noqa: TRY004
    return value


# The type of a `needs_confirmation` list is Annotated[list[Literal[<fields>]], NotAFlag]: names of
# the model's own fields whose content is a reading of the source, an assumption or a suggestion
# that awaits the city's confirmation.
NotAFlag = BeforeValidator(_not_a_flag)


NEEDS_CONFIRMATION_DESCRIPTION = (
    "The fields whose content is not stated by the source and awaits the city's confirmation: an optional "
    "field is left empty and its candidates are written in the note; a required one holds the likeliest "
    "reading. `kemi validate` warns of each."
)


class Text(Model):
    """A human text in both languages of the city's documents."""

    fi: NonEmptyStr = Field(description="The text in Finnish, the language of the source.")
    en: NonEmptyStr = Field(description="The text in English.")


def is_slug(value: str) -> bool:
    return bool(_SLUG_RE.match(value))


class DraftText(Model):
    """A human text written in Finnish first: the English may follow later. Until it does, the
    text awaits translation; `kemi validate` lists it and English documents show the Finnish,
    marked as such."""

    fi: NonEmptyStr = Field(description="The text in Finnish, the language it is written in.")
    en: NonEmptyStr | None = Field(None, description="The text in English; empty while it awaits translation.")

    @property
    def awaits_translation(self) -> bool:
        return self.en is None
