"""The whole of a city's data, validated: the strategy, its indicators and its project cards."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .kpis import Kpi, KpiGroup, KpisFile
from .projects import Project
from .review import ReviewFile
from .strategy import Goal, Objective, Sector, Strategy
from .vocabulary import VISION_ID


@dataclass(frozen=True)
class Workspace:
    data_dir: Path
    strategy: Strategy
    kpis_file: KpisFile
    projects: dict[str, Project]
    review: ReviewFile = field(default_factory=ReviewFile)  # an empty cycle when review.yaml is absent

    @property
    def kpis(self) -> list[Kpi]:
        return self.kpis_file.all_kpis()

    def kpi(self, kpi_id: str) -> Kpi | None:
        return next((k for k in self.kpis if k.id == kpi_id), None)

    def group_of(self, kpi_id: str) -> KpiGroup | None:
        return next((g for g in self.kpis_file.groups if any(k.id == kpi_id for k in g.kpis)), None)

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.strategy.goals if g.id == goal_id), None)

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.strategy.objectives if o.id == objective_id), None)

    def sector(self, sector_id: str) -> Sector | None:
        return next((s for s in self.strategy.sectors if s.id == sector_id), None)

    @cached_property
    def sector_rank(self) -> dict[str, int]:
        """Each sector's id with its place in the strategy's order."""
        return {sector.id: rank for rank, sector in enumerate(self.strategy.sectors)}

    @cached_property
    def key_project_of(self) -> dict[str, frozenset[str]]:
        """For each project id on a sector's key-project list, the ids of the sectors that list it.

        Built once: asked per project, every sector's list would be searched for every project."""
        listing: dict[str, set[str]] = {}
        for sector in self.strategy.sectors:
            for project_id in sector.projects:
                listing.setdefault(project_id, set()).add(sector.id)
        return {project_id: frozenset(ids) for project_id, ids in listing.items()}

    @property
    def servable_ids(self) -> list[str]:
        """Ids a KPI may serve: the goals, the strategic objectives and the vision."""
        return [g.id for g in self.strategy.goals] + [o.id for o in self.strategy.objectives] + [VISION_ID]
