"""Target: from launching Python to the login window on screen in at most 0.4 s (median of 10
runs), without the database layers loaded.

Each run is a fresh ``python -c`` that imports ``carelink_desktop.ui.login_window``, makes the
QApplication (``QT_QPA_PLATFORM=offscreen``), shows a LoginWindow and, from a zero-delay timer
(so after the show has been processed by the event loop), prints how long it has been since the
first line of the script and which heavy libraries are loaded. Three figures per run:

* **launch → window**: from just before the parent starts the process to the moment the child's
  line arrives (interpreter start-up included: what a person waits for; the asserted target);
* **script → window**: ``time.perf_counter`` in the child, from the script's first statement;
* **whole process**: launch to exit, including Qt's teardown.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

import pytest

from tests.benchmarks.conftest import describe, ms, report

pytestmark = [pytest.mark.benchmark, pytest.mark.slow]

RUNS = 10
TARGET_SECONDS = 0.4
#: Must not be loaded when the login window shows: they load while the person types.
MUST_NOT_LOAD = ("sqlalchemy", "sqlcipher3", "reportlab", "alembic")
#: Reported, not asserted.
ALSO_REPORTED = ("cryptography", "platformdirs", "PySide6.QtPrintSupport")

CHILD = """\
import time; _t0 = time.perf_counter()
import json, sys
from carelink_desktop.ui.login_window import LoginWindow
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
window = LoginWindow("Rosewood House", lambda username, password: None, username="amira")
window.show()

def shown():
    elapsed = time.perf_counter() - _t0
    names = {names!r}
    print(json.dumps({{"elapsed": elapsed, "visible": window.isVisible(),
                      "loaded": [n for n in names if n in sys.modules]}}), flush=True)
    app.quit()

QTimer.singleShot(0, shown)
app.exec()
"""


def _one_run(env: dict[str, str]) -> tuple[float, float, float, list[str]]:
    code = CHILD.format(names=MUST_NOT_LOAD + ALSO_REPORTED)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    to_window = time.perf_counter() - started
    _out, err = proc.communicate(timeout=60)
    whole = time.perf_counter() - started
    assert proc.returncode == 0 and line, err
    result = json.loads(line)
    assert result["visible"]
    return to_window, float(result["elapsed"]), whole, list(result["loaded"])


def test_launch_to_login_window_within_0_4_s() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    _one_run(env)  # warms the OS file cache (Qt's libraries are large)
    runs = [_one_run(env) for _ in range(RUNS)]
    to_window = [r[0] for r in runs]
    in_script = [r[1] for r in runs]
    whole = [r[2] for r in runs]
    loaded = sorted({name for r in runs for name in r[3]})
    median = statistics.median(to_window)
    report(
        "login window: launch -> window shown (python -c, offscreen)",
        [
            f"launch -> window: {describe(to_window)}",
            f"script -> window: {describe(in_script)}",
            f"whole process:    {describe(whole)}",
            f"median {ms(median)} (target <= {ms(TARGET_SECONDS)}); loaded when shown: {loaded or 'none'}",
        ],
    )
    heavy = sorted(set(loaded) & set(MUST_NOT_LOAD))
    assert not heavy, f"{heavy} loaded before the login window showed"
    assert median <= TARGET_SECONDS, f"median {ms(median)} is over {ms(TARGET_SECONDS)}"
