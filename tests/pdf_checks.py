"""PDF/UA's machine-checkable rules, checked on a PDF read back with pikepdf (independent of
WeasyPrint, which wrote it): tagged, with a structure tree whose figures carry /Alt, whose
languages are marked, whose headings nest and whose tables have header cells; fonts embedded;
the title shown; no blank page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pypdf import PdfReader


@dataclass
class PdfFindings:
    tagged: bool = False
    title: str = ""
    shows_title: bool = False
    catalog_lang: str = ""
    figures: int = 0
    figures_without_alt: int = 0
    alts: list[str] = field(default_factory=list)
    langs: dict[str, int] = field(default_factory=dict)  # language → headings in it
    heading_skips: list[str] = field(default_factory=list)
    tables: int = 0
    tables_without_headers: int = 0
    fonts_not_embedded: list[str] = field(default_factory=list)
    blank_pages: list[int] = field(default_factory=list)
    identification: dict[str, str] = field(default_factory=dict)
    bookmarks: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """What breaks PDF/UA's machine-checkable rules."""
        found = []
        if not self.tagged:
            found.append("not tagged")
        if not self.title or not self.shows_title:
            found.append("no title shown")
        if not self.catalog_lang:
            found.append("no document language")
        if self.figures_without_alt:
            found.append(f"{self.figures_without_alt} of {self.figures} figures without /Alt")
        found += [f"heading skips a level: {skip}" for skip in self.heading_skips]
        if self.tables_without_headers:
            found.append(f"{self.tables_without_headers} tables without header cells")
        found += [f"font not embedded: {name}" for name in self.fonts_not_embedded]
        found += [f"page {number} is blank" for number in self.blank_pages]
        return found


def _text(value: object) -> str:
    return str(value) if value is not None else ""


def read_pdf(path: Path) -> PdfFindings:
    findings = PdfFindings()
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        findings.tagged = bool(root.get("/MarkInfo", {}).get("/Marked", False)) and "/StructTreeRoot" in root
        findings.shows_title = bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False))
        findings.catalog_lang = _text(root.get("/Lang"))
        with pdf.open_metadata() as meta:
            findings.title = _text(meta.get("dc:title"))
            for key in ("pdfaid:part", "pdfaid:conformance", "pdfuaid:part"):
                if meta.get(key):
                    findings.identification[key] = str(meta.get(key))
        if "/StructTreeRoot" in root:
            _walk(root.StructTreeRoot, findings.catalog_lang, findings, [0])
        findings.fonts_not_embedded = sorted(_fonts_not_embedded(pdf))
        findings.bookmarks = [str(item.title) for item in _outline(pdf)]
    reader = PdfReader(path)
    findings.blank_pages = [n for n, page in enumerate(reader.pages, start=1) if not page.extract_text().strip()]
    return findings


def _walk(node: pikepdf.Object, lang: str, findings: PdfFindings, last_heading: list[int]) -> None:
    kind = str(node.get("/S", ""))
    lang = _text(node.get("/Lang")) or lang
    if kind == "/Figure":
        findings.figures += 1
        alt = _text(node.get("/Alt")).strip()
        if alt:
            findings.alts.append(alt)
        else:
            findings.figures_without_alt += 1
    elif kind in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6"):
        level = int(kind[2])
        if level > last_heading[0] + 1:
            findings.heading_skips.append(f"H{last_heading[0]} → H{level}")
        last_heading[0] = level
        findings.langs[lang] = findings.langs.get(lang, 0) + 1
    elif kind == "/Table":
        findings.tables += 1
        if not _has_kind(node, "/TH"):
            findings.tables_without_headers += 1
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _walk(kid, lang, findings, last_heading)


def _has_kind(node: pikepdf.Object, kind: str) -> bool:
    kids = node.get("/K")
    if kids is None:
        return False
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid and (str(kid.S) == kind or _has_kind(kid, kind)):
            return True
    return False


def _fonts_not_embedded(pdf: pikepdf.Pdf) -> set[str]:
    missing = set()
    for page in pdf.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            for each in font.get("/DescendantFonts", [font]):
                descriptor = each.get("/FontDescriptor")
                if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.add(str(each.get("/BaseFont")))
    return missing


def _outline(pdf: pikepdf.Pdf) -> list[pikepdf.OutlineItem]:
    items: list[pikepdf.OutlineItem] = []
    with pdf.open_outline() as outline:
        stack = list(reversed(outline.root))
        while stack:
            item = stack.pop()
            items.append(item)
            stack.extend(reversed(item.children))
    return items
