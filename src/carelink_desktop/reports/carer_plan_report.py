"""The carer support plan on paper, written for the carer ("you"): what we agreed, who does what,
their own needs, their right to a carer's assessment, the services they chose and the plan to
reach them, how the resident is supported while they take time for themselves, gaps and
discrimination, how the plan is reviewed, then lines for the carer and the worker to sign
(partnership-with-carers P1–P23). ``build_plan_review`` prints one review the same way.

What each redaction shows (decided here through ``reports.redaction``):

* INTERNAL: the whole plan as staff wrote it, with why a closed plan closed.
* PROFESSIONAL: as internal; free text that may hold sensitive detail (managing risks, the risks
  while the carer takes time for themselves, discrimination met, why the plan closed, the
  difficulties found at a review) is a ``Paragraph(sensitive=True)``, which the renderer marks.
* FAMILY (the copy handed to the carer and the resident's family; SUBJECT is treated the same):
  the plan is the carer's own, agreed with them, so every section stays, the risks and the
  discrimination they met included. Roles stay too, with the names of the people in them
  (other key people, staff, services): the carer needs to know who does what, and the
  relationship profile's family copy names the same people. What goes:

  - other residents: every free-text field (outcomes, roles, needs, actions, reasons, review
    notes, who agreed...) is passed through ``Scrubber``, which replaces the name of any other
    resident of the home (full names in every form, and a first or preferred name on its own
    unless someone in this plan's own circle has it too: the resident, the carer, the
    resident's key people or the staff) with "[another resident]";
  - other people's contact details: every phone number and email address in free text is
    replaced with "[contact details left out]", except the carer's own, the home's and those of
    the resources directory (organisations whose details the carer is meant to use). The plan
    holds no structured contact details of anyone but those services;
  - why a closed plan closed (a staff record that may hold safeguarding concerns): only the date.

  A first name that is also an ordinary word ("May", "Hope") is still taken for a resident's
  name: the family copy errs on the side of leaving it out.

Reading the resident's record is audited as a view; the caller audits the print or export.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from carelink_desktop.domain.carer_plans import (
    ActionStatus,
    OutcomeFor,
    PlanDetails,
    PlanStatus,
)
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import NotFound
from carelink_desktop.reports.document import (
    Block,
    Heading,
    KeyFacts,
    Note,
    Paragraph,
    Redaction,
    ReportDocument,
    SignatureLines,
    Table,
)
from carelink_desktop.reports.face_sheet import review_text
from carelink_desktop.reports.redaction import redaction_notice, shows_sensitive, shows_third_party_details
from carelink_desktop.services.carer_plans import PlanView, ReviewView, plan, reviews_of
from carelink_desktop.services.resources_directory import ResourceView
from carelink_desktop.services.workspace import Workspace

TITLE = "Carer support plan"
REVIEW_TITLE = "Carer support plan review"
KIND = "carer_plan"
REVIEW_KIND = "carer_plan_review"
ANOTHER_RESIDENT = "[another resident]"
CONTACT_LEFT_OUT = "[contact details left out]"
FAMILY_NOTICE = (
    "This copy is for you, the carer, and for the family: other residents' names and other "
    "people's phone numbers and email addresses are left out."
)
NOTHING = "Nothing recorded."
SIGNERS = ("Carer", "Worker")


# -- leaving other people out of the family copy -----------------------------------------------

_WORD = re.compile(r"\w+")
#: What may stand between the words of one name: spaces, brackets round a preferred name, the
#: apostrophe or hyphen inside a name ("O'Brien", "Mary-Jane").
_NAME_GAP = re.compile(r"[\s()'’-]+")
_PHONE = re.compile(r"(?<![\w+])(?:\+\d[\d ()-]{8,16}\d|\(?0\d[\d ()-]{7,14}\d)(?!\w)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return "0" + digits[2:] if digits.startswith("44") else digits


@dataclass
class Scrubber:
    """Replaces other residents' names and other people's phone numbers and email addresses in
    free text. ``names`` are the names to leave out, each a tuple of words ("Arthur", "Pryce");
    ``phones`` and ``emails`` the contact details that may stay."""

    names: Iterable[tuple[str, ...]] = ()
    phones: Iterable[str] = ()
    emails: Iterable[str] = ()
    _by_first: dict[str, list[tuple[str, ...]]] = field(init=False, default_factory=dict)
    _phones: set[str] = field(init=False, default_factory=set)
    _emails: set[str] = field(init=False, default_factory=set)

    def __post_init__(self) -> None:
        for name in set(self.names):
            if name:
                self._by_first.setdefault(name[0], []).append(name)
        for names in self._by_first.values():
            names.sort(key=len, reverse=True)  # the longest name wins
        self._phones = {_digits(p) for p in self.phones if p.strip()}
        self._emails = {e.strip().casefold() for e in self.emails if e.strip()}

    def __call__(self, text: str) -> str:
        if not text:
            return text
        text = _EMAIL.sub(lambda m: m[0] if m[0].casefold() in self._emails else CONTACT_LEFT_OUT, text)
        text = _PHONE.sub(self._phone, text)
        return self._names(text) if self._by_first else text

    def _phone(self, match: re.Match[str]) -> str:
        digits = _digits(match[0])
        if len(digits) < 9 or digits in self._phones:
            return match[0]
        return CONTACT_LEFT_OUT

    def _names(self, text: str) -> str:
        words = list(_WORD.finditer(text))
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            found = 0
            for name in self._by_first.get(words[i][0], ()):
                if self._matches(text, words, i, name):
                    found = len(name)
                    break
            if found:
                spans.append((words[i].start(), words[i + found - 1].end()))
                i += found
            else:
                i += 1
        for start, end in reversed(spans):
            text = text[:start] + ANOTHER_RESIDENT + text[end:]
        return text

    @staticmethod
    def _matches(text: str, words: list[re.Match[str]], i: int, name: tuple[str, ...]) -> bool:
        if i + len(name) > len(words):
            return False
        for k in range(1, len(name)):
            before, word = words[i + k - 1], words[i + k]
            if word[0] != name[k] or not _NAME_GAP.fullmatch(text[before.end() : word.start()]):
                return False
        return True


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def _resident_names(given: str, preferred: str, family: str, own: set[str]) -> set[tuple[str, ...]]:
    """The ways a resident may be named: in full ("Harold Lumb", "Harry Lumb", "Harold (Harry)
    Lumb"), and by a first or preferred name alone unless it is one of the ``own`` words."""
    every, surname, pref = _words(given), _words(family), _words(preferred)
    first = _words(given.split(maxsplit=1)[0]) if given.split() else ()
    names = {(*n, *surname) for n in (every, first, pref) if n}
    if pref:
        names |= {(*every, *pref, *surname), (*first, *pref, *surname)}
    names |= {n for n in (first, pref) if n and not (len(n) == 1 and n[0] in own)}
    return names


def _keep(text: str) -> str:
    return text


def family_scrubber(ws: Workspace, view: PlanView, allowed: Sequence[str]) -> Scrubber:
    """The scrubber of a family copy of ``view``: other residents' names, and any contact
    details but ``allowed`` (phone numbers and email addresses) and the directory's."""
    from carelink_desktop.services.accounts import list_accounts
    from carelink_desktop.services.maintenance import home_view
    from carelink_desktop.services.relationships import relationships_of
    from carelink_desktop.services.residents import ResidentFilter, find_residents
    from carelink_desktop.services.resources_directory import resources

    everyone = [
        *find_residents(ws, status=ResidentFilter.ALL),
        *find_residents(ws, status=ResidentFilter.ARCHIVED),
    ]
    own: set[str] = set()  # the words of the names of this plan's own people
    for r in everyone:
        if r.id == view.resident_id:
            own.update(_words(f"{r.legal_given_names} {r.preferred_name} {r.legal_family_name}"))
    for rel in relationships_of(ws, view.resident_id):
        own.update(_words(rel.key_person_name))
    own.update(_words(view.carer_name))
    for account in list_accounts(ws):
        own.update(_words(account.full_name))
    names: set[tuple[str, ...]] = set()
    for r in everyone:
        if r.id != view.resident_id:
            names.update(_resident_names(r.legal_given_names, r.preferred_name, r.legal_family_name, own))
    directory = resources(ws, include_archived=True)
    home = home_view(ws)
    phones = [*allowed, home.phone, *(r.details.phone for r in directory)]
    emails = [*allowed, *(r.details.email for r in directory)]
    return Scrubber(names, phones, emails)


# -- the plan ----------------------------------------------------------------------------------


def _date(day: date | None, missing: str = "Not set") -> str:
    return format_uk_date(day) or missing


def _short_name(given: str, preferred: str) -> str:
    """What people call the resident: the preferred name, else the first given name."""
    return preferred or (given.split(maxsplit=1)[0] if given.split() else given)


def _numbered(items: Sequence[str]) -> str:
    return "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))


@dataclass(frozen=True)
class _People:
    """Who a plan is between, as the printed plan names them."""

    carer: str
    carer_first: str
    resident: str
    resident_short: str
    room: str
    keyworker: str
    home: str
    carer_contacts: tuple[str, ...]


def _people(ws: Workspace, view: PlanView) -> _People:
    from carelink_desktop.services.key_people import view_key_person
    from carelink_desktop.services.maintenance import home_view
    from carelink_desktop.services.residents import view_resident

    resident = view_resident(ws, view.resident_id)
    carer = view_key_person(ws, view.key_person_id).details
    given = carer.given_names.split(maxsplit=1)
    d = resident.details
    return _People(
        carer=view.carer_name,
        carer_first=given[0] if given else view.carer_name,
        resident=resident.display_name,
        resident_short=_short_name(d.legal_given_names, d.preferred_name),
        room=d.room,
        keyworker=resident.keyworker_name,
        home=home_view(ws).name,
        carer_contacts=(carer.phone, carer.email),
    )


def _open(
    ws: Workspace, plan_id: str, redaction: Redaction
) -> tuple[PlanView, _People, Callable[[str], str]]:
    view = plan(ws, plan_id)
    people = _people(ws, view)
    scrub: Callable[[str], str] = _keep
    if not shows_third_party_details(redaction):
        scrub = family_scrubber(ws, view, people.carer_contacts)
    return view, people, scrub


def _document(
    title: str, people: _People, redaction: Redaction, blocks: list[Block], ws: Workspace
) -> ReportDocument:
    return ReportDocument(
        title=title,
        subject=f"{people.carer}, carer for {people.resident}",
        home_name=people.home,
        printed_by=ws.actor.full_name,
        printed_at=datetime.now().astimezone(),
        redaction=redaction,
        blocks=tuple(blocks),
    )


def _notice(redaction: Redaction) -> list[Block]:
    notice = FAMILY_NOTICE if not shows_third_party_details(redaction) else redaction_notice(redaction)
    return [Note(notice)] if notice else []


def build_carer_plan(ws: Workspace, plan_id: str, redaction: Redaction) -> ReportDocument:
    """The carer support plan ``plan_id``, written for the carer, as much as ``redaction``
    allows. Raises NotFound for an unknown plan."""
    view, people, scrub = _open(ws, plan_id, redaction)
    sheet = _PlanSheet(
        view,
        people=people,
        scrub=scrub,
        redaction=redaction,
        today=ws.today(),
        reviews=reviews_of(ws, plan_id),
    )
    blocks = [*_notice(redaction), *sheet.about()]
    blocks += sheet.agreed()
    blocks += sheet.who_does_what()
    blocks += sheet.own_needs()
    blocks += sheet.assessment()
    blocks += sheet.resources(_directory(ws))
    blocks += sheet.actions()
    blocks += sheet.meanwhile()
    blocks += sheet.gaps()
    blocks += sheet.review()
    blocks += sheet.signatures()
    return _document(TITLE, people, redaction, blocks, ws)


def _directory(ws: Workspace) -> dict[str, ResourceView]:
    from carelink_desktop.services.resources_directory import resources

    return {r.id: r for r in resources(ws, include_archived=True)}


class _PlanSheet:
    """The sections of one printed plan; each returns its blocks."""

    def __init__(
        self,
        view: PlanView,
        *,
        people: _People,
        scrub: Callable[[str], str],
        redaction: Redaction,
        today: date,
        reviews: list[ReviewView],
    ) -> None:
        self.view, self.p, self.s, self.today, self.reviews = view, people, scrub, today, reviews
        self.d: PlanDetails = view.details
        self.sensitive = shows_sensitive(redaction)

    def text(self, text: str, sensitive: bool = False, missing: str = NOTHING) -> Paragraph:
        return Paragraph(self.s(text), sensitive=sensitive) if text else Paragraph(missing)

    # -- about -----------------------------------------------------------------------------------

    def about(self) -> list[Block]:
        v, p, d = self.view, self.p, self.d
        carer = f"{p.carer}, {p.resident_short}'s {v.relationship}" if v.relationship else p.carer
        agreed = "Not yet agreed"
        if v.agreed_on is not None:
            agreed = format_uk_date(v.agreed_on) + (f" by {self.s(v.agreed_by)}" if v.agreed_by else "")
        facts = [
            ("Carer", carer),
            ("Supporting", p.resident),
            ("Room", p.room or "Not recorded"),
            ("Keyworker", p.keyworker or "None assigned"),
            ("Where the plan is", v.status.label),
            ("Agreed", agreed),
        ]
        if v.status is PlanStatus.CLOSED:
            facts.append(("Closed", _date(v.closed_on, "Not recorded")))
        else:
            facts.append(("Next review", review_text(d.next_review_on, self.today) or "Not set yet"))
        blocks: list[Block] = [
            Heading("About this plan"),
            Paragraph(
                f"This is your plan, {p.carer_first}. It sets out how you and {p.home} work "
                f"together to support {p.resident_short}, who does what, and how we will support "
                "you to look after your own health and wellbeing. Tell us if anything in it is "
                "wrong or has changed: you can ask for a review at any time."
            ),
            KeyFacts(tuple(facts)),
        ]
        if v.status is PlanStatus.DRAFT:
            blocks.append(Note("This plan is a draft: it has not been agreed yet and may still change."))
        elif v.status is PlanStatus.CLOSED:
            blocks.append(Note(f"This plan was closed on {_date(v.closed_on, 'a date not recorded')}."))
            if self.sensitive and v.close_reason:
                blocks.append(Paragraph(f"Why it closed: {v.close_reason}", sensitive=True))
        elif v.review_overdue(self.today):
            blocks.append(
                Note(
                    f"The review was due on {_date(d.next_review_on)}: ask {p.keyworker or 'your keyworker'} "
                    "to arrange it.",
                    warning=True,
                )
            )
        return blocks

    # -- what we agreed and who does what (P2–P4) ------------------------------------------------

    def _for_whom(self, whom: OutcomeFor) -> str:
        return {
            OutcomeFor.RESIDENT: f"For {self.p.resident_short}",
            OutcomeFor.CARER: "For you",
            OutcomeFor.SHARED: f"For you and {self.p.resident_short}",
        }[whom]

    def agreed(self) -> list[Block]:
        d = self.d
        rows = tuple((self.s(o.text), self._for_whom(o.for_whom)) for o in d.outcomes)
        return [
            Heading("What we agreed"),
            Paragraph(f"What you, {self.p.resident_short} and the staff want our work together to achieve."),
            Table(
                ("What we want to achieve", "Who it is for"),
                rows,
                widths=(125, 49),
                empty_text="No outcomes agreed yet.",
            ),
            Heading("How we work together", level=2),
            self.text(d.ways_of_working),
            Heading("Keeping everyone safe", level=2),
            self.text(d.risk_management, sensitive=True),
        ]

    def who_does_what(self) -> list[Block]:
        rows = tuple((self.s(r.who), self.s(r.role)) for r in self.d.roles)
        return [
            Heading("Who does what"),
            Table(("Who", "What they do"), rows, widths=(50, 124), empty_text="No roles agreed yet."),
        ]

    # -- the carer's own needs and assessment (P6–P7) --------------------------------------------

    def own_needs(self) -> list[Block]:
        rows = tuple((n.kind.label, n.term.label, self.s(n.description)) for n in self.d.needs)
        return [
            Heading("Your own needs and wellbeing"),
            Paragraph(
                "What you told us you need for your own health and wellbeing, and what you want "
                "to achieve for yourself."
            ),
            Table(
                ("Kind of need", "How long for", "What you told us"),
                rows,
                widths=(26, 26, 122),
                empty_text="None recorded yet: tell us what would help you.",
            ),
        ]

    def assessment(self) -> list[Block]:
        d = self.d
        explained = "Not yet"
        if d.assessment_explained_on is not None:
            explained = format_uk_date(d.assessment_explained_on)
            if d.assessment_explained_how:
                explained += f": {self.s(d.assessment_explained_how)}"
        elif d.assessment_explained_how:
            explained = self.s(d.assessment_explained_how)
        facts = [("We explained this to you", explained)]
        if d.referral_on is not None or d.referral_reference:
            referral = _date(d.referral_on, "Date not recorded")
            if d.referral_reference:
                referral += f" (reference {d.referral_reference})"
            facts.append(("Referral to the council", referral))
            facts.append(("What happened", self.s(d.referral_result) or "Waiting to hear"))
        else:
            facts.append(("Referral to the council", "Not made: ask us whenever you want one"))
        return [
            Heading("Your right to a carer's assessment"),
            Paragraph(
                f"Because you look after {self.p.resident_short} without being paid, you have the "
                "right to ask your local council for an assessment of your own needs as a carer. "
                "It is free, it is about you rather than the person you care for, and it can lead "
                "to support such as breaks, advice, or help with costs. We can make the referral "
                "with you, or you can contact the council's adult social care team yourself. The "
                "law behind it is the Care Act 2014 in England, the Social Services and Well-being "
                "(Wales) Act 2014 in Wales and the Carers (Scotland) Act 2016 in Scotland, where it "
                "is called an adult carer support plan."
            ),
            KeyFacts(tuple(facts)),
        ]

    # -- resources and the plan to reach them (P8–P14) -------------------------------------------

    def resources(self, directory: dict[str, ResourceView]) -> list[Block]:
        rows = []
        for chosen in self.d.resources:
            entry = directory.get(chosen.resource_id)
            if entry is None:
                rows.append(("A service no longer in our directory", "Ask us", self.s(chosen.why)))
                continue
            r = entry.details
            website = r.website.removeprefix("https://").removeprefix("http://").rstrip("/")
            contact = "\n".join(x for x in (r.phone, r.email, website) if x)
            what = " · ".join(x for x in (r.kind.label, r.area) if x)
            rows.append((f"{r.name}\n{what}", contact or "Ask us", self.s(chosen.why)))
        return [
            Heading("Support and services you chose"),
            Paragraph(
                "Services, groups and help from our directory that you chose because they are "
                "most likely to meet your needs. Ask us about anything else you have heard of."
            ),
            Table(
                ("Service", "How to contact them", "Why you chose it"),
                tuple(rows),
                widths=(54, 64, 56),
                empty_text="None chosen yet.",
            ),
        ]

    def actions(self) -> list[Block]:
        rows = []
        late = 0
        for a in self.d.actions:
            when = _date(a.by_when, "No date")
            if (
                a.by_when is not None
                and a.by_when < self.today
                and a.status in (ActionStatus.TO_DO, ActionStatus.IN_HAND)
                and self.view.status is not PlanStatus.CLOSED
            ):
                when += " (late)"
                late += 1
            rows.append((self.s(a.what), self.s(a.who), when, a.status.label))
        blocks: list[Block] = [
            Heading("Our plan to get them"),
            Paragraph("The steps to reach the support and services you chose: what, who, and by when."),
        ]
        if late:
            blocks.append(
                Note(
                    f"{late} {'step is' if late == 1 else 'steps are'} past the date we agreed: "
                    "we will talk about it at the next visit or review."
                )
            )
        blocks.append(
            Table(
                ("What", "Who", "By when", "How it stands"),
                tuple(rows),
                widths=(70, 42, 32, 30),
                empty_text="No steps agreed yet.",
            )
        )
        return blocks

    def meanwhile(self) -> list[Block]:
        d, name = self.d, self.p.resident_short
        return [
            Heading("While you take time for yourself"),
            Heading(f"How {name} will be supported", level=2),
            self.text(d.resident_support_meanwhile),
            Heading("Risks, and how we manage them", level=2),
            self.text(d.resident_support_risks, sensitive=True),
        ]

    # -- gaps, discrimination, review (P15–P17) --------------------------------------------------

    def gaps(self) -> list[Block]:
        d = self.d
        return [
            Heading("Gaps and discrimination"),
            Heading("What is missing or does not fit your needs", level=2),
            self.text(d.gaps_in_provision, missing="Nothing recorded yet."),
            Heading("Unfair treatment, and what we are doing about it", level=2),
            self.text(d.discrimination, sensitive=True, missing="None recorded."),
            Paragraph(
                "Tell us if a service does not meet your needs or treats you unfairly, because you "
                "are a carer or for any other reason: we will help you challenge it. You have the "
                "right to complain about any service, ours included, and we will help you do it."
            ),
        ]

    def review(self) -> list[Block]:
        d, v = self.d, self.view
        if v.status is PlanStatus.CLOSED:
            due = "None: the plan is closed"
        else:
            due = review_text(d.next_review_on, self.today) or "Not set yet"
        blocks: list[Block] = [
            Heading("How we will review the plan"),
            KeyFacts(
                (
                    ("How we review it", self.s(d.review_process) or "To be agreed with you"),
                    ("Next review", due),
                )
            ),
            Heading("What the review will look at", level=2),
            Paragraph(_numbered([self.s(c) for c in d.review_criteria]) or "Not agreed yet."),
        ]
        if self.reviews:
            rows = tuple(
                (
                    _date(r.details.reviewed_on, "Not recorded"),
                    self.s(r.details.participants),
                    _date(r.details.next_review_on, "None"),
                )
                for r in self.reviews
            )
            blocks.append(
                Table(
                    ("Reviewed on", "Who took part", "Next review set for"),
                    rows,
                    widths=(30, 104, 40),
                    title="Reviews so far",
                )
            )
        return blocks

    def signatures(self) -> list[Block]:
        return [
            Heading("Signatures"),
            Paragraph(
                f"We agreed this plan together with {self.p.resident_short}. Signing it shows you "
                "have read it and agree with it; you can ask for changes at any time."
            ),
            SignatureLines(SIGNERS),
        ]


# -- a review ----------------------------------------------------------------------------------


def build_plan_review(ws: Workspace, plan_id: str, review_id: str, redaction: Redaction) -> ReportDocument:
    """One review of the carer support plan ``plan_id`` (P17–P22), as much as ``redaction``
    allows. Raises NotFound for an unknown plan or a review that is not one of its own."""
    view, people, scrub = _open(ws, plan_id, redaction)
    found = next((r for r in reviews_of(ws, plan_id) if r.id == review_id), None)
    if found is None:
        raise NotFound("That review is not one of this carer support plan's reviews.")
    r = found.details
    name = people.resident_short

    def text(value: str, sensitive: bool = False) -> Paragraph:
        return Paragraph(scrub(value), sensitive=sensitive) if value else Paragraph("Nothing recorded.")

    if r.next_review_on is not None:
        next_review = format_uk_date(r.next_review_on)
    else:
        next_review = "None set: the plan was closing" if view.status is PlanStatus.CLOSED else "None set"
    blocks: list[Block] = [
        *_notice(redaction),
        Heading("About this review"),
        Paragraph(
            f"{people.carer_first}, this is the record of our review of your plan: how our work "
            f"together to support {name}, and the support for your own health and wellbeing, "
            "went against what we agreed, and what we will change."
        ),
        KeyFacts(
            (
                ("Date of the review", _date(r.reviewed_on, "Not recorded")),
                ("Who took part", scrub(r.participants)),
                ("Support to take part", scrub(r.participation_support) or "None needed"),
                ("Next review", next_review),
            )
        ),
        Heading("How it went against what we agreed"),
        Table(
            ("What we agreed to look at", "What we found"),
            tuple((scrub(a.criterion), scrub(a.assessment)) for a in r.assessments),
            widths=(70, 104),
            empty_text="No criteria were looked at in this review.",
        ),
        Heading("What has helped your health and wellbeing"),
        text(r.benefits),
        Heading("What has been difficult"),
        text(r.difficulties, sensitive=True),
        Heading("What we will change"),
        text(r.changes),
        Heading(f"Support for {name} while you take time for yourself"),
        text(r.resident_support_changes),
        Heading("Further help we asked for"),
        text(r.referrals),
        Heading("Signatures"),
        Paragraph("Signing shows you have read this review and agree it is a fair record."),
        SignatureLines(SIGNERS),
    ]
    return _document(REVIEW_TITLE, people, redaction, blocks, ws)
