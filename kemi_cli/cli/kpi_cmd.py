"""`kemi kpi list/show/set/unset/import/export`: recording and following the key indicators."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from ..clock import today
from ..errors import display_path
from ..export import EXPORT_FORMATS
from ..importers import IMPORT_FORMATS
from ..kpi_summary import KpiSummary, find_kpi, history, sparkline, summarize
from ..numbers import LANGS, format_change, format_change_in_points, format_date, format_number, format_value
from ..periods import Period
from ..sheets.csv_file import CSV_DIALECTS
from ..status import STATUSES, Status
from ..wording import Said
from . import completion
from .app import app
from .options import (
    DEFAULT_DATA,
    DataDir,
    JsonFlag,
    KpiId,
    LangOption,
    PeriodOption,
    ReopenOption,
    check_known,
    check_lang,
    chosen_because,
    document_lang,
    period_in_use,
    period_option,
)
from .output import detail, info, info_err, screen_lang
from .views import Words, console, id_and_name, print_json, screen_table, text_in

if TYPE_CHECKING:
    from ..models.kpis import Actual, Kpi
    from ..models.workspace import Workspace

kpi_app = typer.Typer(
    help="Key indicators: list, show, record actual values, import and export.\n\nExample: kemi kpi list --status off_track",
    no_args_is_help=True,
)
app.add_typer(kpi_app, name="kpi")

STATUS_STYLES: dict[Status, str] = {"on_track": "green", "at_risk": "yellow", "off_track": "red", "no_data": "dim"}
ReplaceFlag = Annotated[
    bool, typer.Option("--replace", help="Replace a value already recorded for the period (the old one is kept as history).")
]
ByOption = Annotated[
    str | None, typer.Option("--by", help="Who records the value; default: KEMI_USER or the login name.")
]
ForceFlag = Annotated[
    bool,
    typer.Option("--force", help="Record a value even when it is more than 100 times away from everything known about its KPI."),
]


def _status_cell(status: Status, words: Words) -> Any:
    from rich.text import Text

    # The symbol and the word carry the status; colour only repeats it (and NO_COLOR drops it).
    return Text(words.kpi_status(status), style=STATUS_STYLES[status])


def _value(kpi: Kpi, value: float | None, lang: str) -> str:
    return format_value(value, kpi.unit, lang)  # type: ignore[arg-type]


def _number(kpi: Kpi, value: float | None, lang: str) -> str:
    """A value in a table whose unit column names the unit: the number alone."""
    if value is None:
        return "–"
    return format_number(value, lang, decimals=0 if kpi.unit == "count" else None)  # type: ignore[arg-type]


def _change(kpi: Kpi, change: float | None, lang: str) -> str:
    """A change as the reports write it: a percentage's in percentage points (−0,5 %-yks.)."""
    if kpi.unit == "percent":
        return format_change_in_points(change, lang)  # type: ignore[arg-type]
    return format_change(change, "count" if kpi.unit == "count" else "index", lang)  # type: ignore[arg-type]


def _latest_cell(summary: KpiSummary, lang: str, show: Any = _value) -> str:
    latest = summary.latest
    # The period on its own line: a narrow column then wraps between the two, never inside either.
    return f"{show(summary.kpi, latest.value, lang)}\n({latest.period})" if latest else "–"


def _target_cell(kpi: Kpi, words: Words, show: Any = _value) -> str:
    if kpi.target.value is None:
        return "–"
    comparator = f"{kpi.target.comparator} " if kpi.target.comparator else ""
    every_year = f"\n{words('kpi.every_year')}" if kpi.target.period == "every_year" else ""
    return f"{comparator}{show(kpi, kpi.target.value, words.lang)}{every_year}"


def _strategy_year(workspace: Workspace, end: Literal["start", "end"], words: Words) -> str:
    """The strategy period's first or last year, standing in for a year the data does not give;
    said to be an assumption when the period itself awaits confirmation."""
    period = workspace.strategy.period
    year = words(f"screen.strategy_{end}", year=getattr(period, end))
    return f"{year}{words('screen.assumed')}" if end in period.needs_confirmation else year


def _reason(summary: KpiSummary, at: Period, words: Words) -> str:
    """Why the KPI has its status, in the reader's language."""
    from ..status import KEEP_LEVEL_TOLERANCE

    tolerance = format_value(KEEP_LEVEL_TOLERANCE * 100, "percent", words.lang)  # type: ignore[arg-type]
    return words(f"screen.reason.{summary.status.reason_key}", period=at, tolerance=tolerance)


def _summary_json(summary: KpiSummary) -> dict[str, Any]:
    kpi, latest = summary.kpi, summary.latest
    return {
        "id": kpi.id,
        "name": kpi.name.model_dump(),
        "group": summary.group_id,
        "unit": kpi.unit,
        "direction": kpi.direction,
        "baseline": kpi.baseline.value,
        "target": kpi.target.value,
        "target_comparator": kpi.target.comparator,
        "target_period": kpi.target.period,
        "latest": {"period": latest.period, "value": latest.value} if latest else None,
        "change": summary.change,
        "distance_to_target": summary.distance,
        "status": summary.status.status,
        "status_reason": summary.status.reason,
    }


# ---------------------------------------------------------------- list


@kpi_app.command("list")
def list_kpis(
    goal: Annotated[
        str | None,
        typer.Option("--goal", help="Only the KPIs that serve this goal or objective.", autocompletion=completion.complete_servable),
    ] = None,
    group: Annotated[
        str | None,
        typer.Option("--group", help="Only the KPIs of this group (benefit).", autocompletion=completion.complete_kpi_group),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", help=f"Only the KPIs with this status: {', '.join(STATUSES)}.", autocompletion=completion.choices(STATUSES)
        ),
    ] = None,
    period: PeriodOption = None,
    lang: LangOption = "fi",
    data: DataDir = DEFAULT_DATA,
    as_json: JsonFlag = False,
) -> None:
    """List the KPIs: unit, baseline, target, latest actual, change since the previous one, status.

    Status is judged at --period by the one rule in the README (default: the period under review,
    else the last ended half-year).

    Example: kemi kpi list --goal viisas --status at_risk --lang en
    """
    from ..validate import load_workspace

    lang = check_lang(lang)
    workspace = load_workspace(data)
    if goal is not None:
        check_known("goal_or_objective", goal, workspace.servable_ids)
    if group is not None:
        check_known("group", group, [g.id for g in workspace.kpis_file.groups])
    if status is not None:
        check_known("status", status, list(STATUSES))
    words = Words(data, lang)
    at = period_in_use(period, workspace)
    summaries = [
        s
        for s in (summarize(workspace, kpi, at) for kpi in workspace.kpis)
        if (goal is None or goal in s.kpi.serves) and (group is None or s.group_id == group) and (status is None or s.status.status == status)
    ]
    if as_json:
        print_json({"period": str(at), "kpis": [_summary_json(s) for s in summaries]})
        return
    id_width = max((len(s.kpi.id) for s in summaries), default=1)
    table = screen_table(
        words("screen.kpis_at", period=at, count=len(summaries)),
        [
            (words("kpi.indicator"), "token"),
            (words("screen.unit"), "token"),
            (words("kpi.baseline"), "token"),
            (words("kpi.target"), "token"),
            (words("kpi.actual"), "token"),
            (words("kpi.change"), "token"),
            (words("kpi.status"), "text"),
        ],
    )
    for s in summaries:
        table.add_row(
            id_and_name(s.kpi.id, text_in(s.kpi.name, lang), id_width),
            words.unit(s.kpi.unit),
            _number(s.kpi, s.kpi.baseline.value, lang),
            _target_cell(s.kpi, words, _number),
            _latest_cell(s, lang, _number),
            _change(s.kpi, s.change, lang).replace("\u00a0%-", "\n%-"),
            _status_cell(s.status.status, words),
        )
    console().print(table)


# ---------------------------------------------------------------- show


def _actual_json(actual: Actual) -> dict[str, Any]:
    return {
        "period": actual.period,
        "value": actual.value,
        "forecast": actual.forecast,
        "recorded_at": actual.recorded_at.isoformat(),
        "recorded_by": actual.recorded_by,
        "source": actual.source,
        "note": actual.note,
        "replaced_at": actual.replaced_at.isoformat() if actual.replaced_at else None,
        "replaced_by": actual.replaced_by,
        "current": actual.is_current,
    }


@kpi_app.command("show")
def show_kpi(
    kpi_id: KpiId,
    period: PeriodOption = None,
    lang: LangOption = "fi",
    data: DataDir = DEFAULT_DATA,
    as_json: JsonFlag = False,
) -> None:
    """Show a KPI: its definition, the whole history of actuals, distance to target, a sparkline.

    Example: kemi kpi show asukkaat --lang en
    """
    from ..validate import load_workspace

    lang = check_lang(lang)
    workspace = load_workspace(data)
    kpi = find_kpi(workspace, kpi_id)
    words = Words(data, lang)
    at = period_in_use(period, workspace)
    summary = summarize(workspace, kpi, at)
    actuals = history(kpi)
    spark = sparkline([a.value for a in actuals if a.is_current])
    if as_json:
        document = _summary_json(summary)
        document.update(
            scale=kpi.scale.model_dump() if kpi.scale else None,
            baseline_period=kpi.baseline.period,
            serves=kpi.serves,
            data_source=kpi.data_source.model_dump() if kpi.data_source else None,
            needs_confirmation=kpi.needs_confirmation,
            import_from=kpi.import_from.model_dump(exclude_none=True) if kpi.import_from else None,
            history=[_actual_json(a) for a in actuals],
            sparkline=spark,
        )
        print_json(document)
        return
    from rich.table import Table

    out = console()
    out.print(f"{kpi.id} – {text_in(kpi.name, lang)}")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="ellipsis")
    scale = (
        f" ({words('screen.scale', min=_value(kpi, kpi.scale.min, lang), max=_value(kpi, kpi.scale.max, lang))})" if kpi.scale else ""
    )
    facts.add_row(words("kpi.benefit"), summary.group_id)
    facts.add_row(words("screen.unit"), f"{words.unit(kpi.unit)}{scale}, {words(f'screen.direction.{kpi.direction}')}")
    baseline_year = kpi.baseline.period or _strategy_year(workspace, "start", words)
    facts.add_row(words("kpi.baseline"), f"{_value(kpi, kpi.baseline.value, lang)} ({baseline_year})")
    target_text = f" – {text_in(kpi.target.text, lang)}" if kpi.target.text else ""
    target_by = kpi.target.period or _strategy_year(workspace, "end", words)
    facts.add_row(words("kpi.target"), f"{_target_cell(kpi, words)} ({target_by}){target_text}".replace("\n", " "))
    facts.add_row(words("screen.serves"), ", ".join(kpi.serves) or "–")
    facts.add_row(words("kpi.data_source"), text_in(kpi.data_source, lang))
    facts.add_row(words("kpi.actual"), _latest_cell(summary, lang).replace("\n", " "))
    facts.add_row(words("kpi.change"), _change(kpi, summary.change, lang))
    facts.add_row(words("screen.to_target"), _value(kpi, summary.distance, lang))
    facts.add_row(words("kpi.status"), _status_cell(summary.status.status, words))
    facts.add_row("", _reason(summary, at, words))
    facts.add_row(words("screen.trend"), spark or "–")
    if kpi.note:
        facts.add_row(words("card.note"), text_in(kpi.note, lang))
    if kpi.needs_confirmation:
        facts.add_row(words("screen.to_confirm"), ", ".join(words(f"screen.kpi_field.{name}") for name in kpi.needs_confirmation))
    out.print(facts)

    table = screen_table(
        words("screen.history", count=len(actuals)),
        [
            (words("chart.period"), "token"),
            (words("screen.value"), "token"),
            (words("finance.forecast"), "token"),
            (words("chart.recorded"), "token"),
            (words("card.by"), "text"),
            (words("chart.source"), "text"),
            (words("card.note"), "text"),
            (words("screen.replaced"), "token"),
        ],
    )
    for actual in actuals:
        replaced = (
            format_date(actual.replaced_at, lang) + (f"\n{actual.replaced_by}" if actual.replaced_by else "")  # type: ignore[arg-type]
            if actual.replaced_at
            else ""
        )
        table.add_row(
            actual.period,
            _number(kpi, actual.value, lang),
            _number(kpi, actual.forecast, lang) if actual.forecast is not None else "",
            format_date(actual.recorded_at, lang),  # type: ignore[arg-type]
            actual.recorded_by or "",
            actual.source or "",
            actual.note or "",
            replaced,
        )
    out.print(table)


# ---------------------------------------------------------------- set / unset / import


# Unknown options pass through as arguments, so that a negative VALUE such as -1,4 needs no `--`.
@kpi_app.command("set", context_settings={"ignore_unknown_options": True})
def set_actual(
    kpi_id: KpiId,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The value as you write it: 13,5 or 19 400 or 13.5.")],
    period: Annotated[
        str | None,
        period_option("2026, 2026H1 or 2026H2; default: the period under review, else the last half-year ended by --date (today)."),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="The day the value is recorded, YYYY-MM-DD; default: today (KEMI_TODAY).")
    ] = None,
    forecast: Annotated[str | None, typer.Option("--forecast", help="A year-end forecast given with the value.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Where the figure came from.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A remark on the value.")] = None,
    replace: ReplaceFlag = False,
    force: ForceFlag = False,
    by: ByOption = None,
    reopen: ReopenOption = None,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Record an actual value ("TOTEUMA") of a KPI in kpis.yaml, in place.

    A value may be written with its unit as kemi prints it (13,5 %, 17,8 milj. €). Another value
    already recorded for the period is an error unless --replace; the replaced value stays in the
    history. The same value again changes nothing. The file keeps every comment and line it had.

    Example: kemi kpi set tyottomyysaste "13,5 %" --period 2026H1 --source "TEM työnvälitystilasto"
    """
    from ..actuals import Recording, new_actual, record_actual, recording_day
    from ..arguments import check_text
    from ..edit import recorder_name
    from ..review import at_frequency, chosen_period
    from ..review_edit import edit_locked_periods
    from ..validate import load_workspace

    workspace = load_workspace(data)
    day = recording_day(date, today())
    chosen = at_frequency(chosen_period(period, workspace.review, day), find_kpi(workspace, kpi_id).frequency)
    actual = new_actual(workspace, kpi_id, value, str(chosen.period), day, forecast, source, note, force)
    recording = Recording(day, recorder_name(check_text(by, "--by") if by is not None else None))
    outcome = edit_locked_periods(
        data, workspace.review, [actual.period], reopen, f"kpi set {actual.kpi_id} {actual.period}",
        lambda validate: record_actual(data, actual, recording, replace, validate), day, recording.by,
    )
    kpi = find_kpi(workspace, actual.kpi_id)
    lang = screen_lang()
    if outcome.unchanged:
        info(Said("cli.kpi_unchanged", id=kpi.id, period=outcome.period, value=_value(kpi, outcome.value, lang)))
        return
    replaced = Said("cli.kpi_replaced", value=_value(kpi, outcome.replaced, lang)) if outcome.replaced is not None else ""
    info(
        Said(
            "cli.kpi_recorded", id=kpi.id, period=outcome.period, why=chosen_because(chosen.reason),
            value=_value(kpi, outcome.value, lang), replaced=replaced, path=display_path(data / "kpis.yaml"),
        )
    )


@kpi_app.command("unset")
def unset(
    kpi_id: KpiId,
    period: Annotated[str, period_option("The period whose value to remove: 2026, 2026H1 or 2026H2.")],
    reopen: ReopenOption = None,
    by: ByOption = None,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Remove a mistaken value. The value it had replaced, if any, becomes current again; git
    keeps the record of the removal.

    Example: kemi kpi unset asukkaat --period 2026H1
    """
    from ..actuals import unset_actual
    from ..arguments import check_text
    from ..edit import recorder_name
    from ..review_edit import edit_locked_periods
    from ..validate import load_workspace

    workspace = load_workspace(data)
    kpi = find_kpi(workspace, kpi_id)
    chosen = Period.parse(period)
    who = recorder_name(check_text(by, "--by") if by is not None else None)
    outcome = edit_locked_periods(
        data, workspace.review, [chosen], reopen, f"kpi unset {kpi.id} {chosen}",
        lambda validate: unset_actual(data, kpi.id, chosen, validate), today(), who,
    )
    lang = screen_lang()
    again = Said("cli.kpi_current_again", value=_value(kpi, outcome.replaced, lang)) if outcome.replaced is not None else ""
    info(Said("cli.kpi_removed", id=kpi.id, period=outcome.period, value=_value(kpi, outcome.value, lang), again=again))


@kpi_app.command("import")
def import_file(
    import_path: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="kemi's CSV (id,period,value[,source,note,forecast], or what kpi export writes), a PxWeb table saved as JSON-stat2, or a Sotkanet CSV.",
        ),
    ],
    import_format: Annotated[
        str,
        typer.Option(
            "--format",
            help=f"One of {', '.join(IMPORT_FORMATS)}; auto: .json is PxWeb's JSON-stat2, a CSV with Sotkanet's columns is Sotkanet's, any other CSV is kemi's.",
            autocompletion=completion.choices(IMPORT_FORMATS),
        ),
    ] = "auto",
    replace: ReplaceFlag = False,
    force: ForceFlag = False,
    by: ByOption = None,
    reopen: ReopenOption = None,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Record many values from a file, all or nothing.

    kemi's CSV: separators , ; or tab; values as people write them (13,5 needs quotes in a
    comma-separated file). A PxWeb (JSON-stat2) or Sotkanet (CSV) file downloaded by you: the
    KPIs whose import_from in kpis.yaml names its table or indicator take their values from it
    (see the README). Every value is checked as kemi kpi set checks it; if any is bad, nothing
    is written and every bad one is reported (FILE:LINE where the file has lines). A value
    already recorded for its period is left as it is; a different one needs --replace.

    Example: kemi kpi import toteuma-2026H1.csv
    """
    from ..actuals import Recording, check_import_records, import_actuals, read_import_rows
    from ..arguments import check_text
    from ..edit import recorder_name
    from ..importers import detect_format, statistics_records
    from ..review_edit import edit_locked_periods
    from ..validate import load_workspace

    workspace = load_workspace(data)
    day = today()
    fmt = detect_format(import_path, import_format)
    detail(Said("cli.import_read_as", path=display_path(import_path), format=fmt))
    if fmt == "csv":
        rows, skipped = read_import_rows(import_path, workspace, day, force), []
    else:
        plan = statistics_records(import_path, fmt, workspace)
        rows, skipped = check_import_records(import_path, plan.records, workspace, day, force), plan.skipped
    for reason in skipped:
        detail(Said("cli.import_left_aside", reason=reason))
    recording = Recording(day, recorder_name(check_text(by, "--by") if by is not None else None))
    outcomes = edit_locked_periods(
        data, workspace.review, [row.actual.period for row in rows], reopen, f"kpi import {import_path.name}",
        lambda validate: import_actuals(data, import_path, rows, recording, replace, validate), day, recording.by,
    )
    for outcome in outcomes:
        what = "unchanged" if outcome.unchanged else "replaced" if outcome.replaced is not None else "recorded"
        shown = format_value(outcome.value, "index", screen_lang())
        detail(Said("cli.import_value", id=outcome.kpi_id, period=outcome.period, value=shown, what=Said(f"cli.import_what.{what}")))
    recorded = [o for o in outcomes if not o.unchanged]
    replaced = sum(1 for o in recorded if o.replaced is not None)
    unchanged = len(outcomes) - len(recorded)
    info(
        Said(
            "cli.import_summary", path=display_path(import_path), count=len(recorded),
            replaced=Said("cli.import_replaced", count=replaced) if replaced else "",
            unchanged=Said("cli.import_unchanged", count=unchanged) if unchanged else "",
            skipped=Said("cli.import_skipped", count=len(skipped)) if skipped else "",
            target=display_path(data / "kpis.yaml"),
        )
    )


# ---------------------------------------------------------------- export


@kpi_app.command("export")
def export(
    export_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=f"One of {', '.join(EXPORT_FORMATS)}; default: from the output file's suffix, else csv.",
            autocompletion=completion.choices(EXPORT_FORMATS),
        ),
    ] = None,
    csv_dialect: Annotated[
        str | None,
        typer.Option(
            "--csv-dialect",
            help="excel (default): what Finnish Excel opens by double-click (UTF-8 with BOM, semicolons, decimal "
            "commas, Finnish or English columns); plain: the machine-readable form (commas, decimal points).",
            autocompletion=completion.choices(CSV_DIALECTS),
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Language of the column names, indicator names and status words of the workbook and the Excel CSV: fi (default) or en.",
            autocompletion=completion.choices(LANGS),
            is_eager=True,
            callback=document_lang,
        ),
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file (required for xlsx); - for stdout.")] = None,
    data: DataDir = DEFAULT_DATA,
) -> None:
    """Export every recorded actual with its KPI's id, names, unit, baseline and target.

    The workbook has three sheets: the current values with each indicator's status (indicators
    without actuals included), a time series (one row per indicator, one column per period) and
    the replaced values.

    Example: kemi kpi export -o toteuma.xlsx
    """
    from ..export import export_actuals, export_choice
    from ..validate import load_workspace

    choice = export_choice(export_format, output, csv_dialect, lang)
    workspace = load_workspace(data)
    content = export_actuals(workspace, choice, output)
    if isinstance(content, bytes):
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    elif content is not None:
        typer.echo(content, nl=False)
    else:
        info_err(Said("cli.wrote", path=display_path(output)))  # type: ignore[arg-type]
