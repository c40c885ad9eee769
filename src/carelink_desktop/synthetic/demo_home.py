"""A demo home full of fictional people and their relationship maps, filled only through the
services.

Going through the services means every record is validated, stamped for sync and audited
exactly as a real one would be. Filling is split into steps over a pure ``DemoPlan`` so that
later steps (relationships, visits...) can be added beside them: regenerate the plan from the
same seed and use the ids in the ``DemoSummary`` to link records.
"""

from __future__ import annotations

import itertools
import secrets
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from carelink_desktop.domain.errors import HomeAlreadyExists
from carelink_desktop.domain.roles import Role
from carelink_desktop.paths import HomePaths
from carelink_desktop.services.access import create_home
from carelink_desktop.services.accounts import add_account, list_accounts
from carelink_desktop.services.consent import record_consent
from carelink_desktop.services.key_people import add_key_people
from carelink_desktop.services.residents import admit_residents
from carelink_desktop.services.sync import set_up_sync, sync_status
from carelink_desktop.services.sync_enrolment import INVITATION_SUFFIX, add_site, join_organisation
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.keyslots import KdfParams
from carelink_desktop.synthetic.demo_map_records import fill_maps
from carelink_desktop.synthetic.demo_oversight import fill_oversight
from carelink_desktop.synthetic.demo_plans import fill_carer_plans
from carelink_desktop.synthetic.demo_visits import fill_visits
from carelink_desktop.synthetic.people import StaffPerson, generate_staff
from carelink_desktop.synthetic.personas import Persona, generate_personas

DEMO_HOME_NAME = "Rosewood House (demo)"
DEMO_MANAGER_USERNAME = "demo"
DEMO_MANAGER_FULL_NAME = "Demo Manager"
DEMO_SEED = 2026
DEMO_RESIDENTS = 24
#: The demo home's own name as a PC of its organisation; the ones added are "Demo PC 2", 3...
DEMO_PC_LABEL = "Demo PC 1"
STAFF_ROLES = (
    Role.KEYWORKER,
    Role.KEYWORKER,
    Role.SHIFT_LEAD,
    Role.KEYWORKER,
    Role.SHIFT_LEAD,
    Role.KEYWORKER,
)


@dataclass(frozen=True)
class DemoPlan:
    """What a demo home will hold, before anything is written: pure and repeatable."""

    seed: int
    staff: tuple[tuple[StaffPerson, Role], ...]
    personas: tuple[Persona, ...]


@dataclass(frozen=True)
class DemoSummary:
    """How many records a demo fill made, and their ids (in plan order) for later steps."""

    staff: int
    residents: int
    current_residents: int
    discharged_residents: int
    key_people: int
    consent_records: int
    seed: int
    links: int = 0
    #: Groups, relationship issues, evaluations, restrictions, keyworker changes, resources offered.
    map_records: int = 0
    resources: int = 0
    #: Carer support plans (every state, one review overdue) and their reviews.
    carer_plans: int = 0
    #: A year of contact (visits, calls, outings, letters) recorded, today's bookings and the
    #: coming week's, concerns raised and follow-ups.
    contacts: int = 0
    bookings: int = 0
    concerns: int = 0
    follow_ups: int = 0
    #: The manager's oversight: feedback responses, improvement actions, concerns with the
    #: manager's side recorded (the ethical dilemma among them, counted in ``concerns`` too).
    feedback: int = 0
    improvement_actions: int = 0
    handled_concerns: int = 0
    staff_ids: tuple[str, ...] = field(default=(), repr=False)
    resident_ids: tuple[str, ...] = field(default=(), repr=False)
    key_person_ids: tuple[tuple[str, ...], ...] = field(default=(), repr=False)  # per resident
    #: Professionals, advocates and community people added to maps (per resident); counted in
    #: ``key_people`` and ``links`` too.
    extra_key_person_ids: tuple[tuple[str, ...], ...] = field(default=(), repr=False)
    recovery_key: str = field(default="", repr=False, compare=False)

    def __str__(self) -> str:
        return (
            f"{self.residents} residents ({self.current_residents} current, "
            f"{self.discharged_residents} discharged), {self.key_people} key people "
            f"({self.links} links to residents), "
            f"{self.staff} staff, {self.consent_records} consent records, "
            f"{self.map_records} records around the relationship maps, "
            f"{self.resources} entries in the resources directory, "
            f"{self.carer_plans} carer support plans, "
            f"{self.contacts} records of contact (with {self.follow_ups} follow-ups), "
            f"{self.bookings} bookings and {self.concerns} concerns, "
            f"{self.feedback} feedback responses and {self.improvement_actions} improvement actions"
        )


def plan_demo_home(
    *,
    residents: int = DEMO_RESIDENTS,
    seed: int = DEMO_SEED,
    today: date,
    taken_usernames: tuple[str, ...] = (),
) -> DemoPlan:
    """The staff and personas of a demo home; the same arguments give the same plan."""
    if residents < 1:
        raise ValueError("A demo home needs at least one resident.")
    staff = generate_staff(len(STAFF_ROLES), seed, taken=(DEMO_MANAGER_USERNAME, *taken_usernames))
    personas = generate_personas(residents, seed, today=today)
    return DemoPlan(seed, tuple(zip(staff, STAFF_ROLES, strict=True)), tuple(personas))


def _add_staff(ws: Workspace, plan: DemoPlan) -> tuple[list[str], list[str]]:
    """Adds the colleagues; returns all their ids and the keyworkers' ids."""
    ids: list[str] = []
    keyworkers: list[str] = []
    for person, role in plan.staff:
        # Demo colleagues never log in (the demo manager does), so nobody needs their password.
        account = add_account(
            ws,
            username=person.username,
            full_name=person.full_name,
            role=role,
            initial_password=secrets.token_urlsafe(24),
        )
        ids.append(account.id)
        if role is Role.KEYWORKER:
            keyworkers.append(account.id)
    return ids, keyworkers


def _admit(ws: Workspace, plan: DemoPlan, keyworkers: list[str]) -> tuple[list[str], list[str | None]]:
    """Admits every resident in one batch; current residents get keyworkers in turn. Returns
    the residents' ids and their keyworkers' ids."""
    today = ws.today()
    batch = []
    turn = 0
    for persona in plan.personas:
        details = persona.resident
        left = details.discharge_date is not None and details.discharge_date <= today
        if keyworkers and not left:
            details = replace(details, keyworker_id=keyworkers[turn % len(keyworkers)])
            turn += 1
        batch.append(details)
    return admit_residents(ws, batch), [d.keyworker_id for d in batch]


def _add_key_people(ws: Workspace, plan: DemoPlan) -> list[tuple[str, ...]]:
    """Adds every circle in one batch; returns the ids grouped by resident."""
    ids = add_key_people(ws, [m.details for p in plan.personas for m in p.circle])
    grouped: list[tuple[str, ...]] = []
    start = 0
    for persona in plan.personas:
        grouped.append(tuple(ids[start : start + len(persona.circle)]))
        start += len(persona.circle)
    return grouped


def _record_consents(ws: Workspace, plan: DemoPlan, resident_ids: list[str]) -> int:
    count = 0
    for persona, resident_id in zip(plan.personas, resident_ids, strict=True):
        for consent in persona.consents:
            record_consent(ws, resident_id, consent)
            count += 1
    return count


def fill_demo_home(ws: Workspace, *, residents: int = DEMO_RESIDENTS, seed: int = DEMO_SEED) -> DemoSummary:
    """Fill an open home (as a manager) with fictional staff, residents, key people, their
    relationship maps (``demo_maps``), consent records, carer support plans (``demo_plans``), a
    year of contact (``demo_visits``) and the manager's oversight (``demo_oversight``).
    Each step is its own transaction; the manager's own account is left as it is."""
    taken = tuple(a.username for a in list_accounts(ws))
    plan = plan_demo_home(residents=residents, seed=seed, today=ws.today(), taken_usernames=taken)
    staff_ids, keyworkers = _add_staff(ws, plan)
    resident_ids, keyworker_of = _admit(ws, plan, keyworkers)
    key_person_ids = _add_key_people(ws, plan)
    staff_names = {i: person.full_name for i, (person, _role) in zip(staff_ids, plan.staff, strict=True)}
    maps = fill_maps(
        ws,
        personas=plan.personas,
        seed=seed,
        resident_ids=resident_ids,
        key_person_ids=key_person_ids,
        keyworker_of=keyworker_of,
        keyworkers=keyworkers,
        staff_names=staff_names,
    )
    consents = _record_consents(ws, plan, resident_ids)
    keyworker_names = {
        rid: staff_names[k] for rid, k in zip(resident_ids, keyworker_of, strict=True) if k is not None
    }
    plans = fill_carer_plans(ws, resident_ids=resident_ids, keyworker_names=keyworker_names)
    contact = fill_visits(
        ws,
        personas=plan.personas,
        seed=seed,
        resident_ids=resident_ids,
        people_ids=[(*k, *e) for k, e in zip(key_person_ids, maps.extra_key_person_ids, strict=True)],
        keyworker_names=keyworker_names,
    )
    oversight = fill_oversight(ws, resident_ids=resident_ids, seed=seed)
    today = ws.today()
    discharged = sum(
        1
        for p in plan.personas
        if p.resident.discharge_date is not None and p.resident.discharge_date <= today
    )
    return DemoSummary(
        staff=len(staff_ids),
        residents=len(resident_ids),
        current_residents=len(resident_ids) - discharged,
        discharged_residents=discharged,
        key_people=sum(len(g) for g in (*key_person_ids, *maps.extra_key_person_ids)),
        consent_records=consents,
        seed=seed,
        links=maps.relationships,
        map_records=maps.records,
        resources=maps.resources,
        carer_plans=plans.plans,
        contacts=contact.contacts,
        bookings=contact.bookings,
        concerns=contact.concerns + (1 if oversight.dilemma_id else 0),
        follow_ups=contact.follow_ups,
        feedback=oversight.feedback,
        improvement_actions=oversight.improvement_actions,
        handled_concerns=oversight.handled_concerns,
        staff_ids=tuple(staff_ids),
        resident_ids=tuple(resident_ids),
        key_person_ids=tuple(key_person_ids),
        extra_key_person_ids=maps.extra_key_person_ids,
    )


def create_demo_home(
    paths: HomePaths,
    password: str,
    *,
    kdf: KdfParams | None = None,
    residents: int = DEMO_RESIDENTS,
    seed: int = DEMO_SEED,
) -> tuple[Workspace, DemoSummary]:
    """Create the demo home 'Rosewood House (demo)' with manager 'demo' and fill it. Returns the
    manager's open workspace (the caller closes it) and the summary, which carries the
    recovery key (not shown in its text)."""
    ws, recovery_key = create_home(
        paths,
        home_name=DEMO_HOME_NAME,
        manager_username=DEMO_MANAGER_USERNAME,
        manager_full_name=DEMO_MANAGER_FULL_NAME,
        password=password,
        kdf=kdf,
    )
    try:
        summary = fill_demo_home(ws, residents=residents, seed=seed)
    except BaseException:
        ws.close()
        raise
    return ws, replace(summary, recovery_key=recovery_key)


def add_demo_pc(
    ws: Workspace, paths: HomePaths, password: str, *, kdf: KdfParams | None = None
) -> tuple[Workspace, str]:
    """Set up ``paths`` as another PC of the demo home open in ``ws``, to try sync: sync is set
    up on the demo home if it is not yet (as "Demo PC 1"), "Demo PC 2" (or the next free number)
    is added, and the new folder is set up from its invitation with the same manager's login and
    ``password``. Returns the new PC's open workspace (the caller closes it) and its recovery key."""
    if paths.exists() or paths.database.exists():
        raise HomeAlreadyExists(f"A CareLink home already exists in {paths.root}: nothing was changed.")
    status = sync_status(ws)
    if not status.set_up:
        status = set_up_sync(ws, label=DEMO_PC_LABEL)
    taken = {p.label for p in status.partners}
    label = next(f"Demo PC {n}" for n in itertools.count(2) if f"Demo PC {n}" not in taken)
    with tempfile.TemporaryDirectory(prefix="carelink-demo-") as folder:
        invitation = add_site(ws, label, Path(folder) / f"{label}{INVITATION_SUFFIX}")
        return join_organisation(
            paths,
            invitation.path,
            invitation.code,
            username=ws.actor.username,
            full_name=ws.actor.full_name,
            password=password,
            kdf=kdf,
        )
