"""The fingerprint of a period's entries, recorded when the period is closed.

What a closed period's review showed must not change quietly: the current actuals reported for
the period, the current project updates for it and its current commentary are written out in one
canonical form and hashed. `kemi validate` recomputes the digest of every closed period and
compares it with the one recorded at closing, so that a hand edit of an approved figure shows.
"For the period" is the overview's rule (overview.reported_for): a year is reported with its
second half-year.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from .overview import reported_for
from .periods import Period

if TYPE_CHECKING:
    from .models.workspace import Workspace

HISTORY_KEYS = {"replaced_at", "replaced_by"}


def period_entries(workspace: Workspace, period: Period) -> dict[str, Any]:
    """The current entries of every kind that are reported for `period`, as plain data."""

    def dumped(entries: list[Any]) -> list[dict[str, Any]]:
        return [e.model_dump(mode="json", exclude=HISTORY_KEYS) for e in entries if e.is_current and reported_for(e.period, period)]

    actuals = {kpi.id: dumped(kpi.actuals) for kpi in workspace.kpis}
    updates = {pid: dumped(project.updates) for pid, project in workspace.projects.items()}
    return {
        "actuals": {kpi_id: entries for kpi_id, entries in actuals.items() if entries},
        "updates": {pid: entries for pid, entries in updates.items() if entries},
        "commentary": dumped(workspace.review.commentary),
    }


def period_digest(workspace: Workspace, period: Period) -> str:
    canonical = json.dumps(period_entries(workspace, period), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
