"""Links between key people and residents, from either side: the dialog that makes a link (the
record given is fixed, the other is chosen) and the panel that lists a record's links."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.errors import CareLinkError, ValidationError
from carelink_desktop.services.key_people import find_key_people, view_key_person
from carelink_desktop.services.links import LinkView, key_people_of, link_key_person, residents_of, unlink
from carelink_desktop.services.residents import find_residents, view_resident
from carelink_desktop.ui.key_person_form import error_label, heading_label
from carelink_desktop.ui.pages import ShellContext
from carelink_desktop.ui.widgets import (
    choose_first,
    choose_id,
    chosen_id,
    goes_to_list,
    refresh_after_typing,
    search_field,
)

#: How many matches the list shows; typing more of the name narrows it.
SHOWN = 50
LINK_ROLE = Qt.ItemDataRole.UserRole + 1


class LinkResidentDialog(QDialog):
    """``LinkResidentDialog(ctx, key_person_id=...)`` chooses a resident for that key person;
    ``LinkResidentDialog(ctx, resident_id=...)`` chooses a key person for that resident.
    On OK the link is made; ``link`` then holds it and the dialog is accepted."""

    def __init__(
        self,
        ctx: ShellContext,
        *,
        key_person_id: str | None = None,
        resident_id: str | None = None,
        name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if (key_person_id is None) == (resident_id is None):
            raise ValueError("Give exactly one of key_person_id and resident_id.")
        self.ctx = ctx
        self.key_person_id = key_person_id
        self.resident_id = resident_id
        self.link: LinkView | None = None
        self.choosing_resident = key_person_id is not None
        if self.choosing_resident:
            assert key_person_id is not None
            name = name or view_key_person(ctx.ws, key_person_id).details.full_name
            self.setWindowTitle(self.tr("Link to a resident"))
            heading = self.tr("Link {name} to a resident").format(name=name)
            find_text = self.tr("&Find a resident:")
            placeholder = self.tr("Name, preferred name or room")
            list_name = self.tr("Residents")
            self._taken = {v.resident_id for v in residents_of(ctx.ws, key_person_id)}
        else:
            assert resident_id is not None
            name = name or view_resident(ctx.ws, resident_id).display_name
            self.setWindowTitle(self.tr("Link a key person"))
            heading = self.tr("Link a key person to {name}").format(name=name)
            find_text = self.tr("&Find a key person:")
            placeholder = self.tr("Name, phone or email")
            list_name = self.tr("Key people")
            self._taken = {v.key_person_id for v in key_people_of(ctx.ws, resident_id)}

        title = heading_label(heading, 1.2)
        title.setTextFormat(Qt.TextFormat.PlainText)

        self.search = search_field(placeholder, find_text.replace("&", "").rstrip(":"))
        search_label = QLabel(find_text)
        search_label.setBuddy(self.search)
        self.choices = QListWidget()
        self.choices.setAccessibleName(list_name)
        self.choices.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.choice_error = error_label()
        self.choice_error.setAccessibleName(self.tr("Problem with the choice"))

        self.relationship = QComboBox()
        self.relationship.setEditable(True)
        self.relationship.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.relationship.addItems(self.common_relationships())
        self.relationship.setCurrentIndex(-1)
        self.relationship.setEditText("")
        line = self.relationship.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("e.g. daughter, friend, neighbour"))
        line.setMaxLength(60)
        completer = QCompleter(self.common_relationships(), self.relationship)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.relationship.setCompleter(completer)
        self.relationship.setAccessibleName(self.tr("Relationship"))
        relationship_label = QLabel(
            self.tr("&Relationship to the resident:")
            if self.choosing_resident
            else self.tr("&Relationship to {name}:").format(name=name)
        )
        relationship_label.setBuddy(self.relationship)
        relationship_label.setWordWrap(True)
        self.relationship_error = error_label()
        self.relationship_error.setAccessibleName(self.tr("Problem with the relationship"))
        self.message = error_label()
        self.message.setAccessibleName(self.tr("Problem linking"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Link"))
        self.buttons.accepted.connect(self._link)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addSpacing(self.fontMetrics().height() // 2)
        parts: list[QWidget] = [search_label, self.search, self.choices, self.choice_error]
        parts += [relationship_label, self.relationship, self.relationship_error, self.message, self.buttons]
        for part in parts:
            layout.addWidget(part, 1 if part is self.choices else 0)
        QWidget.setTabOrder(self.search, self.choices)
        QWidget.setTabOrder(self.choices, self.relationship)
        QWidget.setTabOrder(self.relationship, self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

        self._debounce = refresh_after_typing(self.search, self.refresh, self)
        self.search.installEventFilter(self)  # Enter in the search box goes to the list
        self.choices.itemSelectionChanged.connect(self._choice_made)
        self.relationship.editTextChanged.connect(lambda *_: self._show(self.relationship_error, ""))
        self.refresh()
        self.search.setFocus()

    def common_relationships(self) -> list[str]:
        """Suggestions for the relationship box; anything else may be typed."""
        # Translators: keep the ", " between the suggestions.
        words = self.tr(
            "daughter, son, wife, husband, partner, sister, brother, granddaughter, grandson, niece, "
            "nephew, friend, neighbour, unpaid carer, advocate, GP, social worker, faith leader"
        )
        return [w.strip() for w in words.split(",") if w.strip()]

    def refresh(self) -> None:
        """List the matches for what is in the search box (keeping the choice if still listed)."""
        if self.ctx.ws.store.closed:  # a late timer after the PC locked
            return
        chosen = self.chosen_id()
        query = self.search.text()
        if self.choosing_resident:
            rows = [
                (r.id, r.display_name + self._room(r.room))
                for r in find_residents(self.ctx.ws, query, limit=SHOWN)
            ]
        else:
            rows = [
                (p.id, p.full_name + (f", {p.phone}" if p.phone else ""))
                for p in find_key_people(self.ctx.ws, query, limit=SHOWN)
            ]
        self.choices.clear()
        for record_id, text in rows:
            taken = record_id in self._taken
            item = QListWidgetItem(self.tr("{name} (already linked)").format(name=text) if taken else text)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            if taken:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsSelectable)
            self.choices.addItem(item)
            if record_id == chosen and not taken:
                self.choices.setCurrentItem(item)
        if not rows:
            placeholder = QListWidgetItem(
                self.tr("Nobody matches “{q}”.").format(q=query.strip())
                if query.strip()
                else self.tr("There is nobody to choose yet.")
            )
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.choices.addItem(placeholder)

    def _room(self, room: str) -> str:
        """Room 12 shows as ", room 12"; a room that already says what it is as ", Garden 1"."""
        if not room:
            return ""
        return self.tr(", room {room}").format(room=room) if room[0].isdigit() else f", {room}"

    def chosen_id(self) -> str | None:
        """The id of the resident (or key person) chosen in the list."""
        return chosen_id(self.choices)

    def choose(self, record_id: str) -> bool:
        """Select ``record_id`` in the list (as a click would); False when it is not listed."""
        return choose_id(self.choices, record_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and goes_to_list(event):
            self._focus_list()
            return True  # not the Link button: nothing is chosen yet
        return super().eventFilter(watched, event)

    def _focus_list(self) -> None:
        self._debounce.stop()
        self.refresh()
        self.choices.setFocus()
        choose_first(self.choices)

    def _choice_made(self) -> None:
        if self.chosen_id() is not None:
            self._show(self.choice_error, "")

    @staticmethod
    def _show(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _link(self) -> None:
        for label in (self.choice_error, self.relationship_error, self.message):
            self._show(label, "")
        chosen = self.chosen_id()
        if chosen is None:
            self._show(
                self.choice_error,
                self.tr("Choose a resident from the list.")
                if self.choosing_resident
                else self.tr("Choose a key person from the list."),
            )
            self.choices.setFocus()
            return
        resident_id = chosen if self.choosing_resident else self.resident_id
        key_person_id = self.key_person_id if self.choosing_resident else chosen
        assert resident_id is not None and key_person_id is not None
        try:
            self.link = link_key_person(
                self.ctx.ws, resident_id, key_person_id, self.relationship.currentText()
            )
        except ValidationError as exc:
            errors = dict(exc.errors)
            if "relationship" in errors:
                self._show(self.relationship_error, errors.pop("relationship"))
                self.relationship.setFocus()
            if errors:
                self._show(self.choice_error, "\n".join(errors.values()))
            return
        except CareLinkError as exc:
            self._show(self.message, str(exc))
            return
        self.accept()


class LinksPanel(QWidget):
    """A record's links with Link… and Unlink. ``of="key_person"`` lists the residents a key
    person is linked to (activating one asks the navigator to open the resident);
    ``of="resident"`` lists a resident's key people. ``said`` carries a message for a status line."""

    said = Signal(str)

    def __init__(self, ctx: ShellContext, *, of: str = "key_person", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if of not in ("key_person", "resident"):
            raise ValueError("of is 'key_person' or 'resident'.")
        self.ctx = ctx
        self.of = of
        self.record_id: str | None = None
        self.name = ""
        self.editable = False
        self.dialog: LinkResidentDialog | None = None
        for_person = of == "key_person"

        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(
            [self.tr("Resident") if for_person else self.tr("Key person"), self.tr("Relationship")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 0.3em 0.2em; }")
        self.tree.setAccessibleName(self.tr("Linked residents") if for_person else self.tr("Key people"))
        self.tree.setToolTip(self.tr("Double-click (or press Enter) to open the record"))
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        label = heading_label(self.tr("Linked &residents") if for_person else self.tr("&Key people"), 1.15)
        label.setWordWrap(False)
        label.setBuddy(self.tree)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.link_button = QPushButton(
            self.tr("Lin&k to a resident…") if for_person else self.tr("Lin&k a key person…")
        )
        self.unlink_button = QPushButton(self.tr("&Unlink"))
        self.unlink_button.setToolTip(self.tr("Remove the chosen link (for links made in error)"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(0)  # takes the room only while the list is hidden (nothing saved yet)
        QWidget.setTabOrder(self.tree, self.link_button)
        QWidget.setTabOrder(self.link_button, self.unlink_button)

        self.link_button.clicked.connect(self.open_link_dialog)
        self.unlink_button.clicked.connect(self.unlink_selected)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.set_subject(None)

    def set_subject(self, record_id: str | None, name: str = "", *, editable: bool = True) -> None:
        """Show the links of ``record_id`` (None: a record not saved yet)."""
        self.record_id, self.name, self.editable = record_id, name, editable
        self.reload()

    def reload(self) -> None:
        if self.ctx.ws.store.closed:
            return
        current = self.tree.currentItem()
        keep = current.data(0, LINK_ROLE) if current is not None else None
        self.tree.clear()
        links: list[LinkView] = []
        if self.record_id is not None:
            by_person = self.of == "key_person"
            links = (residents_of if by_person else key_people_of)(self.ctx.ws, self.record_id)
        for link in links:
            other = link.resident_name if self.of == "key_person" else link.key_person_name
            item = QTreeWidgetItem([other, link.relationship])
            item.setData(
                0,
                Qt.ItemDataRole.UserRole,
                link.resident_id if self.of == "key_person" else link.key_person_id,
            )
            item.setData(0, LINK_ROLE, link.id)
            self.tree.addTopLevelItem(item)
            if link.id == keep:
                self.tree.setCurrentItem(item)
        if self.record_id is None:
            self.hint.setText(self.tr("Save the details first; then links can be made."))
        elif not links:
            self.hint.setText(
                self.tr("Not linked to any resident yet.")
                if self.of == "key_person"
                else self.tr("No key people linked yet.")
            )
        else:
            self.hint.clear()
        self.hint.setVisible(bool(self.hint.text()))
        for widget in (self.tree, self.link_button, self.unlink_button):
            widget.setVisible(self.record_id is not None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        can = self.record_id is not None and self.editable
        self.link_button.setEnabled(can)
        self.unlink_button.setEnabled(can and self.tree.currentItem() is not None)

    def open_link_dialog(self) -> None:
        """Open the dialog to choose the other side (window-modal; the list updates when it closes)."""
        if self.record_id is None:
            return
        key = "key_person_id" if self.of == "key_person" else "resident_id"
        dialog = LinkResidentDialog(self.ctx, **{key: self.record_id}, name=self.name, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None and result == QDialog.DialogCode.Accepted and dialog.link is not None:
            link = dialog.link
            other = link.resident_name if self.of == "key_person" else link.key_person_name
            self.said.emit(self.tr("Linked to {name}.").format(name=other))
        self.reload()

    def unlink_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None or self.record_id is None:
            return
        other, link_id = item.text(0), str(item.data(0, LINK_ROLE))  # the list reloads on change
        question = self.tr("Unlink {one} and {other}? Do this only for a link made in error.").format(
            one=self.name, other=other
        )
        if not self.confirm(self.tr("Unlink"), question):
            return
        try:
            unlink(self.ctx.ws, link_id)
        except CareLinkError as exc:
            QMessageBox.warning(self, self.tr("Not unlinked"), str(exc))
            return
        self.said.emit(self.tr("Unlinked from {name}.").format(name=other))
        self.reload()

    def confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question, defaultButton=QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        record_id = str(item.data(0, Qt.ItemDataRole.UserRole))
        if self.of == "key_person":
            self.ctx.navigator.open_resident.emit(record_id)
        else:
            self.ctx.navigator.open_key_person.emit(record_id)
