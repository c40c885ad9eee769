"""The Linux desktop entry, AppStream metadata and icons: they parse, agree with each other and
with the program (its id, its commands, its version), and install.sh puts them where desktops
look, then removes them again without touching the care data."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from carelink_desktop import APP_NAME, __version__

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"
APP_ID = "uk.carelink.CareLinkDesktop"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _desktop_entry() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    return parser


def _entry_points() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {**project["scripts"], **project["gui-scripts"]}


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_desktop_entry_launches_the_gui_command_with_the_app_icon() -> None:
    entry = _desktop_entry()["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Terminal"] == "false"
    command = entry["Exec"].split()[0]
    assert command == "carelink-desktop"
    assert _entry_points()[command] == "carelink_desktop.__main__:main"
    assert entry["Icon"] == APP_ID
    demo = _desktop_entry()["Desktop Action demo"]
    assert demo["Exec"] == "carelink-desktop --demo"


def test_the_program_announces_the_same_desktop_id() -> None:
    pytest.importorskip("PySide6")
    from carelink_desktop.ui.app_icon import DESKTOP_FILE_NAME

    assert DESKTOP_FILE_NAME == APP_ID == DESKTOP.stem


def test_appstream_metadata_matches_the_desktop_entry_and_version() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.tag == "component" and component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("name") == APP_NAME
    assert component.findtext("launchable") == DESKTOP.name
    provided = {b.text for b in component.iter("binary")}
    assert provided == set(_entry_points())
    releases = [r.get("version") for r in component.iter("release")]
    assert releases[0] == __version__, "add a <release> for the new version"


def test_icons_exist_at_every_size_with_those_dimensions() -> None:
    for size in SIZES:
        assert _png_size(ICONS / "png" / f"carelink-{size}.png") == (size, size)
    ET.parse(ICONS / "carelink.svg")  # the scalable icon is well-formed SVG
    ico = (ICONS / "carelink.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


@pytest.mark.parametrize(
    ("tool", "args"),
    [
        ("desktop-file-validate", [str(DESKTOP)]),
        ("appstreamcli", ["validate", "--no-net", str(METAINFO)]),
    ],
)
def test_desktop_tools_accept_the_files(tool: str, args: list[str]) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed here")
    proc = subprocess.run([tool, *args], capture_output=True, text=True, check=False, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="install.sh is for Linux")
def test_install_sh_installs_upgrades_and_uninstalls_keeping_the_care_data(tmp_path: Path) -> None:
    # A stand-in for the unpacked archive: carelink-desktop/{carelink-desktop, carelink, _internal, linux}
    unpacked = tmp_path / "carelink-desktop"
    shutil.copytree(LINUX, unpacked / "linux")
    shutil.copytree(ICONS, unpacked / "_internal" / "carelink_desktop" / "resources" / "icons")
    for program in ("carelink-desktop", "carelink"):
        stub = unpacked / program
        stub.write_text(f"#!/bin/sh\necho {program} stub\n")
        stub.chmod(0o755)
    stage, prefix = tmp_path / "stage", "/opt/carelink"
    installed = stage / prefix.lstrip("/")
    care_data = tmp_path / "user" / ".local" / "share" / "CareLink Desktop"
    care_data.mkdir(parents=True)
    (care_data / "home.db").write_bytes(b"encrypted")
    env = dict(os.environ, DESTDIR=str(stage), HOME=str(tmp_path / "user"))
    script = unpacked / "linux" / "install.sh"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            ["sh", str(script), "--prefix", prefix, *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc

    run()
    assert (installed / "share" / "applications" / f"{APP_ID}.desktop").read_bytes() == DESKTOP.read_bytes()
    assert (installed / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    for size in SIZES:
        icon = installed / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert _png_size(icon) == (size, size)
    assert (installed / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    launcher = installed / "bin" / "carelink-desktop"
    assert launcher.is_symlink()
    assert subprocess.run([str(launcher)], capture_output=True, text=True, check=True).stdout.strip() == (
        "carelink-desktop stub"
    )
    assert not (installed / "lib" / "carelink-desktop" / "linux").exists()

    # Upgrade in place: a file the old version had and the new one does not is gone.
    leftover = installed / "lib" / "carelink-desktop" / "_internal" / "old-version-only.txt"
    leftover.write_text("old")
    run()
    assert not leftover.exists()

    out = run("--uninstall").stdout
    assert not (installed / "lib" / "carelink-desktop").exists()
    assert not launcher.exists() and not launcher.is_symlink()
    assert not (installed / "share" / "applications" / f"{APP_ID}.desktop").exists()
    assert "care data was not touched" in out
    assert (care_data / "home.db").read_bytes() == b"encrypted"
