from __future__ import annotations

import threading
import time

import pytest

from carelink_desktop.ui.busy import run_with_progress


def test_work_runs_off_the_gui_thread_and_returns_its_result(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def work() -> int:
        seen.append(threading.current_thread().name)
        time.sleep(0.4)
        return 42

    assert run_with_progress(None, "Working…", work) == 42
    assert seen and seen[0] != threading.main_thread().name


def test_an_error_in_the_work_reaches_the_caller(qtbot) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.domain.errors import StorageError

    def work() -> None:
        raise StorageError("The disk is full: the change was not saved.")

    with pytest.raises(StorageError, match="disk is full"):
        run_with_progress(None, "Working…", work)


def test_the_idle_lock_waits_for_running_work(qtbot) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.ui.session import IdleWatcher

    now = [0.0]
    locked: list[bool] = []
    watcher = IdleWatcher(60, lambda: locked.append(True), clock=lambda: now[0])
    watcher.start()

    def work() -> None:
        now[0] += 3600  # an hour passes while the work runs...
        time.sleep(0.3)
        watcher.check()  # ...and the lock is checked meanwhile

    run_with_progress(None, "Working…", work)
    assert locked == []
    watcher.check()
    assert locked == [True]
    watcher.stop()


def test_a_progress_window_shows_while_slow_work_runs(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    seen: list[str] = []

    def look() -> None:
        seen.extend(
            d.labelText()
            for d in QApplication.topLevelWidgets()
            if isinstance(d, QProgressDialog) and d.isVisible()
        )

    QTimer.singleShot(700, look)
    run_with_progress(None, "Setting up the demo home…", lambda: time.sleep(1.0))
    assert seen == ["Setting up the demo home…"]
    assert not [d for d in QApplication.topLevelWidgets() if isinstance(d, QProgressDialog) and d.isVisible()]


def test_quick_work_shows_no_progress_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    shown: list[bool] = []
    QTimer.singleShot(
        50,
        lambda: shown.append(
            any(isinstance(d, QProgressDialog) and d.isVisible() for d in QApplication.topLevelWidgets())
        ),
    )
    run_with_progress(None, "Quick", lambda: time.sleep(0.15))
    assert shown == [False]
