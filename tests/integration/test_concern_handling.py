"""The manager's side of a concern (services.concerns.handle_concern): only managers see or write
it, its rules (a decision needs its reasoning, a dilemma's decision the options weighed, a closed
concern its lessons), the audit entry, the version check, and that the concern's own edits (by
a keyworker, say) never wipe it."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from carelink_desktop.domain.concerns import (
    ConcernDetails,
    ConcernHandling,
    ConcernKind,
    ConcernStatus,
    Severity,
)
from carelink_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from carelink_desktop.domain.roles import Role
from carelink_desktop.services.audit_export import describe_action
from carelink_desktop.services.concerns import CONCERNS, concern_handling, concerns_list, handle_concern
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.resident_records import add_record, change_record, record, remove_record
from carelink_desktop.services.residents import admit_resident
from tests.conftest import resident

TODAY = date(2026, 11, 22)
WEIGHED = "Stop visits: safe, but she loses him.\nSupervised visits: she keeps him, with staff there."


@pytest.fixture
def ws(manager):  # type: ignore[no-untyped-def]
    manager.set_today_for_tests(TODAY)
    return manager


@pytest.fixture
def florence(ws):  # type: ignore[no-untyped-def]
    return admit_resident(ws, resident("Florence", "Thompson", room="7"))


def _raise(ws, resident_id: str, kind: ConcernKind = ConcernKind.CONFLICT, **extra):  # type: ignore[no-untyped-def]
    return add_record(
        ws, CONCERNS, resident_id, ConcernDetails(kind, Severity.LOW, "Argument at the visit", TODAY, **extra)
    )


def _handled(ws, concern_id: str) -> list:  # type: ignore[no-untyped-def, type-arg]
    return [
        e
        for e in audit_entries(ws, limit=None)
        if e.action == "concern_handled" and e.subject_id == concern_id
    ]


def test_a_manager_records_the_handling_and_it_is_audited(ws, florence) -> None:  # type: ignore[no-untyped-def]
    raised = _raise(ws, florence.id)
    assert concern_handling(ws, raised.id) == ConcernHandling(), "empty until someone takes it on"
    handling = ConcernHandling(
        handler="  Amira Khan ",
        advice_sought="Safeguarding team",
        decision="Visits in the lounge for now",
        reasoning="Both sons agreed; Florence prefers the lounge",
        practice_changes="Staff offer the lounge for tense visits",
    )
    saved = handle_concern(ws, raised.id, handling, expected_version=raised.version)
    assert saved.handler == "Amira Khan", "cleaned like every record"
    assert concern_handling(ws, raised.id) == saved
    [entry] = _handled(ws, raised.id)
    assert entry.resident_id == florence.id and entry.subject_type == "concern"
    fields = json.loads(entry.details)["fields"]
    assert set(fields) == {"handler", "advice_sought", "decision", "reasoning", "practice_changes"}
    assert "Florence prefers" not in entry.details, "the log names fields, not their contents"
    assert describe_action("concern_handled") == "Recorded how a concern is handled"

    handle_concern(ws, raised.id, saved)
    assert len(_handled(ws, raised.id)) == 1, "saving it unchanged writes nothing"
    [line] = concerns_list(ws)
    assert line.handler == "Amira Khan"


def test_the_rules_of_the_managers_side(ws, florence) -> None:  # type: ignore[no-untyped-def]
    dilemma = _raise(ws, florence.id, ConcernKind.ETHICAL_DILEMMA)
    with pytest.raises(ValidationError) as refused:
        handle_concern(ws, dilemma.id, ConcernHandling(decision="Supervised visits"))
    assert set(refused.value.errors) == {"reasoning", "options_weighed"}
    assert concern_handling(ws, dilemma.id) == ConcernHandling(), "nothing written"
    assert _handled(ws, dilemma.id) == []
    ok = ConcernHandling(decision="Supervised visits", reasoning="Least restrictive", options_weighed=WEIGHED)
    assert handle_concern(ws, dilemma.id, ok).options_weighed == WEIGHED

    # any other kind needs no options weighed
    conflict = _raise(ws, florence.id)
    handle_concern(ws, conflict.id, ConcernHandling(decision="Meet both sons", reasoning="They both asked"))

    # a closed concern records its lessons
    closed = _raise(
        ws, florence.id, status=ConcernStatus.CLOSED, outcome="Resolved", closed_on=TODAY - timedelta(days=0)
    )
    with pytest.raises(ValidationError) as no_lessons:
        handle_concern(ws, closed.id, ConcernHandling(handler="Amira Khan"))
    assert set(no_lessons.value.errors) == {"lessons"}
    handle_concern(ws, closed.id, ConcernHandling(handler="Amira Khan", lessons="None"))

    with pytest.raises(ValidationError) as too_long:
        handle_concern(ws, conflict.id, ConcernHandling(handler="x" * 121))
    assert set(too_long.value.errors) == {"handler"}


def test_a_stale_version_is_refused(ws, florence) -> None:  # type: ignore[no-untyped-def]
    raised = _raise(ws, florence.id)
    change_record(
        ws,
        CONCERNS,
        raised.id,
        ConcernDetails(ConcernKind.CONFLICT, Severity.LOW, "Argument at the visit", TODAY, actions="Talked"),
    )
    with pytest.raises(ValidationError) as stale:
        handle_concern(ws, raised.id, ConcernHandling(handler="Amira Khan"), expected_version=raised.version)
    assert "version" in stale.value.errors
    assert concern_handling(ws, raised.id) == ConcernHandling()


def test_only_a_manager_sees_or_writes_it(ws, florence, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    raised = _raise(ws, florence.id)
    handle_concern(ws, raised.id, ConcernHandling(handler="Amira Khan", lessons="Listen first"))
    for role, name in ((Role.KEYWORKER, "bea"), (Role.SHIFT_LEAD, "sam")):
        other = staff_workspace(role, name)
        other.set_today_for_tests(TODAY)
        with pytest.raises(PermissionDenied):
            handle_concern(other, raised.id, ConcernHandling(handler="Someone else"))
        with pytest.raises(PermissionDenied):
            concern_handling(other, raised.id)
        assert [c.handler for c in concerns_list(other)] == [""], "the list leaves it out for them"
    assert concern_handling(ws, raised.id).handler == "Amira Khan"


def test_editing_the_concern_keeps_the_handling(ws, florence, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    raised = _raise(ws, florence.id, ConcernKind.ETHICAL_DILEMMA)
    handling = ConcernHandling(
        handler="Amira Khan",
        options_weighed=WEIGHED,
        decision="Supervised visits",
        reasoning="Least restrictive",
    )
    handle_concern(ws, raised.id, handling)
    keyworker = staff_workspace(Role.KEYWORKER, "bea")
    keyworker.set_today_for_tests(TODAY)
    current = record(keyworker, CONCERNS, raised.id)
    change_record(
        keyworker,
        CONCERNS,
        raised.id,
        ConcernDetails(
            ConcernKind.ETHICAL_DILEMMA,
            Severity.MEDIUM,
            "Argument at the visit, and again on the phone",
            TODAY,
            status=ConcernStatus.IN_HAND,
            actions="Spoke to both",
        ),
        expected_version=current.version,
    )
    assert concern_handling(ws, raised.id) == handling
    assert record(ws, CONCERNS, raised.id).details.actions == "Spoke to both"


def test_a_removed_concern_has_no_handling(ws, florence) -> None:  # type: ignore[no-untyped-def]
    raised = _raise(ws, florence.id)
    remove_record(ws, CONCERNS, raised.id)
    with pytest.raises(NotFound):
        concern_handling(ws, raised.id)
    with pytest.raises(NotFound):
        handle_concern(ws, raised.id, ConcernHandling(handler="Amira Khan"))
