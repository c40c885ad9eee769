"""Staff roles and what each may do (DESIGN §4)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A staff account's role. Values are stored in the database: never rename them."""

    KEYWORKER = "keyworker"
    SHIFT_LEAD = "shift_lead"
    MANAGER = "manager"

    @property
    def label(self) -> str:
        return {"keyworker": "Keyworker", "shift_lead": "Shift lead", "manager": "Manager"}[self.value]

    @classmethod
    def parse(cls, text: str) -> Role:
        """Accept 'shift lead', 'shift-lead', 'Shift_Lead'..."""
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        try:
            return cls(key)
        except ValueError:
            choices = ", ".join(r.value for r in cls)
            from carelink_desktop.domain.errors import ValidationError

            raise ValidationError({"role": f"Unknown role '{text}'. Choose one of: {choices}."}) from None


class Permission(StrEnum):
    """Actions that are limited by role."""

    MANAGE_ACCOUNTS = "manage_accounts"
    VIEW_AUDIT_LOG = "view_audit_log"
    BACKUP_RESTORE = "backup_restore"
    EDIT_RESIDENTS = "edit_residents"
    EDIT_KEY_PEOPLE = "edit_key_people"
    #: Keep relationship maps: relationships, groups, issues, evaluations, keyworker changes.
    EDIT_RELATIONSHIPS = "edit_relationships"
    ARCHIVE_RECORDS = "archive_records"
    #: See and record restrictions on contact and other safeguarding detail.
    VIEW_SENSITIVE = "view_sensitive"
    PRINT_SHIFT_SUMMARY = "print_shift_summary"
    #: Book and record contact (visits, calls, outings), follow-ups and concerns: everyone on shift.
    RECORD_CONTACT = "record_contact"
    #: Record feedback from residents, key people and professionals: everyone (staff often help
    #: a resident give theirs).
    RECORD_FEEDBACK = "record_feedback"
    #: See the oversight dashboard (shift leads a reduced one, without staff caseloads).
    VIEW_OVERSIGHT = "view_oversight"
    #: Lead practice: the manager's side of concerns and dilemmas, the feedback questions and
    #: analysis, improvement actions, the governance report.
    LEAD_PRACTICE = "lead_practice"
    #: Set up sync between the home's PCs and head office, export and import sync files,
    #: resolve the conflicts they bring.
    RUN_SYNC = "run_sync"


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.KEYWORKER: frozenset(
        {
            Permission.EDIT_RESIDENTS,
            Permission.EDIT_KEY_PEOPLE,
            Permission.EDIT_RELATIONSHIPS,
            Permission.RECORD_CONTACT,
            Permission.RECORD_FEEDBACK,
        }
    ),
    Role.SHIFT_LEAD: frozenset(
        {
            Permission.EDIT_RESIDENTS,
            Permission.EDIT_KEY_PEOPLE,
            Permission.EDIT_RELATIONSHIPS,
            Permission.PRINT_SHIFT_SUMMARY,
            Permission.VIEW_SENSITIVE,
            Permission.RECORD_CONTACT,
            Permission.RECORD_FEEDBACK,
            Permission.VIEW_OVERSIGHT,
        }
    ),
    Role.MANAGER: frozenset(Permission),
}


def may(role: Role, permission: Permission) -> bool:
    """True when ``role`` carries ``permission``."""
    return permission in _GRANTS[role]
