"""``carelink relationships list``: a resident's relationships, as a table or as JSON.

The JSON keys are stable (scripts and head office read them): one object per relationship,
current first (closest circle first), then the ended ones, with enum values as stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from carelink_desktop.cli.commands_records import _json, _table
from carelink_desktop.cli.runner import Context, out, unknown_resident

if TYPE_CHECKING:
    from carelink_desktop.services.relationships import RelationshipView


def relationship_json(r: RelationshipView) -> dict[str, Any]:
    """One relationship with the keys ``relationships list --json`` promises."""
    d = r.details
    return {
        "relationship_id": r.id,
        "key_person_id": r.key_person_id,
        "key_person_name": r.key_person_name,
        "relationship": d.relationship,
        "reverse_relationship": d.reverse_relationship,
        "category": d.category.value,
        "circle": d.circle,
        "quality": d.quality.value,
        "next_of_kin": d.next_of_kin,
        "primary_next_of_kin": d.primary_next_of_kin,
        "attorney_powers": [p.value for p in d.attorney_powers],
        "essential_care_supporter": d.essential_care_supporter,
        "contact_wishes": [
            {"method": w.method.value, "frequency": w.frequency.value, "notes": w.notes}
            for w in d.contact_wishes
        ],
        "started_on": d.started_on,
        "ended_on": d.ended_on,
        "restricted": r.restricted,
    }


def relationships_list(ctx: Context) -> int:
    from carelink_desktop.domain.dates import format_uk_date
    from carelink_desktop.domain.errors import NotFound
    from carelink_desktop.domain.relationships import marks
    from carelink_desktop.services.relationship_history import as_text
    from carelink_desktop.services.relationship_map import relationship_map

    resident_id = str(ctx.args.resident).strip()
    ws = ctx.login()
    try:
        try:
            the_map = relationship_map(ws, resident_id)
        except NotFound:
            raise unknown_resident(resident_id) from None
    finally:
        ws.close()
    found = [*the_map.current, *the_map.ended]
    if ctx.args.json:
        _json([relationship_json(r) for r in found])
        return 0
    _table(
        ["Name", "Relationship", "Circle", "How it is going", "Keeps in touch", "Marks", "Ended"],
        [
            [
                r.key_person_name,
                r.details.relationship,
                str(r.details.circle),
                r.details.quality.label,
                as_text(r.details.contact_wishes),
                ", ".join(marks(r.details, restricted=r.restricted)),
                format_uk_date(r.details.ended_on),
            ]
            for r in found
        ],
    )
    current = len(the_map.current)
    out(
        f"{the_map.resident_name}: {current} {'person' if current == 1 else 'people'} on the map"
        + (f", {len(the_map.ended)} ended" if the_map.ended else "")
    )
    return 0


HANDLERS = {
    "relationships_list": relationships_list,
}
