"""Commands about the home as a whole: init, demo, verify, backup, restore, recover, passwd."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from carelink_desktop.cli.runner import Context, out
from carelink_desktop.domain.errors import HomeAlreadyExists
from carelink_desktop.paths import HomePaths, home_paths
from carelink_desktop.storage.atomic import write_atomically

if TYPE_CHECKING:
    from carelink_desktop.services.workspace import Workspace


def _show_recovery_key(ctx: Context, key: str) -> None:
    target = getattr(ctx.args, "recovery_key_file", None)
    if target:
        write_atomically(Path(target), (key + "\n").encode("ascii"), what="the recovery key", private=True)
        out(f"The recovery key was written to {target}. Print it, keep it locked away, then delete the file.")
        return
    out("")
    out("RECOVERY KEY (shown once):")
    out(f"    {key}")
    out("It is the only way back in if every manager's password is lost.")
    out("Print or write it down now and keep it locked away, apart from this PC.")


def init(ctx: Context) -> int:
    from carelink_desktop.services.access import create_home

    a = ctx.args
    password = ctx.new_password(f"Password for {a.manager}: ")
    ws, recovery = create_home(
        ctx.paths,
        home_name=a.home_name,
        manager_username=a.manager,
        manager_full_name=a.manager_name,
        password=password,
        kdf=ctx.kdf,
    )
    ws.close()
    out(f"Created the encrypted home '{a.home_name.strip()}' in {ctx.paths.root}.")
    out(f"Manager account: {ws.actor.username}")
    _show_recovery_key(ctx, recovery)
    return 0


def demo(ctx: Context) -> int:
    from carelink_desktop.synthetic.demo_home import create_demo_home

    second = ctx.args.second_pc and home_paths(ctx.args.second_pc)
    if second and ctx.paths.exists():  # another PC of a demo home made before
        return _demo_second_pc(ctx, None, second)
    if second and (second.exists() or second.database.exists()):  # before the long build
        raise HomeAlreadyExists(f"A CareLink home already exists in {second.root}: nothing was changed.")
    password = ctx.new_password("Password for the demo manager: ")
    ws, summary = create_demo_home(ctx.paths, password, kdf=ctx.kdf, residents=ctx.args.residents)
    out(f"Created a demo home in {ctx.paths.root}: {summary}.")
    if second:
        return _demo_second_pc(ctx, (ws, password), second)
    ws.close()
    out("Log in as 'demo' with the password you gave. Everyone in it is fictional.")
    return 0


def _demo_second_pc(ctx: Context, opened: tuple[Workspace, str] | None, second: HomePaths) -> int:
    """Set up ``second`` as another PC of the demo home (logging in to it as 'demo' unless it
    was just made) and say how to try sync between the two."""
    from carelink_desktop.services.access import unlock
    from carelink_desktop.services.sync import sync_status
    from carelink_desktop.synthetic.demo_home import DEMO_MANAGER_USERNAME, add_demo_pc

    if opened is None:
        password = ctx.secrets.read(f"Password for {DEMO_MANAGER_USERNAME}: ")
        ws = unlock(ctx.paths, DEMO_MANAGER_USERNAME, password, state_dir=ctx.state_dir, kdf=ctx.kdf)
    else:
        ws, password = opened
    try:
        other, _recovery = add_demo_pc(ws, second, password, kdf=ctx.kdf)
        try:
            first, new = sync_status(ws).site_label, sync_status(other).site_label
        finally:
            other.close()
    finally:
        ws.close()
    a, b = (f'"{p}"' if " " in str(p) else str(p) for p in (ctx.paths.root, second.root))
    out(f"Set up {b} as {new}, another PC of the demo home in {a} ({first}), enrolled for sync.")
    out("Log in to both as 'demo' with the password you gave. Everyone in them is fictional.")
    out("To try sync, change something on one (e.g. a resident's details), then:")
    out(f'    carelink --home {a} export --to changes.clsync --partner "{new}" --user demo')
    out(f"    carelink --home {b} import changes.clsync --user demo")
    out("and the change shows on the other. It works the other way round too.")
    return 0


def verify(ctx: Context) -> int:
    from carelink_desktop.services.maintenance import verify_home

    ws = ctx.login()
    try:
        report = verify_home(ws)
    finally:
        ws.close()
    for name, passed, detail in report.checks:
        out(f"{'ok  ' if passed else 'FAIL'}  {name:<11} {detail}")
    out("All checks passed." if report.ok else "Some checks FAILED: see above.")
    return 0 if report.ok else 1


def backup(ctx: Context) -> int:
    from carelink_desktop.services.maintenance import back_up

    ws = ctx.login()
    try:
        manifest = back_up(ws, Path(ctx.args.to))
    finally:
        ws.close()
    out(f"Encrypted backup written to {ctx.args.to} ({sum(manifest.tables.values())} rows, checked).")
    return 0


def restore(ctx: Context) -> int:
    from carelink_desktop.services.access import unlock
    from carelink_desktop.services.maintenance import record_restore, restore_home

    source = Path(ctx.args.source)
    password = ctx.secrets.read(f"Password for {ctx.args.user}: ")
    result = restore_home(ctx.paths, source, ctx.args.user, password, kdf=ctx.kdf)
    ws = unlock(ctx.paths, ctx.args.user, password, state_dir=ctx.state_dir, kdf=ctx.kdf)
    try:
        record_restore(ws, result, source)
    finally:
        ws.close()
    out(f"Restored the home from {source} (made {result.manifest.get('created_at')}).")
    if result.set_aside:
        out(f"The files it replaced are kept in {result.set_aside}.")
    return 0


def recover(ctx: Context) -> int:
    from carelink_desktop.services.access import recover_with_key

    a = ctx.args
    if a.recovery_key_file:
        try:
            key = Path(a.recovery_key_file).read_text(encoding="utf-8")
        except OSError as exc:
            from carelink_desktop.cli.secrets_input import UsageError

            raise UsageError(f"Cannot read the recovery key file: {exc.strerror}.") from exc
    else:
        key = ctx.secrets.read("Recovery key: ")
    password = ctx.new_password(f"New password for {a.user}: ")
    ws = recover_with_key(ctx.paths, key, a.user, password, kdf=ctx.kdf)
    ws.close()
    out(f"The password of {ws.actor.username} has been set. Consider issuing a new recovery key.")
    return 0


def passwd(ctx: Context) -> int:
    from carelink_desktop.services.accounts import change_own_password

    ws = ctx.login()
    try:
        change_own_password(ws, ctx.last_password, ctx.new_password())
    finally:
        ws.close()
    out("Your password has been changed.")
    return 0


HANDLERS = {
    "init": init,
    "demo": demo,
    "verify": verify,
    "backup": backup,
    "restore": restore,
    "recover": recover,
    "passwd": passwd,
}
