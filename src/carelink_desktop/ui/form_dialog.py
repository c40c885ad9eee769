"""What every form dialog that saves a record shares: Save and Cancel, a message line, problems
shown at their fields as the person types, a refused save explained, and Cancel asking before
changes are thrown away.

A subclass builds its fields (registered with ``errors``), puts ``message`` and the box from
``build_buttons()`` in its layout, connects its fields with ``watch``, and gives ``check()``,
``state()`` and ``save()`` (which usually ends in ``submit``); once its fields hold their starting
values it calls ``remember_state()``. ``record_dialog.RecordDialog`` builds on it for a resident's
records.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from carelink_desktop.domain.errors import CareLinkError, ValidationError
from carelink_desktop.ui import unsaved
from carelink_desktop.ui.widgets import FieldMessage, FormErrors


class FormDialog(QDialog):
    """A dialog with named fields (``errors``), a ``message`` line and Save and Cancel.

    While a field has a problem, Save stays possible but saves nothing: ``refused`` shows each
    problem at its field and puts the cursor on the first. After ``accepted``, ``result_view`` is
    the saved record.
    """

    #: The saved record, when ``submit`` has saved it (just before the dialog closes).
    saved = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result_view: Any = None
        self.errors = FormErrors(self)
        self.message = FieldMessage()
        self.message.setAccessibleName(self.tr("Message"))
        self._baseline: Any = None

    def build_buttons(self) -> QDialogButtonBox:
        """Save (the default button: ``save``) and Cancel (``reject``), for the layout; also
        ``buttons``, ``save_button`` and ``cancel_button``."""
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    # -- what a subclass gives -------------------------------------------------------------------

    def state(self) -> Any:
        """Something equal exactly when the form says the same."""
        raise NotImplementedError

    def check(self) -> dict[str, str]:
        """Every problem with the form as typed, by field."""
        raise NotImplementedError

    def save(self) -> bool:
        """Save and close; on any problem show it at its field and save nothing."""
        raise NotImplementedError

    def focus_problem(self, widget: QWidget) -> None:
        """Put the cursor on ``widget``, the first field with a problem."""
        widget.setFocus()

    # -- values and checks -------------------------------------------------------------------------

    def remember_state(self) -> None:
        """The form as it stands is what is saved (nothing to lose on Cancel)."""
        self._baseline = self.state()

    def has_unsaved_changes(self) -> bool:
        """The form says something other than when ``remember_state`` was last called."""
        return self._baseline is not None and bool(self.state() != self._baseline)

    def placed(self, errors: Mapping[str, str]) -> dict[str, str]:
        """``errors`` keyed by the fields they belong at (here: as they are)."""
        return dict(errors)

    def add_rule_problems(self, problems: dict[str, str], validate: Callable[[], object]) -> dict[str, str]:
        """``problems`` the form found itself, then what ``validate`` (the domain's rules) refuses
        at the other fields; returns ``problems``."""
        try:
            validate()
        except ValidationError as exc:
            for name, message in self.placed(exc.errors).items():
                problems.setdefault(name, message)
        return problems

    def watch(self, name: str, widget: QWidget, signal: SignalInstance | None = None) -> None:
        """Call ``changed(name)`` whenever field ``name`` is edited: on ``signal``, or by default
        when a drop-down's choice or a box's text changes."""
        if signal is None:
            if isinstance(widget, QComboBox):
                signal = widget.currentIndexChanged
            elif isinstance(widget, QLineEdit | QPlainTextEdit):
                signal = widget.textChanged
            else:
                raise TypeError(f"say which signal means {name!r} was edited")
        signal.connect(lambda *_args: self.changed(name))

    def changed(self, name: str) -> None:
        """Field ``name`` was edited: check again, and forget the last refusal's message."""
        self.errors.edited(name)
        self.errors.set_problems(self.check())
        self.message.show_message("")

    # -- saving ------------------------------------------------------------------------------------

    def submit(self, write: Callable[[], Any]) -> bool:
        """Save through ``write`` (the service call, returning the saved record) and close; when
        the service refuses, say why and save nothing. True once saved."""
        try:
            view = write()
        except ValidationError as exc:
            return self.refused(self.placed(exc.errors))
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return False
        self.result_view = view
        self.remember_state()
        self.saved.emit(view)
        self.accept()
        return True

    def refused(self, errors: Mapping[str, str]) -> bool:
        """A save was refused: show ``errors`` at their fields (any naming no field on the message
        line), focus the first; returns False, for ``return self.refused(...)``."""
        leftover = self.errors.show_errors(errors)
        self.message.show_message(
            " ".join(leftover.values()) or self.tr("Nothing was saved: correct the fields marked ⚠.")
        )
        first = self.errors.first_with_message()
        if first is not None:
            self.focus_problem(first)
        return False

    def reject(self) -> None:
        """Cancel (or Esc, or closing the window): asks first when there are unsaved changes."""
        if self.has_unsaved_changes() and not unsaved.confirm_discard(self):
            return
        super().reject()
