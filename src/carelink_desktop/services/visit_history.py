"""Reading contact back: a resident's history page by page, the home's contact in a window of
time (a shift), word search over visit notes, and follow-ups due.

Everything here is read-only and built from a few set-based queries per page (names, concerns and
open follow-ups are fetched for the whole page at once), so a home with ten years of contact pages
as quickly as a new one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, String, column, func, select, text
from sqlalchemy.orm import Session

from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.visits import SEARCHED_SECTIONS, Mood, Supervision, VisitKind
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow, ResidentRow
from carelink_desktop.storage.visit_tables import (
    ConcernRow,
    FollowUpRow,
    VisitRecordRow,
    visit_contact,
)

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class VisitSummary:
    """One contact as a line in a list or a report."""

    id: str
    resident_id: str
    resident_name: str
    room: str
    kind: VisitKind
    starts_at: datetime
    ends_at: datetime | None
    #: "Susan Thompson (daughter), Chaplain".
    people: str
    supervision: Supervision
    mood_before: Mood | None
    mood_after: Mood | None
    observations: str
    #: Concerns raised from this contact.
    concerns: int
    #: Follow-ups not yet done.
    open_follow_ups: int
    restriction_acknowledged: bool


@dataclass(frozen=True)
class VisitPage:
    items: tuple[VisitSummary, ...]
    #: How many contacts match the filters in all.
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class HistoryFilter:
    """Filters of a resident's contact history (empty: everything)."""

    start: date | None = None
    end: date | None = None
    relationship_id: str | None = None
    kinds: frozenset[VisitKind] = frozenset()
    #: Words that must all appear in the notes (word search).
    words: str = ""


@dataclass(frozen=True)
class SearchHit:
    summary: VisitSummary
    #: The matching words in context, marked [like this].
    snippet: str


@dataclass(frozen=True)
class FollowUpView:
    id: str
    visit_id: str
    resident_id: str
    resident_name: str
    action: str
    owner: str
    due_on: date
    done_on: date | None

    def overdue(self, today: date) -> bool:
        return self.done_on is None and self.due_on < today


def visit_history(
    ws: Workspace, resident_id: str, filters: HistoryFilter | None = None, *, offset: int = 0, limit: int = 50
) -> VisitPage:
    """One page of a resident's contact, newest first."""
    filters = filters or HistoryFilter()
    with ws.read() as session:
        base = _filtered(select(VisitRecordRow.id), resident_id, filters)
        if base is None:
            return VisitPage((), 0, offset, limit)
        total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
        # The page's ids come from the history index alone (resident, deleted, start, id), so
        # skipping to a deep page reads no visit rows; only the page's rows are then loaded.
        newest_first = (VisitRecordRow.starts_at.desc(), VisitRecordRow.id.desc())
        ids = session.scalars(base.order_by(*newest_first).offset(offset).limit(limit)).all()
        rows = session.scalars(
            select(VisitRecordRow).where(VisitRecordRow.id.in_(ids)).order_by(*newest_first)
        ).all()
        return VisitPage(tuple(summaries(session, rows)), total, offset, limit)


def visits_between(ws: Workspace, start: datetime, end: datetime) -> list[VisitSummary]:
    """The whole home's contact starting in [start, end), earliest first."""
    with ws.read() as session:
        return visit_rows_between(session, start, end)


def visit_rows_between(session: Session, start: datetime, end: datetime) -> list[VisitSummary]:
    rows = session.scalars(
        select(VisitRecordRow)
        .where(
            VisitRecordRow.deleted.is_(False),
            VisitRecordRow.starts_at >= start,
            VisitRecordRow.starts_at < end,
        )
        .order_by(VisitRecordRow.starts_at, VisitRecordRow.id)
    ).all()
    return summaries(session, rows)


def search_visits(
    ws: Workspace, words: str, *, resident_id: str | None = None, limit: int = 50
) -> list[SearchHit]:
    """Contacts whose notes hold every word (a word may be the start of a longer one), newest
    first, with the words shown in context."""
    match = fts_query(words)
    if not match:
        return []
    with ws.read() as session:
        found = _newest_matches(session, match, resident_id, limit)
        rows = {r.id: r for r in session.scalars(select(VisitRecordRow).where(VisitRecordRow.id.in_(found)))}
        ordered = [rows[i] for i in found if i in rows]
        by_id = {s.id: s for s in summaries(session, ordered)}
        return [SearchHit(by_id[r.id], snippet(searched_text(r), words)) for r in ordered if r.id in by_id]


#: Below this many matches across the home, sorting the matches is quicker than walking the home's
#: contact newest first until enough are found (measured on 250,000 contacts).
_FEW_MATCHES = 5000


def _newest_matches(session: Session, match: str, resident_id: str | None, limit: int) -> list[str]:
    """Ids of the newest ``limit`` visits matching ``match``. ``visit_text_key`` holds each visit's
    resident and start time (migration 0006), so common words are found by walking its index
    newest first and stopping at ``limit``; the unary ``+`` stops SQLite from driving the walk
    from the word index instead."""
    # built from constant pieces; the words are a bound parameter
    walk = (
        "SELECT k.visit_id FROM visit_text_key k WHERE "  # noqa: S608
        + ("k.resident_id = :resident AND " if resident_id else "")
        + "+k.n IN (SELECT rowid FROM visit_text WHERE visit_text MATCH :match) "
        "ORDER BY k.starts_at DESC LIMIT :limit"
    )
    if resident_id is None:
        count = session.scalar(
            text("SELECT count(*) FROM visit_text WHERE visit_text MATCH :match"), {"match": match}
        )
        if (count or 0) <= _FEW_MATCHES:
            walk = (
                "SELECT k.visit_id FROM visit_text JOIN visit_text_key k ON k.n = visit_text.rowid "
                "WHERE visit_text MATCH :match ORDER BY k.starts_at DESC LIMIT :limit"
            )
    params = {"match": match, "resident": resident_id, "limit": limit}
    return [str(r[0]) for r in session.execute(text(walk), params)]


def searched_text(row: VisitRecordRow) -> str:
    """The text of a visit that the word search covers, in the order the index holds it."""
    return " ".join(str(getattr(row, c) or "") for c in SEARCHED_SECTIONS).strip()


def snippet(body: str, words: str, *, width: int = 12) -> str:
    """The first matching words of ``body`` in context, marked [like this], about ``width`` words
    long, with … where the text goes on."""
    wanted = [_fold(t) for t in _WORD.findall(words)]
    tokens = list(_WORD.finditer(body))
    if not tokens:
        return ""

    def hit(token: re.Match[str]) -> bool:
        folded = _fold(token.group())
        return any(folded.startswith(w) for w in wanted)

    first = next((i for i, t in enumerate(tokens) if hit(t)), 0)
    start = max(0, first - width // 3)
    end = min(len(tokens), start + width)
    parts: list[str] = []
    position = tokens[start].start()
    for token in tokens[start:end]:
        parts.append(body[position : token.start()])
        parts.append(f"[{token.group()}]" if hit(token) else token.group())
        position = token.end()
    text_ = " ".join("".join(parts).split())
    return ("…" if start > 0 else "") + text_ + ("…" if end < len(tokens) else "")


def _fold(word: str) -> str:
    """A word as the index compares it: case and accents ignored."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fts_query(words: str) -> str:
    """An FTS5 query for typed words: each must appear, as a word or the start of one. Quotes
    and operators typed by staff are treated as plain text."""
    tokens = _WORD.findall(words)
    return " ".join(f'"{t}"*' for t in tokens[:12])


def follow_ups_due(ws: Workspace, by: date, *, resident_id: str | None = None) -> list[FollowUpView]:
    """Follow-ups not done and due on or before ``by`` (overdue first)."""
    with ws.read() as session:
        return follow_up_rows(session, by, resident_id=resident_id)


def follow_up_rows(session: Session, by: date, *, resident_id: str | None = None) -> list[FollowUpView]:
    query = select(FollowUpRow).where(
        FollowUpRow.deleted.is_(False), FollowUpRow.done_on.is_(None), FollowUpRow.due_on <= by
    )
    if resident_id is not None:
        query = query.where(FollowUpRow.resident_id == resident_id)
    rows = session.scalars(query.order_by(FollowUpRow.due_on, FollowUpRow.id)).all()
    names = _resident_names(session, {r.resident_id for r in rows})
    return [
        FollowUpView(
            r.id,
            r.visit_id,
            r.resident_id,
            names.get(r.resident_id, ("", ""))[0],
            r.action,
            r.owner,
            r.due_on,
            r.done_on,
        )
        for r in rows
    ]


def summaries(session: Session, rows: Sequence[VisitRecordRow]) -> list[VisitSummary]:
    """Summaries of visit rows, with names and counts fetched in one query each."""
    if not rows:
        return []
    ids = [r.id for r in rows]
    names = _resident_names(session, {r.resident_id for r in rows})
    people = people_names(session, {rid for r in rows for rid in r.relationship_ids})
    concerns = dict(
        session.execute(
            select(ConcernRow.visit_id, func.count())
            .where(ConcernRow.visit_id.in_(ids), ConcernRow.deleted.is_(False))
            .group_by(ConcernRow.visit_id)
        ).all()
    )
    open_follow_ups = dict(
        session.execute(
            select(FollowUpRow.visit_id, func.count())
            .where(
                FollowUpRow.visit_id.in_(ids), FollowUpRow.deleted.is_(False), FollowUpRow.done_on.is_(None)
            )
            .group_by(FollowUpRow.visit_id)
        ).all()
    )
    result = []
    for r in rows:
        who = [people[rid] for rid in r.relationship_ids if rid in people]
        if r.other_participants:
            who.append(r.other_participants)
        name, room = names.get(r.resident_id, ("", ""))
        result.append(
            VisitSummary(
                id=r.id,
                resident_id=r.resident_id,
                resident_name=name,
                room=room,
                kind=VisitKind(r.kind),
                starts_at=r.starts_at,
                ends_at=r.ends_at,
                people=", ".join(who),
                supervision=Supervision(r.supervision),
                mood_before=Mood(r.mood_before) if r.mood_before else None,
                mood_after=Mood(r.mood_after) if r.mood_after else None,
                observations=r.observations,
                concerns=concerns.get(r.id, 0),
                open_follow_ups=open_follow_ups.get(r.id, 0),
                restriction_acknowledged=r.restriction_acknowledged,
            )
        )
    return result


def _filtered(query: Select, resident_id: str, f: HistoryFilter) -> Select | None:  # type: ignore[type-arg]
    query = query.where(VisitRecordRow.resident_id == resident_id, VisitRecordRow.deleted.is_(False))
    if f.start is not None:
        query = query.where(VisitRecordRow.starts_at >= datetime.combine(f.start, datetime.min.time()))
    if f.end is not None:
        query = query.where(VisitRecordRow.starts_at < datetime.combine(f.end, datetime.max.time()))
    if f.kinds:
        query = query.where(VisitRecordRow.kind.in_([k.value for k in f.kinds]))
    if f.relationship_id is not None:
        query = query.where(
            VisitRecordRow.id.in_(
                select(visit_contact.c.visit_id).where(visit_contact.c.relationship_id == f.relationship_id)
            )
        )
    if f.words.strip():
        match = fts_query(f.words)
        if not match:
            return None
        # The resident's own visits, each checked against the matches (see _newest_matches).
        matching = (
            text(
                "SELECT k.visit_id FROM visit_text_key k WHERE k.resident_id = :resident AND "
                "+k.n IN (SELECT rowid FROM visit_text WHERE visit_text MATCH :match)"
            )
            .bindparams(match=match, resident=resident_id)
            .columns(column("visit_id", String))
        )
        query = query.where(VisitRecordRow.id.in_(matching))
    return query


def _resident_names(session: Session, ids: set[str]) -> dict[str, tuple[str, str]]:
    if not ids:
        return {}
    rows = session.scalars(select(ResidentRow).where(ResidentRow.id.in_(ids))).all()
    return {r.id: (resident_name(r), r.room) for r in rows}


def people_names(session: Session, relationship_ids: set[str]) -> dict[str, str]:
    """Relationship id -> 'Susan Thompson (daughter)', in one query."""
    if not relationship_ids:
        return {}
    rows = session.execute(
        select(
            RelationshipRow.id,
            RelationshipRow.relationship,
            KeyPersonRow.given_names,
            KeyPersonRow.family_name,
        )
        .join(KeyPersonRow, KeyPersonRow.id == RelationshipRow.key_person_id)
        .where(RelationshipRow.id.in_(relationship_ids))
    ).all()
    result = {}
    for r in rows:
        name = person_name(r)
        result[r.id] = f"{name} ({r.relationship.lower()})" if r.relationship else name
    return result
