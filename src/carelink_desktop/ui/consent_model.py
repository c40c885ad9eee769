"""Qt table model over a resident's consent records (ConsentView), newest decision first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
)

from carelink_desktop.domain.consent import ConsentTopic, DecidedBy
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.services.readmodels import ConsentView
from carelink_desktop.ui.table_model import ReadModelTable

#: How much of "what it is about" an "Other" topic shows in the list (the tooltip has it all).
SUMMARY_CHARS = 60


def topic_text(view: ConsentView) -> str:
    d = view.details
    if d.topic is ConsentTopic.OTHER and d.details:
        text = " ".join(d.details.split())
        if len(text) <= SUMMARY_CHARS:
            return text
        cut = text[:SUMMARY_CHARS]
        cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[:-1]
        return cut.rstrip(" ,;:.") + "…"
    return d.topic.label


def decided_by_text(view: ConsentView) -> str:
    d = view.details
    if d.decided_by is not DecidedBy.RESIDENT and d.decided_by_name:
        return f"{d.decided_by.label}: {d.decided_by_name}"
    return d.decided_by.label


class ConsentModel(ReadModelTable):
    """Topic, decision, decided by, date, review date, recorded by; the record's id under UserRole."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ConsentModel", "About"),
        QT_TRANSLATE_NOOP("ConsentModel", "Decision"),
        QT_TRANSLATE_NOOP("ConsentModel", "Decided by"),
        QT_TRANSLATE_NOOP("ConsentModel", "Date of decision"),
        QT_TRANSLATE_NOOP("ConsentModel", "Review by"),
        QT_TRANSLATE_NOOP("ConsentModel", "Recorded by"),
    )

    def consent_at(self, row: int) -> ConsentView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        return tuple(self._text(item, column) for column in range(len(self.HEADERS)))

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return item.details.details or item.details.topic.label
        return None

    def _text(self, view: ConsentView, column: int) -> str:
        d = view.details
        return (
            topic_text(view),
            d.decision.label,
            decided_by_text(view),
            format_uk_date(d.decision_date),
            format_uk_date(d.review_date),
            view.recorded_by,
        )[column]
