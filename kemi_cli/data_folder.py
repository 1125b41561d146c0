"""Where kemi finds its data folder, and the names of the files in it.

Kept light (no YAML, no pydantic): the command line resolves the folder before any command runs,
and shell completion resolves it on every Tab press.
"""

from __future__ import annotations

from pathlib import Path

STRATEGY_FILE = "strategy.yaml"
KPIS_FILE = "kpis.yaml"
PROJECTS_DIR = "projects"
REVIEW_FILE = "review.yaml"
DEFAULT_DATA = Path("data")


def find_data_folder(start: Path) -> Path | None:
    """The data folder nearest to `start`, looking upward as git looks for its repository: the
    first folder on the way up that holds strategy.yaml, or whose data/ holds it. None when no
    folder up to the root does, so that the caller keeps its default and its usual message."""
    for folder in (start, *start.parents):
        if (folder / STRATEGY_FILE).is_file():
            return folder
        if (folder / DEFAULT_DATA / STRATEGY_FILE).is_file():
            return folder / DEFAULT_DATA
    return None
