"""A kill during import leaves the database as it was before the import.

A sync file of many thousand records is imported with the real ``carelink import`` in a
subprocess; once the import is writing (the database's ``-wal`` file has grown far past what a
login writes) the process is killed with SIGKILL. The home must then open, pass ``carelink
verify``, hold exactly what it held before (every record but the logged-in account's login stamp,
the sync bookkeeping, the audit log but its logins), and import the same file in full.

If the import finished before the kill could land, the test tries again with a file four times
bigger, and fails saying so rather than passing without having killed anything.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.paths import HomePaths
from carelink_desktop.services import sync
from carelink_desktop.services.access import create_home
from carelink_desktop.services.key_people import add_key_people
from carelink_desktop.services.residents import admit_residents
from carelink_desktop.sync import records
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, resident
from tests.e2e.test_cli_sync import SECOND, SECOND_PASSWORD, Pair, database, state
from tests.integration.sync_helpers import join

pytestmark = pytest.mark.slow

#: Residents in the first try (and twice as many key people); each retry has four times more.
SIZES = (5000, 20000)
#: A login writes a few dozen KiB to the write-ahead log; an import of thousands of records,
#: megabytes. Past this size the import's transaction is under way.
WRITING = 512 * 1024
GIVE_UP_SECONDS = 300


def _build(folder: Path, residents: int) -> tuple[Pair, Path]:
    """Two PCs (``a`` amira's, ``b`` nadia's) and a file from ``a`` for ``b`` holding
    ``residents`` residents and twice as many key people, none of them on ``b`` yet."""
    folder.mkdir()
    pair = Pair(folder / "a", folder / "b", folder)
    a, _ = create_home(
        HomePaths(pair.a),
        home_name="Rosewood House",
        manager_username=MANAGER,
        manager_full_name="Amira Khan",
        password=MANAGER_PASSWORD,
        kdf=FAST_KDF,
    )
    try:
        sync.set_up_sync(a, label="Office upstairs")
        b = join(
            a, pair.b, "Downstairs office", username=SECOND, full_name="Nadia Patel", password=SECOND_PASSWORD
        )
        b.close()
        admit_residents(a, [resident(f"Given{i}", f"Family{i}", room=str(i % 300)) for i in range(residents)])
        add_key_people(a, [KeyPersonDetails(f"Person{i}", f"Family{i}") for i in range(2 * residents)])
        target = folder / "big.clsync"
        exported = sync.export_changes(a, target, to_site=b.site_id)
        assert exported.records == 3 * residents
    finally:
        a.close()
    return pair, target


def _import(pair: Pair, sync_file: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "carelink_desktop.cli", "--home", str(pair.b), "import", str(sync_file)]
    proc = subprocess.Popen(
        [*command, "--user", SECOND, "--password-stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ),
    )
    assert proc.stdin is not None
    proc.stdin.write(f"{SECOND_PASSWORD}\n".encode())
    proc.stdin.close()
    return proc


def _kill_once_writing(proc: subprocess.Popen[bytes], wal: Path) -> bool:
    """SIGKILL the import once the write-ahead log has grown past ``WRITING``; False when it
    finished first."""
    deadline = time.monotonic() + GIVE_UP_SECONDS
    while proc.poll() is None:
        try:
            size = wal.stat().st_size
        except FileNotFoundError:
            size = 0
        if size > WRITING:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
            return True
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait(timeout=60)
            pytest.fail(f"The import wrote nothing for {GIVE_UP_SECONDS} s: {proc.stderr.read()!r}")  # type: ignore[union-attr]
        time.sleep(0.001)
    return False


def _imported_files(pair: Pair) -> int:
    from sqlalchemy import text

    with database(pair.b, SECOND, SECOND_PASSWORD) as conn:
        return int(
            conn.execute(text("SELECT COUNT(*) FROM sync_file WHERE direction = 'import'")).scalar_one()
        )


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_kill_during_import_leaves_the_database_as_it_was(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tries: list[str] = []
    for residents in SIZES:
        pair, sync_file = _build(tmp_path / f"try-{residents}", residents)
        before = state(pair, pair.b)
        imported_before = _imported_files(pair)
        proc = _import(pair, sync_file)
        if not _kill_once_writing(proc, Path(f"{HomePaths(pair.b).database}-wal")):
            tries.append(f"{3 * residents:,} records: the import finished first (exit {proc.returncode})")
            continue
        assert proc.returncode == -signal.SIGKILL
        if _imported_files(pair) != imported_before:
            tries.append(f"{3 * residents:,} records: killed only after the import was committed")
            continue
        break
    else:
        pytest.fail("Could not kill an import while it was writing: " + "; ".join(tries))

    # The killed import left nothing behind: the home opens, passes its checks, holds what it held.
    verified = cli("verify", "--user", SECOND, "--password-stdin", input=SECOND_PASSWORD + "\n", home=pair.b)
    assert verified.code == 0, verified.out + verified.err
    assert state(pair, pair.b) == before

    # ...and the same file then imports in full.
    again = cli(
        "import",
        str(sync_file),
        "--user",
        SECOND,
        "--password-stdin",
        input=SECOND_PASSWORD + "\n",
        home=pair.b,
    )
    assert again.code == 0, again.err
    assert f"Imported: {3 * residents:,} new records, 0 changed records." in again.out
    assert state(pair, pair.b) != before  # what the comparison above would have seen of a part-import
    with database(pair.a, MANAGER, MANAGER_PASSWORD) as conn:
        on_a = records.canonical_dump(conn)
    with database(pair.b, SECOND, SECOND_PASSWORD) as conn:
        on_b = records.canonical_dump(conn)
    for table in ("resident", "key_person"):
        assert len(on_b[table]) >= residents and on_b[table] == on_a[table], table
    twice = cli(
        "import",
        str(sync_file),
        "--user",
        SECOND,
        "--password-stdin",
        input=SECOND_PASSWORD + "\n",
        home=pair.b,
    )
    assert twice.code == 0 and "already imported" in twice.out
