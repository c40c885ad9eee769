"""How the resident would like to keep in touch with one key person: for each way (visits, phone
calls...) a tick, how often the resident would like it, and a note (MC P1–P4, DR 1–2)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from carelink_desktop.domain.relationships import ContactWish, Frequency, KeepInTouch

#: The frequency a newly ticked way starts with: no wish is recorded until someone chooses one.
DEFAULT_FREQUENCY = Frequency.WHEN_THEY_CAN


class ContactWishesEditor(QWidget):
    """One row per ``KeepInTouch``: tick box, frequency and notes (the last two only while ticked).

    ``changed`` is emitted on every edit (not while ``set_wishes`` fills the rows)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticks: dict[KeepInTouch, QCheckBox] = {}
        self.frequencies: dict[KeepInTouch, QComboBox] = {}
        self.notes: dict[KeepInTouch, QLineEdit] = {}
        self._filling = False
        labels = {
            KeepInTouch.VISITS: self.tr("&Visits"),
            KeepInTouch.PHONE: self.tr("&Phone calls"),
            KeepInTouch.VIDEO: self.tr("Vi&deo calls"),
            KeepInTouch.LETTERS: self.tr("&Letters and cards"),
            KeepInTouch.MESSAGES: self.tr("Mess&ages"),
            KeepInTouch.OUTINGS: self.tr("&Outings"),
        }
        #: Shown in a ticked row's empty notes box.
        self.examples = {
            KeepInTouch.VISITS: self.tr("e.g. Sunday afternoons, in the garden room"),
            KeepInTouch.PHONE: self.tr("e.g. needs help to dial"),
            KeepInTouch.VIDEO: self.tr("e.g. on the home's tablet"),
            KeepInTouch.LETTERS: self.tr("e.g. read aloud to her"),
            KeepInTouch.MESSAGES: self.tr("e.g. photos sent to the home's email"),
            KeepInTouch.OUTINGS: self.tr("e.g. lunch at the garden centre"),
        }
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(self.fontMetrics().averageCharWidth() * 2)
        headings = (
            self.tr("Way of keeping in touch"),
            self.tr("How often they would like it"),
            self.tr("Notes"),
        )
        for column, text in enumerate(headings):
            heading = QLabel(text)
            heading.setStyleSheet("font-weight: bold;")
            grid.addWidget(heading, 0, column)
        for row, method in enumerate(KeepInTouch, start=1):
            tick = QCheckBox(labels.get(method, self.tr(method.label)))
            name = tick.text().replace("&", "")
            tick.setAccessibleName(name)
            combo = QComboBox()
            for frequency in Frequency:
                combo.addItem(self.tr(frequency.label), frequency.value)
            combo.setCurrentIndex(combo.findData(DEFAULT_FREQUENCY.value))
            combo.setAccessibleName(self.tr("{way}: how often").format(way=name))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            note = QLineEdit()
            note.setAccessibleName(self.tr("{way}: notes").format(way=name))
            note.setMaxLength(300)
            self.ticks[method], self.frequencies[method], self.notes[method] = tick, combo, note
            grid.addWidget(tick, row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(note, row, 2)
            tick.toggled.connect(lambda _on, m=method: self._ticked(m))
            combo.currentIndexChanged.connect(lambda _i: self._edited())
            note.textChanged.connect(lambda _t: self._edited())
            self._ticked(method)
        grid.setColumnStretch(2, 1)

    def widgets_in_order(self) -> list[QWidget]:
        """Every control row by row, as the Tab key should meet them."""
        out: list[QWidget] = []
        for method in KeepInTouch:
            out += [self.ticks[method], self.frequencies[method], self.notes[method]]
        return out

    def wishes(self) -> tuple[ContactWish, ...]:
        """The ticked ways, in the order they are listed."""
        return tuple(
            ContactWish(method, Frequency(self.frequencies[method].currentData()), self.notes[method].text())
            for method in KeepInTouch
            if self.ticks[method].isChecked()
        )

    def set_wishes(self, wishes: tuple[ContactWish, ...]) -> None:
        by_method = {w.method: w for w in wishes}
        self._filling = True
        try:
            for method in KeepInTouch:
                wish = by_method.get(method)
                self.ticks[method].setChecked(wish is not None)
                combo = self.frequencies[method]
                frequency = wish.frequency if wish is not None else DEFAULT_FREQUENCY
                combo.setCurrentIndex(max(combo.findData(frequency.value), 0))
                self.notes[method].setText(wish.notes if wish is not None else "")
        finally:
            self._filling = False

    def set_wish(self, method: KeepInTouch, frequency: Frequency, notes: str = "") -> None:
        """Tick ``method`` with ``frequency`` (as a person choosing them would)."""
        self.ticks[method].setChecked(True)
        combo = self.frequencies[method]
        combo.setCurrentIndex(combo.findData(frequency.value))
        self.notes[method].setText(notes)

    def _ticked(self, method: KeepInTouch) -> None:
        on = self.ticks[method].isChecked()
        self.frequencies[method].setEnabled(on)
        self.notes[method].setEnabled(on)
        self.notes[method].setPlaceholderText(self.examples.get(method, "") if on else "")
        self._edited()

    def _edited(self) -> None:
        if not self._filling:
            self.changed.emit()
