"""Sync between the organisation's PCs from the command line: ``export``, ``import`` and the
``sync`` command (status, setup, add-pc, join, conflicts, remove-pc). Managers only.

Importing this module loads only the standard library (``carelink --help`` stays quick); each
handler imports the services it needs when it runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carelink_desktop.cli.runner import Context
    from carelink_desktop.services.sync import ImportPreview, PartnerStatus, SyncStatus
    from carelink_desktop.services.workspace import Workspace

JOIN_DESCRIPTION = (
    "Set up a NEW home folder (--home) as a PC of an existing organisation, from the invitation "
    "file and its code made on another PC with 'carelink sync add-pc'. The new copy starts with "
    "every record. If --user is a manager's account that came in the copy, that account is used "
    "here (with the password you give now); otherwise a new manager account is made, named "
    "--full-name. You are asked for the code and the new password; with --password-stdin give "
    "them on standard input instead, one a line: the code first, then the password. The "
    "recovery key of this PC's copy is shown once."
)


def _person(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", required=True, metavar="NAME", help="your username (a manager's)")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (else you are asked)",
    )


def add_sync_parsers(sub: Any) -> None:
    """The ``export``, ``import`` and ``sync`` commands."""
    p = sub.add_parser(
        "export",
        help="write the changes for another PC of the organisation to a file",
        description="Write every record changed since the last file to that PC (or, with --full, "
        "everything) to one encrypted, signed sync file, to take to it and import there.",
    )
    _person(p)
    p.add_argument("--to", required=True, metavar="FILE", help="the sync file to write (e.g. on a USB stick)")
    p.add_argument(
        "--partner",
        metavar="NAME_OR_ID",
        help="the PC or head office it is for (needed when there is more than one)",
    )
    p.add_argument("--full", action="store_true", help="everything, not only the changes since the last file")
    p.set_defaults(handler="sync_export")

    p = sub.add_parser(
        "import",
        help="import a sync file from another PC of the organisation",
        description="Say which PC made the file, when, and how many records of each kind it adds or "
        "changes, then apply all of it or none of it. A file imported before changes nothing; a "
        "damaged or foreign file is refused (exit code 8) and nothing is changed.",
    )
    _person(p)
    p.add_argument("file", metavar="FILE", help="the sync file")
    p.add_argument("--dry-run", action="store_true", help="only say what importing it would do")
    p.set_defaults(handler="sync_import")

    p = sub.add_parser("sync", help="sync between the home's PCs and head office (managers)")
    ssub = p.add_subparsers(title="actions", metavar="ACTION", parser_class=type(p), required=True)
    q = ssub.add_parser("status", help="this PC, its partners, changes waiting and open conflicts")
    _person(q)
    q.add_argument("--json", action="store_true", help="print JSON instead of text")
    q.set_defaults(handler="sync_status")

    q = ssub.add_parser("setup", help="make this home an organisation, ready to add PCs (once)")
    _person(q)
    q.add_argument("--name", metavar="NAME", help="this PC's name, e.g. 'Office upstairs' (or rename it)")
    q.set_defaults(handler="sync_setup")

    q = ssub.add_parser("add-pc", help="add a PC or head office and write its invitation file")
    _person(q)
    q.add_argument("name", metavar="NAME", help="the new PC's name, e.g. 'Downstairs office'")
    q.add_argument("--invitation", required=True, metavar="FILE", help="where to write the invitation")
    q.add_argument("--head-office", action="store_true", help="the new site is head office, not a PC")
    q.set_defaults(handler="sync_add_pc")

    q = ssub.add_parser(
        "join", help="set up a new home folder from an invitation", description=JOIN_DESCRIPTION
    )
    q.add_argument("--invitation", required=True, metavar="FILE", help="the invitation file")
    q.add_argument("--user", required=True, metavar="NAME", help="your username on this PC (a manager)")
    q.add_argument(
        "--full-name", default="", metavar="FULL NAME", help="your full name, if --user is a new account"
    )
    q.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the code, then the new password, from standard input (one a line)",
    )
    q.add_argument(
        "--recovery-key-file",
        metavar="PATH",
        help="write the recovery key to this file instead of showing it",
    )
    q.set_defaults(handler="sync_join")

    q = ssub.add_parser("conflicts", help="list edits made apart on two PCs, waiting to be settled")
    _person(q)
    q.add_argument("--all", action="store_true", help="settled ones too")
    q.set_defaults(handler="sync_conflicts")

    q = ssub.add_parser("remove-pc", help="take a lost or retired PC out of the organisation")
    _person(q)
    q.add_argument("pc", metavar="NAME_OR_ID", help="the PC's name or ID (see sync status --json)")
    q.set_defaults(handler="sync_remove_pc")


# -- helpers --------------------------------------------------------------------------------------


def out(text: str = "") -> None:
    from carelink_desktop.cli.runner import out as write

    write(text)


def _usage(message: str) -> Exception:
    from carelink_desktop.cli.secrets_input import UsageError

    return UsageError(message)


def _count(n: int, singular: str, plural: str = "") -> str:
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def _when(value: Any) -> str:
    from carelink_desktop.domain.dates import format_uk_datetime

    return format_uk_datetime(value) or "never"


def _manager(ctx: Context, doing: str) -> Workspace:
    """Log in and refuse anyone who is not a manager (exit code 3) before anything else."""
    from carelink_desktop.domain.roles import Permission

    ws = ctx.login()
    try:
        ws.require(Permission.RUN_SYNC, doing)
    except BaseException:
        ws.close()
        raise
    return ws


def _set_up(ws: Workspace) -> SyncStatus:
    from carelink_desktop.services.sync import sync_status

    status = sync_status(ws)
    if not status.set_up:
        raise _usage(
            "Sync has not been set up on this PC: run 'carelink sync setup', or set up a new PC "
            "from an invitation with 'carelink sync join'."
        )
    return status


def _pick(status: SyncStatus, wanted: str | None) -> PartnerStatus:
    """The partner named (by name, any case, or ID), or the only one when none is named."""
    from carelink_desktop.domain.errors import NotFound

    partners = [p for p in status.partners if not p.removed]
    names = ", ".join(f"'{p.label}'" for p in partners)
    if not partners:
        raise _usage("No other PC has been added yet: add one with 'carelink sync add-pc'.")
    if not wanted:
        if len(partners) == 1:
            return partners[0]
        raise _usage(f"This organisation has {len(partners)} other PCs: say which with --partner: {names}.")
    found = [p for p in partners if p.site_id == wanted.strip()] or [
        p for p in partners if p.label.casefold() == wanted.strip().casefold()
    ]
    if len(found) > 1:
        ids = ", ".join(p.site_id for p in found)
        raise _usage(f"More than one PC is called '{wanted.strip()}': give its ID instead: {ids}.")
    if not found:
        raise NotFound(f"No PC of this organisation is called '{wanted.strip()}': the others are {names}.")
    return found[0]


# -- export and import ----------------------------------------------------------------------------


def sync_export(ctx: Context) -> int:
    """Write the changes since the last file to one partner (or everything, --full) to --to."""
    from carelink_desktop.domain.errors import ValidationError
    from carelink_desktop.services.sync import export_changes
    from carelink_desktop.services.sync_labels import kind_label

    target = Path(ctx.args.to).expanduser()
    if target.is_dir():  # say so before asking for a password
        raise ValidationError({"to": f"{target} is a folder: give a file name, e.g. changes.clsync."})
    if not target.parent.is_dir():
        raise ValidationError({"to": f"The folder {target.parent} does not exist (is the USB stick in?)."})
    ws = _manager(ctx, "export sync files")
    try:
        partner = _pick(_set_up(ws), ctx.args.partner)
        result = export_changes(ws, target, to_site=partner.site_id, full=ctx.args.full)
    finally:
        ws.close()
    if result.full:
        what = "everything"
    elif partner.last_export_at:
        what = f"changes since {_when(partner.last_export_at)}"
    else:
        what = "changes not sent before"
    out(f"Exported {_count(result.records, 'record')} ({what}) for {result.to_label} to {target}.")
    if result.kinds:
        kinds = ", ".join(_count(n, kind_label(table, n), kind_label(table, n)) for table, n in result.kinds)
        out(f"It holds {kinds}.")
    out(f"Import it on {result.to_label} with 'carelink import {target.name}' (or in its Sync area).")
    return 0


def sync_import(ctx: Context) -> int:
    """Say what a sync file holds, then apply it all (or, --dry-run, nothing)."""
    from carelink_desktop.services.sync import import_file, read_file

    source = Path(ctx.args.file).expanduser()
    if not source.is_file():
        read_file(source)  # refuses a missing file or a folder with its message, before a password
    ws = _manager(ctx, "import sync files")
    try:
        _set_up(ws)
        result = import_file(ws, source, dry_run=ctx.args.dry_run)
    finally:
        ws.close()
    preview = result.preview
    if result.already_imported:
        day, _, time = _when(preview.already_imported_at).partition(" ")
        out(f"This file was already imported on {day} at {time}: nothing was changed.")
        return 0
    _show_preview(preview)
    if ctx.args.dry_run:
        out("Dry run: nothing was changed.")
        return 0
    parts = [_count(preview.new, "new record"), _count(preview.changed, "changed record")]
    out(f"Imported: {', '.join(parts)}.")
    if preview.older:
        were = "was" if preview.older == 1 else "were"
        out(f"{_count(preview.older, 'record')} in the file {were} older than here: left as they are.")
    if preview.conflicts:
        out(
            f"{_count(preview.conflicts, 'record')} had been changed apart on both PCs: both versions "
            "are kept. List them with 'carelink sync conflicts' and settle them in the Sync area."
        )
    return 0


def _show_preview(p: ImportPreview) -> None:
    from carelink_desktop.cli.commands_records import _table

    out(f"Sync file from {p.from_label}, made {_when(p.made_at)}.")
    holds = "everything that PC held" if p.full else "the changes made since its last file to this PC"
    out(f"It holds {holds}: {_count(p.records, 'record')}.")
    if p.older_than_last:
        out(f"A newer file from {p.from_label} was imported before: older versions do not replace newer.")
    if not p.kinds:
        return
    rows = [[k.label[:1].upper() + k.label[1:], k.new, k.changed, k.older, k.conflicts] for k in p.kinds]
    rows.append(["Total", p.new, p.changed, p.older, p.conflicts])
    out()
    _table(["Kind", "New", "Changed", "Older", "Conflicts"], [[str(c) for c in r] for r in rows])
    out()


# -- sync status, setup, add-pc, join, conflicts, remove-pc ---------------------------------------


def sync_status(ctx: Context) -> int:
    from carelink_desktop.cli.commands_records import _json, _table
    from carelink_desktop.services.sync import sync_status as status_of
    from carelink_desktop.services.sync_enrolment import SITE_KINDS

    ws = _manager(ctx, "see the sync status")
    try:
        status = status_of(ws)
    finally:
        ws.close()
    if ctx.args.json:
        from dataclasses import asdict

        _json([{**asdict(status), "partners": [asdict(p) for p in status.partners]}])
        return 0
    if not status.set_up:
        out(f"Sync is not set up on this PC ({status.site_label}).")
        out("Set it up with 'carelink sync setup --name NAME', or set up a new home folder as a PC of")
        out("an existing organisation with 'carelink --home NEW_FOLDER sync join --invitation FILE'.")
        return 0
    out(f"Sync is set up. This PC: {status.site_label}.")
    if status.partners:
        out()
        _table(
            ["PC or office", "Kind", "Last export", "Last import", "Changes waiting"],
            [
                [
                    p.label + (" (removed)" if p.removed else ""),
                    SITE_KINDS.get(p.kind, p.kind),
                    _when(p.last_export_at),
                    _when(p.last_import_at),
                    "" if p.removed else f"{p.waiting:,}",
                ]
                for p in status.partners
            ],
        )
        out()
    else:
        out("No other PC has been added yet: add one with 'carelink sync add-pc NAME --invitation FILE'.")
    see = " (see 'carelink sync conflicts')." if status.open_conflicts else "."
    out(f"Open conflicts: {status.open_conflicts:,}{see}")
    return 0


def sync_setup(ctx: Context) -> int:
    from carelink_desktop.services.sync import set_up_sync, sync_status

    ws = _manager(ctx, "set up sync")
    try:
        before = sync_status(ws)
        after = set_up_sync(ws, label=ctx.args.name)
    finally:
        ws.close()
    if before.set_up:
        called = "now called" if after.site_label != before.site_label else "called"
        out(f"Sync was already set up. This PC is {called} {after.site_label}.")
        return 0
    out(f"Sync is set up. This PC is called {after.site_label}.")
    out("Add the other PCs and head office with 'carelink sync add-pc NAME --invitation FILE'.")
    return 0


def sync_add_pc(ctx: Context) -> int:
    from carelink_desktop.domain.errors import ValidationError
    from carelink_desktop.services.sync_enrolment import SITE_KINDS, add_site

    target = Path(ctx.args.invitation).expanduser()
    if target.is_dir() or not target.parent.is_dir():  # before asking for a password
        raise ValidationError(
            {"invitation": f"Cannot write the invitation to {target}: give a file in an existing folder."}
        )
    kind = "head_office" if ctx.args.head_office else "pc"
    ws = _manager(ctx, "add PCs to the organisation")
    try:
        _set_up(ws)
        invitation = add_site(ws, ctx.args.name, target, kind=kind)
    finally:
        ws.close()
    out(f"Added {invitation.label} ({SITE_KINDS[kind]}) to the organisation.")
    out(f"Its invitation is in {target}: it holds a copy of every record, locked with this code.")
    out()
    out("INVITATION CODE (shown once):")
    out(f"    {invitation.code}")
    out("Type this code on the new PC when it asks for it, e.g. with")
    out(f"    carelink --home NEW_FOLDER sync join --invitation {target.name} --user YOUR_USERNAME")
    out("Keep the code apart from the file: never write it on the USB stick.")
    return 0


def _read_code(ctx: Context) -> str:
    if ctx.secrets.from_stdin:
        return ctx.secrets.read("The invitation code: ")
    if not sys.stdin.isatty():
        raise _usage(
            "No terminal to ask for the code: pass --password-stdin and give the code, then the "
            "password, on standard input."
        )
    return input("The invitation code (shown on the other PC): ")


def sync_join(ctx: Context) -> int:
    from carelink_desktop.cli.commands_home import _show_recovery_key
    from carelink_desktop.domain.errors import HomeAlreadyExists, SyncFileRefused
    from carelink_desktop.services.sync_enrolment import join_organisation

    a, paths = ctx.args, ctx.paths
    if paths.exists() or paths.database.exists():  # before asking for anything
        raise HomeAlreadyExists(
            f"A CareLink home already exists in {paths.root}: join with a new, empty folder (--home)."
        )
    invitation = Path(a.invitation).expanduser()
    if not invitation.is_file():
        raise SyncFileRefused(f"There is no invitation file at {invitation}.")
    code = _read_code(ctx)
    password = ctx.new_password(f"Password for {a.user} on this PC: ")
    ws, recovery = join_organisation(
        paths, invitation, code, username=a.user, full_name=a.full_name, password=password, kdf=ctx.kdf
    )
    try:
        from carelink_desktop.services.sync import sync_status

        status = sync_status(ws)
    finally:
        ws.close()
    out(f"This PC ({status.site_label}) is set up in {paths.root} with a copy of every record.")
    out(f"Manager account: {ws.actor.username}")
    _show_recovery_key(ctx, recovery)
    return 0


def sync_conflicts(ctx: Context) -> int:
    from carelink_desktop.services.sync_conflicts import list_conflicts

    ws = _manager(ctx, "see sync conflicts")
    try:
        found = list_conflicts(ws, include_resolved=ctx.args.all)
    finally:
        ws.close()
    for n, c in enumerate(found, 1):
        out(f"{n}. {c.record_title} ({c.kind_label}): {c.field_label}, found {_when(c.found_at)}")
        out(f"   In the record ({c.kept_by}, {_when(c.kept_at)}): {c.kept_value or '(empty)'}")
        out(f"   Other version ({c.other_by}, {_when(c.other_at)}): {c.other_value or '(empty)'}")
        if c.resolved_at is not None:
            out(f"   {c.resolution_label} on {_when(c.resolved_at)}.")
        out(f"   ID: {c.id}")
    opened = sum(1 for c in found if c.resolved_at is None)
    out(f"{_count(opened, 'open conflict')}" + (": settle them in the Sync area." if opened else "."))
    return 0


def sync_remove_pc(ctx: Context) -> int:
    from carelink_desktop.services.sync_enrolment import remove_site

    ws = _manager(ctx, "remove PCs from the organisation")
    try:
        partner = _pick(_set_up(ws), ctx.args.pc)
        remove_site(ws, partner.site_id)
    finally:
        ws.close()
    out(f"Removed {partner.label} from the organisation: its sync files are refused from now on.")
    out("Export to the other PCs so that they refuse them too.")
    return 0


HANDLERS: dict[str, Callable[[Context], int]] = {
    "sync_export": sync_export,
    "sync_import": sync_import,
    "sync_status": sync_status,
    "sync_setup": sync_setup,
    "sync_add_pc": sync_add_pc,
    "sync_join": sync_join,
    "sync_conflicts": sync_conflicts,
    "sync_remove_pc": sync_remove_pc,
}
