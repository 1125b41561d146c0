"""`kemi status`: one screen for the strategy office — KPIs by goal, projects by sector, and the
data gaps that block the review of the period."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..overview import PROJECT_STATUS_KEYS, PROJECT_STATUS_SYMBOLS, Overview, build_overview
from ..status import STATUS_SYMBOLS, STATUSES
from .app import app
from .options import DEFAULT_DATA, DataDir, JsonFlag, LangOption, PeriodOption, check_lang, period_in_use
from .views import Words, console, print_json, screen_table, text_in

if TYPE_CHECKING:
    from rich.table import Table


def overview_json(overview: Overview) -> dict[str, Any]:
    """The overview with stable keys; names in both languages."""
    return {
        "period": str(overview.period),
        "kpis": [
            {
                "id": kpi_id,
                "status": status.status,
                "reason": status.reason,
                "actual_period": status.actual.period if status.actual else None,
            }
            for kpi_id, status in overview.kpi_statuses.items()
        ],
        "kpis_by_goal": [
            {
                "id": row.target_id,
                "kind": row.kind,
                "name": row.name.model_dump() if row.name else None,
                "counts": row.counts,
                "kpis": row.kpi_ids,
            }
            for row in overview.kpis_by_goal
        ],
        "projects_by_sector": [
            {
                "id": row.sector_id,
                "name": row.name.model_dump() if row.name else None,
                "counts": row.counts,
                "projects": row.project_ids,
            }
            for row in overview.projects_by_sector
        ],
        "gaps": {
            "kpis_without_actual": overview.gaps.kpis_without_actual,
            "projects_without_update": overview.gaps.projects_without_update,
            "cards_with_empty_fields": [
                {"project": gap.project_id, "fields": gap.empty_fields} for gap in overview.gaps.cards_with_empty_fields
            ],
        },
    }


_NO_TARGET_LABEL = {"none": "screen.no_goal", "vision": "screen.vision"}


def _labelled(label: str, item_id: str | None) -> str:
    return f"{label} [{item_id}]" if item_id else label


def count_table(title: str, headings: tuple[str, str], status_headings: list[str], rows: Sequence[tuple[str, Mapping[Any, int], int]]) -> Table:
    """A table of counts by status: one row per goal or sector, the total last."""
    table = screen_table(
        title, [(headings[0], "text"), *((heading, "count") for heading in status_headings), (headings[1], "count")]
    )
    for label, counts, total in rows:
        table.add_row(label, *map(str, counts.values()), str(total))
    return table


@app.command()
def status(
    period: PeriodOption = None,
    lang: LangOption = "fi",
    data: DataDir = DEFAULT_DATA,
    as_json: JsonFlag = False,
) -> None:
    """The strategy office's overview of a period: for each goal the KPIs by status, for each
    sector the projects by status, and the data gaps that block the half-year review.

    Example: kemi status --period 2026H1 --lang en
    """
    from ..validate import load_workspace

    lang = check_lang(lang)
    workspace = load_workspace(data)
    words = Words(data, lang)
    at = period_in_use(period, workspace, words)
    overview = build_overview(workspace, at)
    if as_json:
        print_json(overview_json(overview))
        return
    out = console()
    out.print(
        count_table(
            words("screen.kpis_by_goal", period=at),
            (words("screen.goal_or_objective"), words("screen.kpis")),
            [STATUS_SYMBOLS[key] for key in STATUSES],
            [
                (
                    _labelled(text_in(row.name, lang, words(_NO_TARGET_LABEL[row.kind]) if row.kind in _NO_TARGET_LABEL else "–"), row.target_id),
                    row.counts,
                    len(row.kpi_ids),
                )
                for row in overview.kpis_by_goal
            ],
        )
    )
    out.print(words("status.legend"))
    out.print(
        count_table(
            words("screen.projects_by_sector", period=at),
            (words("screen.sector"), words("screen.project_count")),
            [PROJECT_STATUS_SYMBOLS[key] for key in PROJECT_STATUS_KEYS],
            [
                (_labelled(text_in(row.name, lang, words("screen.no_sector")), row.sector_id), row.counts, len(row.project_ids))
                for row in overview.projects_by_sector
            ],
        )
    )

    out.print(", ".join(words.project_status(key) for key in PROJECT_STATUS_KEYS))

    gaps = overview.gaps
    out.print(words("screen.gaps", period=at, count=gaps.count), style="bold")
    by_fields: dict[str, list[str]] = {}
    for gap in gaps.cards_with_empty_fields:
        by_fields.setdefault(words.card_fields(gap.empty_fields), []).append(gap.project_id)
    sections = [
        (words("screen.gaps_kpis", period=at), gaps.kpis_without_actual),
        (words("screen.gaps_projects", period=at), gaps.projects_without_update),
    ] + [(words("screen.gaps_cards", fields=fields), ids) for fields, ids in by_fields.items()]
    for title, items in sections:
        out.print(f"{title} ({len(items)}): {', '.join(items) if items else words('screen.none')}")
