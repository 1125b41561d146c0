"""What a review shows of the review cycle: the commentary of the period (each goal's, KPI's and
sector's text, with its name) and the approval of a closed period. Pure; the templates render it
in blocks of their own (templates/*/cycle.*.j2)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..overview import serve_targets
from ..periods import Period
from ..review import current_commentary, review_of

if TYPE_CHECKING:
    from ..models.common import DraftText, Text
    from ..models.review import ReviewPeriod
    from ..models.workspace import Workspace


@dataclass(frozen=True)
class Commented:
    """One text of the period, about the goal, KPI or sector `subject_id` named `name`."""

    subject_id: str
    name: Text
    text: DraftText


@dataclass(frozen=True)
class CycleContext:
    goals: tuple[Commented, ...] = ()
    kpis: tuple[Commented, ...] = ()
    sectors: tuple[Commented, ...] = ()
    approval: ReviewPeriod | None = None  # the record of a closed, approved period


def cycle_context(workspace: Workspace, period: Period) -> CycleContext:
    """The commentary of `period` in the strategy's order (goals and objectives, KPIs as in
    kpis.yaml, sectors), and its approval when the period is closed."""
    review = workspace.review

    def commented(subject: str, named: list[tuple[str, Text]]) -> tuple[Commented, ...]:
        texts = current_commentary(review, period, subject)
        return tuple(Commented(item_id, name, texts[item_id]) for item_id, name in named if item_id in texts)

    entry = review_of(review, period)
    return CycleContext(
        goals=commented("goal", [(tid, name) for tid, _, name in serve_targets(workspace) if tid is not None and name is not None]),
        kpis=commented("kpi", [(k.id, k.name) for k in workspace.kpis]),
        sectors=commented("sector", [(s.id, s.name) for s in workspace.strategy.sectors]),
        approval=entry if entry is not None and entry.state == "closed" else None,
    )
