"""The contract of `data/projects/<id>.yaml`: one project card each."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import (
    NEEDS_CONFIRMATION_DESCRIPTION,
    Day,
    DraftText,
    Model,
    Moment,
    NonEmptyStr,
    NotAFlag,
    Number,
    Period,
    Slug,
    Text,
)
from .vocabulary import PhaseStatus, ProjectStatus

# The fields of the source's card template, in its order: a card that leaves one empty has a data gap.
CARD_FIELDS = ("status", "outcome", "phases", "benefits", "metric", "now", "target", "owner")


class Phase(Model):
    """"VAIHEET": one phase of the project."""

    name: Text = Field(description="The phase's name.")
    start: Day | Period | None = Field(None, description="When the phase starts: a date, a year or a half-year.")
    end: Day | Period | None = Field(None, description="When the phase ends: a date, a year or a half-year.")
    status: PhaseStatus | None = Field(None, description="The phase's status; empty while unknown.")


class Metric(Model):
    """"MITTARI": a key indicator by id, or a metric of the project's own."""

    kpi: Slug | None = Field(None, description="Id of a KPI in kpis.yaml.")
    text: Text | None = Field(None, description="A metric of the project's own.")


class Measure(Model):
    """"NYT" or "TAVOITE" of the card: a value, a text, or both."""

    value: Number | None = Field(None, description="The value, in the metric's unit.")
    text: Text | None = Field(None, description="The card's own wording.")


class PhaseUpdate(Model):
    """The status of one phase as a period update reports it."""

    phase: Text = Field(description="The phase's name, as on the card.")
    status: PhaseStatus = Field(description="The phase's status at the update.")


class ProjectUpdate(Model):
    """A period update of the project."""

    period: Period = Field(description="The year or half-year the update is for.")
    status: ProjectStatus | None = Field(None, description="The project's status at the update.")
    progress: Number | None = Field(None, ge=0, le=100, description="Per cent complete, 0–100.")
    text: DraftText | None = Field(None, description="What happened in the period; the English may await translation.")
    phases: list[PhaseUpdate] = Field(default_factory=list, description="The status of phases at the update.")
    recorded_at: Moment = Field(description="When the update was recorded.")
    recorded_by: NonEmptyStr | None = Field(None, description="Who recorded the update.")
    replaced_at: Moment | None = Field(
        None, description="Set when a later update replaced this one; the entry stays as history."
    )
    replaced_by: NonEmptyStr | None = Field(None, description="Who replaced the update.")

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None


class Project(Model):
    """A project card laid out as the source's template."""

    id: Slug = Field(description="The project's id; the file is named <id>.yaml.")
    name: Text = Field(description="\"PROJEKTIT\": the project's name.")
    description: Text | None = Field(None, description="What the source says of the project.")
    sectors: list[Slug] = Field(default_factory=list, description="Ids of the sectors that run it.")
    goals: list[Slug] = Field(default_factory=list, description="Ids of the goals it serves.")
    status: ProjectStatus | None = Field(None, description="The project's status; empty while unknown.")
    outcome: Text | None = Field(None, description="\"LOPPUTULEMA\": the intended outcome.")
    phases: list[Phase] = Field(default_factory=list, description="\"VAIHEET\": the phases of the project, in order.")
    benefits: list[Text] = Field(default_factory=list, description="\"HYÖDYT\": the benefits the project brings.")
    metric: Metric | None = Field(None, description="\"MITTARI\": how the project's result is measured.")
    now: Measure | None = Field(None, description="\"NYT\": where the metric stands at the start.")
    target: Measure | None = Field(None, description="\"TAVOITE\": where the metric should be at the end.")
    owner: NonEmptyStr | None = Field(None, description="\"VASTUU\": who is responsible.")
    start: Period | None = Field(None, description="When the project starts: a year or a half-year.")
    end: Period | None = Field(None, description="When the project ends: a year or a half-year.")
    note: Text | None = Field(None, description="A remark on the project, and the candidates to confirm.")
    needs_confirmation: Annotated[list[Literal["sectors", "goals", "start", "end"]], NotAFlag] = Field(
        default_factory=list, description=NEEDS_CONFIRMATION_DESCRIPTION
    )
    updates: list[ProjectUpdate] = Field(
        default_factory=list, description="Period updates, replaced ones kept as history."
    )


def empty_card_fields(project: Project) -> list[str]:
    """The fields of the source's card template that a project card leaves empty."""
    return [name for name in CARD_FIELDS if getattr(project, name) in (None, [], "")]
