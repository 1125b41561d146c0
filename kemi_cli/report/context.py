"""Everything a report shows, computed before any template runs. Pure functions of the workspace.

Templates only format what is here; every rule (which actual counts, what is late, what is a
data gap) lives in this module, next to its docstring.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models.common import Text
from ..models.kpis import Actual, Kpi, KpiGroup
from ..models.projects import Measure, Phase, Project, ProjectUpdate
from ..models.strategy import Strategy
from ..models.workspace import VISION_ID, Workspace
from ..periods import Period
from ..status import (
    KpiStatus,
    Status,
    change_since_previous,
    count_by_status,
    current_actuals,
    latest_actual,
    status_at,
)
from ..overview import CLOSED_STATUSES, current_updates, project_status, reported_for
from .provenance import Provenance

# The strategic objective whose indicators make the annual report's finance section.
FINANCE_OBJECTIVE = "talous"


# ---------------------------------------------------------------- indicators


@dataclass(frozen=True)
class KpiRow:
    """One indicator as of a period: the source's columns plus change, status and forecast."""

    kpi: Kpi
    status: KpiStatus
    actual: Actual | None  # the latest actual at or before the period (may be of an earlier period)
    change: float | None  # since the actual before it
    forecast: float | None  # the year-end forecast recorded with this period's actual
    history: tuple[Actual, ...]  # current actuals up to the period, oldest first
    has_period_actual: bool  # an actual for exactly this period exists

    @property
    def status_name(self) -> Status:
        return self.status.status


@dataclass(frozen=True)
class KpiGroupRows:
    group: KpiGroup
    rows: tuple[KpiRow, ...]


@dataclass(frozen=True)
class StatusSummary:
    """How many of the indicators serving one goal, objective or the vision stand at each status."""

    id: str  # "" for the indicators that serve nothing
    name: Text | None
    counts: dict[Status, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def kpi_row(kpi: Kpi, period: Period, strategy: Strategy) -> KpiRow:
    actual = latest_actual(kpi, period)
    history = tuple(a for a in current_actuals(kpi) if Period.parse(a.period) <= period)
    for_period = actual is not None and reported_for(actual.period, period)
    return KpiRow(
        kpi=kpi,
        status=status_at(kpi, period, strategy.period),
        actual=actual,
        change=change_since_previous(kpi, period),
        forecast=actual.forecast if actual is not None and for_period else None,
        history=history,
        has_period_actual=for_period,
    )


def kpi_groups(workspace: Workspace, period: Period) -> tuple[KpiGroupRows, ...]:
    strategy = workspace.strategy
    return tuple(
        KpiGroupRows(group, tuple(kpi_row(kpi, period, strategy) for kpi in group.kpis))
        for group in workspace.kpis_file.groups
    )


def status_summary(workspace: Workspace, rows: Iterable[KpiRow]) -> tuple[StatusSummary, ...]:
    """Counts by status for each goal, each strategic objective and the vision, in that order,
    then for the indicators that serve none of them."""
    rows = list(rows)
    strategy = workspace.strategy
    servables: list[tuple[str, Text]] = [(g.id, g.name) for g in strategy.goals]
    servables += [(o.id, o.name) for o in strategy.objectives]
    servables.append((VISION_ID, strategy.vision.name))
    summaries = [
        StatusSummary(sid, name, count_by_status(r.status_name for r in rows if sid in r.kpi.serves))
        for sid, name in servables
    ]
    unlinked = [r.status_name for r in rows if not r.kpi.serves]
    if unlinked:
        summaries.append(StatusSummary("", None, count_by_status(unlinked)))
    return tuple(summaries)


def all_rows(groups: Iterable[KpiGroupRows]) -> tuple[KpiRow, ...]:
    return tuple(row for group in groups for row in group.rows)


# ---------------------------------------------------------------- projects


@dataclass(frozen=True)
class PhaseRow:
    phase: Phase
    status: str | None  # the latest update's word for it, else the card's
    late: bool


@dataclass(frozen=True)
class ProjectRow:
    """A project as of a period: status and progress from its latest update, and whether it is late."""

    project: Project
    period: Period
    status: str  # as of the period (kemi_cli.overview.project_status); "unknown" when not known
    progress: float | None
    update: ProjectUpdate | None  # the latest current update within the period
    phases: tuple[PhaseRow, ...]
    late: bool
    sector_names: tuple[Text, ...]


@dataclass(frozen=True)
class SectorProjects:
    id: str | None  # None: the city-wide projects that no sector runs
    name: Text | None
    title: Text | None
    rows: tuple[ProjectRow, ...]


def update_in(project: Project, period: Period) -> ProjectUpdate | None:
    """The latest current update whose period lies within `period`."""
    inside = [u for u in current_updates(project) if period.start <= Period.parse(u.period).end <= period.end]
    return inside[-1] if inside else None


def _latest(updates: list[ProjectUpdate], attribute: str) -> object | None:
    values = [getattr(u, attribute) for u in updates if getattr(u, attribute) is not None]
    return values[-1] if values else None


def _end_date(value: dt.date | str | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return Period.parse(value).end


def project_row(workspace: Workspace, project: Project, period: Period) -> ProjectRow:
    """Status and progress are the latest recorded by the end of the period; a project or phase
    is late when its end has passed by the period's end and it is neither done nor cancelled."""
    updates = [u for u in current_updates(project) if Period.parse(u.period) <= period]
    status = project_status(project, period)
    phase_words: dict[str, str] = {}
    for update in updates:
        for phase_update in update.phases:
            phase_words[phase_update.phase.fi] = phase_update.status
    phases = []
    for phase in project.phases:
        phase_status = phase_words.get(phase.name.fi, phase.status)
        end = _end_date(phase.end)
        phases.append(PhaseRow(phase, phase_status, end is not None and end <= period.end and phase_status not in CLOSED_STATUSES))
    project_end = _end_date(project.end)
    late = status not in CLOSED_STATUSES and (
        (project_end is not None and project_end <= period.end) or any(p.late for p in phases)
    )
    sectors = tuple(s.name for s in (workspace.sector(sid) for sid in project.sectors) if s is not None)
    return ProjectRow(
        project=project,
        period=period,
        status=status,
        progress=_latest(updates, "progress"),  # type: ignore[arg-type]
        update=update_in(project, period),
        phases=tuple(phases),
        late=late,
        sector_names=sectors,
    )


def projects_by_sector(workspace: Workspace, period: Period) -> tuple[SectorProjects, ...]:
    """The sectors' key projects in the source's order, then the city-wide projects no sector lists."""
    listed: set[str] = set()
    result = []
    for sector in workspace.strategy.sectors:
        rows = tuple(project_row(workspace, workspace.projects[pid], period) for pid in sector.projects if pid in workspace.projects)
        listed.update(sector.projects)
        result.append(SectorProjects(sector.id, sector.name, sector.projects_title, rows))
    others = tuple(project_row(workspace, p, period) for pid, p in sorted(workspace.projects.items()) if pid not in listed)
    if others:
        result.append(SectorProjects(None, None, None, others))
    return tuple(result)


def unique_rows(sectors: Iterable[SectorProjects]) -> tuple[ProjectRow, ...]:
    """Each project once (a project several sectors list appears under each of them)."""
    seen: dict[str, ProjectRow] = {}
    for sector in sectors:
        for row in sector.rows:
            seen.setdefault(row.project.id, row)
    return tuple(seen.values())


# ---------------------------------------------------------------- data gaps


@dataclass(frozen=True)
class DataGaps:
    kpis_without_actual: tuple[KpiRow, ...]
    projects_without_update: tuple[ProjectRow, ...]
    kpis_needing_confirmation: tuple[Kpi, ...]

    @property
    def count(self) -> int:
        return len(self.kpis_without_actual) + len(self.projects_without_update)


def data_gaps(rows: Iterable[KpiRow], projects: Iterable[ProjectRow]) -> DataGaps:
    rows = list(rows)
    return DataGaps(
        kpis_without_actual=tuple(r for r in rows if not r.has_period_actual),
        # A finished project needs no more updates.
        projects_without_update=tuple(
            p
            for p in projects
            if p.status not in CLOSED_STATUSES
            and not any(reported_for(u.period, p.period) for u in current_updates(p.project))
        ),
        kpis_needing_confirmation=tuple(r.kpi for r in rows if r.kpi.needs_confirmation),
    )


# ---------------------------------------------------------------- project cards


@dataclass(frozen=True)
class CardMetric:
    """"MITTARI" with "NYT" and "TAVOITE": a key indicator's name and unit, or the card's own text."""

    name: Text | None
    unit: str | None  # the unit of the indicator the card names, for formatting its values
    kpi_id: str | None


@dataclass(frozen=True)
class ProjectCard:
    row: ProjectRow
    columns: tuple[Text, ...]  # the source's column headings, from strategy.yaml
    metric: CardMetric
    now: Measure | None
    target: Measure | None
    goal_names: tuple[Text, ...]
    updates: tuple[ProjectUpdate, ...]  # every update, replaced ones too, oldest first
    metric_row: KpiRow | None  # the named indicator as of the period, with its history

    @property
    def project(self) -> Project:
        return self.row.project


def project_card(workspace: Workspace, project: Project, period: Period) -> ProjectCard:
    metric = project.metric
    kpi = workspace.kpi(metric.kpi) if metric and metric.kpi else None
    card_metric = CardMetric(
        name=(kpi.name if kpi else metric.text) if metric else None,
        unit=kpi.unit if kpi else None,
        kpi_id=kpi.id if kpi else None,
    )
    goals = tuple(g.name for g in (workspace.goal(gid) for gid in project.goals) if g is not None)
    updates = tuple(
        sorted(project.updates, key=lambda u: (Period.parse(u.period).sort_key, str(u.recorded_at)))
    )
    return ProjectCard(
        row=project_row(workspace, project, period),
        columns=tuple(workspace.strategy.project_card.columns),
        metric=card_metric,
        now=project.now,
        target=project.target,
        goal_names=goals,
        updates=updates,
        metric_row=kpi_row(kpi, period, workspace.strategy) if kpi else None,
    )


# ---------------------------------------------------------------- the reports


@dataclass(frozen=True)
class FinanceRow:
    """A finance indicator over the year: the first half, the year, the forecast given at mid-year."""

    row: KpiRow
    half_year: Actual | None
    year: Actual | None


@dataclass(frozen=True)
class ReviewContext:
    """A half-year review or the strategy part of an annual report."""

    kind: str  # "half_year" or "annual"
    strategy: Strategy
    period: Period
    provenance: Provenance
    summary: tuple[StatusSummary, ...]
    totals: dict[Status, int]
    groups: tuple[KpiGroupRows, ...]
    charted: tuple[KpiRow, ...]  # indicators with actuals to draw
    sectors: tuple[SectorProjects, ...]
    project_rows: tuple[ProjectRow, ...]  # each project once
    late: tuple[ProjectRow, ...]
    gaps: DataGaps
    cards: tuple[ProjectCard, ...] = ()
    finance: tuple[FinanceRow, ...] = ()

    @property
    def rows(self) -> tuple[KpiRow, ...]:
        return all_rows(self.groups)


def review_context(workspace: Workspace, period: Period, provenance: Provenance, kind: str) -> ReviewContext:
    groups = kpi_groups(workspace, period)
    rows = all_rows(groups)
    sectors = projects_by_sector(workspace, period)
    projects = unique_rows(sectors)
    annual = kind == "annual"
    return ReviewContext(
        kind=kind,
        strategy=workspace.strategy,
        period=period,
        provenance=provenance,
        summary=status_summary(workspace, rows),
        totals=count_by_status(r.status_name for r in rows),
        groups=groups,
        charted=tuple(r for r in rows if r.history),
        sectors=sectors,
        project_rows=projects,
        late=tuple(p for p in projects if p.late),
        gaps=data_gaps(rows, projects),
        cards=tuple(project_card(workspace, p.project, period) for p in projects) if annual else (),
        finance=finance_rows(rows, period) if annual else (),
    )


def finance_rows(rows: Iterable[KpiRow], year: Period) -> tuple[FinanceRow, ...]:
    first_half = Period(year.year, 1)

    def actual_of(row: KpiRow, period: Period) -> Actual | None:
        return next((a for a in row.history if Period.parse(a.period) == period), None)

    return tuple(
        FinanceRow(row, actual_of(row, first_half), actual_of(row, Period(year.year)))
        for row in rows
        if FINANCE_OBJECTIVE in row.kpi.serves
    )


@dataclass(frozen=True)
class CardsContext:
    """One project card, or every card (`--all`)."""

    strategy: Strategy
    period: Period
    provenance: Provenance
    cards: tuple[ProjectCard, ...]


def cards_context(workspace: Workspace, project_ids: list[str], period: Period, provenance: Provenance) -> CardsContext:
    return CardsContext(
        strategy=workspace.strategy,
        period=period,
        provenance=provenance,
        cards=tuple(project_card(workspace, workspace.projects[pid], period) for pid in project_ids),
    )


@dataclass(frozen=True)
class StrategyContext:
    """The published strategy document: the whole of strategy.yaml with the indicator table."""

    strategy: Strategy
    provenance: Provenance
    groups: tuple[KpiGroup, ...]
    sector_projects: dict[str, tuple[Project, ...]] = field(default_factory=dict)
    city_wide_projects: tuple[Project, ...] = ()
    themes_by_goal: dict[str, Text] = field(default_factory=dict)


def strategy_context(workspace: Workspace, provenance: Provenance) -> StrategyContext:
    strategy = workspace.strategy
    listed = {pid for s in strategy.sectors for pid in s.projects}
    return StrategyContext(
        strategy=strategy,
        provenance=provenance,
        groups=tuple(workspace.kpis_file.groups),
        sector_projects={
            s.id: tuple(workspace.projects[pid] for pid in s.projects if pid in workspace.projects)
            for s in strategy.sectors
        },
        city_wide_projects=tuple(p for pid, p in sorted(workspace.projects.items()) if pid not in listed),
        themes_by_goal={t.goal: t.name for t in strategy.strategy_in_practice.themes},
    )
