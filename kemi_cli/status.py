"""The one status rule of kemi, and its roll-ups. Pure functions: reports, `kemi kpi list` and
`kemi status` all call `kpi_status`.

The rule, for a KPI evaluated at a period P (the README states the same):

1. The latest current actual at or before P is the one judged; none → `no_data`.
2. No target value → `no_data` (nothing to judge against).
3. The target is met when the actual compares with the target value as the target's
   comparator says (default: `>=` for increase/at_least, `<=` for decrease/at_most) → `on_track`.
4. A level to keep (`at_least`, `at_most`) or a yearly target (`every_year`) that is not met:
   within 2 % of the target value → `at_risk`, otherwise `off_track`.
5. A change to make (`increase`, `decrease`) that is not met yet:
   - after the target's due date → `off_track`;
   - with a baseline: `progress` is the share of the distance from baseline to target that the
     actual has covered, `expected` the share of the time from the baseline's start to the
     target's due date that has elapsed at the end of P. progress ≥ expected → `on_track`;
     progress ≥ expected − 0.25 and not moving the wrong way → `at_risk`; else `off_track`;
   - without a baseline: `at_risk` (not met, and no way to tell whether it is on course).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .periods import Period

if TYPE_CHECKING:  # the models only type the arguments; the command line reads STATUSES without them
    from .models.kpis import Actual, Kpi
    from .models.strategy import StrategyPeriod

Status = Literal["on_track", "at_risk", "off_track", "no_data"]
STATUSES: tuple[Status, ...] = ("on_track", "at_risk", "off_track", "no_data")
# Shapes that differ without colour, for terminals and documents; the word is shown beside them.
STATUS_SYMBOLS: dict[Status, str] = {"on_track": "✓", "at_risk": "▲", "off_track": "✗", "no_data": "○"}

KEEP_LEVEL_TOLERANCE = 0.02
AT_RISK_MARGIN = 0.25


@dataclass(frozen=True)
class KpiStatus:
    status: Status
    reason: str
    actual: Actual | None = None
    progress: float | None = None
    expected: float | None = None
    # Which of the rule's reasons, for a text in the reader's language (messages' screen.reason.*);
    # `reason` is the same in English, as JSON gives it.
    reason_key: str = field(default="", kw_only=True)


def current_actuals(kpi: Kpi) -> list[Actual]:
    """The actuals not replaced by a later value, oldest period first."""
    return sorted((a for a in kpi.actuals if a.is_current), key=lambda a: Period.parse(a.period).sort_key)


def latest_actual(kpi: Kpi, at: Period | None = None) -> Actual | None:
    """The latest current actual whose period ends at or before `at` (any, if `at` is None)."""
    candidates = [a for a in current_actuals(kpi) if at is None or Period.parse(a.period) <= at]
    return candidates[-1] if candidates else None


def previous_actual(kpi: Kpi, actual: Actual) -> Actual | None:
    """The current actual just before `actual` of the same length (a year before a year, a
    half-year before a half-year), for the change since the previous period: like with like."""
    is_year = Period.parse(actual.period).half is None
    history = [a for a in current_actuals(kpi) if (Period.parse(a.period).half is None) == is_year]
    index = next((i for i, a in enumerate(history) if a is actual), None)
    return history[index - 1] if index else None


def change_since_previous(kpi: Kpi, at: Period | None = None) -> float | None:
    actual = latest_actual(kpi, at)
    before = previous_actual(kpi, actual) if actual else None
    if actual is None or before is None:
        return None
    # Rounded: 13.5 - 14.1 is -0.5999999999999996 in binary floating point.
    return round(actual.value - before.value, 10)


def comparator(kpi: Kpi) -> str:
    if kpi.target.comparator:
        return kpi.target.comparator
    return ">=" if kpi.direction in ("increase", "at_least") else "<="


def target_met(kpi: Kpi, value: float) -> bool:
    assert kpi.target.value is not None
    goal = kpi.target.value
    return {
        ">=": value >= goal,
        ">": value > goal,
        "<=": value <= goal,
        "<": value < goal,
    }[comparator(kpi)]


def distance_to_target(kpi: Kpi, value: float) -> float | None:
    """How far the value still is from the target, in the KPI's unit (0 once met)."""
    if kpi.target.value is None:
        return None
    if target_met(kpi, value):
        return 0.0
    return round(abs(kpi.target.value - value), 10)


def target_due(kpi: Kpi, strategy_end_year: int) -> dt.date | None:
    """When the target must be met; None for a yearly target (due every year)."""
    period = kpi.target.period
    if period == "every_year":
        return None
    return Period.parse(period).end if period else dt.date(strategy_end_year, 12, 31)


def kpi_status(kpi: Kpi, at: Period, strategy_start_year: int, strategy_end_year: int) -> KpiStatus:
    """The status of `kpi` at period `at`; see the module's docstring for the rule."""
    actual = latest_actual(kpi, at)
    if actual is None:
        return KpiStatus("no_data", f"no actual recorded by {at}", reason_key="no_actual")
    goal = kpi.target.value
    if goal is None:
        return KpiStatus("no_data", "no target value to compare with", actual, reason_key="no_target")
    if target_met(kpi, actual.value):
        return KpiStatus("on_track", "target reached", actual, reason_key="target_reached")

    due = target_due(kpi, strategy_end_year)
    if kpi.direction in ("at_least", "at_most") or due is None:
        miss = abs(goal - actual.value) / abs(goal) if goal else float("inf")
        if miss <= KEEP_LEVEL_TOLERANCE:
            return KpiStatus("at_risk", f"within {KEEP_LEVEL_TOLERANCE:.0%} of the target level", actual, reason_key="near_level")
        return KpiStatus("off_track", "target level not kept", actual, reason_key="level_not_kept")

    if at.end >= due:
        return KpiStatus("off_track", "target not reached by its due date", actual, reason_key="past_due")
    baseline = kpi.baseline.value
    if baseline is None or baseline == goal:
        return KpiStatus("at_risk", "target not reached yet; no baseline to measure progress from", actual, reason_key="no_baseline")

    start = Period.parse(kpi.baseline.period or strategy_start_year).start
    span = (due - start).days
    expected = min(max((at.end - start).days / span, 0.0), 1.0) if span > 0 else 1.0
    progress = (actual.value - baseline) / (goal - baseline)
    if progress >= expected:
        return KpiStatus("on_track", "ahead of the pace the target needs", actual, progress, expected, reason_key="ahead")
    if progress >= 0 and progress >= expected - AT_RISK_MARGIN:
        return KpiStatus("at_risk", "behind the pace the target needs", actual, progress, expected, reason_key="behind")
    return KpiStatus("off_track", "far behind the target's pace or moving away from it", actual, progress, expected, reason_key="far_behind")


def count_by_status(statuses: Iterable[Status]) -> dict[Status, int]:
    """Counts for every status, zeros included, in the fixed order of STATUSES."""
    counts = Counter(statuses)
    return {status: counts.get(status, 0) for status in STATUSES}


def status_at(kpi: Kpi, at: Period, strategy_period: StrategyPeriod) -> KpiStatus:
    """`kpi_status` with the strategy period taken from the strategy."""
    return kpi_status(kpi, at, strategy_period.start, strategy_period.end)
