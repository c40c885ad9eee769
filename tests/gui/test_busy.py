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
