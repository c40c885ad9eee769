"""One version, from ``carelink_desktop.__version__``: both commands print it with --version
(before anything heavy loads), and the package metadata carries the same."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from carelink_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("module", "name"),
    [("carelink_desktop.cli", "carelink"), ("carelink_desktop", "carelink-desktop")],
)
def test_version_option_on_both_commands(module: str, name: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", module, "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"{name} {__version__}"


def test_the_package_version_comes_from_the_code() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "carelink_desktop.__version__"}
    assert __version__.count(".") == 2 and all(part.isdigit() for part in __version__.split("."))
