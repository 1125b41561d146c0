"""Every page of the site and what it shows, computed before any template runs.

A page has a key, its path under a language's folder without the suffix (`kpis/asukkaat`), so
that the same key names the page in both languages. The contents come from the review context of
the period the site presents (the one the latest half-year review shows), so that the site and
that review never disagree about a status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..models.common import Text
from ..models.review import Commentary
from ..models.workspace import Workspace
from ..periods import Period
from ..report.context import KpiRow, ProjectCard, ReviewContext, project_card

HOME = "index"
GOALS = "goals/index"
KPIS = "kpis/index"
PROJECTS = "projects/index"


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

    @property
    def depth(self) -> int:
        """How many folders below the site's root the page lies: its language folder and more."""
        return self.key.count("/") + 1


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
        SitePage(PROJECTS, "projects", "web.projects", (home,), content={"sectors": review.sectors}),
    ]

    def projects_of_goal(goal_id: str) -> list[ProjectCard]:
        return [card for card in cards.values() if goal_id in card.project.goals]

    def projects_of_kpis(kpi_ids: list[str]) -> list[ProjectCard]:
        return [card for card in cards.values() if card.metric.kpi_id in kpi_ids]

    # A goal lists the projects that name it; an objective, which no card names, the projects
    # measured by its indicators.
    strategic = [("goal", goal, projects_of_goal(goal.id)) for goal in workspace.strategy.goals]
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
