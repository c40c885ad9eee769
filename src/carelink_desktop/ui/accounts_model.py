"""Qt table model over the staff accounts (AccountView), for the managers' Accounts area."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from carelink_desktop.domain.dates import format_uk_datetime
from carelink_desktop.domain.roles import Role
from carelink_desktop.services.readmodels import AccountView

Index = QModelIndex | QPersistentModelIndex

ROLE_LABELS = {
    Role.KEYWORKER: QT_TRANSLATE_NOOP("AccountsModel", "Keyworker"),
    Role.SHIFT_LEAD: QT_TRANSLATE_NOOP("AccountsModel", "Shift lead"),
    Role.MANAGER: QT_TRANSLATE_NOOP("AccountsModel", "Manager"),
}


def role_label(role: Role) -> str:
    """The role's name as staff read it, translated."""
    return QCoreApplication.translate("AccountsModel", str(ROLE_LABELS[role]))


class AccountsModel(QAbstractTableModel):
    """Username, name, role, status, last login; the account's id under Qt.UserRole."""

    HEADERS = (
        QT_TRANSLATE_NOOP("AccountsModel", "Username"),
        QT_TRANSLATE_NOOP("AccountsModel", "Name"),
        QT_TRANSLATE_NOOP("AccountsModel", "Role"),
        QT_TRANSLATE_NOOP("AccountsModel", "Status"),
        QT_TRANSLATE_NOOP("AccountsModel", "Last login"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AccountView] = []

    def set_rows(self, rows: list[AccountView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def account_at(self, row: int) -> AccountView:
        return self._rows[row]

    def row_of(self, account_id: str) -> int:
        """The row showing ``account_id``, or -1."""
        return next((i for i, a in enumerate(self._rows) if a.id == account_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate("AccountsModel", str(self.HEADERS[section]))
        return None

    def status_text(self, account: AccountView) -> str:
        if not account.active:
            return self.tr("Deactivated")
        if account.must_change_password:
            return self.tr("Active (must choose a new password)")
        return self.tr("Active")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        a = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return a.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                a.username,
                a.full_name,
                role_label(a.role),
                self.status_text(a),
                format_uk_datetime(a.last_login_at) or self.tr("Never"),
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not a.active:
            from PySide6.QtGui import QPalette
            from PySide6.QtWidgets import QApplication

            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None
