"""Where a report's numbers came from: the data files' git commit and the moment they stand for.

The same data and kemi version must give byte-identical documents, so no clock is read here:
the report's time is `SOURCE_DATE_EPOCH` when it is set, else the data's own time (the last
commit of the data folder when it is clean, else the newest modification of a data file).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..errors import UsageError
from ..limits import MAX_YEAR, MIN_YEAR, year_problem
from ..load import KPIS_FILE, STRATEGY_FILE, project_files
from ..wording import Said

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
_LAST_SECOND = int(dt.datetime(MAX_YEAR + 1, 1, 1, tzinfo=dt.UTC).timestamp())


@dataclass(frozen=True)
class Provenance:
    commit: str | None  # the data folder's last commit, when it is in a git repository
    dirty: bool  # the data files differ from that commit
    data_time: dt.datetime  # UTC
    generated_at: dt.datetime  # UTC
    kemi_version: str
    # Dated by what one document shows (report/scope.py), without the data's commit.
    scoped: bool = False

    @property
    def short_commit(self) -> str | None:
        return self.commit[:12] if self.commit else None


def parse_source_date_epoch(raw: str | None) -> dt.datetime | None:
    """The time SOURCE_DATE_EPOCH gives, None when unset; empty or not a whole number is an error."""
    if raw is None:
        return None
    text = raw.strip()
    if not text.isdigit():
        raise UsageError(Said("cli.epoch.not_a_time", variable=SOURCE_DATE_EPOCH, text=raw))
    seconds = int(text) if len(text) <= 20 else None
    moment = dt.datetime.fromtimestamp(seconds, tz=dt.UTC) if seconds is not None and seconds < _LAST_SECOND else None
    if moment is None or year_problem(moment.year):
        raise UsageError(Said("cli.epoch.out_of_range", variable=SOURCE_DATE_EPOCH, text=raw[:40], low=MIN_YEAR, high=MAX_YEAR))
    return moment


def source_date_epoch() -> dt.datetime | None:
    return parse_source_date_epoch(os.environ.get(SOURCE_DATE_EPOCH))


def data_files(data_dir: Path) -> list[Path]:
    return [p for p in (data_dir / STRATEGY_FILE, data_dir / KPIS_FILE, *project_files(data_dir)) if p.is_file()]


# The data folder's repository is not kemi's to trust: its configuration could name commands for
# git to run (core.fsmonitor on `git status`, hooks, a pager). Those are switched off, git takes no
# optional locks (a report never blocks a commit), asks nothing and has a bounded time.
_GIT_SAFETY = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "core.pager=cat", "--no-optional-locks")
_GIT_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "GIT_CONFIG_NOSYSTEM": "1"}
GIT_SECONDS = 10


def _git(data_dir: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *_GIT_SAFETY, "-C", str(data_dir), *args],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **_GIT_ENV},
            text=True,
            timeout=GIT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def git_commit(data_dir: Path) -> tuple[str, dt.datetime, bool] | None:
    """(commit, commit time, dirty) of the last commit that touched the data folder."""
    line = _git(data_dir, "log", "-1", "--format=%H %ct", "--", ".")
    if not line:
        return None
    commit, seconds = line.split()
    status = _git(data_dir, "status", "--porcelain", "--untracked-files=all", "--", ".")
    return commit, dt.datetime.fromtimestamp(int(seconds), tz=dt.UTC), bool(status)


def file_time(path: Path) -> dt.datetime:
    """One data file's time: its last commit when it has no uncommitted change, else its
    modification time."""
    committed = _git(path.parent, "log", "-1", "--format=%ct", "--", path.name)
    if committed and _git(path.parent, "status", "--porcelain", "--", path.name) == "":
        return dt.datetime.fromtimestamp(int(committed), tz=dt.UTC)
    return dt.datetime.fromtimestamp(int(path.stat().st_mtime), tz=dt.UTC)


def newest_modification(data_dir: Path) -> dt.datetime:
    times = [p.stat().st_mtime for p in data_files(data_dir)]
    return dt.datetime.fromtimestamp(int(max(times, default=0)), tz=dt.UTC)


def data_provenance(data_dir: Path, generated_at: dt.datetime | None = None, *, commit_time_when_dirty: bool = False) -> Provenance:
    """The data's commit and time. Without `generated_at` the documents are dated at the data's
    time; with `commit_time_when_dirty` at the last commit's time even when the data has changed
    since, so that a site rebuilt from one commit is dated the same (git is asked once)."""
    commit = git_commit(data_dir)
    if commit is not None and not commit[2]:
        data_time = commit[1]
    else:
        data_time = newest_modification(data_dir)
    if generated_at is None and commit_time_when_dirty and commit is not None:
        generated_at = commit[1]
    return Provenance(
        commit=commit[0] if commit else None,
        dirty=bool(commit and commit[2]),
        data_time=data_time,
        generated_at=generated_at or data_time,
        kemi_version=__version__,
    )
