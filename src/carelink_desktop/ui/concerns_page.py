"""The Concerns area: every concern in the home, filtered by status, kind, minimum severity,
resident and the dates raised ("Ethical dilemmas" is the quick choice of that kind); Open… (or
Enter, or a double-click) opens one, "Raise a concern…" asks which resident and opens the
concern form. Managers also see who is handling each concern.

The most severe and oldest live concerns come first (services.concerns.concerns_list), so what
needs acting on is at the top.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.concerns import ConcernKind, ConcernStatus, Severity
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.text import fold
from carelink_desktop.services.concerns import ConcernFilter, ConcernSummary, concerns_list
from carelink_desktop.ui.concern_dialog import ConcernDialog
from carelink_desktop.ui.concerns_model import ConcernsModel, ManagerConcernsModel
from carelink_desktop.ui.pages import Page, ShellContext, open_record_form
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.widgets import (
    DateField,
    FieldMessage,
    record_table,
    refresh_after_typing,
    search_field,
)

#: The status filter's choices: (data, statuses shown).
STATUS_CHOICES: dict[str, frozenset[ConcernStatus]] = {
    "live": frozenset({ConcernStatus.OPEN, ConcernStatus.IN_HAND}),
    "open": frozenset({ConcernStatus.OPEN}),
    "in_hand": frozenset({ConcernStatus.IN_HAND}),
    "closed": frozenset({ConcernStatus.CLOSED}),
    "all": frozenset(),
}


def matches(concern: ConcernSummary, query: str) -> bool:
    """Every word of ``query`` is in the resident's name (accents and case aside)."""
    name = fold(concern.resident_name)
    return all(word in name for word in fold(query).split())


class ConcernsPage(Page):
    """Filters over the home's concerns, the list, Open… and "Raise a concern…"."""

    area = "concerns"
    watches = ("concern", "resident", "relationship", "key_person")

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: QDialog | None = None
        intro = hint_label(
            self.tr(
                "Worries raised from contact or on their own: harm or abuse, unmet needs, lack of "
                "resources, conflict, complaints, discrimination, ethical dilemmas. The most serious "
                "and oldest open concerns come first."
            )
        )
        self.search = search_field(self.tr("Resident's name"), self.tr("Find concerns by resident"))
        search_label = QLabel(self.tr("Resi&dent:"))
        search_label.setBuddy(self.search)
        self.status = QComboBox()
        for key, text in (
            ("live", self.tr("Open or being dealt with")),
            ("open", self.tr(ConcernStatus.OPEN.label)),
            ("in_hand", self.tr(ConcernStatus.IN_HAND.label)),
            ("closed", self.tr(ConcernStatus.CLOSED.label)),
            ("all", self.tr("All")),
        ):
            self.status.addItem(text, key)
        self.status.setAccessibleName(self.tr("Status"))
        status_label = QLabel(self.tr("&Status:"))
        status_label.setBuddy(self.status)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in ConcernKind:
            self.kind.addItem(self.tr(kind.label), kind.value)
        self.kind.setAccessibleName(self.tr("Kind"))
        kind_label = QLabel(self.tr("&Kind:"))
        kind_label.setBuddy(self.kind)
        self.dilemmas = QPushButton(self.tr("&Ethical dilemmas"))
        self.dilemmas.setCheckable(True)
        self.dilemmas.setToolTip(self.tr("Show only ethical dilemmas (press again for every kind)"))
        self.dilemmas.setAutoDefault(False)
        self.severity = QComboBox()
        self.severity.addItem(self.tr("Any"), None)
        for level in Severity:
            text = self.tr(level.label) if level is Severity.URGENT else self.tr("{level} or higher")
            self.severity.addItem(text.format(level=self.tr(level.label)), level.value)
        self.severity.setAccessibleName(self.tr("Minimum severity"))
        severity_label = QLabel(self.tr("Se&verity:"))
        severity_label.setBuddy(self.severity)
        self.raised_from = DateField()
        self.raised_from.setAccessibleName(self.tr("Raised from"))
        from_label = QLabel(self.tr("Raised fro&m:"))
        from_label.setBuddy(self.raised_from)
        self.raised_to = DateField()
        self.raised_to.setAccessibleName(self.tr("Raised up to"))
        to_label = QLabel(self.tr("&to:"))
        to_label.setBuddy(self.raised_to)
        for combo in (self.status, self.kind, self.severity):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.search.setMaximumWidth(self.fontMetrics().averageCharWidth() * 40)

        self.model = (
            ManagerConcernsModel(self) if ctx.ws.may(Permission.LEAD_PRACTICE) else ConcernsModel(self)
        )
        self.table = record_table(self.model, self.tr("Concerns"), stretch=(1,))
        self.empty = hint_label()
        self.count_label = QLabel()
        self.note = FieldMessage()
        self.note.setAccessibleName(self.tr("Message"))
        self.open_button = QPushButton(self.tr("&Open…"))
        self.open_button.setToolTip(self.tr("Open the chosen concern (or press Enter on it)"))
        self.raise_button = QPushButton(self.tr("&Raise a concern…"))
        self.raise_button.setToolTip(self.tr("Record a new concern about a resident"))

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(status_label)
        top.addWidget(self.status)
        top.addWidget(kind_label)
        top.addWidget(self.kind)
        top.addWidget(self.dilemmas)
        top.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(severity_label)
        second.addWidget(self.severity)
        second.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        second.addWidget(from_label)
        second.addWidget(self.raised_from)
        second.addWidget(to_label)
        second.addWidget(self.raised_to)
        second.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.raise_button)
        bottom.addWidget(self.note, 1)
        bottom.addStretch(1)
        bottom.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        order = [
            self.search,
            self.status,
            self.kind,
            self.dilemmas,
            self.severity,
            self.raised_from,
            self.raised_to,
            self.table,
            self.open_button,
            self.raise_button,
        ]
        for first, second_widget in itertools.pairwise(order):
            QWidget.setTabOrder(first, second_widget)

        self._debounce = refresh_after_typing(self.search, self.refresh, self)
        for combo in (self.status, self.kind, self.severity):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_chosen())
        self.dilemmas.toggled.connect(self._dilemmas_toggled)
        for field in (self.raised_from, self.raised_to):
            field.editingFinished.connect(self.refresh)
            field.textChanged.connect(lambda _t, f=field: self._date_typed(f))
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.raise_button.clicked.connect(self.raise_concern)
        self.refresh()

    def title(self) -> str:
        return self.tr("Concerns")

    # -- filters -----------------------------------------------------------------------------

    def filters(self) -> ConcernFilter:
        """The filters as chosen (a date that is not a date filters nothing: the note says so)."""
        kind = self.kind.currentData()
        severity = self.severity.currentData()
        return ConcernFilter(
            statuses=STATUS_CHOICES[str(self.status.currentData())],
            kinds=frozenset({ConcernKind(kind)}) if kind else frozenset(),
            min_severity=Severity(severity) if severity else None,
            raised_from=_date(self.raised_from),
            raised_to=_date(self.raised_to),
        )

    def _dilemmas_toggled(self, on: bool) -> None:
        """The quick choice: only ethical dilemmas, or back to every kind."""
        dilemma = self.kind.findData(ConcernKind.ETHICAL_DILEMMA.value)
        if on and self.kind.currentIndex() != dilemma:
            self.kind.setCurrentIndex(dilemma)
        elif not on and self.kind.currentIndex() == dilemma:
            self.kind.setCurrentIndex(0)

    def _kind_chosen(self) -> None:
        """The quick choice shows whether the kind chosen is ethical dilemmas."""
        on = self.kind.currentData() == ConcernKind.ETHICAL_DILEMMA.value
        if self.dilemmas.isChecked() != on:
            self.dilemmas.setChecked(on)

    def _date_typed(self, field: DateField) -> None:
        """Refresh once a typed date is whole (or emptied), not on every key."""
        if not field.text().strip() or (field.looks_complete() and field.problem() is None):
            self.refresh()

    def refresh(self) -> None:
        self._debounce.stop()
        if not self.home_is_open():
            return
        current = self.selected()
        filters = self.filters()
        rows = concerns_list(self.ctx.ws, filters)
        query = self.search.text().strip()
        if query:
            rows = [c for c in rows if matches(c, query)]
        self.model.set_concerns(rows, self.ctx.ws.today())
        if rows:
            row = self.model.row_of(current.id) if current else -1
            self.table.selectRow(max(row, 0))
        problems = [
            f"{field.accessibleName()}: {field.problem()}"
            for field in (self.raised_from, self.raised_to)
            if field.problem()
        ]
        self.note.show_message(" ".join(problems))
        filtered = bool(query) or filters != ConcernFilter(statuses=STATUS_CHOICES["live"])
        self.empty.setText(
            self.tr("No concerns match these filters.")
            if filtered
            else self.tr("No open concerns. Raise one from a contact, or with “Raise a concern…”.")
        )
        self.empty.setVisible(not rows)
        self.open_button.setEnabled(bool(rows))
        self.count_label.setText(
            self.tr("1 concern") if len(rows) == 1 else self.tr("{n} concerns").format(n=len(rows))
        )

    # -- opening and raising -----------------------------------------------------------------

    def selected(self) -> ConcernSummary | None:
        index = self.table.currentIndex()
        return self.model.concern_at(index.row()) if index.isValid() else None

    def open_selected(self) -> ConcernDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        return self._show(
            lambda: ConcernDialog(self.ctx, chosen.resident_id, concern_id=chosen.id, parent=self)
        )

    def choose_resident(self) -> str | None:
        """Which resident a new concern is about (None: the person changed their mind)."""
        from carelink_desktop.ui.resident_picker import ResidentPickerDialog

        picker = ResidentPickerDialog(
            self.ctx.ws,
            self,
            title=self.tr("Raise a concern"),
            prompt=self.tr("Which resident is the concern about?"),
        )
        if picker.exec() != QDialog.DialogCode.Accepted:
            return None
        return picker.resident_id

    def raise_concern(self) -> ConcernDialog | None:
        """Ask which resident, then open a new concern for them."""
        resident_id = self.choose_resident()
        if resident_id is None:
            return None
        return self._show(lambda: ConcernDialog(self.ctx, resident_id, parent=self))

    def _show(self, make: Callable[[], ConcernDialog]) -> ConcernDialog | None:
        dialog = open_record_form(make, self.note, self.table, self.model)
        if dialog is not None:
            self.dialog = dialog
        return dialog


def _date(field: DateField) -> date | None:
    return None if field.problem() else field.date()
