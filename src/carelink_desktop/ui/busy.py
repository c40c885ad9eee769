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
    dialog.setAccessibleName(text)
    # A busy dialog never calls setValue, so Qt's own "show after a while" never fires: show it
    # ourselves if the work is still running after a moment.
    dialog.setMinimumDuration(24 * 3600 * 1000)
    dialog.reset()
    show_later = QTimer(singleShot=True, interval=SHOW_AFTER_MS)
    show_later.timeout.connect(dialog.show)
    loop = QEventLoop()
    _running[0] += 1
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="carelink-work") as pool:
            future: Future[T] = pool.submit(work)
            poll = QTimer(interval=30)
            poll.timeout.connect(lambda: loop.quit() if future.done() else None)
            poll.start()
            show_later.start()
            if not future.done():
                loop.exec()
            poll.stop()
            show_later.stop()
    finally:
        _running[0] -= 1
    dialog.hide()
    dialog.deleteLater()
    return future.result()
