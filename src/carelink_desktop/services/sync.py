"""Sync between the organisation's sites: set it up, export changes, import a file, status.

A manager exports the records changed since the last file to a partner site (or everything) to
one file, and imports files from the others. Reading and checking a file touches nothing; the
preview says what it would do; the import applies all of it in one transaction or none of it,
and a file already imported changes nothing the second time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from carelink_desktop.domain.errors import NotFound, StorageError, SyncFileRefused, ValidationError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.validation import Problems, clean
from carelink_desktop.services.sync_labels import kind_label
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage import migrate
from carelink_desktop.storage.atomic import write_atomically
from carelink_desktop.storage.sync_tables import SyncConflictRow, SyncFileRow, SyncPartnerRow
from carelink_desktop.storage.tables import SiteRow
from carelink_desktop.sync import bundle, keys, merge, outgoing
from carelink_desktop.sync.bundle import Bundle, BundleHeader, ChainLink, SiteKey, TableChanges

KIND = "sync"


@dataclass(frozen=True)
class PartnerStatus:
    """One other site of the organisation, as this PC sees it."""

    site_id: str
    label: str
    kind: str
    removed: bool
    last_export_at: datetime | None
    last_import_at: datetime | None
    #: Changed records that would go in the next file to this partner.
    waiting: int


@dataclass(frozen=True)
class SyncStatus:
    """Whether sync is set up, this site, its partners and the conflicts waiting."""

    set_up: bool
    organisation_id: str | None
    site_id: str
    site_label: str
    partners: tuple[PartnerStatus, ...]
    open_conflicts: int

    @property
    def waiting(self) -> int:
        """The most changes waiting for any partner still in the organisation."""
        return max((p.waiting for p in self.partners if not p.removed), default=0)

    @property
    def last_export_at(self) -> datetime | None:
        return max((p.last_export_at for p in self.partners if p.last_export_at), default=None)

    @property
    def last_import_at(self) -> datetime | None:
        return max((p.last_import_at for p in self.partners if p.last_import_at), default=None)


@dataclass(frozen=True)
class KindCount:
    """How many records of one kind a file adds, changes, or holds in an older version."""

    table: str
    label: str
    new: int
    changed: int
    older: int
    conflicts: int


@dataclass(frozen=True)
class ImportPreview:
    """What a sync file holds and what importing it would do here."""

    path: Path
    file_id: str
    from_site: str
    from_label: str
    made_at: datetime
    full: bool
    records: int
    kinds: tuple[KindCount, ...]
    new: int
    changed: int
    older: int
    conflicts: int
    #: When this file was imported before (then importing it again changes nothing).
    already_imported_at: datetime | None
    #: True when a newer file from the same site has been imported already.
    older_than_last: bool

    @property
    def changes_anything(self) -> bool:
        return self.already_imported_at is None and bool(self.new or self.changed or self.conflicts)


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    preview: ImportPreview
    applied: int
    already_imported: bool


@dataclass(frozen=True)
class ExportResult:
    """A file written by ``export_changes``."""

    path: Path
    file_id: str
    records: int
    full: bool
    to_site: str
    to_label: str
    kinds: tuple[tuple[str, int], ...]


# -- set-up and status ------------------------------------------------------------------------


def set_up_sync(ws: Workspace, *, label: str | None = None) -> SyncStatus:
    """Make this home an organisation of one site, ready to add PCs, naming this PC ``label``
    (the PC's network name by default). Done once; later calls only rename this PC."""
    ws.require(Permission.RUN_SYNC, "set up sync")
    if label is not None:
        problems = Problems()
        problems.require("label", label, "This PC's name")
        problems.max_length("label", clean(label), "This PC's name", 120)
        problems.raise_if_any()
    with ws.work() as w:
        site = w.session.get(SiteRow, ws.site_id)
        if site is None:
            raise NotFound("This PC's site record is missing: restore the home from a backup.")
        if keys.load(w.session) is None:
            made = keys.new_organisation()
            keys.store(w.session, made)
            site.signing_key = made.public_signing_key
            if label is not None:
                site.label = clean(label)
            w.touched(site, "sync_set_up", kind="site", details={"organisation": made.organisation_id})
        elif label is not None and clean(label) != site.label:
            details = {"from": site.label, "to": clean(label)}
            site.label = clean(label)
            w.touched(site, "sync_site_renamed", kind="site", details=details)
    return sync_status(ws)


def save_organisation_key(ws: Workspace, path: Path, password: str) -> None:
    """Save the organisation's key as the standard ``age`` tool reads it, for a manager to keep
    locked away: with it any sync file can be opened if CareLink itself cannot be run. The
    manager's password is asked again first; the file is readable by its owner only."""
    from carelink_desktop.services.accounts import confirm_password

    ws.require(Permission.RUN_SYNC, "save the organisation's key")
    confirm_password(ws, password, failure="Your password is not right: the key was not saved.")
    with ws.work() as w:
        write_atomically(
            Path(path), organisation_keys(w.session).key_file_text().encode(), what="the key", private=True
        )
        w.audit(
            "sync_key_saved", subject_type="site", subject_id=ws.site_id, details={"file": Path(path).name}
        )


def organisation_keys(session: Session) -> keys.OrganisationKeys:
    found = keys.load(session)
    if found is None:
        raise SyncFileRefused("Sync has not been set up on this PC: set it up in the Sync area first.")
    return found


def sync_status(ws: Workspace) -> SyncStatus:
    """Last export and import per partner and the changes waiting for each."""
    with ws.read() as s:
        found = keys.load(s)
        me = s.get(SiteRow, ws.site_id)
        partners: list[PartnerStatus] = []
        known = {p.site_id: p for p in s.scalars(select(SyncPartnerRow))}
        for site in s.scalars(select(SiteRow).where(SiteRow.id != ws.site_id, SiteRow.deleted.is_(False))):
            state = known.get(site.id)
            partners.append(
                PartnerStatus(
                    site.id,
                    site.label,
                    site.kind,
                    site.removed,
                    state.last_export_at if state else None,
                    state.last_import_at if state else None,
                    outgoing.waiting_count(s, since_seq=state.exported_seq if state else 0, partner=site.id),
                )
            )
        conflicts = s.scalar(
            select(func.count()).select_from(SyncConflictRow).where(SyncConflictRow.resolved_at.is_(None))
        )
        my_label = me.label if me else ""
    partners.sort(key=lambda p: (p.removed, p.label.casefold()))
    return SyncStatus(
        found is not None,
        found.organisation_id if found else None,
        ws.site_id,
        my_label,
        tuple(partners),
        int(conflicts or 0),
    )


# -- export -----------------------------------------------------------------------------------


def export_changes(ws: Workspace, path: Path, *, to_site: str, full: bool = False) -> ExportResult:
    """Write every change since the last file to ``to_site`` (or everything) to ``path``.

    The file is written atomically; the partner's mark moves on only once it is safely on disk."""
    ws.require(Permission.RUN_SYNC, "export sync files")
    path = Path(path)
    if not path.parent.is_dir():
        raise ValidationError({"path": f"The folder {path.parent} does not exist (is the USB stick in?)."})
    with ws.work() as w:
        w.session.execute(text("SELECT 1 FROM sync_change LIMIT 1"))  # take the write lock first
        org = organisation_keys(w.session)
        partner = w.session.get(SiteRow, to_site)
        if partner is None or partner.deleted or partner.id == ws.site_id:
            raise NotFound("That PC is not a member of this organisation.")
        if partner.removed:
            raise ValidationError({"to_site": f"{partner.label} has been removed from the organisation."})
        state = w.session.get(SyncPartnerRow, to_site)
        newest = outgoing.newest_seq(w.session)
        since = None if full or state is None else state.exported_seq
        tables = outgoing.gather(w.session, since_seq=since, partner=None if full else to_site)
        header = new_header(w, org, tables, to_site=to_site, full=since is None)
        data = bundle.write(org, header, tables)
        if len(data) > bundle.MAX_FILE_BYTES:
            raise StorageError("These changes are too many for one file: export again in a week's parts.")
        write_atomically(path, data, what="the sync file", private=True)
        w.undo.append(lambda: path.unlink(missing_ok=True))
        if state is None:
            state = SyncPartnerRow(site_id=to_site, exported_seq=0)
            w.session.add(state)
        state.exported_seq, state.last_export_at = newest, w.now
        _log_file(w, header, bundle.file_sha256(data), "export", path, header.records, 0)
        kinds = tuple((t.name, len(t.rows)) for t in tables)
        w.audit(
            "sync_exported",
            subject_type="site",
            subject_id=to_site,
            details={"file": path.name, "records": header.records, "full": header.full, "to": partner.label},
        )
        w.changed(KIND, "exported", to_site)
    return ExportResult(path, header.file_id, header.records, header.full, to_site, partner.label, kinds)


def new_header(
    w: Work, org: keys.OrganisationKeys, tables: list[TableChanges], *, to_site: str, full: bool
) -> BundleHeader:
    """The header of a file this site is about to write (an export or an invitation's copy)."""
    me = w.session.get(SiteRow, w.workspace.site_id)
    return BundleHeader(
        organisation_id=org.organisation_id,
        site_id=w.workspace.site_id,
        site_label=me.label if me else "",
        file_id=str(uuid.uuid4()),
        made_at=w.now,
        full=full,
        to_site=to_site,
        schema=migrate.SCHEMA_HEAD,
        records=sum(len(t.rows) for t in tables),
        chain=sender_chain(w.session, w.workspace.site_id),
    )


def sender_chain(session: Session, site_id: str) -> tuple[ChainLink, ...]:
    """This site, the site that added it, and so on (for PCs that have not met this one yet)."""
    chain: list[ChainLink] = []
    current = session.get(SiteRow, site_id)
    while (
        current is not None and len(chain) < bundle.MAX_CHAIN and current.id not in {c.site_id for c in chain}
    ):
        chain.append(
            ChainLink(
                current.id, current.label, current.signing_key, current.endorsed_by, current.endorsement
            )
        )
        current = session.get(SiteRow, current.endorsed_by) if current.endorsed_by else None
    return tuple(chain)


def _log_file(  # noqa: PLR0917
    w: Work, header: BundleHeader, sha256: str, direction: str, path: Path, records: int, applied: int
) -> None:
    w.session.add(
        SyncFileRow(
            file_id=header.file_id,
            direction=direction,
            sha256=sha256,
            from_site=header.site_id,
            to_site=header.to_site,
            made_at=header.made_at,
            done_at=w.now,
            done_by=w.actor.id,
            records=records,
            applied=applied,
            full=int(header.full),
            file_name=path.name,
        )
    )


# -- import -----------------------------------------------------------------------------------


def read_file(path: Path) -> bytes:
    """The bytes of a sync file, refusing one far larger than any real export before reading."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > bundle.MAX_FILE_BYTES:
            raise SyncFileRefused(bundle.too_large_message(size))
        return path.read_bytes()
    except FileNotFoundError:
        raise SyncFileRefused(f"There is no file at {path}. Nothing was imported.") from None
    except IsADirectoryError:
        raise SyncFileRefused(f"{path} is a folder, not a sync file. Nothing was imported.") from None
    except OSError as exc:
        raise SyncFileRefused(
            f"Could not read {path}: {exc.strerror or exc}. Nothing was imported."
        ) from None


def _site_keys(session: Session) -> dict[str, SiteKey]:
    return {
        site.id: SiteKey(site.label, site.signing_key, site.removed)
        for site in session.scalars(select(SiteRow).where(SiteRow.deleted.is_(False)))
        if site.signing_key
    }


def open_file(session: Session, data: bytes, site_id: str) -> Bundle:
    """Check a sync file against this copy's keys and sites (reads only)."""
    org = organisation_keys(session)
    sites = _site_keys(session)
    found = bundle.read(data, org, sites.get, schema=migrate.SCHEMA_HEAD)
    if found.header.site_id == site_id:
        raise SyncFileRefused(
            "This sync file was made on this PC: import it on another one. Nothing was imported."
        )
    return found


def preview_import(ws: Workspace, path: Path) -> ImportPreview:
    """What a file holds and what importing it would do, without changing anything."""
    ws.require(Permission.RUN_SYNC, "import sync files")
    path = Path(path)
    data = read_file(path)
    with ws.read() as s:
        found = _earlier_or_opened(s, data, ws.site_id)
        if isinstance(found, SyncFileRow):
            return _repeat_preview(s, path, found)
        return _preview(s, path, found, merge.plan(s, found))


def _earlier_or_opened(session: Session, data: bytes, site_id: str) -> SyncFileRow | Bundle:
    """The record of this file's earlier import (known by its bytes, or once opened by its id),
    or the file itself, opened and checked."""
    earlier = _already_imported(session, bundle.file_sha256(data))
    if earlier is not None:
        return earlier
    found = open_file(session, data, site_id)
    return session.get(SyncFileRow, found.header.file_id) or found


def _already_imported(session: Session, sha256: str) -> SyncFileRow | None:
    return session.scalars(
        select(SyncFileRow).where(SyncFileRow.sha256 == sha256, SyncFileRow.direction == "import")
    ).first()


def _preview(session: Session, path: Path, found: Bundle, the_plan: merge.ImportPlan) -> ImportPreview:
    """What a file not imported before would do (``_repeat_preview`` tells of one that was)."""
    header = found.header
    partner = session.get(SyncPartnerRow, header.site_id)
    older = bool(partner and partner.last_import_made_at and header.made_at < partner.last_import_made_at)
    kinds = tuple(
        KindCount(
            t.name,
            kind_label(t.name, 2),
            t.new,
            t.changed,
            t.older,
            t.conflicted,
        )
        for t in the_plan.tables
        if t.new or t.changed or t.older or t.conflicted or t.unchanged
    )
    return ImportPreview(
        path=path,
        file_id=header.file_id,
        from_site=header.site_id,
        from_label=header.site_label,
        made_at=header.made_at,
        full=header.full,
        records=found.record_count,
        kinds=kinds,
        new=the_plan.new,
        changed=the_plan.changed,
        older=the_plan.older,
        conflicts=sum(t.conflicted for t in the_plan.tables),
        already_imported_at=None,
        older_than_last=older,
    )


def import_file(ws: Workspace, path: Path, *, dry_run: bool = False) -> ImportResult:
    """Apply a sync file in one transaction (or, with ``dry_run``, only say what it would do).

    A file imported before changes nothing and says so; a refused file changes nothing at all."""
    ws.require(Permission.RUN_SYNC, "import sync files")
    path = Path(path)
    data = read_file(path)
    with ws.read() as s:
        found = _earlier_or_opened(s, data, ws.site_id)
        if isinstance(found, SyncFileRow):
            return ImportResult(_repeat_preview(s, path, found), 0, already_imported=True)
        if dry_run:
            return ImportResult(_preview(s, path, found, merge.plan(s, found)), 0, already_imported=False)
    try:
        preview, applied = _apply_file(ws, path, found, bundle.file_sha256(data))
    except merge.cannot_store():
        raise merge.refused_storing() from None
    return ImportResult(preview, applied, already_imported=False)


def _apply_file(ws: Workspace, path: Path, found: Bundle, sha256: str) -> tuple[ImportPreview, int]:
    """Apply a checked file in one transaction, with its bookkeeping and audit entry."""
    with ws.work() as w:
        sender = w.session.get(SiteRow, found.header.site_id)
        if sender is not None and sender.removed:  # (None: a new site, vouched for in the file)
            raise SyncFileRefused("The PC that made this file has just been removed. Nothing was imported.")
        the_plan = merge.plan(w.session, found)
        preview = _preview(w.session, path, found, the_plan)
        if the_plan.newest_hlc:
            ws.clock.observe(the_plan.newest_hlc)
        applied = merge.apply(w.session, the_plan, from_site=found.header.site_id, now=w.now)
        partner = w.session.get(SyncPartnerRow, found.header.site_id)
        if partner is None:
            partner = SyncPartnerRow(site_id=found.header.site_id, exported_seq=0)
            w.session.add(partner)
        partner.last_import_at = w.now
        if partner.last_import_made_at is None or found.header.made_at > partner.last_import_made_at:
            partner.last_import_made_at = found.header.made_at
        _log_file(w, found.header, sha256, "import", path, found.record_count, applied)
        w.audit(
            "sync_imported",
            subject_type="site",
            subject_id=found.header.site_id,
            details={
                "file": path.name,
                "from": found.header.site_label,
                "records": found.record_count,
                "new": the_plan.new,
                "changed": the_plan.changed,
                "older": the_plan.older,
                "conflicts": preview.conflicts,
            },
        )
        for table_plan in the_plan.tables:
            if table_plan.writes:
                w.changed(table_plan.name, "updated")
        w.changed(KIND, "imported", found.header.site_id)
    return preview, applied


def _repeat_preview(session: Session, path: Path, earlier: SyncFileRow) -> ImportPreview:
    """A file imported before: what it was, and that importing it again changes nothing."""
    return ImportPreview(
        path=path,
        file_id=earlier.file_id,
        from_site=earlier.from_site,
        from_label=_site_label(session, earlier.from_site),
        made_at=earlier.made_at,
        full=bool(earlier.full),
        records=earlier.records,
        kinds=(),
        new=0,
        changed=0,
        older=0,
        conflicts=0,
        already_imported_at=earlier.done_at,
        older_than_last=False,
    )


def _site_label(session: Session, site_id: str) -> str:
    site = session.get(SiteRow, site_id)
    return site.label if site else "another PC"
