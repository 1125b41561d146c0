"""`kemi init`: a new data folder for another municipality, valid from the first run.

The folder is a copy of the skeleton shipped in the package (`kemi_cli/skeleton/`): a strategy
with the same structure as Kemi's, every text a "TODO:" placeholder in both languages; a few
example KPIs with empty values; one project card; and the JSON Schemas the files point at.
It is built in a temporary folder beside the target, checked with `validate_workspace`, and only
then moved into place, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .arguments import check_text
from .clock import today
from .edit import TEMP_SUFFIX, dump, round_trip_yaml
from .errors import KemiError, UsageError, display_path
from .load import STRATEGY_FILE
from .schema import json_schema_files
from .validate import validate_workspace
from .wording import Said

SCHEMAS_DIR = "schemas"
# A lock is left in place when an edit ends (removing it could let a second writer in while a
# third waits on the old file), and a crash may leave a temporary file: neither belongs in git.
GITIGNORE = """# kemi's edit locks and interrupted writes
.*.lock
.*.kemi-tmp
"""
# A strategy usually runs for a council term; the note in the skeleton asks to check the years.
EXAMPLE_PERIOD_YEARS = 4


def skeleton_files(city: str, first_year: int) -> dict[str, str]:
    """Relative path → text of every file of a new data folder for `city`."""
    root = resources.files("kemi_cli") / "skeleton"
    files = {path: entry.read_text(encoding="utf-8") for path, entry in _yaml_files(root)}
    files[STRATEGY_FILE] = _fill_in_strategy(files[STRATEGY_FILE], city, first_year)
    files.update({f"{SCHEMAS_DIR}/{name}": text for name, text in json_schema_files().items()})
    files[".gitignore"] = GITIGNORE
    return files


def _yaml_files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            found += _yaml_files(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith(".yaml"):
            found.append((prefix + entry.name, entry))
    return found


def _fill_in_strategy(text: str, city: str, first_year: int) -> str:
    yaml = round_trip_yaml(text)
    strategy = yaml.load(text)
    strategy["city"]["fi"] = city
    strategy["city"]["en"] = city
    strategy["period"]["start"] = first_year
    strategy["period"]["end"] = first_year + EXAMPLE_PERIOD_YEARS
    return dump(yaml, strategy)


def check_city(city: str) -> str:
    name = " ".join(city.split())
    if not name:
        raise UsageError(Said("cli.init.no_city"))
    return check_text(name, "--city")


def check_new_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(Said("cli.init.is_file", path=display_path(folder)))
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageError(Said("cli.init.not_empty", path=display_path(folder)))


def init_data_folder(folder: Path, city: str, first_year: int | None = None) -> list[Path]:
    """Create a valid data folder for `city` at `folder`; returns the files written."""
    city = check_city(city)
    check_new_folder(folder)
    files = skeleton_files(city, first_year or today().year)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=TEMP_SUFFIX, dir=folder.parent))
    except OSError as error:
        raise KemiError(Said("cli.init.cannot_create", path=display_path(folder), reason=error.strerror or error)) from None
    try:
        for relative, text in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        result = validate_workspace(staging)
        if not result.ok:
            first = result.errors[0]
            raise KemiError(Said("cli.init.skeleton_invalid", city=city, problem=first.sentence))
        _move_into_place(staging, folder)
    except OSError as error:
        raise KemiError(Said("cli.write.cannot", path=display_path(folder), reason=error.strerror or error, after="")) from None
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
    return [folder / relative for relative in files]


def _move_into_place(staging: Path, folder: Path) -> None:
    if not folder.exists():
        # mkdtemp made the folder private; give it the mode a new folder would have.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)
        os.rename(staging, folder)
        return
    for entry in staging.iterdir():
        os.rename(entry, folder / entry.name)
