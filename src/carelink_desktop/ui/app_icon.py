"""The application's icon, from the PNGs in ``resources/icons/png`` (every size, so Qt picks a
sharp one for the title bar, the task bar and the About dialog)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from carelink_desktop.paths import resources_dir

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DESKTOP_FILE_NAME = "uk.carelink.CareLinkDesktop"  # the Linux desktop entry, for Wayland task bars


def icon_file(size: int) -> str:
    return str(resources_dir() / "icons" / "png" / f"carelink-{size}.png")


def application_icon() -> QIcon:
    """The CareLink icon (an empty icon if the files are missing: never an error)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(icon_file(size))
    return icon
