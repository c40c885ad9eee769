"""The Key people area: find someone, add or edit their details, see and change who they are
linked to among the residents."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.errors import CareLinkError, NotFound, ValidationError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.key_people import (
    add_key_person,
    archive_key_person,
    find_key_people,
    update_key_person,
    view_key_person,
)
from carelink_desktop.services.readmodels import KeyPersonView
from carelink_desktop.ui.carer_plans_page import CarerPlansPanel
from carelink_desktop.ui.key_people_model import KeyPeopleModel
from carelink_desktop.ui.key_person_form import (
    FIELD_ORDER,
    KeyPersonForm,
    ask_save_discard_cancel,
    heading_label,
    shortcut_button,
)
from carelink_desktop.ui.link_dialog import LinksPanel
from carelink_desktop.ui.pages import Page, ShellContext
from carelink_desktop.ui.widgets import record_table, refresh_after_typing, search_field

#: The list shows at most this many people; typing narrows it.
LIST_LIMIT = 1000


class KeyPeoplePage(Page):
    """Left: search and the list of key people. Right: the chosen person's details and links."""

    area = "key_people"
    watches = ("key_person", "relationship", "carer_plan", "carer_plan_review")

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._view: KeyPersonView | None = None  # the saved person shown (None: new or none)
        self._editing = False  # the form is shown (a saved person or a new one)
        self._syncing = False  # the list's selection is being set by code, not by the person

        # -- left: find ------------------------------------------------------------------
        self.search = search_field(self.tr("Name, phone or email"), self.tr("Find a key person"))
        search_label = QLabel(self.tr("&Find a key person:"))
        search_label.setBuddy(self.search)
        self.show_archived = QCheckBox(self.tr("Show arc&hived"))
        self.new_button = shortcut_button(
            self.tr("New key person"), QKeySequence.StandardKey.New, self.tr("Add a key person")
        )
        self.model = KeyPeopleModel(self)
        self.table = record_table(self.model, self.tr("Key people"), stretch=(0, 2))
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(search_label)
        left_layout.addWidget(self.search)
        row = QHBoxLayout()
        row.addWidget(self.show_archived)
        row.addStretch(1)
        row.addWidget(self.new_button)
        left_layout.addLayout(row)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        # -- right: the person -----------------------------------------------------------
        self.heading = heading_label()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.archived_notice = QLabel()
        self.archived_notice.setWordWrap(True)
        self.archived_notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.archived_notice.setMargin(self.fontMetrics().height() // 3)
        self.archived_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.archived_notice.setVisible(False)
        self.form = KeyPersonForm()
        self.save_button = shortcut_button(
            self.tr("Save"), QKeySequence.StandardKey.Save, self.tr("Save the details")
        )
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Save status"))
        self.status.setWordWrap(True)
        self.archive_button = QPushButton(self.tr("Archi&ve…"))
        self.archive_button.setToolTip(self.tr("Close this record: it is kept but no longer listed"))
        self.archive_button.setVisible(ctx.ws.may(Permission.ARCHIVE_RECORDS))

        self.links = LinksPanel(ctx, of="key_person")
        self.linked = self.links.tree

        editor = QWidget()
        ed = QVBoxLayout(editor)
        ed.addWidget(self.heading)
        ed.addWidget(self.archived_notice)
        ed.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.archive_button)
        self.sar_button = QPushButton(self.tr("Subject access export…"))
        self.sar_button.setToolTip(self.tr("Everything held about this person, for them to see"))
        self.sar_button.setVisible(ctx.ws.may(Permission.VIEW_AUDIT_LOG))
        self.sar_button.clicked.connect(self.subject_access_export)
        buttons.addWidget(self.sar_button)
        ed.addLayout(buttons)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        ed.addWidget(line)
        ed.addWidget(self.links, 1)
        # Plans with this person as a resident's unpaid carer, and "Start a carer plan…".
        self.carer_plans = CarerPlansPanel(ctx.ws, heading=self.tr("Carer plans"), hide_when_idle=True)
        self.carer_plans.said.connect(self.status.setText)
        ed.addWidget(self.carer_plans)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(editor)

        self.empty_state = QLabel(
            self.tr("Choose a key person from the list, or choose “New key person” to add someone.")
        )
        self.empty_state.setWordWrap(True)
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.right = QStackedWidget()
        self.right.addWidget(self.empty_state)
        self.right.addWidget(scroll)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([560, 806])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)

        chain = [self.search, self.show_archived, self.new_button, self.table]
        chain += [self.form.widget(name) for name in FIELD_ORDER]
        chain += [self.save_button, self.archive_button, self.sar_button, self.links.tree]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self._debounce = refresh_after_typing(self.search, self.refresh, self)
        self.show_archived.toggled.connect(self.refresh)
        self.new_button.clicked.connect(self.new_person)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.save_button.clicked.connect(self.save)
        self.archive_button.clicked.connect(self.archive)
        self.links.said.connect(self.status.setText)
        self.form.changed.connect(self._form_changed)
        self.refresh()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Key people")

    # -- the list --------------------------------------------------------------------------

    @property
    def person_id(self) -> str | None:
        """The saved key person shown in the form (None when none, or a new one)."""
        return self._view.id if self._view else None

    def refresh(self) -> None:
        self._debounce.stop()
        if not self.home_is_open():
            return
        rows = find_key_people(
            self.ctx.ws,
            self.search.text(),
            include_archived=self.show_archived.isChecked(),
            limit=LIST_LIMIT + 1,
        )
        more = len(rows) > LIST_LIMIT
        self.model.set_rows(rows[:LIST_LIMIT])
        self._select_in_list(self.person_id)
        if more:
            self.count_label.setText(
                self.tr("Showing the first {n}: type more of a name to narrow the list.").format(n=LIST_LIMIT)
            )
        elif len(rows) == 1:
            self.count_label.setText(self.tr("1 key person"))
        else:
            self.count_label.setText(self.tr("{n} key people").format(n=len(rows)))
        if self._view is not None and not self.form.is_modified():
            try:
                self._show_person(view_key_person(self.ctx.ws, self._view.id))
            except NotFound:
                self._close_editor()
        self._load_links()

    def _select_in_list(self, person_id: str | None) -> None:
        self._syncing = True
        try:
            row = self.model.row_of(person_id)
            if row >= 0:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
            else:
                self.table.clearSelection()
                self.table.setCurrentIndex(QModelIndex())
        finally:
            self._syncing = False

    def _current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: QModelIndex | QPersistentModelIndex
    ) -> None:
        if self._syncing or not current.isValid() or not self.home_is_open():
            return
        person_id = current.data(Qt.ItemDataRole.UserRole)
        if person_id == self.person_id and self._editing:
            return
        if not self.confirm_leave():
            # After the view has finished handling the click, put the selection back.
            QTimer.singleShot(0, lambda: self._select_in_list(self.person_id))
            return
        self.open_person(str(person_id))

    # -- showing a person ------------------------------------------------------------------

    def open_person(self, person_id: str) -> None:
        """Show a key person's details (without asking about unsaved edits: see confirm_leave)."""
        try:
            view = view_key_person(self.ctx.ws, person_id)
        except NotFound as exc:
            QMessageBox.information(self, self.tr("Key people"), str(exc))
            self.refresh()
            return
        self._show_person(view)
        self._select_in_list(view.id)
        self._load_links()

    def new_person(self) -> None:
        """Start an empty form for someone new."""
        if not self.confirm_leave():
            return
        self._view = None
        self._editing = True
        self.form.set_details(None)
        self.form.set_read_only(False)
        self._select_in_list(None)
        self.status.clear()
        self._load_links()
        self.right.setCurrentIndex(1)
        self.form.given_names.setFocus()

    def _show_person(self, view: KeyPersonView) -> None:
        same = self._view is not None and self._view.id == view.id
        self._view = view
        self._editing = True
        self.form.set_details(view.details)
        self.form.set_read_only(view.archived)
        if view.archived:
            self.archived_notice.setText(
                self.tr("This record is archived: it is kept, but can no longer be changed.")
                + "\n"
                + self.tr("Reason given: {reason}").format(reason=view.archived_reason)
            )
        self.archived_notice.setVisible(view.archived)
        if not same:
            self.status.clear()
        self.right.setCurrentIndex(1)

    def _close_editor(self) -> None:
        self._view = None
        self._editing = False
        self.form.set_details(None)
        self.right.setCurrentIndex(0)
        self._update_buttons()

    def _form_changed(self) -> None:
        if self._editing:
            name = self.form.details().cleaned().full_name
            if self._view is None:
                self.heading.setText(self.tr("New key person") + (f": {name}" if name else ""))
            else:
                self.heading.setText(name or self.tr("(no name)"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        archived = self._view is not None and self._view.archived
        self.save_button.setEnabled(self._editing and not archived)
        self.archive_button.setEnabled(self._view is not None and not archived)
        self.sar_button.setEnabled(self._view is not None)

    def subject_access_export(self) -> None:
        """Managers: everything held about this key person, after confirming who they are."""
        from carelink_desktop.ui.subject_access_dialog import SubjectAccessDialog

        if self._view is None:
            return
        dialog = SubjectAccessDialog(
            self.ctx.ws, name=self._view.details.full_name, key_person_id=self._view.id, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.sar_dialog = dialog
        dialog.open()

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the form; on a problem show the messages at the fields and return False."""
        if not self._editing or (self._view is not None and self._view.archived):
            return False
        details = self.form.details()
        try:
            self.form.check()
            if self._view is None:
                view = add_key_person(self.ctx.ws, details)
            else:
                view = update_key_person(self.ctx.ws, self._view.id, details)
        except ValidationError as exc:
            first = self.form.show_errors(exc.errors)
            if first is not None:
                first.setFocus()
            self.status.setText(self.tr("Not saved: see the messages at the fields."))
            return False
        except CareLinkError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return False
        self._show_person(view)
        self.status.setText(self.tr("Saved."))
        self.refresh()
        return True

    def archive(self) -> None:
        if self._view is None or self._view.archived or not self.confirm_leave():
            return
        reason = self.ask_archive_reason(self._view.details.full_name)
        if reason is None:
            return
        try:
            view = archive_key_person(self.ctx.ws, self._view.id, reason)
        except CareLinkError as exc:
            QMessageBox.warning(self, self.tr("Not archived"), str(exc))
            return
        self._show_person(view)
        self.status.setText(self.tr("Archived."))
        self.refresh()

    def ask_archive_reason(self, name: str) -> str | None:
        """Ask why the record is being archived; None when the person cancels."""
        reason, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Archive key person"),
            self.tr("Why is {name}'s record being archived? (e.g. no longer in contact)").format(name=name),
        )
        return reason if ok else None

    def confirm_leave(self) -> bool:
        """Before showing something else: if the form has unsaved edits, ask to save or discard
        them. False means stay (the person chose Cancel, or saving failed)."""
        if not self.has_unsaved_changes():
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_changes()
            return True
        return False

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        name = self.form.details().cleaned().full_name or self.tr("this key person")
        return ask_save_discard_cancel(self, name)

    def _load_links(self) -> None:
        view = self._view
        if view is None:
            self.links.set_subject(None)
            self.carer_plans.set_key_person(None)
        else:
            self.links.set_subject(view.id, view.details.full_name, editable=not view.archived)
            self.carer_plans.set_key_person(view.id, view.details.full_name, editable=not view.archived)

    # -- the Page contract -------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        archived = self._view is not None and self._view.archived
        return self._editing and not archived and self.form.is_modified()

    def draft(self) -> dict[str, Any] | None:
        if not self.has_unsaved_changes():
            return None
        return {"key_person_id": self.person_id, "form": self.form.to_draft()}

    def restore_draft(self, draft: dict[str, Any]) -> None:
        person_id = draft.get("key_person_id")
        self.discard_changes()
        if person_id:
            try:
                self._show_person(view_key_person(self.ctx.ws, str(person_id)))
            except NotFound:
                self.new_person()  # the record went while locked: keep the typing as someone new
            else:
                self._select_in_list(self.person_id)
                self._load_links()
        else:
            self.new_person()
        self.form.from_draft(draft.get("form") or {})

    def discard_changes(self) -> None:
        if self._editing:
            self.form.set_details(self._view.details if self._view is not None else None)
