"""Where each KPI stands at a period: its latest actual, the change since the previous one, the
distance to its target and its status (from the one status rule in kemi_cli.status). Pure
functions over a validated workspace; `kemi kpi list/show` and the export render them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .arguments import unknown_id
from .errors import UsageError
from .periods import Period
from .status import KpiStatus, change_since_previous, distance_to_target, status_at

if TYPE_CHECKING:
    from .models.kpis import Actual, Kpi
    from .models.workspace import Workspace

SPARK_BARS = "▁▂▃▄▅▆▇█"


def find_kpi(workspace: Workspace, kpi_id: str) -> Kpi:
    """The KPI `kpi_id` of the workspace; UsageError, with a did-you-mean, when there is none."""
    kpi = workspace.kpi(kpi_id)
    if kpi is None:
        raise UsageError(unknown_id("kpi", kpi_id, [k.id for k in workspace.kpis]))
    return kpi


@dataclass(frozen=True)
class KpiSummary:
    kpi: Kpi
    group_id: str
    status: KpiStatus
    change: float | None
    distance: float | None

    @property
    def latest(self) -> Actual | None:
        return self.status.actual


def summarize(workspace: Workspace, kpi: Kpi, at: Period) -> KpiSummary:
    status = status_at(kpi, at, workspace.strategy.period)
    latest = status.actual
    group = workspace.group_of(kpi.id)
    return KpiSummary(
        kpi=kpi,
        group_id=group.id if group else "",
        status=status,
        change=change_since_previous(kpi, at),
        distance=distance_to_target(kpi, latest.value) if latest else None,
    )


def history(kpi: Kpi) -> list[Actual]:
    """Every recorded actual, replaced ones included, by period; within a period in the order
    recorded (so a replaced value comes before the value that replaced it)."""
    order = {id(actual): index for index, actual in enumerate(kpi.actuals)}
    return sorted(kpi.actuals, key=lambda a: (Period.parse(a.period).sort_key, order[id(a)]))


def sparkline(values: list[float | int]) -> str:
    """A text sparkline of `values`, lowest ▁ to highest █; a flat line for equal values."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARK_BARS[len(SPARK_BARS) // 2 - 1] * len(values)
    steps = len(SPARK_BARS) - 1
    return "".join(SPARK_BARS[round((value - low) / (high - low) * steps)] for value in values)
