"""Tables of this copy's sync bookkeeping. None of them travels in a sync file.

``sync_change`` is kept by triggers on every record table (made in migration 0008): one row per
record, moved to a new sequence number whenever the record is added or changed here or by an
import, with the record's version vector (site id -> newest clock value of that site's edits
the record includes). The sequence says what to export since the last file to a partner; the
version vector says whether an incoming version already includes ours or was made apart from it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from carelink_desktop.storage.tables import Base, UtcDateTime


class SyncChangeRow(Base):
    """The newest change of one record, in the order this copy saw changes."""

    __tablename__ = "sync_change"
    __table_args__ = (Index("ix_sync_change_table_seq", "table_name", "seq"),)
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: Moves past every other change each time the record changes (never reused).
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    #: JSON object: site id -> clock value.
    versions: Mapped[str] = mapped_column(Text, default="{}")
    #: The partner the change arrived from (None when made here), so it is not sent back.
    from_site: Mapped[str | None] = mapped_column(String(36))


class SyncFileRow(Base):
    """A sync file this copy wrote or imported: its identity, so a second import changes nothing."""

    __tablename__ = "sync_file"
    file_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    direction: Mapped[str] = mapped_column(String(10))  # "export" or "import"
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    from_site: Mapped[str] = mapped_column(String(36))
    to_site: Mapped[str | None] = mapped_column(String(36))
    made_at: Mapped[datetime] = mapped_column(UtcDateTime)
    done_at: Mapped[datetime] = mapped_column(UtcDateTime)
    done_by: Mapped[str | None] = mapped_column(String(36))
    records: Mapped[int] = mapped_column(Integer, default=0)
    applied: Mapped[int] = mapped_column(Integer, default=0)
    full: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str] = mapped_column(Text, default="")


class SyncPartnerRow(Base):
    """What this copy knows of exchanges with one partner site."""

    __tablename__ = "sync_partner"
    site_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: Changes up to this sequence number have gone in a file to the partner.
    exported_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_export_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_import_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: When the partner made the newest file imported from it (an older one is a replay).
    last_import_made_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SyncConflictRow(Base):
    """Two versions of one field made apart: the one kept in the record and the other one."""

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_open", "resolved_at", "table_name", "row_id"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(60))
    kept_value: Mapped[str | None] = mapped_column(Text)
    kept_hlc: Mapped[str] = mapped_column(String(64))
    kept_by: Mapped[str | None] = mapped_column(String(36))
    kept_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    other_value: Mapped[str | None] = mapped_column(Text)
    other_hlc: Mapped[str] = mapped_column(String(64))
    other_by: Mapped[str | None] = mapped_column(String(36))
    other_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    found_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(36))
    #: "kept", "other", "combined", or "superseded" (a later edit made elsewhere replaced both).
    resolution: Mapped[str] = mapped_column(String(20), default="")
