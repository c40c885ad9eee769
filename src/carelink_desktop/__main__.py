"""``carelink-desktop``: the desktop application.

Only the standard library and Qt are imported before the login window shows; the database and
service layers load while the person types their password.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from carelink_desktop import __version__


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="carelink-desktop", description="CareLink Desktop")
    parser.add_argument("--version", action="version", version=f"carelink-desktop {__version__}")
    parser.add_argument("--home", metavar="DIR", help="the home folder to open")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the demo home (created on first use; everyone in it is fictional)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation without a screen (temporary home, encryption, a report) and exit",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.self_test:
        from carelink_desktop.ui.self_test import run_self_test

        return run_self_test()
    from carelink_desktop.ui.platform_check import explain, missing_packages

    missing = missing_packages()
    if missing:
        sys.stderr.write(explain(missing) + "\n")
        return 1
    from carelink_desktop.ui.application import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
