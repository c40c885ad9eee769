"""Arguments of the ``carelink`` command (standard library only)."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from carelink_desktop import __version__
from carelink_desktop.cli.commands_sar import add_sar_parser
from carelink_desktop.cli.commands_sync import add_sync_parsers
from carelink_desktop.cli.commands_visits import add_visit_parsers, add_visit_reports, parse_day
from carelink_desktop.domain.carer_plans import PlanStatus

USAGE_ERROR = 64  # EX_USAGE: 2 is kept for a wrong user or password


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(USAGE_ERROR, f"carelink: {message}\n")


def _person(p: argparse.ArgumentParser, *, required: bool = True) -> None:
    p.add_argument("--user", required=required, metavar="NAME", help="your username")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (else you are asked)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="carelink",
        description="CareLink Desktop from the command line: set up, check and back up a home.",
        epilog="The home folder is --home, else $CARELINK_HOME, else your user data folder.",
    )
    parser.add_argument("--version", action="version", version=f"carelink {__version__}")
    parser.add_argument("--home", metavar="DIR", help="the home folder")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)

    p = sub.add_parser("init", help="create a new encrypted home with its first manager")
    p.add_argument("--home-name", required=True, metavar="NAME", help="the care home's name")
    p.add_argument("--manager", required=True, metavar="USER", help="the first manager's username")
    p.add_argument("--manager-name", required=True, metavar="FULL NAME", help="their full name")
    p.add_argument("--password-stdin", action="store_true", help="read the manager's password from stdin")
    p.add_argument(
        "--recovery-key-file",
        metavar="PATH",
        help="write the recovery key to this file instead of showing it",
    )
    p.set_defaults(handler="init")

    p = sub.add_parser("demo", help="create a demo home full of fictional people (manager: demo)")
    p.add_argument("--password-stdin", action="store_true", help="read the demo password from stdin")
    p.add_argument("--residents", type=int, default=24, help="how many residents (default 24)")
    p.add_argument(
        "--second-pc",
        metavar="DIR",
        help="also set up DIR as a second PC of the demo home, enrolled for sync, to try export and "
        "import (the demo home in --home is made first if there is none; log in to both as 'demo')",
    )
    p.set_defaults(handler="demo")

    p = sub.add_parser("verify", help="check encryption settings, integrity and the audit trail")
    _person(p)
    p.set_defaults(handler="verify")

    p = sub.add_parser("residents", help="residents of the home")
    rsub = p.add_subparsers(title="actions", metavar="ACTION", parser_class=Parser, required=True)
    q = rsub.add_parser("list", help="list residents")
    _person(q)
    q.add_argument("--search", default="", metavar="TEXT", help="part of a name, room or NHS number")
    q.add_argument("--status", default="current", choices=["current", "discharged", "all", "archived"])
    q.add_argument("--json", action="store_true", help="print JSON instead of a table")
    q.set_defaults(handler="residents_list")

    p = sub.add_parser("key-people", help="key people (family, friends, carers)")
    ksub = p.add_subparsers(title="actions", metavar="ACTION", parser_class=Parser, required=True)
    q = ksub.add_parser("list", help="list key people")
    _person(q)
    q.add_argument("--search", default="", metavar="TEXT")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler="key_people_list")

    p = sub.add_parser("relationships", help="a resident's relationships (their relationship map)")
    lsub = p.add_subparsers(title="actions", metavar="ACTION", parser_class=Parser, required=True)
    q = lsub.add_parser("list", help="list a resident's relationships, current and ended")
    _person(q)
    q.add_argument(
        "--resident", required=True, metavar="ID", help="the resident's ID (see residents list --json)"
    )
    q.add_argument("--json", action="store_true", help="print JSON instead of a table")
    q.set_defaults(handler="relationships_list")

    p = sub.add_parser("plans", help="carer support plans (the partnership with unpaid carers)")
    psub = p.add_subparsers(title="actions", metavar="ACTION", parser_class=Parser, required=True)
    q = psub.add_parser("list", help="list carer support plans, soonest review first")
    _person(q)
    q.add_argument(
        "--status", choices=[s.value for s in PlanStatus], default=None, help="only plans in this state"
    )
    q.add_argument("--resident", metavar="ID", default=None, help="only this resident's plans")
    q.add_argument("--json", action="store_true", help="print JSON instead of a table")
    q.set_defaults(handler="plans_list")

    add_visit_parsers(sub)

    p = sub.add_parser("users", help="staff accounts (managers only)")
    usub = p.add_subparsers(title="actions", metavar="ACTION", parser_class=Parser, required=True)
    q = usub.add_parser("list", help="list staff accounts")
    _person(q)
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler="users_list")
    q = usub.add_parser("add", help="add an account (a temporary password is shown once)")
    _person(q)
    q.add_argument("--username", required=True)
    q.add_argument("--full-name", required=True)
    q.add_argument("--role", required=True, help="keyworker, shift-lead or manager")
    q.add_argument(
        "--new-password-stdin",
        action="store_true",
        help="read the new account's password from the next line of stdin",
    )
    q.set_defaults(handler="users_add")
    q = usub.add_parser("deactivate", help="switch an account off")
    _person(q)
    q.add_argument("username")
    q.set_defaults(handler="users_deactivate")
    q = usub.add_parser("reset-password", help="give an account a temporary password")
    _person(q)
    q.add_argument("username")
    q.add_argument("--new-password-stdin", action="store_true")
    q.set_defaults(handler="users_reset_password")
    q = usub.add_parser("set-role", help="change an account's role")
    _person(q)
    q.add_argument("username")
    q.add_argument("role")
    q.set_defaults(handler="users_set_role")

    p = sub.add_parser("passwd", help="change your own password")
    _person(p)
    p.add_argument(
        "--new-password-stdin", action="store_true", help="read the new password from the next line of stdin"
    )
    p.set_defaults(handler="passwd")

    p = sub.add_parser("recover", help="set a new password with the recovery key")
    p.add_argument("--user", required=True, metavar="NAME", help="the account to get back into")
    p.add_argument("--recovery-key-file", metavar="PATH", help="file holding the recovery key")
    p.add_argument("--password-stdin", action="store_true", help="read the new password from stdin")
    p.set_defaults(handler="recover")

    p = sub.add_parser("backup", help="write an encrypted backup of the home (managers)")
    _person(p)
    p.add_argument("--to", required=True, metavar="FILE")
    p.set_defaults(handler="backup")

    p = sub.add_parser("restore", help="replace the home with a backup (managers)")
    _person(p)
    p.add_argument("--from", dest="source", required=True, metavar="FILE")
    p.set_defaults(handler="restore")

    add_sar_parser(add_report_commands(sub))
    add_sync_parsers(sub)

    p = sub.add_parser("audit", help="read the audit log (managers)")
    _person(p)
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler="audit")
    return parser


def add_report_commands(
    sub: argparse._SubParsersAction[Parser],
) -> argparse._SubParsersAction[Parser]:
    """The ``report`` command and its actions; returns its subparsers so more can be added."""
    p = sub.add_parser("report", help="confidential reports as PDF (every export is audited)")
    reports = p.add_subparsers(title="reports", metavar="REPORT", parser_class=Parser, required=True)

    q = reports.add_parser("face-sheet", help="a resident's one-page face sheet")
    _person(q)
    q.add_argument(
        "--resident", required=True, metavar="ID", help="the resident's ID (see residents list --json)"
    )
    _report_output(q)
    q.set_defaults(handler="report_face_sheet")

    q = reports.add_parser(
        "relationship-profile",
        help="a resident's relationship map: the circle, key people, groups, issues, evaluations",
    )
    _person(q)
    q.add_argument(
        "--resident", required=True, metavar="ID", help="the resident's ID (see residents list --json)"
    )
    _report_output(q)
    q.set_defaults(handler="report_relationship_profile")

    q = reports.add_parser(
        "carer-plan", help="a carer support plan, written for the carer, with lines to sign"
    )
    _person(q)
    q.add_argument("--plan", required=True, metavar="ID", help="the plan's ID (see plans list --json)")
    _report_output(q)
    q.set_defaults(handler="report_carer_plan")

    q = reports.add_parser("carer-plan-review", help="one review of a carer support plan")
    _person(q)
    q.add_argument("--plan", required=True, metavar="ID", help="the plan's ID (see plans list --json)")
    q.add_argument("--review", metavar="ID", default=None, help="the review's ID (default: the latest)")
    _report_output(q)
    q.set_defaults(handler="report_carer_plan_review")

    add_visit_reports(reports)
    _governance_report(reports)

    # -- more reports go here, each with its own add_parser(...) on ``reports`` --------------
    return reports


def _governance_report(reports: argparse._SubParsersAction[Parser]) -> None:
    q = reports.add_parser(
        "governance",
        help="the governance report for a period: contact figures and charts, feedback, concerns and "
        "dilemmas, good practice, improvement actions (managers; anonymised unless --named)",
    )
    _person(q)
    for flag, dest, what in (("--from", "from_day", "first"), ("--to", "to_day", "last")):
        q.add_argument(
            flag,
            dest=dest,
            type=parse_day,
            required=True,
            metavar="DATE",
            help=f"the {what} day of the period (yyyy-mm-dd or dd/mm/yyyy)",
        )
    q.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    q.add_argument(
        "--named",
        action="store_true",
        help="name residents and key people (for use inside the home only); by default residents are "
        "Resident A, B... and names in free text are replaced by [name]",
    )
    q.add_argument(
        "--paper", choices=["A4", "Letter"], default=None, help="paper size (default: the home's setting)"
    )
    q.set_defaults(handler="report_governance", redaction="professional")


def _report_output(p: argparse.ArgumentParser) -> None:
    """--out, --redaction and --paper, the same for every report."""
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument(
        "--redaction",
        default="internal",
        choices=["internal", "family", "professional"],
        help="internal (default): everything; family: no third-party contact details or staff notes; "
        "professional: sensitive free text marked",
    )
    p.add_argument(
        "--paper", choices=["A4", "Letter"], default=None, help="paper size (default: the home's setting)"
    )
