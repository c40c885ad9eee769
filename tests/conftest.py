"""Shared fixtures. Every test gets its own CareLink folders under tmp_path (never the real
user folders) and a fast Argon2id setting that still uses the required 64 MiB."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from carelink_desktop.domain.residents import ResidentDetails
from carelink_desktop.paths import HomePaths
from carelink_desktop.storage.keyslots import KdfParams

# Set before pytest-qt's session-wide QApplication exists: tests never need a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FAST_KDF = KdfParams(memory_kib=65536, iterations=1, lanes=1)
MANAGER = "amira"
MANAGER_PASSWORD = "Correct horse 1"
HOME_NAME = "Rosewood House"


@pytest.fixture(autouse=True)
def carelink_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    dirs = {name: tmp_path / name for name in ("home", "state", "config")}
    dirs["config"].mkdir()
    (dirs["config"] / "settings.json").write_text(
        json.dumps(
            {
                "kdf_memory_kib": FAST_KDF.memory_kib,
                "kdf_iterations": FAST_KDF.iterations,
                "kdf_lanes": FAST_KDF.lanes,
            }
        )
    )
    monkeypatch.setenv("CARELINK_HOME", str(dirs["home"]))
    monkeypatch.setenv("CARELINK_STATE_DIR", str(dirs["state"]))
    monkeypatch.setenv("CARELINK_CONFIG_DIR", str(dirs["config"]))
    return dirs


@pytest.fixture
def home(carelink_dirs: dict[str, Path]) -> HomePaths:
    return HomePaths(carelink_dirs["home"])


@pytest.fixture
def state_dir(carelink_dirs: dict[str, Path]) -> Path:
    return carelink_dirs["state"]


@pytest.fixture
def created_home(home: HomePaths) -> Iterator[tuple[HomePaths, str]]:
    """A new home with manager ``amira``; yields the paths and the recovery key."""
    from carelink_desktop.services.access import create_home

    ws, recovery = create_home(
        home,
        home_name=HOME_NAME,
        manager_username=MANAGER,
        manager_full_name="Amira Khan",
        password=MANAGER_PASSWORD,
        kdf=FAST_KDF,
    )
    ws.close()
    yield home, recovery


@pytest.fixture
def manager(created_home: tuple[HomePaths, str], state_dir: Path):  # type: ignore[no-untyped-def]
    """The manager's workspace on a new home."""
    from carelink_desktop.services.access import unlock

    ws = unlock(created_home[0], MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    yield ws
    ws.close()


def resident(given: str = "Margaret", family: str = "Jones", **extra: object) -> ResidentDetails:
    """A valid resident's details, with any field overridden."""
    base: dict[str, object] = {
        "legal_given_names": given,
        "legal_family_name": family,
        "date_of_birth": date(1938, 4, 12),
        "room": "12",
        "admission_date": date(2024, 1, 8),
    }
    base.update(extra)
    return ResidentDetails(**base)  # type: ignore[arg-type]


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(carelink_dirs: dict[str, Path]):  # type: ignore[no-untyped-def]
    """Run the real ``carelink`` command in a subprocess: cli("verify", "--user", "x", input="pw\\n")."""

    def run(*args: str, input: str = "", home: Path | None = None) -> CliResult:
        cmd = [
            sys.executable,
            "-m",
            "carelink_desktop.cli",
            "--home",
            str(home or carelink_dirs["home"]),
            *args,
        ]
        env = dict(os.environ)
        proc = subprocess.run(
            cmd, input=input, capture_output=True, text=True, env=env, timeout=120, check=False
        )
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    return run


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, for byte-identical checks."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def staff_workspace(manager, created_home, state_dir):  # type: ignore[no-untyped-def]
    """Log in as a new member of staff with a role: staff_workspace(Role.KEYWORKER, "bea")."""
    from carelink_desktop.services.access import unlock
    from carelink_desktop.services.accounts import add_account

    opened = []

    def make(role, username: str, full_name: str = ""):  # type: ignore[no-untyped-def]
        password = "Temporary pw 99"
        add_account(
            manager,
            username=username,
            full_name=full_name or username.capitalize() + " Test",
            role=role,
            initial_password=password,
        )
        ws = unlock(created_home[0], username, password, state_dir=state_dir, kdf=FAST_KDF)
        opened.append(ws)
        return ws

    yield make
    for ws in opened:
        ws.close()
