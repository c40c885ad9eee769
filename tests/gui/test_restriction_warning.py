"""The restriction warning shared by the booking and visit forms: hidden with nothing to say,
each warning's words shown, a tick that must be given again whenever the warnings change."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QWidget

from carelink_desktop.services.contact_warnings import RestrictionWarning
from carelink_desktop.ui.restriction_warning import RestrictionWarningBox

PETER = RestrictionWarning("r1", "rel-peter", "Peter Hughes", "Court order: No unsupervised contact.")
EVERYONE = RestrictionWarning("r2", None, "all visitors", "")


@pytest.fixture
def box(qtbot):  # type: ignore[no-untyped-def]
    parent = QWidget()  # held here for the whole test
    qtbot.addWidget(parent)
    made = RestrictionWarningBox(parent)
    parent.show()
    yield made


def test_hidden_until_there_is_something_to_warn_about(box) -> None:  # type: ignore[no-untyped-def]
    assert box.isHidden() and not box.acknowledged()
    box.set_warnings([PETER])
    assert box.isVisible()
    assert box.text.text() == "Contact with Peter Hughes is restricted. Court order: No unsupervised contact."
    box.set_warnings([])
    assert box.isHidden() and not box.acknowledged()


def test_every_warning_is_shown_and_readable_by_a_screen_reader(box) -> None:  # type: ignore[no-untyped-def]
    box.set_warnings([PETER, EVERYONE])
    shown = box.text.text()
    assert PETER.text() in shown and EVERYONE.text() in shown
    assert "Speak to the shift lead or manager" in shown  # a role that may not see the details
    assert box.text.wordWrap()
    assert box.frame.accessibleName() == "Restriction on contact"
    assert PETER.text() in box.frame.accessibleDescription()
    assert box.acknowledge.accessibleName() == "I have read this warning; the contact may go ahead"
    assert PETER.text() in box.acknowledge.accessibleDescription()


def test_the_tick_is_needed_again_when_the_warnings_change(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(box.changed):
        box.set_warnings([PETER])
    with qtbot.waitSignal(box.changed):
        box.acknowledge.setChecked(True)
    assert box.acknowledged()
    box.set_warnings([PETER])  # the same warnings again (another day under the same order)
    assert box.acknowledged()
    with qtbot.waitSignal(box.changed):
        box.set_warnings([PETER, EVERYONE])
    assert not box.acknowledge.isChecked() and not box.acknowledged()
    box.acknowledge.setChecked(True)
    box.set_warnings([])
    assert not box.acknowledged()  # nothing to acknowledge


def test_focusing_the_warning_puts_the_cursor_on_the_tick(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    box.set_warnings([PETER])
    box.window().activateWindow()
    box.setFocus()
    qtbot.waitUntil(box.acknowledge.hasFocus)
