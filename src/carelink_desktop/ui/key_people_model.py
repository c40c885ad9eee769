"""Qt table model over the key people read model (KeyPersonSummary)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
)

from carelink_desktop.services.readmodels import KeyPersonSummary
from carelink_desktop.ui.table_model import ReadModelTable


class KeyPeopleModel(ReadModelTable):
    """Name, phone, email; the row's id under Qt.UserRole. Archived people say so by their name."""

    HEADERS = (
        QT_TRANSLATE_NOOP("KeyPeopleModel", "Name"),
        QT_TRANSLATE_NOOP("KeyPeopleModel", "Phone"),
        QT_TRANSLATE_NOOP("KeyPeopleModel", "Email"),
    )

    def person_at(self, row: int) -> KeyPersonSummary:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        p: KeyPersonSummary = item
        name = p.full_name or self.tr("(no name)")
        if p.archived:
            name = self.tr("{name} (archived)").format(name=name)
        return (name, p.phone, p.email)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 2 and item.email:
            return item.email
        return None
