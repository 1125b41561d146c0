"""The lock on a closed period: once a review is approved, its figures, updates and commentary
change only with a reason (`--reopen "reason"`), which is recorded with the period in review.yaml
together with a new digest of its entries; `kemi validate` finds any other change (period_digest).

A closed period locks the entries reported for it (overview.reported_for): closing 2026H2 also
locks the year 2026, whose value the review of 2026H2 shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .errors import Finding, UsageError
from .overview import reported_for
from .period_digest import period_digest
from .periods import Period
from .wording import Said

if TYPE_CHECKING:
    from .load import SourceFile
    from .models.review import ReviewFile, ReviewPeriod
    from .models.workspace import Workspace


def closed_periods_touched(review: ReviewFile, periods: Iterable[Period]) -> list[ReviewPeriod]:
    """The closed periods of the cycle that an edit of entries for `periods` would change."""
    wanted = list(periods)
    return [
        entry
        for entry in review.periods
        if entry.state == "closed" and any(reported_for(str(period), Period.parse(entry.period)) for period in wanted)
    ]


def check_unlocked(review: ReviewFile, periods: Iterable[Period], reopen: str | None) -> list[ReviewPeriod]:
    """The closed periods the edit changes; without a reason to reopen them, the edit is refused."""
    touched = closed_periods_touched(review, periods)
    if touched and reopen is None:
        entry = touched[0]
        raise UsageError(Said("cli.closed_period", period=entry.period, approval=entry.approved_by))
    if reopen is not None and not reopen.strip():
        raise UsageError(Said("cli.reopen_needs_reason"))
    return touched


def digest_findings(source: SourceFile, review: ReviewFile, workspace: Workspace) -> list[Finding]:
    """A closed period whose entries no longer match the digest recorded at closing."""
    findings = []
    for index, entry in enumerate(review.periods):
        if entry.state != "closed" or entry.digest is None:
            continue
        if period_digest(workspace, Period.parse(entry.period)) != entry.digest:
            findings.append(
                source.finding(
                    ("periods", index, "digest"),
                    f"the figures, updates or commentary of closed period {entry.period} have changed since it was approved "
                    f"({entry.approved_by}): restore them (git diff shows what changed), then make a change with a kemi "
                    'command and --reopen "reason"',
                )
            )
    return findings
