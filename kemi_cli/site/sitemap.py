"""sitemap.xml and robots.txt. The sitemap protocol wants absolute URLs, so the sitemap is
written only when the site's address is known (`kemi build --base-url`); robots.txt names it
then, and otherwise only allows everything."""

from __future__ import annotations

from html import escape  # quotes too: the addresses go into attributes as well

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def normalised_base_url(base_url: str) -> str:
    """The address with exactly one slash at the end, so that page paths join onto it."""
    return base_url.rstrip("/") + "/"


def sitemap_xml(base_url: str, paths: list[str], alternates: dict[str, dict[str, str]]) -> str:
    """A <url> per page; `alternates[path]` gives the same page in each language (hreflang)."""
    base = normalised_base_url(base_url)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for path in paths:
        lines.append(f"  <url><loc>{escape(base + path)}</loc>")
        for lang, other in alternates.get(path, {}).items():
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(base + other)}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base_url: str | None) -> str:
    text = "User-agent: *\nAllow: /\n"
    if base_url:
        text += f"Sitemap: {normalised_base_url(base_url)}{SITEMAP}\n"
    return text
