"""Who still owes what for a period: for each owner (a KPI's `owner`, a card's "VASTUU"), the KPIs
without a value at their frequency or without commentary, and the projects without an update,
and the texts whose English awaits translation. Pure functions over a validated workspace;
`kemi status` renders them, and owners' requests can be built on them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .frequency import period_at_frequency
from .overview import CLOSED_STATUSES, has_actual_for, project_order, project_status, reported_for
from .periods import Period
from .review import current_commentary, period_under_review

if TYPE_CHECKING:
    from .models.common import Text
    from .models.workspace import Workspace


# What an item can lack: its value or update for the period, its commentary, or their English.
Lack = Literal["value", "commentary", "commentary_english", "update", "update_english"]


@dataclass(frozen=True)
class Missing:
    """What one KPI or project still lacks for the period, and the period its value or update is
    for (a yearly KPI's year in a half-year review)."""

    kind: str  # "kpi" or "project"
    item_id: str
    name: Text
    missing: tuple[Lack, ...]
    period: Period


@dataclass(frozen=True)
class OwnerTodo:
    owner: str | None  # None: KPIs and projects that name no owner
    items: tuple[Missing, ...]


@dataclass(frozen=True)
class CycleState:
    """The period under review and its deadline, as of a day."""

    period: Period
    state: str
    deadline: dt.date | None
    days_to_deadline: int | None
    returned: tuple[tuple[str, dt.date | dt.datetime], ...] = ()  # the owners whose workbooks were collected, and when


def cycle_state(workspace: Workspace, today: dt.date) -> CycleState | None:
    """The period under review with the days left to its deadline (negative: overdue); None when
    no period is under review."""
    entry = period_under_review(workspace.review)
    if entry is None:
        return None
    days = (entry.deadline - today).days if entry.deadline else None
    returned = tuple((item.owner, item.at) for item in entry.returns)
    return CycleState(Period.parse(entry.period), entry.state, entry.deadline, days, returned)


def kpi_missing(workspace: Workspace, period: Period) -> list[Missing]:
    texts = current_commentary(workspace.review, period, "kpi")
    found = []
    for kpi in workspace.kpis:
        lacks: list[Lack] = []
        if not has_actual_for(kpi, period):
            lacks.append("value")
        if kpi.id not in texts:
            lacks.append("commentary")
        elif texts[kpi.id].awaits_translation:
            lacks.append("commentary_english")
        if lacks:
            found.append(Missing("kpi", kpi.id, kpi.name, tuple(lacks), period_at_frequency(kpi.frequency, period)))
    return found


def project_missing(workspace: Workspace, period: Period) -> list[Missing]:
    found = []
    for project_id in project_order(workspace):
        project = workspace.projects[project_id]
        if project_status(project, period) in CLOSED_STATUSES:
            continue
        updates = [u for u in project.updates if u.is_current and reported_for(u.period, period)]
        if not updates:
            found.append(Missing("project", project_id, project.name, ("update",), period))
        elif any(u.text is not None and u.text.awaits_translation for u in updates):
            found.append(Missing("project", project_id, project.name, ("update_english",), period))
    return found


def missing_by_owner(workspace: Workspace, period: Period) -> list[OwnerTodo]:
    """Everything still missing for `period`, grouped by owner in the order of their names; the
    items that name no owner come last."""
    owner_of = {("kpi", k.id): k.owner for k in workspace.kpis}
    owner_of.update({("project", pid): p.owner for pid, p in workspace.projects.items()})
    grouped: dict[str | None, list[Missing]] = {}
    for item in kpi_missing(workspace, period) + project_missing(workspace, period):
        grouped.setdefault(owner_of[(item.kind, item.item_id)], []).append(item)
    owners = sorted((o for o in grouped if o is not None), key=str.casefold)
    return [OwnerTodo(owner, tuple(grouped[owner])) for owner in [*owners, *([None] if None in grouped else [])]]
