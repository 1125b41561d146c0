"""`kemi status`: one screen for the strategy office — KPIs by goal, projects by sector, and the
data gaps that block the review of the period."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..numbers import format_date
from ..overview import PROJECT_STATUS_KEYS, PROJECT_STATUS_SYMBOLS, Overview, build_overview
from ..status import STATUS_SYMBOLS, STATUSES
from .app import app
from .options import DEFAULT_DATA, DataDir, JsonFlag, LangOption, PeriodOption, check_lang, period_in_use
from .views import Words, console, print_json, screen_table, text_in

if TYPE_CHECKING:
    from rich.table import Table

    from ..owners import CycleState, OwnerTodo


def cycle_json(state: CycleState | None, todos: list[OwnerTodo]) -> dict[str, Any]:
    """The review cycle's part of `kemi status --json`."""
    return {
        "under_review": str(state.period) if state else None,
        "deadline": state.deadline.isoformat() if state and state.deadline else None,
        "days_to_deadline": state.days_to_deadline if state else None,
        "returned": [{"owner": owner, "at": at.isoformat()} for owner, at in state.returned] if state else [],
        "owners": [
            {
                "owner": todo.owner,
                "missing": [
                    {"kind": item.kind, "id": item.item_id, "period": str(item.period), "missing": list(item.missing)}
                    for item in todo.items
                ],
            }
            for todo in todos
        ],
    }


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
    """The strategy office's overview of a period: the period under review and the days to its
    deadline, for each goal the KPIs by status, for each sector the projects by status, the data
    gaps that block the review, and what is still missing, grouped by owner.

    Example: kemi status --period 2026H1 --lang en
    """
    from ..clock import today
    from ..owners import cycle_state, missing_by_owner
    from ..validate import load_workspace

    lang = check_lang(lang)
    workspace = load_workspace(data)
    words = Words(data, lang)
    at = period_in_use(period, workspace)
    overview = build_overview(workspace, at)
    state = cycle_state(workspace, today())
    todos = missing_by_owner(workspace, at)
    if as_json:
        print_json({**overview_json(overview), "cycle": cycle_json(state, todos)})
        return
    out = console()
    out.print(_cycle_line(state, words), style="bold")
    if state is not None:
        returned = ", ".join(owner for owner, _ in state.returned) or words("screen.none")
        out.print(words("screen.returned", count=len(state.returned), owners=returned), overflow="fold")
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
        out.print(f"{title} ({len(items)}): {', '.join(items) if items else words('screen.none')}", overflow="fold")

    out.print(words("screen.missing_by_owner", period=at), style="bold")
    for todo in todos:
        mark = f" – {words('screen.has_returned')}" if state is not None and todo.owner in dict(state.returned) else ""
        out.print(f"{todo.owner or words('screen.no_owner')} ({len(todo.items)}){mark}")
        for item in todo.items:
            lacks = ", ".join(words(f"screen.missing.{key}", period=item.period) for key in item.missing)
            out.print(f"  {words(f'screen.item_kind.{item.kind}')} {item.item_id} – {text_in(item.name, lang)}: {lacks}", overflow="fold")
    if not todos:
        out.print(f"  {words('screen.nothing')}")


def _cycle_line(state: CycleState | None, words: Words) -> str:
    if state is None:
        return words("screen.no_review")
    if state.deadline is None or state.days_to_deadline is None:
        return words("screen.under_review_no_deadline", period=state.period)
    days = state.days_to_deadline
    left = words("screen.days_left", days=days) if days >= 0 else words("screen.days_overdue", days=-days)
    deadline = format_date(state.deadline, words.lang)  # type: ignore[arg-type]
    return words("screen.under_review", period=state.period, deadline=deadline, left=left)
