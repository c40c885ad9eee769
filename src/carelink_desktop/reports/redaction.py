"""What each redaction lets a report show. Every builder asks here rather than deciding itself.

* INTERNAL: everything the viewer may see.
* FAMILY: for the resident's family. Other people are reduced to their names and how they are
  related (no phone numbers, emails or addresses); no staff notes, no safeguarding or
  restriction details, no best-interests or capacity reasoning.
* PROFESSIONAL: for an inspector or another professional. Everything is shown, and free text that
  may hold sensitive detail is marked as such on the page.
"""

from __future__ import annotations

from carelink_desktop.reports.document import Redaction


def shows_third_party_details(redaction: Redaction) -> bool:
    """Phone numbers, emails, addresses and other details of people other than the resident."""
    return redaction not in (Redaction.FAMILY, Redaction.SUBJECT)


def shows_sensitive(redaction: Redaction) -> bool:
    """Free text that may hold sensitive detail (staff notes, capacity and best-interests notes)."""
    return redaction is not Redaction.FAMILY


def marks_sensitive(redaction: Redaction) -> bool:
    """Sensitive free text is shown with a visible "Sensitive" marker."""
    return redaction is Redaction.PROFESSIONAL


def shows_staff_notes(redaction: Redaction) -> bool:
    """Notes staff wrote about the resident (never shown to the family)."""
    return shows_sensitive(redaction)


def shows_safeguarding(redaction: Redaction) -> bool:
    """Safeguarding concerns and restrictions on contact."""
    return redaction is not Redaction.FAMILY


def redaction_notice(redaction: Redaction) -> str:
    """A sentence for the top of a redacted report saying what was left out, or "" for none."""
    if redaction is Redaction.FAMILY:
        return (
            "This copy is for the family: other people's contact details, staff notes and "
            "safeguarding details are left out."
        )
    if redaction is Redaction.SUBJECT:
        return (
            "This copy is for the person it is about: everything held about them, with other "
            "people's details withheld."
        )
    if redaction is Redaction.PROFESSIONAL:
        return (
            "Free text that may hold sensitive detail is marked \u201cSensitive\u201d: "
            "share it only as the law allows."
        )
    return ""


def parse_redaction(text: str) -> Redaction:
    """'family', 'Family', ' FAMILY ' → Redaction.FAMILY; ValueError naming the choices otherwise."""
    try:
        return Redaction(text.strip().lower())
    except ValueError:
        choices = ", ".join(r.value for r in Redaction)
        raise ValueError(f"Unknown redaction '{text}': choose one of {choices}.") from None
