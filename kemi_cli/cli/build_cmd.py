"""`kemi build`: everything CI publishes, with a progress bar."""

from __future__ import annotations

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
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Build the published site: in fi/ and en/ a home page and a page per goal, strategic
    objective, KPI and project; the strategy, the latest half-year review and annual report
    (fi and en, HTML and PDF), every project card, the KPI data as CSV and JSON, an
    accessibility statement and an index. Refuses data that `kemi validate` rejects.

    SOURCE_DATE_EPOCH sets the documents' time; unset, the data's last git commit does.

    Example: kemi build --out dist --base-url https://example.org/strategia/
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..errors import UsageError
    from ..output_target import is_stdout
    from ..report.build import plan_build, run_build

    if is_stdout(out):
        raise UsageError("--out - : a site is a folder of files and cannot go to stdout; give a folder")

    steps, _links = plan_build(data, out, base_url)
    with Progress(
        TextColumn("{task.description:<48}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True, disable=is_quiet(),
    ) as progress:
        task = progress.add_task("kemi build", total=len(steps))

        def advance(step: Any) -> None:
            progress.update(task, description=step.description)
            progress.advance(task)

        result = run_build(steps, out, advance)
    info(Said("cli.built", count=len(result.files), path=display_path(out), seconds=format_number(round(result.seconds, 1), screen_lang(), 1)))
