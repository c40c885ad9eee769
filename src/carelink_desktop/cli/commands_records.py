"""Commands that list or change records: residents, key people, staff accounts, audit log."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from carelink_desktop.cli.runner import Context, out
from carelink_desktop.domain.accounts import temporary_password
from carelink_desktop.domain.dates import format_uk_date, format_uk_datetime


def _json(rows: list[dict[str, Any]]) -> None:
    def default(value: object) -> str:
        if isinstance(value, date | datetime):
            return value.isoformat()
        return str(value)

    out(json.dumps(rows, indent=1, ensure_ascii=False, default=default))


def _table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    out("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    out("  ".join("-" * w for w in widths))
    for r in rows:
        out("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def residents_list(ctx: Context) -> int:
    from carelink_desktop.services.residents import ResidentFilter, find_residents

    ws = ctx.login()
    try:
        found = find_residents(ws, ctx.args.search, status=ResidentFilter(ctx.args.status))
    finally:
        ws.close()
    if ctx.args.json:
        _json([asdict(r) for r in found])
        return 0
    _table(
        ["Name", "Room", "Born", "Admitted", "Discharged"],
        [
            [
                r.display_name,
                r.room,
                format_uk_date(r.date_of_birth),
                format_uk_date(r.admission_date),
                format_uk_date(r.discharge_date),
            ]
            for r in found
        ],
    )
    out(f"{len(found)} resident{'s' if len(found) != 1 else ''}")
    return 0


def key_people_list(ctx: Context) -> int:
    from carelink_desktop.services.key_people import find_key_people

    ws = ctx.login()
    try:
        found = find_key_people(ws, ctx.args.search)
    finally:
        ws.close()
    if ctx.args.json:
        _json([asdict(p) for p in found])
        return 0
    _table(["Name", "Phone", "Email"], [[p.full_name, p.phone, p.email] for p in found])
    out(f"{len(found)} key {'people' if len(found) != 1 else 'person'}")
    return 0


def users_list(ctx: Context) -> int:
    from carelink_desktop.domain.roles import Permission
    from carelink_desktop.services.accounts import list_accounts

    ws = ctx.login()
    try:
        ws.require(Permission.MANAGE_ACCOUNTS, "list staff accounts")
        accounts = list_accounts(ws)
    finally:
        ws.close()
    if ctx.args.json:
        _json([{**asdict(a), "role": a.role.value} for a in accounts])
        return 0
    _table(
        ["Username", "Name", "Role", "Status", "Last login on this PC"],
        [
            [
                a.username,
                a.full_name,
                a.role.label,
                "active" if a.active else "deactivated",
                format_uk_datetime(a.last_login_at),
            ]
            for a in accounts
        ],
    )
    return 0


def _temporary_password(ctx: Context) -> tuple[str, bool]:
    if ctx.args.new_password_stdin:
        return ctx.secrets.read("New account's password: "), False
    return temporary_password(), True


def users_add(ctx: Context) -> int:
    from carelink_desktop.domain.roles import Role
    from carelink_desktop.services.accounts import add_account

    role = Role.parse(ctx.args.role)
    ws = ctx.login()
    try:
        password, generated = _temporary_password(ctx)
        account = add_account(
            ws, username=ctx.args.username, full_name=ctx.args.full_name, role=role, initial_password=password
        )
    finally:
        ws.close()
    out(f"Added {account.full_name} ({account.username}) as {account.role.label.lower()}.")
    if generated:
        out(f"Temporary password (shown once): {password}")
    out("They must choose their own password when they first log in.")
    return 0


def users_deactivate(ctx: Context) -> int:
    from carelink_desktop.services.accounts import deactivate_account, find_account

    ws = ctx.login()
    try:
        account = deactivate_account(ws, find_account(ws, ctx.args.username).id)
    finally:
        ws.close()
    out(f"Deactivated {account.username}: their password no longer opens the home.")
    return 0


def users_reset_password(ctx: Context) -> int:
    from carelink_desktop.services.accounts import find_account, reset_password

    ws = ctx.login()
    try:
        password, generated = _temporary_password(ctx)
        account = reset_password(ws, find_account(ws, ctx.args.username).id, password)
    finally:
        ws.close()
    out(f"Reset the password of {account.username}.")
    if generated:
        out(f"Temporary password (shown once): {password}")
    return 0


def users_set_role(ctx: Context) -> int:
    from carelink_desktop.domain.roles import Role
    from carelink_desktop.services.accounts import change_role, find_account

    role = Role.parse(ctx.args.role)
    ws = ctx.login()
    try:
        account = change_role(ws, find_account(ws, ctx.args.username).id, role)
    finally:
        ws.close()
    out(f"{account.username} is now a {account.role.label.lower()}.")
    return 0


def audit(ctx: Context) -> int:
    from carelink_desktop.services.maintenance import audit_entries

    ws = ctx.login()
    try:
        entries = audit_entries(ws, limit=ctx.args.limit)
    finally:
        ws.close()
    if ctx.args.json:
        _json([asdict(e) for e in entries])
        return 0
    _table(
        ["#", "When", "Who", "Action", "Details"],
        [[str(e.seq), format_uk_datetime(e.at), e.actor_name, e.action, e.details] for e in entries],
    )
    return 0


HANDLERS = {
    "residents_list": residents_list,
    "key_people_list": key_people_list,
    "users_list": users_list,
    "users_add": users_add,
    "users_deactivate": users_deactivate,
    "users_reset_password": users_reset_password,
    "users_set_role": users_set_role,
    "audit": audit,
}
