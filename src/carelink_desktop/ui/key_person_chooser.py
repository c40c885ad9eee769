"""Choosing the key person for a new relationship: a search box over the home's key people (those
already on the resident's map left out) and, for someone not yet known, a short form to add them."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.errors import CareLinkError, ValidationError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.key_people import add_key_person, find_key_people
from carelink_desktop.services.readmodels import KeyPersonView
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.key_person_form import KeyPersonForm, error_label
from carelink_desktop.ui.widgets import (
    FormErrors,
    choose_first,
    choose_id,
    chosen_id,
    goes_to_list,
    refresh_after_typing,
    search_field,
)

#: How many matches the list shows; typing more of the name narrows it.
SHOWN = 50


class KeyPersonChooser(QObject):
    """Search and pick one key person. The dialog lays out ``search_row`` (search box and "Add
    someone new…") and ``list_box`` (the matches, with any problem under them).
    ``chosen_changed`` is emitted when the choice changes."""

    chosen_changed = Signal()

    def __init__(
        self, ws: Workspace, errors: FormErrors, taken: Collection[str] = (), parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.taken = set(taken)
        self.new_dialog: NewKeyPersonDialog | None = None
        self._names: dict[str, str] = {}
        self.search = search_field(self.tr("Name, phone or email"), self.tr("Find a key person"))
        self.search_label = QLabel(self.tr("&Find a key person:"))
        self.search_label.setBuddy(self.search)
        self.choices = QListWidget()
        self.choices.setAccessibleName(self.tr("Key people"))
        lines = self.choices.fontMetrics().lineSpacing()
        self.choices.setMinimumHeight(lines * 5)
        self.choices.setMaximumHeight(lines * 9)
        self.list_label = QLabel(self.tr("Key person:"))
        self.new_button = QPushButton(self.tr("&Add someone new…"))
        self.new_button.setToolTip(self.tr("Add a key person who is not in CareLink yet"))
        self.new_button.setVisible(ws.may(Permission.EDIT_KEY_PEOPLE))
        self.new_button.clicked.connect(self.open_new_person)

        self.search_row = QWidget()
        row = QHBoxLayout(self.search_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 1)
        row.addWidget(self.new_button)
        self.list_box = errors.add("key_person_id", self.choices, self.tr("Key person"))
        QWidget.setTabOrder(self.search, self.new_button)
        QWidget.setTabOrder(self.new_button, self.choices)

        self._debounce = refresh_after_typing(self.search, self.refresh, self)
        self.search.installEventFilter(self)
        self._last: str | None = None
        self.choices.itemSelectionChanged.connect(self._choice_changed)
        self.refresh()

    def refresh(self) -> None:
        """List the matches for the search (keeping the choice while it is still listed)."""
        self._debounce.stop()
        if self.ws.store.closed:  # a late timer after the PC locked
            return
        chosen = self.chosen_id()
        query = self.search.text()
        found = find_key_people(self.ws, query, limit=SHOWN + len(self.taken))
        rows = [p for p in found if p.id not in self.taken][:SHOWN]
        self.choices.blockSignals(True)
        try:
            self.choices.clear()
            for person in rows:
                self._names[person.id] = person.full_name
                text = person.full_name + (f", {person.phone}" if person.phone else "")
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                self.choices.addItem(item)
                if person.id == chosen:
                    self.choices.setCurrentItem(item)
            if not rows:
                on_map = [p.full_name for p in found if p.id in self.taken]
                if on_map:
                    text = self.tr("Already on this resident's map: {names}.").format(names=", ".join(on_map))
                elif query.strip():
                    text = self.tr("Nobody matches “{q}”.").format(q=query.strip())
                else:
                    text = self.tr("There is nobody to choose yet: add someone new.")
                placeholder = QListWidgetItem(text)
                placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
                self.choices.addItem(placeholder)
        finally:
            self.choices.blockSignals(False)
        self._choice_changed()

    def _choice_changed(self) -> None:
        """Say so when a different person is chosen (not when the list merely gets the focus)."""
        chosen = self.chosen_id()
        if chosen != self._last:
            self._last = chosen
            self.chosen_changed.emit()

    def chosen_id(self) -> str | None:
        return chosen_id(self.choices)

    def chosen_name(self) -> str:
        chosen = self.chosen_id()
        return self._names.get(chosen, "") if chosen else ""

    def choose(self, person_id: str) -> bool:
        """Select ``person_id`` (as a click would); False when it is not listed."""
        return choose_id(self.choices, person_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and goes_to_list(event):
            self.refresh()
            self.choices.setFocus()
            choose_first(self.choices)
            return True  # not the dialog's default button: nobody is chosen yet
        return super().eventFilter(watched, event)

    def open_new_person(self) -> NewKeyPersonDialog:
        dialog = NewKeyPersonDialog(self.ws, self.choices.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._added(dialog))
        self.new_dialog = dialog
        dialog.open()
        return dialog

    def _added(self, dialog: NewKeyPersonDialog) -> None:
        view = dialog.result_view
        if view is None:
            return
        self.search.blockSignals(True)
        self.search.setText(view.details.full_name)
        self.search.blockSignals(False)
        self.refresh()
        self.choose(view.id)
        self.choices.setFocus()


class NewKeyPersonDialog(QDialog):
    """Add a key person (their contact details); ``result_view`` holds them after ``accepted``."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.result_view: KeyPersonView | None = None
        self.setWindowTitle(self.tr("Add someone new"))
        self.form = KeyPersonForm()
        self.message = error_label()
        self.message.setAccessibleName(self.tr("Problem adding"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Add &key person"))
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self.form.given_names.setFocus()

    def save(self) -> bool:
        self.message.setVisible(False)
        try:
            self.form.check()
            self.result_view = add_key_person(self.ws, self.form.details())
        except ValidationError as exc:
            first = self.form.show_errors(exc.errors)
            if first is not None:
                first.setFocus()
            return False
        except CareLinkError as exc:
            self.message.setText(str(exc))
            self.message.setVisible(True)
            return False
        self.accept()
        return True

    def reject(self) -> None:
        if self.form.is_modified():
            from carelink_desktop.ui.unsaved import confirm_discard

            if not confirm_discard(self):
                return
        super().reject()
