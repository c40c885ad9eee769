"""Keeping a home sound: verify it, back it up, restore it, read its audit log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from carelink_desktop.domain.accounts import normalise_username
from carelink_desktop.domain.dates import utc_now
from carelink_desktop.domain.errors import (
    AuthenticationError,
    DatabaseDamaged,
    PermissionDenied,
    StorageError,
)
from carelink_desktop.domain.roles import Permission, Role
from carelink_desktop.paths import HomePaths
from carelink_desktop.services.readmodels import AuditEntryView, HomeView
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage import audit
from carelink_desktop.storage.backup import BackupManifest, install_backup, read_backup, write_backup
from carelink_desktop.storage.engine import REQUIRED_PRAGMAS, integrity_problems, raw_connect
from carelink_desktop.storage.keyslots import KdfParams
from carelink_desktop.storage.tables import AuditRow, HomeRow, SiteRow


@dataclass
class VerifyReport:
    """What ``verify`` found: each check with its result, and what is wrong."""

    checks: list[tuple[str, bool, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(passed for _, passed, _ in self.checks)

    def add(self, name: str, passed: bool, detail: str) -> None:
        self.checks.append((name, passed, detail))


def verify_home(ws: Workspace) -> VerifyReport:
    """Cipher settings, SQLite and SQLCipher integrity, and the audit chain."""
    report = VerifyReport()
    conn = ws.store.raw_connection()
    try:
        version = str(conn.execute("PRAGMA cipher_version").fetchone()[0])
        report.add("cipher", version.startswith("4."), f"SQLCipher {version}")
        settings = {
            name: str(conn.execute(f"PRAGMA {name}").fetchone()[0]).lower() for name in REQUIRED_PRAGMAS
        }
        wrong = [f"{k}={v}" for k, v in settings.items() if v != REQUIRED_PRAGMAS[k]]
        report.add(
            "settings",
            not wrong,
            "foreign keys on, temporary data in memory, WAL, synchronous=FULL"
            if not wrong
            else "wrong: " + ", ".join(wrong),
        )
        plain = conn.execute("PRAGMA cipher_plaintext_header_size").fetchone()
        report.add("encryption", not plain or int(plain[0]) == 0, "whole file encrypted, header included")
    finally:
        conn.close()
    problems = integrity_problems(ws.store.raw_connection)
    report.add(
        "integrity",
        not problems,
        "every page authenticated and consistent" if not problems else "; ".join(problems[:5]),
    )
    with ws.read() as session:
        chain = audit.verify_chain(session)
        count = session.scalar(select(AuditRow.seq).order_by(AuditRow.seq.desc()).limit(1)) or 0
    report.add(
        "audit",
        not chain,
        f"{count} entries, chain intact" if not chain else " ".join(p.message for p in chain[:10]),
    )
    return report


def home_view(ws: Workspace) -> HomeView:
    with ws.read() as s:
        site = s.get(SiteRow, ws.site_id)
        home = s.scalars(select(HomeRow).where(HomeRow.deleted.is_(False))).first()
        assert home is not None
        return HomeView(
            home.id,
            home.name,
            home.address,
            home.phone,
            home.regulator_id,
            ws.site_id,
            site.label if site else "",
        )


def back_up(ws: Workspace, destination: Path) -> BackupManifest:
    """An encrypted backup any current manager or the recovery key can restore. Audited."""
    ws.require(Permission.BACKUP_RESTORE, "make backups")
    manifest = write_backup(
        ws.store.paths.database, ws.store.keyslots, ws.store.database_key, destination, created_at=utc_now()
    )
    with ws.work() as w:
        w.audit(
            "backup_made",
            subject_type="home",
            details={"file": destination.name, "records": sum(manifest.tables.values())},
        )
    return manifest


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict[str, object]
    set_aside: Path | None


def restore_home(
    paths: HomePaths, backup_file: Path, username: str, password: str, *, kdf: KdfParams | None = None
) -> RestoreResult:
    """Put a backup in place of the home's database and key slots.

    The person must be an active manager in the backup (the current home may be lost or
    damaged). The files replaced are kept in ``backups/replaced-<time>/``.
    """
    import sqlcipher3

    opened = read_backup(backup_file)
    key = opened.keyslots.unlock_with_password(username, password, kdf or KdfParams())
    staging = paths.root / f".check-{backup_file.name}.db"
    try:
        staging.parent.mkdir(parents=True, exist_ok=True)
        staging.write_bytes(opened.database)
        conn = raw_connect(staging, key)
        try:
            row = conn.execute(
                "SELECT role, active FROM staff_account WHERE username = ? AND deleted = 0",
                (normalise_username(username),),
            ).fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise DatabaseDamaged(
                f"{backup_file.name} is damaged: its database cannot be read. Nothing was restored."
            ) from exc
        finally:
            conn.close()
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{staging}{suffix}").unlink(missing_ok=True)
    if row is None:
        raise AuthenticationError("Wrong username or password.")
    if row[0] != Role.MANAGER.value or not row[1]:
        raise PermissionDenied("Only a manager can restore a backup.")
    set_aside = None
    if paths.database.exists() or paths.keyslots.exists():
        set_aside = _new_folder(paths.backups, f"replaced-{datetime.now().strftime('%Y%m%d-%H%M%S')}")
    install_backup(opened, key, paths.database, paths.keyslots, set_aside)
    return RestoreResult(opened.manifest, set_aside)


def _new_folder(parent: Path, stem: str) -> Path:
    """A folder that did not exist before (stem, stem-2, stem-3...), so nothing is overwritten."""
    parent.mkdir(parents=True, exist_ok=True)
    for n in range(1, 1000):
        candidate = parent / (stem if n == 1 else f"{stem}-{n}")
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate
    raise StorageError(f"Too many folders called {stem} in {parent}.")


def record_restore(ws: Workspace, result: RestoreResult, backup_file: Path) -> None:
    with ws.work() as w:
        w.audit(
            "backup_restored",
            subject_type="home",
            details={
                "file": backup_file.name,
                "made_at": result.manifest.get("created_at"),
                "previous_files_kept_in": str(result.set_aside or ""),
            },
        )


def audit_entries(
    ws: Workspace,
    *,
    actor: str | None = None,
    resident_id: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = 1000,
) -> list[AuditEntryView]:
    """Audit log entries, newest first (managers only). ``since`` and ``until`` are whole local
    days, both included; ``limit=None`` returns every matching entry."""
    ws.require(Permission.VIEW_AUDIT_LOG, "see the audit log")
    stmt = select(AuditRow).order_by(AuditRow.seq.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    if actor:
        stmt = stmt.where(AuditRow.actor_name == normalise_username(actor))
    if resident_id:
        stmt = stmt.where(AuditRow.resident_id == resident_id)
    if action:
        stmt = stmt.where(AuditRow.action == action)
    if since:
        stmt = stmt.where(AuditRow.at >= datetime.combine(since, datetime.min.time()).astimezone())
    if until:
        next_day = datetime.combine(until + timedelta(days=1), datetime.min.time()).astimezone()
        stmt = stmt.where(AuditRow.at < next_day)
    with ws.read() as s:
        return [
            AuditEntryView(
                r.seq, r.at, r.actor_name, r.action, r.subject_type, r.subject_id, r.resident_id, r.details
            )
            for r in s.scalars(stmt)
        ]
