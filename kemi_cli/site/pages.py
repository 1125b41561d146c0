"""Every page of the site and what it shows, computed before any template runs.

A page has a key, its path under a language's folder without the suffix (`kpis/asukkaat`), so
that the same key names the page in both languages. The contents come from the review context of
the period the site presents (the one the latest half-year review shows), so that the site and
that review never disagree about a status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from ..models.common import Text
from ..models.review import Commentary
from ..models.strategy import Goal, Objective
from ..models.workspace import Workspace
from ..periods import Period
from ..report.context import KpiRow, ProjectCard, ProjectRow, ReviewContext, project_card

HOME = "index"
REPORTING = "reporting"
GOALS = "goals/index"
# The order the project filters list the statuses in: a project's life, then what is not known.
PROJECT_STATUS_ORDER = ("planned", "active", "paused", "done", "cancelled", "unknown")
KPIS = "kpis/index"
PROJECTS = "projects/index"
SEARCH = "search"


@dataclass(frozen=True)
class Crumb:
    """One step of a page's breadcrumbs: a page key and its title (a label key or a text)."""

    key: str
    title: Text | str


@dataclass(frozen=True)
class SitePage:
    """One page in both languages. `title` is a text of the data or a label key (`web.<…>`)."""

    key: str
    template: str
    title: Text | str
    crumbs: tuple[Crumb, ...] = ()
    pdf: str | None = None  # the PDF of the same content, a path from the site's root with {lang}
    content: dict[str, Any] = field(default_factory=dict)
    # Whether the site's search indexes the page: not the search page itself, nor the filtered
    # project lists, whose every line is on the full list too.
    searchable: bool = True

    @property
    def depth(self) -> int:
        """How many folders below the site's root the page lies: its language folder and more."""
        return self.key.count("/") + 1


@dataclass(frozen=True)
class ProjectFilter:
    """One pre-built filtered list of projects: a sector, a goal or a status and its projects.
    Pre-built pages, so that filtering works without JavaScript."""

    key: str
    facet: str  # sector, goal, status
    name: Text | str  # a text of the data, or a label key for a status
    rows: tuple[ProjectRow, ...]


@dataclass(frozen=True)
class ReportingRow:
    """How many of one goal's or objective's KPIs have a value for the period presented."""

    key: str  # the page of the goal or objective
    name: Text | None
    reported: int
    total: int

    @property
    def share(self) -> float | None:
        """Per cent of the KPIs reported, rounded; None when no KPI serves it."""
        return round(100 * self.reported / self.total) if self.total else None


@dataclass(frozen=True)
class SiteFacts:
    """What the pages share: the period presented and the published documents' paths."""

    period: Period
    review: ReviewContext
    half_year_stem: str  # e.g. half-year-2026H1: the review as `<stem>-<lang>.html|pdf`
    annual_stem: str
    strategy_stem: str
    cards_stem: str


def kpi_key(kpi_id: str) -> str:
    return f"kpis/{kpi_id}"


def project_key(project_id: str) -> str:
    return f"projects/{project_id}"


def target_key(target_id: str, kind: str) -> str:
    """The page of what a KPI serves: a goal, an objective, or the vision (the home page)."""
    return {"goal": f"goals/{target_id}", "objective": f"objectives/{target_id}"}.get(kind, HOME)


def current_commentary(workspace: Workspace, subject: str, subject_id: str) -> tuple[Commentary, ...]:
    """The texts written about one thing, newest period first, leaving out replaced ones."""
    texts = [c for c in workspace.review.commentary if c.subject == subject and c.id == subject_id and c.replaced_at is None]
    return tuple(sorted(texts, key=lambda c: Period.parse(c.period).sort_key, reverse=True))


def project_filters(workspace: Workspace, review: ReviewContext) -> list[ProjectFilter]:
    """The project list by sector, by goal and by status, leaving out values no project has."""
    rows = review.project_rows
    filters = [
        ProjectFilter(f"projects/filter/sector-{s.group.sector_id}", "sector", s.name, s.rows)  # type: ignore[arg-type]
        for s in review.sectors if s.group.sector_id and s.rows
    ]
    filters += [
        ProjectFilter(f"projects/filter/goal-{goal.id}", "goal", goal.name, tuple(r for r in rows if goal.id in r.project.goals))
        for goal in workspace.strategy.goals
    ]
    statuses = sorted({r.status for r in rows}, key=lambda name: PROJECT_STATUS_ORDER.index(name) if name in PROJECT_STATUS_ORDER else len(PROJECT_STATUS_ORDER))
    filters += [
        ProjectFilter(f"projects/filter/status-{name}", "status", f"project_status.{name}", tuple(r for r in rows if r.status == name))
        for name in statuses
    ]
    return [f for f in filters if f.rows]


def reporting_rows(review: ReviewContext) -> list[ReportingRow]:
    """Per goal and objective, its KPIs with a value for the period presented, as Open SDG's
    reporting status shows; the vision and the KPIs serving nothing are left to the KPI list."""
    reported = {row.kpi.id for row in review.rows if row.has_period_actual}
    return [
        ReportingRow(target_key(s.target_id, s.kind), s.name, sum(k in reported for k in s.kpi_ids), s.total)
        for s in review.summary if s.target_id and s.kind in ("goal", "objective")
    ]


def site_pages(workspace: Workspace, facts: SiteFacts, today: dt.date) -> list[SitePage]:
    """Every page of the site, in the order the sitemap lists them."""
    review = facts.review
    rows: dict[str, KpiRow] = {row.kpi.id: row for row in review.rows}
    cards: dict[str, ProjectCard] = {
        p.project.id: project_card(workspace, p.project, facts.period, today) for p in review.project_rows
    }
    served = {(s.kind, s.target_id): s for s in review.summary}
    home = Crumb(HOME, "web.home")
    goals_crumb = Crumb(GOALS, "web.goals")
    kpis_crumb = Crumb(KPIS, "web.kpis")
    projects_crumb = Crumb(PROJECTS, "web.projects")
    pages = [
        SitePage(HOME, "home", "web.home", pdf=facts.strategy_stem + "-{lang}.pdf", content={"summary": review.summary, "totals": review.totals}),
        SitePage(GOALS, "goals", "web.goals", (home,), content={"summary": review.summary}),
        SitePage(KPIS, "kpis", "web.kpis", (home,), content={"groups": review.groups}),
    ]
    filters = project_filters(workspace, review)
    pages.append(SitePage(PROJECTS, "projects", "web.projects", (home,), content={"rows": review.project_rows, "filters": filters, "current": None}))
    pages += [
        SitePage(f.key, "projects", f.name, (home, projects_crumb), content={"rows": f.rows, "filters": filters, "current": f}, searchable=False)
        for f in filters
    ]
    reporting = reporting_rows(review)
    pages.append(SitePage(REPORTING, "reporting", "web.reporting", (home,), content={
        "reporting": reporting, "reported": sum(1 for row in review.rows if row.has_period_actual), "total": len(review.rows),
    }))
    pages.append(SitePage(SEARCH, "search", "web.search", (home,), searchable=False))

    def projects_of_goal(goal_id: str) -> list[ProjectCard]:
        return [card for card in cards.values() if goal_id in card.project.goals]

    def projects_of_kpis(kpi_ids: list[str]) -> list[ProjectCard]:
        return [card for card in cards.values() if card.metric.kpi_id in kpi_ids]

    # A goal lists the projects that name it; an objective, which no card names, the projects
    # measured by its indicators.
    strategic: list[tuple[Literal["goal", "objective"], Goal | Objective, list[ProjectCard]]] = [
        ("goal", goal, projects_of_goal(goal.id)) for goal in workspace.strategy.goals
    ]
    for objective in workspace.strategy.objectives:
        status = served.get(("objective", objective.id))
        strategic.append(("objective", objective, projects_of_kpis(status.kpi_ids if status else [])))
    for kind, target, projects in strategic:
        status = served.get((kind, target.id))
        pages.append(SitePage(
            target_key(target.id, kind), kind, target.name, (home, goals_crumb),
            content={kind: target, "status": status, "rows": [rows[k] for k in (status.kpi_ids if status else [])],
                     "projects": projects, "commentary": current_commentary(workspace, "goal", target.id)},
        ))
    targets = {s.target_id: s for s in review.summary if s.target_id}
    for row in review.rows:
        serves = [(kind_id, targets[kind_id]) for kind_id in row.kpi.serves if kind_id in targets]
        pages.append(SitePage(
            kpi_key(row.kpi.id), "kpi", row.kpi.name, (home, kpis_crumb),
            content={"row": row, "group": workspace.group_of(row.kpi.id),
                     "serves": [(target_key(i, s.kind), s.name) for i, s in serves],
                     "projects": projects_of_kpis([row.kpi.id]),
                     "commentary": current_commentary(workspace, "kpi", row.kpi.id)},
        ))
    for project_id, card in cards.items():
        pages.append(SitePage(
            project_key(project_id), "project", card.project.name, (home, projects_crumb),
            pdf=facts.cards_stem + "-{lang}.pdf",  # every card in one PDF
            content={"card": card, "goals": [(f"goals/{g}", workspace.goal(g)) for g in card.project.goals if workspace.goal(g)],
                     "kpi_row": rows.get(card.metric.kpi_id) if card.metric.kpi_id else None},
        ))
    return pages
