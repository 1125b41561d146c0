"""Shell completion of ids from the data: KPIs, projects, sectors, goals, KPI groups, the
periods of the data and the phases of a card.

Completion runs on every Tab press, so each callback reads only the one file it needs (YAML
without model validation; project ids are file names) and never fails: a missing, unreadable or
broken data folder completes nothing rather than printing an error into the user's prompt.
The data folder is the `--data` already typed on the line, else KEMI_DATA, else the nearest
data folder upward from the working folder, else ./data.
Every command's options name these callbacks, so this module imports the YAML reader only when
a completion runs.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import typer

from ..models.vocabulary import VISION_ID

Completion = tuple[str, str]  # (value, help shown by zsh and fish)


def completion_data_dir(ctx: Any) -> Path:
    """The data folder a completion reads: --data on the line (after the command or before it),
    else KEMI_DATA, else the nearest data folder upward from here, else ./data."""
    while ctx is not None:
        value = ctx.params.get("data")
        if value:
            return Path(value)
        ctx = ctx.parent
    from ..data_folder import DEFAULT_DATA, find_data_folder

    return Path(os.environ.get("KEMI_DATA") or find_data_folder(Path.cwd()) or DEFAULT_DATA)


def _file_data(path: Path) -> dict[str, Any]:
    from ..load import load_file

    try:
        return load_file(path).data
    except Exception:  # noqa: BLE001 - completion must never fail; it completes nothing instead
        return {}


def _name(item: dict[str, Any]) -> str:
    name = item.get("name")
    return str(name.get("fi") or "") if isinstance(name, dict) else ""


def _items(items: Any) -> list[dict[str, Any]]:
    return [item for item in items if isinstance(item, dict) and item.get("id")] if isinstance(items, list) else []


def _kpi_groups(data_dir: Path) -> list[dict[str, Any]]:
    from ..load import KPIS_FILE

    return _items(_file_data(data_dir / KPIS_FILE).get("groups"))


def kpi_ids(data_dir: Path) -> list[Completion]:
    return [(str(kpi["id"]), _name(kpi)) for group in _kpi_groups(data_dir) for kpi in _items(group.get("kpis"))]


def kpi_group_ids(data_dir: Path) -> list[Completion]:
    return [(str(group["id"]), "") for group in _kpi_groups(data_dir)]


def project_ids(data_dir: Path) -> list[Completion]:
    from ..load import project_files

    try:
        return [(path.stem, "") for path in project_files(data_dir)]
    except OSError:
        return []


def _strategy_ids(data_dir: Path, key: str) -> list[Completion]:
    from ..load import STRATEGY_FILE

    return [(str(item["id"]), _name(item)) for item in _items(_file_data(data_dir / STRATEGY_FILE).get(key))]


def sector_ids(data_dir: Path) -> list[Completion]:
    return _strategy_ids(data_dir, "sectors")


def goal_ids(data_dir: Path) -> list[Completion]:
    return _strategy_ids(data_dir, "goals")


def servable_ids(data_dir: Path) -> list[Completion]:
    """What a KPI may serve: the goals, the strategic objectives and the vision."""
    return goal_ids(data_dir) + _strategy_ids(data_dir, "objectives") + [(VISION_ID, "")]


def periods_in_data(data_dir: Path) -> list[Completion]:
    """The periods a --period may name, newest first: the period under review (review.yaml), the
    last ended and the current half-year (of KEMI_TODAY), and every period the data holds an
    actual or a project update for. The one place that says which periods are offered."""
    from ..load import REVIEW_FILE
    from ..periods import Period

    periods: set[str] = set()
    for group in _kpi_groups(data_dir):
        for kpi in _items(group.get("kpis")):
            periods.update(str(a["period"]) for a in kpi.get("actuals") or [] if isinstance(a, dict) and a.get("period"))
    for path, _ in project_ids(data_dir):
        card = _file_data(data_dir / "projects" / f"{path}.yaml")
        periods.update(str(u["period"]) for u in card.get("updates") or [] if isinstance(u, dict) and u.get("period"))
    cycle = _file_data(data_dir / REVIEW_FILE).get("periods")
    if isinstance(cycle, list):
        periods.update(str(p["period"]) for p in cycle if isinstance(p, dict) and p.get("state") == "open" and p.get("period"))
    from ..clock import today

    with contextlib.suppress(Exception):  # a bad KEMI_TODAY only leaves the current half-years out
        day = today()
        periods.update((str(Period.half_year_of(day)), str(Period.latest_ended_half_year(day))))
    known = [p for p in periods if _is_period(p)]
    return [(p, "") for p in sorted(known, key=lambda p: Period.parse(p).sort_key, reverse=True)]


def _is_period(text: str) -> bool:
    from ..periods import PERIOD_RE

    return PERIOD_RE.match(text) is not None


def card_phases(ctx: typer.Context | None, data_dir: Path) -> list[Completion]:
    """The phase names (Finnish, with the English as help) of the card named on the line."""
    if ctx is None:
        return []
    # While completing an option, the parser may still hold the id among the unparsed arguments.
    project_id = ctx.params.get("project_id") or (ctx.args[0] if ctx.args else None)
    if not project_id:
        return []
    from ..load import card_path

    card = _file_data(card_path(data_dir, str(project_id)))
    names = [phase.get("name") for phase in card.get("phases") or [] if isinstance(phase, dict)]
    return [(str(n.get("fi")), str(n.get("en") or "")) for n in names if isinstance(n, dict) and n.get("fi")]


def complete_phase(ctx: typer.Context, incomplete: str) -> list[Completion]:
    try:
        return matching(card_phases(ctx, completion_data_dir(ctx)), incomplete or "")
    except Exception:  # noqa: BLE001 - see the module docstring
        return []


def matching(candidates: Iterable[Completion], incomplete: str) -> list[Completion]:
    return [(value, help_text) for value, help_text in candidates if value.startswith(incomplete)]


def ids_from(reader: Callable[[Path], list[Completion]]) -> Callable[[typer.Context, str], list[Completion]]:
    """An autocompletion callback that offers the ids `reader` finds in the data folder."""

    def complete(ctx: typer.Context, incomplete: str) -> list[Completion]:
        try:
            return matching(reader(completion_data_dir(ctx)), incomplete or "")
        except Exception:  # noqa: BLE001 - see the module docstring
            return []

    complete.__name__ = f"complete_{reader.__name__}"
    return complete


def choices(values: Iterable[str]) -> Callable[[str], list[str]]:
    """An autocompletion callback for a fixed set of words (statuses, languages, formats)."""
    words = list(values)

    def complete(incomplete: str) -> list[str]:
        return [word for word in words if word.startswith(incomplete or "")]

    return complete


complete_kpi = ids_from(kpi_ids)
complete_kpi_group = ids_from(kpi_group_ids)
complete_project = ids_from(project_ids)
complete_sector = ids_from(sector_ids)
complete_goal = ids_from(goal_ids)
complete_servable = ids_from(servable_ids)
complete_period = ids_from(periods_in_data)
