"""``carelink report sar``: export everything held about one person (subject access request).

Importing this module loads only the standard library (``carelink --help`` stays quick); the
handler imports the report code when it runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carelink_desktop.cli.runner import Context


def add_sar_parser(report_subparsers: Any) -> None:
    """Add the ``sar`` action to the ``report`` command's subparsers."""
    q: argparse.ArgumentParser = report_subparsers.add_parser(
        "sar",
        help="subject access export: everything held about one person, as PDF and JSON (managers)",
        description=(
            "Write subject-access-<id>.pdf and .json: everything the home holds about one resident "
            "or key person (their right of access under UK GDPR). Other people's names and contact "
            "details are withheld unless --include-third-parties is given."
        ),
    )
    q.add_argument("--user", required=True, metavar="NAME", help="your username")
    q.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (else you are asked)",
    )
    who = q.add_mutually_exclusive_group(required=True)
    who.add_argument("--resident", metavar="ID", help="the resident's id")
    who.add_argument("--person", metavar="ID", help="the key person's id")
    q.add_argument("--out", required=True, metavar="DIR", help="an existing folder for the two files")
    q.add_argument(
        "--paper", choices=["A4", "Letter"], default=None, help="paper size (default: the home's setting)"
    )
    q.add_argument(
        "--include-third-parties",
        action="store_true",
        help="show other people's names and contact details instead of withholding them",
    )
    q.set_defaults(handler="report_sar")


def report_sar(ctx: Context) -> int:
    """Export the files, then say where they are and what was withheld."""
    from carelink_desktop.cli.runner import out
    from carelink_desktop.domain.errors import NotFound, StorageError
    from carelink_desktop.reports.subject_access import export_subject_access
    from carelink_desktop.services.home_settings import home_settings

    a = ctx.args
    folder = Path(a.out).expanduser()
    if not folder.is_dir():  # say so before asking for a password
        raise StorageError(f"The folder {folder} does not exist: nothing was exported.")
    ws = ctx.login()
    try:
        pdf, data = export_subject_access(
            ws,
            folder,
            resident_id=a.resident and a.resident.strip(),
            key_person_id=a.person and a.person.strip(),
            include_third_parties=a.include_third_parties,
            paper=a.paper or home_settings(ws).paper_size,
        )
    except NotFound as exc:
        listing = "residents list --status all --json" if a.resident else "key-people list --json"
        raise NotFound(f"{exc} List the IDs with 'carelink {listing}'.") from None
    finally:
        ws.close()
    out(f"Wrote {pdf}")
    out(f"Wrote {data}")
    if not a.include_third_parties:
        out("Other people's names and contact details were withheld.")
    out("Read both files before handing them over: notes are shown as staff wrote them.")
    return 0


HANDLERS: dict[str, Callable[[Context], int]] = {"report_sar": report_sar}
