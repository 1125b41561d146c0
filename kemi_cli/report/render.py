"""Contexts → documents: Markdown, HTML and PDF (the HTML plus print.css through WeasyPrint).

Jinja2 and WeasyPrint are imported inside the functions that need them, so that commands that
do not render stay quick to start.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from markupsafe import Markup

from ..errors import KemiError, UsageError
from ..numbers import format_date, format_date_range, format_timestamp, format_year
from ..wording import Said
from . import DEFAULT_PDF_VARIANT
from .charts import Chart, draw_chart
from .context import CardsContext, KpiRow, ReviewContext, StrategyContext
from .environment import (
    Messages,
    _cached_environment,
    find_template_file,
    period_label,
    render_template,
    template_roots,
    text_in,
)

Format = Literal["md", "html", "pdf"]
FORMATS: tuple[Format, ...] = ("md", "html", "pdf")
LANG_CHOICES: dict[str, tuple[str, ...]] = {"fi": ("fi",), "en": ("en",), "both": ("fi", "en")}
Context = ReviewContext | CardsContext | StrategyContext


class RenderError(KemiError):
    """A document could not be rendered (a resource was refused or missing, a template failed)."""


@dataclass(frozen=True)
class DocumentMeta:
    """What the layout shows around the sections: titles, cover facts, footer, metadata."""

    kind: str
    langs: tuple[str, ...]
    titles: dict[str, str]
    org: dict[str, str]
    facts: dict[str, list[tuple[str, str]]]
    footer: dict[str, str]
    author: str
    created: str  # ISO 8601, for the PDF's creation date
    version: str
    css: str = ""
    statement_href: str | None = None  # the site's accessibility statement, for the footer
    site_root: str | None = None  # a site page's way up to the site's root, for links to other pages

    @property
    def title(self) -> str:
        return " / ".join(f"{self.org[lang]}: {self.titles[lang]}" for lang in self.langs)

    @property
    def running_title(self) -> str:
        return " / ".join(self.titles[lang] for lang in self.langs)


@dataclass(frozen=True)
class Rendered:
    """A rendered document: its bytes, and files that go beside it (a Markdown page's charts)."""

    content: bytes
    files: dict[str, bytes] = field(default_factory=dict)


def parse_langs(choice: str) -> tuple[str, ...]:
    try:
        return LANG_CHOICES[choice]
    except KeyError:
        raise UsageError(Said("cli.not_a_language", value=choice)) from None


def messages_for(data_dir: Path | None) -> Messages:
    return _cached_environment("html", tuple(template_roots(data_dir)))[1]


# ---------------------------------------------------------------- document metadata


SITE_PAGES = ("index", "accessibility")
# The accessibility statement's file at the top of a `kemi build` site; every page links it.
ACCESSIBILITY_STATEMENT = "saavutettavuusseloste.html"


def report_title(context: Context, lang: str, messages: Messages, kind: str = "") -> str:
    if kind in SITE_PAGES:
        return messages.get(f"report.{kind}", lang)
    if isinstance(context, StrategyContext):
        return text_in(context.strategy.title, lang)
    if isinstance(context, CardsContext):
        if not context.many:
            return f"{messages.get('report.project', lang)}: {text_in(context.cards[0].project.name, lang)}"
        return messages.get("report.projects", lang)
    if context.kind == "annual":
        return messages.get("report.annual", lang, year=format_year(context.period.year))
    return f"{messages.get('report.half_year', lang)} {period_label(messages, context.period, lang)}"


def cover_facts(context: Context, lang: str, messages: Messages) -> list[tuple[str, str]]:
    """The facts under a document's title: its period, the data's date, when it was made."""
    provenance = context.provenance
    facts: list[tuple[str, str]] = []
    if not isinstance(context, (StrategyContext, ReviewContext, CardsContext)):
        pass  # a site page: only the data's date and the build time
    elif isinstance(context, StrategyContext):
        period = context.strategy.period
        # The official document carries no working marks: that the period is an assumption is
        # for `kemi validate` and `kemi kpi show` to say.
        years = f"{format_year(period.start)}–{format_year(period.end)}"
        facts.append((messages.get("strategy.period_note", lang), years))
        if context.strategy.version:
            facts.append((messages.get("strategy.version", lang), context.strategy.version))
    else:
        facts.append((messages.get("cover.period", lang), format_date_range(context.period.start, context.period.end, lang)))  # type: ignore[arg-type]
    facts.append((messages.get("cover.data_date", lang), format_date(provenance.data_time.date(), lang)))  # type: ignore[arg-type]
    facts.append((messages.get("cover.generated", lang), format_timestamp(provenance.generated_at, lang)))  # type: ignore[arg-type]
    return facts


def document_meta(kind: str, context: Context, langs: tuple[str, ...], messages: Messages, css: str = "", statement_href: str | None = None, site_root: str | None = None) -> DocumentMeta:
    titles = {lang: report_title(context, lang, messages, kind) for lang in langs}
    # Every context, the site's included, carries the strategy: its publisher is the documents'.
    org = {lang: text_in(context.strategy.publisher, lang) for lang in langs}
    footer = {
        lang: f"{org[lang]} · {titles[lang]} · kemi {context.provenance.kemi_version}" for lang in langs
    }
    return DocumentMeta(
        kind=kind,
        langs=langs,
        titles=titles,
        org=org,
        facts={lang: cover_facts(context, lang, messages) for lang in langs},
        footer=footer,
        author=org[langs[0]],
        created=context.provenance.generated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        version=context.provenance.kemi_version,
        css=css,
        statement_href=statement_href,
        site_root=site_root,
    )


# ---------------------------------------------------------------- charts


def charted_rows(context: Context) -> list[KpiRow]:
    if isinstance(context, ReviewContext):
        return list(context.charted)
    if isinstance(context, CardsContext):
        rows = {c.metric_row.kpi.id: c.metric_row for c in context.cards if c.metric_row and c.metric_row.history}
        return list(rows.values())
    return []


def draw_charts(context: Context, langs: tuple[str, ...], data_dir: Path | None) -> dict[str, Chart]:
    """Every chart the document shows, keyed `<kpi id>:<lang>`."""
    rows = charted_rows(context)
    if not rows:
        return {}
    messages = messages_for(data_dir)
    return {
        f"{row.kpi.id}:{lang}": draw_chart(row, lang, messages, f"chart-{row.kpi.id}-{lang}".replace("_", "-"))
        for row in rows
        for lang in langs
    }


# ---------------------------------------------------------------- Markdown and HTML


def render_markdown(kind: str, template: str, context: Context, langs: tuple[str, ...], data_dir: Path | None, chart_stem: str | None) -> Rendered:
    """Markdown, with each chart as an SVG file `<chart_stem>-charts/<kpi>-<lang>.svg`: one
    folder named after the page holds them, so that the page's folder gets one entry more, not
    one per chart. Without a stem (output to stdout) the charts are left out and their tables stay."""
    messages = messages_for(data_dir)
    charts = draw_charts(context, langs, data_dir) if chart_stem else {}
    chart_files = {key: f"{chart_stem}-charts/{chart.id.removeprefix('chart-')}.svg" for key, chart in charts.items()}
    text = render_template(
        "md", f"{template}.md.j2", data_dir,
        doc=document_meta(kind, context, langs, messages), ctx=context, charts=charts, chart_files=chart_files,
    )
    files = {chart_files[key]: chart.svg.encode() for key, chart in charts.items()}
    return Rendered(tidy_markdown(text).encode(), files)


def tidy_markdown(text: str) -> str:
    """One blank line between blocks and one newline at the end, as Markdown linters want."""
    lines = [line.rstrip() for line in text.splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line == "" and (not tidy or tidy[-1] == ""):
            continue
        tidy.append(line)
    while tidy and tidy[-1] == "":
        tidy.pop()
    return "\n".join(tidy) + "\n"


def render_html(kind: str, template: str, context: Context, langs: tuple[str, ...], data_dir: Path | None, asset_prefix: str = "", *, in_site: bool = False) -> str:
    """The document as one HTML page; its fonts are looked for in `<asset_prefix>assets/fonts/`
    (font_files gives what goes there). A page of the site (`in_site`) links the site's
    accessibility statement, at `<asset_prefix>`, from its footer."""
    statement_href = f"{asset_prefix}{ACCESSIBILITY_STATEMENT}" if in_site else None
    messages = messages_for(data_dir)
    css = inline_style_sheet(data_dir, asset_prefix)
    charts = draw_charts(context, langs, data_dir)
    return tidy_html(render_template(
        "html", f"{template}.html.j2", data_dir,
        doc=document_meta(kind, context, langs, messages, css, statement_href, asset_prefix if in_site else None), ctx=context, charts=charts,
    ))


def inline_style_sheet(data_dir: Path | None, asset_prefix: str = "") -> Markup:
    """The shipped typeface's @font-face rules and the screen style sheet (the templates'
    assets/style.css) as the text of a <style> element. It is CSS, not HTML text: escaping its
    quotes or `>` would make browsers drop rules. Only a closing tag could end the element
    early, and `<\\/` means the same in CSS."""
    css = find_template_file(template_roots(data_dir), "assets/style.css").read_text(encoding="utf-8")
    return Markup((font_face_rules(asset_prefix) + css).replace("</", "<\\/"))


# The typeface of every document, on screen as in print: (file in assets/fonts, weight, style).
FONT_FACES = (
    ("Inter-Regular.otf", 400, "normal"),
    ("Inter-Italic.otf", 400, "italic"),
    ("Inter-SemiBold.otf", 600, "normal"),
    ("Inter-Bold.otf", 700, "normal"),
)
FONT_FOLDER = "assets/fonts"
FONT_LICENSE = "LICENSE.txt"


def font_face_rules(asset_prefix: str = "") -> str:
    """@font-face rules with URLs relative to the document: a PDF finds the fonts in the
    templates folder (its base URL), an HTML page in the assets folder written beside it."""
    return "".join(
        f'@font-face {{ font-family: Inter; src: url("{asset_prefix}{FONT_FOLDER}/{name}") format("opentype"); '
        f"font-weight: {weight}; font-style: {style}; font-display: swap; }}\n"
        for name, weight, style in FONT_FACES
    )


def font_files(data_dir: Path | None) -> dict[str, bytes]:
    """The font files an HTML page needs beside it, with their licence, by relative path."""
    roots = template_roots(data_dir)
    names = [name for name, _weight, _style in FONT_FACES] + [FONT_LICENSE]
    return {f"{FONT_FOLDER}/{name}": find_template_file(roots, f"{FONT_FOLDER}/{name}").read_bytes() for name in names}


def tidy_html(text: str) -> str:
    """Drop the blank lines the templates' macro definitions leave (kemi's HTML has no <pre>)."""
    return "\n".join(line for line in text.splitlines() if line.strip()) + "\n"


def render_template_document(kind: str, context: object, data_dir: Path | None, langs: tuple[str, ...] = ("fi", "en")) -> str:
    """A page of the published site (the index, the accessibility statement) as HTML, at the
    site's top, beside its assets folder."""
    messages = messages_for(data_dir)
    css = inline_style_sheet(data_dir)
    return tidy_html(render_template(
        "html", f"{kind}.html.j2", data_dir,
        doc=document_meta(kind, context, langs, messages, css, ACCESSIBILITY_STATEMENT), ctx=context,  # type: ignore[arg-type]
    ))


# ---------------------------------------------------------------- PDF


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.problems: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.ERROR or "load" in message.lower() or "fetch" in message.lower():
            self.problems.append(message.splitlines()[0])


@contextmanager
def _weasyprint_problems() -> Iterator[_Collect]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def pdf_variants() -> list[str]:
    """WeasyPrint's variants and kemi's archival one (pdf_tags.install before)."""
    from weasyprint.pdf import VARIANTS

    return sorted(v for v in VARIANTS if v != "debug")


def render_pdf(html: str, data_dir: Path | None, variant: str = DEFAULT_PDF_VARIANT, cache_dir: Path | None = None) -> bytes:
    """The HTML plus print.css through WeasyPrint, reading only the templates' assets.
    A refused or missing resource fails the render instead of leaving a hole. With `cache_dir`,
    a page rendered before comes from the cache (pdf_cache), WeasyPrint not even imported."""
    roots = template_roots(data_dir)
    print_css = find_template_file(roots, "print.css")
    # print.css goes into the page itself, after the screen styles: stylesheets given to
    # write_pdf are user stylesheets, which the page's own styles would override.
    print_style = f'<style media="print">\n{print_css.read_text(encoding="utf-8")}\n</style>\n</head>'
    page = html.replace("</head>", print_style, 1)
    key = None
    if cache_dir is not None:
        from .pdf_cache import cached_pdf, pdf_key, renderer_fingerprint

        key = pdf_key(page, variant, renderer_fingerprint(tuple(font_files(data_dir).items())))
        cached = cached_pdf(cache_dir, key)
        if cached is not None:
            return cached
    pdf = _weasyprint(page, print_css.parent.as_uri() + "/", roots, variant)
    if cache_dir is not None and key is not None:
        from .pdf_cache import store_pdf

        store_pdf(cache_dir, key, pdf)
    return pdf


def _weasyprint(page: str, base_url: str, roots: list[Path], variant: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from . import pdf_tags
    from .fetcher import AssetFetcher

    pdf_tags.install()
    variants = pdf_variants()
    if variant not in variants:
        raise UsageError(Said("cli.not_supported", option="--pdf-variant", value=variant, choices=list(variants)))
    fetcher = AssetFetcher([root / "assets" for root in roots])
    # @font-face rules work only through a font configuration shared by the CSS and the PDF.
    font_config = FontConfiguration()
    with _weasyprint_problems() as problems:
        document = HTML(string=page, base_url=base_url, url_fetcher=fetcher)
        pdf = document.write_pdf(font_config=font_config, pdf_variant=variant, pdf_identifier=True)
    refused = fetcher.refused + problems.problems
    if refused:
        raise RenderError("PDF not written: " + "; ".join(dict.fromkeys(refused)))
    return pdf


def render(kind: str, template: str, context: Context, langs: tuple[str, ...], fmt: Format, data_dir: Path | None, *, chart_stem: str | None = None, pdf_variant: str = DEFAULT_PDF_VARIANT, asset_prefix: str = "", in_site: bool = False, pdf_cache: Path | None = None) -> Rendered:
    """The document; an HTML page comes with its font files (font_files) to write beside it."""
    if fmt == "md":
        return render_markdown(kind, template, context, langs, data_dir, chart_stem)
    if fmt == "html":
        return Rendered(render_html(kind, template, context, langs, data_dir, asset_prefix, in_site=in_site).encode(), font_files(data_dir))
    html = render_html(kind, template, context, langs, data_dir)
    return Rendered(render_pdf(html, data_dir, pdf_variant, pdf_cache))

