"""Checks of review.yaml that span its entries or other files: one record per period, one period
open at a time, a closed period's approval, and commentary about things the data has."""

from __future__ import annotations

from collections import Counter

from .arguments import suggest
from .errors import Finding
from .load import SourceFile
from .models.kpis import KpisFile
from .models.review import ReviewFile
from .models.strategy import Strategy
from .models.vocabulary import VISION_ID
from .wording import Said


def check_review(source: SourceFile, review: ReviewFile, strategy: Strategy, kpis_file: KpisFile) -> list[Finding]:
    return _check_periods(source, review) + _check_commentary(source, review, strategy, kpis_file)


def _check_periods(source: SourceFile, review: ReviewFile) -> list[Finding]:
    findings = []
    seen: set[str] = set()
    for index, entry in enumerate(review.periods):
        where = ("periods", index)
        if entry.period in seen:
            findings.append(source.finding((*where, "period"), Said("cli.check.period_twice", period=entry.period)))
        seen.add(entry.period)
        if entry.state == "closed":
            missing = [key for key in ("approved_by", "closed_at", "digest") if getattr(entry, key) is None]
            if missing:
                findings.append(source.finding(where, Said("cli.check.closed_lacks", period=entry.period, fields=", ".join(missing))))
    open_periods = [(i, p.period) for i, p in enumerate(review.periods) if p.state == "open"]
    for index, period in open_periods[1:]:
        findings.append(
            source.finding(("periods", index, "state"), Said("cli.check.two_open", period=period, other=open_periods[0][1]))
        )
    return findings


def _check_commentary(source: SourceFile, review: ReviewFile, strategy: Strategy, kpis_file: KpisFile) -> list[Finding]:
    known = {
        "kpi": [k.id for k in kpis_file.all_kpis()],
        "goal": [g.id for g in strategy.goals] + [o.id for o in strategy.objectives] + [VISION_ID],
        "sector": [s.id for s in strategy.sectors],
    }
    findings = []
    for index, comment in enumerate(review.commentary):
        ids = known[comment.subject]
        if comment.id not in ids:
            findings.append(
                source.finding(
                    ("commentary", index, "id"),
                    Said("cli.unknown_short", kind=Said(f"cli.comment_subject.{comment.subject}"), value=comment.id, suggestion=suggest(comment.id, ids)),
                )
            )
    for index, comment in enumerate(review.commentary):
        if comment.is_current and comment.text.awaits_translation:
            findings.append(
                source.finding(
                    ("commentary", index, "text"),
                    Said("cli.gap.comment_untranslated", subject=Said(f"cli.comment_subject.{comment.subject}"), id=comment.id, period=comment.period),
                    "warning",
                )
            )
    current = Counter((c.period, c.subject, c.id) for c in review.commentary if c.is_current)
    for (period, subject, item_id), count in current.items():
        if count > 1:
            index = max(
                i for i, c in enumerate(review.commentary) if c.is_current and (c.period, c.subject, c.id) == (period, subject, item_id)
            )
            findings.append(
                source.finding(
                    ("commentary", index), Said("cli.check.two_current_texts", subject=Said(f"cli.comment_subject.{subject}"), id=item_id, period=period)
                )
            )
    return findings
