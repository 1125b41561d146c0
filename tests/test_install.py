"""The built package, not only the editable checkout, works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SHIPPED_DATA


@pytest.mark.slow
def test_installed_wheel_validates_from_another_folder(installed_site: Path, tmp_path: Path) -> None:
    target = installed_site
    workdir = tmp_path / "somewhere"
    workdir.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "KEMI_DATA": str(SHIPPED_DATA)}
    result = subprocess.run(
        [sys.executable, "-c", ("import kemi_cli, sys; assert 'site' in kemi_cli.__file__, kemi_cli.__file__; "
         "from kemi_cli.cli import main; sys.argv = ['kemi', 'validate', '-q']; main()")],
        cwd=workdir, env=env, capture_output=True, text=True, timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout
