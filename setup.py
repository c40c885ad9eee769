"""Puts the top-level ``resources/`` (fonts, icons, licences) inside the built package, so an
installed wheel finds them as ``carelink_desktop/resources`` (see ``paths.resources_dir``).
Everything else about the build is declared in pyproject.toml."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithResources(build_py):  # type: ignore[misc]
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads resources/ from the checkout itself
        source = Path(__file__).resolve().parent / "resources"
        shutil.copytree(source, Path(self.build_lib) / "carelink_desktop" / "resources", dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithResources})
