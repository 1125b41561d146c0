"""The contract of `data/kpis.yaml`: the key indicators ("KESKEISET MITTARIT") and their actuals."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, StrictInt, model_validator

from ..frequency import Frequency
from ..limits import magnitude_problem
from ..wording import Said, catalogue
from .common import NEEDS_CONFIRMATION_DESCRIPTION, Model, Moment, NonEmptyStr, NotAFlag, Number, Period, Slug, Text

Unit = Literal["count", "percent", "eur", "meur", "score", "index", "days_per_person", "grade"]
Direction = Literal["increase", "decrease", "at_least", "at_most"]
Comparator = Literal[">=", ">", "<=", "<"]
KpiConfirmable = Annotated[
    list[Literal["unit", "scale", "direction", "frequency", "baseline", "target", "serves", "data_source"]], NotAFlag
]

# What each unit means, in English: the schema's documentation; the catalogue (cli.unit_description)
# holds it for the screen in either language.
UNIT_DESCRIPTIONS = {unit: catalogue("en")[f"cli.unit_description.{unit}"] for unit in get_args(Unit)}


class Scale(Model):
    """The range of a score, e.g. 1–5."""

    min: Number = Field(description="The lowest possible score.")
    max: Number = Field(description="The highest possible score.")

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.min >= self.max:
            raise ValueError(Said("cli.schema.scale_order", min=f"{self.min:.15g}", max=f"{self.max:.15g}"))
        return self


class Baseline(Model):
    """"NYT": where the indicator stood when the strategy was approved."""

    value: Number | None = Field(None, description="Empty when the source gives no certain value.")
    period: Period | None = Field(None, description="Defaults to the first year of the strategy period.")
    text: Text | None = Field(None, description="The source's own wording, when it says more than a number.")


class Target(Model):
    """"TAVOITE": the value to reach and by when."""

    value: Number | None = Field(None, description="Empty when the source gives no certain value.")
    comparator: Comparator | None = Field(
        None, description="How an actual compares with the value; defaults from the direction."
    )
    period: Period | Literal["every_year"] | None = Field(
        None, description="When the target is due; 'every_year' for a yearly target; empty = end of strategy."
    )
    text: Text | None = Field(None, description="The source's own wording, when it says more than a number.")


class Actual(Model):
    """"TOTEUMA": one recorded actual value."""

    period: Period = Field(description="The year or half-year the value is for.")
    value: Number = Field(description="The actual value, in the KPI's unit.")
    forecast: Number | None = Field(None, description="Year-end forecast given with a half-year actual.")
    recorded_at: Moment = Field(description="When the value was recorded.")
    recorded_by: NonEmptyStr | None = Field(None, description="Who recorded the value.")
    source: NonEmptyStr | None = Field(None, description="Where the figure came from.")
    note: NonEmptyStr | None = Field(None, description="A remark on the value.")
    replaced_at: Moment | None = Field(
        None, description="Set when a later value replaced this one; the entry stays as history."
    )
    replaced_by: NonEmptyStr | None = Field(None, description="Who replaced the value.")

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None


class PxwebImport(Model):
    """Where the KPI's figures are in a JSON-stat2 file downloaded from Statistics Finland's PxWeb."""

    table: NonEmptyStr = Field(
        description="The table's id as the file names it (extension.px.tableid), with or without '.px'; "
        "the short id at the end of the full one also matches."
    )
    dimensions: dict[NonEmptyStr, NonEmptyStr] = Field(
        default_factory=dict,
        description="The category code to take in each dimension other than time, by dimension id "
        "(e.g. the region's code). A dimension with a single category may be left out.",
    )
    time_dimension: NonEmptyStr | None = Field(
        None, description="The id of the time dimension; default: the one the file's role.time names."
    )


class SotkanetImport(Model):
    """Where the KPI's figures are in a CSV file downloaded from THL's Sotkanet."""

    indicator: StrictInt = Field(description="The indicator's number in Sotkanet (the indicator column).")
    region: StrictInt = Field(description="The region's number in Sotkanet (the region column), e.g. the municipality's.")
    gender: Literal["total", "male", "female"] = Field("total", description="Which gender's row to take.")
    value: Literal["primary", "absolute"] = Field(
        "primary", description="Which value to take: the primary value (e.g. a rate or a share) or the absolute value (a count)."
    )


class ImportFrom(Model):
    """Where `kemi kpi import` finds the KPI's figures in files downloaded from statistics services."""

    pxweb: PxwebImport | None = Field(None, description="A table of Statistics Finland's PxWeb, saved as JSON-stat2.")
    sotkanet: SotkanetImport | None = Field(None, description="An indicator of THL's Sotkanet, saved as CSV.")

    @model_validator(mode="after")
    def _names_a_source(self) -> ImportFrom:
        if self.pxweb is None and self.sotkanet is None:
            raise ValueError(Said("cli.schema.import_source"))
        return self


class Kpi(Model):
    """One key indicator."""

    id: Slug = Field(description="The KPI's id, used by commands and project cards.")
    name: Text = Field(description="The indicator's name (\"MITTARIT\").")
    unit: Unit = Field(
        description="The unit of its values: "
        + "; ".join(f"{unit} = {text}" for unit, text in UNIT_DESCRIPTIONS.items())
        + "."
    )
    scale: Scale | None = Field(None, description="Required for unit 'score'.")
    direction: Direction = Field(
        description="increase / decrease, or at_least / at_most to keep a level."
    )
    frequency: Frequency | None = Field(
        None,
        description="How often it is measured: 'year' (values for 2025) or 'half-year' (values for 2025H1, 2025H2). "
        "Values at the other frequency are refused; empty takes both.",
    )
    owner: NonEmptyStr | None = Field(None, description="Who is responsible for its figures and commentary.")
    baseline: Baseline = Field(default_factory=Baseline, description="\"NYT\": the value at the start.")
    target: Target = Field(default_factory=Target, description="\"TAVOITE\": the value to reach.")
    serves: list[Slug] = Field(
        default_factory=list, description="Ids of the goals, strategic objectives or vision it serves."
    )
    data_source: Text | None = Field(None, description="Where the figures usually come from.")
    source_text: NonEmptyStr | None = Field(
        None,
        description="The row of the source's indicator table that holds this indicator, quoted as written "
        "(its cells separated by ' | '), so that a reader can check every figure against it.",
    )
    note: Text | None = Field(
        None, description="A remark on the indicator: how the source was read, and the candidates to confirm."
    )
    needs_confirmation: KpiConfirmable = Field(default_factory=list, description=NEEDS_CONFIRMATION_DESCRIPTION)
    actuals: list[Actual] = Field(
        default_factory=list, description="\"TOTEUMA\": the recorded values, replaced ones kept as history."
    )
    import_from: ImportFrom | None = Field(
        None, description="Where `kemi kpi import` finds the figures in a PxWeb (JSON-stat2) or Sotkanet (CSV) file."
    )

    @property
    def reading_to_confirm(self) -> bool:
        """Whether what an indicator table shows of this KPI (its figures, their unit, scale and
        direction) awaits confirmation; a suggested data source or link is not shown there."""
        return any(name in self.needs_confirmation for name in ("unit", "scale", "direction", "baseline", "target"))

    def value_problem(self, value: float) -> Said | None:
        """Why `value` cannot be a value of this KPI in its unit (what it is: `… is {problem}`),
        or None when it can: a percentage lies within 0–100, a count is a whole non-negative
        number, a score lies on its scale. Checked for every value in the file and for every
        value recorded."""
        magnitude = magnitude_problem(value)
        if magnitude:
            return magnitude
        if self.unit == "percent" and not 0 <= value <= 100:
            return Said("cli.value_bound.percent", id=self.id)
        if self.unit == "count" and value != int(value):
            return Said("cli.value_bound.not_whole", id=self.id)
        if self.unit == "count" and value < 0:
            return Said("cli.value_bound.negative", id=self.id)
        if self.unit == "score" and self.scale is not None and not self.scale.min <= value <= self.scale.max:
            return Said("cli.value_bound.scale", id=self.id, min=f"{self.scale.min:.15g}", max=f"{self.scale.max:.15g}")
        return None

    @model_validator(mode="after")
    def _score_has_scale(self) -> Kpi:
        if self.unit == "score" and self.scale is None:
            raise ValueError(Said("cli.schema.score_scale"))
        return self


class KpiGroup(Model):
    """Indicators grouped by the benefit ("HYÖTY") they measure."""

    id: Slug = Field(description="The group's id.")
    benefit: Text = Field(description="\"HYÖTY\": the benefit the indicators measure.")
    kpis: list[Kpi] = Field(description="The group's indicators.")


class KpisFile(Model):
    """The key indicators of the strategy, grouped by benefit."""

    groups: list[KpiGroup] = Field(description="The groups of indicators, in the source's order.")

    def all_kpis(self) -> list[Kpi]:
        return [kpi for group in self.groups for kpi in group.kpis]
