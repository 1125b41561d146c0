"""`kemi project list/show/new/update`: the project cards from the shell."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..arguments import check_choice, check_text, text_pair
from ..clock import today
from ..errors import UsageError, display_path
from ..models.vocabulary import PHASE_STATUSES, PROJECT_STATUSES
from ..numbers import format_date, format_number, format_value
from ..overview import (
    PROJECT_STATUS_KEYS,
    ProjectState,
    phase_history,
    project_state,
    project_states,
)
from ..periods import Period
from ..status import status_at
from ..wording import Said
from . import completion
from .app import app
from .options import (
    DEFAULT_DATA,
    DataDir,
    JsonFlag,
    LangOption,
    PeriodOption,
    ProjectId,
    ReopenOption,
    check_known,
    check_lang,
    chosen_because,
    period_in_use,
)
from .output import info
from .views import Words, console, id_and_name, print_json, screen_table, text_in

if TYPE_CHECKING:
    from ..models.projects import Project
    from ..models.workspace import Workspace

project_app = typer.Typer(
    help="Project cards: list, show, create, and record period updates.\n\nExample: kemi project show uimahalli --lang en",
    no_args_is_help=True,
)
app.add_typer(project_app, name="project")


def find_project(workspace: Workspace, project_id: str) -> Project:
    check_known("project", project_id, list(workspace.projects))
    return workspace.projects[project_id]


# ---------------------------------------------------------------- list


def _state_json(state: ProjectState) -> dict[str, Any]:
    return {
        "id": state.project_id,
        "name": state.name.model_dump(),
        "sectors": state.sectors,
        "goals": state.goals,
        "owner": state.owner,
        "status": state.status,
        "latest_progress": state.latest_progress,
        "latest_progress_period": state.latest_progress_period,
        "empty_fields": state.empty_fields,
    }


def _progress_cell(state: ProjectState, lang: str) -> str:
    if state.latest_progress is None:
        return "–"
    return f"{format_value(state.latest_progress, 'percent', lang)}\n({state.latest_progress_period})"  # type: ignore[arg-type]


@project_app.command("list")
def list_projects(
    sector: Annotated[
        str | None, typer.Option("--sector", help="Only the projects this sector runs.", autocompletion=completion.complete_sector)
    ] = None,
    goal: Annotated[
        str | None, typer.Option("--goal", help="Only the projects that serve this goal.", autocompletion=completion.complete_goal)
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help=f"Only the projects with this status: {', '.join(PROJECT_STATUS_KEYS)}.",
            autocompletion=completion.choices(PROJECT_STATUS_KEYS),
        ),
    ] = None,
    lang: LangOption = "fi",
    data: DataDir = DEFAULT_DATA,
    as_json: JsonFlag = False,
) -> None:
    """List the project cards: sectors, owner, status, latest progress and the empty card fields.

    Example: kemi project list --sector ymparisto --status active
    """
    from ..validate import load_workspace

    lang = check_lang(lang)
    workspace = load_workspace(data)
    if sector is not None:
        check_known("sector", sector, [s.id for s in workspace.strategy.sectors])
    if goal is not None:
        check_known("goal", goal, [g.id for g in workspace.strategy.goals])
    if status is not None:
        check_choice(status, PROJECT_STATUS_KEYS, "--status")
    words = Words(data, lang)
    at = period_in_use(None, workspace)
    states = [
        s
        for s in project_states(workspace, at)
        if (sector is None or sector in s.sectors) and (goal is None or goal in s.goals) and (status is None or s.status == status)
    ]
    if as_json:
        print_json({"period": str(at), "projects": [_state_json(s) for s in states]})
        return
    id_width = max((len(s.project_id) for s in states), default=1)
    table = screen_table(
        words("screen.projects", count=len(states)),
        [
            (words("projects.project"), "token"),
            (words("card.sectors"), "token"),
            (words("projects.status"), "text"),
            (words("projects.progress"), "token"),
            (words("screen.empty_fields"), "text", len("lopputulema,")),
        ],
    )
    for state in states:
        table.add_row(
            id_and_name(state.project_id, text_in(state.name, lang), id_width)
            + (f"\n{words('screen.owner')}: {state.owner}" if state.owner else ""),
            ",\n".join(state.sectors) or "–",
            words.project_status(state.status),
            _progress_cell(state, lang),
            words.card_fields(state.empty_fields),
        )
    console().print(table)


# ---------------------------------------------------------------- show


def _when(value: Any, lang: str) -> str:
    if value is None:
        return "–"
    return format_date(value, lang) if hasattr(value, "isoformat") else str(value)  # type: ignore[arg-type]


def _measure(measure: Any, lang: str) -> str:
    if measure is None:
        return "–"
    parts = [format_number(measure.value, lang)] if measure.value is not None else []  # type: ignore[arg-type]
    if measure.text is not None:
        parts.append(text_in(measure.text, lang))
    return " – ".join(parts) or "–"


def _metric(workspace: Workspace, project: Project, at: Any, words: Words) -> tuple[str, dict[str, Any] | None]:
    """The card's metric as text, and the linked KPI's status at `at` (None without a KPI)."""
    lang = words.lang
    metric = project.metric
    if metric is None:
        return "–", None
    parts = []
    linked = None
    kpi = workspace.kpi(metric.kpi) if metric.kpi else None
    if kpi is not None:
        kpi_status = status_at(kpi, at, workspace.strategy.period)
        actual = kpi_status.actual
        value = f", {format_value(actual.value, kpi.unit, lang)} ({actual.period})" if actual else ""  # type: ignore[arg-type]
        parts.append(f"{kpi.id}: {text_in(kpi.name, lang)} – {words.kpi_status(kpi_status.status)} {at}{value}")
        linked = {
            "kpi": kpi.id,
            "period": str(at),
            "status": kpi_status.status,
            "reason": kpi_status.reason,
            "actual_period": actual.period if actual else None,
            "actual_value": actual.value if actual else None,
        }
    if metric.text is not None:
        parts.append(text_in(metric.text, lang))
    return "\n".join(parts) or "–", linked


def _phase_rows(project: Project, words: Words) -> list[tuple[str, str, str, str, str]]:
    lang = words.lang
    rows = []
    for phase in project.phases:
        history = ", ".join(f"{period}: {words.phase_status(status)}" for period, status in phase_history(project, phase.name)) or "–"
        status = words.phase_status(phase.status) if phase.status else "–"
        rows.append((text_in(phase.name, lang), _when(phase.start, lang), _when(phase.end, lang), status, history))
    return rows


@project_app.command("show")
def show_project(
    project_id: ProjectId,
    period: PeriodOption = None,
    lang: LangOption = "fi",
    data: DataDir = DEFAULT_DATA,
    as_json: JsonFlag = False,
) -> None:
    """Show a whole project card as the strategy's card template lays it out: the phases with
    their dates and status, the linked KPI with its status, and every period update.

    Example: kemi project show uimahalli --lang en
    """
    from ..validate import load_workspace

    lang = check_lang(lang)
    workspace = load_workspace(data)
    project = find_project(workspace, project_id)
    words = Words(data, lang)
    at = period_in_use(period, workspace)
    state = project_state(workspace, project, at)
    metric_text, linked = _metric(workspace, project, at, words)
    if as_json:
        print_json(
            {
                **project.model_dump(mode="json"),
                "status": state.status,
                "sectors": state.sectors,
                "metric_status": linked,
                "empty_fields": state.empty_fields,
            }
        )
        return
    from rich.table import Table

    out = console()
    columns = [text_in(c, lang) for c in workspace.strategy.project_card.columns]
    card_values = [
        text_in(project.name, lang) + (f"\n{text_in(project.description, lang)}" if project.description else ""),
        text_in(project.outcome, lang),
        "\n".join(f"{name} ({start} – {end}): {status}" for name, start, end, status, _ in _phase_rows(project, words)) or "–",
        "\n".join(f"• {text_in(b, lang)}" for b in project.benefits) or "–",
        metric_text,
        _measure(project.now, lang),
        _measure(project.target, lang),
        project.owner or "–",
    ]
    card = Table(title=f"{project.id}", show_header=False, show_lines=True)
    card.add_column("field", style="bold", no_wrap=True)
    card.add_column("value", overflow="ellipsis")
    for label, value in zip(columns, card_values, strict=False):
        card.add_row(label, value)
    sector_names = [text_in(s.name, lang) for sid in state.sectors if (s := workspace.sector(sid))]
    goal_names = [text_in(g.name, lang) for gid in project.goals if (g := workspace.goal(gid))]
    card.add_row(words("projects.status"), words.project_status(state.status))
    card.add_row(words("card.sectors"), ", ".join(sector_names) or "–")
    card.add_row(words("card.goals"), ", ".join(goal_names) or "–")
    card.add_row(words("screen.schedule"), f"{project.start or '?'} – {project.end or '?'}" if project.start or project.end else "–")
    card.add_row(words("screen.empty_fields"), words.card_fields(state.empty_fields))
    out.print(card)

    if project.phases:
        phases = screen_table(
            words("screen.phases"),
            [(words("screen.phase"), "text"), (words("screen.start"), "token"), (words("screen.end"), "token"),
             (words("projects.status"), "text"), (words("screen.reported"), "text")],
        )
        for row in _phase_rows(project, words):
            phases.add_row(*row)
        out.print(phases)

    updates = screen_table(
        words("screen.updates", count=len(project.updates)),
        [(words("chart.period"), "token"), (words("projects.status"), "text"), (words("projects.progress"), "token"),
         (words("screen.text"), "text"), (words("screen.phases"), "text"), (words("chart.recorded"), "token"),
         (words("screen.replaced"), "token")],
    )
    for update in project.updates:
        updates.add_row(
            update.period,
            words.project_status(update.status) if update.status else "–",
            format_value(update.progress, "percent", lang) if update.progress is not None else "–",  # type: ignore[arg-type]
            text_in(update.text, lang),
            ", ".join(f"{text_in(p.phase, lang)}: {words.phase_status(p.status)}" for p in update.phases) or "–",
            f"{_when(update.recorded_at, lang)}\n{update.recorded_by or ''}".strip(),
            f"{_when(update.replaced_at, lang)}\n{update.replaced_by or ''}".strip() if update.replaced_at else words("screen.current"),
        )
    out.print(updates)


# ---------------------------------------------------------------- new


@project_app.command("new")
def new_project(
    project_id: Annotated[str, typer.Argument(metavar="ID", help="The new project's id: a slug such as 'uusi_hanke'.")],
    name_fi: Annotated[str, typer.Option("--name-fi", help="The project's name in Finnish.")],
    name_en: Annotated[str, typer.Option("--name-en", help="The project's name in English.")],
    sector: Annotated[
        list[str],
        typer.Option(
            "--sector", metavar="SECTOR", help="A sector that runs the project (repeatable).", autocompletion=completion.complete_sector
        ),
    ],
    goal: Annotated[
        list[str] | None,
        typer.Option("--goal", metavar="GOAL", help="A goal the project serves (repeatable).", autocompletion=completion.complete_goal),
    ] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="\"Vastuu\": who is responsible.")] = None,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Create data/projects/ID.yaml from the commented card template; it passes `kemi validate`.

    Example: kemi project new uusi_hanke --name-fi "Uusi hanke" --name-en "New project" --sector ymparisto --goal vihrea
    """
    from ..edit import create_file
    from ..load import card_path
    from ..project_edit import NewCard, check_project_id, new_card_text, sibling_schema_line
    from ..validate import load_workspace, workspace_validator

    check_project_id(project_id)
    card = NewCard(
        project_id=project_id,
        name_fi=check_text(name_fi, "--name-fi"),
        name_en=check_text(name_en, "--name-en"),
        sectors=list(dict.fromkeys(sector)),
        goals=list(dict.fromkeys(goal or [])),
        owner=check_text(owner, "--owner") if owner is not None else None,
    )
    workspace = load_workspace(data)
    for sector_id in card.sectors:
        check_known("sector", sector_id, [s.id for s in workspace.strategy.sectors])
    for goal_id in card.goals:
        check_known("goal", goal_id, [g.id for g in workspace.strategy.goals])
    path = card_path(data, project_id)
    if project_id in workspace.projects or path.exists():
        raise UsageError(Said("cli.project_exists", id=project_id, path=display_path(path)))
    path.parent.mkdir(exist_ok=True)
    create_file(path, new_card_text(card, sibling_schema_line(path.parent)), workspace_validator(data))
    info(Said("cli.created", path=display_path(path)))


# ---------------------------------------------------------------- update


@project_app.command("update")
def update_project(
    project_id: ProjectId,
    period: PeriodOption = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", help=f"The project's status: {', '.join(PROJECT_STATUSES)}.", autocompletion=completion.choices(PROJECT_STATUSES)
        ),
    ] = None,
    progress: Annotated[str | None, typer.Option("--progress", help="Per cent complete, 0–100.")] = None,
    text_fi: Annotated[str | None, typer.Option("--text-fi", help="What happened in the period, in Finnish.")] = None,
    text_en: Annotated[str | None, typer.Option("--text-en", help="The same in English.")] = None,
    phase: Annotated[
        list[str] | None,
        typer.Option(
            "--phase", metavar="NAME", help="A phase's name as on the card (repeatable).", autocompletion=completion.complete_phase
        ),
    ] = None,
    phase_status: Annotated[
        list[str] | None,
        typer.Option(
            "--phase-status",
            metavar="STATUS",
            help=f"The status of the --phase before it: {', '.join(PHASE_STATUSES)}.",
            autocompletion=completion.choices(PHASE_STATUSES),
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace the period's update; the old one is kept as history.")
    ] = False,
    by: Annotated[str | None, typer.Option("--by", help="Who records the update; default: the user name.")] = None,
    reopen: ReopenOption = None,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Record a period update of a project: appended to the card with a locked, validated,
    atomic write that keeps every comment. A second update for the same period needs --replace.

    Example: kemi project update uimahalli --period 2026H1 --status active --progress 40 --text-fi "Suunnittelu alkoi" --text-en "Design began"
    """
    from ..edit import edit_file, recorder_name
    from ..load import card_path
    from ..project_edit import UpdateRequest, add_update, parse_progress
    from ..review import chosen_period
    from ..review_edit import edit_locked_periods
    from ..validate import load_workspace

    if period is not None:
        Period.parse(period)  # a bad --period is a usage error before the data is read
    phases = phase or []
    phase_statuses = phase_status or []
    if len(phases) != len(phase_statuses):
        raise UsageError(Said("cli.phases_in_pairs"))
    workspace = load_workspace(data)
    find_project(workspace, project_id)
    chosen = chosen_period(period, workspace.review, today())
    at = chosen.period
    request = UpdateRequest(
        period=at,
        recorded_at=today(),
        recorded_by=recorder_name(check_text(by, "--by") if by is not None else None),
        status=check_choice(status, PROJECT_STATUSES, "--status") if status is not None else None,
        progress=parse_progress(progress) if progress is not None else None,
        text=text_pair(text_fi, text_en, "--text"),
        phases=[
            (check_text(name, "--phase"), check_choice(s, PHASE_STATUSES, "--phase-status"))
            for name, s in zip(phases, phase_statuses, strict=True)
        ],
    )
    if request.is_empty:
        raise UsageError(Said("cli.nothing_to_record"))
    path = card_path(data, project_id)
    edit_locked_periods(
        data, workspace.review, [at], reopen, f"project update {project_id} {at}",
        lambda validate: edit_file(path, lambda document: add_update(document, request, replace), validate),
        request.recorded_at, request.recorded_by,
    )
    info(Said("cli.project_updated", period=at, why=chosen_because(chosen.reason), id=project_id, path=display_path(path)))
