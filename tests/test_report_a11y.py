"""The HTML documents in headless Chromium with axe-core: zero WCAG 2.1 A/AA violations.

Needs Debian's `chromium` and the npm packages in .ci/node (`.ci/run` installs both)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import REPO
from .test_report_fixtures import make_synthetic_workspace

NODE_PREFIX = REPO / ".ci" / "node"
CHECKER = Path(__file__).parent / "a11y" / "axe_check.cjs"
REPORTS = {
    "half-year": ["half-year", "--period", "2026H1"],
    "annual": ["annual", "--year", "2025"],
    "project": ["project", "--all", "--period", "2026H1"],
    "strategy": ["strategy"],
}


def _tools_missing() -> str | None:
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        return f"no Chromium at {chromium} (apt-get install chromium)"
    if shutil.which("node") is None:
        return "no node (apt-get install nodejs)"
    if not (NODE_PREFIX / "node_modules" / "axe-core").is_dir() or not (NODE_PREFIX / "node_modules" / "puppeteer-core").is_dir():
        return "npm packages missing (npm ci --prefix .ci/node)"
    return None


@pytest.mark.slow
def test_every_html_document_passes_axe(cli, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = _tools_missing()
    if missing:
        # CI installs the tools; a missing tool there is a failure, not a skip.
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    monkeypatch.setenv("KEMI_TODAY", "2026-08-15")
    make_synthetic_workspace(data_dir, hostile=True)
    files = []
    for report, args in REPORTS.items():
        for lang in ("fi", "en", "both"):
            path = tmp_path / f"{report}-{lang}.html"
            result = cli("report", *args, "--lang", lang, "--data", str(data_dir), "-o", str(path))
            assert result.exit_code == 0, result.output
            files.append(path)
    files += _site_pages(data_dir, tmp_path)

    checked = subprocess.run(
        ["node", str(CHECKER), str(NODE_PREFIX), *map(str, files)], check=False, capture_output=True, text=True, timeout=600
    )
    assert checked.returncode == 0, checked.stderr
    violations = json.loads(checked.stdout)
    assert sorted(violations) == sorted(map(str, files))
    assert {name: found for name, found in violations.items() if found} == {}


def _site_pages(data_dir: Path, tmp_path: Path) -> list[Path]:
    """The index and the accessibility statement, rendered as `kemi build` renders them."""
    from kemi_cli.report.build import ACCESSIBILITY, INDEX, SiteContext, plan_build
    from kemi_cli.report.provenance import data_provenance
    from kemi_cli.report.render import render_template_document
    from kemi_cli.validate import load_workspace

    _steps, links = plan_build(data_dir, tmp_path / "dist")
    site = SiteContext(data_provenance(data_dir), tuple(links), load_workspace(data_dir).strategy)
    pages = []
    for kind, name in (("index", INDEX), ("accessibility", ACCESSIBILITY)):
        path = tmp_path / name
        path.write_text(render_template_document(kind, site, data_dir), encoding="utf-8")
        pages.append(path)
    return pages
