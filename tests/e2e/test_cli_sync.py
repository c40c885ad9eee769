"""The real ``carelink`` command (in a subprocess) syncing two encrypted homes in tmp_path, set
up with ``sync setup``, ``sync add-pc`` and ``sync join``: ``export`` and ``import`` carry the
changes across and ``sync status`` shows them waiting and then gone; ``import --dry-run``,
importing a file twice and a file of random bytes change nothing; only managers may sync; with
two partners ``export`` must be told which; conflicts are listed; a removed PC is not exported to;
the demo makes a second, enrolled PC.

A login writes an audit entry and this PC's last-login time (which never travels), so "nothing
changed" here means: every synced record, the sync bookkeeping, and no audit entry but the
login's, read straight from the database without logging in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, text

from carelink_desktop.domain.roles import Role
from carelink_desktop.paths import HomePaths
from carelink_desktop.services import sync
from carelink_desktop.services.access import unlock
from carelink_desktop.services.accounts import add_account
from carelink_desktop.services.residents import (
    admit_resident,
    find_residents,
    update_resident,
    view_resident,
)
from carelink_desktop.storage import home_store
from carelink_desktop.sync import records
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, resident
from tests.integration.sync_helpers import join

SECOND = "nadia"
SECOND_PASSWORD = "Another horse 2"
CODE = re.compile(r"\b[A-Z2-9]{5}(?:-[A-Z2-9]{5}){3}\b")
EXPORTED = re.compile(
    r"^Exported (\d[\d,]*) records? \((changes since \d\d/\d\d/\d{4} \d\d:\d\d|everything|"
    r"changes not sent before)\) for (.+) to (.+)\.$",
    re.MULTILINE,
)
ALREADY = re.compile(
    r"^This file was already imported on \d\d/\d\d/\d{4} at \d\d:\d\d: nothing was changed\.$", re.MULTILINE
)


@dataclass(frozen=True)
class Pair:
    """Two PCs of one organisation: ``a`` (amira's, "Office upstairs") and ``b`` (set up from
    an invitation as "Downstairs office", where nadia is the manager), and their logins."""

    a: Path
    b: Path
    tmp: Path
    a_login: tuple[str, str] = (MANAGER, MANAGER_PASSWORD)
    b_login: tuple[str, str] = (SECOND, SECOND_PASSWORD)

    def login(self, folder: Path) -> tuple[str, str]:
        return self.a_login if folder == self.a else self.b_login


def as_manager(cli, pair: Pair, folder: Path, *args: str):  # type: ignore[no-untyped-def]
    user, password = pair.login(folder)
    return cli(*args, "--user", user, "--password-stdin", input=password + "\n", home=folder)


def add_pc(cli, folder: Path, name: str, invitation: Path, *extra: str) -> str:  # type: ignore[no-untyped-def]
    """``sync add-pc`` on ``folder`` (amira's); returns the code it shows."""
    made = cli(
        "sync",
        "add-pc",
        name,
        "--invitation",
        str(invitation),
        *extra,
        "--user",
        MANAGER,
        "--password-stdin",
        input=MANAGER_PASSWORD + "\n",
        home=folder,
    )
    assert made.code == 0, made.err
    codes = CODE.findall(made.out)
    assert len(codes) == 1, made.out
    assert "sync join --invitation" in made.out and invitation.is_file()
    return str(codes[0])


@pytest.fixture
def pair(manager, tmp_path: Path) -> Pair:  # type: ignore[no-untyped-def]
    """The two PCs set up through the services (quicker; ``cli_pair`` does it with the CLI)."""
    p = Pair(manager.store.paths.root, tmp_path / "downstairs", tmp_path)
    sync.set_up_sync(manager, label="Office upstairs")
    joined = join(
        manager, p.b, "Downstairs office", username=SECOND, full_name="Nadia Patel", password=SECOND_PASSWORD
    )
    joined.close()
    manager.close()
    return p


@pytest.fixture
def cli_pair(created_home, cli, tmp_path: Path) -> Pair:  # type: ignore[no-untyped-def]
    """The two PCs set up with ``sync setup``, ``sync add-pc`` and ``sync join``."""
    a = created_home[0].root
    p = Pair(a, tmp_path / "downstairs", tmp_path)
    setup = as_manager(cli, p, a, "sync", "setup", "--name", "Office upstairs")
    assert setup.code == 0, setup.err
    assert "This PC is called Office upstairs" in setup.out
    invitation = tmp_path / "downstairs.clinvite"
    code = add_pc(cli, a, "Downstairs office", invitation)
    joined = cli(
        "sync",
        "join",
        "--invitation",
        str(invitation),
        "--user",
        SECOND,
        "--full-name",
        "Nadia Patel",
        "--password-stdin",
        input=f"{code.lower()}\n{SECOND_PASSWORD}\n",  # the code in any case
        home=p.b,
    )
    assert joined.code == 0, joined.err
    assert "This PC (Downstairs office) is set up" in joined.out
    assert "RECOVERY KEY (shown once)" in joined.out
    return p


# -- reading a home without logging in ------------------------------------------------------------


@contextmanager
def database(folder: Path, user: str, password: str) -> Iterator[Connection]:
    """The home's database, opened with ``user``'s key slot but without a login (which would
    stamp the account and write an audit entry)."""
    paths = HomePaths(folder)
    keyslots = home_store.load_keyslots(paths)
    store = home_store.open_unlocked(paths, keyslots, keyslots.unlock_with_password(user, password, FAST_KDF))
    try:
        with store.engine.connect() as conn:
            yield conn
    finally:
        store.close()


def state(pair: Pair, folder: Path) -> dict[str, Any]:
    """What an import may change: the synced records, the sync bookkeeping, and the audit log
    (but its logins)."""
    user, password = pair.login(folder)
    with database(folder, user, password) as conn:
        found: dict[str, Any] = {"records": records.canonical_dump(conn)}
        for table in ("sync_file", "sync_partner", "sync_conflict"):
            found[table] = [list(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]
        found["audit"] = [
            r[0]
            for r in conn.execute(text("SELECT action FROM audit_entry WHERE action != 'login' ORDER BY seq"))
        ]
    return found


def status(cli, pair: Pair, folder: Path) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = as_manager(cli, pair, folder, "sync", "status", "--json")
    assert result.code == 0, result.err
    found: dict[str, Any] = json.loads(result.out)[0]
    return found


def partner(found: dict[str, Any], label: str) -> dict[str, Any]:
    rows: list[dict[str, Any]] = [p for p in found["partners"] if p["label"] == label]
    assert len(rows) == 1, found
    return rows[0]


def admit(folder: Path, state_dir: Path, *names: str) -> list[str]:
    ws = unlock(HomePaths(folder), MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    try:
        return [admit_resident(ws, resident(name, "Sync", room=str(i))).id for i, name in enumerate(names, 1)]
    finally:
        ws.close()


def resident_names(cli, pair: Pair, folder: Path) -> set[str]:  # type: ignore[no-untyped-def]
    listed = as_manager(cli, pair, folder, "residents", "list", "--json")
    assert listed.code == 0, listed.err
    return {r["display_name"] for r in json.loads(listed.out)}


# -- tests ----------------------------------------------------------------------------------------


def test_export_and_import_carry_changes_both_ways_and_empty_the_waiting_count(  # type: ignore[no-untyped-def]
    cli_pair, cli, state_dir
) -> None:
    pair = cli_pair
    admit(pair.a, state_dir, "Alice", "Bernard", "Cecily")
    before = status(cli, pair, pair.a)
    assert before["set_up"] is True and before["site_label"] == "Office upstairs"
    down = partner(before, "Downstairs office")
    assert down["kind"] == "pc" and down["last_import_at"] is None
    assert down["waiting"] == 3  # the three residents (a login is not a change to send)

    to_b = pair.tmp / "up.clsync"
    exported = as_manager(cli, pair, pair.a, "export", "--to", str(to_b))  # the only partner
    assert exported.code == 0, exported.err
    count, since, label, where = EXPORTED.search(exported.out).groups()  # type: ignore[union-attr]
    assert int(count) == down["waiting"] and since.startswith("changes since ")
    assert (label, where) == ("Downstairs office", str(to_b)) and to_b.is_file()
    assert "3 residents" in exported.out

    imported = as_manager(cli, pair, pair.b, "import", str(to_b))
    assert imported.code == 0, imported.err
    assert "Sync file from Office upstairs, made " in imported.out
    assert re.search(r"^Residents\s+3\s+0\s+0\s+0$", imported.out, re.MULTILINE), imported.out
    assert "Imported: " in imported.out and "Dry run" not in imported.out
    assert {"Alice Sync", "Bernard Sync", "Cecily Sync"} <= resident_names(cli, pair, pair.b)

    after = partner(status(cli, pair, pair.a), "Downstairs office")
    assert after["waiting"] == 0 and after["last_export_at"] is not None
    on_b = partner(status(cli, pair, pair.b), "Office upstairs")
    assert on_b["last_import_at"] is not None
    assert on_b["waiting"] >= 1  # nadia's account, made on b, has not reached a yet

    to_a = pair.tmp / "down.clsync"
    back = as_manager(cli, pair, pair.b, "export", "--to", str(to_a))
    assert back.code == 0, back.err
    assert as_manager(cli, pair, pair.a, "import", str(to_a)).code == 0
    assert partner(status(cli, pair, pair.b), "Office upstairs")["waiting"] == 0
    accounts = as_manager(cli, pair, pair.a, "users", "list", "--json")
    assert SECOND in {u["username"] for u in json.loads(accounts.out)}
    # Both PCs now hold the same records.
    with database(pair.a, MANAGER, MANAGER_PASSWORD) as conn:
        on_a = records.canonical_dump(conn)
    with database(pair.b, SECOND, SECOND_PASSWORD) as conn:
        on_b_dump = records.canonical_dump(conn)
    assert on_a == on_b_dump


def test_a_dry_run_changes_nothing_and_the_file_still_imports(pair, cli, state_dir) -> None:  # type: ignore[no-untyped-def]
    admit(pair.a, state_dir, "Dora")
    sync_file = pair.tmp / "up.clsync"
    assert as_manager(cli, pair, pair.a, "export", "--to", str(sync_file)).code == 0
    before = state(pair, pair.b)

    dry = as_manager(cli, pair, pair.b, "import", str(sync_file), "--dry-run")
    assert dry.code == 0, dry.err
    assert re.search(r"^Residents\s+1\s+0\s+0\s+0$", dry.out, re.MULTILINE), dry.out
    assert dry.out.rstrip().endswith("Dry run: nothing was changed.")
    assert state(pair, pair.b) == before
    assert "Dora Sync" not in resident_names(cli, pair, pair.b)

    real = as_manager(cli, pair, pair.b, "import", str(sync_file))
    assert real.code == 0 and "Dry run" not in real.out
    assert re.search(r"^Residents\s+1\s+0\s+0\s+0$", real.out, re.MULTILINE), real.out
    after = state(pair, pair.b)
    assert after != before and after["audit"][-1] == "sync_imported"
    assert "Dora Sync" in resident_names(cli, pair, pair.b)


def test_importing_a_file_twice_says_so_and_changes_nothing(pair, cli, state_dir) -> None:  # type: ignore[no-untyped-def]
    admit(pair.a, state_dir, "Edith")
    sync_file = pair.tmp / "up.clsync"
    assert as_manager(cli, pair, pair.a, "export", "--to", str(sync_file)).code == 0
    assert as_manager(cli, pair, pair.b, "import", str(sync_file)).code == 0
    before = state(pair, pair.b)

    for extra in ((), ("--dry-run",)):
        again = as_manager(cli, pair, pair.b, "import", str(sync_file), *extra)
        assert again.code == 0, again.err
        assert ALREADY.search(again.out) and "Kind" not in again.out, again.out
    copy = pair.tmp / "copy of up.clsync"  # the same file under another name
    copy.write_bytes(sync_file.read_bytes())
    assert ALREADY.search(as_manager(cli, pair, pair.b, "import", str(copy)).out)
    assert state(pair, pair.b) == before


def test_a_file_of_random_bytes_is_refused_with_exit_code_8(pair, cli) -> None:  # type: ignore[no-untyped-def]
    junk = pair.tmp / "junk.clsync"
    junk.write_bytes(bytes(range(256)) * 40)
    before = state(pair, pair.b)
    refused = as_manager(cli, pair, pair.b, "import", str(junk))
    assert refused.code == 8 and refused.out == ""
    assert refused.err.startswith("carelink: ") and refused.err.rstrip().endswith("Nothing was imported.")
    assert state(pair, pair.b) == before

    missing = as_manager(cli, pair, pair.b, "import", str(pair.tmp / "nowhere.clsync"))
    assert missing.code == 8 and "There is no file at" in missing.err


def test_a_file_made_here_or_for_no_organisation_is_refused(pair, cli) -> None:  # type: ignore[no-untyped-def]
    own = pair.tmp / "own.clsync"
    assert as_manager(cli, pair, pair.a, "export", "--to", str(own)).code == 0
    refused = as_manager(cli, pair, pair.a, "import", str(own))
    assert refused.code == 8 and "made on this PC" in refused.err


KEYWORKER_REFUSED = (
    ("export", "--to", "{tmp}/kw.clsync"),
    ("import", "{tmp}/up.clsync"),
    ("sync", "status"),
    ("sync", "conflicts"),
    ("sync", "setup", "--name", "Attic"),
    ("sync", "add-pc", "Attic", "--invitation", "{tmp}/attic.clinvite"),
    ("sync", "remove-pc", "Downstairs office"),
)


def test_keyworkers_cannot_sync(pair, cli, state_dir) -> None:  # type: ignore[no-untyped-def]
    assert as_manager(cli, pair, pair.a, "export", "--to", str(pair.tmp / "up.clsync")).code == 0
    ws = unlock(HomePaths(pair.a), MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    try:
        add_account(
            ws, username="bea", full_name="Bea Test", role=Role.KEYWORKER, initial_password="Temp pw 123"
        )
    finally:
        ws.close()
    before = state(pair, pair.a)
    for command in KEYWORKER_REFUSED:
        args = [part.format(tmp=pair.tmp) for part in command]
        refused = cli(*args, "--user", "bea", "--password-stdin", input="Temp pw 123\n", home=pair.a)
        assert refused.code == 3, (command, refused.err)
        assert refused.err.startswith("carelink: Keyworkers cannot") and refused.out == "", command
    assert not (pair.tmp / "kw.clsync").exists() and not (pair.tmp / "attic.clinvite").exists()
    assert state(pair, pair.a) == before


def test_with_two_partners_export_must_be_told_which(pair, cli) -> None:  # type: ignore[no-untyped-def]
    add_pc(cli, pair.a, "Head office", pair.tmp / "head.clinvite", "--head-office")
    target = pair.tmp / "out.clsync"
    unsaid = as_manager(cli, pair, pair.a, "export", "--to", str(target))
    assert unsaid.code == 64 and not target.exists()
    assert "--partner" in unsaid.err and "'Downstairs office'" in unsaid.err and "'Head office'" in unsaid.err

    unknown = as_manager(cli, pair, pair.a, "export", "--to", str(target), "--partner", "Garden shed")
    assert unknown.code == 4 and "Garden shed" in unknown.err and not target.exists()

    said = as_manager(cli, pair, pair.a, "export", "--to", str(target), "--partner", "head OFFICE", "--full")
    assert said.code == 0, said.err
    count, since, label, _where = EXPORTED.search(said.out).groups()  # type: ignore[union-attr]
    assert (since, label) == ("everything", "Head office") and int(count) > 0

    found = status(cli, pair, pair.a)
    head = partner(found, "Head office")
    assert head["kind"] == "head_office"
    by_id = as_manager(cli, pair, pair.a, "export", "--to", str(target), "--partner", head["site_id"])
    assert by_id.code == 0 and "for Head office" in by_id.out
    text_status = as_manager(cli, pair, pair.a, "sync", "status")
    assert "Head office" in text_status.out and "Downstairs office" in text_status.out


def test_a_removed_pc_is_not_exported_to(pair, cli) -> None:  # type: ignore[no-untyped-def]
    removed = as_manager(cli, pair, pair.a, "sync", "remove-pc", "downstairs office")
    assert removed.code == 0, removed.err
    assert "Removed Downstairs office" in removed.out
    assert partner(status(cli, pair, pair.a), "Downstairs office")["removed"] is True
    assert "Downstairs office (removed)" in as_manager(cli, pair, pair.a, "sync", "status").out
    export = as_manager(cli, pair, pair.a, "export", "--to", str(pair.tmp / "x.clsync"))
    assert export.code == 64 and "No other PC" in export.err


def test_edits_made_apart_are_listed_as_conflicts(pair, cli, state_dir) -> None:  # type: ignore[no-untyped-def]
    (rid,) = admit(pair.a, state_dir, "Flora")
    first = pair.tmp / "first.clsync"
    assert as_manager(cli, pair, pair.a, "export", "--to", str(first)).code == 0
    assert as_manager(cli, pair, pair.b, "import", str(first)).code == 0
    for folder, words in ((pair.a, "Loves the garden."), (pair.b, "Prefers the quiet lounge.")):
        user, password = pair.login(folder)
        ws = unlock(HomePaths(folder), user, password, state_dir=state_dir, kdf=FAST_KDF)
        try:
            details = view_resident(ws, rid).details
            update_resident(ws, rid, replace(details, notes=words))
        finally:
            ws.close()
    second = pair.tmp / "second.clsync"
    assert as_manager(cli, pair, pair.a, "export", "--to", str(second)).code == 0
    imported = as_manager(cli, pair, pair.b, "import", str(second))
    assert imported.code == 0, imported.err
    assert re.search(r"^Residents\s+0\s+\d+\s+0\s+1$", imported.out, re.MULTILINE), imported.out
    assert "changed apart on both PCs" in imported.out

    listed = as_manager(cli, pair, pair.b, "sync", "conflicts")
    assert listed.code == 0, listed.err
    assert "Flora Sync (resident): Notes" in listed.out
    assert "Loves the garden." in listed.out and "Prefers the quiet lounge." in listed.out
    assert listed.out.rstrip().endswith("1 open conflict: settle them in the Sync area.")
    assert status(cli, pair, pair.b)["open_conflicts"] == 1


def test_join_refuses_a_wrong_code_and_a_folder_that_is_already_a_home(pair, cli) -> None:  # type: ignore[no-untyped-def]
    invitation = pair.tmp / "attic.clinvite"
    add_pc(cli, pair.a, "Attic", invitation)
    target = pair.tmp / "attic"
    wrong = cli(
        "sync",
        "join",
        "--invitation",
        str(invitation),
        "--user",
        MANAGER,
        "--password-stdin",
        input=f"AAAAA-BBBBB-CCCCC-DDDDD\n{SECOND_PASSWORD}\n",
        home=target,
    )
    assert wrong.code == 2 and "code does not open" in wrong.err
    assert not HomePaths(target).exists() and not HomePaths(target).database.exists()
    taken = cli(
        "sync", "join", "--invitation", str(invitation), "--user", MANAGER, "--password-stdin", home=pair.b
    )
    assert taken.code == 4 and "already exists" in taken.err


def test_the_same_manager_logging_in_on_both_pcs_makes_no_conflict(created_home, cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A login is each PC's own fact: it is not a change to send, so nothing waits and nothing
    conflicts."""
    a, b = created_home[0].root, tmp_path / "b"
    assert as_manager(cli, Pair(a, b, tmp_path), a, "sync", "setup").code == 0
    code = add_pc(cli, a, "Downstairs office", tmp_path / "b.clinvite")
    joined = cli(
        "sync",
        "join",
        "--invitation",
        str(tmp_path / "b.clinvite"),
        "--user",
        MANAGER,
        "--password-stdin",
        input=f"{code}\n{MANAGER_PASSWORD}\n",
        home=b,
    )
    assert joined.code == 0, joined.err
    same = Pair(a, b, tmp_path, b_login=(MANAGER, MANAGER_PASSWORD))
    assert as_manager(cli, same, a, "export", "--to", str(tmp_path / "f.clsync")).code == 0
    imported = as_manager(cli, same, b, "import", str(tmp_path / "f.clsync"))
    assert imported.code == 0, imported.err
    assert status(cli, same, b)["open_conflicts"] == 0, imported.out
    assert "changes made since its last file to this PC: 0 records" in imported.out, imported.out


@pytest.mark.slow
def test_the_demo_makes_a_second_enrolled_pc(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "demo", tmp_path / "demo pc 2"
    password = "Demo password 1"
    made = cli(
        "demo",
        "--residents",
        "4",
        "--second-pc",
        str(second),
        "--password-stdin",
        input=password + "\n",
        home=first,
    )
    assert made.code == 0, made.err
    assert "Created a demo home" in made.out and "Demo PC 2" in made.out
    assert f'--home "{second}" import changes.clsync' in made.out

    demo = Pair(first, second, tmp_path, ("demo", password), ("demo", password))
    ws = unlock(HomePaths(first), "demo", password, state_dir=tmp_path / "state", kdf=FAST_KDF)
    try:
        someone = find_residents(ws)[0]
        details = view_resident(ws, someone.id).details
        update_resident(ws, someone.id, replace(details, room="Garden 9"))
    finally:
        ws.close()
    target = tmp_path / "changes.clsync"
    exported = as_manager(cli, demo, first, "export", "--to", str(target), "--partner", "Demo PC 2")
    assert exported.code == 0, exported.err
    imported = as_manager(cli, demo, second, "import", str(target))
    assert imported.code == 0, imported.err
    listed = as_manager(cli, demo, second, "residents", "list", "--json")
    rooms = {r["id"]: r["room"] for r in json.loads(listed.out)}
    assert rooms[someone.id] == "Garden 9"

    # Run again on the same demo home: a third PC, with the next free name.
    third = cli(
        "demo", "--second-pc", str(tmp_path / "third"), "--password-stdin", input=password + "\n", home=first
    )
    assert third.code == 0, third.err
    assert "Demo PC 3" in third.out and "Created a demo home" not in third.out
    again = cli("demo", "--second-pc", str(second), "--password-stdin", input=password + "\n", home=first)
    assert again.code == 4 and "already exists" in again.err


def test_sync_status_before_set_up_and_help_for_join(created_home, cli) -> None:  # type: ignore[no-untyped-def]
    home = created_home[0].root
    shown = cli(
        "sync", "status", "--user", MANAGER, "--password-stdin", input=MANAGER_PASSWORD + "\n", home=home
    )
    assert shown.code == 0 and "Sync is not set up on this PC" in shown.out
    export = cli(
        "export",
        "--to",
        str(home.parent / "x.clsync"),
        "--user",
        MANAGER,
        "--password-stdin",
        input=MANAGER_PASSWORD + "\n",
        home=home,
    )
    assert export.code == 64 and "carelink sync setup" in export.err
    helped = cli("sync", "join", "--help")
    assert helped.code == 0 and "the code first, then the password" in " ".join(helped.out.split())
