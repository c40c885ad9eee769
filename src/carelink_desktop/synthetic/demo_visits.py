"""The demo home's year of contact: visits, calls, video calls, outings, letters and messages that
follow each relationship's contact wishes, with the fuller records, follow-ups and concerns of a
real home, and a day of bookings on the Today board.

Planning is pure (``plan_contact`` and ``plan_today``: the same circles, seed, day and moment give
the same plan). Writing goes through the services: the day itself one call at a time, as staff
would (bookings, signing in and out, the visit recorded from its booking, a cancellation, a call
that did not happen, concerns, follow-ups marked done); the history before today with
``record_contacts``, which records many contacts of one resident in one transaction exactly as
``services.visits.record_visit`` records one (a committed transaction per contact costs about
15 ms, half a minute for the demo's two thousand contacts).

Who plays which part follows from the maps. The resident whose son or daughter is under a
restriction on contact (the *featured* resident of ``demo_maps``) has the visits that led to the
safeguarding plan, the concern raised, and supervised visits since, each with the warning
acknowledged; the resident whose friend died hears the news; the resident with the fewest people
keeping in touch often has had no contact for three weeks, and another sees less of a son or
daughter than they wish, so the isolation signal and the Today board have something to show. The
last four weeks follow the wishes closely; older contact is recorded more sparingly (someone who
visits every day appears every month or two further back), which keeps the demo quick to make.
Everything is fictional.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import partial

from carelink_desktop.domain.concerns import ConcernDetails
from carelink_desktop.domain.planned_visits import PlannedVisitDetails
from carelink_desktop.domain.relationships import ContactWish, Frequency, KeepInTouch, Quality
from carelink_desktop.domain.shifts import ShiftTimes
from carelink_desktop.domain.visits import FollowUp, Mood, Supervision, VisitDetails, VisitKind
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.synthetic import demo_visit_texts as T
from carelink_desktop.synthetic.demo_map_texts import KINDS
from carelink_desktop.synthetic.demo_maps import resident_first_name
from carelink_desktop.synthetic.personas import Persona

_KIND_OF = {k.keeps_in_touch: k for k in VisitKind}
#: Contact in the last four weeks follows the wishes; older contact is recorded sparingly.
RECENT_DAYS = 28
#: The isolated resident's last contact (the no-contact flag is at 14 days by default).
QUIET_DAYS = 23
YEAR = 365
SATURDAY, TUESDAY = 5, 1

# -- what the plan works from ----------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """One of a resident's relationships, as the plan needs it."""

    relationship_id: str
    first_name: str
    #: The group of the relationship ("child" for a daughter: see ``group_of``).
    group: str
    wishes: tuple[ContactWish, ...]
    quality: Quality = Quality.POSITIVE
    carer: bool = False
    restricted: bool = False
    ended_on: date | None = None

    def wish(self, method: KeepInTouch) -> ContactWish | None:
        return next((w for w in self.wishes if w.method is method and w.frequency.days), None)

    @property
    def visits(self) -> ContactWish | None:
        return self.wish(KeepInTouch.VISITS)


@dataclass(frozen=True)
class Circle:
    """A resident and the people on their map, in the order of the demo plan."""

    resident_id: str
    name: str
    admitted: date | None
    left: date | None
    keyworker: str
    people: tuple[Person, ...]

    def current(self, today: date) -> bool:
        return self.left is None or self.left > today

    def say(self, text: str, person: Person | None = None, **more: str) -> str:
        keyworker = self.keyworker or "the keyworker"
        kp = person.first_name if person else ""
        return text.format(name=self.name, kp=kp, keyworker=keyworker, **more)

    def owner(self, text: str) -> str:
        return text.replace("{keyworker}", self.keyworker or "Keyworker")


def group_of(label: str) -> str:
    """'daughter' -> 'child', 'befriender' -> 'befriender' (the texts choose by group)."""
    return KINDS.get(label, label if label in ("befriender", "chaplain", "advocate") else "other")


def read_circles(
    ws: Workspace,
    personas: Sequence[Persona],
    resident_ids: Sequence[str],
    people_ids: Sequence[Sequence[str]],
    keyworker_names: dict[str, str],
) -> list[Circle]:
    """The circles as the maps now hold them (read through the services), each in the order of
    ``people_ids`` (the resident's key people in plan order), so the plan never depends on ids."""
    from carelink_desktop.domain.relationships import Category
    from carelink_desktop.services.relationships import relationships_of

    circles = []
    for persona, resident_id, order in zip(personas, resident_ids, people_ids, strict=True):
        position = {k: i for i, k in enumerate(order)}
        views = sorted(relationships_of(ws, resident_id), key=lambda v: position.get(v.key_person_id, 99))
        people = tuple(
            Person(
                v.id,
                v.key_person_name.split(maxsplit=1)[0],
                group_of(v.details.relationship),
                v.details.contact_wishes,
                v.details.quality,
                v.details.category is Category.UNPAID_CARER,
                v.restricted,
                v.details.ended_on,
            )
            for v in views
        )
        d = persona.resident
        keyworker = keyworker_names.get(resident_id, "")
        circles.append(
            Circle(
                resident_id,
                resident_first_name(persona),
                d.admission_date,
                d.discharge_date,
                keyworker,
                people,
            )
        )
    return circles


# -- who plays which part --------------------------------------------------------------------


@dataclass(frozen=True)
class Roles:
    """Which circle (index) plays which part; None when the home has nobody who fits."""

    featured: int | None = None
    second: int | None = None
    isolated: int | None = None
    behind: int | None = None
    #: (circle, person) of the stories that raise a concern, by the story's tag.
    raised: dict[str, tuple[int, int]] = field(default_factory=dict)

    def special(self) -> set[int]:
        main = {i for i in (self.featured, self.second, self.isolated, self.behind) if i is not None}
        return main | {i for i, _ in self.raised.values()}


def weekly_child(circle: Circle) -> int | None:
    """The first son or daughter who wishes to visit every week."""
    return next(
        (
            j
            for j, p in enumerate(circle.people)
            if p.group == "child" and p.visits and p.visits.frequency is Frequency.WEEKLY
        ),
        None,
    )


def choose_roles(circles: Sequence[Circle], today: date) -> Roles:
    """Who plays which part, from the maps alone (the first circle that fits, in plan order)."""
    current = [i for i, c in enumerate(circles) if c.current(today)]
    featured = next((i for i in current if any(p.restricted for p in circles[i].people)), None)
    second = next((i for i in current if i != featured and any(p.ended_on for p in circles[i].people)), None)
    plain = [
        i for i in current if i not in (featured, second) and not any(p.carer for p in circles[i].people)
    ]

    def keeping_in_touch(i: int) -> tuple[bool, int, int, int]:
        people = circles[i].people
        often = sum(1 for p in people for w in p.wishes if (w.frequency.days or 99) <= 7)
        daily = any(p.group in ("spouse", "befriender") for p in people)
        return daily, often, sum(1 for p in people if p.wishes), i

    isolated = min(plain, key=keeping_in_touch, default=None)
    taken = {i for i in (featured, second, isolated) if i is not None}
    behind = next((i for i in plain if i not in taken and weekly_child(circles[i]) is not None), None)
    taken |= {behind} if behind is not None else set()
    raised: dict[str, tuple[int, int]] = {}
    parts: tuple[tuple[str, list[int], Callable[[Person], bool]], ...] = (
        ("carer", current, lambda p: p.carer and p.visits is not None),
        ("complaint", plain, lambda p: p.group == "child" and p.quality is Quality.MIXED),
        ("complaint", plain, lambda p: p.group == "child" and p.visits is not None),
        ("tablet", current, lambda p: p.wish(KeepInTouch.VIDEO) is not None),
    )
    for tag, where, test in parts:
        found = next(
            (
                (i, j)
                for i in where
                if i not in taken
                for j, p in enumerate(circles[i].people)
                if test(p) and not p.restricted
            ),
            None,
        )
        if found and tag not in raised:
            raised[tag] = found
            taken.add(found[0])
    return Roles(featured, second, isolated, behind, raised)


# -- the history -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    """One contact to record; ``tag`` names the ones concerns and completions refer to."""

    details: VisitDetails
    tag: str = ""


@dataclass(frozen=True)
class RaisedConcern:
    """A concern raised from the contact tagged ``tag`` (its visit id is filled in on writing)."""

    resident_id: str
    tag: str
    details: ConcernDetails


@dataclass(frozen=True)
class Completion:
    """A follow-up of the contact tagged ``tag``, marked done later through the service."""

    tag: str
    action: str
    done_on: date
    note: str


@dataclass
class ContactPlan:
    """Every resident's contact before today (in circle order) and what refers to it."""

    contacts: list[list[Contact]]
    roles: Roles
    concerns: list[RaisedConcern] = field(default_factory=list)
    completions: list[Completion] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(c) for c in self.contacts)


@dataclass(frozen=True)
class _Event:
    """A contact before it has words: who, when, how, and its story if it has one."""

    day: date
    kind: VisitKind
    people: tuple[int, ...]
    note: str = ""
    story: T.Story | None = None
    supervised: bool = False


def rng_for(seed: int, index: int, what: str) -> random.Random:
    return random.Random(f"carelink-visits:{seed}:{index}:{what}")


def _step(interval: int, method: KeepInTouch, age: int, rng: random.Random) -> int:
    """Days back from one recorded contact to the one before: as wished in the last four weeks
    (daily contact every few days beyond the last three), sparingly further back."""
    if age < RECENT_DAYS:
        if interval == 1:
            return 1 if age < 3 else rng.randint(3, 5)
        if interval <= 4:
            return rng.randint(3, 4) if age < 10 else rng.randint(5, 7)
        return interval if interval <= 14 else max(interval - rng.randint(0, interval // 8), 7)
    if method is KeepInTouch.VISITS and interval <= 7:
        return rng.choice((35, 42, 56))
    if interval <= 14:
        return rng.choice((56, 70, 84))
    return max(interval, 63) - rng.randint(0, 6)


def _snap(day: date, weekday: int | None, first_of_month: bool = False) -> date:
    """The latest day on or before ``day`` on the wished day of the week (and in the first week of
    the month for "first Sunday of the month")."""
    if weekday is None:
        return day
    day -= timedelta(days=(day.weekday() - weekday) % 7)
    while first_of_month and day.day > 7:
        day -= timedelta(days=7)
    return day


def _wish_events(
    rng: random.Random, j: int, person: Person, wish: ContactWish, span: tuple[date, date]
) -> list[_Event]:
    """One person's contact of one kind, within the wish lately, from ``span``'s end back to its start."""
    since, until = span
    interval = wish.frequency.days
    if interval is None:
        return []
    weekday = T.WEEKDAYS.get(wish.notes) if interval >= 7 else None
    monthly = wish.notes == "first Sunday of the month"
    end = min(until, person.ended_on - timedelta(days=10)) if person.ended_on else until
    if weekday is not None:  # the last wished day of the week, or a week or more before it
        day = _snap(end - timedelta(days=1), weekday, monthly)
        day -= timedelta(days=0 if monthly else 7 * rng.randint(0, interval // 7 - 1))
    elif interval <= 7:
        day = end - timedelta(days=1 if interval == 1 else rng.randint(1, interval - 1))
    else:
        day = end - timedelta(days=rng.randint(2, interval - 3 if interval < 40 else interval // 2))
    events = []
    while day >= since:
        events.append(_Event(day, _KIND_OF[wish.method], (j,), wish.notes))
        day = _snap(
            day - timedelta(days=_step(interval, wish.method, (until - day).days, rng)), weekday, monthly
        )
    return events


def _merge_family_visits(rng: random.Random, events: list[_Event]) -> list[_Event]:
    """Two people who visit on the same day at the same time of the week often come together."""
    merged: dict[tuple[date, str], _Event] = {}
    rest = []
    for e in sorted(events, key=lambda e: (e.day, e.people)):
        key = (e.day, e.note)
        if e.kind is not VisitKind.VISIT or not e.note or e.story or e.supervised:
            rest.append(e)
        elif key not in merged:
            merged[key] = e
        elif rng.random() < 0.7:
            merged[key] = replace(merged[key], people=merged[key].people + e.people)
        else:
            rest.append(e)
    return sorted([*merged.values(), *rest], key=lambda e: (e.day, e.people))


def _pick(rng: random.Random, events: list[_Event], test: Callable[[_Event], bool]) -> int | None:
    found = [i for i, e in enumerate(events) if test(e)]
    return rng.choice(found) if found else None


def _add_stories(rng: random.Random, circle: Circle, events: list[_Event], until: date) -> None:
    """One or two fuller records a year, and a couple of summer outings, for an ordinary circle."""
    close = {"spouse", "child", "sibling", "niece", "grandchild", "friend"}

    def fits(e: _Event, story: T.Story) -> bool:
        wanted = VisitKind.VISIT if story.kind is VisitKind.OUTING else story.kind
        return (
            e.kind is wanted
            and e.story is None
            and len(e.people) == 1
            and circle.people[e.people[0]].group in close
            and 20 <= (until - e.day).days <= 330
            and (not story.months or e.day.month in story.months)
        )

    for story in rng.sample(T.DETAILED, k=rng.choice((1, 2, 2))):
        found = _pick(rng, events, partial(fits, story=story))
        if found is not None:
            events[found] = replace(events[found], kind=story.kind, story=story)
    for _ in range(2):
        found = _pick(
            rng,
            events,
            lambda e: (
                e.kind is VisitKind.VISIT
                and e.story is None
                and len(e.people) == 1
                and 4 <= e.day.month <= 9
                and (until - e.day).days > RECENT_DAYS
                and circle.people[e.people[0]].group in ("child", "friend", "spouse")
            ),
        )
        if found is not None:
            events[found] = replace(events[found], kind=VisitKind.OUTING)


_TIMES = {
    VisitKind.VISIT: ((10, 30), (11, 0), (14, 0), (14, 30), (15, 0), (15, 30), (16, 0)),
    VisitKind.OUTING: ((10, 30), (11, 0), (13, 30)),
    VisitKind.PHONE: ((10, 15), (11, 30), (16, 45), (17, 30), (18, 30)),
    VisitKind.VIDEO: ((16, 0), (17, 0), (18, 0), (18, 30)),
    VisitKind.LETTER: ((11, 0), (11, 30)),
    VisitKind.MESSAGE: ((9, 45), (13, 15), (15, 40)),
}
_MINUTES = {
    VisitKind.VISIT: (45, 60, 60, 75, 90, 120),
    VisitKind.OUTING: (150, 180, 210, 240),
    VisitKind.PHONE: (10, 15, 20, 30),
    VisitKind.VIDEO: (15, 20, 30, 40),
}
_WORDS = {
    VisitKind.PHONE: T.PHONE,
    VisitKind.VIDEO: T.VIDEO,
    VisitKind.LETTER: T.LETTER,
    VisitKind.MESSAGE: T.MESSAGE,
}
_VISIT_WORDS = {
    "spouse": T.SPOUSE_VISIT + T.VISIT[:6],
    "befriender": T.BEFRIENDER_VISIT,
    "chaplain": T.CHAPLAIN_VISIT,
    "advocate": T.ADVOCATE_VISIT,
    "day_centre": T.DAY_CENTRE_VISIT,
}


@dataclass
class _Writer:
    """Puts one circle's events into words."""

    circle: Circle
    rng: random.Random
    today: date
    contacts: list[Contact] = field(default_factory=list)
    #: The last words used for each person and kind of contact (not the same twice running).
    said: dict[tuple[tuple[int, ...], VisitKind], str] = field(default_factory=dict)

    def at(self, event: _Event) -> datetime:
        hour, minute = T.HOURS.get(event.note) or self.rng.choice(_TIMES[event.kind])
        return datetime.combine(event.day, time(hour, min(minute + self.rng.choice((0, 0, 5, 10, 15)), 55)))

    def add(self, event: _Event, tag: str = "") -> None:
        details = self.told(event.story, event) if event.story else self.everyday(event)
        self.contacts.append(Contact(details, tag))

    def everyday(self, event: _Event) -> VisitDetails:
        c, rng = self.circle, self.rng
        person = c.people[event.people[0]]
        location = ""
        if event.kind is VisitKind.OUTING:
            location, text = rng.choice(T.OUTING)
        elif len(event.people) > 1:
            names = [c.people[i].first_name for i in event.people]
            person = replace(person, first_name=f"{', '.join(names[:-1])} and {names[-1]}")
            text = rng.choice(T.FAMILY_VISIT)
        else:
            pool = _WORDS.get(event.kind) or _VISIT_WORDS.get(person.group, T.VISIT)
            text = rng.choice(pool)
            if self.said.get((event.people, event.kind)) == text:
                text = rng.choice(pool)
            self.said[(event.people, event.kind)] = text
            if event.kind in T.PLACES and rng.random() < 0.1:
                location = rng.choice(T.PLACES[event.kind])
        before, after = rng.choice(T.MOODS) if rng.random() < 0.15 else (None, None)
        starts = self.at(event)
        minutes = rng.choice(_MINUTES[event.kind]) if event.kind in _MINUTES else None
        return VisitDetails(
            event.kind,
            starts,
            tuple(c.people[i].relationship_id for i in event.people),
            ends_at=starts + timedelta(minutes=minutes) if minutes else None,
            location=location,
            mood_before=before,
            mood_after=after,
            observations=c.say(text, person),
        )

    def told(self, story: T.Story, event: _Event, *, about: Person | None = None) -> VisitDetails:
        """A fuller record; ``about`` is the person the story names when they were not there."""
        c = self.circle
        person = about or (c.people[event.people[0]] if event.people else None)

        def say(text: str) -> str:
            return c.say(text, person)

        follow_ups = []
        for a in story.actions:
            done = event.day + timedelta(days=a.done_in) if a.done_in is not None else None
            done = done if done is not None and done <= self.today else None
            due = event.day + timedelta(days=a.due_in)
            follow_ups.append(
                FollowUp(say(a.action), due, c.owner(a.owner), done, say(a.done_note) if done else "")
            )
        starts = self.at(event)
        sections = (
            "observations",
            "behaviour_changes",
            "conflict_signs",
            "intervention",
            "expertise_sought",
            "visitor_concerns",
            "information_requested",
            "information_given",
            "benefits_limits",
            "notes",
            "other_participants",
        )
        return VisitDetails(
            story.kind,
            starts,
            tuple(c.people[i].relationship_id for i in event.people),
            ends_at=starts + timedelta(minutes=story.minutes),
            location=story.location,
            supervision=story.supervision,
            mood_before=story.mood_before,
            mood_after=story.mood_after,
            follow_ups=tuple(follow_ups),
            restriction_acknowledged=event.supervised,
            **{name: say(getattr(story, name)) for name in sections},
        )


def plan_contact(circles: Sequence[Circle], seed: int, today: date) -> ContactPlan:
    """Every resident's contact before today: pure (the same arguments give the same plan)."""
    roles = choose_roles(circles, today)
    plan = ContactPlan([], roles)
    for index, circle in enumerate(circles):
        rng = rng_for(seed, index, "history")
        until = min(today, circle.left) if circle.left else today
        span = (max(today - timedelta(days=YEAR), circle.admitted or today), until)
        behind = weekly_child(circle) if index == roles.behind else None
        events = [
            e
            for j, p in enumerate(circle.people)
            if not p.restricted
            for w in p.wishes
            if not (j == behind and w.method is KeepInTouch.VISITS)
            for e in _wish_events(rng, j, p, w, span)
        ]
        writer = _Writer(circle, rng, today)
        story = _Stories(writer, plan, index, span)
        events = _merge_family_visits(rng, story.shape(events))
        if index not in roles.special() and circle.current(today):
            _add_stories(rng, circle, events, until)
        for e in events:
            writer.add(e)
        story.tell()
        writer.contacts.sort(key=lambda c: c.details.starts_at)
        plan.contacts.append(writer.contacts)
    _mark_completions(plan)
    return plan


@dataclass
class _Stories:
    """The parts some circles play (see the module's docstring)."""

    writer: _Writer
    plan: ContactPlan
    index: int
    span: tuple[date, date]

    def day(self, age: int) -> date:
        return self.span[1] - timedelta(days=age)

    def shape(self, events: list[_Event]) -> list[_Event]:
        """No contact lately for the isolated resident; the behind resident's son or daughter now
        visits every other week and has not rung for a few days."""
        roles = self.plan.roles
        if self.index == roles.isolated:
            events = [e for e in events if (self.span[1] - e.day).days > QUIET_DAYS]
        j = weekly_child(self.writer.circle) if self.index == roles.behind else None
        if j is None:
            return events
        person = self.writer.circle.people[j]
        call = person.wish(KeepInTouch.PHONE)
        quiet = (call.frequency.days or 0) + 1 if call else 0
        note = person.visits.notes if person.visits else ""
        ages = [10, 24, 38, 45, *range(66, YEAR, 28)]
        return [
            e for e in events if not (j in e.people and e.kind is VisitKind.PHONE and self.day(quiet) < e.day)
        ] + [
            _Event(self.day(a), VisitKind.VISIT, (j,), note, T.SLIPPING if a == 10 else None)
            for a in ages
            if self.day(a) >= self.span[0]
        ]

    def tell(self) -> None:
        """The records that carry the home's stories, and the concerns raised from them."""
        w, roles, c = self.writer, self.plan.roles, self.writer.circle
        if self.index == roles.featured:
            self.featured()
        if self.index == roles.second:
            dead = next(p for p in c.people if p.ended_on)
            news = (dead.ended_on or self.day(0)) + timedelta(days=2)
            if news < self.span[1]:
                w.contacts.append(Contact(w.told(T.SAD_NEWS, _Event(news, VisitKind.PHONE, ()), about=dead)))
        if self.index == roles.isolated:
            closest = next(
                (
                    j
                    for group in ("child", "sibling", "niece", "friend")
                    for j, p in enumerate(c.people)
                    if p.group == group and not p.ended_on
                ),
                None,
            )
            if closest is not None:
                w.add(_Event(self.day(QUIET_DAYS), VisitKind.PHONE, (closest,), story=T.GOING_QUIET))
        stories = {
            "carer": (T.CARER_STRUGGLING, T.CARER_WORRY, 4),
            "complaint": (T.COMPLAINT_VISIT, T.COMPLAINT, 74),
            "tablet": (T.BROKEN_TABLET, T.NO_TABLET, 131),
        }
        for tag, (i, j) in roles.raised.items():
            story, worry, age = stories[tag]
            if i == self.index and self.day(age) >= self.span[0]:
                w.add(_Event(self.day(age), story.kind, (j,), story=story), tag)
                self.raise_concern(tag, worry, c.people[j], self.day(age))

    def raise_concern(self, tag: str, worry: T.Worry, person: Person, day: date, **more: str) -> None:
        c = self.writer.circle
        details = ConcernDetails(
            worry.kind,
            worry.severity,
            c.say(worry.description, person, **more),
            day,
            relationship_id=person.relationship_id,
            reported_to=worry.reported_to,
            reported_on=day if worry.reported_to else None,
            external_reference=worry.external_reference,
            actions=c.say(worry.actions, person, **more),
            status=worry.status,
            outcome=c.say(worry.outcome, person, **more),
            closed_on=day + timedelta(days=worry.closed_after) if worry.closed_after else None,
        )
        self.plan.concerns.append(RaisedConcern(c.resident_id, tag, details))

    def featured(self) -> None:
        """The restricted son or daughter: ordinary visits, then a tense one and a distressing one
        (the concern), then supervised visits under the safeguarding plan, acknowledged."""
        w = self.writer
        j, person = next((j, p) for j, p in enumerate(w.circle.people) if p.restricted)
        note = person.visits.notes if person.visits else ""
        distressing = _snap(self.day(43), SATURDAY)
        tense = distressing - timedelta(days=14)
        day = tense - timedelta(days=21)
        while day >= self.span[0]:
            w.add(_Event(day, VisitKind.VISIT, (j,), note))
            day -= timedelta(days=w.rng.choice((14, 28, 42)))
        w.add(_Event(tense, VisitKind.VISIT, (j,), note, T.RESTRICTED_TENSE))
        w.add(_Event(distressing, VisitKind.VISIT, (j,), note, T.RESTRICTED_DISTRESSING), "harm")
        strategy = self.day(42)
        self.raise_concern("harm", T.HARM, person, distressing, strategy=f"{strategy:%d/%m/%Y}")
        supervised = _snap(self.day(1), SATURDAY)
        days = []
        while supervised >= self.day(40):  # the plan has been in force since then (demo_map_records)
            days.append(supervised)
            supervised -= timedelta(days=14)
        for n, when in enumerate(sorted(days)):
            story = T.RESTRICTED_SUPERVISED[min(n, len(T.RESTRICTED_SUPERVISED) - 1)]
            w.add(_Event(when, VisitKind.VISIT, (j,), note, story, supervised=True))


def _mark_completions(plan: ContactPlan, wanted: int = 2) -> None:
    """A couple of follow-ups are left open in their records and ticked off afterwards through
    ``complete_follow_up``, as staff would."""
    for contacts in plan.contacts:
        for n, contact in enumerate(contacts):
            follow_ups = contact.details.follow_ups
            if len(plan.completions) == wanted:
                return
            if contact.tag or len(follow_ups) != 1:
                continue
            f, done_on = follow_ups[0], follow_ups[0].done_on
            if done_on is None:
                continue
            tag = f"completed-{len(plan.completions)}"
            open_again = replace(f, done_on=None, done_note="")
            contacts[n] = Contact(replace(contact.details, follow_ups=(open_again,)), tag)
            plan.completions.append(Completion(tag, f.action, done_on, f.done_note))


# -- today -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Booking:
    """A booking and what happens to it today: "" (stays booked), "in" (signed in now), "done"
    (signed in, out and recorded), "cancelled" or "no_show"."""

    resident_id: str
    details: PlannedVisitDetails
    outcome: str = ""
    signed_in: datetime | None = None
    signed_out: datetime | None = None
    reason: str = ""
    #: The record made from it; the booking's id is filled in on writing.
    record: VisitDetails | None = None


@dataclass(frozen=True)
class TodayPlan:
    bookings: tuple[Booking, ...]
    #: Contact recorded today without a booking: (resident id, details).
    contacts: tuple[tuple[str, VisitDetails], ...]


def demo_now(today: date, now: datetime | None = None) -> datetime:
    """The moment the demo's day is planned around: now, or mid-afternoon when the home's today
    is not the calendar's (tests that set the day)."""
    moment = now or datetime.now()
    return moment if moment.date() == today else datetime.combine(today, time(15, 0))


@dataclass
class _Day:
    """Chooses today's people (never the isolated or behind residents, one part each) and times."""

    circles: Sequence[Circle]
    well: list[int]
    today: date
    now: datetime
    shifts: ShiftTimes
    used: set[int] = field(default_factory=set)

    def pick(
        self, groups: tuple[str, ...] = (), method: KeepInTouch = KeepInTouch.VISITS
    ) -> tuple[Circle, Person] | None:
        """The next resident with someone of ``groups`` (any group when empty) who keeps in touch so."""
        for i in self.well:
            person = next(
                (
                    p
                    for p in self.circles[i].people
                    if p.wish(method)
                    and (not groups or p.group in groups)
                    and not (p.restricted or p.ended_on)
                ),
                None,
            )
            if i not in self.used and person is not None:
                self.used.add(i)
                return self.circles[i], person
        return None

    def clock(self, start: time, after: int = 0) -> datetime:
        return datetime.combine(self.today, start) + timedelta(minutes=after)

    def past(self, preferred: datetime, minutes_ago: int, floor: datetime) -> datetime:
        """``preferred``, or earlier so that it is over by now, never before ``floor``."""
        moment = max(min(preferred, self.now - timedelta(minutes=minutes_ago)), floor)
        return moment.replace(minute=moment.minute - moment.minute % 5, second=0, microsecond=0)

    def later(self, preferred: datetime, latest: datetime) -> datetime:
        """``preferred``, or later so that it is still to come, never after ``latest``."""
        moment = min(max(preferred, self.now + timedelta(hours=1)), latest)
        return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)


def _booking(c: Circle, p: Person, kind: VisitKind, at: datetime, minutes: int, **how: object) -> Booking:
    where = {
        k: how.pop(k) for k in ("location", "notes", "supervision", "restriction_acknowledged") if k in how
    }
    details = PlannedVisitDetails(kind, at, (p.relationship_id,), expected_minutes=minutes, **where)  # type: ignore[arg-type]
    return Booking(c.resident_id, details, **how)  # type: ignore[arg-type]


def plan_today(
    circles: Sequence[Circle], roles: Roles, *, seed: int, now: datetime, shifts: ShiftTimes
) -> TodayPlan:
    """Today's bookings across the three shifts (a visit done and recorded, a visitor signed in
    now, a call that did not happen, a visit cancelled, a visit and a video call still to come),
    contact recorded today without a booking, and bookings for the coming week. Pure: the same
    arguments give the same plan."""
    today = now.date()
    rng = rng_for(seed, 0, "today")
    well = [i for i, c in enumerate(circles) if c.current(today) and i not in (roles.isolated, roles.behind)]
    rng.shuffle(well)
    d = _Day(circles, well, today, now, shifts)
    early, late, night = d.clock(shifts.early), d.clock(shifts.late), d.clock(shifts.night)
    daytime = early + timedelta(minutes=30)
    friends = ("friend", "befriender", "day_centre", "niece", "sibling")
    bookings: list[Booking] = []
    contacts: list[tuple[str, VisitDetails]] = []
    if found := d.pick(("child",)):
        c, p = found
        start = d.past(d.clock(time(10, 0)), 150, daytime)
        end = start + timedelta(minutes=60)
        record = VisitDetails(
            VisitKind.VISIT,
            start,
            (p.relationship_id,),
            ends_at=end,
            location="Conservatory",
            mood_before=Mood.SETTLED,
            mood_after=Mood.HAPPY,
            observations=c.say(T.TODAY_VISIT, p),
            information_requested=c.say(T.TODAY_ASKED, p),
            follow_ups=(FollowUp(c.say(T.TODAY_FOLLOW_UP, p), today, c.owner("{keyworker}")),),
        )
        bookings.append(
            _booking(
                c,
                p,
                VisitKind.VISIT,
                start,
                60,
                outcome="done",
                signed_in=start,
                signed_out=end,
                record=record,
            )
        )
    if found := d.pick(("spouse",)) or d.pick(("child", *friends)):
        c, p = found
        start = d.past(now, 35, daytime + timedelta(minutes=15))
        bookings.append(
            _booking(c, p, VisitKind.VISIT, start, 90, outcome="in", signed_in=start, location="Own room")
        )
    if found := d.pick(method=KeepInTouch.PHONE):
        c, p = found
        start = d.past(d.clock(time(9, 0)), 90, early)
        bookings.append(
            _booking(c, p, VisitKind.PHONE, start, 15, outcome="no_show", reason=c.say(T.NO_SHOW, p))
        )
    if found := d.pick(friends):
        c, p = found
        start = d.later(late + timedelta(minutes=90), night - timedelta(minutes=30))
        bookings.append(_booking(c, p, VisitKind.VISIT, start, 60, location="Garden room"))
    if found := d.pick((*friends, "child")):
        c, p = found
        reason = c.say(T.CANCELLED, p)
        bookings.append(
            _booking(c, p, VisitKind.VISIT, late + timedelta(hours=2), 60, outcome="cancelled", reason=reason)
        )
    if found := d.pick(method=KeepInTouch.VIDEO):
        c, p = found
        tablet = "Own room, on the home's tablet"
        bookings.append(
            _booking(
                c,
                p,
                VisitKind.VIDEO,
                night + timedelta(minutes=30),
                20,
                location=tablet,
                notes=c.say(T.TABLET_NOTE),
            )
        )
    if found := d.pick(method=KeepInTouch.LETTERS):
        c, p = found
        at = d.past(d.clock(time(11, 0)), 20, early)
        contacts.append(
            (
                c.resident_id,
                VisitDetails(VisitKind.LETTER, at, (p.relationship_id,), observations=c.say(T.LETTER[0], p)),
            )
        )
    if found := d.pick(method=KeepInTouch.PHONE):
        c, p = found
        at = d.past(d.clock(time(11, 30)), 50, early)
        call = VisitDetails(
            VisitKind.PHONE,
            at,
            (p.relationship_id,),
            ends_at=at + timedelta(minutes=15),
            observations=c.say(T.PHONE[2], p),
        )
        contacts.append((c.resident_id, call))
    # the coming week
    if roles.featured is not None:
        c = circles[roles.featured]
        p = next(x for x in c.people if x.restricted)
        saturday = datetime.combine(_snap(today + timedelta(days=7), SATURDAY), time(14, 0))
        supervised = {"supervision": Supervision.PRESENT, "restriction_acknowledged": True}
        bookings.append(
            _booking(
                c,
                p,
                VisitKind.VISIT,
                saturday,
                60,
                location="Family room",
                notes=T.SUPERVISED_NOTE,
                **supervised,
            )
        )
    if found := d.pick(("child",)):
        c, p = found
        at = datetime.combine(today + timedelta(days=3), time(11, 0))
        bookings.append(
            _booking(c, p, VisitKind.OUTING, at, 180, location="Garden centre café", notes=T.OUTING_NOTE)
        )
    if found := d.pick(method=KeepInTouch.VIDEO):
        c, p = found
        at = datetime.combine(today + timedelta(days=1), time(18, 0))
        bookings.append(
            _booking(c, p, VisitKind.VIDEO, at, 30, location="Quiet lounge, on the home's tablet")
        )
    if found := d.pick(("befriender", "friend")):
        c, p = found
        tuesday = datetime.combine(_snap(today + timedelta(days=7), TUESDAY), time(14, 0))
        bookings.append(_booking(c, p, VisitKind.VISIT, tuesday, 60))
    return TodayPlan(tuple(bookings), tuple(contacts))


# -- writing -----------------------------------------------------------------------------------


def record_contacts(ws: Workspace, resident_id: str, items: Sequence[VisitDetails]) -> list[str]:
    """Record many contacts of one resident in one transaction, as ``services.visits.record_visit``
    records one: validated, checked against the resident's key people and any restriction on
    contact (refused unless acknowledged; the acknowledgement audited), stamped, audited and
    announced, with their follow-ups. Not for contact from a booking. Returns the ids in order."""
    from sqlalchemy import select

    from carelink_desktop.domain.roles import Permission
    from carelink_desktop.services.contact_warnings import check_restrictions
    from carelink_desktop.services.records import apply_details
    from carelink_desktop.services.resident_records import check_relationships, open_resident
    from carelink_desktop.services.visits import FOLLOW_UP, KIND
    from carelink_desktop.storage.map_tables import ContactRestrictionRow
    from carelink_desktop.storage.tables import RelationshipRow
    from carelink_desktop.storage.visit_tables import FollowUpRow, VisitRecordRow

    ws.require(Permission.RECORD_CONTACT, "record contact")
    cleaned = [d.cleaned() for d in items]
    for clean in cleaned:
        if clean.planned_visit_id:
            raise ValueError("Record contact from a booking with services.visits.record_visit.")
        clean.validate(ws.today())
    rows = []
    with ws.work() as w:
        # Kept here so that the checks find them in the session instead of reading them again.
        held: list[object] = [open_resident(w, resident_id)]
        # Only a resident who has (or had) a restriction on contact needs each contact checked.
        ever_restricted = w.session.scalar(
            select(ContactRestrictionRow.id)
            .where(ContactRestrictionRow.resident_id == resident_id, ContactRestrictionRow.deleted.is_(False))
            .limit(1)
        )
        # The checks read only rows already stored, so the new rows are flushed once, at the end.
        with w.session.no_autoflush:
            for clean in cleaned:
                check_relationships(w, resident_id, list(clean.relationship_ids), "relationship_ids")
                held += [w.session.get(RelationshipRow, r) for r in clean.relationship_ids]
                row = VisitRecordRow(resident_id=resident_id)
                apply_details(row, replace(clean, follow_ups=()))
                row.relationship_ids = list(clean.relationship_ids)
                w.add(row, flush=False)
                if ever_restricted:
                    check_restrictions(
                        w,
                        resident_id,
                        clean.relationship_ids,
                        clean.starts_at.date(),
                        acknowledged=clean.restriction_acknowledged,
                        subject_type=KIND,
                        subject_id=row.id,
                    )
                people = len(clean.relationship_ids)
                details = {"kind": clean.kind.value, "people": people}
                w.audit(
                    "visit_recorded",
                    subject_type=KIND,
                    subject_id=row.id,
                    resident_id=resident_id,
                    details=details,
                )
                w.changed(KIND, "created", row.id)
                rows.append(row)
        w.session.flush()  # the visits before their follow-ups
        for row, clean in zip(rows, cleaned, strict=True):
            for f in clean.follow_ups:
                values = {"action": f.action, "owner": f.owner, "due_on": f.due_on, "done_on": f.done_on}
                w.add(
                    FollowUpRow(visit_id=row.id, resident_id=resident_id, done_note=f.done_note, **values),
                    flush=False,
                )
                w.changed(FOLLOW_UP, "created", row.id)
        held.clear()
    return [r.id for r in rows]


@dataclass(frozen=True)
class VisitsSummary:
    """What ``fill_visits`` wrote."""

    contacts: int
    bookings: int
    concerns: int
    follow_ups: int


def fill_visits(
    ws: Workspace,
    *,
    personas: Sequence[Persona],
    seed: int,
    resident_ids: Sequence[str],
    people_ids: Sequence[Sequence[str]],
    keyworker_names: dict[str, str],
    now: datetime | None = None,
) -> VisitsSummary:
    """Write the demo's year of contact, its concerns and follow-ups, and today's bookings, for the
    residents ``resident_ids`` (``people_ids``: each one's key people in plan order)."""
    from carelink_desktop.services import planned_visits as bookings
    from carelink_desktop.services.concerns import CONCERNS
    from carelink_desktop.services.home_settings import home_settings
    from carelink_desktop.services.resident_records import add_record
    from carelink_desktop.services.visits import complete_follow_up, record_visit, visit

    circles = read_circles(ws, personas, resident_ids, people_ids, keyworker_names)
    plan = plan_contact(circles, seed, ws.today())
    tagged: dict[str, str] = {}
    follow_ups = 0
    for circle, contacts in zip(circles, plan.contacts, strict=True):
        if contacts:
            ids = record_contacts(ws, circle.resident_id, [c.details for c in contacts])
            tagged.update((c.tag, i) for c, i in zip(contacts, ids, strict=True) if c.tag)
            follow_ups += sum(len(c.details.follow_ups) for c in contacts)
    for concern in plan.concerns:
        add_record(ws, CONCERNS, concern.resident_id, replace(concern.details, visit_id=tagged[concern.tag]))
    for done in plan.completions:
        found = next(f for f in visit(ws, tagged[done.tag]).details.follow_ups if f.action == done.action)
        complete_follow_up(ws, found.id or "", done_on=done.done_on, note=done.note)
    day = plan_today(
        circles, plan.roles, seed=seed, now=demo_now(ws.today(), now), shifts=home_settings(ws).shifts
    )
    recorded = plan.count + len(day.contacts)
    for b in day.bookings:
        booked = bookings.book_visit(ws, b.resident_id, b.details)
        if b.signed_in:
            bookings.sign_in(ws, booked.id, at=b.signed_in)
        if b.signed_out:
            bookings.sign_out(ws, booked.id, at=b.signed_out)
        if b.record is not None:
            record_visit(ws, b.resident_id, replace(b.record, planned_visit_id=booked.id))
            recorded += 1
            follow_ups += len(b.record.follow_ups)
        if b.outcome == "cancelled":
            bookings.cancel_booking(ws, booked.id, b.reason)
        elif b.outcome == "no_show":
            bookings.did_not_come(ws, booked.id, b.reason)
    for resident_id, details in day.contacts:
        record_visit(ws, resident_id, details)
    return VisitsSummary(recorded, len(day.bookings), len(plan.concerns), follow_ups)
