"""The one status rule (kemi_cli.status), on the shipped KPI definitions with made-up actuals."""

from __future__ import annotations

import datetime as dt

import pytest

from kemi_cli.models.kpis import Actual, Kpi
from kemi_cli.periods import Period
from kemi_cli.status import (
    AT_RISK_MARGIN,
    STATUS_SYMBOLS,
    STATUSES,
    change_since_previous,
    count_by_status,
    distance_to_target,
    kpi_status,
    latest_actual,
)
from kemi_cli.validate import load_workspace

from .conftest import SHIPPED_DATA

RECORDED = dt.date(2026, 8, 15)


@pytest.fixture(scope="module")
def workspace():
    return load_workspace(SHIPPED_DATA)


def with_actuals(kpi: Kpi, *values: tuple[str, float], replaced: tuple[str, float] | None = None) -> Kpi:
    actuals = [Actual(period=p, value=v, recorded_at=RECORDED) for p, v in values]
    if replaced is not None:
        actuals.append(Actual(period=replaced[0], value=replaced[1], recorded_at=RECORDED, replaced_at=RECORDED))
    return kpi.model_copy(update={"actuals": actuals})


def status_of(workspace, kpi: Kpi, at: str) -> str:
    period = workspace.strategy.period
    return kpi_status(kpi, Period.parse(at), period.start, period.end).status


def elapsed_share(workspace, at: str, due: dt.date) -> float:
    start = dt.date(workspace.strategy.period.start, 1, 1)
    return (Period.parse(at).end - start).days / (due - start).days


# ---------------------------------------------------------------- a level to keep: "keep at least 19 400"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(19420, "on_track"), (19400, "on_track"), (19100, "at_risk"), (18000, "off_track")],
)
def test_keep_at_least_a_level(workspace, value: int, expected: str) -> None:
    kpi = workspace.kpi("asukkaat")
    assert kpi.direction == "at_least" and kpi.target.value == 19400
    assert status_of(workspace, with_actuals(kpi, ("2026H1", value)), "2026H1") == expected


# ---------------------------------------------------------------- a yearly target: "surplus over 2 M€ every year"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2.5, "on_track"), (2.0, "at_risk"), (1.99, "at_risk"), (-1.0, "off_track")],
)
def test_yearly_surplus_over_two_million(workspace, value: float, expected: str) -> None:
    kpi = workspace.kpi("tilikauden_tulos")
    assert kpi.target.period == "every_year" and kpi.target.comparator == ">"
    assert status_of(workspace, with_actuals(kpi, ("2025", value)), "2025") == expected


def test_a_yearly_target_has_no_due_date_to_miss(workspace) -> None:
    kpi = with_actuals(workspace.kpi("tilikauden_tulos"), ("2031", 3.0))
    assert status_of(workspace, kpi, "2031") == "on_track"


# ---------------------------------------------------------------- a change to make, at the pace the time calls for


def test_increase_is_judged_against_the_elapsed_share(workspace) -> None:
    kpi = workspace.kpi("yritykset")  # 927 -> 930 by the end of the strategy period
    due = dt.date(workspace.strategy.period.end, 12, 31)
    at = "2027H1"
    expected_share = elapsed_share(workspace, at, due)
    span = kpi.target.value - kpi.baseline.value
    for value in (927, 928, 929, 930, 926):
        progress = (value - kpi.baseline.value) / span
        if value >= kpi.target.value or progress >= expected_share:
            want = "on_track"
        elif 0 <= progress and progress >= expected_share - AT_RISK_MARGIN:
            want = "at_risk"
        else:
            want = "off_track"
        result = kpi_status(with_actuals(kpi, (at, value)), Period.parse(at), workspace.strategy.period.start, workspace.strategy.period.end)
        assert result.status == want, (value, progress, expected_share)
        if value < kpi.target.value:
            assert result.expected == pytest.approx(expected_share)
    # The cases above cover each outcome at least once.
    outcomes = {status_of(workspace, with_actuals(kpi, (at, v)), at) for v in (926, 928, 929)}
    assert outcomes == {"on_track", "at_risk", "off_track"}


def test_decrease_moving_the_wrong_way_is_off_track(workspace) -> None:
    kpi = workspace.kpi("tyottomyysaste")  # 13.5 % -> 13 %
    assert kpi.direction == "decrease"
    assert status_of(workspace, with_actuals(kpi, ("2024H2", 13.4)), "2024H2") == "on_track"
    assert status_of(workspace, with_actuals(kpi, ("2026H1", 14.0)), "2026H1") == "off_track"
    assert status_of(workspace, with_actuals(kpi, ("2026H1", 12.9)), "2026H1") == "on_track"


def test_a_target_not_met_by_its_due_date_is_off_track(workspace) -> None:
    kpi = workspace.kpi("yritykset")
    end = workspace.strategy.period.end
    assert status_of(workspace, with_actuals(kpi, (str(end), 929.9)), str(end)) == "off_track"


# ---------------------------------------------------------------- which actual is judged


def test_no_actual_or_no_target_is_no_data(workspace) -> None:
    assert status_of(workspace, workspace.kpi("asukkaat"), "2026H1") == "no_data"
    no_target = with_actuals(workspace.kpi("kertynyt_alijaama"), ("2025", 15.0))
    assert no_target.target.value is None
    assert status_of(workspace, no_target, "2025") == "no_data"


def test_an_actual_after_the_period_is_not_used(workspace) -> None:
    kpi = with_actuals(workspace.kpi("asukkaat"), ("2026H2", 19500))
    assert status_of(workspace, kpi, "2026H1") == "no_data"
    assert status_of(workspace, kpi, "2026") == "on_track"  # the year ends with its second half


def test_latest_by_period_not_by_order_and_replaced_ignored(workspace) -> None:
    kpi = with_actuals(workspace.kpi("asukkaat"), ("2026H1", 19300), ("2025H2", 19500), replaced=("2026H1", 19900))
    latest = latest_actual(kpi)
    assert latest is not None and (latest.period, latest.value) == ("2026H1", 19300)
    assert status_of(workspace, kpi, "2026H1") == "at_risk"
    assert change_since_previous(kpi) == -200


def test_change_and_distance_carry_no_float_noise(workspace) -> None:
    kpi = with_actuals(workspace.kpi("tyottomyysaste"), ("2025H2", 14.1), ("2026H1", 13.5))
    assert change_since_previous(kpi) == -0.6
    assert distance_to_target(kpi, 13.6) == 0.6
    assert distance_to_target(kpi, 12.0) == 0.0


def test_counts_have_every_status_in_order() -> None:
    counts = count_by_status(["at_risk", "on_track", "at_risk"])
    assert list(counts) == list(STATUSES)
    assert counts == {"on_track": 1, "at_risk": 2, "off_track": 0, "no_data": 0}
    assert len(set(STATUS_SYMBOLS.values())) == len(STATUSES)  # told apart without colour
