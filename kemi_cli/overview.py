"""The strategy office's overview for one period: where the KPIs and projects stand, and which
data is still missing for the review. Pure functions returning plain dataclasses; `kemi status`,
`kemi project list/show` and the reports render them.

KPI statuses come from the one status rule (kemi_cli.status). A project's status is its card's
`status` (a period update keeps it current); an empty one counts as `unknown`.

"For the period" means a value or update whose period ends when the period ends: for a
half-year that is the half-year itself; for a year, the year or its second half.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .frequency import period_at_frequency
from .models.vocabulary import PROJECT_STATUSES, VISION_ID
from .periods import Period
from .status import KpiStatus, Status, count_by_status, status_at

if TYPE_CHECKING:  # the models only type the arguments; the command line reads the constants without them
    from .models.common import Text
    from .models.kpis import Kpi
    from .models.projects import Project, ProjectUpdate
    from .models.strategy import Sector
    from .models.workspace import Workspace

UNKNOWN_STATUS = "unknown"
PROJECT_STATUS_KEYS: tuple[str, ...] = (*PROJECT_STATUSES, UNKNOWN_STATUS)
# Shapes that differ without colour; the word is shown beside them.
PROJECT_STATUS_SYMBOLS = {"planned": "◇", "active": "▶", "done": "✓", "paused": "‖", "cancelled": "✗", UNKNOWN_STATUS: "?"}
# Projects that need no more updates.
CLOSED_STATUSES = ("done", "cancelled")

TargetKind = Literal["goal", "objective", "vision", "none"]


def reported_for(period_text: str | int, at: Period) -> bool:
    """Whether a value or update for `period_text` counts as reported for period `at`."""
    return Period.parse(period_text).end == at.end


# ---------------------------------------------------------------- projects


def current_updates(project: Project) -> list[ProjectUpdate]:
    """The updates not replaced by a later one, oldest period first."""
    return sorted((u for u in project.updates if u.is_current), key=lambda u: Period.parse(u.period).sort_key)


def latest_update(project: Project, at: Period | None = None, with_progress: bool = False) -> ProjectUpdate | None:
    """The latest current update at or before `at` (any, if None); with `with_progress`, the
    latest one that reports progress."""
    candidates = [
        u
        for u in current_updates(project)
        if (at is None or Period.parse(u.period) <= at) and (not with_progress or u.progress is not None)
    ]
    return candidates[-1] if candidates else None


def status_as_of(reported: Sequence[tuple[str, str]], card_status: str | None, at: Period | None) -> str | None:
    """A status as of `at`, from the (period, status) pairs the current updates reported, oldest
    first, and the card's own status. The card holds the status as it stands now, and an update
    for the latest period writes it there; so the card's word stands for `at` only when no update
    after `at` reported one. Otherwise the latest word reported at or before `at`, else None: a
    report of a past period never shows what a later period recorded."""
    if at is None or all(Period.parse(period) <= at for period, _status in reported):
        return card_status
    given = [status for period, status in reported if Period.parse(period) <= at]
    return given[-1] if given else None


def project_status(project: Project, at: Period | None = None) -> str:
    """The project's status as of `at` (status_as_of); "unknown" when it is not known."""
    reported = [(u.period, u.status) for u in current_updates(project) if u.status]
    return status_as_of(reported, project.status, at) or UNKNOWN_STATUS


def phase_history(project: Project, phase_name: Text) -> list[tuple[str, str]]:
    """(period, status) of a phase as the current updates reported it, oldest first."""
    return [(u.period, p.status) for u in current_updates(project) for p in u.phases if p.phase == phase_name]


@dataclass(frozen=True)
class ProjectState:
    """A project as `kemi project list` and the overview show it."""

    project_id: str
    name: Text
    sectors: list[str]
    goals: list[str]
    owner: str | None
    status: str
    latest_progress: int | float | None
    latest_progress_period: str | None
    updated_for_period: bool
    empty_fields: list[str]


def project_sectors(workspace: Workspace, project: Project) -> list[str]:
    """The sectors that run a project, in the strategy's order: those its card names and those
    whose key-project list names it.

    The one membership rule of kemi (the status, the reports and the strategy document all group by
    it). Either side alone would lose projects: the card is its owner's and strategy.yaml the
    strategy office's, nothing requires the two to agree, and a project missing from one side must
    still be counted where it runs rather than vanish from its sector or pass for a city-wide one."""
    rank = workspace.sector_rank
    running = {*project.sectors, *workspace.key_project_of.get(project.id, ())}
    return sorted((sector_id for sector_id in running if sector_id in rank), key=rank.__getitem__)


def project_order(workspace: Workspace) -> list[str]:
    """Every project id: the sectors' key projects in the strategy's order, then the rest by id."""
    listed = dict.fromkeys(pid for s in workspace.strategy.sectors for pid in s.projects if pid in workspace.projects)
    return [*listed, *sorted(pid for pid in workspace.projects if pid not in listed)]


def sector_members(workspace: Workspace) -> list[tuple[Sector | None, list[str]]]:
    """The projects each sector runs (project_sectors), every sector in the strategy's order: the
    ones its key-project list names, in that list's order (the source's), then those only their
    card puts there, in project_order. Last, as (None, ids), the projects no sector runs, if any."""
    members = {sector.id: dict.fromkeys(pid for pid in sector.projects if pid in workspace.projects)
               for sector in workspace.strategy.sectors}
    unsectored = []
    for pid in project_order(workspace):
        sector_ids = project_sectors(workspace, workspace.projects[pid])
        for sector_id in sector_ids:
            members[sector_id].setdefault(pid)  # after the listed ones, in project_order
        if not sector_ids:
            unsectored.append(pid)
    groups: list[tuple[Sector | None, list[str]]] = [(sector, list(members[sector.id])) for sector in workspace.strategy.sectors]
    if unsectored:
        groups.append((None, unsectored))
    return groups


def project_state(workspace: Workspace, project: Project, at: Period) -> ProjectState:
    # Here, not at the top: the command line reads this module's constants before any data (and
    # pydantic); by the time there is a project, validate is loaded.
    from .validate import empty_card_fields

    progress = latest_update(project, at, with_progress=True)
    return ProjectState(
        project_id=project.id,
        name=project.name,
        sectors=project_sectors(workspace, project),
        goals=list(project.goals),
        owner=project.owner,
        status=project_status(project, at),
        latest_progress=progress.progress if progress else None,
        latest_progress_period=progress.period if progress else None,
        updated_for_period=any(reported_for(u.period, at) for u in current_updates(project)),
        empty_fields=empty_card_fields(project),
    )


def project_states(workspace: Workspace, at: Period) -> list[ProjectState]:
    """Every project, in project_order."""
    return [project_state(workspace, workspace.projects[pid], at) for pid in project_order(workspace)]


# ---------------------------------------------------------------- the overview


@dataclass(frozen=True)
class KpiGroupStatus:
    """The KPIs that serve one goal, objective or the vision (`none`: KPIs that serve nothing)."""

    target_id: str | None
    kind: TargetKind
    name: Text | None
    counts: dict[Status, int]
    kpi_ids: list[str]

    @property
    def total(self) -> int:
        return len(self.kpi_ids)


@dataclass(frozen=True)
class SectorProjects:
    """The projects of one sector by status (`sector_id` None: projects no sector runs)."""

    sector_id: str | None
    name: Text | None
    counts: dict[str, int]
    project_ids: list[str]


@dataclass(frozen=True)
class CardGap:
    project_id: str
    empty_fields: list[str]


@dataclass(frozen=True)
class DataGaps:
    """What blocks the review of a period: missing actuals, missing updates, unfilled cards."""

    kpis_without_actual: list[str]
    projects_without_update: list[str]
    cards_with_empty_fields: list[CardGap]

    @property
    def count(self) -> int:
        return len(self.kpis_without_actual) + len(self.projects_without_update) + len(self.cards_with_empty_fields)


@dataclass(frozen=True)
class Overview:
    period: Period
    kpi_statuses: dict[str, KpiStatus]
    kpis_by_goal: list[KpiGroupStatus]
    projects: list[ProjectState]
    projects_by_sector: list[SectorProjects]
    gaps: DataGaps


def kpi_statuses(workspace: Workspace, at: Period) -> dict[str, KpiStatus]:
    """Every KPI's status at `at`, by id, in the order of kpis.yaml."""
    return {kpi.id: status_at(kpi, at, workspace.strategy.period) for kpi in workspace.kpis}


def serve_targets(workspace: Workspace) -> list[tuple[str | None, TargetKind, Text | None]]:
    """What a KPI may serve (Workspace.servable_ids) as (id, kind, name), then (None, "none", None)."""
    strategy = workspace.strategy
    named: dict[str, tuple[TargetKind, Text]] = {g.id: ("goal", g.name) for g in strategy.goals}
    named.update({o.id: ("objective", o.name) for o in strategy.objectives})
    named[VISION_ID] = ("vision", strategy.vision.name)
    return [(sid, *named[sid]) for sid in workspace.servable_ids] + [(None, "none", None)]


def kpis_by_goal(workspace: Workspace, statuses: dict[str, KpiStatus], every_target: bool = False) -> list[KpiGroupStatus]:
    """For each goal, objective and the vision, and for KPIs that serve nothing, the counts by
    status. A KPI serving two counts under both. Every goal has a row, even without KPIs (a goal
    nothing measures is news); an objective or the vision only when KPIs serve it, unless
    `every_target` (the reports list the whole strategy). The KPIs that serve nothing have a row
    only when there are some."""
    rows = []
    for target_id, kind, name in serve_targets(workspace):
        ids = [k.id for k in workspace.kpis if (target_id in k.serves if target_id else not k.serves)]
        if ids or kind == "goal" or (every_target and kind != "none"):
            rows.append(KpiGroupStatus(target_id, kind, name, count_by_status(statuses[i].status for i in ids), ids))
    return rows


def projects_by_sector(workspace: Workspace, states: list[ProjectState]) -> list[SectorProjects]:
    """For each sector, and for projects that no sector runs, the counts by project status
    (groups as sector_members). A project that several sectors run counts under each."""
    status_of = {s.project_id: s.status for s in states}
    rows = []
    for sector, ids in sector_members(workspace):
        counts = {key: sum(1 for pid in ids if status_of[pid] == key) for key in PROJECT_STATUS_KEYS}
        rows.append(SectorProjects(sector.id if sector else None, sector.name if sector else None, counts, ids))
    return rows


def has_actual_for(kpi: Kpi, at: Period) -> bool:
    """Whether the KPI has a current actual for the review of `at`, at its own frequency (a
    yearly KPI in the review of 2026H1: one for 2025)."""
    expected = period_at_frequency(kpi.frequency, at)
    return any(a.is_current and reported_for(a.period, expected) for a in kpi.actuals)


def data_gaps(workspace: Workspace, at: Period, states: list[ProjectState]) -> DataGaps:
    return DataGaps(
        kpis_without_actual=[k.id for k in workspace.kpis if not has_actual_for(k, at)],
        projects_without_update=[
            s.project_id for s in states if not s.updated_for_period and s.status not in CLOSED_STATUSES
        ],
        cards_with_empty_fields=[CardGap(s.project_id, s.empty_fields) for s in states if s.empty_fields],
    )


def build_overview(workspace: Workspace, at: Period, every_target: bool = False) -> Overview:
    """The overview of period `at`; `every_target` as in kpis_by_goal."""
    statuses = kpi_statuses(workspace, at)
    states = project_states(workspace, at)
    return Overview(
        period=at,
        kpi_statuses=statuses,
        kpis_by_goal=kpis_by_goal(workspace, statuses, every_target),
        projects=states,
        projects_by_sector=projects_by_sector(workspace, states),
        gaps=data_gaps(workspace, at, states),
    )
