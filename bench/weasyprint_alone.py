"""WeasyPrint alone on an HTML file that kemi wrote: the floor for `kemi report --format pdf`.

The same input as kemi's own PDF path (kemi_cli.report.render.render_pdf): print.css inlined
after the page's styles, the templates folder as base URL, one font configuration and the same
PDF variant, and the collector at the kemi command's pace (kemi_cli.gc_pace),
which speeds WeasyPrint as much as it speeds kemi; but WeasyPrint's default fetcher, and no data
loading, context or templates. So the ratio of the two times is kemi's own work.

    python bench/weasyprint_alone.py REPORT.html OUT.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path

from kemi_cli.gc_pace import pace_garbage_collection

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def main(html_path: str, pdf_path: str) -> int:
    pace_garbage_collection()
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    print_css = (TEMPLATES / "print.css").read_text(encoding="utf-8")
    html = Path(html_path).read_text(encoding="utf-8")
    html = html.replace("</head>", f'<style media="print">\n{print_css}\n</style>\n</head>', 1)
    font_config = FontConfiguration()
    document = HTML(string=html, base_url=TEMPLATES.as_uri() + "/")
    Path(pdf_path).write_bytes(document.write_pdf(font_config=font_config, pdf_variant="pdf/ua-1", pdf_identifier=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
