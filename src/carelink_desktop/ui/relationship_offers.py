"""Resources offered to the key person of one relationship (MC P5–P10): the list, and the dialog
that offers one from the home's directory or changes its outcome. Offers are records of their
own: they are saved at once, not with the relationship."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.resources import OfferDetails, OfferOutcome
from carelink_desktop.services.resources_directory import (
    OfferView,
    offer_resource,
    offers_for,
    remove_offer,
    resources,
    update_offer,
)
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.confirm import ask_yes
from carelink_desktop.ui.form_dialog import FormDialog
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.table_model import ReadModelTable
from carelink_desktop.ui.widgets import (
    DateField,
    FieldMessage,
    choose_id,
    chosen_id,
    record_table,
    refresh_after_typing,
    search_field,
)


def one_line(text: str) -> str:
    return " ".join(text.split())


class OffersModel(ReadModelTable):
    """Resource, kind, offered on, outcome, notes; the offer's id under Qt.UserRole."""

    HEADERS = (
        QT_TRANSLATE_NOOP("OffersModel", "Resource"),
        QT_TRANSLATE_NOOP("OffersModel", "Kind"),
        QT_TRANSLATE_NOOP("OffersModel", "Offered on"),
        QT_TRANSLATE_NOOP("OffersModel", "Outcome"),
        QT_TRANSLATE_NOOP("OffersModel", "Notes"),
    )

    def offer_at(self, row: int) -> OfferView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        offer: OfferView = item
        d = offer.details
        return (
            offer.resource_name,
            self.tr(offer.resource_kind.label),
            format_uk_date(d.offered_on),
            self.tr(d.outcome.label),
            one_line(d.notes),
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and item.details.notes:
            return item.details.notes
        return None


class OfferDialog(FormDialog):
    """Offer a resource from the directory (``offer`` None) or change an offer's outcome, date or
    notes. Saves on Save; ``result_view`` is the saved offer after ``accepted``."""

    def __init__(
        self,
        ws: Workspace,
        relationship_id: str,
        offer: OfferView | None = None,
        parent: QWidget | None = None,
        *,
        person_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.relationship_id = relationship_id
        self.offer = offer
        self.result_view: OfferView | None = None
        self.setWindowTitle(self.tr("Change a resource offered") if offer else self.tr("Offer a resource"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        if person_name:
            form.addRow(self.tr("Offered to:"), QLabel(person_name))

        self.search = search_field(self.tr("Name, kind, area"), self.tr("Find in the directory"))
        self.choices = QListWidget()
        self.choices.setAccessibleName(self.tr("Resources in the directory"))
        self.choices.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        if offer is None:
            search_label = QLabel(self.tr("&Find in the directory:"))
            search_label.setBuddy(self.search)
            form.addRow(search_label, self.search)
            form.addRow(
                self.tr("Resource:"), self.errors.add("resource_id", self.choices, self.tr("Resource"))
            )
        else:
            self.search.setVisible(False)
            self.choices.setVisible(False)
            chosen = QLabel(f"{offer.resource_name} ({self.tr(offer.resource_kind.label)})")
            chosen.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(self.tr("Resource:"), chosen)
        self.offered_on = DateField()
        self.outcome = QComboBox()
        for outcome in OfferOutcome:
            self.outcome.addItem(self.tr(outcome.label), outcome.value)
        self.notes = multi_line(3)
        self.notes.setPlaceholderText(self.tr("e.g. leaflet given, referral made, phone number passed on"))
        for name, widget, label in (
            ("offered_on", self.offered_on, self.tr("Offered &on:")),
            ("outcome", self.outcome, self.tr("Ou&tcome:")),
            ("notes", self.notes, self.tr("&Notes:")),
        ):
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
            buddy = QLabel(label)
            buddy.setBuddy(widget)
            form.addRow(buddy, self.errors.add(name, widget, label))

        buttons = self.build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 95)
        order = [self.search, self.choices] if offer is None else []
        order += [self.offered_on, self.outcome, self.notes, buttons]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        if offer is None:
            self.offered_on.set_date(ws.today())
        else:
            self.offered_on.set_date(offer.details.offered_on)
            self.outcome.setCurrentIndex(max(self.outcome.findData(offer.details.outcome.value), 0))
            self.notes.setPlainText(offer.details.notes)
        self._debounce = refresh_after_typing(self.search, self.refresh, self)
        self.refresh()
        self.remember_state()
        self.watch("resource_id", self.choices, self.choices.currentItemChanged)
        self.watch("offered_on", self.offered_on)
        self.watch("outcome", self.outcome)
        self.watch("notes", self.notes)
        (self.search if offer is None else self.outcome).setFocus()

    def refresh(self) -> None:
        """List the directory entries matching the search (not archived ones: they are not offered)."""
        self._debounce.stop()
        if self.offer is not None or self.ws.store.closed:
            return
        chosen = self.resource_id()
        found = resources(self.ws, self.search.text())
        self.choices.blockSignals(True)
        try:
            self.choices.clear()
            for view in found:
                d = view.details
                text = f"{d.name} ({self.tr(d.kind.label)}" + (f", {d.area})" if d.area else ")")
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, view.id)
                item.setToolTip(d.description)
                self.choices.addItem(item)
                if view.id == chosen:
                    self.choices.setCurrentItem(item)
            if not found:
                text = (
                    self.tr("Nothing in the directory matches “{q}”.").format(q=self.search.text().strip())
                    if self.search.text().strip()
                    else self.tr("The directory is empty: add to it in the Resources directory area.")
                )
                placeholder = QListWidgetItem(text)
                placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
                self.choices.addItem(placeholder)
        finally:
            self.choices.blockSignals(False)

    def choose(self, resource_id: str) -> bool:
        return choose_id(self.choices, resource_id)

    def resource_id(self) -> str:
        if self.offer is not None:
            return self.offer.details.resource_id
        return chosen_id(self.choices) or ""

    def offer_details(self) -> OfferDetails:
        return OfferDetails(
            resource_id=self.resource_id(),
            offered_on=None if self.offered_on.problem() else self.offered_on.date(),
            outcome=OfferOutcome(self.outcome.currentData()),
            notes=self.notes.toPlainText(),
        )

    def state(self) -> tuple[Any, ...]:
        return (
            self.resource_id(),
            self.offered_on.text(),
            self.outcome.currentData(),
            self.notes.toPlainText(),
        )

    def check(self) -> dict[str, str]:
        problem = self.offered_on.problem()
        return self.add_rule_problems(
            {"offered_on": problem} if problem else {},
            lambda: self.offer_details().cleaned().validate(self.ws.today()),
        )

    def save(self) -> bool:
        problems = self.check()
        self.errors.set_problems(problems)
        if self.offered_on.problem():
            return self.refused(problems)
        return self.submit(self._write)

    def _write(self) -> OfferView:
        if self.offer is None:
            return offer_resource(self.ws, self.relationship_id, self.offer_details())
        return update_offer(self.ws, self.offer.id, self.offer_details())


class OffersPanel(QWidget):
    """The "Resources offered" page of the relationship dialog: list, Offer…, Change…, Remove."""

    def __init__(
        self, ws: Workspace, relationship_id: str, person_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.relationship_id = relationship_id
        self.person_name = person_name
        self.dialog: OfferDialog | None = None
        self.model = OffersModel(self)
        self.table = record_table(self.model, self.tr("Resources offered"), stretch=(0, 4))
        self.table.activated.connect(lambda _index: self.change_selected())
        intro = QLabel(
            self.tr(
                "Information, services and support groups offered to {name} to help keep this "
                "relationship going. Each change here is saved at once."
            ).format(name=person_name or self.tr("the key person"))
        )
        intro.setWordWrap(True)
        self.empty = QLabel(self.tr("Nothing has been offered yet."))
        self.message = FieldMessage()
        self.message.setAccessibleName(self.tr("Message"))
        self.offer_button = QPushButton(self.tr("&Offer a resource…"))
        self.offer_button.setToolTip(self.tr("Choose something from the home's resources directory"))
        self.change_button = QPushButton(self.tr("Change o&utcome…"))
        self.change_button.setToolTip(self.tr("Taken up, declined… (or press Enter on the offer)"))
        self.remove_button = QPushButton(self.tr("Remo&ve…"))
        self.remove_button.setToolTip(self.tr("Remove an offer recorded in error"))
        self.offer_button.clicked.connect(lambda: self.open_dialog(None))
        self.change_button.clicked.connect(self.change_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (self.offer_button, self.change_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addWidget(self.message, 1)
        buttons.addStretch(0)  # keeps the buttons their own size while there is no message
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.table, self.offer_button)
        QWidget.setTabOrder(self.offer_button, self.change_button)
        QWidget.setTabOrder(self.change_button, self.remove_button)
        self.refresh()

    def refresh(self) -> None:
        if self.ws.store.closed:
            return
        current = self.selected()
        rows = offers_for(self.ws, relationship_id=self.relationship_id)
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(max(self.model.row_of(current.id) if current else 0, 0))
        self.change_button.setEnabled(bool(rows))
        self.remove_button.setEnabled(bool(rows))

    def selected(self) -> OfferView | None:
        index = self.table.currentIndex()
        return self.model.offer_at(index.row()) if index.isValid() else None

    def open_dialog(self, offer: OfferView | None) -> OfferDialog:
        """Open the offer dialog (window-modal); the list refreshes when it is saved."""
        dialog = OfferDialog(self.ws, self.relationship_id, offer, self, person_name=self.person_name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog))
        self.dialog = dialog
        self.message.show_message("")
        dialog.open()
        return dialog

    def _saved(self, dialog: OfferDialog) -> None:
        self.refresh()
        if dialog.result_view is not None:
            self.table.selectRow(max(self.model.row_of(dialog.result_view.id), 0))
        self.table.setFocus()

    def change_selected(self) -> OfferDialog | None:
        offer = self.selected()
        return self.open_dialog(offer) if offer is not None else None

    def confirm_remove(self, text: str) -> bool:
        """Ask before removing an offer (tests replace this)."""
        return ask_yes(self, self.tr("Remove offer"), text, no=QMessageBox.StandardButton.Cancel)

    def remove_selected(self) -> None:
        offer = self.selected()
        if offer is None:
            return
        question = self.tr(
            "Remove the offer of “{resource}”? Do this only for an offer recorded in error; "
            "otherwise change its outcome."
        ).format(resource=offer.resource_name)
        if not self.confirm_remove(question):
            return
        try:
            remove_offer(self.ws, offer.id)
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return
        self.refresh()
