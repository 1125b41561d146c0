"""The contract of `data/strategy.yaml`: the city strategy itself."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from .common import NEEDS_CONFIRMATION_DESCRIPTION, Model, NonEmptyStr, NotAFlag, Slug, Text


class StrategyPeriod(Model):
    """The years the strategy covers; baselines default to its first year."""

    start: int = Field(ge=2000, le=2100, description="First year of the strategy period.")
    end: int = Field(ge=2000, le=2100, description="Last year of the strategy period.")
    note: Text | None = Field(None, description="Where the period comes from, e.g. that it is an assumption.")
    needs_confirmation: Annotated[list[Literal["start", "end"]], NotAFlag] = Field(
        default_factory=list, description=NEEDS_CONFIRMATION_DESCRIPTION
    )


class Statement(Model):
    """A named statement with its explanatory text (mission, vision)."""

    name: Text = Field(description="The statement itself, e.g. 'Kemi kutsuu'.")
    text: list[Text] = Field(default_factory=list, description="Paragraphs that explain it.")


class Vision(Statement):
    """The vision: where the city wants to be, with its motto."""

    motto: Text | None = Field(None, description="The vision's motto.")


class Goal(Model):
    """One of the strategy's goals (Viisas, Välittävä, Vihreä Kemi)."""

    id: Slug = Field(description="The goal's id, used by KPIs, themes and project cards.")
    name: Text = Field(description="The goal's name.")
    text: list[Text] = Field(default_factory=list, description="Paragraphs describing the goal.")
    focus_areas: list[Text] = Field(
        default_factory=list, description="Focus areas of the culture change under this goal."
    )


class Objective(Model):
    """A strategic objective ("Talous paranee" …)."""

    id: Slug = Field(description="The objective's id, used by KPIs.")
    name: Text = Field(description="The objective as the strategy words it.")


class Theme(Model):
    """A theme of "Strategia arkeen": one goal taken into daily work, step by step."""

    number: int = Field(ge=1, description="The theme's number, from 1, in the source's order.")
    goal: Slug = Field(description="Id of the goal the theme takes into daily work.")
    name: Text = Field(description="The theme's name.")
    steps: list[Text] = Field(description="The steps of the theme, in order.")


class StrategyInPractice(Model):
    """"Strategia arkeen": how the strategy is taken into daily work."""

    title: Text = Field(description="Heading of the section.")
    audience: Text = Field(description="Who leads the change.")
    question: Text = Field(description="The question the change answers.")
    kickoff: Text = Field(description="The event that starts the change.")
    themes: list[Theme] = Field(description="The themes, one per goal, in order.")
    communication: Text = Field(description="The communication track that runs alongside the themes.")


class ReportingCycle(Model):
    """A way the strategy's measures are reported."""

    id: Slug = Field(description="The reporting cycle's id.")
    name: Text = Field(description="The reporting cycle's name.")


class Implementation(Model):
    """"Toteutus ja seuranta": implementation and follow-up."""

    title: Text = Field(description="Heading of the section.")
    text: list[Text] = Field(default_factory=list, description="Paragraphs before the list of sector levels.")
    sector_levels_intro: Text = Field(description="Lead-in to the list of what each sector does.")
    sector_levels: list[Text] = Field(description="What each sector does, in the source's order.")
    follow_up: list[Text] = Field(default_factory=list, description="Paragraphs after the list.")
    reporting_cycles: list[ReportingCycle] = Field(description="The ways the strategy's measures are reported.")


class Sector(Model):
    """A sector (toimiala) of the city organisation and its key projects."""

    id: Slug = Field(description="The sector's id, used by project cards.")
    name: Text = Field(description="The sector's name.")
    daily_role: Text = Field(description="\"Arjen roolimme\": the sector's daily role.")
    shared_focus: Text = Field(description="The shared strategic focus and overall project.")
    projects_title: Text = Field(description="Heading of the sector's key project list.")
    projects: list[Slug] = Field(description="Ids of the sector's key projects, in the source's order.")


class TargetGroup(Model):
    """A target group of communication and what it is told."""

    name: Text = Field(description="The target group.")
    text: Text = Field(description="What communication to this group is about.")


class Communication(Model):
    """"Viestintä vetovoimaksi": communication as a source of attraction."""

    title: Text = Field(description="Heading of the section.")
    principles: list[Text] = Field(description="The principles of communication.")
    target_groups_title: Text = Field(description="Heading of the list of target groups.")
    target_groups: list[TargetGroup] = Field(description="The target groups of communication.")
    closing: list[Text] = Field(default_factory=list, description="Statements after the target groups.")


class CardTemplate(Model):
    """The columns of the source's project card, in order."""

    columns: list[Text] = Field(description="The column headings of the card, in the source's order.")


class Challenge(Model):
    """An operating-environment challenge with its sub-points."""

    number: int = Field(ge=1, description="The challenge's number: 1, 2, 3 … in order.")
    title: Text = Field(description="The challenge.")
    points: list[Text] = Field(description="The challenge's sub-points.")


class Swot(Model):
    """The operating-environment analysis as the source groups it."""

    title: Text = Field(description="Heading of the analysis.")
    internal_strengths_opportunities: list[Text] = Field(description="Internal strengths and opportunities.")
    external_strengths_opportunities: list[Text] = Field(description="External strengths and opportunities.")
    internal_weaknesses_threats: list[Text] = Field(description="Internal weaknesses and threats.")
    external_weaknesses_threats: list[Text] = Field(description="External weaknesses and threats.")


class Authority(Model):
    """The authority that supervises the accessibility of public bodies' sites and documents."""

    name: Text = Field(description="The authority's name, e.g. the Finnish Transport and Communications Agency Traficom.")
    website: NonEmptyStr | None = Field(None, description="The address of its accessibility pages.")
    email: NonEmptyStr | None = Field(None, description="Its e-mail address for accessibility matters.")
    phone: NonEmptyStr | None = Field(None, description="Its telephone number.")


class AccessibilityStatement(Model):
    """What the site's accessibility statement (Act 306/2019 §15) needs from the publisher: how far
    the site complies, where to give feedback, who supervises, and when the statement was made.
    What the documents can and cannot do is kemi's to tell."""

    compliance: Literal["fully", "partly", "not"] = Field(
        "partly", description="How far the site meets WCAG 2.1 AA: fully, partly or not."
    )
    feedback_email: NonEmptyStr | None = Field(
        None, description="The publisher's e-mail address for accessibility feedback; empty until known (a data gap)."
    )
    feedback_form: NonEmptyStr | None = Field(
        None, description="The address of the publisher's feedback form; empty until known (a data gap)."
    )
    supervisory_authority: Authority = Field(description="The authority that supervises accessibility.")
    made: dt.date | None = Field(None, description="When the statement was first made; empty until known (a data gap).")


class Strategy(Model):
    """The whole city strategy."""

    city: Text = Field(description="The city's name.")
    title: Text = Field(description="The strategy's title.")
    publisher: Text = Field(
        description="Who publishes the strategy and its reports (cover, footer, author), e.g. 'Kemin kaupunki' / "
        "'City of Kemi'. Written in the nominative: the reports never inflect it."
    )
    period: StrategyPeriod = Field(description="The years the strategy covers.")
    mission: Statement = Field(description="The mission: why the city exists.")
    vision: Vision = Field(description="The vision: where the city wants to be.")
    goals: list[Goal] = Field(description="The strategy's goals, in the source's order.")
    culture_change_title: Text = Field(description="Heading of the culture-change focus areas.")
    objectives_title: Text = Field(description="Heading of the strategic objectives.")
    objectives: list[Objective] = Field(description="The strategic objectives, in the source's order.")
    strategy_in_practice: StrategyInPractice = Field(description="How the strategy is taken into daily work.")
    implementation: Implementation = Field(description="Implementation and follow-up.")
    sectors: list[Sector] = Field(description="The sectors of the city organisation and their key projects.")
    communication: Communication = Field(description="Communication as a source of attraction.")
    project_card: CardTemplate = Field(description="The template of a project card.")
    challenges_title: Text = Field(description="Heading of the operating-environment challenges.")
    challenges: list[Challenge] = Field(description="The operating-environment challenges, numbered in order.")
    swot: Swot = Field(description="The analysis of the operating environment (SWOT).")
    version: NonEmptyStr | None = Field(None, description="Version or date of the approved strategy text.")
    accessibility: AccessibilityStatement | None = Field(
        None, description="The publisher's part of the site's accessibility statement; empty: every item a data gap."
    )
    publish_recorders: bool = Field(
        False,
        description=(
            "Whether the published documents, the site and its data downloads name who recorded each "
            "value and update (recorded_by, replaced_by). Off unless set to true: a recorder is a login "
            "name by default, which is personal data; kemi kpi show, kemi project show and kemi kpi "
            "export always name them."
        ),
    )
