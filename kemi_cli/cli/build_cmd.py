"""`kemi build`: everything CI publishes, with a progress bar."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import display_path
from ..numbers import format_number
from ..wording import Said
from .app import app
from .options import DEFAULT_DATA, DataDir
from .output import info, is_quiet, screen_lang


@app.command()
def build(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the site into.", file_okay=False)] = Path("dist"),
    base_url: Annotated[str | None, typer.Option("--base-url", metavar="<url>", help="The site's address, e.g. https://city.fi/strategia/: with it the build writes sitemap.xml and the pages' share links; without it, neither (a sitemap needs absolute addresses).")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", metavar="<n>", min=1, help="Render the documents in this many processes at once; 1 renders them one after another in this process (for debugging). Default: the number of CPUs.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Render every PDF anew, neither reading nor filling the build cache (.kemi-cache/ beside the data folder, safe to delete at any time).")] = False,
    search: Annotated[bool, typer.Option("--search/--no-search", help="Index the pages for the site's search with Pagefind (the pagefind-bin package's program). --no-search builds without it; the search pages then say that search is not available.")] = True,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Build the published site: in fi/ and en/ a home page and a page per goal, strategic
    objective, KPI and project; the strategy, the latest half-year review and annual report
    (fi and en, HTML and PDF), every project card, the KPI data as CSV and JSON, an
    accessibility statement and an index; last, the search index of the pages (pagefind/).
    Refuses data that `kemi validate` rejects, and stops before writing anything when the
    Pagefind program is missing (see --no-search).

    A PDF whose page has not changed since the last build comes from the build cache,
    .kemi-cache/ beside the data folder (delete it at any time), and a file that would get the
    same bytes is not written again, its modification time kept.

    Each document is dated by what it shows (the newest record of its period or earlier), so a
    value recorded for a later period leaves it unchanged. SOURCE_DATE_EPOCH, when set, dates
    the making of every document.

    Example: kemi build --out dist --base-url https://example.org/strategia/
    """
    from ..errors import UsageError
    from ..output_target import is_stdout
    from ..report.build_record import inputs_key, record_build, unchanged_build
    from ..report.pdf_cache import default_cache_dir

    started = time.monotonic()
    if is_stdout(out):
        raise UsageError(Said("cli.site_to_stdout"))

    cache_dir = None if no_cache else default_cache_dir(data)
    inputs = inputs_key(data, out, base_url, search) if cache_dir is not None else ""
    if cache_dir is not None and (count := unchanged_build(cache_dir, out, inputs)) is not None:
        seconds = format_number(round(time.monotonic() - started, 1), screen_lang(), 1)
        info(Said("cli.built", count=count, path=display_path(out), seconds=seconds, unchanged=count))
        return

    # The build's own imports only now: a build with nothing to do has ended before them.
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..report.build import plan_build, run_build
    from ..report.workers import default_jobs

    steps, _links = plan_build(data, out, base_url, cache_dir, search)
    console = Console(stderr=True)
    # Progress is for a person at a terminal; a CI log or a pipe gets the summary line only.
    on_terminal = console.is_terminal and sys.stdout.isatty()
    with Progress(
        TextColumn("{task.description:<48}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True, disable=is_quiet() or not on_terminal,
    ) as progress:
        task = progress.add_task("kemi build", total=len(steps))

        def advance(step: Any) -> None:
            progress.update(task, description=step.description)
            progress.advance(task)

        result = run_build(steps, out, advance, jobs or default_jobs(), cache_dir)
    if cache_dir is not None:
        record_build(cache_dir, out, inputs, result.files)
    unchanged = len(result.files) - len(result.written)
    seconds = format_number(round(result.seconds, 1), screen_lang(), 1)
    info(Said("cli.built", count=len(result.files), path=display_path(out), seconds=seconds, unchanged=unchanged))
