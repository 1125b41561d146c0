"""The contract of `data/review.yaml`: the review cycle of the strategy's follow-up.

One file, apart from the strategy and the indicators, because it changes with every cycle and is
written by other people at other times: which period is under review and by when, its approval
and closing, and the commentary written for each period. A data folder without it has no period
under review.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Day, DraftText, Model, Moment, NonEmptyStr, Period, Slug

ReviewState = Literal["open", "closed"]
CommentSubject = Literal["kpi", "goal", "sector"]
DIGEST_PATTERN = r"^sha256:[0-9a-f]{64}$"


class Reopening(Model):
    """A change made to a closed period, with the reason given for it (`--reopen`)."""

    at: Moment = Field(description="When the change was made.")
    by: NonEmptyStr | None = Field(None, description="Who made it.")
    reason: NonEmptyStr = Field(description="Why an approved period was changed.")
    change: NonEmptyStr = Field(description="What was changed, e.g. 'kpi set asukkaat 2026H1'.")


class OwnerReturn(Model):
    """An owner's workbook collected for the period (`kemi review collect`)."""

    owner: NonEmptyStr = Field(description="The owner, as the KPIs and project cards name them.")
    at: Moment = Field(description="When the workbook was first collected.")


class ReviewPeriod(Model):
    """One period of the review cycle: opened, its figures and texts collected, approved, closed."""

    period: Period = Field(description="The year or half-year under review.")
    state: ReviewState = Field(description="open while figures and texts are collected; closed once approved.")
    deadline: Day | None = Field(None, description="When the figures and texts are due.")
    opened_at: Moment = Field(description="When the period was opened for review.")
    opened_by: NonEmptyStr | None = Field(None, description="Who opened it.")
    returns: list[OwnerReturn] = Field(
        default_factory=list, description="The owners whose workbooks have been collected, in the order they came."
    )
    approved_by: NonEmptyStr | None = Field(
        None, description="The approval, as the minutes give it, e.g. 'Kaupunginhallitus 12.9.2026 § 123'."
    )
    closed_at: Moment | None = Field(None, description="When the period was closed.")
    closed_by: NonEmptyStr | None = Field(None, description="Who closed it.")
    digest: str | None = Field(
        None,
        pattern=DIGEST_PATTERN,
        description="A fingerprint of the period's figures, updates and commentary at closing; "
        "`kemi validate` checks that they have not changed since.",
    )
    reopenings: list[Reopening] = Field(
        default_factory=list, description="Changes made after closing, each with its reason."
    )


class Commentary(Model):
    """What a figure means, or a goal's or sector's summary and what is done next, for one period."""

    period: Period = Field(description="The period the text is written for.")
    subject: CommentSubject = Field(description="What the text is about: a kpi, a goal (or objective), or a sector.")
    id: Slug = Field(description="The id of the KPI, goal, objective or sector.")
    text: DraftText = Field(description="The text, Finnish first; the English may await translation.")
    written_at: Moment = Field(description="When the text was written.")
    written_by: NonEmptyStr | None = Field(None, description="Who wrote it.")
    replaced_at: Moment | None = Field(
        None, description="Set when a later text replaced this one; the entry stays as history."
    )
    replaced_by: NonEmptyStr | None = Field(None, description="Who replaced it.")

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None


class ReviewFile(Model):
    """The review cycle: the periods opened for review, and the commentary of each period."""

    periods: list[ReviewPeriod] = Field(default_factory=list, description="Every period opened for review, oldest first.")
    commentary: list[Commentary] = Field(
        default_factory=list, description="The commentary of every period, replaced texts kept as history."
    )
