"""Two (and three) enrolled copies of a home exchange sync files: they end with the same records
whatever order files arrive in, edits made apart are kept as conflicts on both, nothing typed is
lost, deletions travel, and an already imported file changes nothing."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, datetime, time
from itertools import permutations
from pathlib import Path

import pytest
from sqlalchemy import select

from carelink_desktop.domain.errors import PermissionDenied, SyncFileRefused
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import Category, RelationshipDetails
from carelink_desktop.domain.roles import Role
from carelink_desktop.domain.visits import VisitDetails, VisitKind
from carelink_desktop.paths import HomePaths
from carelink_desktop.services import sync, sync_conflicts, sync_enrolment
from carelink_desktop.services.access import unlock
from carelink_desktop.services.accounts import add_account
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.residents import admit_resident, update_resident, view_resident
from carelink_desktop.services.visits import record_visit, remove_visit
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.visit_tables import VisitRecordRow
from carelink_desktop.sync.records import canonical_dump
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, resident
from tests.integration.sync_helpers import B_PASSWORD, join, make_home


def dump(ws: Workspace) -> dict[str, list[list[object]]]:
    with ws.read() as s:
        return canonical_dump(s)


class Org:
    """A home 'a' with sync set up and Margaret Jones admitted, and 'b' (downstairs) joined from
    an invitation; more PCs join on request."""

    def __init__(self, root: Path, *, fresh: bool = True) -> None:
        self.root = root
        self.files = 0
        if fresh:
            self.a = make_home(root / "a")
            self.margaret = admit_resident(self.a, resident()).id
            self.b = self.join("downstairs")
        else:
            self.a = self.login("a", MANAGER_PASSWORD)
            self.b = self.login("downstairs", B_PASSWORD)
            with self.a.read() as s:
                from carelink_desktop.storage.tables import ResidentRow

                self.margaret = s.scalars(select(ResidentRow.id)).one()

    def login(self, name: str, password: str) -> Workspace:
        return unlock(
            HomePaths(self.root / name), MANAGER, password, state_dir=self.root / "state", kdf=FAST_KDF
        )

    def join(self, name: str, *, kind: str = "pc") -> Workspace:
        return join(self.a, self.root / name, name, kind=kind)

    def export(self, src: Workspace, dst: Workspace, *, full: bool = False) -> Path:
        self.files += 1
        path = self.root / f"file-{self.files}.clsync"
        sync.export_changes(src, path, to_site=dst.site_id, full=full)
        return path

    def send(self, src: Workspace, dst: Workspace) -> sync.ImportResult:
        return sync.import_file(dst, self.export(src, dst))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Made once per module (joining takes seconds: the invitation's code is stretched)."""
    root = tmp_path_factory.mktemp("sync-template")
    made = Org(root)
    made.a.close()
    made.b.close()
    return root


@pytest.fixture
def org(template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    root = tmp_path / "org"
    shutil.copytree(template, root)
    made = Org(root, fresh=False)
    yield made
    made.a.close()
    made.b.close()


def visit_deleted(ws: Workspace, visit_id: str) -> bool:
    with ws.read() as s:
        row = s.get(VisitRecordRow, visit_id)
        assert row is not None
        return row.deleted


def notes_of(ws: Workspace, resident_id: str) -> str:
    return view_resident(ws, resident_id).details.notes


def test_joined_pc_starts_with_every_record_and_nothing_waiting(tmp_path: Path) -> None:
    fresh = Org(tmp_path / "fresh")
    try:
        assert dump(fresh.b) == dump(fresh.a)
        assert view_resident(fresh.b, fresh.margaret).display_name == "Margaret Jones"
        assert [p.waiting for p in sync.sync_status(fresh.a).partners] == [0]
        assert [p.waiting for p in sync.sync_status(fresh.b).partners] == [0]
    finally:
        fresh.a.close()
        fresh.b.close()


def test_logging_in_is_not_a_change_to_send_nor_a_conflict(org: Org) -> None:
    """Each PC keeps when someone last logged in there; it never travels."""
    # The fixture has just logged in on both copies of a level pair.
    assert sync.sync_status(org.a).waiting == 0
    assert sync.sync_status(org.b).waiting == 0
    org.send(org.a, org.b)
    org.send(org.b, org.a)
    assert sync_conflicts.list_conflicts(org.a) == sync_conflicts.list_conflicts(org.b) == []
    assert dump(org.a) == dump(org.b)
    with org.a.read() as s:
        from carelink_desktop.storage.tables import StaffAccountRow

        assert s.scalars(select(StaffAccountRow.last_login_at)).one() is not None


@pytest.mark.parametrize("a_first", [True, False], ids=["a-then-b", "b-then-a"])
def test_edits_made_apart_converge_in_either_order_and_nothing_typed_is_lost(org: Org, a_first: bool) -> None:
    margaret = view_resident(org.a, org.margaret)
    b = org.b
    base = view_resident(org.a, margaret.id).details
    # Offline: both change Margaret's notes; each also makes records of its own.
    update_resident(org.a, margaret.id, replace(base, notes="Likes tea in the garden."))
    update_resident(b, margaret.id, replace(base, notes="Prefers coffee since October."))
    harold = admit_resident(org.a, resident("Harold", "Smith"))
    susan = add_key_person(b, KeyPersonDetails("Susan", "Jones", phone="07700 900111"))
    daughter = relate(
        b, margaret.id, susan.id, RelationshipDetails(relationship="daughter", category=Category.FAMILY)
    )
    visit = record_visit(
        b,
        margaret.id,
        VisitDetails(VisitKind.VISIT, datetime.combine(date(2026, 11, 20), time(15)), (daughter.id,)),
    )

    to_b, to_a = org.export(org.a, b), org.export(b, org.a)
    if a_first:
        sync.import_file(b, to_b)
        sync.import_file(org.a, to_a)
    else:
        sync.import_file(org.a, to_a)
        sync.import_file(b, to_b)

    assert dump(org.a) == dump(b)
    assert view_resident(b, harold.id).display_name == "Harold Smith"
    assert view_resident(org.a, margaret.id).details.notes == notes_of(b, margaret.id)
    for ws in (org.a, b):
        conflicts = sync_conflicts.list_conflicts(ws)
        notes = [c for c in conflicts if c.field == "notes"]
        assert len(notes) == 1, ws.site_id
        both = {notes[0].kept_value, notes[0].other_value}
        assert both == {"Likes tea in the garden.", "Prefers coffee since October."}
        assert notes[0].record_title == "Margaret Jones"
    with org.a.read() as s:
        assert s.get(VisitRecordRow, visit.id) is not None


def test_settling_a_conflict_on_one_pc_settles_it_on_the_other(org: Org) -> None:
    margaret = view_resident(org.a, org.margaret)
    b = org.b
    base = view_resident(org.a, margaret.id).details
    update_resident(org.a, margaret.id, replace(base, notes="Tea."))
    update_resident(b, margaret.id, replace(base, notes="Coffee."))
    org.send(org.a, b)
    org.send(b, org.a)
    conflict = next(c for c in sync_conflicts.list_conflicts(org.a) if c.field == "notes")
    sync_conflicts.resolve_conflict(org.a, conflict.id, "combined", "Tea in the morning, coffee later.")
    assert notes_of(org.a, margaret.id) == "Tea in the morning, coffee later."
    assert not [c for c in sync_conflicts.list_conflicts(org.a) if c.field == "notes"]

    org.send(org.a, b)
    assert notes_of(b, margaret.id) == "Tea in the morning, coffee later."
    settled = [c for c in sync_conflicts.list_conflicts(b, include_resolved=True) if c.field == "notes"]
    assert [c.resolution for c in settled] == ["superseded"]
    org.send(b, org.a)
    assert dump(org.a) == dump(b)


def test_deletions_travel_as_tombstones(org: Org) -> None:
    margaret = view_resident(org.a, org.margaret)
    susan = add_key_person(org.a, KeyPersonDetails("Susan", "Jones"))
    daughter = relate(
        org.a, margaret.id, susan.id, RelationshipDetails(relationship="daughter", category=Category.FAMILY)
    )
    visit = record_visit(
        org.a,
        margaret.id,
        VisitDetails(VisitKind.PHONE, datetime.combine(date(2026, 11, 21), time(11)), (daughter.id,)),
    )
    b = org.b
    org.send(org.a, b)
    assert not visit_deleted(b, visit.id)
    remove_visit(org.a, visit.id)
    result = org.send(org.a, b)
    assert result.preview.changed >= 1
    assert visit_deleted(b, visit.id)
    org.send(b, org.a)
    assert dump(org.a) == dump(b)


def test_three_sites_end_the_same_whatever_order_files_arrive(org: Org) -> None:
    margaret = view_resident(org.a, org.margaret)
    b = org.b
    offices = [org.join(f"head-office-{i}", kind="head_office") for i in range(2)]
    try:
        org.send(org.a, b)  # downstairs learns of the offices
        base = view_resident(org.a, margaret.id).details
        update_resident(org.a, margaret.id, replace(base, notes="From upstairs.", room="3"))
        update_resident(b, margaret.id, replace(base, notes="From downstairs."))
        admit_resident(b, resident("Ivy", "Patel"))
        admit_resident(org.a, resident("Harold", "Smith"))
        files = {}
        for office in offices:
            files[office.site_id] = [org.export(org.a, office), org.export(b, office)]
        # Each office takes the two files in a different order (and one takes a file twice).
        for office, order in zip(offices, permutations(range(2)), strict=False):
            for i in order:
                sync.import_file(office, files[office.site_id][i])
        again = sync.import_file(offices[0], files[offices[0].site_id][0])
        assert again.already_imported
        assert dump(offices[0]) == dump(offices[1])
        # Upstairs and downstairs catch up through the offices' files: all four agree.
        org.send(offices[0], org.a)
        org.send(offices[1], b)
        assert dump(org.a) == dump(b) == dump(offices[0])
    finally:
        for ws in offices:
            ws.close()


def test_changes_relayed_through_head_office_reach_the_other_pc(org: Org) -> None:
    b = org.b
    office = org.join("head-office", kind="head_office")
    try:
        ivy = admit_resident(org.a, resident("Ivy", "Patel"))
        org.send(org.a, office)
        org.send(office, b)  # downstairs has not met head office: upstairs vouches for it
        assert view_resident(b, ivy.id).display_name == "Ivy Patel"
        # Nothing goes back to where it came from.
        waiting = {p.label: p.waiting for p in sync.sync_status(office).partners}
        assert waiting["Office upstairs"] == 0
    finally:
        office.close()


def test_export_holds_only_changes_since_the_last_file_to_that_pc(org: Org) -> None:
    b = org.b
    status = sync.sync_status(org.a)
    assert status.waiting == 0
    empty = sync.export_changes(org.a, org.root / "empty.clsync", to_site=b.site_id)
    assert empty.records == 0 and not empty.full
    ivy = admit_resident(org.a, resident("Ivy", "Patel"))
    assert sync.sync_status(org.a).waiting == 1
    one = sync.export_changes(org.a, org.root / "one.clsync", to_site=b.site_id)
    assert one.records == 1 and dict(one.kinds) == {"resident": 1}
    assert sync.sync_status(org.a).waiting == 0
    everything = sync.export_changes(org.a, org.root / "all.clsync", to_site=b.site_id, full=True)
    assert everything.full and everything.records > 10
    preview = sync.preview_import(b, org.root / "all.clsync")
    assert preview.full and preview.new == 1 and preview.changed == 0
    assert {k.table: k.new for k in preview.kinds}["resident"] == 1
    sync.import_file(b, org.root / "one.clsync")
    assert view_resident(b, ivy.id).display_name == "Ivy Patel"
    assert sync.preview_import(b, org.root / "all.clsync").new == 0


def test_importing_a_file_again_changes_nothing_and_says_so(org: Org) -> None:
    b = org.b
    admit_resident(org.a, resident("Ivy", "Patel"))
    path = org.export(org.a, b)
    first = sync.import_file(b, path)
    assert first.applied == 1 and not first.already_imported
    before = dump(b)
    audit_before = len(audit_entries(b))
    again = sync.import_file(b, path)
    assert again.already_imported and again.applied == 0
    assert again.preview.already_imported_at is not None
    assert not again.preview.changes_anything
    assert dump(b) == before
    assert len(audit_entries(b)) == audit_before
    assert sync.preview_import(b, path).already_imported_at is not None


def test_dry_run_changes_nothing(org: Org) -> None:
    b = org.b
    admit_resident(org.a, resident("Ivy", "Patel"))
    path = org.export(org.a, b)
    before = dump(b)
    result = sync.import_file(b, path, dry_run=True)
    assert result.preview.new == 1 and result.applied == 0
    assert dump(b) == before
    assert sync.import_file(b, path).applied == 1


def test_every_export_and_import_is_in_the_audit_log(org: Org) -> None:
    b = org.b
    admit_resident(org.a, resident("Ivy", "Patel"))
    org.send(org.a, b)
    exported = [e for e in audit_entries(org.a) if e.action == "sync_exported"]
    imported = [e for e in audit_entries(b) if e.action == "sync_imported"]
    assert len(exported) == 1 and len(imported) == 1
    assert '"records": 1' in imported[0].details or "records" in str(imported[0].details)


def test_only_managers_run_sync(org: Org, state_dir: Path) -> None:
    from carelink_desktop.services.access import unlock

    add_account(
        org.a, username="bea", full_name="Bea Test", role=Role.KEYWORKER, initial_password="Temporary pw 99"
    )
    bea = unlock(HomePaths(org.root / "a"), "bea", "Temporary pw 99", state_dir=state_dir, kdf=FAST_KDF)
    try:
        with pytest.raises(PermissionDenied):
            sync.export_changes(bea, org.root / "x.clsync", to_site=bea.site_id)
        with pytest.raises(PermissionDenied):
            sync_conflicts.list_conflicts(bea)
    finally:
        bea.close()


def test_two_accounts_with_one_username_made_apart_are_refused_with_the_name(org: Org) -> None:
    b = org.b
    add_account(
        org.a,
        username="jo",
        full_name="Jo Upstairs",
        role=Role.KEYWORKER,
        initial_password="Temporary pw 99",
    )
    add_account(
        b,
        username="jo",
        full_name="Jo Downstairs",
        role=Role.KEYWORKER,
        initial_password="Temporary pw 99",
    )
    before = dump(b)
    with pytest.raises(SyncFileRefused, match="'jo'"):
        sync.import_file(b, org.export(org.a, b))
    assert dump(b) == before


def test_a_removed_pc_is_refused_and_the_removal_travels(org: Org) -> None:
    b = org.b
    lost = org.join("lost-laptop")
    try:
        org.send(org.a, b)  # b learns of the laptop
        late = org.export(lost, b)
        sync_enrolment.remove_site(org.a, lost.site_id)
        org.send(org.a, b)
        with pytest.raises(SyncFileRefused, match="removed"):
            sync.import_file(b, late)
        partners = {p.label: p.removed for p in sync.sync_status(b).partners}
        assert partners["lost-laptop"] is True
    finally:
        lost.close()


def test_an_export_that_cannot_be_written_leaves_no_file_and_nothing_marked_sent(
    org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full USB stick (or a crash before the rename): no file under the final name, and the
    changes still wait for the next export."""
    import errno
    import os

    from carelink_desktop.domain.errors import StorageError

    admit_resident(org.a, resident("Ivy", "Patel"))
    waiting = sync.sync_status(org.a).waiting
    audit_before = len(audit_entries(org.a))
    target = org.root / "usb" / "to-b.clsync"
    target.parent.mkdir()

    def disk_full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(StorageError, match="disk is full"):
        sync.export_changes(org.a, target, to_site=org.b.site_id)
    monkeypatch.undo()
    assert list(target.parent.iterdir()) == []
    assert sync.sync_status(org.a).waiting == waiting >= 1
    assert len(audit_entries(org.a)) == audit_before
    assert sync.export_changes(org.a, target, to_site=org.b.site_id).records == waiting
