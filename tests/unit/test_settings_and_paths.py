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
    save_settings(Settings(last_home="/srv/home", kdf_iterations=5), tmp_path)
    loaded = load_settings(tmp_path)
    assert (loaded.last_home, loaded.kdf_iterations) == ("/srv/home", 5)


def test_damaged_or_wrongly_typed_settings_fall_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text("{broken")
    assert load_settings(tmp_path) == Settings()
    (tmp_path / "settings.json").write_text(json.dumps({"kdf_iterations": "many", "last_home": "/x", "x": 1}))
    loaded = load_settings(tmp_path)
    assert (loaded.kdf_iterations, loaded.last_home) == (Settings().kdf_iterations, "/x")


def test_one_platform_folder_for_everything_is_split_so_state_never_sits_with_care_data() -> None:
    from pathlib import Path

    from carelink_desktop.paths import platform_folders

    one = Path("C:/Users/amira/AppData/Local/CareLink/CareLink Desktop")
    split = platform_folders(one, one, one)
    assert split == {"home": one / "Home", "state": one / "State", "config": one / "Settings"}
    linux = platform_folders(Path("/d"), Path("/s"), Path("/c"))
    assert linux == {"home": Path("/d"), "state": Path("/s"), "config": Path("/c")}
