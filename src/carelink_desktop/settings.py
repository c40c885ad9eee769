"""Settings, declared once, typed, with defaults.

Machine settings (this PC) live in ``settings.json`` in the config folder. Unknown keys are kept
but ignored; a value of the wrong type falls back to its default, so a damaged settings file can
never stop the program opening.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from carelink_desktop.paths import default_config_dir

SETTINGS_FILE = "settings.json"


@dataclass(frozen=True)
class Settings:
    """Settings for this PC. Settings for the whole home (lock timeout, paper) live in the
    encrypted database: see ``services.home_settings``."""

    #: Home folder to open when none is given (empty: the platform's default).
    last_home: str = ""
    #: Argon2id memory cost for new key slots, in KiB (at least 64 MiB).
    kdf_memory_kib: int = 131072
    #: Argon2id passes for new key slots.
    kdf_iterations: int = 4
    #: Argon2id parallel lanes for new key slots.
    kdf_lanes: int = 2


def _coerce(raw: dict[str, Any]) -> Settings:
    base = Settings()
    good: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name in raw and type(raw[f.name]) is type(getattr(base, f.name)):
            good[f.name] = raw[f.name]
    return replace(base, **good)


def load_settings(config_dir: Path | None = None) -> Settings:
    """Settings from disk, or the defaults when there are none or they cannot be read."""
    path = (config_dir or default_config_dir()) / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    return _coerce(raw) if isinstance(raw, dict) else Settings()


def save_settings(settings: Settings, config_dir: Path | None = None) -> None:
    """Write settings atomically (temporary file, fsync, rename)."""
    folder = config_dir or default_config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SETTINGS_FILE
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(asdict(settings), fh, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
