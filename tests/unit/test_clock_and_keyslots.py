"""Hybrid logical clock ordering and key slot cryptography (no database)."""

from __future__ import annotations

import json

import pytest

from carelink_desktop.domain.clock import HlcTimestamp, HybridClock
from carelink_desktop.domain.errors import AuthenticationError, DatabaseDamaged
from carelink_desktop.storage.keyslots import KdfParams, KeySlotFile, new_recovery_key, parse_recovery_key
from tests.conftest import FAST_KDF

KEY = bytes(range(32))


def test_clock_is_monotonic_when_the_wall_clock_goes_back() -> None:
    times = iter([1000, 1000, 900, 1200])
    clock = HybridClock("site-a", wall=lambda: next(times))
    stamps = [clock.tick() for _ in range(4)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4
    assert HlcTimestamp.decode(stamps[2]) == HlcTimestamp(1000, 2, "site-a")


def test_clock_moves_past_a_remote_timestamp() -> None:
    clock = HybridClock("site-a", wall=lambda: 1000)
    remote = HybridClock("site-b", wall=lambda: 5000).tick()
    clock.observe(remote)
    assert clock.tick() > remote


def test_argon2_below_64_mib_is_refused() -> None:
    with pytest.raises(ValueError, match="64 MiB"):
        KdfParams(memory_kib=32768)


def test_password_slot_round_trip_and_wrong_password() -> None:
    slots = KeySlotFile.new()
    slots.set_password_slot("Amira", "a password", KEY, FAST_KDF)
    assert slots.unlock_with_password("amira", "a password", FAST_KDF) == KEY
    with pytest.raises(AuthenticationError, match="Wrong username or password"):
        slots.unlock_with_password("amira", "a passwore", FAST_KDF)
    with pytest.raises(AuthenticationError, match="Wrong username or password"):
        slots.unlock_with_password("nobody", "a password", FAST_KDF)


def test_slot_cannot_be_moved_to_another_home(tmp_path) -> None:  # type: ignore[no-untyped-def]
    a, b = KeySlotFile.new(), KeySlotFile.new()
    slot = a.set_password_slot("amira", "a password", KEY, FAST_KDF)
    b.lookup_salt = a.lookup_salt
    b.slots.append(slot)
    with pytest.raises(AuthenticationError):
        b.unlock_with_password("amira", "a password", FAST_KDF)


def test_recovery_key_format_and_tolerant_typing() -> None:
    key = new_recovery_key()
    groups = key.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    slots = KeySlotFile.new()
    slots.set_recovery_slot(key, KEY)
    assert slots.unlock_with_recovery_key(key.lower().replace("-", " ")) == KEY
    with pytest.raises(AuthenticationError, match="Wrong recovery key"):
        slots.unlock_with_recovery_key(new_recovery_key())
    with pytest.raises(AuthenticationError, match="not a recovery key"):
        parse_recovery_key("ABCD-EFGH")


def test_slot_file_names_nobody_and_round_trips(tmp_path) -> None:  # type: ignore[no-untyped-def]
    slots = KeySlotFile.new()
    slots.set_password_slot("amira.khan", "a password", KEY, FAST_KDF)
    path = tmp_path / "keyslots.json"
    slots.save(path)
    assert b"amira" not in path.read_bytes()
    assert KeySlotFile.load(path).unlock_with_password("amira.khan", "a password", FAST_KDF) == KEY


@pytest.mark.parametrize(
    "content", [b"", b"{not json", b'{"format": "other"}', b'{"format": "carelink-keyslots", "version": 1}']
)
def test_damaged_slot_file_is_reported(tmp_path, content: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "keyslots.json"
    path.write_bytes(content)
    with pytest.raises(DatabaseDamaged, match="damaged"):
        KeySlotFile.load(path)


def test_newer_slot_file_asks_for_an_update(tmp_path) -> None:  # type: ignore[no-untyped-def]
    slots = KeySlotFile.new()
    data = json.loads(slots.to_bytes())
    data["version"] = 99
    path = tmp_path / "keyslots.json"
    path.write_text(json.dumps(data))
    with pytest.raises(DatabaseDamaged, match="newer"):
        KeySlotFile.load(path)


def test_recovery_key_is_found_inside_a_note() -> None:
    key = new_recovery_key()
    note = f"Rosewood House recovery key\n\n    {key}\n\nKeep this locked away.\n"
    assert parse_recovery_key(note) == parse_recovery_key(key)


def test_private_files_are_readable_by_their_owner_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import stat

    from carelink_desktop.storage.atomic import write_atomically

    write_atomically(tmp_path / "key.txt", b"secret\n", private=True)
    assert stat.S_IMODE((tmp_path / "key.txt").stat().st_mode) == 0o600
