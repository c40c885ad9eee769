"""Runs a parsed command: resolves the home folder, logs in, calls the handler, maps errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.paths import HomePaths, default_state_dir, home_paths
from carelink_desktop.settings import Settings, load_settings
from carelink_desktop.storage.keyslots import KdfParams

if TYPE_CHECKING:
    from carelink_desktop.services.workspace import Workspace


class Context:
    """What every handler gets: the arguments, the home, settings, and a way to log in."""

    def __init__(self, args: argparse.Namespace) -> None:
        from carelink_desktop.cli.secrets_input import SecretReader

        self.args = args
        self.paths: HomePaths = home_paths(args.home)
        self.settings: Settings = load_settings()
        self.secrets = SecretReader(bool(getattr(args, "password_stdin", False)))
        self.state_dir: Path = default_state_dir()
        self.last_password = ""

    @property
    def kdf(self) -> KdfParams:
        s = self.settings
        return KdfParams(s.kdf_memory_kib, s.kdf_iterations, s.kdf_lanes)

    def login(self) -> Workspace:
        from carelink_desktop.services.access import unlock
        from carelink_desktop.storage.home_store import load_keyslots

        load_keyslots(self.paths)  # no home here: say so before asking for a password
        password = self.secrets.read(f"Password for {self.args.user}: ")
        self.last_password = password
        return unlock(self.paths, self.args.user, password, state_dir=self.state_dir, kdf=self.kdf)

    def new_password(self, prompt: str = "New password: ") -> str:
        from carelink_desktop.cli.secrets_input import SecretReader

        reader = self.secrets if self.secrets.from_stdin else SecretReader(False)
        return reader.read(prompt, confirm=not reader.from_stdin)


def unknown_resident(resident_id: str) -> CareLinkError:
    """The error for a resident ID that names nobody, saying how to find the right one."""
    from carelink_desktop.domain.errors import NotFound

    return NotFound(
        f"No resident has the ID '{resident_id}': "
        "list the IDs with 'carelink residents list --status all --json'."
    )


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def run(args: argparse.Namespace) -> int:
    from carelink_desktop.cli import (
        commands_home,
        commands_plans,
        commands_records,
        commands_relationships,
        commands_reports,
        commands_sar,
        commands_sync,
        commands_visits,
    )

    handlers: dict[str, Callable[[Context], int]] = {
        **commands_home.HANDLERS,
        **commands_plans.HANDLERS,
        **commands_records.HANDLERS,
        **commands_relationships.HANDLERS,
        **commands_reports.HANDLERS,
        **commands_sar.HANDLERS,
        **commands_sync.HANDLERS,
        **commands_visits.HANDLERS,
    }
    try:
        return handlers[args.handler](Context(args))
    except CareLinkError as exc:
        sys.stderr.write(f"carelink: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("carelink: stopped.\n")
        return 130
    except OSError as exc:
        sys.stderr.write(
            f"carelink: {exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}\n"
        )
        return 6
    except Exception as exc:
        sys.stderr.write(f"carelink: unexpected error ({type(exc).__name__}): {exc}\n")
        return 1
