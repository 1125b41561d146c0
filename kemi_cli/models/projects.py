"""The contract of `data/projects/<id>.yaml`: one project card each."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .common import Model, NonEmptyStr, Number, Period, Slug, Text

ProjectStatus = Literal["planned", "active", "done", "paused", "cancelled"]
PhaseStatus = Literal["planned", "active", "done", "paused", "cancelled"]


class Phase(Model):
    """"VAIHEET": one phase of the project."""

    name: Text
    start: dt.date | Period | None = None
    end: dt.date | Period | None = None
    status: PhaseStatus | None = None


class Metric(Model):
    """"MITTARI": a key indicator by id, or a metric of the project's own."""

    kpi: Slug | None = Field(None, description="Id of a KPI in kpis.yaml.")
    text: Text | None = Field(None, description="A metric of the project's own.")


class Measure(Model):
    """"NYT" or "TAVOITE" of the card: a value, a text, or both."""

    value: Number | None = None
    text: Text | None = None


class PhaseUpdate(Model):
    phase: Text
    status: PhaseStatus


class ProjectUpdate(Model):
    """A period update of the project."""

    period: Period
    status: ProjectStatus | None = None
    progress: Number | None = Field(None, ge=0, le=100, description="Per cent complete, 0–100.")
    text: Text | None = None
    phases: list[PhaseUpdate] = Field(default_factory=list)
    recorded_at: dt.date | dt.datetime
    recorded_by: NonEmptyStr | None = None
    replaced_at: dt.date | dt.datetime | None = None
    replaced_by: NonEmptyStr | None = None

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None


class Project(Model):
    """A project card laid out as the source's template."""

    id: Slug
    name: Text = Field(description="\"PROJEKTIT\": the project's name.")
    description: Text | None = Field(None, description="What the source says of the project.")
    sectors: list[Slug] = Field(default_factory=list, description="Ids of the sectors that run it.")
    goals: list[Slug] = Field(default_factory=list, description="Ids of the goals it serves.")
    status: ProjectStatus | None = Field(None, description="Empty while unknown.")
    outcome: Text | None = Field(None, description="\"LOPPUTULEMA\": the intended outcome.")
    phases: list[Phase] = Field(default_factory=list, description="\"VAIHEET\".")
    benefits: list[Text] = Field(default_factory=list, description="\"HYÖDYT\".")
    metric: Metric | None = Field(None, description="\"MITTARI\".")
    now: Measure | None = Field(None, description="\"NYT\": where the metric stands at the start.")
    target: Measure | None = Field(None, description="\"TAVOITE\".")
    owner: NonEmptyStr | None = Field(None, description="\"VASTUU\": who is responsible.")
    start: Period | None = None
    end: Period | None = None
    note: Text | None = None
    updates: list[ProjectUpdate] = Field(default_factory=list)
