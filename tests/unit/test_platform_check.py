from __future__ import annotations

import pytest

from carelink_desktop.ui import platform_check


def test_offscreen_and_wayland_need_no_x11_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platform_check.ctypes.util, "find_library", lambda name: None)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert platform_check.missing_packages() == []
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert platform_check.missing_packages() == []


def test_missing_x11_library_is_named_with_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    monkeypatch.setattr(
        platform_check.ctypes.util,
        "find_library",
        lambda name: None if name == "xcb-cursor" else f"lib{name}.so",
    )
    missing = platform_check.missing_packages()
    assert missing == ["libxcb-cursor0"]
    assert "sudo apt install libxcb-cursor0" in platform_check.explain(missing)
