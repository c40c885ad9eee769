"""Qt table model over the staff accounts (AccountView), for the managers' Accounts area."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
)

from carelink_desktop.domain.dates import format_uk_datetime
from carelink_desktop.domain.roles import Role
from carelink_desktop.services.readmodels import AccountView
from carelink_desktop.ui.table_model import ReadModelTable

ROLE_LABELS = {
    Role.KEYWORKER: QT_TRANSLATE_NOOP("AccountsModel", "Keyworker"),
    Role.SHIFT_LEAD: QT_TRANSLATE_NOOP("AccountsModel", "Shift lead"),
    Role.MANAGER: QT_TRANSLATE_NOOP("AccountsModel", "Manager"),
}


def role_label(role: Role) -> str:
    """The role's name as staff read it, translated."""
    return QCoreApplication.translate("AccountsModel", str(ROLE_LABELS[role]))


class AccountsModel(ReadModelTable):
    """Username, name, role, status, last login; the account's id under Qt.UserRole."""

    HEADERS = (
        QT_TRANSLATE_NOOP("AccountsModel", "Username"),
        QT_TRANSLATE_NOOP("AccountsModel", "Name"),
        QT_TRANSLATE_NOOP("AccountsModel", "Role"),
        QT_TRANSLATE_NOOP("AccountsModel", "Status"),
        QT_TRANSLATE_NOOP("AccountsModel", "Last login on this PC"),
    )

    def account_at(self, row: int) -> AccountView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def status_text(self, account: AccountView) -> str:
        if not account.active:
            return self.tr("Deactivated")
        if account.must_change_password:
            return self.tr("Active (must choose a new password)")
        return self.tr("Active")

    def cells(self, item: Any) -> tuple[str, ...]:
        a: AccountView = item
        return (
            a.username,
            a.full_name,
            role_label(a.role),
            self.status_text(a),
            format_uk_datetime(a.last_login_at) or self.tr("Never"),
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not item.active:
            from PySide6.QtGui import QPalette
            from PySide6.QtWidgets import QApplication

            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None
