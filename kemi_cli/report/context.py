"""Everything a report shows, computed before any template runs. Pure functions of the workspace.

Templates only format what is here. The roll-ups a review shares with `kemi status` (KPIs by
goal, projects by sector, data gaps) come from kemi_cli.overview and are only turned into rows
here; the rules that are the reports' own (which actual is shown, what is late) live in this
module, next to their docstrings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models.common import Text
from ..models.kpis import Actual, Kpi, KpiGroup
from ..models.projects import CARD_FIELDS, Measure, Phase, Project, ProjectUpdate, empty_card_fields
from ..models.strategy import Strategy
from ..models.workspace import Workspace
from ..overview import (
    CLOSED_STATUSES,
    KpiGroupStatus,
    ProjectState,
    SectorProjects,
    TargetKind,
    build_overview,
    current_updates,
    project_state,
    reported_for,
    sector_members,
    status_as_of,
)
from ..periods import Period
from ..status import KpiStatus, Status, change_since_previous, count_by_status, current_actuals, status_at
from .cycle_context import CycleContext, cycle_context
from .provenance import Provenance

# The strategic objective whose indicators make the annual report's finance section.
FINANCE_OBJECTIVE = "talous"


# ---------------------------------------------------------------- indicators


@dataclass(frozen=True)
class KpiRow:
    """One indicator as of a period: the source's columns plus change, status and forecast."""

    kpi: Kpi
    status: KpiStatus
    change: float | None  # since the actual before it
    forecast: float | None  # the year-end forecast recorded with this period's actual
    history: tuple[Actual, ...]  # current actuals up to the period, oldest first
    has_period_actual: bool  # the shown actual is one for this period

    @property
    def actual(self) -> Actual | None:
        """The latest actual at or before the period (may be of an earlier period): the one the
        status judged."""
        return self.status.actual

    @property
    def status_name(self) -> Status:
        return self.status.status


@dataclass(frozen=True)
class KpiGroupRows:
    group: KpiGroup
    rows: tuple[KpiRow, ...]


def kpi_row(kpi: Kpi, period: Period, status: KpiStatus) -> KpiRow:
    """`status` is the KPI's at `period` (status_at), which also holds the actual shown."""
    history = tuple(a for a in current_actuals(kpi) if Period.parse(a.period) <= period)
    actual = status.actual
    for_period = actual is not None and reported_for(actual.period, period)
    return KpiRow(
        kpi=kpi,
        status=status,
        change=change_since_previous(kpi, period),
        forecast=actual.forecast if actual is not None and for_period else None,
        history=history,
        has_period_actual=for_period,
    )


def kpi_groups(workspace: Workspace, period: Period, statuses: dict[str, KpiStatus]) -> tuple[KpiGroupRows, ...]:
    """The indicators by group of kpis.yaml; `statuses` by KPI id (overview.kpi_statuses)."""
    return tuple(
        KpiGroupRows(group, tuple(kpi_row(kpi, period, statuses[kpi.id]) for kpi in group.kpis))
        for group in workspace.kpis_file.groups
    )


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
    """A project as of a period: its overview state (status, progress), the update and phases
    to show, and whether it is late."""

    project: Project
    state: ProjectState  # kemi_cli.overview.project_state at the period
    period: Period
    update: ProjectUpdate | None  # the latest current update within the period
    phases: tuple[PhaseRow, ...]
    late: bool
    sector_names: tuple[Text, ...]

    @property
    def status(self) -> str:
        """As of the period (kemi_cli.overview.project_status); "unknown" when not known."""
        return self.state.status

    @property
    def progress(self) -> int | float | None:
        return self.state.latest_progress


@dataclass(frozen=True)
class SectorRows:
    """One sector's projects (or, `group.sector_id` None, the city-wide ones) as report rows."""

    group: SectorProjects
    rows: tuple[ProjectRow, ...]

    @property
    def name(self) -> Text | None:
        return self.group.name


def update_in(project: Project, period: Period) -> ProjectUpdate | None:
    """The latest current update whose period lies within `period`."""
    inside = [u for u in current_updates(project) if period.start <= Period.parse(u.period).end <= period.end]
    return inside[-1] if inside else None


def _end_date(value: dt.date | str | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return Period.parse(value).end


def late_by(period: Period, today: dt.date) -> dt.date:
    """The last day an end may fall on for its project or phase to be late in a report of
    `period`: an ended period's last day; for the period still running (or one to come) the day
    before today, as what ends today or later has not passed its end yet."""
    return min(period.end, today - dt.timedelta(days=1))


def project_row(workspace: Workspace, state: ProjectState, period: Period, today: dt.date) -> ProjectRow:
    """`state` is the project's at `period` (overview.project_state): status and progress are the
    latest recorded by the end of the period, and so are the phases' statuses (status_as_of). A
    project or phase is late when its end falls on or before late_by(period, today) and it is
    neither done nor cancelled."""
    project = workspace.projects[state.project_id]
    updates = current_updates(project)
    cutoff = late_by(period, today)
    phases = []
    for phase in project.phases:
        reported = [(u.period, p.status) for u in updates for p in u.phases if p.phase.fi == phase.name.fi]
        phase_status = status_as_of(reported, phase.status, period)
        end = _end_date(phase.end)
        phases.append(PhaseRow(phase, phase_status, end is not None and end <= cutoff and phase_status not in CLOSED_STATUSES))
    status = state.status
    project_end = _end_date(project.end)
    late = status not in CLOSED_STATUSES and (
        (project_end is not None and project_end <= cutoff) or any(p.late for p in phases)
    )
    sectors = tuple(s.name for s in (workspace.sector(sid) for sid in state.sectors) if s is not None)
    return ProjectRow(
        project=project,
        state=state,
        period=period,
        update=update_in(project, period),
        phases=tuple(phases),
        late=late,
        sector_names=sectors,
    )


# ---------------------------------------------------------------- data gaps


@dataclass(frozen=True)
class EmptyFields:
    """Project cards that leave the same fields of the card template empty."""

    fields: tuple[str, ...]  # names in CARD_FIELDS
    projects: tuple[Project, ...]


def empty_fields_of(projects: Iterable[Project]) -> tuple[EmptyFields, ...]:
    """The cards' empty fields, each set of fields once with every card that leaves exactly it
    empty (in the order first met), so that a report lists them compactly rather than card by card."""
    grouped: dict[tuple[str, ...], list[Project]] = {}
    for project in projects:
        empty = tuple(empty_card_fields(project))
        if empty:
            grouped.setdefault(empty, []).append(project)
    return tuple(EmptyFields(fields, tuple(members)) for fields, members in grouped.items())


def card_has_content(project: Project) -> bool:
    """Whether a card fills any field of the card template beyond its status: a card with none
    is only a name and a row of "not known", which a report lists among the gaps instead."""
    empty = set(empty_card_fields(project))
    return any(name not in empty for name in CARD_FIELDS if name != "status")


@dataclass(frozen=True)
class GapRows:
    """The review's data gaps (overview.data_gaps) as rows, and the values still to confirm.
    The annual report, which shows the card summaries, also lists the cards' empty fields."""

    kpis_without_actual: tuple[KpiRow, ...]
    projects_without_update: tuple[ProjectRow, ...]
    kpis_needing_confirmation: tuple[Kpi, ...]
    empty_card_fields: tuple[EmptyFields, ...] = ()

    @property
    def cards_with_empty_fields(self) -> int:
        return sum(len(group.projects) for group in self.empty_card_fields)

    @property
    def count(self) -> int:
        return len(self.kpis_without_actual) + len(self.projects_without_update) + self.cards_with_empty_fields


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
    updates: tuple[ProjectUpdate, ...]  # every update up to the period, replaced ones too, oldest first
    metric_row: KpiRow | None  # the named indicator as of the period, with its history
    shows_recorders: bool = False  # strategy.yaml's publish_recorders: the history names who recorded

    @property
    def project(self) -> Project:
        return self.row.project


def project_card(workspace: Workspace, project: Project, period: Period, today: dt.date) -> ProjectCard:
    metric = project.metric
    kpi = workspace.kpi(metric.kpi) if metric and metric.kpi else None
    card_metric = CardMetric(
        name=(kpi.name if kpi else metric.text) if metric else None,
        unit=kpi.unit if kpi else None,
        kpi_id=kpi.id if kpi else None,
    )
    goals = tuple(g.name for g in (workspace.goal(gid) for gid in project.goals) if g is not None)
    # A card of a past period shows that period's history, never what later periods recorded.
    updates = tuple(
        sorted(
            (u for u in project.updates if Period.parse(u.period) <= period),
            key=lambda u: (Period.parse(u.period).sort_key, str(u.recorded_at)),
        )
    )
    return ProjectCard(
        row=project_row(workspace, project_state(workspace, project, period), period, today),
        columns=tuple(workspace.strategy.project_card.columns),
        metric=card_metric,
        now=project.now,
        target=project.target,
        goal_names=goals,
        updates=updates,
        metric_row=kpi_row(kpi, period, status_at(kpi, period, workspace.strategy.period)) if kpi else None,
        shows_recorders=workspace.strategy.publish_recorders,
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
    summary: tuple[KpiGroupStatus, ...]  # every goal, objective and the vision, then the KPIs serving none
    totals: dict[Status, int]
    groups: tuple[KpiGroupRows, ...]
    charted: tuple[KpiRow, ...]  # indicators with actuals to draw
    sectors: tuple[SectorRows, ...]
    project_rows: tuple[ProjectRow, ...]  # each project once, in project_order
    late: tuple[ProjectRow, ...]
    gaps: GapRows
    cards: tuple[ProjectCard, ...] = ()  # the card summaries: the cards that have content (card_has_content)
    finance: tuple[FinanceRow, ...] = ()
    cycle: CycleContext = field(default_factory=CycleContext)  # the period's commentary and approval

    @property
    def rows(self) -> tuple[KpiRow, ...]:
        return all_rows(self.groups)

    @property
    def summary_parts(self) -> tuple[SummaryPart, ...]:
        return summary_parts(self.summary)


# The summary's kinds of target, in the order the summary shows them.
SUMMARY_KINDS: tuple[TargetKind, ...] = ("goal", "objective", "vision", "none")


@dataclass(frozen=True)
class SummaryPart:
    """The summary's rows of one kind of target (goals, strategic objectives, the vision, or the
    indicators that serve none of them), and the names of the targets no indicator serves yet."""

    kind: TargetKind
    rows: tuple[KpiGroupStatus, ...]
    unmeasured: tuple[Text, ...]


def summary_parts(summary: Iterable[KpiGroupStatus]) -> tuple[SummaryPart, ...]:
    """The summary split by kind, so that a goal, an objective and the vision are never under one
    heading; a target no indicator serves is named in a sentence, not shown as a row of zeros. A
    kind with neither rows nor such targets is left out."""
    items = list(summary)
    parts = []
    for kind in SUMMARY_KINDS:
        of_kind = [item for item in items if item.kind == kind]
        rows = tuple(item for item in of_kind if item.total)
        unmeasured = tuple(item.name for item in of_kind if not item.total and item.name is not None)
        if rows or unmeasured:
            parts.append(SummaryPart(kind, rows, unmeasured))
    return tuple(parts)


def review_context(workspace: Workspace, period: Period, provenance: Provenance, kind: str, today: dt.date) -> ReviewContext:
    """The overview of the period (the one `kemi status` shows) as report rows. The summary lists
    every objective and the vision, even those no indicator serves yet: a report presents the
    whole strategy."""
    overview = build_overview(workspace, period, every_target=True)
    groups = kpi_groups(workspace, period, overview.kpi_statuses)
    rows = all_rows(groups)
    kpi_rows = {r.kpi.id: r for r in rows}
    project_rows = {s.project_id: project_row(workspace, s, period, today) for s in overview.projects}
    projects = tuple(project_rows.values())
    annual = kind == "annual"
    return ReviewContext(
        kind=kind,
        strategy=workspace.strategy,
        period=period,
        provenance=provenance,
        summary=tuple(overview.kpis_by_goal),
        cycle=cycle_context(workspace, period),
        totals=count_by_status(r.status_name for r in rows),
        groups=groups,
        charted=tuple(r for r in rows if r.history),
        sectors=tuple(
            SectorRows(group, tuple(project_rows[pid] for pid in group.project_ids)) for group in overview.projects_by_sector
        ),
        project_rows=projects,
        late=tuple(p for p in projects if p.late),
        gaps=GapRows(
            kpis_without_actual=tuple(kpi_rows[kid] for kid in overview.gaps.kpis_without_actual),
            projects_without_update=tuple(project_rows[pid] for pid in overview.gaps.projects_without_update),
            kpis_needing_confirmation=tuple(r.kpi for r in rows if r.kpi.needs_confirmation),
            empty_card_fields=empty_fields_of(p.project for p in projects) if annual else (),
        ),
        cards=tuple(project_card(workspace, p.project, period, today) for p in projects if card_has_content(p.project))
        if annual
        else (),
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
    many: bool = False  # every card was asked for (`--all`), however many have content
    unfilled: tuple[Project, ...] = ()  # of every card, those without content, named once


def cards_context(
    workspace: Workspace, project_ids: list[str], period: Period, provenance: Provenance, today: dt.date, many: bool = False
) -> CardsContext:
    """With `many`, only the cards that have content (card_has_content) are shown, the others
    named once; a card asked for by its id is shown however empty it is."""
    projects = [workspace.projects[pid] for pid in project_ids]
    shown = [p for p in projects if card_has_content(p)] if many else projects
    return CardsContext(
        strategy=workspace.strategy,
        period=period,
        provenance=provenance,
        cards=tuple(project_card(workspace, p, period, today) for p in shown),
        many=many,
        unfilled=tuple(p for p in projects if p not in shown),
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
    """The sectors' projects and the city-wide ones grouped as everywhere else (overview.sector_members)."""
    strategy = workspace.strategy
    grouped = {sector.id if sector else None: tuple(workspace.projects[pid] for pid in ids) for sector, ids in sector_members(workspace)}
    return StrategyContext(
        strategy=strategy,
        provenance=provenance,
        groups=tuple(workspace.kpis_file.groups),
        sector_projects={s.id: grouped[s.id] for s in strategy.sectors},
        city_wide_projects=grouped.get(None, ()),
        themes_by_goal={t.goal: t.name for t in strategy.strategy_in_practice.themes},
    )
