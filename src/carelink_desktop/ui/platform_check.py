"""Before Qt starts: say plainly which system libraries are missing, instead of Qt's abort.

Qt's X11 plugin needs a few libraries that minimal Linux installs lack; without them Qt prints
a developer's message and aborts the process. This check uses only the standard library.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

#: library name for find_library -> Debian/Ubuntu package that provides it
X11_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
    "fontconfig": "libfontconfig1",
}


def missing_packages() -> list[str]:
    """Packages to install before Qt can open a window here (empty when all is well or when
    Qt will not use X11: offscreen tests, Wayland, Windows, macOS)."""
    if not sys.platform.startswith("linux"):
        return []
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return []
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return []
    return [pkg for lib, pkg in X11_LIBRARIES.items() if ctypes.util.find_library(lib) is None]


def explain(packages: list[str]) -> str:
    return (
        "CareLink Desktop cannot open its window: this computer lacks system libraries that the "
        f"Qt toolkit needs. Ask your IT support to install them, or run:\n"
        f"    sudo apt install {' '.join(packages)}"
    )
