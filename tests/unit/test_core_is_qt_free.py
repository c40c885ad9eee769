"""Must hold: the core (domain, storage, services, cli, synthetic) never imports Qt, so the
command line and the tests of the core run on a machine without a display or PySide6."""

from __future__ import annotations

import json
import subprocess
import sys

CORE = ["domain", "storage", "services", "cli", "synthetic"]

SCRIPT = r"""
import importlib, json, pkgutil, sys

imported, skipped = [], []
for name in json.loads(sys.argv[1]):
    package = importlib.import_module("carelink_desktop." + name)
    imported.append(package.__name__)
    for info in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + "."):
        # Alembic's env script only runs inside Alembic; __main__ runs the command line
        if info.name.endswith((".migrations.env", ".__main__")):
            skipped.append(info.name)
            continue
        importlib.import_module(info.name)
        imported.append(info.name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
print(json.dumps({"imported": imported, "skipped": skipped, "qt": qt}))
"""


def _import_core(packages: list[str]) -> dict[str, list[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(packages)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_importing_every_core_module_loads_no_qt() -> None:
    result = _import_core(CORE)
    imported = set(result["imported"])
    for name in CORE:
        assert f"carelink_desktop.{name}" in imported
    # the walk really reached the modules, not only the packages
    for module in (
        "domain.errors",
        "storage.engine",
        "storage.keyslots",
        "services.access",
        "services.maintenance",
        "cli.runner",
        "cli.commands_home",
    ):
        assert f"carelink_desktop.{module}" in imported
    assert "carelink_desktop.storage.migrations.env" in result["skipped"]
    assert result["qt"] == []


def test_the_check_would_see_qt_if_it_were_imported() -> None:
    """The same walk, with Qt imported on purpose, must report PySide6."""
    script = SCRIPT.replace("qt = sorted", "import PySide6.QtCore\nqt = sorted")
    proc = subprocess.run(
        [sys.executable, "-c", script, json.dumps(["domain"])],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if proc.returncode != 0 and "No module named 'PySide6'" in proc.stderr:
        return  # no Qt installed at all: nothing to detect
    assert proc.returncode == 0, proc.stderr
    assert "PySide6" in json.loads(proc.stdout.strip().splitlines()[-1])["qt"]
