"""Only here to put a copy of templates/ inside the wheel (kemi_cli/templates), so that an
installed kemi renders reports from any folder. Everything else is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithTemplates(build_py):
    def run(self) -> None:
        super().run()
        if not getattr(self, "editable_mode", False):
            source = Path(__file__).resolve().parent / "templates"
            target = Path(self.build_lib) / "kemi_cli" / "templates"
            shutil.copytree(source, target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithTemplates})
