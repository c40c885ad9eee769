"""Choosing one resident living in the home: type part of the name or the room, pick from the
matches. ``ResidentPicker`` is the widget (for forms); ``ResidentPickerDialog`` asks on its own."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.residents import room_phrase
from carelink_desktop.services.residents import ResidentFilter, find_residents
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.widgets import (
    choose_first,
    choose_id,
    chosen_id,
    goes_to_list,
    refresh_after_typing,
    search_field,
)

#: How many matches the list shows; typing more of the name narrows it.
SHOWN = 60
_ROOM_WORDS = {"room", "rm", "rm."}


def resident_label(name: str, room: str) -> str:
    """ "Florence Thompson, room 12" or "Florence Thompson, Rose Suite" (just the name when the
    room is not known)."""
    return f"{name}, {room_phrase(room)}" if room.strip() else name


class ResidentPicker(QWidget):
    """A search box over the current residents and the list of matches.

    ``chosen_changed`` is emitted when a different resident is chosen; ``chosen_id()`` is None
    until one is. Enter or Down in the search box moves to the list and chooses the first match.
    """

    chosen_changed = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None, *, lines: int = 6) -> None:
        super().__init__(parent)
        self.ws = ws
        self._names: dict[str, str] = {}
        self._last: str | None = None
        self.search = search_field(self.tr("Part of the name or the room"), self.tr("Find a resident"))
        self.search_label = QLabel(self.tr("&Find a resident:"))
        self.search_label.setBuddy(self.search)
        self.choices = QListWidget()
        self.choices.setAccessibleName(self.tr("Residents"))
        spacing = self.choices.fontMetrics().lineSpacing()
        self.choices.setMinimumHeight(spacing * 3)
        self.choices.setMaximumHeight(int(spacing * (lines + 1.5)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_label)
        layout.addWidget(self.search)
        layout.addWidget(self.choices)
        self._debounce = refresh_after_typing(self.search, self.refresh, self)
        self.search.installEventFilter(self)
        self.choices.itemSelectionChanged.connect(self._choice_changed)
        self.refresh()

    def refresh(self) -> None:
        """List the residents matching the search (keeping the choice while it is listed)."""
        self._debounce.stop()
        if self.ws.store.closed:  # a late timer after the PC locked
            return
        chosen = self.chosen_id()
        query = self.search.text()
        # "room 12" finds the resident in room 12 (the word "room" is not part of any record).
        words = [w for w in query.split() if w.casefold() not in _ROOM_WORDS]
        found = find_residents(self.ws, " ".join(words), status=ResidentFilter.CURRENT, limit=SHOWN)
        self.choices.blockSignals(True)
        try:
            self.choices.clear()
            for r in found:
                self._names[r.id] = resident_label(r.display_name, r.room)
                item = QListWidgetItem(self._names[r.id])
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                self.choices.addItem(item)
                if r.id == chosen:
                    self.choices.setCurrentItem(item)
            if not found:
                text = (
                    self.tr("Nobody living here matches “{q}”.").format(q=query.strip())
                    if query.strip()
                    else self.tr("Nobody lives in the home yet.")
                )
                placeholder = QListWidgetItem(text)
                placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
                self.choices.addItem(placeholder)
        finally:
            self.choices.blockSignals(False)
        self._choice_changed()

    def chosen_id(self) -> str | None:
        return chosen_id(self.choices)

    def chosen_label(self) -> str:
        chosen = self.chosen_id()
        return self._names.get(chosen, "") if chosen else ""

    def choose(self, resident_id: str) -> bool:
        """Choose ``resident_id`` as a click would; False when it is not listed."""
        found = choose_id(self.choices, resident_id)
        if found:
            self.choices.currentItem().setSelected(True)
        return found

    def _choice_changed(self) -> None:
        chosen = self.chosen_id()
        if chosen != self._last:
            self._last = chosen
            self.chosen_changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and goes_to_list(event):
            self.refresh()
            self.choices.setFocus()
            choose_first(self.choices)
            return True  # not the dialog's default button: nobody may be chosen yet
        return super().eventFilter(watched, event)


class ResidentPickerDialog(QDialog):
    """Asks which resident; after ``accept``, ``resident_id`` is the one chosen."""

    def __init__(
        self,
        ws: Workspace,
        parent: QWidget | None = None,
        *,
        title: str = "",
        prompt: str = "",
        chosen: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Choose a resident"))
        self.resident_id: str | None = None
        self.picker = ResidentPicker(ws, self)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.prompt.setVisible(bool(prompt))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Choose"))
        self.buttons.accepted.connect(self._choose)
        self.buttons.rejected.connect(self.reject)
        self.picker.chosen_changed.connect(self._update)
        self.picker.choices.itemActivated.connect(lambda _item: self._choose())
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        if chosen:
            self.picker.choose(chosen)
        self._update()
        self.picker.search.setFocus()

    def _update(self) -> None:
        self.ok_button.setEnabled(self.picker.chosen_id() is not None)

    def _choose(self) -> None:
        self.resident_id = self.picker.chosen_id()
        if self.resident_id is not None:
            self.accept()
