"""The form for a concern: a worry raised from a contact (or on its own) that someone must act on
— risk of harm or abuse, unmet needs of a carer or key person, lack of resources, conflict,
complaints, discrimination, ethical dilemmas (maintain-contact P11, P12, P16, P22, P23).

Kept with the generic resident records (``services.concerns.CONCERNS``); the domain's rules
(who it was reported to, dates in order, a closed concern's outcome) show at their fields as the
person types.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from carelink_desktop.domain.concerns import ConcernDetails, ConcernKind, ConcernStatus, Severity
from carelink_desktop.domain.dates import format_uk_datetime
from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.services.concerns import CONCERNS
from carelink_desktop.services.relationships import relationships_of
from carelink_desktop.services.resident_records import ResidentRecordView, record
from carelink_desktop.services.visits import visit
from carelink_desktop.ui.pages import ShellContext
from carelink_desktop.ui.record_dialog import RecordDialog, choose_data, date_or_none
from carelink_desktop.ui.visit_dialog import resident_label


class ConcernDialog(RecordDialog):
    """A new concern (``concern_id`` None), perhaps from a contact (``visit_id``) or about a key
    person (``relationship_id``), or one to change. After ``accepted``, ``result_view`` is the
    saved record."""

    def __init__(
        self,
        ctx: ShellContext,
        resident_id: str,
        *,
        concern_id: str | None = None,
        visit_id: str | None = None,
        relationship_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        ws = ctx.ws
        existing: ResidentRecordView[ConcernDetails] | None = (
            record(ws, CONCERNS, concern_id) if concern_id else None
        )
        super().__init__(ws, CONCERNS, resident_id, existing, parent)
        self.ctx = ctx
        self.visit_id = existing.details.visit_id if existing else visit_id
        self.start_person = relationship_id
        name = resident_label(ws, resident_id)
        self.setWindowTitle(
            (self.tr("Raise a concern — {name}") if existing is None else self.tr("Concern — {name}")).format(
                name=name or self.tr("resident")
            )
        )
        self.set_intro(
            self.tr(
                "Say what worries you and who you told. A risk of harm or abuse, and any high or urgent "
                "concern, is reported at once to the person in charge, following the home's procedures."
            )
        )
        self.section(self.tr("The concern"))
        self.concern_kind = self.combo(
            "kind", self.tr("&Kind:"), [(self.tr(k.label), k) for k in ConcernKind]
        )
        self.severity = self.combo(
            "severity", self.tr("Se&verity:"), [(self.tr(s.label), s) for s in Severity]
        )
        self.description = self.text(
            "description",
            self.tr("&Description:"),
            4,
            self.tr("What happened or what worries you; a visitor's words in their words"),
        )
        self.raised_on = self.date("raised_on", self.tr("&Raised on:"))
        self.person = self.people_combo(
            "relationship_id",
            self.tr("Key &person concerned:"),
            self.tr("No one in particular"),
            relationships_of(ws, resident_id),
        )
        self.contact = QLabel()
        self.contact.setTextFormat(Qt.TextFormat.PlainText)
        self.contact.setWordWrap(True)
        self.contact.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.contact.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.contact.setText(self._contact_text())
        self.add_field("visit_id", self.contact, self.tr("From the contact:"))
        self.section(self.tr("Reporting it"))
        self.reported_to = self.line(
            "reported_to",
            self.tr("Reported &to:"),
            self.tr("e.g. Ann Patel, manager; the local authority safeguarding team"),
        )
        self.reported_on = self.date("reported_on", self.tr("Reported o&n:"))
        self.external_reference = self.line(
            "external_reference",
            self.tr("E&xternal reference:"),
            self.tr("e.g. a safeguarding or complaint number"),
        )
        self.actions_taken = self.text("actions", self.tr("&Actions taken:"), 3)
        self.section(self.tr("Where it stands"))
        self.status = self.combo(
            "status", self.tr("Stat&us:"), [(self.tr(s.label), s) for s in ConcernStatus]
        )
        self.outcome = self.text("outcome", self.tr("&Outcome:"), 3)
        self.closed_on = self.date("closed_on", self.tr("C&losed on:"))
        self.status.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.finish()

    def focus_widgets(self) -> list[QWidget]:
        return [w for w in super().focus_widgets() if w is not self.contact]

    def _contact_text(self) -> str:
        if not self.visit_id:
            return self.tr("None: raised on its own.")
        try:
            seen = visit(self.ws, self.visit_id)
        except CareLinkError:
            return self.tr("A record of contact that has since been removed.")
        return self.tr("{kind} on {when} with {people}").format(
            kind=self.tr(seen.details.kind.label),
            when=format_uk_datetime(seen.details.starts_at),
            people=seen.people or self.tr("no one named"),
        )

    def _status_changed(self) -> None:
        """Closing a concern: today is the likeliest closing date."""
        if (
            not self._loading
            and ConcernStatus(self.status.currentData()) is ConcernStatus.CLOSED
            and not self.closed_on.text()
        ):
            self.closed_on.set_date(self.ws.today())

    def fill(self, details: ConcernDetails | None) -> None:
        if details is None:
            self.raised_on.set_date(self.ws.today())
            self.choose_person(self.person, self.start_person)
            return
        choose_data(self.concern_kind, details.kind)
        choose_data(self.severity, details.severity)
        self.description.setPlainText(details.description)
        self.raised_on.set_date(details.raised_on)
        self.choose_person(self.person, details.relationship_id)
        self.reported_to.setText(details.reported_to)
        self.reported_on.set_date(details.reported_on)
        self.external_reference.setText(details.external_reference)
        self.actions_taken.setPlainText(details.actions)
        choose_data(self.status, details.status)
        self.outcome.setPlainText(details.outcome)
        self.closed_on.set_date(details.closed_on)

    def details(self) -> ConcernDetails:
        return ConcernDetails(
            kind=ConcernKind(self.concern_kind.currentData()),
            severity=Severity(self.severity.currentData()),
            description=self.description.toPlainText(),
            raised_on=date_or_none(self.raised_on),
            relationship_id=self.person.currentData(),
            visit_id=self.visit_id,
            reported_to=self.reported_to.text(),
            reported_on=date_or_none(self.reported_on),
            external_reference=self.external_reference.text(),
            actions=self.actions_taken.toPlainText(),
            status=ConcernStatus(self.status.currentData()),
            outcome=self.outcome.toPlainText(),
            closed_on=date_or_none(self.closed_on),
        )
