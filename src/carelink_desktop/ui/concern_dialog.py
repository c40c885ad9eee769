"""The form for a concern: a worry raised from a contact (or on its own) that someone must act on
— risk of harm or abuse, unmet needs of a carer or key person, lack of resources, conflict,
complaints, discrimination, ethical dilemmas (maintain-contact P11, P12, P16, P22, P23).

Kept with the generic resident records (``services.concerns.CONCERNS``); the domain's rules
(who it was reported to, dates in order, a closed concern's outcome) show at their fields as the
person types.

Managers (``Permission.LEAD_PRACTICE``) also see and write the manager's side
(``services.concerns.handle_concern``): who is handling it, specialist advice sought, the options
weighed (for an ethical dilemma), the decision and its reasoning, what it means for systems,
procedures or practice, and the lessons, each with its prompt from the standard for leading
practice that involves key people (``HANDLING_SECTIONS``). Save writes the concern first, then
the manager's side; the manager's side's rules are checked with the concern's, at their fields,
so neither is written while either has a problem.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from carelink_desktop.domain.concerns import (
    ConcernDetails,
    ConcernHandling,
    ConcernKind,
    ConcernStatus,
    Severity,
)
from carelink_desktop.domain.dates import format_uk_datetime
from carelink_desktop.domain.errors import CareLinkError, ValidationError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.visits import Section
from carelink_desktop.services.concerns import CONCERNS, concern_handling, handle_concern
from carelink_desktop.services.relationships import relationships_of
from carelink_desktop.services.resident_records import ResidentRecordView, record
from carelink_desktop.services.visits import visit
from carelink_desktop.ui.pages import ShellContext
from carelink_desktop.ui.record_dialog import RecordDialog, choose_data, date_or_none
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.visit_dialog import resident_label
from carelink_desktop.ui.visit_sections import criteria_text, quiet_label

#: The manager's side of a concern, in the order of the form, each with its prompt from the
#: standard for leading practice that involves key people (lead-practice P20–P28).
HANDLING_SECTIONS: tuple[Section, ...] = (
    Section(
        "handler",
        "Who is handling it",
        "Who leads on this and supports the staff involved?",
        "P24, P26",
    ),
    Section(
        "advice_sought",
        "Specialist advice sought",
        "What extra support or specialist advice was sought, and from whom (safeguarding team, "
        "advocate, social worker, legal)?",
        "P25",
    ),
    Section(
        "options_weighed",
        "Options weighed",
        "The options, and what each would mean for the resident and the key people: their rights, "
        "wishes, wellbeing and risks.",
        "P22, P23, P26",
    ),
    Section(
        "decision",
        "Decision",
        "What was decided, by whom, with whom.",
        "P24, P26",
    ),
    Section(
        "reasoning",
        "Reasoning",
        "Why: the reasons, the law, regulation or policy it rests on, and the resident's views.",
        "P20, P26",
    ),
    Section(
        "practice_changes",
        "What it means for systems, procedures or practice",
        "What needs to change in the home's systems, procedures or practice, and who will do it?",
        "P27, P28",
    ),
    Section(
        "lessons",
        "Lessons",
        "What you and the team learned, reflecting on your own practice and attitudes.",
        "P21, P27",
    ),
)

#: Each part's label with its mnemonic (unique within the concern form, whose other fields use
#: K, V, D, R, P, T, N, X, A, U, O, L and S for Save).
HANDLING_LABELS: dict[str, str] = {
    "handler": "&Handled by:",
    "advice_sought": "Advice sou&ght:",
    "options_weighed": "Opt&ions weighed:",
    "decision": "De&cision:",
    "reasoning": "Reasoning (&why):",
    "practice_changes": "S&ystems and practice:",
    "lessons": "L&essons:",
}
#: How many lines each box shows before it scrolls.
HANDLING_LINES: dict[str, int] = {"options_weighed": 4, "reasoning": 3, "practice_changes": 3, "lessons": 3}


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
        #: The manager's side as saved (empty for a new concern, or for anyone else).
        self.saved_handling = ConcernHandling()
        #: The manager's side's boxes by ConcernHandling field (none unless the person may lead
        #: practice); ``prompts`` the prompt line above each.
        self.handling_boxes: dict[str, QPlainTextEdit | QLineEdit] = {}
        self.prompts: dict[str, QWidget] = {}
        self.manager_heading: QLabel | None = None
        if ws.may(Permission.LEAD_PRACTICE):
            if existing is not None:
                self.saved_handling = concern_handling(ws, existing.id)
            self._build_manager_side()
            self.concern_kind.currentIndexChanged.connect(lambda _i: self._show_options())
        self.finish()
        self._show_options()

    # -- the manager's side ------------------------------------------------------------------------

    @property
    def manager_side(self) -> bool:
        """The manager's side is shown (and saved) in this form."""
        return bool(self.handling_boxes)

    def _build_manager_side(self) -> None:
        self.manager_heading = self.section(self.tr("Manager's side"))
        note = hint_label(
            self.tr(
                "For managers only: how the concern is handled and what the home learns from it. "
                "Keyworkers do not see this part."
            )
        )
        self.form.addRow(note)
        for section in HANDLING_SECTIONS:
            label = self.tr(HANDLING_LABELS[section.field])
            self.prompts[section.field] = self._prompt_row(section)
            box: QPlainTextEdit | QLineEdit
            if section.field == "handler":
                box = QLineEdit()
                box.setMaxLength(120)
                box.setPlaceholderText(self.tr("e.g. Amira Khan, registered manager"))
            else:
                box = multi_line(HANDLING_LINES.get(section.field, 2))
            box.setAccessibleName(self.tr(section.label))
            box.setAccessibleDescription(self.tr(section.prompt))
            self.add_field(section.field, box, label, changed=box.textChanged)
            self.handling_boxes[section.field] = box

    def _prompt_row(self, section: Section) -> QWidget:
        """The prompt from the standard above a box, with the criteria at the right."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 4, 0, 0)
        prompt = QLabel(self.tr(section.prompt))
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        prompt.setWordWrap(True)
        criteria = quiet_label(self.tr(criteria_text(section.criteria)))
        criteria.setToolTip(
            self.tr("Lead and manage practice that involves key people: performance criteria {c}").format(
                c=section.criteria
            )
        )
        line.addWidget(prompt, 1)
        line.addWidget(criteria, 0, Qt.AlignmentFlag.AlignBottom)
        self.form.addRow("", row)
        return row

    def _show_options(self) -> None:
        """The options weighed are asked for an ethical dilemma (and shown whenever they hold
        something, so nothing written is hidden)."""
        if not self.manager_side:
            return
        box = self.handling_boxes["options_weighed"]
        dilemma = ConcernKind(self.concern_kind.currentData()) is ConcernKind.ETHICAL_DILEMMA
        visible = dilemma or bool(_text(box).strip())
        container = box.parentWidget()
        if container is not None:
            self.form.setRowVisible(container, visible)
        self.form.setRowVisible(self.prompts["options_weighed"], visible)

    def handling(self) -> ConcernHandling:
        """The manager's side as typed (the saved one when it is not shown)."""
        if not self.manager_side:
            return self.saved_handling
        return ConcernHandling(**{name: _text(box) for name, box in self.handling_boxes.items()})

    def _handling_to_save(self) -> bool:
        return self.manager_side and self.handling().cleaned() != self.saved_handling.cleaned()

    def _handling_problems(self) -> dict[str, str]:
        """The manager's side's rules, for the kind and status as typed, once it is begun."""
        typed = self.handling().cleaned()
        if not self.manager_side or not (typed.started or self.saved_handling.started):
            return {}
        try:
            typed.validate(
                ConcernKind(self.concern_kind.currentData()), ConcernStatus(self.status.currentData())
            )
        except ValidationError as exc:
            return dict(exc.errors)
        return {}

    def check(self) -> dict[str, str]:
        problems = super().check()
        for name, message in self._handling_problems().items():
            problems.setdefault(name, message)
        return problems

    def try_store(self) -> bool:
        """The concern's and the manager's side's problems are shown together, and nothing is
        written while there are any."""
        problems = self._handling_problems()
        if problems:
            self.errors.set_problems(self.check())
            return self.refused(self.placed(problems))
        return super().try_store()

    def state(self) -> Any:
        return (super().state(), self.handling())

    def store(self) -> ResidentRecordView[ConcernDetails]:
        """The concern first (as before), then the manager's side when it changed."""
        saved: ResidentRecordView[ConcernDetails] = super().store()
        if not self._handling_to_save():
            return saved
        typed = self.handling()
        try:
            self.saved_handling = handle_concern(self.ws, saved.id, typed, expected_version=saved.version)
        except CareLinkError:
            # The concern is saved; what was typed on the manager's side is not: Cancel asks.
            self._baseline = (RecordDialog.state(self), self.saved_handling)
            raise
        self.record = self.result_view = record(self.ws, CONCERNS, saved.id)
        self.remember_state()
        return self.record

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
        for name, box in self.handling_boxes.items():
            if isinstance(box, QLineEdit):
                box.setText(getattr(self.saved_handling, name))
            else:
                box.setPlainText(getattr(self.saved_handling, name))
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


def _text(box: QPlainTextEdit | QLineEdit) -> str:
    return box.text() if isinstance(box, QLineEdit) else box.toPlainText()
