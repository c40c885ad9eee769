"""The Qt binding installed must not corrupt Python's reference counts: PySide6 6.12.0 drops a
reference to None on every call that returns nothing, and on Python 3.11 a long session then
aborts with "deallocating None". pyproject.toml keeps that version out; this test notices if a
broken build comes back."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QPen


def test_qt_calls_that_return_nothing_leave_none_alone() -> None:
    pen = QPen()
    before = sys.getrefcount(None)
    for _ in range(1000):
        pen.setWidthF(1.0)
    assert sys.getrefcount(None) - before > -100
