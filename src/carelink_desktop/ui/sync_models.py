"""Qt tables of the Sync area (the other PCs, what a sync file holds, the conflicts) and the
few words that describe sync's state in the status bar."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from carelink_desktop.domain.dates import format_uk_date, format_uk_datetime
from carelink_desktop.services.sync import KindCount, PartnerStatus, SyncStatus
from carelink_desktop.services.sync_conflicts import ConflictView
from carelink_desktop.ui.table_model import ReadModelTable

SITE_KINDS = {
    "pc": QT_TRANSLATE_NOOP("SyncModels", "PC in the home"),
    "head_office": QT_TRANSLATE_NOOP("SyncModels", "Head office"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncModels", text)


def site_kind_label(kind: str) -> str:
    """ "PC in the home" or "Head office", translated."""
    return _tr(str(SITE_KINDS.get(kind, kind)))


def local_day(value: datetime | None) -> str:
    """The day (dd/mm/yyyy, local time) of a stored moment, or ""."""
    if value is None:
        return ""
    return format_uk_date((value.astimezone() if value.tzinfo else value).date())


def local_time(value: datetime | None) -> str:
    """hh:mm in local time, or ""."""
    if value is None:
        return ""
    return (value.astimezone() if value.tzinfo else value).strftime("%H:%M")


def counted(n: int, one: str, many: str) -> str:
    """ "1 change" / "12 changes" (``one`` and ``many`` already translated, ``many`` with {n})."""
    return one if n == 1 else many.format(n=f"{n:,}")


def status_line(status: SyncStatus) -> str:
    """ "Sync: 12 changes waiting · last export 21/11/2026 · 2 conflicts" (parts that are zero
    or never are left out)."""
    parts = []
    if status.waiting:
        parts.append(counted(status.waiting, _tr("1 change waiting"), _tr("{n} changes waiting")))
    if status.last_export_at is not None:
        parts.append(_tr("last export {day}").format(day=local_day(status.last_export_at)))
    if status.open_conflicts:
        parts.append(counted(status.open_conflicts, _tr("1 conflict"), _tr("{n} conflicts")))
    if not parts:
        return _tr("Sync: nothing waiting")
    return _tr("Sync: {parts}").format(parts=" · ".join(parts))


def file_name_part(label: str) -> str:
    """A PC's name as part of a file name: letters, digits and dashes only."""
    cleaned = re.sub(r"[^\w]+", "-", label, flags=re.UNICODE).strip("-_")
    return cleaned[:40] or "PC"


def export_file_name(me: str, partner: str, day: date) -> str:
    """e.g. ``Rosewood-to-Downstairs-2026-11-22.clsync``."""
    return f"{file_name_part(me)}-to-{file_name_part(partner)}-{day.isoformat()}.clsync"


def _greyed() -> Any:
    return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class PartnersModel(ReadModelTable):
    """The other PCs and head office: name, kind, last export and import, changes waiting.
    A removed PC is greyed and says so. The site's id is under Qt.UserRole."""

    HEADERS: ClassVar[tuple[object, ...]] = (
        QT_TRANSLATE_NOOP("PartnersModel", "PC or office"),
        QT_TRANSLATE_NOOP("PartnersModel", "Kind"),
        QT_TRANSLATE_NOOP("PartnersModel", "Last export to it"),
        QT_TRANSLATE_NOOP("PartnersModel", "Last import from it"),
        QT_TRANSLATE_NOOP("PartnersModel", "Changes waiting"),
    )
    WAITING_COLUMN = 4

    def item_id(self, item: Any) -> Any:
        return item.site_id

    def partner_at(self, row: int) -> PartnerStatus:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        p: PartnerStatus = item
        name = self.tr("{name} (removed)").format(name=p.label) if p.removed else p.label
        return (
            name,
            site_kind_label(p.kind),
            format_uk_datetime(p.last_export_at) or self.tr("Never"),
            format_uk_datetime(p.last_import_at) or self.tr("Never"),
            "—" if p.removed else f"{p.waiting:,}",
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and item.removed:
            return _greyed()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.WAITING_COLUMN:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and item.removed:
            return self.tr("Removed from the organisation: files from it are refused.")
        return None


class KindsModel(ReadModelTable):
    """What a sync file would do, one row per kind of record."""

    HEADERS: ClassVar[tuple[object, ...]] = (
        QT_TRANSLATE_NOOP("KindsModel", "Kind of record"),
        QT_TRANSLATE_NOOP("KindsModel", "New"),
        QT_TRANSLATE_NOOP("KindsModel", "Changed"),
        QT_TRANSLATE_NOOP("KindsModel", "Older (skipped)"),
        QT_TRANSLATE_NOOP("KindsModel", "Conflicts"),
    )

    def item_id(self, item: Any) -> Any:
        return item.table

    def cells(self, item: Any) -> tuple[str, ...]:
        k: KindCount = item
        label = k.label[:1].upper() + k.label[1:]
        return (label, f"{k.new:,}", f"{k.changed:,}", f"{k.older:,}", f"{k.conflicts:,}")

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return _RIGHT
        return None


class ConflictsModel(ReadModelTable):
    """Conflicts: whose record, which detail, when found and whether settled."""

    HEADERS: ClassVar[tuple[object, ...]] = (
        QT_TRANSLATE_NOOP("ConflictsModel", "Record"),
        QT_TRANSLATE_NOOP("ConflictsModel", "Detail"),
        QT_TRANSLATE_NOOP("ConflictsModel", "Found"),
        QT_TRANSLATE_NOOP("ConflictsModel", "Status"),
    )

    def conflict_at(self, row: int) -> ConflictView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        c: ConflictView = item
        status = self.tr("Open") if c.resolved_at is None else _tr(c.resolution_label)
        return (c.record_title, c.field_label, format_uk_datetime(c.found_at), status)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and item.resolved_at is not None:
            return _greyed()
        return None
