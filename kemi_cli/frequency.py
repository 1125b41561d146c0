"""How often a KPI is measured, and the periods that fit it.

A yearly KPI (the source's financial indicators, most statistics) takes values for years, a
half-yearly one for half-years. Mixing the two would compare a half-year with a year; kemi refuses
a value at the other frequency wherever one enters (`kpi set`, every import, validation). A KPI
that states no frequency takes both, as before frequencies were stated.
"""

from __future__ import annotations

from typing import Literal, get_args

from .periods import Period
from .wording import Said

Frequency = Literal["year", "half-year"]
FREQUENCIES: tuple[str, ...] = get_args(Frequency)


def frequency_problem(kpi_id: str, frequency: str | None, period: Period) -> Said | None:
    """Why a value of KPI `kpi_id` cannot be for `period`, or None when it can."""
    if frequency == "year" and period.half is not None:
        return Said("cli.measured_yearly", id=kpi_id, year=period.year, period=period)
    if frequency == "half-year" and period.half is None:
        return Said("cli.measured_half_yearly", id=kpi_id, year=period.year, period=period)
    return None


def period_at_frequency(frequency: str | None, at: Period) -> Period:
    """The period a KPI measured at `frequency` reports in the review of `at`: for a yearly KPI in
    a half-year review, the latest year that has ended by the end of `at` (2026H1 → 2025,
    2026H2 → 2026); for a half-yearly KPI in an annual review, the year's second half."""
    if frequency == "year" and at.half is not None:
        return Period(at.year if at.half == 2 else at.year - 1)
    if frequency == "half-year" and at.half is None:
        return Period(at.year, 2)
    return at
