"""The warning shown in a booking or visit form when a restriction on contact covers it.

Everyone sees *that* contact is restricted; roles that may see sensitive details also see what the
restriction says (services.contact_warnings decides which). Going ahead needs the box ticked; the
service refuses the save otherwise and audits the acknowledgement.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.services.contact_warnings import RestrictionWarning
from carelink_desktop.ui.widgets import emphasise

#: Amber that reads as "take care" on light themes; the text keeps the palette's own colour on a
#: pale background, so the contrast stays high (the words and the icon carry the meaning, not the
#: colour).
_FRAME_STYLE = (
    "QFrame#restrictionWarning { background: #fff4d6; border: 2px solid #b36b00; border-radius: 4px; }"
    " QFrame#restrictionWarning QLabel, QFrame#restrictionWarning QCheckBox { color: #1f1f1f; }"
)


class RestrictionWarningBox(QWidget):
    """The restrictions covering a contact, and the tick that says staff have read them.

    Hidden while there is nothing to warn about. ``set_warnings`` unticks the box whenever the
    warnings change (a different person or day needs reading again); ``changed`` is emitted when
    the warnings or the tick change.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._warnings: tuple[RestrictionWarning, ...] = ()
        self.frame = QFrame()
        self.frame.setObjectName("restrictionWarning")
        self.frame.setStyleSheet(_FRAME_STYLE)
        self.frame.setAccessibleName(self.tr("Restriction on contact"))
        self.icon = QLabel()
        size = self.fontMetrics().height() * 2
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(icon.pixmap(size, size))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.icon.setAccessibleName(self.tr("Warning"))
        self.heading = QLabel(self.tr("Restriction on contact"))
        emphasise(self.heading, 1.1)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        emphasise(self.text, 1.0)
        self.acknowledge = QCheckBox(self.tr("I have &read this warning; the contact may go ahead"))
        self.acknowledge.setAccessibleName(self.tr("I have read this warning; the contact may go ahead"))
        self.acknowledge.toggled.connect(lambda _on: self.changed.emit())

        words = QVBoxLayout()
        words.addWidget(self.heading)
        words.addWidget(self.text)
        words.addWidget(self.acknowledge)
        inside = QHBoxLayout(self.frame)
        inside.addWidget(self.icon)
        inside.addLayout(words, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        # Focusing the warning (a refused save puts the cursor on it) focuses the tick box.
        self.setFocusProxy(self.acknowledge)
        self.setVisible(False)

    def set_warnings(self, warnings: Sequence[RestrictionWarning]) -> None:
        """Show these warnings (none: hide); different warnings from before untick the box."""
        new = tuple(warnings)
        if new == self._warnings:
            return
        self._warnings = new
        lines = [w.text() for w in new]
        self.text.setText("\n\n".join(lines))
        self.frame.setAccessibleDescription(" ".join(lines))
        self.acknowledge.setAccessibleDescription(" ".join(lines))
        self.acknowledge.blockSignals(True)
        self.acknowledge.setChecked(False)
        self.acknowledge.blockSignals(False)
        self.setVisible(bool(new))
        self.changed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A word-wrapped label in nested layouts can be given one line too few: ask it how tall
        # it must be at the width it has.
        needed = self.text.heightForWidth(self.text.width())
        if needed > 0 and needed != self.text.minimumHeight():
            self.text.setMinimumHeight(needed)

    def warnings(self) -> tuple[RestrictionWarning, ...]:
        return self._warnings

    def acknowledged(self) -> bool:
        """True when there are warnings and staff ticked that they have read them."""
        return bool(self._warnings) and self.acknowledge.isChecked()
