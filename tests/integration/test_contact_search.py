"""Word search over visit notes: both ways of finding the newest matches give the same answer,
the snippets show the words in context, and migration 0006 fills the search key of a home that
already holds contact."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import text

from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import Category, RelationshipDetails
from carelink_desktop.domain.visits import VisitDetails, VisitKind
from carelink_desktop.services import visit_history
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.visit_history import HistoryFilter, search_visits, snippet
from carelink_desktop.services.visits import change_visit, record_visit, remove_visit
from carelink_desktop.storage import migrate
from carelink_desktop.storage.engine import writer
from tests.conftest import resident

TODAY = date(2026, 11, 22)


def at(day: date, hh: int = 10) -> datetime:
    return datetime.combine(day, time(hh))


@pytest.fixture
def two_residents(manager):  # type: ignore[no-untyped-def]
    manager.set_today_for_tests(TODAY)
    ids = []
    for given in ("Florence", "Albert"):
        who = admit_resident(manager, resident(given, "Search", admission_date=date(2025, 1, 6)))
        person = add_key_person(manager, KeyPersonDetails("Kin", given))
        rel = relate(manager, who.id, person.id, RelationshipDetails("son", Category.FAMILY))
        ids.append((who.id, rel.id))
    return manager, ids


def _fill(ws, ids) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Twenty days of contact for each resident; tea on even days. Returns visit id -> note."""
    notes = {}
    for day in range(20):
        for hour, (resident_id, rel_id) in zip((10, 14), ids, strict=True):
            note = f"Day {day}: " + ("shared a pot of tea in the garden" if day % 2 == 0 else "a walk")
            when = at(TODAY - timedelta(days=day), hour)
            details = VisitDetails(VisitKind.VISIT, when, (rel_id,), observations=note)
            saved = record_visit(ws, resident_id, details)
            notes[saved.id] = note
    return notes


@pytest.mark.parametrize("few_matches", [0, 10_000], ids=["walk newest first", "sort the matches"])
def test_both_ways_of_searching_find_the_newest_matches(two_residents, monkeypatch, few_matches) -> None:  # type: ignore[no-untyped-def]
    ws, ids = two_residents
    _fill(ws, ids)
    monkeypatch.setattr(visit_history, "_FEW_MATCHES", few_matches)
    hits = search_visits(ws, "TEA", limit=5)
    assert [h.summary.observations[:6] for h in hits] == ["Day 0:", "Day 0:", "Day 2:", "Day 2:", "Day 4:"]
    assert [h.summary.starts_at for h in hits] == sorted((h.summary.starts_at for h in hits), reverse=True)
    florence, _ = ids[0]
    mine = search_visits(ws, "tea", resident_id=florence, limit=50)
    assert len(mine) == 10 and {h.summary.resident_id for h in mine} == {florence}
    assert search_visits(ws, "nothing-like-it") == []


def test_edited_and_removed_visits_move_in_the_search(two_residents) -> None:  # type: ignore[no-untyped-def]
    ws, ids = two_residents
    notes = _fill(ws, ids)
    florence, rel = ids[0]
    oldest = next(i for i, note in notes.items() if note.startswith("Day 18") and "tea" in note)
    # the oldest tea visit, moved to this evening, becomes the newest
    change_visit(ws, oldest, VisitDetails(VisitKind.VISIT, at(TODAY, 18), (rel,), observations="Late tea"))
    first = search_visits(ws, "tea", resident_id=florence, limit=1)
    assert [h.summary.id for h in first] == [oldest]
    page = visit_history.visit_history(ws, florence, HistoryFilter(words="tea"), limit=1)
    assert page.items[0].id == oldest
    remove_visit(ws, oldest)
    assert oldest not in {h.summary.id for h in search_visits(ws, "tea", limit=100)}
    assert visit_history.visit_history(ws, florence, HistoryFilter(words="tea")).total == 9


def test_snippets_mark_the_words_in_context() -> None:
    body = "We walked to the café and Florence ordered a pot of tea with scones, then talked about Wales"
    assert snippet(body, "cafe") == "We walked to the [café] and Florence ordered a pot of tea…"
    assert snippet(body, "tea sco") == "…ordered a pot of [tea] with [scones], then talked about Wales"
    assert snippet("Short note 😀 with tea", "TEA") == "Short note 😀 with [tea]"
    assert snippet("", "tea") == ""


def test_migration_0006_fills_the_search_key_of_existing_contact(two_residents) -> None:  # type: ignore[no-untyped-def]
    ws, ids = two_residents
    _fill(ws, ids)
    engine = ws.store.engine
    from alembic import command

    cfg = migrate._config()
    with writer(engine).begin() as conn:
        cfg.attributes["connection"] = conn  # type: ignore[attr-defined]
        command.downgrade(cfg, "0005")  # type: ignore[arg-type]
        columns = {r[1] for r in conn.execute(text("PRAGMA table_info(visit_text_key)"))}
        assert columns == {"n", "visit_id"}
    migrate.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT count(*) FROM visit_text_key k JOIN visit_record v ON v.id = k.visit_id "
                "WHERE k.resident_id = v.resident_id AND k.starts_at = v.starts_at"
            )
        ).scalar()
    assert rows == 40
    assert len(search_visits(ws, "tea", resident_id=ids[1][0], limit=50)) == 10
