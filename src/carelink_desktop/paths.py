"""Where CareLink keeps its files. The only module that decides a path.

* the **home folder** holds one care home's encrypted database, key slots and backups:
  ``--home DIR`` on the command line, else ``CARELINK_HOME``, else the platform's user data folder;
* the **state folder** holds per-machine state that must not live beside the care data, such as
  failed-login counters (a wrong password must leave the home folder byte-identical):
  ``CARELINK_STATE_DIR``, else the platform's user state folder;
* the **config folder** holds per-machine settings: ``CARELINK_CONFIG_DIR``, else the platform's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_DIR_NAME = "CareLink Desktop"
APP_AUTHOR = "CareLink"

DATABASE_FILE = "home.db"
KEYSLOTS_FILE = "keyslots.json"
BACKUPS_DIR = "backups"


def _platformdirs() -> object:
    import platformdirs  # imported lazily: keeps `carelink --help` fast

    return platformdirs.PlatformDirs(APP_DIR_NAME, APP_AUTHOR)


def platform_folders(data: Path, state: Path, config: Path) -> dict[str, Path]:
    """The home, state and config folders from the platform's data, state and config folders.

    Windows and macOS give one folder for all three; then each gets its own subfolder, so a
    failed login (state) never writes beside the care data (home)."""
    if len({data, state, config}) == 3:
        return {"home": data, "state": state, "config": config}
    return {"home": data / "Home", "state": state / "State", "config": config / "Settings"}


def _default(kind: str, variable: str) -> Path:
    env = os.environ.get(variable)
    if env:
        return Path(env).expanduser()
    dirs = _platformdirs()
    found = platform_folders(
        Path(dirs.user_data_dir),  # type: ignore[attr-defined]
        Path(dirs.user_state_dir),  # type: ignore[attr-defined]
        Path(dirs.user_config_dir),  # type: ignore[attr-defined]
    )
    return found[kind]


def default_home_dir() -> Path:
    return _default("home", "CARELINK_HOME")


def default_state_dir() -> Path:
    return _default("state", "CARELINK_STATE_DIR")


def default_config_dir() -> Path:
    return _default("config", "CARELINK_CONFIG_DIR")


@dataclass(frozen=True)
class HomePaths:
    """The files of one home folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_FILE

    @property
    def keyslots(self) -> Path:
        return self.root / KEYSLOTS_FILE

    @property
    def backups(self) -> Path:
        return self.root / BACKUPS_DIR

    def exists(self) -> bool:
        """A home has been set up here (its key slots file is present)."""
        return self.keyslots.is_file()


def home_paths(home: Path | str | None = None) -> HomePaths:
    """The home folder named, or the default one."""
    return HomePaths(Path(home).expanduser() if home else default_home_dir())


def resources_dir() -> Path:
    """Icons, fonts, style sheets: ``resources/`` in a checkout, or beside the package when frozen."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent.parent / "resources"):
        if candidate.is_dir():
            return candidate
    return here.parent.parent / "resources"
