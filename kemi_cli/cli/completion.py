"""Shell completion of ids from the data: KPIs, projects, sectors, goals, KPI groups.

Completion runs on every Tab press, so each callback reads only the one file it needs (YAML
without model validation; project ids are file names) and never fails: a missing, unreadable or
broken data folder completes nothing rather than printing an error into the user's prompt.
The data folder is the `--data` already typed on the line, else KEMI_DATA, else the nearest
data folder upward from the working folder, else ./data.
Every command's options name these callbacks, so this module imports the YAML reader only when
a completion runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import typer

from ..models.vocabulary import VISION_ID

Completion = tuple[str, str]  # (value, help shown by zsh and fish)


def completion_data_dir(ctx: typer.Context | None) -> Path:
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
