"""The ``carelink`` command. Importing this module loads only the standard library, so that
``carelink --help`` answers at once; each command imports what it needs when it runs."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from carelink_desktop.cli.parser import build_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors become one line on stderr and a non-zero exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    from carelink_desktop.cli.runner import run

    return run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
