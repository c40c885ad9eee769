"""What each kind of record is called when a sync file is described to a person."""

from __future__ import annotations

#: Table -> (singular, plural), in the care home's words.
KIND_LABELS: dict[str, tuple[str, str]] = {
    "carer_plan": ("carer support plan", "carer support plans"),
    "carer_plan_event": ("carer plan entry", "carer plan entries"),
    "carer_plan_review": ("carer plan review", "carer plan reviews"),
    "concern": ("concern", "concerns"),
    "consent_record": ("consent record", "consent records"),
    "contact_restriction": ("restriction on contact", "restrictions on contact"),
    "feedback": ("feedback entry", "feedback entries"),
    "feedback_answer": ("feedback answer", "feedback answers"),
    "feedback_question": ("feedback question", "feedback questions"),
    "governance_narrative": ("governance narrative", "governance narratives"),
    "home": ("home details", "home details"),
    "home_setting": ("home setting", "home settings"),
    "improvement_action": ("improvement action", "improvement actions"),
    "key_person": ("key person", "key people"),
    "keyworker_change": ("keyworker change", "keyworker changes"),
    "planned_visit": ("planned visit", "planned visits"),
    "relationship": ("relationship", "relationships"),
    "relationship_change": ("relationship change", "relationship changes"),
    "relationship_evaluation": ("relationship evaluation", "relationship evaluations"),
    "relationship_issue": ("relationship issue", "relationship issues"),
    "relationship_type": ("relationship type", "relationship types"),
    "resident": ("resident", "residents"),
    "resident_group": ("group", "groups"),
    "resource_offer": ("resource offered", "resources offered"),
    "site": ("PC or office", "PCs and offices"),
    "staff_account": ("staff account", "staff accounts"),
    "support_resource": ("support resource", "support resources"),
    "visit_follow_up": ("follow-up", "follow-ups"),
    "visit_record": ("contact record", "contact records"),
}


def kind_label(table: str, count: int = 1) -> str:
    singular, plural = KIND_LABELS.get(table, (table.replace("_", " "), table.replace("_", " ") + "s"))
    return singular if count == 1 else plural


def field_label(column: str) -> str:
    """A column name as a person reads it: 'what_matters' -> 'What matters'."""
    words = column.replace("_id", "").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else column
