"""Settings are typed with defaults; paths honour the CARELINK_* overrides."""

from __future__ import annotations

import json
from pathlib import Path

from carelink_desktop.paths import default_home_dir, default_state_dir, home_paths
from carelink_desktop.settings import Settings, load_settings, save_settings


def test_paths_follow_the_environment(carelink_dirs: dict[str, Path]) -> None:
    assert default_home_dir() == carelink_dirs["home"]
    assert default_state_dir() == carelink_dirs["state"]
    assert home_paths("/x/y").database == Path("/x/y/home.db")


def test_settings_round_trip(tmp_path: Path) -> None:
    save_settings(Settings(lock_after_minutes=3, paper_size="Letter"), tmp_path)
    loaded = load_settings(tmp_path)
    assert (loaded.lock_after_minutes, loaded.paper_size) == (3, "Letter")


def test_damaged_or_wrongly_typed_settings_fall_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text("{broken")
    assert load_settings(tmp_path) == Settings()
    (tmp_path / "settings.json").write_text(
        json.dumps({"lock_after_minutes": "soon", "paper_size": "A4", "x": 1})
    )
    assert load_settings(tmp_path).lock_after_minutes == Settings().lock_after_minutes
