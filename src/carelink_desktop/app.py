"""Composition root shared by the desktop and the command line: which home, which settings."""

from __future__ import annotations

from pathlib import Path

from carelink_desktop.paths import HomePaths, default_home_dir, home_paths
from carelink_desktop.settings import Settings, load_settings
from carelink_desktop.storage.keyslots import KdfParams

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-home"  # noqa: S105 - the demo holds only fictional people; the README says so
DEMO_DIR_NAME = "demo-home"


def demo_paths(home: str | None = None) -> HomePaths:
    """The demo home: the folder given, else a ``demo-home`` folder beside the real one."""
    if home:
        return home_paths(home)
    return HomePaths(default_home_dir() / DEMO_DIR_NAME)


def kdf_from(settings: Settings) -> KdfParams:
    return KdfParams(settings.kdf_memory_kib, settings.kdf_iterations, settings.kdf_lanes)


def ensure_demo_home(paths: HomePaths, settings: Settings | None = None) -> bool:
    """Create the demo home if it is not there yet; True when it was created now."""
    if paths.exists():
        return False
    from carelink_desktop.synthetic.demo_home import create_demo_home

    ws, _summary = create_demo_home(paths, DEMO_PASSWORD, kdf=kdf_from(settings or load_settings()))
    ws.close()
    return True


def state_dir() -> Path:
    from carelink_desktop.paths import default_state_dir

    return default_state_dir()
