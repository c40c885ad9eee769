"""Must hold: a wrong password, username or recovery key, a missing or damaged file, each gives
a clear one-line message and a non-zero exit, and leaves the home folder byte-identical."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from carelink_desktop.domain.errors import (
    AuthenticationError,
    CareLinkError,
    DatabaseDamaged,
    HomeNotFound,
    LoginThrottled,
)
from carelink_desktop.paths import HomePaths
from carelink_desktop.services.access import recover_with_key, unlock
from carelink_desktop.services.throttle import HOURLY_LIMIT, LoginThrottle
from carelink_desktop.storage.keyslots import new_recovery_key
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, snapshot

LOGIN_EXIT = 2


def _one_clear_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
    assert "unexpected error" not in lines[0]
    return lines[0]


# -- wrong username or password -------------------------------------------------------------


@pytest.mark.parametrize(("user", "password"), [(MANAGER, "Wrong horse 1"), ("nobody", MANAGER_PASSWORD)])
def test_wrong_login_is_refused_by_the_services_and_changes_nothing(
    created_home, state_dir: Path, user: str, password: str
) -> None:
    home, _ = created_home
    before = snapshot(home.root)
    with pytest.raises(AuthenticationError) as err:
        unlock(home, user, password, state_dir=state_dir, kdf=FAST_KDF)
    assert type(err.value) is AuthenticationError
    assert "Wrong username or password" in str(err.value)
    assert snapshot(home.root) == before


def test_wrong_password_and_unknown_user_give_the_same_message(created_home, state_dir: Path) -> None:
    home, _ = created_home
    messages = set()
    for user, password in [(MANAGER, "Wrong horse 1"), ("nobody", "Wrong horse 1")]:
        with pytest.raises(AuthenticationError) as err:
            unlock(home, user, password, state_dir=state_dir, kdf=FAST_KDF)
        messages.add(str(err.value))
    assert len(messages) == 1


@pytest.mark.parametrize(("user", "password"), [(MANAGER, "Wrong horse 1"), ("nobody", MANAGER_PASSWORD)])
def test_wrong_login_on_the_command_line(created_home, cli, user: str, password: str) -> None:
    home, _ = created_home
    before = snapshot(home.root)
    result = cli("verify", "--user", user, "--password-stdin", input=password + "\n")
    assert result.code == LOGIN_EXIT
    line = _one_clear_line(result.err)
    assert "Wrong username or password" in line
    assert "All checks passed" not in result.out
    assert snapshot(home.root) == before


def test_the_right_password_still_works_after_a_wrong_one(created_home, state_dir: Path) -> None:
    home, _ = created_home
    with pytest.raises(AuthenticationError):
        unlock(home, MANAGER, "Wrong horse 1", state_dir=state_dir, kdf=FAST_KDF)
    ws = unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    assert ws.actor.username == MANAGER
    ws.close()


# -- recovery key ---------------------------------------------------------------------------


def test_wrong_recovery_key_changes_nothing(created_home, cli, tmp_path: Path) -> None:
    home, real_key = created_home
    wrong = new_recovery_key()
    assert wrong != real_key
    key_file = tmp_path / "key.txt"
    key_file.write_text(wrong + "\n")
    before = snapshot(home.root)
    result = cli(
        "recover",
        "--user",
        MANAGER,
        "--recovery-key-file",
        str(key_file),
        "--password-stdin",
        input="Brand new pass 1\n",
    )
    assert result.code == LOGIN_EXIT
    assert "recovery key" in _one_clear_line(result.err).lower()
    assert snapshot(home.root) == before


MALFORMED_KEYS = ["not a recovery key", "!!!!-????-" * 4, "A" * 33]


@pytest.mark.parametrize("text", MALFORMED_KEYS)
def test_malformed_recovery_key_is_refused_by_the_services(created_home, text: str) -> None:
    home, _ = created_home
    before = snapshot(home.root)
    with pytest.raises(AuthenticationError, match="recovery key"):
        recover_with_key(home, text, MANAGER, "Brand new pass 1", kdf=FAST_KDF)
    assert snapshot(home.root) == before


def test_malformed_recovery_key_on_the_command_line(created_home, cli, tmp_path: Path) -> None:
    home, _ = created_home
    key_file = tmp_path / "key.txt"
    key_file.write_text("ABCD-EFGH-not-a-key\n")
    before = snapshot(home.root)
    result = cli(
        "recover",
        "--user",
        MANAGER,
        "--recovery-key-file",
        str(key_file),
        "--password-stdin",
        input="Brand new pass 1\n",
    )
    assert result.code == LOGIN_EXIT
    assert "recovery key" in _one_clear_line(result.err)
    assert snapshot(home.root) == before


def test_the_real_recovery_key_works_from_a_file(created_home, cli, state_dir: Path, tmp_path: Path) -> None:
    """The counterpart of the two tests above: the same command with the right key succeeds."""
    home, real_key = created_home
    key_file = tmp_path / "key.txt"
    key_file.write_text(real_key.lower().replace("-", " ") + "\n")
    result = cli(
        "recover",
        "--user",
        MANAGER,
        "--recovery-key-file",
        str(key_file),
        "--password-stdin",
        input="Brand new pass 1\n",
    )
    assert result.code == 0, result.err
    unlock(home, MANAGER, "Brand new pass 1", state_dir=state_dir, kdf=FAST_KDF).close()


# -- missing or damaged files ---------------------------------------------------------------


def test_missing_database_is_reported_and_not_recreated(created_home, cli, state_dir: Path) -> None:
    home, _ = created_home
    home.database.unlink()
    before = snapshot(home.root)
    with pytest.raises(HomeNotFound, match="missing"):
        unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    assert not home.database.exists()
    result = cli("verify", "--user", MANAGER, "--password-stdin", input=MANAGER_PASSWORD + "\n")
    assert result.code != 0
    line = _one_clear_line(result.err)
    assert "missing" in line and "home.db" in line
    assert not home.database.exists()
    assert snapshot(home.root) == before


def _flip(path: Path, offset: int, length: int = 64) -> None:
    data = bytearray(path.read_bytes())
    data[offset : offset + length] = bytes(b ^ 0xFF for b in data[offset : offset + length])
    path.write_bytes(bytes(data))


def _damage_start(path: Path) -> None:
    _flip(path, 200)


def _damage_second_page(path: Path) -> None:
    _flip(path, 4096 + 2000)


def _damage_middle(path: Path) -> None:
    _flip(path, path.stat().st_size // 2)


def _damage_last_page(path: Path) -> None:
    _flip(path, path.stat().st_size - 2000)


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _damages(*, cli: bool) -> list[object]:
    cases = [
        pytest.param(_damage_start, id="start"),
        pytest.param(_truncate, id="truncated"),
    ]
    if not cli:
        cases.insert(1, pytest.param(_damage_second_page, id="second-page"))
    return cases


@pytest.mark.parametrize("damage", _damages(cli=False))
def test_damaged_database_is_reported_and_left_alone_by_the_services(
    created_home, state_dir: Path, damage
) -> None:  # type: ignore[no-untyped-def]
    home, _ = created_home
    damage(home.database)
    before = snapshot(home.root)
    try:
        ws = unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    except DatabaseDamaged as exc:
        assert "damaged" in str(exc)
        assert "\n" not in str(exc)
    else:
        ws.close()
        pytest.fail("a damaged database was opened")
    assert snapshot(home.root) == before


@pytest.mark.parametrize("damage", _damages(cli=True))
def test_damaged_database_on_the_command_line(created_home, cli, damage) -> None:  # type: ignore[no-untyped-def]
    home, _ = created_home
    damage(home.database)
    before = snapshot(home.root)
    result = cli("verify", "--user", MANAGER, "--password-stdin", input=MANAGER_PASSWORD + "\n")
    assert result.code != 0
    assert "damaged" in _one_clear_line(result.err)
    assert snapshot(home.root) == before


@pytest.mark.parametrize(
    ("damage", "offset"),
    [
        pytest.param(_damage_middle, lambda size: size // 2, id="middle"),
        pytest.param(_damage_last_page, lambda size: size - 2000, id="last-page"),
    ],
)
def test_damage_anywhere_is_refused_at_login_or_reported_by_verify(
    created_home, state_dir, cli, damage, offset
) -> None:  # type: ignore[no-untyped-def]
    """Checking every page at each login would cost ~70 ms on a large home (see
    docs/PERFORMANCE.md), so damage the login never touches is found by verify, which must
    report it clearly; the damaged page is never silently rewritten or the home replaced."""
    from carelink_desktop.services.maintenance import verify_home

    home, _ = created_home
    damage(home.database)
    damaged_at = offset(home.database.stat().st_size)
    damaged_byte = home.database.read_bytes()[damaged_at]
    try:
        ws = unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    except DatabaseDamaged:
        pass  # also acceptable: refused at login
    else:
        report = verify_home(ws)
        ws.close()
        assert not report.ok
        assert [name for name, passed, _ in report.checks if not passed] == ["integrity"]
    result = cli("verify", "--user", MANAGER, "--password-stdin", input=MANAGER_PASSWORD + "\n")
    assert result.code != 0
    assert "FAIL  integrity" in result.out or "damaged" in _one_clear_line(result.err)
    assert "Traceback" not in result.err
    assert home.database.read_bytes()[damaged_at] == damaged_byte


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"{ this is not json", id="bad-json"),
        pytest.param(b"", id="empty"),
        pytest.param(json.dumps({"format": "carelink-keyslots", "version": 1}).encode(), id="fields-missing"),
        pytest.param(b"[1, 2, 3]", id="a-list"),
    ],
)
def test_damaged_key_slots_are_reported(created_home, state_dir: Path, content: bytes) -> None:
    home, _ = created_home
    home.keyslots.write_bytes(content)
    before = snapshot(home.root)
    with pytest.raises(DatabaseDamaged, match="damaged"):
        unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    assert snapshot(home.root) == before


def test_damaged_key_slots_on_the_command_line(created_home, cli) -> None:
    home, _ = created_home
    home.keyslots.write_bytes(b'{"format": "carelink-keyslots", "version": 1, "slots": [{}]')
    before = snapshot(home.root)
    result = cli("verify", "--user", MANAGER, "--password-stdin", input=MANAGER_PASSWORD + "\n")
    assert result.code != 0
    line = _one_clear_line(result.err)
    assert "keyslots.json" in line and "damaged" in line
    assert snapshot(home.root) == before


def test_missing_key_slots_beside_a_database_is_reported(created_home, cli) -> None:
    home, _ = created_home
    home.keyslots.unlink()
    before = snapshot(home.root)
    result = cli("verify", "--user", MANAGER, "--password-stdin", input=MANAGER_PASSWORD + "\n")
    assert result.code != 0
    assert "keyslots.json" in _one_clear_line(result.err)
    assert snapshot(home.root) == before


# -- throttling -----------------------------------------------------------------------------


def test_a_fourth_try_straight_after_three_failures_is_throttled(
    created_home, state_dir: Path, carelink_dirs: dict[str, Path]
) -> None:
    home, _ = created_home
    before = snapshot(home.root)
    for _ in range(3):
        with pytest.raises(AuthenticationError) as err:
            unlock(home, MANAGER, "Wrong horse 1", state_dir=state_dir, kdf=FAST_KDF)
        assert not isinstance(err.value, LoginThrottled)
    with pytest.raises(LoginThrottled) as throttled:
        unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    assert throttled.value.wait_seconds > 0
    assert not throttled.value.hourly_limit
    # the counters live in the state folder; the home folder is untouched
    assert snapshot(home.root) == before
    assert (state_dir / "login-throttle.json").is_file()
    assert not list(carelink_dirs["home"].rglob("*throttle*"))


def test_throttling_is_per_account(created_home, state_dir: Path) -> None:
    home, _ = created_home
    for _ in range(3):
        with pytest.raises(AuthenticationError):
            unlock(home, "someone.else", "Wrong horse 1", state_dir=state_dir, kdf=FAST_KDF)
    with pytest.raises(LoginThrottled):
        unlock(home, "someone.else", "Wrong horse 1", state_dir=state_dir, kdf=FAST_KDF)
    unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF).close()


def test_throttle_backs_off_then_lets_the_next_try_through(tmp_path: Path) -> None:
    now = [1_000_000.0]
    throttle = LoginThrottle(tmp_path, "home-1", clock=lambda: now[0])
    for _ in range(3):
        throttle.check("acct")
        throttle.record_failure("acct")
    with pytest.raises(LoginThrottled):
        throttle.check("acct")
    now[0] += 1.5
    throttle.check("acct")


def test_hourly_limit_after_a_hundred_failures(tmp_path: Path) -> None:
    now = [1_000_000.0]
    throttle = LoginThrottle(tmp_path, "home-1", clock=lambda: now[0])
    first = now[0]
    for _ in range(HOURLY_LIMIT - 1):
        throttle.record_failure("acct")
        now[0] += 30.0  # 99 failures over 49.5 minutes; each wait (at most 60 s) has passed
    now[0] += 61.0
    throttle.check("acct")  # 99 in the hour: only the per-try back-off applies, and it is over
    throttle.record_failure("acct")
    now[0] += 61.0
    with pytest.raises(LoginThrottled) as err:
        throttle.check("acct")
    assert err.value.hourly_limit
    assert "hour" in str(err.value)
    # another account at the same home is not affected
    throttle.check("other")
    # once the oldest failure is more than an hour old, tries are allowed again
    now[0] = first + 3600.0 + 1.0
    throttle.check("acct")


def test_throttle_counts_survive_a_new_throttle_object(tmp_path: Path) -> None:
    now = [5_000.0]
    for _ in range(3):
        LoginThrottle(tmp_path, "home-1", clock=lambda: now[0]).record_failure("acct")
    with pytest.raises(LoginThrottled):
        LoginThrottle(tmp_path, "home-1", clock=lambda: now[0]).check("acct")
    LoginThrottle(tmp_path, "home-2", clock=lambda: now[0]).check("acct")


def test_every_login_error_is_a_carelink_error() -> None:
    assert issubclass(LoginThrottled, AuthenticationError)
    assert issubclass(AuthenticationError, CareLinkError)
    assert AuthenticationError.exit_code == LOGIN_EXIT


def test_no_home_at_all_is_reported(cli, home: HomePaths) -> None:
    result = cli("verify", "--user", MANAGER, "--password-stdin", input=MANAGER_PASSWORD + "\n")
    assert result.code != 0
    assert "No CareLink home" in _one_clear_line(result.err)
    assert not home.database.exists()
