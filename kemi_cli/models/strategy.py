"""The contract of `data/strategy.yaml`: the city strategy itself."""

from __future__ import annotations

from pydantic import Field

from .common import Model, NonEmptyStr, Slug, Text


class StrategyPeriod(Model):
    """The years the strategy covers; baselines default to its first year."""

    start: int = Field(ge=2000, le=2100, description="First year of the strategy period.")
    end: int = Field(ge=2000, le=2100, description="Last year of the strategy period.")
    note: Text | None = Field(None, description="Where the period comes from, e.g. that it is an assumption.")


class Statement(Model):
    """A named statement with its explanatory text (mission, vision)."""

    name: Text = Field(description="The statement itself, e.g. 'Kemi kutsuu'.")
    text: list[Text] = Field(default_factory=list, description="Paragraphs that explain it.")


class Vision(Statement):
    motto: Text | None = Field(None, description="The vision's motto.")


class Goal(Model):
    """One of the strategy's goals (Viisas, Välittävä, Vihreä Kemi)."""

    id: Slug
    name: Text
    text: list[Text] = Field(default_factory=list, description="Paragraphs describing the goal.")
    focus_areas: list[Text] = Field(
        default_factory=list, description="Focus areas of the culture change under this goal."
    )


class Objective(Model):
    """A strategic objective ("Talous paranee" …)."""

    id: Slug
    name: Text


class Theme(Model):
    """A theme of "Strategia arkeen": one goal taken into daily work, step by step."""

    number: int = Field(ge=1)
    goal: Slug = Field(description="Id of the goal the theme takes into daily work.")
    name: Text
    steps: list[Text]


class StrategyInPractice(Model):
    """"Strategia arkeen": how the strategy is taken into daily work."""

    title: Text
    audience: Text = Field(description="Who leads the change.")
    question: Text = Field(description="The question the change answers.")
    kickoff: Text
    themes: list[Theme]
    communication: Text = Field(description="The communication track that runs alongside the themes.")


class ReportingCycle(Model):
    """A way the strategy's measures are reported."""

    id: Slug
    name: Text


class Implementation(Model):
    """"Toteutus ja seuranta": implementation and follow-up."""

    title: Text
    text: list[Text] = Field(default_factory=list)
    sector_levels_intro: Text = Field(description="Lead-in to the list of what each sector does.")
    sector_levels: list[Text] = Field(description="What each sector does, in the source's order.")
    follow_up: list[Text] = Field(default_factory=list, description="Paragraphs after the list.")
    reporting_cycles: list[ReportingCycle]


class Sector(Model):
    """A sector (toimiala) of the city organisation and its key projects."""

    id: Slug
    name: Text
    daily_role: Text = Field(description="\"Arjen roolimme\": the sector's daily role.")
    shared_focus: Text = Field(description="The shared strategic focus and overall project.")
    projects_title: Text = Field(description="Heading of the sector's key project list.")
    projects: list[Slug] = Field(description="Ids of the sector's key projects, in the source's order.")


class TargetGroup(Model):
    name: Text
    text: Text


class Communication(Model):
    """"Viestintä vetovoimaksi": communication as a source of attraction."""

    title: Text
    principles: list[Text]
    target_groups_title: Text
    target_groups: list[TargetGroup]
    closing: list[Text] = Field(default_factory=list, description="Statements after the target groups.")


class CardTemplate(Model):
    """The columns of the source's project card, in order."""

    columns: list[Text]


class Challenge(Model):
    """An operating-environment challenge with its sub-points."""

    number: int = Field(ge=1)
    title: Text
    points: list[Text]


class Swot(Model):
    """The operating-environment analysis as the source groups it."""

    title: Text
    internal_strengths_opportunities: list[Text]
    external_strengths_opportunities: list[Text]
    internal_weaknesses_threats: list[Text]
    external_weaknesses_threats: list[Text]


class Strategy(Model):
    """The whole city strategy."""

    city: Text
    title: Text
    period: StrategyPeriod
    mission: Statement
    vision: Vision
    goals: list[Goal]
    culture_change_title: Text = Field(description="Heading of the culture-change focus areas.")
    objectives_title: Text
    objectives: list[Objective]
    strategy_in_practice: StrategyInPractice
    implementation: Implementation
    sectors: list[Sector]
    communication: Communication
    project_card: CardTemplate
    challenges_title: Text
    challenges: list[Challenge]
    swot: Swot
    version: NonEmptyStr | None = Field(None, description="Version or date of the approved strategy text.")
