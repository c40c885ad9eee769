"""Must hold: a password change rewrites only that person's key slot; any password a person can
type works (quotes, backslashes, emoji, non-BMP characters, long ones); deactivated accounts
cannot log in; the last manager stays a manager."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from carelink_desktop.domain.errors import AuthenticationError, PermissionDenied
from carelink_desktop.domain.roles import Role
from carelink_desktop.paths import HomePaths
from carelink_desktop.services.access import create_home, recover_with_key, unlock
from carelink_desktop.services.accounts import (
    add_account,
    change_own_password,
    change_role,
    deactivate_account,
    find_account,
    list_accounts,
    reset_password,
)
from carelink_desktop.storage.keyslots import KeySlotFile
from tests.conftest import FAST_KDF, HOME_NAME, MANAGER, MANAGER_PASSWORD

TRICKY_PASSWORDS = [
    'He said "no" \\ it\'s fine',
    "emoji 😀👩‍⚕️ and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \U0010fffd",
    "é" * 8,
    "e\u0301" * 8,  # decomposed accents
    "x" * 120 + "\\\"'😀",
    "  spaces around  ",
    "tab\there\u2028line-sep\u00a0nbsp",
]


def _slots(home: HomePaths) -> dict[str, dict[str, Any]]:
    raw = json.loads(home.keyslots.read_bytes())
    return {s["id"]: s for s in raw["slots"]}


def _header(home: HomePaths) -> dict[str, Any]:
    raw = json.loads(home.keyslots.read_bytes())
    return {k: v for k, v in raw.items() if k != "slots"}


def _slot_id(home: HomePaths, username: str) -> str:
    slot = KeySlotFile.load(home.keyslots).slot_for_user(username)
    assert slot is not None
    return slot.id


def _one_char_different(password: str) -> str:
    return password[:-1] + ("a" if password[-1] != "a" else "b")


def _account(ws, username: str):  # type: ignore[no-untyped-def]
    """The account's view from list_accounts."""
    found = [a for a in list_accounts(ws) if a.username == username]
    assert len(found) == 1
    return found[0]


def _can_log_in(home: HomePaths, state_dir: Path, username: str, password: str) -> bool:
    try:
        ws = unlock(home, username, password, state_dir=state_dir, kdf=FAST_KDF)
    except AuthenticationError:
        return False
    ws.close()
    return True


# -- changing a password --------------------------------------------------------------------


def test_changing_a_password_rewrites_only_that_slot(created_home, manager, state_dir: Path) -> None:
    home, recovery_key = created_home
    add_account(
        manager,
        username="kwame",
        full_name="Kwame Mensah",
        role=Role.KEYWORKER,
        initial_password="Kwame pass 11",
    )
    before, header = _slots(home), _header(home)
    mine = _slot_id(home, MANAGER)
    recovery = next(i for i, s in before.items() if s["kind"] == "recovery")
    assert len(before) == 3

    change_own_password(manager, MANAGER_PASSWORD, "New horse 222")

    after = _slots(home)
    assert after.keys() == before.keys()
    assert _header(home) == header
    for slot_id, slot in before.items():
        if slot_id != mine:
            assert after[slot_id] == slot, f"slot {slot_id} changed"
    assert after[recovery] == before[recovery]
    for part in ("salt", "nonce", "wrapped"):
        assert after[mine][part] != before[mine][part]
    assert after[mine]["lookup"] == before[mine]["lookup"]
    manager.close()

    assert not _can_log_in(home, state_dir, MANAGER, MANAGER_PASSWORD)
    assert _can_log_in(home, state_dir, MANAGER, "New horse 222")
    assert _can_log_in(home, state_dir, "kwame", "Kwame pass 11")
    ws = recover_with_key(home, recovery_key, MANAGER, "Recovered horse 3", kdf=FAST_KDF)
    ws.close()
    assert _can_log_in(home, state_dir, MANAGER, "Recovered horse 3")
    assert not _can_log_in(home, state_dir, MANAGER, "New horse 222")


def test_a_wrong_current_password_changes_nothing(created_home, manager) -> None:
    home, _ = created_home
    before = home.keyslots.read_bytes()
    with pytest.raises(AuthenticationError):
        change_own_password(manager, "Not my password", "New horse 222")
    assert home.keyslots.read_bytes() == before


# -- any password a person can type ---------------------------------------------------------

_typed = st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r")
_specials = st.sampled_from(['"', "'", "\\", "😀", "👩‍⚕️", "\U0001d518", "\U0010fffd", "ß", "\u00a0"])
_base = st.text(alphabet=_typed, min_size=8, max_size=140)
PASSWORDS = st.one_of(
    _base,
    st.builds(lambda base, extra: base + "".join(extra), _base, st.lists(_specials, min_size=1, max_size=6)),
).filter(lambda p: p.strip().lower() != MANAGER)


@settings(max_examples=15, deadline=None)
@given(password=PASSWORDS)
@example(password="quote\" apostrophe' back\\slash")
@example(password="😀\U0001d518" * 4)
@example(password="long " + 'é\\"' * 40)
def test_any_typed_password_opens_the_home_and_a_near_miss_does_not(
    tmp_path_factory: pytest.TempPathFactory, password: str
) -> None:
    root = tmp_path_factory.mktemp("home")
    state = tmp_path_factory.mktemp("state")
    home = HomePaths(root / "home")
    ws, _ = create_home(
        home,
        home_name=HOME_NAME,
        manager_username=MANAGER,
        manager_full_name="Amira Khan",
        password=password,
        kdf=FAST_KDF,
    )
    ws.close()
    assert _can_log_in(home, state, MANAGER, password)
    assert not _can_log_in(home, state, MANAGER, _one_char_different(password))


@pytest.mark.parametrize("password", TRICKY_PASSWORDS)
def test_an_added_account_with_a_tricky_password(
    manager, home: HomePaths, state_dir: Path, password: str
) -> None:
    add_account(
        manager, username="kwame", full_name="Kwame Mensah", role=Role.KEYWORKER, initial_password=password
    )
    assert _can_log_in(home, state_dir, "kwame", password)
    assert not _can_log_in(home, state_dir, "kwame", _one_char_different(password))


def test_the_password_is_exactly_what_was_typed(manager, home: HomePaths, state_dir: Path) -> None:
    """The password is exactly what was typed: no trimming, no case or Unicode folding."""
    add_account(
        manager,
        username="kwame",
        full_name="Kwame Mensah",
        role=Role.KEYWORKER,
        initial_password="  Spaced Café  ",
    )
    assert _can_log_in(home, state_dir, "kwame", "  Spaced Café  ")
    assert not _can_log_in(home, state_dir, "kwame", "Spaced Café")
    assert not _can_log_in(home, state_dir, "kwame", "  spaced café  ")


def test_a_tricky_password_through_the_command_line(cli, tmp_path: Path) -> None:
    password = "Qu\"ote's \\back\\slash 😀 \U0001d518 ü " + "z" * 100
    init = cli(
        "init",
        "--home-name",
        HOME_NAME,
        "--manager",
        MANAGER,
        "--manager-name",
        "Amira Khan",
        "--password-stdin",
        "--recovery-key-file",
        str(tmp_path / "recovery.txt"),
        input=password + "\n",
    )
    assert init.code == 0, init.err
    ok = cli("verify", "--user", MANAGER, "--password-stdin", input=password + "\n")
    assert ok.code == 0, ok.err
    assert "All checks passed" in ok.out
    wrong = cli("verify", "--user", MANAGER, "--password-stdin", input=password[:-1] + "\n")
    assert wrong.code == 2


# -- managers: reset, deactivate, the last manager ------------------------------------------


def test_reset_password_and_deactivate(manager, home: HomePaths, state_dir: Path) -> None:
    kwame = add_account(
        manager,
        username="kwame",
        full_name="Kwame Mensah",
        role=Role.KEYWORKER,
        initial_password="Kwame pass 11",
    )
    reset_password(manager, kwame.id, "Reset pass 2222")
    assert _account(manager, "kwame").must_change_password
    assert not _can_log_in(home, state_dir, "kwame", "Kwame pass 11")
    assert _can_log_in(home, state_dir, "kwame", "Reset pass 2222")

    slots_before = _slots(home)
    kwame_slot = _slot_id(home, "kwame")
    deactivate_account(manager, kwame.id)

    assert KeySlotFile.load(home.keyslots).slot_for_user("kwame") is None
    after = _slots(home)
    assert set(after) == set(slots_before) - {kwame_slot}
    assert all(after[i] == slots_before[i] for i in after)
    with pytest.raises(AuthenticationError):
        unlock(home, "kwame", "Reset pass 2222", state_dir=state_dir, kdf=FAST_KDF)
    assert not _account(manager, "kwame").active
    assert _can_log_in(home, state_dir, MANAGER, MANAGER_PASSWORD)


def test_the_last_manager_cannot_be_deactivated_or_demoted(manager, home: HomePaths, state_dir: Path) -> None:
    me = manager.actor.id
    with pytest.raises(PermissionDenied):
        deactivate_account(manager, me)
    with pytest.raises(PermissionDenied):
        change_role(manager, me, Role.KEYWORKER)
    assert _account(manager, MANAGER).role is Role.MANAGER

    bea = add_account(
        manager, username="bea", full_name="Bea Okafor", role=Role.MANAGER, initial_password="Bea pass 1234"
    )
    bea_ws = unlock(home, "bea", "Bea pass 1234", state_dir=state_dir, kdf=FAST_KDF)
    try:
        change_role(manager, bea.id, Role.SHIFT_LEAD)  # two managers: allowed
        # bea's session was opened as a manager; amira is now the only active manager
        with pytest.raises(PermissionDenied):
            deactivate_account(bea_ws, me)
        with pytest.raises(PermissionDenied):
            change_role(bea_ws, me, Role.KEYWORKER)
    finally:
        bea_ws.close()
    with pytest.raises(PermissionDenied):
        change_role(manager, me, Role.SHIFT_LEAD)
    mine = _account(manager, MANAGER)
    assert mine.role is Role.MANAGER and mine.active
    assert KeySlotFile.load(home.keyslots).slot_for_user(MANAGER) is not None
    assert _can_log_in(home, state_dir, MANAGER, MANAGER_PASSWORD)


def test_find_account_by_username(manager) -> None:
    assert find_account(manager, MANAGER.upper()).id == manager.actor.id


def test_deactivate_through_the_command_line(manager, home: HomePaths, state_dir: Path, cli) -> None:
    add_account(
        manager,
        username="kwame",
        full_name="Kwame Mensah",
        role=Role.KEYWORKER,
        initial_password="Kwame pass 11",
    )
    manager.close()
    result = cli(
        "users", "deactivate", "kwame", "--user", MANAGER, "--password-stdin", input=MANAGER_PASSWORD + "\n"
    )
    assert result.code == 0, result.err
    assert KeySlotFile.load(home.keyslots).slot_for_user("kwame") is None
    assert not _can_log_in(home, state_dir, "kwame", "Kwame pass 11")
