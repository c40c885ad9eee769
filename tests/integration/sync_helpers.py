"""Helpers for sync tests: two enrolled homes of one organisation, a file carried between them,
and a sync file sealed around any content (to test what the reader does with it)."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path
from typing import Any

from carelink_desktop.paths import HomePaths
from carelink_desktop.services import sync, sync_enrolment
from carelink_desktop.services.access import create_home, unlock
from carelink_desktop.services.sync import ImportResult
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.sync import keys
from carelink_desktop.sync.keys import OrganisationKeys
from tests.conftest import FAST_KDF, HOME_NAME, MANAGER, MANAGER_PASSWORD

A_LABEL = "Office upstairs"
B_LABEL = "Downstairs office"
#: The manager's password on the joined PC (the same account, its own password there).
B_PASSWORD = "Another horse 2"


def make_home(folder: Path, label: str = A_LABEL) -> Workspace:
    """A new home in ``folder`` with sync set up, this PC called ``label``; opened by the manager."""
    a, _ = create_home(
        HomePaths(folder),
        home_name=HOME_NAME,
        manager_username=MANAGER,
        manager_full_name="Amira Khan",
        password=MANAGER_PASSWORD,
        kdf=FAST_KDF,
    )
    try:
        sync.set_up_sync(a, label=label)
    except BaseException:
        a.close()
        raise
    return a


def join(
    a: Workspace,
    folder: Path,
    label: str = B_LABEL,
    *,
    kind: str = "pc",
    username: str = MANAGER,
    full_name: str = "",
    password: str = B_PASSWORD,
) -> Workspace:
    """Add a PC called ``label`` on ``a`` and set ``folder`` up from its invitation, by default
    the same manager with ``B_PASSWORD`` there (a second or two: the code is stretched)."""
    invitation = sync_enrolment.add_site(a, label, folder.with_name(folder.name + ".clinvite"), kind=kind)
    b, _ = sync_enrolment.join_organisation(
        HomePaths(folder),
        invitation.path,
        invitation.code,
        username=username,
        full_name=full_name,
        password=password,
        kdf=FAST_KDF,
    )
    invitation.path.unlink()
    return b


def make_pair(tmp_path: Path) -> tuple[Workspace, Workspace, str]:
    """Home ``tmp_path/a`` set up for sync and ``tmp_path/b`` joined from its invitation, both
    opened by the manager; returns (a, b, b's site id). The caller closes both (~3.5 s)."""
    a = make_home(tmp_path / "a")
    try:
        b = join(a, tmp_path / "b")
    except BaseException:
        a.close()
        raise
    return a, b, b.site_id


def copy_pair(made: Path, tmp_path: Path) -> tuple[Workspace, Workspace, str]:
    """Copy a pair that ``make_pair(made)`` set up (both closed since) to ``tmp_path`` and open
    both copies: the same two PCs again in well under a second, for tests that each need a
    fresh pair.

    Each copy is opened by logging in, which changes the shared manager account on both PCs
    (its last login): the first file either way carries that record too. Tests that count what
    a file holds should exchange once first, or use ``make_pair``."""
    a = copy_home(made / "a", tmp_path / "a", MANAGER_PASSWORD)
    try:
        b = copy_home(made / "b", tmp_path / "b", B_PASSWORD)
    except BaseException:
        a.close()
        raise
    return a, b, b.site_id


def copy_home(made: Path, to: Path, password: str) -> Workspace:
    """Copy one closed home folder to ``to`` and log in to the copy as the manager."""
    shutil.copytree(made, to)
    return unlock(HomePaths(to), MANAGER, password, state_dir=to.parent / "login-state", kdf=FAST_KDF)


def exchange(src: Workspace, dst: Workspace, path: Path, to_site: str) -> ImportResult:
    """Export ``src``'s changes for ``to_site`` to ``path`` and import that file into ``dst``."""
    sync.export_changes(src, path, to_site=to_site)
    return sync.import_file(dst, path)


def organisation_keys(ws: Workspace) -> OrganisationKeys:
    """The organisation's keys as ``ws`` holds them (with its own site's signing key)."""
    with ws.read() as session:
        found = keys.load(session)
    assert found is not None, "sync is not set up on this PC"
    return found


def signed_lines(signing_key: bytes, header: dict[str, Any] | bytes, body: dict[str, Any] | bytes) -> bytes:
    """The three lines inside a sync file (header, body, signature over both), as
    ``bundle.write`` lays them out, from any header and body (dicts are written as JSON)."""
    head = header if isinstance(header, bytes) else _json(header)
    rest = body if isinstance(body, bytes) else _json(body)
    signed = head + b"\n" + rest + b"\n"
    org = OrganisationKeys("", "", signing_key)
    signature = base64.b64encode(org.sign(signed)).decode("ascii")
    return signed + json.dumps({"signature": signature}).encode("ascii") + b"\n"


def seal(recipient: str, content: bytes) -> bytes:
    """``content`` compressed (zstd) and encrypted (age) to ``recipient``, as a sync file is."""
    return encrypt(recipient, compress(content))


def compress(content: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor(level=3).compress(content)


def encrypt(recipient: str, data: bytes) -> bytes:
    import pyrage

    return bytes(pyrage.encrypt(data, [pyrage.x25519.Recipient.from_str(recipient)]))


def _json(value: dict[str, Any]) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
