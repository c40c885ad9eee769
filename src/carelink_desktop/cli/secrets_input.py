"""Reading passwords and keys: lines of standard input, or a hidden prompt in a terminal."""

from __future__ import annotations

import getpass
import sys

from carelink_desktop.domain.errors import CareLinkError


class UsageError(CareLinkError):
    exit_code = 64


class SecretReader:
    """Hands out secrets in order: successive stdin lines when ``from_stdin``, else prompts."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def read(self, prompt: str, *, confirm: bool = False) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise UsageError(f"Expected {prompt.lower().rstrip(': ')} on standard input, found none.")
            return line.rstrip("\r\n")
        if not sys.stdin.isatty():
            raise UsageError(
                "No terminal to ask for a password: pass --password-stdin and give it on standard input."
            )
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Type it again: ") != first:
            raise UsageError("The two passwords were not the same: nothing was changed.")
        return first
