"""Running long work off the GUI thread while a progress window says what is happening."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
SHOW_AFTER_MS = 300
_running = [0]


def work_in_progress() -> bool:
    """True while long work runs: the idle lock waits for it rather than closing the home under it."""
    return _running[0] > 0


def run_with_progress(parent: QWidget | None, text: str, work: Callable[[], T]) -> T:
    """Run ``work`` in a worker thread; the window stays responsive and, if the work takes more
    than a moment, a progress window shows ``text``. Returns the result or raises its error."""
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowTitle(dialog.tr("Please wait"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAccessibleName(text)
    loop = QEventLoop()
    _running[0] += 1
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="carelink-work") as pool:
            future: Future[T] = pool.submit(work)
            poll = QTimer(interval=30)
            poll.timeout.connect(lambda: loop.quit() if future.done() else None)
            poll.start()
            if not future.done():
                loop.exec()
            poll.stop()
    finally:
        _running[0] -= 1
    dialog.reset()
    dialog.deleteLater()
    return future.result()
