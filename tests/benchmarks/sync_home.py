"""Two enrolled copies of a home for the sync file benchmarks (``test_sync_speed.py``).

PC "a" (the office upstairs) is a home of 100 residents, each with six key people who have
contact wishes (as in ``contact_home.py``), made through the services. Sync is set up on it and PC
"b" (the office downstairs) joins the organisation from an invitation
(``sync.set_up_sync`` + ``sync_enrolment.add_site`` + ``sync_enrolment.join_organisation``), so b
starts with every record and nothing is waiting for it. Only then does a get 100,000 records of
contact over three years, bulk inserted with Core ``executemany`` in one unit of work as
``contact_home.py`` does (its row maker, so the rows are the same mix: one in twenty written up in
detail, the rest a line or two). The triggers fill ``sync_change``, ``visit_contact`` and the word
index, and the sync columns are filled as the services fill them, so a's next file to b holds
exactly those 100,000 new records.

Building takes half a minute or so, so the pair is kept on disk under pytest's temporary root, in a
folder named by a hash of this file, of ``contact_home.py``, of the migrations and of the sync code
that wrote the bookkeeping. A benchmark run copies both homes into its own temporary folder
(exporting and importing change them) and unlocks the copies.

``busy_day`` makes a day's changes in a busy home on a (through the services). To see where the
time of an export or import goes: ``python -m tests.benchmarks.sync_home export|import|day`` (one
run under cProfile, the 25 most expensive calls by cumulative time).
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import sys
import tempfile
import time as clock
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from carelink_desktop.domain.concerns import ConcernDetails, ConcernKind, Severity
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import ContactWish, RelationshipDetails
from carelink_desktop.domain.visits import FollowUp, Mood, VisitDetails, VisitKind
from carelink_desktop.paths import HomePaths
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.visit_tables import VisitRecordRow
from tests.benchmarks import contact_home
from tests.conftest import FAST_KDF, resident

TODAY = date(2026, 11, 22)
RESIDENTS = 100
PEOPLE = 6
#: The records of contact made on a after b joined: the big file.
VISITS = 100_000
#: The records of contact are spread over the three years before TODAY.
HISTORY_DAYS = 3 * 365
USERNAME = "bench"
PASSWORD = "bench sync password 1"
PASSWORD_B = "bench sync password 2"
SEED = 8

# A day's changes in a busy home. The ten-year home of the contact benchmarks (100 residents, six
# key people each) averages 68 contacts, 14 follow-ups and 0.3 concerns a day; a busy day (a
# weekend, Mother's Day, Christmas) is taken as over four times the contact: 300 contact records,
# three for every resident. Edits: 20 residents' profiles brought up to date and 30 relationships
# changed after keyworkers' reviews (each also writes its history entry), 50 in all, a busy office
# day. Follow-ups and concerns: 16 follow-ups on the day's contacts (above the average 14) and 4
# concerns (ten times the average), 20 in all.
DAY_CONTACTS = 300
DAY_RESIDENT_EDITS = 20
DAY_RELATIONSHIP_EDITS = 30
DAY_FOLLOW_UPS = 16
DAY_CONCERNS = 4


@dataclass(frozen=True)
class SyncPair:
    """What the benchmarks need to know about the two copies (kept beside them as JSON)."""

    a_site: str
    b_site: str
    resident_ids: tuple[str, ...]
    #: Each resident's relationships, in circle order.
    relationship_ids: tuple[tuple[str, ...], ...]
    visits: int


def cache_key() -> str:
    """Changes whenever this builder, its row maker, the schema or the sync code changes."""
    import carelink_desktop.services.sync as sync_service
    import carelink_desktop.sync as sync_package
    from carelink_desktop.storage import migrations

    sources = [Path(__file__), Path(contact_home.__file__)]
    sources += sorted((Path(migrations.__file__).parent / "versions").glob("*.py"))
    sources += sorted(Path(sync_package.__file__).parent.glob("*.py"))
    sources += sorted(Path(sync_service.__file__).parent.glob("sync*.py"))
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def open_sync_pair(
    root: Path, work: Path, state_dir: Path
) -> tuple[Workspace, Workspace, SyncPair, float | None]:
    """Fresh copies in ``work`` of the pair cached under ``root`` (built first if missing or
    stale), both unlocked as their manager with today set to ``TODAY``; with the seconds building
    took (None when it was already built)."""
    from carelink_desktop.services.access import unlock

    folder = root / f"carelink-sync-home-{cache_key()}"
    facts = folder / "pair.json"
    built: float | None = None
    if not facts.is_file():
        for old in root.glob("carelink-sync-home-*"):
            shutil.rmtree(old, ignore_errors=True)
        started = clock.perf_counter()
        pair = build(folder)
        built = clock.perf_counter() - started
        facts.write_text(
            json.dumps(
                {
                    "a": pair.a_site,
                    "b": pair.b_site,
                    "residents": pair.resident_ids,
                    "people": pair.relationship_ids,
                    "visits": pair.visits,
                }
            )
        )
    data = json.loads(facts.read_text())
    pair = SyncPair(
        data["a"],
        data["b"],
        tuple(data["residents"]),
        tuple(tuple(p) for p in data["people"]),
        data["visits"],
    )
    for name in ("a", "b"):
        shutil.copytree(folder / name, work / name)
    a = unlock(HomePaths(work / "a"), USERNAME, PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    b = unlock(HomePaths(work / "b"), USERNAME, PASSWORD_B, state_dir=state_dir, kdf=FAST_KDF)
    for ws in (a, b):
        ws.set_today_for_tests(TODAY)
    return a, b, pair, built


def build(folder: Path) -> SyncPair:
    """Make the pair (see the module's docstring) in ``folder``; closes both when done."""
    from carelink_desktop.services import sync, sync_enrolment
    from carelink_desktop.services.access import create_home
    from carelink_desktop.services.key_people import add_key_people
    from carelink_desktop.services.residents import admit_residents
    from carelink_desktop.synthetic.demo_map_records import add_relationships

    folder.mkdir(parents=True)
    a, _ = create_home(
        HomePaths(folder / "a"),
        home_name="Larch Court (sync benchmark)",
        manager_username=USERNAME,
        manager_full_name="Bench Manager",
        password=PASSWORD,
        kdf=FAST_KDF,
    )
    b: Workspace | None = None
    try:
        a.set_today_for_tests(TODAY)
        admitted = TODAY - timedelta(days=HISTORY_DAYS + 30)
        residents = admit_residents(
            a,
            [
                resident(f"Resident{n}", f"Family{n}", room=f"Room {n}", admission_date=admitted)
                for n in range(RESIDENTS)
            ],
        )
        people = add_key_people(
            a,
            [
                KeyPersonDetails(f"Person{n}x{k}", f"Family{n}")
                for n in range(RESIDENTS)
                for k in range(PEOPLE)
            ],
        )
        items = []
        for n, resident_id in enumerate(residents):
            for k, (label, category, wishes) in enumerate(contact_home._CIRCLE):
                details = RelationshipDetails(
                    label, category, contact_wishes=tuple(ContactWish(m, f) for m, f in wishes)
                )
                items.append((resident_id, people[n * PEOPLE + k], details))
        rels = add_relationships(a, items)
        circles = [tuple(rels[n * PEOPLE : (n + 1) * PEOPLE]) for n in range(RESIDENTS)]

        # The pair, before the contact: b starts with every record made so far.
        sync.set_up_sync(a, label="Office upstairs")
        invitation = sync_enrolment.add_site(a, "Office downstairs", folder / "b.clinvite")
        b, _ = sync_enrolment.join_organisation(
            HomePaths(folder / "b"),
            invitation.path,
            invitation.code,
            username=USERNAME,
            full_name="",
            password=PASSWORD_B,
            kdf=FAST_KDF,
        )
        (folder / "b.clinvite").unlink()

        with a.work() as w:
            maker = contact_home._Contact(w, residents, circles)
            maker.rng = random.Random(SEED)
            days = sorted((maker.rng.randrange(HISTORY_DAYS) for _ in range(VISITS)), reverse=True)
            for n, back in enumerate(days):  # oldest first, as they were recorded
                day = TODAY - timedelta(days=1 + back)
                at = time(maker.rng.randint(9, 20), maker.rng.choice((0, 15, 30, 45)))
                maker.visit(n % RESIDENTS, datetime.combine(day, at))
            # Only the contact records: the row maker's follow-ups and concerns are left out, so
            # the file holds exactly VISITS records.
            w.session.execute(text("PRAGMA cache_size = -200000"))
            for start in range(0, len(maker.visits), 20_000):
                w.session.execute(insert(VisitRecordRow.__table__), maker.visits[start : start + 20_000])
        return SyncPair(a.site_id, b.site_id, tuple(residents), tuple(circles), len(maker.visits))
    finally:
        a.close()
        if b is not None:
            b.close()


def busy_day(ws: Workspace, pair: SyncPair, day: date, n: int) -> int:
    """A day's changes on ``ws`` through the services (see the numbers above); returns how
    many records they add or change at least."""
    from carelink_desktop.services.concerns import CONCERNS
    from carelink_desktop.services.relationships import relationship, update_relationship
    from carelink_desktop.services.resident_records import add_record
    from carelink_desktop.services.residents import update_resident, view_resident
    from carelink_desktop.synthetic.demo_visits import record_contacts

    residents = pair.resident_ids
    per_resident = DAY_CONTACTS // len(residents)
    follow_ups = 0
    first_visits: list[tuple[str, str, str]] = []
    for r, resident_id in enumerate(residents):
        items = []
        for k in range(per_resident):
            circle = pair.relationship_ids[r]
            person = circle[(k + n) % len(circle)]
            starts = datetime.combine(day, time(9 + 4 * k, 15 * (r % 4)))
            follow: tuple[FollowUp, ...] = ()
            if follow_ups < DAY_FOLLOW_UPS and k == 0 and r % 6 == 0:
                follow = (FollowUp("Ring back about the next visit", day + timedelta(days=3), "Keyworker"),)
                follow_ups += 1
            items.append(
                VisitDetails(
                    kind=VisitKind.VISIT if k == 0 else (VisitKind.PHONE, VisitKind.VIDEO)[k % 2],
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=45),
                    relationship_ids=(person,),
                    mood_before=Mood.SETTLED,
                    mood_after=Mood.HAPPY,
                    observations=f"Day {n + 1}: Resident{r} enjoyed the time together and talked "
                    "about the garden, the grandchildren and the trip to the seaside next month.",
                    follow_ups=follow,
                )
            )
        ids = record_contacts(ws, resident_id, items)
        first_visits.append((resident_id, ids[0], pair.relationship_ids[r][0]))
    assert follow_ups == DAY_FOLLOW_UPS
    for r in range(DAY_RESIDENT_EDITS):
        resident_id = residents[(r * 5 + n) % len(residents)]
        view = view_resident(ws, resident_id)
        notes = f"Reviewed on day {n + 1}: likes a phone call after lunch rather than in the morning."
        update_resident(ws, resident_id, replace(view.details, notes=notes), expected_version=view.version)
    for r in range(DAY_RELATIONSHIP_EDITS):
        rel = relationship(ws, pair.relationship_ids[(r * 3 + n) % len(residents)][r % 6])
        changed = replace(rel.details, what_matters=f"Reviewed on day {n + 1}: Sunday visits matter most.")
        update_relationship(ws, rel.id, changed, expected_version=rel.version, reason="Keyworker review")
    for c in range(DAY_CONCERNS):
        resident_id, visit_id, relationship_id = first_visits[c * 7 + n]
        add_record(
            ws,
            CONCERNS,
            resident_id,
            ConcernDetails(
                ConcernKind.CONFLICT,
                Severity.LOW,
                "Disagreement between family members about visiting times.",
                day,
                relationship_id=relationship_id,
                visit_id=visit_id,
                actions="Talked it through with both; agreed a rota.",
            ),
        )
    return DAY_CONTACTS + DAY_FOLLOW_UPS + DAY_RESIDENT_EDITS + DAY_RELATIONSHIP_EDITS + DAY_CONCERNS


def profile(what: str) -> None:
    """One export or import under cProfile, printing the 25 most expensive calls by cumulative
    time: ``python -m tests.benchmarks.sync_home export|import|day`` from the repository root.
    ``day`` first imports the big file (not profiled), then profiles a day's export and import.
    Uses the pair cached for the benchmarks (building it first if need be)."""
    import cProfile
    import getpass
    import pstats

    from carelink_desktop.services import sync

    root = Path(tempfile.gettempdir()) / f"pytest-of-{getpass.getuser()}"  # pytest's, as the benchmark
    root.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="carelink-sync-profile-"))
    (work / "state").mkdir()
    a, b, pair, _ = open_sync_pair(root, work, work / "state")

    def run(title: str, call: Callable[[], object]) -> None:
        profiler = cProfile.Profile()
        started = clock.perf_counter()
        profiler.runcall(call)
        print(f"\n{title}: {clock.perf_counter() - started:.2f} s under cProfile")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

    try:
        big = work / "big.clsync"
        if what == "export":
            run("export of the 100,000 records", lambda: sync.export_changes(a, big, to_site=pair.b_site))
            return
        sync.export_changes(a, big, to_site=pair.b_site)
        if what == "import":
            run("import of the 100,000 records", lambda: sync.import_file(b, big))
            return
        sync.import_file(b, big)
        busy_day(a, pair, TODAY, 0)
        day = work / "day.clsync"
        run("export of a day's changes", lambda: sync.export_changes(a, day, to_site=pair.b_site))
        run("import of a day's changes", lambda: sync.import_file(b, day))
    finally:
        a.close()
        b.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in {"export", "import", "day"}:
        sys.exit("usage: python -m tests.benchmarks.sync_home export|import|day")
    profile(sys.argv[1])
