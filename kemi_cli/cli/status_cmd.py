"""`kemi status`: one screen for the strategy office — KPIs by goal, projects by sector, and the
data gaps that block the review of the period."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..overview import PROJECT_STATUS_KEYS, Overview, build_overview
from ..status import STATUSES
from .app import app
from .options import DEFAULT_DATA, DataDir, JsonFlag, LangOption, PeriodOption, check_lang, period_in_use
from .views import console, kpi_status_cell, print_json, project_status_cell, text_in

if TYPE_CHECKING:
    from rich.table import Table

    from ..owners import CycleState, OwnerTodo


def cycle_json(state: CycleState | None, todos: list[OwnerTodo]) -> dict[str, Any]:
    """The review cycle's part of `kemi status --json`."""
    return {
        "under_review": str(state.period) if state else None,
        "deadline": state.deadline.isoformat() if state and state.deadline else None,
        "days_to_deadline": state.days_to_deadline if state else None,
        "owners": [
            {
                "owner": todo.owner,
                "missing": [{"kind": item.kind, "id": item.item_id, "missing": list(item.missing)} for item in todo.items],
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


_NO_TARGET_LABEL = {"none": "(serves no goal)", "vision": "vision"}


def _labelled(label: str, item_id: str | None) -> str:
    return f"{label} [{item_id}]" if item_id else label


def count_table(title: str, headings: tuple[str, str], status_headings: list[str], rows: list[tuple[str, dict[str, int], int]]) -> Table:
    """A table of counts by status: one row per goal or sector, the total last."""
    from rich.table import Table

    table = Table(title=title)
    table.add_column(headings[0])
    for heading in status_headings:
        table.add_column(heading, justify="right")
    table.add_column(headings[1], justify="right")
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
    at = period_in_use(period, workspace)
    overview = build_overview(workspace, at)
    state = cycle_state(workspace, today())
    todos = missing_by_owner(workspace, at)
    if as_json:
        print_json({**overview_json(overview), "cycle": cycle_json(state, todos)})
        return
    out = console()
    out.print(_cycle_line(state), style="bold")
    out.print(
        count_table(
            f"KPIs by goal, {at}",
            ("goal / objective", "KPIs"),
            [kpi_status_cell(key) for key in STATUSES],
            [
                (_labelled(text_in(row.name, lang, _NO_TARGET_LABEL.get(row.kind, "–")), row.target_id), row.counts, len(row.kpi_ids))
                for row in overview.kpis_by_goal
            ],
        )
    )
    out.print(
        count_table(
            f"Projects by sector, {at}",
            ("sector", "projects"),
            [project_status_cell(key) for key in PROJECT_STATUS_KEYS],
            [
                (_labelled(text_in(row.name, lang, "(no sector)"), row.sector_id), row.counts, len(row.project_ids))
                for row in overview.projects_by_sector
            ],
        )
    )

    gaps = overview.gaps
    out.print(f"Data gaps for the {at} review: {gaps.count}", style="bold")
    by_fields: dict[str, list[str]] = {}
    for gap in gaps.cards_with_empty_fields:
        by_fields.setdefault(", ".join(gap.empty_fields), []).append(gap.project_id)
    sections = [
        (f"KPIs with no actual for {at}", gaps.kpis_without_actual),
        (f"Projects with no update for {at}", gaps.projects_without_update),
    ] + [(f"Cards with empty fields: {fields}", ids) for fields, ids in by_fields.items()]
    for title, items in sections:
        out.print(f"{title} ({len(items)}): {', '.join(items) if items else 'none'}", overflow="fold")

    out.print(f"Still missing for {at}, by owner:", style="bold")
    for todo in todos:
        out.print(f"{todo.owner or '(no owner)'} ({len(todo.items)})")
        for item in todo.items:
            out.print(f"  {item.kind} {item.item_id} – {text_in(item.name, lang)}: {', '.join(item.missing)}", overflow="fold")
    if not todos:
        out.print("  nothing")


def _cycle_line(state: CycleState | None) -> str:
    if state is None:
        return "No period is under review (kemi review open PERIOD --deadline YYYY-MM-DD)."
    if state.deadline is None:
        return f"Under review: {state.period}, no deadline."
    days = state.days_to_deadline
    left = f"{days} day(s) left" if days is not None and days >= 0 else f"{-days} day(s) overdue"  # type: ignore[operator]
    return f"Under review: {state.period}, due {state.deadline.isoformat()} ({left})."
