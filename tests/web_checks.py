"""The checks every page kemi publishes must pass, run on real files with the real checkers:
the Nu Html Checker (vnu.jar, Java) for valid HTML, and headless Chromium at four viewport widths
for axe-core (WCAG 2.1 A/AA and scrollable-region-focusable), reflow at 320 CSS px and the
shipped typeface. One call checks a whole folder of pages with one Java and one node process.

Needs Debian's `chromium`, `java`, `node` and the npm packages in .ci/node (`.ci/run` installs
them); without them a test skips, and in CI (CI set) fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO

NODE_PREFIX = REPO / ".ci" / "node"
NODE_MODULES = NODE_PREFIX / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGE_CHECKS = Path(__file__).parent / "a11y" / "page_checks.cjs"
SEARCH_CHECK = Path(__file__).parent / "a11y" / "search_check.cjs"
# Phone (small and common), tablet, desktop: WCAG 1.4.10 asks for 320 CSS px.
WIDTHS = (320, 390, 768, 1280)


def tools_missing() -> str | None:
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        return f"no Chromium at {chromium} (apt-get install chromium)"
    for program, package in (("node", "nodejs"), ("java", "default-jre-headless")):
        if shutil.which(program) is None:
            return f"no {program} (apt-get install {package})"
    for module in ("axe-core", "puppeteer-core", "vnu-jar"):
        if not (NODE_MODULES / module).is_dir():
            return f"npm package {module} missing (npm ci --prefix .ci/node)"
    return None


def require_tools() -> None:
    """Skip when a checker is missing; in CI, which installs them, fail instead."""
    missing = tools_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def nu_errors(files: Iterable[Path]) -> dict[str, list[str]]:
    """The Nu Html Checker's errors by file, each as `line: message`."""
    paths = [str(p) for p in files]
    checked = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always", *paths],
        check=False, capture_output=True, text=True, timeout=600,
    )
    assert checked.returncode == 0, checked.stderr[-2000:]
    found: dict[str, list[str]] = {path: [] for path in paths}
    for message in json.loads(checked.stderr)["messages"]:
        path = message.get("url", "").removeprefix("file:")
        found.setdefault(path, []).append(f"{message.get('lastLine', '?')}: {message['message']}")
    return found


def browser_problems(files: Iterable[Path], widths: Iterable[int] = WIDTHS) -> dict[str, list[str]]:
    """axe-core's violations, reflow and font problems by file, each as `<width> px: <rule>: …`."""
    paths = [str(p) for p in files]
    root = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in paths])
    checked = subprocess.run(
        ["node", str(PAGE_CHECKS), str(NODE_PREFIX), ",".join(map(str, widths)), root, *paths],
        check=False, capture_output=True, text=True, timeout=1200,
    )
    assert checked.returncode == 0, checked.stderr[-2000:]
    results = json.loads(checked.stdout)
    assert sorted(results) == sorted(paths)
    return {
        path: [f"{p['width']} px: {p['id']}: {p['help']}: {'; '.join(p['nodes'])}" for p in problems]
        for path, problems in results.items()
    }


def search_in_browser(search_page_url: str, query: str, widths: Iterable[int] = WIDTHS) -> dict[str, Any]:
    """A real search on a site's search page served over http: what the page said (`status`),
    the results it linked (`results`: href, title), whether it showed the no-search text
    (`unavailable`), and axe-core's and reflow's problems with the results shown (`problems`)."""
    checked = subprocess.run(
        ["node", str(SEARCH_CHECK), str(NODE_PREFIX), ",".join(map(str, widths)), search_page_url, query],
        check=False, capture_output=True, text=True, timeout=300,
    )
    assert checked.returncode == 0, checked.stderr[-2000:]
    shown: dict[str, Any] = json.loads(checked.stdout)
    shown["problems"] = [f"{p['width']} px: {p['id']}: {p['help']}: {'; '.join(p['nodes'])}" for p in shown["problems"]]
    return shown


def page_problems(files: Iterable[Path]) -> dict[str, list[str]]:
    """Every problem of every page (Nu, then the browser's), only the pages that have some."""
    paths = list(files)
    assert paths, "no pages to check"
    nu = nu_errors(paths)
    browser = browser_problems(paths)
    combined = {str(p): [f"nu: {e}" for e in nu.get(str(p), [])] + browser.get(str(p), []) for p in paths}
    return {path: problems for path, problems in combined.items() if problems}


def check_folder(folder: Path) -> dict[str, list[str]]:
    """page_problems of every HTML page under `folder`."""
    return page_problems(html_files(folder))
