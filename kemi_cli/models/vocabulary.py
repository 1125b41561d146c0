"""Words of the data format that the command line needs before any data is read (in option
help, in completion): plain Python, so that using them costs no pydantic import."""

from __future__ import annotations

from typing import Literal, get_args

ProjectStatus = Literal["planned", "active", "done", "paused", "cancelled"]
PhaseStatus = Literal["planned", "active", "done", "paused", "cancelled"]
PROJECT_STATUSES: tuple[str, ...] = get_args(ProjectStatus)
PHASE_STATUSES: tuple[str, ...] = get_args(PhaseStatus)

# The id by which a KPI serves the strategy's vision rather than a goal or an objective.
VISION_ID = "visio"
