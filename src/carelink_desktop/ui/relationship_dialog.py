"""Add or change one relationship on a resident's relationship map (MC P1–P10, DR 1–5).

The form is in pages: who and how, keeping in touch, legal and marks, resources offered, ending
and history. Everything but the resources offered is saved together by Save; resources offered
are records of their own, saved as soon as they are offered or changed.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.relationships import RelationshipDetails
from carelink_desktop.services.key_people import view_key_person
from carelink_desktop.services.relationship_types import relationship_types
from carelink_desktop.services.relationships import (
    RelationshipView,
    relate,
    relationships_of,
    update_relationship,
)
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.confirm import ask_yes
from carelink_desktop.ui.form_dialog import FormDialog
from carelink_desktop.ui.form_pages import mark_problem_pages, show_page_of
from carelink_desktop.ui.key_person_chooser import KeyPersonChooser
from carelink_desktop.ui.key_person_form import heading_label
from carelink_desktop.ui.relationship_form import RelationshipForm, scroll_page
from carelink_desktop.ui.relationship_history_panel import HistoryPanel
from carelink_desktop.ui.relationship_offers import OffersPanel

#: A service's name for a field, where the form calls it something else.
ERROR_FIELDS = {"label": "relationship"}
UNIQUE_MARKS = ("primary_next_of_kin", "essential_care_supporter")


class RelationshipDialog(FormDialog):
    """Saves through services.relationships when the person presses Save; stays open (saving
    nothing) while any field has a problem. After ``accepted``, ``result_view`` is the saved
    relationship (``saved`` carries it too).

    ``relationship`` None adds someone: ``key_person_id`` fixes who, otherwise the person is chosen
    from the home's key people, leaving out ``taken`` and anyone already on the resident's map."""

    def __init__(
        self,
        ws: Workspace,
        resident_id: str,
        relationship: RelationshipView | None = None,
        parent: QWidget | None = None,
        *,
        key_person_id: str | None = None,
        taken: Collection[str] = frozenset(),
        resident_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.resident_id = resident_id
        self.relationship = relationship
        self.result_view: RelationshipView | None = None
        self.key_person_id = relationship.key_person_id if relationship else key_person_id
        self.setWindowTitle(
            self.tr("Change a relationship") if relationship else self.tr("Add a relationship")
        )

        others = self._others()
        # The chooser first: a refused save puts the cursor on the first problem in form order.
        self.chooser: KeyPersonChooser | None = None
        self.person_name = ""
        self.person_phone = ""
        if relationship is not None:
            self.person_name = relationship.key_person_name
            self.person_phone = relationship.key_person_phone
        elif key_person_id is not None:
            person = view_key_person(ws, key_person_id).details
            self.person_name, self.person_phone = person.full_name, person.phone
        else:
            self.chooser = KeyPersonChooser(
                ws, self.errors, {*taken, *(v.key_person_id for v in others)}, self
            )
            self.chooser.chosen_changed.connect(lambda: self.changed("key_person_id"))
        self.form = RelationshipForm(relationship_types(ws), self.errors, self)
        self.form.restricted = bool(relationship and relationship.restricted)
        self._show_holders(others)

        if relationship is not None:
            heading = self.tr("{person}, on {resident}'s relationship map")
        elif self.chooser is None:
            heading = self.tr("Add {person} to {resident}'s relationship map")
        else:
            heading = self.tr("Add someone to {resident}'s relationship map")
        self.heading = heading_label(
            heading.format(person=self.person_name, resident=resident_name or self.tr("the resident")), 1.2
        )
        self.heading.setTextFormat(Qt.TextFormat.PlainText)

        # -- who ---------------------------------------------------------------------------
        if self.chooser is not None:
            self.form.who_form.insertRow(0, self.chooser.search_label, self.chooser.search_row)
            self.form.who_form.insertRow(1, self.chooser.list_label, self.chooser.list_box)
        else:
            person_label = QLabel(
                f"{self.person_name}, {self.person_phone}" if self.person_phone else self.person_name
            )
            person_label.setTextFormat(Qt.TextFormat.PlainText)
            self.form.who_form.insertRow(0, self.tr("Key person:"), person_label)
        who = QWidget()
        who_layout = QVBoxLayout(who)
        who_layout.addWidget(self.form.who_page)
        who_layout.addStretch(1)

        # -- pages -------------------------------------------------------------------------
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.addTab(scroll_page(who), self.tr("&Who and how"))
        self.tabs.addTab(scroll_page(self.form.touch_page), self.tr("&Keeping in touch"))
        self.tabs.addTab(scroll_page(self.form.legal_page), self.tr("Legal and &marks"))
        self.offers: OffersPanel | None = None
        self.history: HistoryPanel | None = None
        if relationship is not None:
            self.offers = OffersPanel(ws, relationship.id, relationship.key_person_name)
            self.tabs.addTab(self.offers, self.tr("&Resources offered"))
        self.tabs.addTab(scroll_page(self.form.ending_page), self.tr("&Ending"))
        if relationship is not None:
            self.history = HistoryPanel(ws, relationship.id)
            self.tabs.addTab(self.history, self.tr("&History"))
        self._tab_titles = [self.tabs.tabText(i) for i in range(self.tabs.count())]

        # -- reason, message, buttons ------------------------------------------------------
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("Optional, e.g. visits are weekly again since the move"))
        reason_label = QLabel(self.tr("Reaso&n for the change (kept in the history):"))
        reason_label.setBuddy(self.reason)
        self.reason.setAccessibleName(self.tr("Reason for the change"))
        self.reason_row = QWidget()
        reason_layout = QFormLayout(self.reason_row)
        reason_layout.setContentsMargins(0, 0, 0, 0)
        reason_layout.addRow(reason_label, self.reason)
        self.reason_row.setVisible(False)  # shown once a saved relationship is changed
        self.build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.reason_row)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._set_tab_order()
        self._fit_to_screen()

        self.form.set_details(relationship.details if relationship else None)
        self.remember_state()
        self.form.changed.connect(self.changed)
        self.reason.textChanged.connect(lambda _t: self.message.show_message(""))
        first = self.chooser.search if self.chooser is not None else self.form.relationship
        first.setFocus()

    # -- building --------------------------------------------------------------------------

    def _set_tab_order(self) -> None:
        order: list[QWidget] = [self.tabs.tabBar()]
        if self.chooser is not None:
            order += [self.chooser.search, self.chooser.new_button, self.chooser.choices]
        order += self.form.widgets_in_order()
        if self.offers is not None:
            order += [self.offers.table, self.offers.offer_button, self.offers.change_button]
            order.append(self.offers.remove_button)
        if self.history is not None:
            order += [self.history.table, self.history.fields]
        order += [self.reason, self.buttons]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _fit_to_screen(self) -> None:
        """Wide enough to read, never bigger than the screen (the pages scroll)."""
        metrics = self.fontMetrics()
        self.setMinimumWidth(min(metrics.averageCharWidth() * 90, 900))
        wanted = QSize(metrics.averageCharWidth() * 120, metrics.lineSpacing() * 40)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry().size() - QSize(40, 60)
            wanted = wanted.boundedTo(room)
        self.resize(wanted)

    # -- who else is on the map ------------------------------------------------------------

    def _others(self) -> list[RelationshipView]:
        """The resident's other relationships (for who holds the marks only one may hold)."""
        own = self.relationship.id if self.relationship else None
        return [v for v in relationships_of(self.ws, self.resident_id) if v.id != own]

    def _holder(self, others: list[RelationshipView], mark: str) -> RelationshipView | None:
        return next((v for v in others if getattr(v.details, mark)), None)

    def _show_holders(self, others: list[RelationshipView]) -> None:
        found = {mark: self._holder(others, mark) for mark in UNIQUE_MARKS}
        self.form.set_holders(**{mark: view.key_person_name if view else "" for mark, view in found.items()})

    def chosen_person_id(self) -> str | None:
        if self.chooser is not None:
            return self.chooser.chosen_id()
        return self.key_person_id

    def chosen_person_name(self) -> str:
        if self.chooser is not None:
            return self.chooser.chosen_name() or self.tr("this person")
        return self.person_name

    # -- values and checks -----------------------------------------------------------------

    def relationship_details(self) -> RelationshipDetails:
        return self.form.details()

    def state(self) -> tuple[Any, ...]:
        return (self.form.state(), self.chosen_person_id(), self.reason.text())

    def _blocking(self) -> dict[str, str]:
        """Problems the service cannot see: dates that are not dates, nobody chosen."""
        problems = self.form.date_problems()
        if self.chooser is not None and self.chooser.chosen_id() is None:
            problems["key_person_id"] = self.tr("Choose a key person from the list.")
        return problems

    def check(self) -> dict[str, str]:
        return self.add_rule_problems(
            self._blocking(), lambda: self.relationship_details().cleaned().validate(self.ws.today())
        )

    def changed(self, name: str) -> None:
        super().changed(name)
        self._mark_tabs()
        if self.relationship is not None:
            self.reason_row.setVisible(self.reason.text() != "" or self.form.state() != self._baseline[0])

    def _mark_tabs(self) -> None:
        """A page with a problem says so in its tab (⚠: not colour alone)."""
        shown = [self.errors.widget(name) for name in self.errors.shown()]
        mark_problem_pages(self.tabs, self._tab_titles, shown)

    def show_page_of(self, widget: QWidget) -> None:
        show_page_of(self.tabs, widget)

    # -- saving ----------------------------------------------------------------------------

    def transfer_question(self, details: RelationshipDetails) -> str:
        """What to ask when saving takes primary next of kin or essential care supporter from
        someone else ("" when it takes nothing)."""
        before = self.relationship.details if self.relationship else None
        others = self._others()
        holders = {
            mark: holder
            for mark in UNIQUE_MARKS
            if getattr(details, mark)
            and not (before is not None and getattr(before, mark))
            and (holder := self._holder(others, mark)) is not None
        }
        name = self.chosen_person_name()
        nok, ecs = holders.get("primary_next_of_kin"), holders.get("essential_care_supporter")
        if nok is not None and ecs is not None:
            if nok.id == ecs.id:
                return self.tr(
                    "{holder} is the primary next of kin and the essential care supporter now; "
                    "name {name} instead? ({holder} stays a next of kin.)"
                ).format(holder=nok.key_person_name, name=name)
            return self.tr(
                "{nok} is the primary next of kin and {ecs} the essential care supporter now; "
                "name {name} instead of them?"
            ).format(nok=nok.key_person_name, ecs=ecs.key_person_name, name=name)
        if nok is not None:
            return self.tr(
                "{holder} is the primary next of kin now; name {name} instead? "
                "({holder} stays a next of kin.)"
            ).format(holder=nok.key_person_name, name=name)
        if ecs is not None:
            return self.tr("{holder} is the essential care supporter now; name {name} instead?").format(
                holder=ecs.key_person_name, name=name
            )
        return ""

    def confirm_transfer(self, text: str) -> bool:
        """Ask before taking a mark from someone else (tests replace this)."""
        return ask_yes(self, self.tr("Name someone else"), text)

    def save(self) -> bool:
        """Save and close; on any problem show it at its field, save nothing, focus the first."""
        problems = self.check()
        self.errors.set_problems(problems)
        if problems:
            return self.refused(problems)
        details = self.relationship_details()
        question = self.transfer_question(details.cleaned())
        if question and not self.confirm_transfer(question):
            self.message.show_message(self.tr("Nothing was saved."))
            return False
        return self.submit(lambda: self._write(details))

    def _write(self, details: RelationshipDetails) -> RelationshipView:
        if self.relationship is None:
            person = self.chosen_person_id()
            assert person is not None
            return relate(self.ws, self.resident_id, person, details)
        return update_relationship(
            self.ws,
            self.relationship.id,
            details,
            expected_version=self.relationship.version,
            reason=self.reason.text(),
        )

    def placed(self, errors: Mapping[str, str]) -> dict[str, str]:
        """A service's name for a field, where the form calls it something else, made the form's."""
        return {ERROR_FIELDS.get(k, k): v for k, v in errors.items()}

    def refused(self, errors: Mapping[str, str]) -> bool:
        super().refused(errors)
        self._mark_tabs()
        return False

    def focus_problem(self, widget: QWidget) -> None:
        self.show_page_of(widget)
        widget.setFocus()
