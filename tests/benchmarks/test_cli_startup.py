"""Target: ``carelink --help`` answers in at most 0.5 s (median of 10 runs), both as
``python -m carelink_desktop.cli`` and as the installed ``carelink`` console script."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.benchmarks.conftest import describe, ms, report

pytestmark = [pytest.mark.benchmark, pytest.mark.slow]

RUNS = 10
TARGET_SECONDS = 0.5
# Anything on this list in `python -X importtime` output of `--help` is a heavy import the
# command does not need for help (cli/__init__.py promises the standard library only).
HEAVY = ("sqlalchemy", "sqlcipher3", "cryptography", "PySide6", "reportlab", "alembic", "platformdirs")


def _commands() -> list[object]:
    found = [
        pytest.param(
            "python -m carelink_desktop.cli --help",
            [sys.executable, "-m", "carelink_desktop.cli"],
            id="python-m",
        )
    ]
    script = shutil.which("carelink", path=str(Path(sys.executable).parent)) or shutil.which("carelink")
    if script:
        found.append(pytest.param(f"{script} --help", [script], id="console-script"))
    return found


def _time_help(cmd: list[str], env: dict[str, str]) -> list[float]:
    samples = []
    for _ in range(RUNS + 1):
        started = time.perf_counter()
        proc = subprocess.run(
            [*cmd, "--help"], check=False, capture_output=True, text=True, env=env, timeout=60
        )
        samples.append(time.perf_counter() - started)
        assert proc.returncode == 0, proc.stderr
        assert "usage: carelink" in proc.stdout
    return samples[1:]  # the first run warms the OS file cache


@pytest.mark.parametrize(("label", "cmd"), _commands())
def test_help_within_half_a_second(label: str, cmd: list[str]) -> None:
    env = dict(os.environ)
    samples = _time_help(cmd, env)
    median = statistics.median(samples)
    imported = subprocess.run(
        [*cmd, "--help"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
    ).stderr
    modules = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in imported.splitlines()
        if line.startswith("import time:")
    }
    heavy = sorted(modules & set(HEAVY))
    report(
        f"{label}",
        [
            describe(samples),
            f"median {ms(median)} (target <= {ms(TARGET_SECONDS)}); heavy imports: {heavy or 'none'}",
        ],
    )
    assert median <= TARGET_SECONDS, f"median {ms(median)} is over {ms(TARGET_SECONDS)}"


def test_python_startup_baseline() -> None:
    """Not a target: a bare interpreter's start, to show how much of --help is Python itself."""
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True, timeout=60)
        samples.append(time.perf_counter() - started)
    report("python -c pass (baseline, no target)", [describe(samples)])
