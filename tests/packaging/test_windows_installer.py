"""The Windows installer script agrees with the build and with where the program keeps its data
(it cannot be compiled here: Inno Setup runs on Windows; packaging/README.md has the steps)."""

from __future__ import annotations

import re
from pathlib import Path

from carelink_desktop.paths import APP_AUTHOR, APP_DIR_NAME

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "carelink-desktop.iss"
SPEC = ROOT / "packaging" / "carelink-desktop.spec"


def _setup() -> dict[str, str]:
    text = ISS.read_text(encoding="utf-8")
    section = text.split("[Setup]", 1)[1].split("\n[", 1)[0]
    pairs = (line.split("=", 1) for line in section.splitlines() if "=" in line and not line.startswith(";"))
    return {key.strip(): value.strip() for key, value in pairs}


def _defines() -> dict[str, str]:
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', ISS.read_text(encoding="utf-8"), re.MULTILINE))


def test_fixed_app_id_per_machine_install_and_start_menu_entry() -> None:
    setup = _setup()
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["PrivilegesRequired"] == "admin"
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert setup["UsePreviousAppDir"] == "yes"
    text = ISS.read_text(encoding="utf-8")
    assert re.search(
        r'^Name: "\{autoprograms\}\\\{#AppName\}"; Filename: "\{app\}\\\{#MainExe\}"', text, re.M
    )


def test_installs_what_the_spec_builds_with_an_icon_that_exists() -> None:
    setup, defines = _setup(), _defines()
    spec = SPEC.read_text(encoding="utf-8")
    assert 'name="carelink-desktop"' in spec  # the COLLECT folder and the GUI program
    assert defines["MainExe"] == "carelink-desktop.exe"
    assert "..\\dist\\carelink-desktop" in ISS.read_text(encoding="utf-8")
    icon = (ISS.parent / setup["SetupIconFile"].replace("\\", "/")).resolve()
    assert icon == ROOT / "resources" / "icons" / "carelink.ico"
    assert icon.read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_uninstall_keeps_the_care_data_and_names_where_it_is() -> None:
    text = ISS.read_text(encoding="utf-8")
    uninstall_delete = text.split("[UninstallDelete]", 1)[1].split("\n[", 1)[0]
    targets = re.findall(r'Name: "([^"]+)"', uninstall_delete)
    assert targets and all(t.startswith("{app}") for t in targets), "only the program folder may be cleaned"
    assert "uninsneveruninstall" in text.split("[Dirs]", 1)[1].split("\n[", 1)[0]
    # The message names the folder platformdirs gives the program on Windows.
    assert f"%LOCALAPPDATA%\\{APP_AUTHOR}\\{APP_DIR_NAME}" in text
