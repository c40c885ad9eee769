"""A home with ten years of contact for the contact benchmarks (``test_contact_speed.py``).

100 residents, each with six key people who have contact wishes, and 250,000 records of contact
over ten years: about one in five with a follow-up, one in 250 with a concern, one in twenty
written up in detail. ``TODAY`` is busy: 60 bookings across the three shifts (done, signed in,
waiting, cancelled, did not come) and 60 contacts recorded in the late shift, some raising concerns
and follow-ups.

Residents, key people and relationships go through the services (in batches). The contact is
bulk inserted with Core, ``executemany`` in one unit of work: the triggers of migration 0005 fill
``visit_contact`` and the word index ``visit_text``, and the sync columns are filled as the
services fill them (id, created and updated at and by, hlc from the workspace's clock, site, not
deleted). Building takes a minute or so, so the home is kept on disk under pytest's temporary
root, in a folder named by a hash of this file and of the migrations: later runs only unlock it.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from carelink_desktop.domain.concerns import ConcernKind, ConcernStatus, Severity
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.planned_visits import PlannedStatus
from carelink_desktop.domain.relationships import (
    Category,
    ContactWish,
    Frequency,
    KeepInTouch,
    RelationshipDetails,
)
from carelink_desktop.domain.visits import Mood, Supervision, VisitKind
from carelink_desktop.paths import HomePaths
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.visit_tables import ConcernRow, FollowUpRow, PlannedVisitRow, VisitRecordRow
from carelink_desktop.synthetic import demo_visit_texts as words
from tests.conftest import FAST_KDF, resident

TODAY = date(2026, 11, 22)
RESIDENTS = 100
PEOPLE = 6
VISITS = 250_000
TODAY_VISITS = 60
TODAY_BOOKINGS = 60
DAYS = 3652  # ten years
USERNAME = "bench"
PASSWORD = "bench contact password 1"
#: A word in about 1 in 5,000 notes, and one in most notes about tea.
RARE_WORD = "accordion"
COMMON_WORD = "tea"
SEED = 6

_CIRCLE = (
    (
        "daughter",
        Category.FAMILY,
        ((KeepInTouch.VISITS, Frequency.WEEKLY), (KeepInTouch.PHONE, Frequency.DAILY)),
    ),
    (
        "son",
        Category.FAMILY,
        ((KeepInTouch.VISITS, Frequency.FORTNIGHTLY), (KeepInTouch.VIDEO, Frequency.WEEKLY)),
    ),
    ("granddaughter", Category.FAMILY, ((KeepInTouch.VIDEO, Frequency.FORTNIGHTLY),)),
    (
        "sister",
        Category.FAMILY,
        ((KeepInTouch.PHONE, Frequency.WEEKLY), (KeepInTouch.LETTERS, Frequency.MONTHLY)),
    ),
    ("friend", Category.FRIEND, ((KeepInTouch.VISITS, Frequency.MONTHLY),)),
    ("befriender", Category.COMMUNITY, ((KeepInTouch.VISITS, Frequency.WEEKLY),)),
)
_KINDS = (
    (VisitKind.VISIT, 45),
    (VisitKind.PHONE, 28),
    (VisitKind.VIDEO, 12),
    (VisitKind.OUTING, 3),
    (VisitKind.LETTER, 8),
    (VisitKind.MESSAGE, 4),
)
_WORDS = {
    VisitKind.VISIT: words.VISIT + words.SPOUSE_VISIT,
    VisitKind.OUTING: tuple(text for _, text in words.OUTING),
    VisitKind.PHONE: words.PHONE,
    VisitKind.VIDEO: words.VIDEO,
    VisitKind.LETTER: words.LETTER,
    VisitKind.MESSAGE: words.MESSAGE,
}
_SECTIONS = (
    "behaviour_changes",
    "conflict_signs",
    "intervention",
    "expertise_sought",
    "visitor_concerns",
    "information_requested",
    "information_given",
    "benefits_limits",
    "notes",
)


@dataclass(frozen=True)
class ContactHome:
    """What the benchmarks need to know about the home (kept beside it as JSON)."""

    resident_ids: tuple[str, ...]
    #: Each resident's relationships, in circle order.
    relationship_ids: tuple[tuple[str, ...], ...]
    counts: dict[str, int]


def cache_key() -> str:
    """Changes whenever this file or the schema's migrations change."""
    from carelink_desktop.storage import migrations

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for migration in sorted((Path(migrations.__file__).parent / "versions").glob("*.py")):
        digest.update(migration.read_bytes())
    return digest.hexdigest()[:12]


def open_contact_home(root: Path, state_dir: Path) -> tuple[Workspace, ContactHome, float | None]:
    """The cached home under ``root`` (built first if missing or stale), unlocked, with its facts
    and the seconds building took (None when it was already built)."""
    from carelink_desktop.services.access import unlock

    folder = root / f"carelink-contact-home-{cache_key()}"
    facts = folder / "home.json"
    built: float | None = None
    if not facts.is_file():
        for old in root.glob("carelink-contact-home-*"):
            shutil.rmtree(old, ignore_errors=True)
        import time as clock

        started = clock.perf_counter()
        home = build(HomePaths(folder / "home"))
        built = clock.perf_counter() - started
        facts.write_text(
            json.dumps(
                {"residents": home.resident_ids, "people": home.relationship_ids, "counts": home.counts}
            )
        )
    data = json.loads(facts.read_text())
    home = ContactHome(tuple(data["residents"]), tuple(tuple(p) for p in data["people"]), data["counts"])
    ws = unlock(HomePaths(folder / "home"), USERNAME, PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    ws.set_today_for_tests(TODAY)
    return ws, home, built


def build(paths: HomePaths) -> ContactHome:
    """Make the home (see the module's docstring); closes it when done."""
    from carelink_desktop.services.access import create_home
    from carelink_desktop.services.key_people import add_key_people
    from carelink_desktop.services.residents import admit_residents
    from carelink_desktop.synthetic.demo_map_records import add_relationships

    ws, _ = create_home(
        paths,
        home_name="Larch Court (benchmark)",
        manager_username=USERNAME,
        manager_full_name="Bench Manager",
        password=PASSWORD,
        kdf=FAST_KDF,
    )
    try:
        ws.set_today_for_tests(TODAY)
        admitted = TODAY - timedelta(days=DAYS + 30)
        residents = admit_residents(
            ws,
            [
                resident(f"Resident{n}", f"Family{n}", room=f"Room {n}", admission_date=admitted)
                for n in range(RESIDENTS)
            ],
        )
        people = add_key_people(
            ws,
            [
                KeyPersonDetails(f"Person{n}x{k}", f"Family{n}")
                for n in range(RESIDENTS)
                for k in range(PEOPLE)
            ],
        )
        items = []
        for n, resident_id in enumerate(residents):
            for k, (label, category, wishes) in enumerate(_CIRCLE):
                details = RelationshipDetails(
                    label, category, contact_wishes=tuple(ContactWish(m, f) for m, f in wishes)
                )
                items.append((resident_id, people[n * PEOPLE + k], details))
        rels = add_relationships(ws, items)
        circles = [tuple(rels[n * PEOPLE : (n + 1) * PEOPLE]) for n in range(RESIDENTS)]
        with ws.work() as w:
            counts = _Contact(w, residents, circles).write()
        return ContactHome(tuple(residents), tuple(circles), counts)
    finally:
        ws.close()


class _Contact:
    """The bulk rows, made with a seeded random so every build is the same."""

    def __init__(self, w: Work, residents: list[str], circles: list[tuple[str, ...]]) -> None:
        self.w, self.residents, self.circles = w, residents, circles
        self.rng = random.Random(SEED)
        self.visits: list[dict[str, Any]] = []
        self.follow_ups: list[dict[str, Any]] = []
        self.concerns: list[dict[str, Any]] = []
        self.bookings: list[dict[str, Any]] = []

    def sync(self, created: datetime) -> dict[str, Any]:
        """The sync columns, as ``Work.stamp`` fills them."""
        ws = self.w.workspace
        stamp = created.replace(tzinfo=UTC)
        return {
            "id": str(uuid.uuid4()),
            "created_at": stamp,
            "created_by": ws.actor.id,
            "updated_at": stamp,
            "updated_by": ws.actor.id,
            "hlc": ws.clock.tick(),
            "site_id": ws.site_id,
            "deleted": False,
        }

    def write(self) -> dict[str, int]:
        history = VISITS - TODAY_VISITS
        days = sorted((self.rng.randrange(DAYS) for _ in range(history)), reverse=True)
        for n, back in enumerate(days):  # oldest first, as they were recorded
            day = TODAY - timedelta(days=1 + back)
            clock = time(self.rng.randint(9, 20), self.rng.choice((0, 15, 30, 45)))
            self.visit(n % RESIDENTS, datetime.combine(day, clock))
        self.today()
        session = self.w.session
        # a bigger page cache for this connection while the indexes grow (about 200 MB)
        session.execute(text("PRAGMA cache_size = -200000"))
        for table, rows in (
            (VisitRecordRow, self.visits),
            (FollowUpRow, self.follow_ups),
            (ConcernRow, self.concerns),
            (PlannedVisitRow, self.bookings),
        ):
            for chunk in _chunks(rows, 20_000):
                session.execute(insert(table.__table__), chunk)
        return {
            "visits": len(self.visits),
            "follow_ups": len(self.follow_ups),
            "concerns": len(self.concerns),
            "bookings": len(self.bookings),
            "today_visits": TODAY_VISITS,
        }

    def visit(
        self, n: int, starts: datetime, *, detailed: bool | None = None, planned: str | None = None
    ) -> dict[str, Any]:
        rng = self.rng
        kind = rng.choices([k for k, _ in _KINDS], weights=[w for _, w in _KINDS])[0]
        if planned:
            kind = VisitKind.VISIT
        circle = self.circles[n]
        people = rng.sample(circle, 2 if rng.random() < 0.12 else 1)
        text = rng.choice(_WORDS[kind]).format(
            name=f"Resident{n}", kp=f"Person{n}", keyworker="the keyworker"
        )
        if rng.random() < 0.0002:
            text += f" They played the {RARE_WORD} together."
        row: dict[str, Any] = {
            "resident_id": self.residents[n],
            "planned_visit_id": planned,
            "kind": kind.value,
            "starts_at": starts,
            "ends_at": starts + timedelta(minutes=rng.choice((15, 30, 60, 90)))
            if kind.value != "letter"
            else None,
            "relationship_ids": people,
            "other_participants": "",
            "location": "",
            "supervision": Supervision.NONE.value,
            "mood_before": None,
            "mood_after": None,
            "observations": text,
            "restriction_acknowledged": False,
            **{s: "" for s in _SECTIONS},
            **self.sync(starts + timedelta(hours=2)),
        }
        if detailed if detailed is not None else rng.random() < 0.05:
            story = rng.choice(words.DETAILED)
            for section in _SECTIONS:
                row[section] = getattr(story, section).format(
                    name=f"Resident{n}", kp=f"Person{n}", keyworker="the keyworker"
                )
            row["mood_before"], row["mood_after"] = Mood.SETTLED.value, Mood.HAPPY.value
            row["location"] = story.location
        self.visits.append(row)
        day = starts.date()
        if rng.random() < 0.2:
            due = day + timedelta(days=rng.randint(1, 14))
            done = due - timedelta(days=1) if due < TODAY - timedelta(days=10) else None
            self.follow_ups.append(
                {
                    "visit_id": row["id"],
                    "resident_id": row["resident_id"],
                    "action": f"Ring Person{n} back about the visit",
                    "owner": "Keyworker",
                    "due_on": due,
                    "done_on": done,
                    "done_note": "Done." if done else "",
                    **self.sync(starts + timedelta(hours=2)),
                }
            )
        if rng.random() < 0.004:
            closed = day < TODAY - timedelta(days=60)
            self.concerns.append(
                {
                    "resident_id": row["resident_id"],
                    "relationship_id": people[0],
                    "visit_id": row["id"],
                    "kind": rng.choice(list(ConcernKind)).value,
                    "severity": Severity.MEDIUM.value,
                    "description": f"Person{n} seemed worried about money and the visits.",
                    "raised_on": day,
                    "reported_to": "Home manager",
                    "reported_on": day,
                    "external_reference": "",
                    "actions": "Talked it through with the family.",
                    "status": (ConcernStatus.CLOSED if closed else ConcernStatus.OPEN).value,
                    "outcome": "Resolved at the family meeting." if closed else "",
                    "closed_on": day + timedelta(days=20) if closed else None,
                    **self.sync(starts + timedelta(hours=3)),
                }
            )
        return row

    def today(self) -> None:
        """60 bookings across the shifts and 60 contacts recorded in the late shift."""
        statuses = (
            [PlannedStatus.COMPLETED] * 27
            + [PlannedStatus.ARRIVED] * 5
            + [PlannedStatus.BOOKED] * 18
            + [PlannedStatus.CANCELLED] * 6
            + [PlannedStatus.DID_NOT_COME] * 4
        )
        hours = (
            [7 + i % 7 for i in range(20)] + [14 + i % 7 for i in range(30)] + [21 + i % 3 for i in range(10)]
        )
        for i, (status, hour) in enumerate(zip(statuses, hours, strict=True)):
            n = (i * 7) % RESIDENTS
            starts = datetime.combine(TODAY, time(hour, (i * 5) % 60))
            booking = {
                "resident_id": self.residents[n],
                "kind": VisitKind.VISIT.value,
                "starts_at": starts,
                "expected_minutes": 60,
                "relationship_ids": [self.circles[n][0]],
                "other_visitors": "",
                "location": "",
                "supervision": Supervision.NONE.value,
                "notes": "",
                "restriction_acknowledged": False,
                "status": status.value,
                "status_reason": "Unwell." if status is PlannedStatus.CANCELLED else "",
                "signed_in_at": starts
                if status in (PlannedStatus.ARRIVED, PlannedStatus.COMPLETED)
                else None,
                "signed_out_at": starts + timedelta(hours=1) if status is PlannedStatus.COMPLETED else None,
                "visit_id": None,
                **self.sync(datetime.combine(TODAY - timedelta(days=2), time(9))),
            }
            self.bookings.append(booking)
        late = [b for b in self.bookings if b["status"] == "completed" and 14 <= b["starts_at"].hour < 21]
        for i in range(TODAY_VISITS):
            n = (i * 3) % RESIDENTS
            starts = datetime.combine(TODAY, time(14 + i % 7, (i * 7) % 60))
            booking = late[i] if i < len(late) else None
            if booking is not None:
                n, starts = self.residents.index(booking["resident_id"]), booking["starts_at"]
            row = self.visit(n, starts, detailed=i % 4 == 0, planned=booking["id"] if booking else None)
            if booking is not None:
                booking["visit_id"] = row["id"]
            if i % 10 == 0:
                self.follow_ups.append(
                    {
                        "visit_id": row["id"],
                        "resident_id": row["resident_id"],
                        "action": "Tell the night staff how the visit went",
                        "owner": "Shift lead",
                        "due_on": TODAY,
                        "done_on": None,
                        "done_note": "",
                        **self.sync(starts + timedelta(hours=1)),
                    }
                )


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
