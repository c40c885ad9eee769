"""Qt table models over the relationship map's read models: people, groups, issues, evaluations,
restrictions, keyworker changes and the map's history. Thin adapters: each says its columns and
the text of each cell; ``ReadModelTable`` does the rest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from carelink_desktop.domain.dates import format_uk_date, format_uk_datetime
from carelink_desktop.domain.isolation import SignalLevel
from carelink_desktop.domain.relationships import marks
from carelink_desktop.services.relationship_history import ChangeView, as_text
from carelink_desktop.services.relationship_map import RelationshipMap, RelationshipSignal
from carelink_desktop.services.relationships import RelationshipView
from carelink_desktop.ui.table_model import ReadModelTable


def _tr(text: str) -> str:
    return QCoreApplication.translate("RelationshipMap", text)


def keeps_in_touch(view: RelationshipView) -> str:
    """'Visits: every week; Phone calls: every day' (or an empty string)."""
    return as_text(view.details.contact_wishes)


def signal_text(signal: RelationshipSignal | None, *, contact_recorded: bool) -> str:
    if signal is None or signal.level is SignalLevel.NO_WISH:
        return ""
    if not contact_recorded:
        return SignalLevel.NO_DATA.label
    return signal.level.label


class MapEntriesModel(ReadModelTable):
    """One kind of entry on a relationship map (``entries``); ``the_map`` names the people in them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.the_map: RelationshipMap | None = None

    def set_map(self, the_map: RelationshipMap) -> None:
        self.the_map = the_map
        self.set_rows(self.entries(the_map))

    def entries(self, the_map: RelationshipMap) -> Sequence[Any]:
        raise NotImplementedError


class RelationshipsModel(MapEntriesModel):
    """The people on the map (current first, then ended), with marks and the isolation signal."""

    HEADERS = (
        QT_TRANSLATE_NOOP("RelationshipsModel", "Name"),
        QT_TRANSLATE_NOOP("RelationshipsModel", "Relationship"),
        QT_TRANSLATE_NOOP("RelationshipsModel", "Circle"),
        QT_TRANSLATE_NOOP("RelationshipsModel", "How it is going"),
        QT_TRANSLATE_NOOP("RelationshipsModel", "Keeps in touch"),
        QT_TRANSLATE_NOOP("RelationshipsModel", "Contact against wishes"),
        QT_TRANSLATE_NOOP("RelationshipsModel", "Marks"),
    )

    def entries(self, the_map: RelationshipMap) -> Sequence[Any]:
        return the_map.relationships

    def cells(self, item: Any) -> tuple[str, ...]:
        view: RelationshipView = item
        d = view.details
        signal = self.the_map.signals.get(view.id) if self.the_map else None
        recorded = bool(self.the_map and self.the_map.contact_recorded)
        ended = _tr("Ended {date}").format(date=format_uk_date(d.ended_on)) if d.ended_on else ""
        return (
            view.key_person_name,
            d.relationship,
            ended or str(d.circle),
            d.quality.label,
            keeps_in_touch(view),
            "" if ended else signal_text(signal, contact_recorded=recorded),
            " · ".join(marks(d, restricted=view.restricted)),
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        view: RelationshipView = item
        if role == Qt.ItemDataRole.ToolTipRole and column == 5 and self.the_map:
            signal = self.the_map.signals.get(view.id)
            if signal and self.the_map.contact_recorded:
                return "\n".join(w.text(self.the_map.today) for w in signal.wishes)
        if role == Qt.ItemDataRole.ForegroundRole and view.ended:
            from PySide6.QtGui import QPalette
            from PySide6.QtWidgets import QApplication

            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None


class GroupsModel(ReadModelTable):
    HEADERS = (
        QT_TRANSLATE_NOOP("GroupsModel", "Group"),
        QT_TRANSLATE_NOOP("GroupsModel", "Kind"),
        QT_TRANSLATE_NOOP("GroupsModel", "How they take part"),
        QT_TRANSLATE_NOOP("GroupsModel", "Support needed"),
        QT_TRANSLATE_NOOP("GroupsModel", "Left"),
    )

    def cells(self, item: Any) -> tuple[str, ...]:
        d = item.details
        return (d.name, d.kind.label, d.how_they_take_part, d.support_needed, format_uk_date(d.ended_on))


class IssuesModel(MapEntriesModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("IssuesModel", "Issue"),
        QT_TRANSLATE_NOOP("IssuesModel", "Kind"),
        QT_TRANSLATE_NOOP("IssuesModel", "Raised"),
        QT_TRANSLATE_NOOP("IssuesModel", "People involved"),
        QT_TRANSLATE_NOOP("IssuesModel", "Status"),
    )

    def entries(self, the_map: RelationshipMap) -> Sequence[Any]:
        return sorted(the_map.issues, key=lambda i: not i.details.status.is_open)

    def cells(self, item: Any) -> tuple[str, ...]:
        d = item.details
        people = ", ".join(self.the_map.names(d.relationship_ids)) if self.the_map else ""
        return (d.summary, d.kind.label, format_uk_date(d.raised_on), people, d.status.label)


class EvaluationsModel(MapEntriesModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("EvaluationsModel", "Date"),
        QT_TRANSLATE_NOOP("EvaluationsModel", "Of"),
        QT_TRANSLATE_NOOP("EvaluationsModel", "What works"),
        QT_TRANSLATE_NOOP("EvaluationsModel", "What could improve"),
        QT_TRANSLATE_NOOP("EvaluationsModel", "Next due"),
    )

    def entries(self, the_map: RelationshipMap) -> Sequence[Any]:
        return the_map.evaluations

    def cells(self, item: Any) -> tuple[str, ...]:
        d = item.details
        of = _tr("The whole map")
        if d.relationship_id and self.the_map:
            of = ", ".join(self.the_map.names([d.relationship_id])) or of
        return (
            format_uk_date(d.evaluated_on),
            of,
            d.what_works,
            d.what_could_improve,
            format_uk_date(d.next_due),
        )


class RestrictionsModel(MapEntriesModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("RestrictionsModel", "Concerns"),
        QT_TRANSLATE_NOOP("RestrictionsModel", "Kind"),
        QT_TRANSLATE_NOOP("RestrictionsModel", "What is restricted"),
        QT_TRANSLATE_NOOP("RestrictionsModel", "From"),
        QT_TRANSLATE_NOOP("RestrictionsModel", "Review by"),
        QT_TRANSLATE_NOOP("RestrictionsModel", "Ends"),
    )

    def entries(self, the_map: RelationshipMap) -> Sequence[Any]:
        return the_map.restrictions or ()

    def cells(self, item: Any) -> tuple[str, ...]:
        d = item.details
        who = _tr("Everyone")
        if d.relationship_id and self.the_map:
            who = ", ".join(self.the_map.names([d.relationship_id])) or _tr("(no longer on the map)")
        return (
            who,
            d.kind.label,
            d.what_is_restricted,
            format_uk_date(d.starts_on),
            format_uk_date(d.review_on),
            format_uk_date(d.ends_on),
        )


class KeyworkerChangesModel(ReadModelTable):
    HEADERS = (
        QT_TRANSLATE_NOOP("KeyworkerChangesModel", "Planned for"),
        QT_TRANSLATE_NOOP("KeyworkerChangesModel", "Why"),
        QT_TRANSLATE_NOOP("KeyworkerChangesModel", "How"),
        QT_TRANSLATE_NOOP("KeyworkerChangesModel", "Done"),
    )

    def cells(self, item: Any) -> tuple[str, ...]:
        d = item.details
        return (format_uk_date(d.planned_on), d.reason, d.how, format_uk_date(d.completed_on))


class TimelineModel(ReadModelTable):
    """How the map changed, newest first."""

    HEADERS = (
        QT_TRANSLATE_NOOP("TimelineModel", "When"),
        QT_TRANSLATE_NOOP("TimelineModel", "Person"),
        QT_TRANSLATE_NOOP("TimelineModel", "What changed"),
        QT_TRANSLATE_NOOP("TimelineModel", "By"),
        QT_TRANSLATE_NOOP("TimelineModel", "Reason"),
    )

    def cells(self, item: Any) -> tuple[str, ...]:
        change: ChangeView = item
        what = change.summary if change.change != "created" else change.change_label
        return (format_uk_datetime(change.at), change.key_person_name, what, change.changed_by, change.reason)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        change: ChangeView = item
        if role == Qt.ItemDataRole.ToolTipRole and change.fields:
            blank = _tr("(blank)")
            return "\n".join(f"{f.label}: {f.before or blank} → {f.after or blank}" for f in change.fields)
        return None
