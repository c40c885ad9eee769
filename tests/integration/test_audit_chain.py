"""Must hold: the audit log is append-only (the database refuses changes) and any alteration or
deletion made behind its back is named by ``carelink verify``; every write is audited."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from carelink_desktop.domain.errors import AuthenticationError
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.paths import HomePaths
from carelink_desktop.services.access import unlock
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.maintenance import audit_entries, verify_home
from carelink_desktop.services.residents import admit_resident, update_resident, view_resident
from carelink_desktop.storage.engine import raw_connect
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, resident

VERIFY_FAILED = 1


@pytest.fixture
def audited_home(manager, home: HomePaths) -> tuple[HomePaths, bytes, int]:
    """A closed home with a few audit entries; returns the paths, the key and the last seq."""
    admitted = admit_resident(manager, resident())
    view_resident(manager, admitted.id)
    admit_resident(manager, resident("Tomasz", "Nowak"))
    key = manager.store.database_key
    manager.close()
    with _raw(home, key) as conn:
        last = conn.execute("SELECT max(seq) FROM audit_entry").fetchone()[0]
    assert last >= 6
    return home, key, int(last)


@contextmanager
def _raw(home: HomePaths, key: bytes) -> Iterator[Any]:
    conn = raw_connect(home.database, key)
    try:
        yield conn
        conn.commit()
    finally:
        conn.close()


def _drop_guards(conn: Any) -> None:
    conn.execute("DROP TRIGGER audit_entry_no_update")
    conn.execute("DROP TRIGGER audit_entry_no_delete")


def _verify(cli) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    result = cli("verify", "--user", MANAGER, "--password-stdin", input=MANAGER_PASSWORD + "\n")
    assert "Traceback" not in result.err
    return result.code, result.out + result.err


def _audit_line(output: str) -> str:
    lines = [ln for ln in output.splitlines() if re.match(r"^\s*(ok|FAIL)\s+audit\b", ln)]
    assert len(lines) == 1, output
    return lines[0]


def test_an_untouched_log_verifies(audited_home, cli) -> None:
    code, output = _verify(cli)
    assert code == 0, output
    assert _audit_line(output).startswith("ok")


def test_the_database_refuses_to_change_or_delete_audit_entries(audited_home) -> None:
    home, key, _ = audited_home
    with _raw(home, key) as conn:
        with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit_entry SET action = 'nothing' WHERE seq = 2")
        with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM audit_entry WHERE seq = 2")
        conn.rollback()
        assert conn.execute("SELECT action FROM audit_entry WHERE seq = 2").fetchone()[0] != "nothing"


def _alter(home: HomePaths, key: bytes, column: str, value: str) -> None:
    with _raw(home, key) as conn:
        _drop_guards(conn)
        conn.execute(f"UPDATE audit_entry SET {column} = ? WHERE seq = 4", (value,))


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("details", '{"fields": ["nothing to see"]}'),
        ("actor_name", "someone.else"),
        ("action", "resident_viewed"),
        ("at", "2020-01-01 00:00:00.000000"),
    ],
)
def test_an_altered_entry_is_found_by_the_services(
    audited_home, state_dir: Path, column: str, value: str
) -> None:
    home, key, _ = audited_home
    _alter(home, key, column, value)
    ws = unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    try:
        report = verify_home(ws)
    finally:
        ws.close()
    assert not report.ok
    failed = [(name, detail) for name, passed, detail in report.checks if not passed]
    assert len(failed) == 1 and failed[0][0] == "audit"
    assert re.search(r"\bentry 4\b", failed[0][1]) and "altered" in failed[0][1]


def test_an_altered_entry_is_named_by_verify(audited_home, cli) -> None:
    home, key, _ = audited_home
    _alter(home, key, "details", '{"fields": ["nothing to see"]}')
    code, output = _verify(cli)
    assert code == VERIFY_FAILED
    line = _audit_line(output)
    assert line.startswith("FAIL")
    assert re.search(r"\bentry 4\b", line), line
    assert "altered" in line
    assert not re.search(r"\bentry [1-35-9]\d*\b", line), "only entry 4 was altered"


def test_an_altered_entry_with_a_recomputed_hash_breaks_the_next_link(audited_home, cli) -> None:
    """Whoever alters an entry and fixes up its own hash is still caught by the entry after."""
    from sqlalchemy.orm import Session

    from carelink_desktop.storage.audit import entry_hash
    from carelink_desktop.storage.engine import make_engine
    from carelink_desktop.storage.tables import AuditRow

    home, key, _ = audited_home
    engine = make_engine(home.database, key)
    try:
        with Session(engine) as session:
            row = session.get(AuditRow, 3)
            assert row is not None
            row.actor_name = "someone.else"
            new_hash = entry_hash(row)
            session.rollback()
    finally:
        engine.dispose()
    with _raw(home, key) as conn:
        _drop_guards(conn)
        conn.execute(
            "UPDATE audit_entry SET actor_name = 'someone.else', hash = ? WHERE seq = 3", (new_hash,)
        )
    code, output = _verify(cli)
    assert code == VERIFY_FAILED
    assert re.search(r"\bentry 4\b", _audit_line(output))


def test_a_deleted_middle_entry_is_named_as_missing(audited_home, cli) -> None:
    home, key, _ = audited_home
    with _raw(home, key) as conn:
        _drop_guards(conn)
        conn.execute("DELETE FROM audit_entry WHERE seq = 3")
    code, output = _verify(cli)
    assert code == VERIFY_FAILED
    line = _audit_line(output)
    assert re.search(r"\bentry 3\b", line) and "missing" in line, line


def test_a_deleted_last_entry_is_detected(audited_home, cli) -> None:
    home, key, last = audited_home
    with _raw(home, key) as conn:
        _drop_guards(conn)
        conn.execute("DELETE FROM audit_entry WHERE seq = ?", (last,))
    code, output = _verify(cli)
    assert code == VERIFY_FAILED
    line = _audit_line(output)
    assert line.startswith("FAIL") and "missing" in line
    assert str(last) in line


def test_deleting_the_last_two_entries_is_named_as_a_range(audited_home, state_dir: Path) -> None:
    home, key, last = audited_home
    with _raw(home, key) as conn:
        _drop_guards(conn)
        conn.execute("DELETE FROM audit_entry WHERE seq IN (?, ?)", (last - 1, last))
    ws = unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    try:
        report = verify_home(ws)
    finally:
        ws.close()
    assert not report.ok
    audit = next(detail for name, passed, detail in report.checks if name == "audit" and not passed)
    assert f"entries {last - 1} to {last}" in audit


# -- every write is audited -----------------------------------------------------------------


def test_every_write_adds_an_audit_entry(manager, home: HomePaths, state_dir: Path) -> None:
    def newest() -> list[tuple[int, str, str | None]]:
        return [(e.seq, e.action, e.resident_id) for e in audit_entries(manager, limit=1000)]

    start = newest()
    assert start[0][1] == "login"
    top = start[0][0]

    admitted = admit_resident(manager, resident())
    assert newest()[0] == (top + 1, "resident_added", admitted.id)

    update_resident(manager, admitted.id, resident(room="14"))
    entries = audit_entries(manager, limit=1)
    assert (entries[0].seq, entries[0].action, entries[0].resident_id) == (
        top + 2,
        "resident_changed",
        admitted.id,
    )
    assert "room" in entries[0].details
    assert "14" not in entries[0].details.replace("room", "")  # names fields, not their contents

    view_resident(manager, admitted.id)
    assert newest()[0] == (top + 3, "resident_viewed", admitted.id)

    update_resident(manager, admitted.id, resident(room="14"))  # no change: nothing to audit
    assert newest()[0][0] == top + 3

    add_key_person(manager, KeyPersonDetails(given_names="Duncan", family_name="Ferrier"))
    assert newest()[0][:2] == (top + 4, "key_person_added")

    second = unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    second.close()
    assert newest()[0][:2] == (top + 5, "login")
    assert [seq for seq, _, _ in newest()] == list(range(top + 5, 0, -1))
    assert verify_home(manager).ok


def test_failed_logins_are_audited_at_the_next_login(created_home, state_dir: Path) -> None:
    home, _ = created_home
    for _ in range(2):
        with pytest.raises(AuthenticationError, match="Wrong username or password"):
            unlock(home, "nobody", "Wrong horse 1", state_dir=state_dir, kdf=FAST_KDF)
    ws = unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    try:
        actions = [e.action for e in reversed(audit_entries(ws))]
        assert actions[-3:] == ["login_failed", "login_failed", "login"]
        failed = [e for e in audit_entries(ws) if e.action == "login_failed"]
        assert all(e.actor_name == "(not logged in)" for e in failed)
    finally:
        ws.close()
    ws = unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    try:  # moved into the log once, not again at every login
        assert [e.action for e in audit_entries(ws)].count("login_failed") == 2
    finally:
        ws.close()
