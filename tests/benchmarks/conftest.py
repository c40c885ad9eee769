"""Helpers for the on-demand benchmarks (see README.md in this folder).

The benchmarks are excluded from the normal run by ``norecursedirs`` in pyproject.toml; naming
the folder runs them: ``python -m pytest tests/benchmarks -p no:randomly -s``. The autouse
``carelink_dirs`` fixture of tests/conftest.py still applies, and module-scoped homes get their
own temporary folders from ``bench_dirs``, so nothing touches the real CareLink folders.
"""

from __future__ import annotations

import math
import os
import platform
import statistics
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

_RESULTS: list[str] = []


def percentile(samples: Sequence[float], pct: float) -> float:
    """The ``pct`` percentile by the nearest-rank method (p95 of 200 samples is the 190th)."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def report(title: str, lines: Sequence[str]) -> None:
    """Print a result now (visible with -s) and again in the summary at the end of the run."""
    text = "\n".join([title, *(f"  {line}" for line in lines)])
    print(f"\n{text}")
    _RESULTS.append(text)


def describe(samples: Sequence[float]) -> str:
    return (
        f"n={len(samples)} min={ms(min(samples))} median={ms(statistics.median(samples))} "
        f"p95={ms(percentile(samples, 95))} max={ms(max(samples))}"
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _RESULTS:
        return
    terminalreporter.section("CareLink benchmark results")
    terminalreporter.write_line(
        f"machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}"
    )
    for text in _RESULTS:
        terminalreporter.write_line(text)


@pytest.fixture(scope="module")
def bench_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """CareLink folders for a module-scoped home, with the environment pointing at them."""
    root = tmp_path_factory.mktemp("bench")
    dirs = {name: root / name for name in ("home", "state", "config")}
    dirs["config"].mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CARELINK_HOME", str(dirs["home"]))
        mp.setenv("CARELINK_STATE_DIR", str(dirs["state"]))
        mp.setenv("CARELINK_CONFIG_DIR", str(dirs["config"]))
        mp.setenv("QT_QPA_PLATFORM", "offscreen")
        yield dirs
