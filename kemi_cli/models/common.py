"""Building blocks shared by every data file: bilingual text, ids, periods, numbers."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictFloat, StrictInt

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
    if not PERIOD_RE.match(value):
        raise ValueError(not_a_period(value))
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("text must not be empty")
    return value


def _check_finite(value: float) -> float | int:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("a value must be a finite number")
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]
Period = Annotated[str, BeforeValidator(_period_to_text), AfterValidator(_check_period)]
NonEmptyStr = Annotated[str, AfterValidator(_check_text)]
Number = Annotated[StrictInt | StrictFloat, AfterValidator(_check_finite)]


class Text(Model):
    """A human text in both languages of the city's documents."""

    fi: NonEmptyStr = Field(description="The text in Finnish, the language of the source.")
    en: NonEmptyStr = Field(description="The text in English.")


def is_slug(value: str) -> bool:
    return bool(_SLUG_RE.match(value))
