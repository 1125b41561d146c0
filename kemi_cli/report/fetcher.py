"""The only way WeasyPrint may read anything: files under the templates' asset folders.

WeasyPrint's default fetcher reads any `file://` URL (`/etc/passwd` into a PDF) and follows
HTTP redirects to internal addresses. This one serves regular files below the allowed folders
(after resolving symlinks) and refuses everything else; every refusal is remembered so that the
render fails instead of quietly producing a document with a hole.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class ResourceRefused(IOError):
    """WeasyPrint asked for something outside the asset folders."""


class AssetFetcher(URLFetcher):
    def __init__(self, allowed_roots: list[Path]) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.allowed_roots = [root.resolve() for root in allowed_roots]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        path = self._allowed_path(url)
        if path is None:
            self.refused.append(url)
            raise ResourceRefused(f"refused to fetch {url}: only files under the templates' assets/ are served")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    def _allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        if not path.is_file():
            return None
        return path if any(path.is_relative_to(root) for root in self.allowed_roots) else None
