"""``carelink-desktop --self-test`` proves an installation works: Qt offscreen, a temporary
encrypted home, a report read back by Qt's PDF module and printed; exit 0, nothing left behind.
The packaging build runs the same command on the built program."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from carelink_desktop.ui.self_test import SelfTest, StepFailed

STEPS = (
    "Qt starts without a screen",
    "resources",
    "temporary encrypted home created",
    "home unlocked and checked",
    "database encrypted on disk",
    "report rendered",
    "report opened by Qt's PDF module",
    "report printed",
    "temporary folder removed",
)


@pytest.mark.slow
def test_self_test_passes_and_leaves_nothing_behind(tmp_path: Path, carelink_dirs) -> None:  # type: ignore[no-untyped-def]
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch), TEMP=str(scratch), TMP=str(scratch))
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must choose offscreen itself
    proc = subprocess.run(
        [sys.executable, "-m", "carelink_desktop", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    for step in STEPS:
        assert any(line.strip().startswith(f"ok      {step}") for line in lines), (step, proc.stdout)
    assert "platform 'offscreen'" in proc.stdout
    assert lines[-1] == "self-test passed"
    assert list(scratch.iterdir()) == [], "the temporary home must be removed"
    # The person's own CareLink folders are never touched.
    assert not carelink_dirs["home"].exists()
    assert not carelink_dirs["state"].exists()


def test_a_failing_step_is_named_and_exits_non_zero(qapp, monkeypatch, carelink_dirs) -> None:  # type: ignore[no-untyped-def]
    created: list[Path] = []

    def broken_render(self: SelfTest) -> str:
        created.append(self.state["paths"].root)
        raise StepFailed("the face sheet is not a PDF")

    monkeypatch.setattr(SelfTest, "render_report", broken_render)
    out = io.StringIO()
    code = SelfTest(out).run()
    text = out.getvalue()
    assert code == 1
    assert "FAILED  report rendered: StepFailed: the face sheet is not a PDF" in text
    assert text.splitlines()[-1].startswith("self-test FAILED")
    assert "report printed" not in text  # later steps do not run
    assert created and not created[0].exists(), "the temporary home is removed after a failure"
    # The environment is put back as it was.
    assert os.environ["CARELINK_HOME"] == str(carelink_dirs["home"])
