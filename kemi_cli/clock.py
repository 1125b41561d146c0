"""Today's date, overridable for reproducible runs and tests (KEMI_TODAY=YYYY-MM-DD)."""

from __future__ import annotations

import datetime as dt
import os

from .errors import UsageError
from .periods import check_day
from .wording import Said

TODAY_ENV = "KEMI_TODAY"


def today() -> dt.date:
    """The date commands treat as today: KEMI_TODAY when set, else the system's date."""
    raw = os.environ.get(TODAY_ENV, "").strip()
    if not raw:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise UsageError(Said("cli.not_a_date", option=TODAY_ENV, text=raw)) from None
    return check_day(day, TODAY_ENV)
