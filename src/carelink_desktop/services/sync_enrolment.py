"""Adding a PC (or head office) to the organisation, and setting it up from the invitation.

On a member PC a manager adds the new site: it gets its own id and signing key, its site record
travels to the others like any record, and an invitation file is written. The invitation holds
the organisation's keys, the new site's keys and a full copy of the records, encrypted (age,
scrypt) with a one-off code shown on screen. On the new PC the manager picks the file, types the
code and sets up their login: the new copy starts with every record, ready to exchange files.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from carelink_desktop.domain.accounts import check_new_account, check_new_password, normalise_username
from carelink_desktop.domain.clock import HybridClock
from carelink_desktop.domain.errors import (
    AuthenticationError,
    HomeAlreadyExists,
    NotFound,
    SyncFileRefused,
    ValidationError,
)
from carelink_desktop.domain.roles import Permission, Role
from carelink_desktop.domain.validation import Problems, clean
from carelink_desktop.paths import HomePaths
from carelink_desktop.services.access import add_manager_account
from carelink_desktop.services.readmodels import Actor
from carelink_desktop.services.sync import new_header, organisation_keys
from carelink_desktop.services.workspace import SITE_KEY, Workspace
from carelink_desktop.storage import home_store, migrate
from carelink_desktop.storage.atomic import write_atomically
from carelink_desktop.storage.keyslots import KdfParams, new_recovery_key
from carelink_desktop.storage.sync_tables import SyncPartnerRow
from carelink_desktop.storage.tables import LocalRow, SiteRow, new_id
from carelink_desktop.sync import bundle, keys, merge, outgoing
from carelink_desktop.sync.bundle import SiteKey

INVITATION_FORMAT = "carelink-invitation"
INVITATION_SUFFIX = ".clinvite"
SITE_KINDS = {"pc": "PC in the home", "head_office": "Head office"}
_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to mistype


@dataclass(frozen=True)
class Invitation:
    """A new site's invitation, written to ``path``; ``code`` is shown once to the manager."""

    site_id: str
    label: str
    path: Path
    code: str


def new_code() -> str:
    """Twenty letters and digits (100 bits) in groups of five, easy to read out and type."""
    letters = "".join(secrets.choice(_CODE_LETTERS) for _ in range(20))
    return "-".join(letters[i : i + 5] for i in range(0, 20, 5))


def normalise_code(typed: str) -> str:
    letters = "".join(ch for ch in typed.upper() if ch.isalnum())
    return "-".join(letters[i : i + 5] for i in range(0, len(letters), 5))


def add_site(ws: Workspace, label: str, path: Path, *, kind: str = "pc") -> Invitation:
    """Add a PC or head office to the organisation and write its invitation to ``path``."""
    ws.require(Permission.RUN_SYNC, "add PCs to the organisation")
    problems = Problems()
    problems.require("label", label, "The PC's name")
    problems.max_length("label", clean(label), "The PC's name", 120)
    if kind not in SITE_KINDS:
        problems.add("kind", "Choose a PC in the home or head office.")
    problems.raise_if_any()
    path = Path(path)
    if not path.parent.is_dir():
        raise ValidationError({"path": f"The folder {path.parent} does not exist (is the USB stick in?)."})
    code = new_code()
    signing = keys.new_signing_key()
    with ws.work() as w:
        org = organisation_keys(w.session)
        me = w.session.get(SiteRow, ws.site_id)
        if me is None:
            raise NotFound("This PC's site record is missing: restore the home from a backup.")
        site_id = new_id()
        public = keys.public_key_text(signing)
        endorsement = org.sign(keys.endorsement_text(org.organisation_id, site_id, public))
        site = w.created(
            SiteRow(
                id=site_id,
                home_id=me.home_id,
                label=clean(label),
                kind=kind,
                signing_key=public,
                removed=False,
                endorsed_by=ws.site_id,
                endorsement=base64.b64encode(endorsement).decode("ascii"),
            ),
            "sync_site_added",
            kind="site",
            details={"label": clean(label), "kind": kind},
        )
        w.session.flush()
        tables = outgoing.gather(w.session, since_seq=None)
        header = new_header(w, org, tables, to_site=site.id, full=True)
        snapshot = bundle.write(org, header, tables)
        # The new site starts with everything this one holds: nothing is waiting for it yet.
        w.session.add(
            SyncPartnerRow(site_id=site.id, exported_seq=outgoing.newest_seq(w.session), last_export_at=w.now)
        )
        invitation = {
            "format": INVITATION_FORMAT,
            "version": 1,
            "organisation": org.organisation_id,
            "organisation_key": org.identity,
            "site": site.id,
            "label": site.label,
            "signing_key": base64.b64encode(signing).decode("ascii"),
            "invited_by": ws.site_id,
            "invited_by_label": me.label,
            "invited_by_key": org.public_signing_key,
            "snapshot": base64.b64encode(snapshot).decode("ascii"),
        }
        import pyrage

        sealed = pyrage.passphrase.encrypt(json.dumps(invitation).encode("utf-8"), code)
        write_atomically(path, bytes(sealed), what="the invitation file", private=True)
        w.undo.append(lambda: path.unlink(missing_ok=True))
    return Invitation(site.id, site.label, path, code)


def remove_site(ws: Workspace, site_id: str) -> None:
    """Take a lost or retired PC out of the organisation: its files are refused from now on,
    here and (once this change travels) everywhere else."""
    ws.require(Permission.RUN_SYNC, "remove PCs from the organisation")
    if site_id == ws.site_id:
        raise ValidationError({"site": "This PC cannot remove itself: remove it from another PC."})
    with ws.work() as w:
        site = w.get(SiteRow, site_id, "PC")
        if not site.removed:
            site.removed = True
            w.touched(site, "sync_site_removed", kind="site", details={"label": site.label})


@dataclass(frozen=True)
class OpenedInvitation:
    organisation_id: str
    identity: str
    site_id: str
    label: str
    signing_key: bytes
    invited_by: str
    invited_by_label: str
    invited_by_key: str
    snapshot: bytes


def open_invitation(path: Path, code: str) -> OpenedInvitation:
    """Decrypt an invitation with its code (a wrong code or damaged file changes nothing)."""
    import pyrage

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SyncFileRefused(f"Could not read {path}: {exc.strerror or exc}.") from None
    if not data.startswith(bundle.AGE_MAGIC):
        raise SyncFileRefused("This is not a CareLink invitation file.")
    bundle.check_age_header(data, invitation=True)
    _check_work_factor(data)
    try:
        raw = json.loads(pyrage.passphrase.decrypt(data, normalise_code(code)))
    except pyrage.DecryptError:
        raise AuthenticationError(
            "The code does not open this invitation file: check the code (or the file is damaged)."
        ) from None
    except ValueError:
        raise SyncFileRefused("This invitation file is damaged: ask for a new one.") from None
    try:
        if raw["format"] != INVITATION_FORMAT:
            raise KeyError("format")
        return OpenedInvitation(
            raw["organisation"],
            raw["organisation_key"],
            raw["site"],
            raw["label"],
            base64.b64decode(raw["signing_key"]),
            raw["invited_by"],
            raw["invited_by_label"],
            raw["invited_by_key"],
            base64.b64decode(raw["snapshot"]),
        )
    except (KeyError, TypeError, ValueError):
        raise SyncFileRefused("This is not a CareLink invitation file.") from None


#: The most scrypt work an invitation may ask for (2^20: about 1 GiB and seconds). CareLink's own
#: come out at 17 to 19; a damaged or crafted one asking for more would stall or exhaust the PC.
MAX_WORK_FACTOR = 20


def _check_work_factor(data: bytes) -> None:
    for line in data[: bundle.MAX_AGE_HEADER].split(b"\n"):
        if line.startswith(b"-> scrypt "):
            parts = line.split()
            if len(parts) != 4 or not parts[3].isdigit() or int(parts[3]) > MAX_WORK_FACTOR:
                raise SyncFileRefused("This invitation file is damaged: ask for a new one.")


def join_organisation(
    paths: HomePaths,
    invitation_path: Path,
    code: str,
    *,
    username: str,
    full_name: str,
    password: str,
    kdf: KdfParams | None = None,
) -> tuple[Workspace, str]:
    """Set up this PC from an invitation: a new encrypted copy holding every record, with this
    manager's login. An account of the same username that came in the copy (the same manager)
    is used, else a new manager account is made. Returns the workspace and the recovery key."""
    kdf = kdf or KdfParams()
    if paths.exists() or paths.database.exists():
        raise HomeAlreadyExists(f"A CareLink home already exists in {paths.root}: nothing was changed.")
    invitation = open_invitation(invitation_path, code)
    check_new_password(password, username=username)
    org = keys.OrganisationKeys(invitation.organisation_id, invitation.identity, invitation.signing_key)
    snapshot = bundle.read(
        invitation.snapshot,
        org,
        {invitation.invited_by: SiteKey(invitation.invited_by_label, invitation.invited_by_key, False)}.get,
        schema=migrate.SCHEMA_HEAD,
    )
    store = home_store.create(paths)
    try:
        site_id = invitation.site_id
        existing = _account_in(snapshot, normalise_username(username))
        if existing is None:
            check_new_account(username, full_name)
            actor = Actor(new_id(), normalise_username(username), clean(full_name), Role.MANAGER)
        else:
            actor = Actor(
                str(existing["id"]),
                str(existing["username"]),
                str(existing["full_name"]),
                Role(str(existing["role"])),
            )
            if actor.role is not Role.MANAGER or not existing["active"] or existing["deleted"]:
                raise AuthenticationError(
                    f"'{actor.username}' is not an active manager's account in this organisation: "
                    "set this PC up with a manager's username."
                )
        ws = Workspace(store, actor, site_id, HybridClock(site_id), kdf)
        with ws.work() as w:
            w.session.add(LocalRow(key=SITE_KEY, value=site_id))
            keys.store(w.session, org)
            the_plan = merge.plan(w.session, snapshot)
            if the_plan.newest_hlc:
                ws.clock.observe(the_plan.newest_hlc)
            merge.apply(w.session, the_plan, from_site=invitation.invited_by, now=w.now)
            # Everything here came from the inviting site, so nothing is waiting to go back to it.
            w.session.add(
                SyncPartnerRow(
                    site_id=invitation.invited_by,
                    exported_seq=outgoing.newest_seq(w.session),
                    last_import_at=w.now,
                    last_import_made_at=snapshot.header.made_at,
                )
            )
            if existing is None:
                add_manager_account(w, actor)
            w.audit(
                "sync_joined",
                subject_type="site",
                subject_id=site_id,
                details={
                    "label": invitation.label,
                    "invited_by": invitation.invited_by_label,
                    "records": snapshot.record_count,
                    "at": datetime.now(UTC).isoformat(timespec="seconds"),
                },
            )
        recovery_key = new_recovery_key()
        store.keyslots.set_password_slot(actor.username, password, store.database_key, kdf)
        store.keyslots.set_recovery_slot(recovery_key, store.database_key)
        store.save_keyslots()
    except BaseException as exc:
        store.close()
        home_store.discard_database(paths)
        if isinstance(exc, merge.cannot_store()):
            raise SyncFileRefused("This invitation file is damaged: ask for a new one.") from None
        raise
    return ws, recovery_key


def _account_in(snapshot: bundle.Bundle, username: str) -> dict[str, object] | None:
    for table in snapshot.tables:
        if table.name == "staff_account":
            for row in table.rows:
                values = dict(zip(table.columns, row, strict=True))
                if values.get("username") == username:
                    return values
    return None
