"""What kemi adds to WeasyPrint's tagged PDF: each structure element's language, and an archival
variant that stays tagged and accessible.

WeasyPrint tags a PDF from the HTML (headings, tables, lists, figures with the SVG's <title> as
their /Alt) but gives the whole document one language, the catalog's /Lang. A document in both
languages needs its English part marked as English (PDF/UA-1 7.2), so every structure element
made from an HTML element with a `lang` attribute gets that language as its /Lang.

WeasyPrint's PDF/A variants that keep tags (PDF/A-1a, -2a, -3a) declare only PDF/A.
ARCHIVAL_PDF_VARIANT is PDF/A-3a with the PDF/UA-1 identification as well: an archive keeps a document that is still
accessible, and says so.

Both hook into WeasyPrint's PDF writer (weasyprint.pdf.tags, weasyprint.pdf.VARIANTS); they are
installed once, when the first PDF is rendered, and the tests read every PDF kind back to
check that they took effect.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from . import ARCHIVAL_PDF_VARIANT

_installed = False


def install() -> None:
    """Hook the language tagging and the archival variant into WeasyPrint, once."""
    global _installed
    if _installed:
        return
    from weasyprint import pdf as weasy_pdf
    from weasyprint.pdf import pdfa, tags

    tags._build_box_tree = _with_languages(tags._build_box_tree)
    weasy_pdf.VARIANTS[ARCHIVAL_PDF_VARIANT] = (
        _archival,
        {"pdf_version": "1.7", "pdf_identifier": True, "output_intent": "srgb", "pdf_tags": True},
    )
    _archival.pdfa = partial(pdfa.pdfa, version=3, variant="A")  # type: ignore[attr-defined]
    _installed = True


def _with_languages(build_box_tree: Any) -> Any:
    """WeasyPrint's structure builder, setting /Lang on the elements of boxes whose HTML element
    has a `lang`. The builder yields the structure element of the box it is given (or, for the
    page, html and body boxes, their children's); an element keeps the language set nearer to it."""
    import pydyf

    def build(box: Any, *args: Any) -> Any:
        element_of_box = getattr(box, "element", None)
        lang = element_of_box.get("lang") if element_of_box is not None and hasattr(element_of_box, "get") else None
        for element in build_box_tree(box, *args):
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    return build


def _archival(pdf: Any, document: Any, page_streams: Any, attachments: Any, compress: bool) -> None:
    """PDF/A-3a (WeasyPrint's), its XMP metadata also declaring PDF/UA-1."""
    metadata = document.metadata
    generate = metadata.generate_rdf_metadata

    def with_ua(variant: str, version: int, conformance: str | None) -> bytes:
        from xml.etree.ElementTree import fromstring, tostring

        from weasyprint.pdf.metadata import NS

        rdf = fromstring(generate(variant, version, conformance))
        identification = next(d for d in rdf if d.get(f"{{{NS['pdfaid']}}}part"))
        identification.set(f"{{{NS['pdfuaid']}}}part", "1")
        return tostring(rdf)

    metadata.generate_rdf_metadata = with_ua
    try:
        _archival.pdfa(pdf, document, page_streams, attachments, compress)  # type: ignore[attr-defined]
    finally:
        del metadata.generate_rdf_metadata
