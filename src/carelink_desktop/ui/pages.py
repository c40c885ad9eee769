"""What every area of the main window is: a Page, given a ShellContext.

Pages never call each other. To show another record they ask the Navigator (a signal the main
window handles); to learn of changes they list the record kinds they ``watches`` and get
``refresh()`` called when a service publishes a change of that kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QLineEdit, QTableView, QWidget

from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.events import ChangeSignals


class Navigator(QObject):
    """Requests to move around the application; the main window carries them out."""

    open_resident = Signal(str)  # resident id
    open_key_person = Signal(str)  # key person id
    show_area = Signal(str)  # Page.area


@dataclass
class ShellContext:
    """What a page may use: the workspace (services take it), change signals, navigation."""

    ws: Workspace
    changes: ChangeSignals
    navigator: Navigator
    home_name: str


class Page(QWidget):
    """One area of the main window (Residents, Key people, Accounts...)."""

    #: Stable name of the area, used by Navigator.show_area and to remember the last area.
    area: ClassVar[str] = ""
    #: Permission needed to see the area at all (None: everyone).
    permission: ClassVar[Permission | None] = None
    #: Kinds of record (as services publish them) whose changes call refresh().
    watches: ClassVar[tuple[str, ...]] = ()

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def home_is_open(self) -> bool:
        """False once the PC has locked: a late signal (a combo box emits one as it is
        destroyed) must then do nothing rather than reach for the closed home."""
        return not self.ctx.ws.store.closed

    def title(self) -> str:
        """The area's name in the navigation, translated."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload what the page shows from the services."""

    def has_unsaved_changes(self) -> bool:
        """True while a form on this page has edits that are not saved."""
        return False

    def draft(self) -> dict[str, Any] | None:
        """The unsaved form's state (JSON-able), to seal while the PC is locked."""
        return None

    def restore_draft(self, draft: dict[str, Any]) -> None:
        """Put back what ``draft`` returned, after the same person logs in again."""

    def discard_changes(self) -> None:
        """Throw away unsaved edits (the person said so)."""

    def focus_search(self) -> bool:
        """Put the cursor in the page's search box (Ctrl+F); False when it has none."""
        search = getattr(self, "search", None)
        if not isinstance(search, QLineEdit):
            return False
        search.setFocus()
        search.selectAll()
        return True


class _Note(Protocol):
    def show_message(self, text: str) -> None: ...


class _RowsById(Protocol):
    def row_of(self, record_id: str) -> int: ...


FormT = TypeVar("FormT", bound=QDialog)


def open_record_form(
    make: Callable[[], FormT], note: _Note, table: QTableView, model: _RowsById
) -> FormT | None:
    """Open a record's form from a list: a refusal (the record is gone, no permission) is shown
    in ``note``; once the form saves, the saved record (its ``result_view``) is selected."""
    try:
        dialog = make()
    except CareLinkError as exc:
        note.show_message(str(exc))
        return None
    note.show_message("")

    def select_saved() -> None:
        record_id = getattr(getattr(dialog, "result_view", None), "id", None)
        row = model.row_of(record_id) if record_id else -1
        if row >= 0:
            table.selectRow(row)

    dialog.accepted.connect(select_saved)
    dialog.open()
    return dialog
