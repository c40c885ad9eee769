"""Issue #8, "Bad input": every bad sync file is refused with a plain message and the home stays
byte-for-byte as it was.

Each test copies one pair of enrolled PCs (A upstairs, B downstairs) made once for the module,
so a test costs a fraction of a second instead of two enrolments; the tests of damaged files
share one copy of A (see ``importer``). B's file for A holds a resident with long random notes,
so the file is two age chunks long and damage can fall in the first chunk, on the boundary or
in the last one.
"""

from __future__ import annotations

import base64
import os
import random
import shutil
import string
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from carelink_desktop.domain.errors import AuthenticationError, SyncFileRefused
from carelink_desktop.paths import HomePaths
from carelink_desktop.services import residents, sync, sync_enrolment
from carelink_desktop.services.access import create_home
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage import migrate
from carelink_desktop.storage.tables import ResidentRow
from carelink_desktop.sync import bundle, keys, records
from carelink_desktop.sync.bundle import BundleHeader, ChainLink, TableChanges
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, snapshot
from tests.conftest import resident as resident_details
from tests.integration.sync_helpers import (
    B_LABEL,
    B_PASSWORD,
    copy_home,
    exchange,
    make_pair,
    organisation_keys,
    seal,
    signed_lines,
)

NOTHING = "Nothing was imported."
DAMAGED = "damaged or incomplete"
NOT_SYNC = "not a CareLink sync file"
#: One age payload chunk: 64 KiB of text and a 16-byte tag.
CHUNK = 64 * 1024 + 16


@dataclass(frozen=True)
class Made:
    root: Path
    b_site: str
    #: The organisation's keys as B holds them (B's own signing key), to write files as B.
    b_keys: keys.OrganisationKeys
    b_file: Path
    invitation: Path
    invitation_code: str


class Pair:
    """A fresh copy of the two PCs: A open; B opened when a test first needs it."""

    def __init__(self, made: Made, tmp: Path) -> None:
        self.made, self.tmp = made, tmp
        self.a = copy_home(made.root / "a", tmp / "a", MANAGER_PASSWORD)
        self.b_site, self.b_keys = made.b_site, made.b_keys
        #: B's changes for A (not imported yet): one resident, with 150,000 characters of notes.
        self.b_file = Path(shutil.copy(made.b_file, tmp / "b.clsync"))
        self.invitation = Path(shutil.copy(made.invitation, tmp / "c.clinvite"))
        self.invitation_code = made.invitation_code
        self._b: Workspace | None = None

    @property
    def b(self) -> Workspace:
        if self._b is None:
            self._b = copy_home(self.made.root / "b", self.tmp / "b", B_PASSWORD)
        return self._b

    def close(self) -> None:
        self.a.close()
        if self._b is not None:
            self._b.close()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    root = tmp_path_factory.mktemp("pair")
    a, b, b_site = make_pair(root)
    try:
        b_keys = organisation_keys(b)
        noise = "".join(random.Random(8).choices(string.ascii_letters + string.digits, k=150_000))
        residents.admit_resident(b, resident_details("Edith", "Clarke", notes=noise))
        sync.export_changes(b, root / "b.clsync", to_site=a.site_id)
        invitation = sync_enrolment.add_site(a, "Head office", root / "c.clinvite", kind="head_office")
    finally:
        a.close()
        b.close()
    return Made(root, b_site, b_keys, root / "b.clsync", invitation.path, invitation.code)


@pytest.fixture(scope="module")
def importer(made: Made, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """One copy of A shared by the tests of damaged and foreign files. Sound because each of
    them checks that A's files are byte-for-byte unchanged by the refusal: a test that changed A
    would fail itself."""
    a = copy_home(made.root / "a", tmp_path_factory.mktemp("importer") / "a", MANAGER_PASSWORD)
    try:
        yield a
    finally:
        a.close()


@pytest.fixture
def pair(made: Made, tmp_path: Path) -> Iterator[Pair]:
    opened = Pair(made, tmp_path)
    try:
        yield opened
    finally:
        opened.close()


def stored(ws: Workspace) -> dict[str, bytes]:
    """The bytes of the home's database, its write-ahead log and its key slots.

    The ``-shm`` file is left out: it is SQLite's shared-memory index of the write-ahead log,
    and every reader updates its read marks there, so a check that only reads (as refusing a
    file does) legitimately changes it. It holds no records and is rebuilt from the other two."""
    files = {name: data for name, data in snapshot(ws.store.paths.root).items() if not name.endswith("-shm")}
    assert {"home.db", "home.db-wal", "keyslots.json"} <= files.keys()
    return files


def refused(ws: Workspace, path: Path, *fragments: str) -> str:
    """Preview, dry run and import of ``path`` each refuse it with the same plain message naming
    every fragment, and the home's files stay byte-for-byte as they were; returns the message."""
    before = stored(ws)
    messages = set()
    attempts: list[Callable[[], object]] = [
        lambda: sync.preview_import(ws, path),
        lambda: sync.import_file(ws, path, dry_run=True),
        lambda: sync.import_file(ws, path),
    ]
    for attempt in attempts:
        with pytest.raises(SyncFileRefused) as err:
            attempt()
        messages.add(str(err.value))
    assert len(messages) == 1, messages
    message = messages.pop()
    for fragment in fragments:
        assert fragment in message
    assert message.endswith(NOTHING)
    assert "\n" not in message and "Traceback" not in message
    assert stored(ws) == before
    return message


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def age_header_end(data: bytes) -> int:
    """Where the age header ("--- <mac>\\n") ends and the payload (nonce, chunks) begins."""
    mac = data.index(b"\n--- ") + 1
    return data.index(b"\n", mac) + 1


def resident_notes(ws: Workspace, family_name: str) -> str:
    with ws.read() as s:
        return s.scalars(select(ResidentRow.notes).where(ResidentRow.legal_family_name == family_name)).one()


def header_for(pair: Pair, **changes: object) -> BundleHeader:
    """A header as B writes it for A, with ``changes``."""
    header = BundleHeader(
        organisation_id=pair.b_keys.organisation_id,
        site_id=pair.b_site,
        site_label=B_LABEL,
        file_id=str(uuid.uuid4()),
        made_at=datetime.now(UTC),
        full=False,
        to_site=pair.a.site_id,
        schema=migrate.SCHEMA_HEAD,
        records=0,
    )
    return replace(header, **changes)  # type: ignore[arg-type]


# -- the check can fail --------------------------------------------------------------------------


def test_a_good_file_is_imported_and_does_change_the_stored_bytes(pair: Pair) -> None:
    """The control for every test below: the same comparison sees a real import."""
    before = stored(pair.a)
    result = sync.import_file(pair.a, pair.b_file)
    assert result.applied >= 1
    assert len(resident_notes(pair.a, "Clarke")) == 150_000
    after = stored(pair.a)
    assert after != before
    assert after["home.db"] != before["home.db"] or after["home.db-wal"] != before["home.db-wal"]


# -- damage --------------------------------------------------------------------------------------


def _cut(where: Callable[[bytes], int]) -> Callable[[bytes], bytes]:
    return lambda data: data[: where(data)]


TRUNCATIONS = {
    "inside-the-magic-line": (_cut(lambda d: 10), NOT_SYNC),
    "right-after-the-magic-line": (_cut(lambda d: len(bundle.AGE_MAGIC)), DAMAGED),
    "inside-the-recipient-line": (_cut(lambda d: 40), DAMAGED),
    "inside-the-header-mac": (_cut(lambda d: age_header_end(d) - 10), DAMAGED),
    "header-only-no-payload": (_cut(age_header_end), DAMAGED),
    "inside-the-payload-nonce": (_cut(lambda d: age_header_end(d) + 8), DAMAGED),
    "inside-the-first-chunk": (_cut(lambda d: age_header_end(d) + 16 + 1000), DAMAGED),
    "exactly-after-the-first-full-chunk": (_cut(lambda d: age_header_end(d) + 16 + CHUNK), DAMAGED),
    "inside-the-last-chunk": (_cut(lambda d: len(d) - 1000), DAMAGED),
    "inside-the-last-tag": (_cut(lambda d: len(d) - 8), DAMAGED),
    "without-the-last-byte": (_cut(lambda d: len(d) - 1), DAMAGED),
}


@pytest.mark.parametrize("case", TRUNCATIONS, ids=list(TRUNCATIONS))
def test_a_truncated_file_is_refused(importer: Workspace, made: Made, tmp_path: Path, case: str) -> None:
    damage, fragment = TRUNCATIONS[case]
    data = made.b_file.read_bytes()
    assert len(data) > age_header_end(data) + 16 + CHUNK + 1000, "the file should span two chunks"
    refused(importer, write(tmp_path / "cut.clsync", damage(data)), fragment)


def _flip(where: Callable[[bytes], int]) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        out = bytearray(data)
        out[where(data)] ^= 0x20
        return bytes(out)

    return damage


def _line_start(data: bytes, number: int) -> int:
    """Where line ``number`` (1 = the magic line) of the age header starts."""
    at = 0
    for _ in range(number - 1):
        at = data.index(b"\n", at) + 1
    return at


#: In the age header a change is refused either as damaged or as "not made for this
#: organisation ... or its first lines are damaged" (age cannot tell a damaged recipient stanza
#: from another organisation's): both say "damaged".
HEADER = "damaged"
FLIPS = {
    "magic-line": (_flip(lambda d: 3), NOT_SYNC),
    "recipient-stanza-type": (_flip(lambda d: _line_start(d, 2) + 5), HEADER),
    "recipient-stanza-key": (_flip(lambda d: _line_start(d, 2) + 20), HEADER),
    "wrapped-file-key": (_flip(lambda d: _line_start(d, 3) + 5), HEADER),
    "grease-stanza": (_flip(lambda d: _line_start(d, 4) + 5), HEADER),
    "header-mac": (_flip(lambda d: age_header_end(d) - 10), HEADER),
    "payload-nonce": (_flip(lambda d: age_header_end(d) + 3), DAMAGED),
    "body-start": (_flip(lambda d: age_header_end(d) + 16 + 100), DAMAGED),
    "body-middle": (_flip(lambda d: len(d) // 2), DAMAGED),
    "first-chunk-tag": (_flip(lambda d: age_header_end(d) + 16 + CHUNK - 3), DAMAGED),
    "last-chunk": (_flip(lambda d: len(d) - 1000), DAMAGED),
    "last-tag": (_flip(lambda d: len(d) - 8), DAMAGED),
    "last-byte": (_flip(lambda d: len(d) - 1), DAMAGED),
    "a-byte-appended": (lambda d: d + b"\0", DAMAGED),
}


@pytest.mark.parametrize("case", FLIPS, ids=list(FLIPS))
def test_a_file_with_a_byte_changed_is_refused(
    importer: Workspace, made: Made, tmp_path: Path, case: str
) -> None:
    damage, fragment = FLIPS[case]
    refused(importer, write(tmp_path / "flipped.clsync", damage(made.b_file.read_bytes())), fragment)


# -- who made it ---------------------------------------------------------------------------------


def test_a_file_from_another_organisation_is_refused(pair: Pair) -> None:
    other, _ = create_home(
        HomePaths(pair.tmp / "other"),
        home_name="Willow Court",
        manager_username="ben",
        manager_full_name="Ben Ode",
        password="Their horse 3",
        kdf=FAST_KDF,
    )
    try:
        sync.set_up_sync(other, label="Willow office")
        partner = sync_enrolment.add_site(other, "Willow lounge", pair.tmp / "willow.clinvite")
        residents.admit_resident(other, resident_details("Wendy", "Hale"))
        theirs = pair.tmp / "willow.clsync"
        sync.export_changes(other, theirs, to_site=partner.site_id)
    finally:
        other.close()
    refused(pair.a, theirs, "another organisation")


def test_a_file_naming_another_organisation_inside_is_refused(pair: Pair) -> None:
    """Encrypted to this organisation's key, but its header says another organisation."""
    data = bundle.write(pair.b_keys, header_for(pair, organisation_id=str(uuid.uuid4())), [])
    refused(pair.a, write(pair.tmp / "other-org.clsync", data), "comes from another organisation")


def _stranger_file(pair: Pair, endorsed_with: bytes | None) -> Path:
    """A file from a PC A has never met, claiming (when ``endorsed_with`` is given) that B added
    it, with that key's endorsement."""
    site, signing = str(uuid.uuid4()), keys.new_signing_key()
    chain: tuple[ChainLink, ...] = ()
    if endorsed_with is not None:
        public = keys.public_key_text(signing)
        text = keys.endorsement_text(pair.b_keys.organisation_id, site, public)
        endorsement = base64.b64encode(replace(pair.b_keys, signing_key=endorsed_with).sign(text)).decode()
        chain = (ChainLink(site, "Stranger's laptop", public, pair.b_site, endorsement),)
    header = header_for(pair, site_id=site, site_label="Stranger's laptop", chain=chain)
    data = bundle.write(replace(pair.b_keys, signing_key=signing), header, [])
    return write(pair.tmp / "stranger.clsync", data)


def test_a_file_signed_by_an_unknown_site_is_refused(pair: Pair) -> None:
    message = refused(pair.a, _stranger_file(pair, None), "does not know")
    assert "Stranger's laptop" in message


def test_a_file_from_an_unknown_site_with_a_forged_endorsement_is_refused(pair: Pair) -> None:
    """It names B as the PC that added it, but the endorsement was not made with B's key."""
    message = refused(pair.a, _stranger_file(pair, keys.new_signing_key()), "does not know")
    assert "Stranger's laptop" in message


def test_a_file_from_a_site_added_by_a_removed_site_is_refused(pair: Pair) -> None:
    sync_enrolment.remove_site(pair.a, pair.b_site)
    refused(pair.a, _stranger_file(pair, pair.b_keys.signing_key), "does not know")


def test_a_file_from_a_site_added_by_a_known_site_is_read(pair: Pair) -> None:
    """The control for the two tests above: with B's real endorsement the same file is read."""
    preview = sync.preview_import(pair.a, _stranger_file(pair, pair.b_keys.signing_key))
    assert preview.from_label == "Stranger's laptop"


def test_a_file_from_a_removed_site_is_refused(pair: Pair) -> None:
    sync_enrolment.remove_site(pair.a, pair.b_site)
    message = refused(pair.a, pair.b_file, "removed from the organisation")
    assert B_LABEL in message


def test_a_file_signed_with_another_key_in_a_known_sites_name_is_refused(pair: Pair) -> None:
    org = pair.b_keys
    forger = keys.OrganisationKeys(org.organisation_id, org.identity, keys.new_signing_key())
    data = bundle.write(forger, header_for(pair), [])
    message = refused(pair.a, write(pair.tmp / "forged.clsync", data), "signature", "does not match")
    assert B_LABEL in message


def test_a_file_changed_after_it_was_signed_is_refused(pair: Pair) -> None:
    """Re-encrypted by someone holding the organisation key, but the records were changed after
    B signed them: the signature no longer matches."""
    org = pair.b_keys
    head = header_for(pair).as_json()
    content = signed_lines(org.signing_key, head, {"tables": {}})
    tampered = content.replace(b'{"tables":{}}', b'{"tables": {}}')
    assert tampered != content
    data = seal(org.recipient, tampered)
    refused(pair.a, write(pair.tmp / "tampered.clsync", data), "does not match")


def test_a_file_made_on_this_pc_is_refused(pair: Pair) -> None:
    mine = pair.tmp / "mine.clsync"
    residents.admit_resident(pair.a, resident_details("Alma", "Reyes"))
    sync.export_changes(pair.a, mine, to_site=pair.b_site)
    refused(pair.a, mine, "made on this PC")


# -- newer versions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [{"format": bundle.FORMAT + 1}, {"schema": "0099"}],
    ids=["newer-file-format", "newer-database-revision"],
)
def test_a_file_from_a_newer_carelink_is_refused(pair: Pair, changes: dict[str, object]) -> None:
    data = bundle.write(pair.b_keys, header_for(pair, **changes), [])
    refused(pair.a, write(pair.tmp / "newer.clsync", data), "newer version of CareLink", "update CareLink")


# -- size ----------------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_not_read(pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle, "MAX_FILE_BYTES", 64 * 1024)
    assert pair.b_file.stat().st_size > bundle.MAX_FILE_BYTES
    refused(pair.a, pair.b_file, "far larger than any CareLink sync file", "not read")
    with pytest.raises(SyncFileRefused, match="not read"):
        bundle.read(
            pair.b_file.read_bytes(), organisation_keys(pair.a), lambda _: None, schema=migrate.SCHEMA_HEAD
        )


def test_a_huge_file_is_refused_before_it_is_read(pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = pair.tmp / "huge.clsync"
    huge.write_bytes(pair.b_file.read_bytes())
    os.truncate(huge, bundle.MAX_FILE_BYTES + 1)  # sparse: no real disk use

    read_bytes = Path.read_bytes

    def read_all_but_the_huge_file(self: Path) -> bytes:
        assert self != huge, "the huge file was read"
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_all_but_the_huge_file)
    message = refused(pair.a, huge, "far larger than any CareLink sync file", "not read")
    assert "512 MB" in message


def test_a_zip_bomb_is_refused_before_it_fills_memory(pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    """A properly encrypted and signed file whose few kilobytes unpack to 50 MB: the reader stops
    at the content limit (1 MiB here) instead of unpacking it all."""
    org = pair.b_keys
    padding = "0" * (50 * 1024 * 1024)
    content = signed_lines(org.signing_key, header_for(pair).as_json(), {"tables": {}, "pad": padding})
    bomb = write(pair.tmp / "bomb.clsync", seal(org.recipient, content))
    del content, padding
    assert bomb.stat().st_size < 64 * 1024
    # With the real limit the same file is read in full (it is a valid, signed file), so the
    # refusal below is the limit's doing.
    assert sync.preview_import(pair.a, bomb).records == 0

    monkeypatch.setattr(bundle, "MAX_CONTENT_BYTES", 1024 * 1024)
    tracemalloc.start()
    try:
        refused(pair.a, bomb, "unpacks to far more than any real export", "not read")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


# -- not a sync file -----------------------------------------------------------------------------

NOT_SYNC_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "pdf": (
        lambda d: write(d / "letter.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
        NOT_SYNC,
    ),
    "random-bytes": (lambda d: write(d / "noise.clsync", random.Random(1).randbytes(4096)), NOT_SYNC),
    "empty": (lambda d: write(d / "empty.clsync", b""), NOT_SYNC),
    "text": (lambda d: write(d / "notes.clsync", b"Changes for downstairs\n"), NOT_SYNC),
    "age-magic-then-noise": (
        lambda d: write(d / "noise2.clsync", bundle.AGE_MAGIC + random.Random(2).randbytes(4096)),
        "damaged",
    ),
    "a-folder": (lambda d: d, "is a folder"),
    "a-missing-file": (lambda d: d / "not-there.clsync", "There is no file at"),
}


@pytest.mark.parametrize("case", NOT_SYNC_FILES, ids=list(NOT_SYNC_FILES))
def test_a_file_that_is_not_a_sync_file_is_refused(importer: Workspace, tmp_path: Path, case: str) -> None:
    make, fragment = NOT_SYNC_FILES[case]
    folder = tmp_path / "usb"
    folder.mkdir()
    refused(importer, make(folder), fragment)


def test_an_invitation_given_to_import_is_named_as_an_invitation(pair: Pair) -> None:
    refused(pair.a, pair.invitation, "invitation")


def test_a_sync_file_given_as_an_invitation_is_named_as_a_sync_file_and_creates_nothing(pair: Pair) -> None:
    target = pair.tmp / "c"
    with pytest.raises(SyncFileRefused, match="sync file, not an invitation"):
        _join(target, pair.b_file, pair.invitation_code)
    assert not target.exists()


# -- replayed files ------------------------------------------------------------------------------


def test_a_replayed_older_file_applies_nothing_older_over_newer(pair: Pair) -> None:
    a, b = pair.a, pair.b
    # First carry over what the two logins changed, so f1 and f2 hold only the resident.
    exchange(b, a, pair.tmp / "logins.clsync", a.site_id)
    admitted = residents.admit_resident(b, resident_details("Rose", "Tyler", notes="v1"))
    f1 = pair.tmp / "f1.clsync"
    sync.export_changes(b, f1, to_site=a.site_id)
    residents.update_resident(b, admitted.id, resident_details("Rose", "Tyler", notes="v2"))
    f2 = pair.tmp / "f2.clsync"
    sync.export_changes(b, f2, to_site=a.site_id)
    assert sync.import_file(a, f2).applied >= 1
    assert resident_notes(a, "Tyler") == "v2"

    before = stored(a)
    preview = sync.preview_import(a, f1)
    assert stored(a) == before
    assert preview.older_than_last
    assert preview.older >= 1
    assert (preview.new, preview.changed, preview.conflicts) == (0, 0, 0)
    assert not preview.changes_anything
    assert [k.older for k in preview.kinds if k.table == "resident"] == [1]

    with a.read() as s:
        records_before = records.canonical_dump(s)
    result = sync.import_file(a, f1)
    assert result.applied == 0
    assert result.preview.older_than_last
    assert resident_notes(a, "Tyler") == "v2"
    with a.read() as s:
        assert records.canonical_dump(s) == records_before


def test_a_file_imported_twice_changes_nothing_the_second_time(pair: Pair) -> None:
    first = sync.import_file(pair.a, pair.b_file)
    assert first.applied >= 1 and not first.already_imported
    before = stored(pair.a)
    again = sync.import_file(pair.a, pair.b_file)
    assert again.already_imported and again.applied == 0
    assert again.preview.already_imported_at is not None
    assert not again.preview.changes_anything
    assert stored(pair.a) == before


# -- invitations ---------------------------------------------------------------------------------


def _join(target: Path, invitation: Path, code: str) -> tuple[Workspace, str]:
    return sync_enrolment.join_organisation(
        HomePaths(target), invitation, code, username=MANAGER, full_name="", password=B_PASSWORD, kdf=FAST_KDF
    )


def test_a_wrong_invitation_code_creates_nothing(pair: Pair) -> None:
    target = pair.tmp / "c"
    target.mkdir()  # an empty folder picked for the new home stays empty
    before = stored(pair.a)
    with pytest.raises(AuthenticationError, match="code does not open this invitation"):
        _join(target, pair.invitation, "ABCDE-FGHJK-LMNPQ-RSTUV")
    assert list(target.iterdir()) == []
    assert stored(pair.a) == before


INVITATION_DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "byte-flipped-in-the-header": _flip(lambda d: 40),
    "byte-flipped-in-the-middle": _flip(lambda d: len(d) // 2),
    "truncated": _cut(lambda d: len(d) // 2),
}


@pytest.mark.parametrize("case", INVITATION_DAMAGE, ids=list(INVITATION_DAMAGE))
def test_a_damaged_invitation_creates_nothing(pair: Pair, case: str) -> None:
    damaged = write(pair.tmp / "damaged.clinvite", INVITATION_DAMAGE[case](pair.invitation.read_bytes()))
    target = pair.tmp / "c"
    with pytest.raises((AuthenticationError, SyncFileRefused), match="damaged"):
        _join(target, damaged, pair.invitation_code)
    assert not target.exists()


def test_the_invitation_itself_still_works(pair: Pair) -> None:
    """The control for the two tests above: the same invitation and code do set up a PC."""
    ws, _ = _join(pair.tmp / "c", pair.invitation, pair.invitation_code)
    try:
        assert (pair.tmp / "c" / "home.db").exists()
    finally:
        ws.close()


# -- records this PC cannot store ----------------------------------------------------------------


UNSTORABLE: dict[str, tuple[dict[str, object], dict[str, object]]] = {
    "made-at-without-a-time-zone": ({"made_at": datetime(2026, 1, 5, 9, 30)}, {}),
    "a-number-too-big-for-the-database": ({}, {"room": 10**30}),
    "a-required-field-empty": ({}, {"legal_family_name": None}),
    "a-keyworker-who-does-not-exist": ({}, {"keyworker_id": str(uuid.uuid4())}),
}


def _unstorable_file(pair: Pair, case: str) -> Path:
    """A file signed by B holding one new resident, copied from the one A already has (so A has
    imported from B before, and the preview compares this file's date with that one's)."""
    sync.import_file(pair.a, pair.b_file)
    with pair.a.read() as s:
        first = next(iter(records.iter_rows(s, "resident")))
    row = dict(zip(records.column_names("resident"), first, strict=True))
    header_changes, row_changes = UNSTORABLE[case]
    row.update(id=str(uuid.uuid4()), hlc=pair.a.clock.tick().replace(pair.a.site_id, pair.b_site))
    row.update(site_id=pair.b_site, **row_changes)
    table = TableChanges("resident", list(row), [list(row.values())], [{}])
    data = bundle.write(pair.b_keys, header_for(pair, records=1, **header_changes), [table])
    return write(pair.tmp / f"{case}.clsync", data)


@pytest.mark.parametrize("case", UNSTORABLE, ids=list(UNSTORABLE))
def test_a_signed_file_with_records_this_pc_cannot_store_is_refused_plainly(pair: Pair, case: str) -> None:
    path = _unstorable_file(pair, case)
    before = stored(pair.a)
    with pytest.raises(SyncFileRefused, match=NOTHING):
        sync.import_file(pair.a, path)
    assert stored(pair.a) == before


def test_an_invitation_asking_for_more_work_than_any_real_one_is_refused_before_age_tries_it(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A work factor of 22 would make age allocate 4 GiB and grind for many seconds."""
    import pyrage

    data = pair.invitation.read_bytes()
    line = next(part for part in data.split(b"\n") if part.startswith(b"-> scrypt "))
    assert int(line.split()[3]) <= sync_enrolment.MAX_WORK_FACTOR  # a real one is within the cap
    crafted = write(
        pair.tmp / "greedy.clinvite", data.replace(line, b" ".join([*line.split()[:3], b"22"]), 1)
    )

    def no_decrypting(*_: object) -> bytes:
        raise AssertionError("age was asked to open an invitation asking for 4 GiB")

    monkeypatch.setattr(pyrage.passphrase, "decrypt", no_decrypting)
    target = pair.tmp / "c"
    with pytest.raises(SyncFileRefused, match="damaged"):
        _join(target, crafted, pair.invitation_code)
    assert not target.exists()
