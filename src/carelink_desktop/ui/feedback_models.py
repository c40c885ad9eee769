"""Thin Qt models over the feedback read models (services.feedback): the feedback given in a
period, the home's questions, scores by question or theme per period, and comments by theme."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.feedback import RATINGS, Helper, Respondent, Theme
from carelink_desktop.services.feedback import (
    FeedbackSummary,
    Period,
    QuestionView,
    Score,
    ScoreLine,
    ThemeComment,
)
from carelink_desktop.ui.table_model import TEXT_ROLES, Index, ReadModelTable


def one_line(text: str) -> str:
    return " ".join(text.split())


def average_text(average: float | None) -> str:
    """A mean rating to one decimal ("4.2"), or "" when nothing was rated."""
    return "" if average is None else f"{average:.1f}"


def score_text(score: Score) -> str:
    """ "4.2 (12)": the mean to one decimal and how many answers; "–" when none."""
    average = score.average
    return "–" if average is None else f"{average:.1f} ({score.count})"


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def respondent_text(respondent: Respondent) -> str:
    return tr("Feedback", respondent.label)


class FeedbackModel(ReadModelTable):
    """Given on, from, as (resident, key person, professional), about, helped by, average rating,
    ratings and comments; the feedback's id under Qt.UserRole."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FeedbackModel", "Given on"),
        QT_TRANSLATE_NOOP("FeedbackModel", "From"),
        QT_TRANSLATE_NOOP("FeedbackModel", "As"),
        QT_TRANSLATE_NOOP("FeedbackModel", "About"),
        QT_TRANSLATE_NOOP("FeedbackModel", "Helped by"),
        QT_TRANSLATE_NOOP("FeedbackModel", "Average rating"),
        QT_TRANSLATE_NOOP("FeedbackModel", "Comments"),
    )
    AVERAGE_COLUMN = 5
    COMMENTS_COLUMN = 6

    def feedback_at(self, row: int) -> FeedbackSummary:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        f: FeedbackSummary = item
        average = average_text(f.average)
        if average:
            average = self.tr("{average} from {n}").format(average=average, n=f.ratings)
        return (
            format_uk_date(f.given_on),
            f.given_by,
            respondent_text(f.respondent),
            f.resident_name,
            "" if f.helped_by is Helper.NONE else self.tr(f.helped_by.label),
            average,
            str(f.comments) if f.comments else "",
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.AVERAGE_COLUMN,
            self.COMMENTS_COLUMN,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def asked_of_text(asked_of: Sequence[Respondent]) -> str:
    if not asked_of or set(asked_of) == set(Respondent):
        return tr("QuestionsModel", "Everyone")
    return ", ".join(respondent_text(r) for r in Respondent if r in asked_of)


class QuestionsModel(ReadModelTable):
    """The home's questions in order: the question, its easy-read wording, theme, who it is asked
    of and whether it is still asked."""

    HEADERS = (
        QT_TRANSLATE_NOOP("QuestionsModel", "Question"),
        QT_TRANSLATE_NOOP("QuestionsModel", "Easy read"),
        QT_TRANSLATE_NOOP("QuestionsModel", "Theme"),
        QT_TRANSLATE_NOOP("QuestionsModel", "Asked of"),
        QT_TRANSLATE_NOOP("QuestionsModel", "Asked"),
    )

    def question_at(self, row: int) -> QuestionView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def questions(self) -> list[QuestionView]:
        return [self.question_at(i) for i in range(self.rowCount())]

    def cells(self, item: Any) -> tuple[str, ...]:
        q: QuestionView = item
        d = q.details
        return (
            d.text,
            d.easy_read,
            tr("Feedback", d.theme.label),
            asked_of_text(d.asked_of),
            self.tr("Yes") if d.active else self.tr("Retired"),
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        q: QuestionView = item
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 1):
            return q.details.text if column == 0 else (q.details.easy_read or None)
        if role == Qt.ItemDataRole.FontRole and not q.details.active:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class ScoresModel(ReadModelTable):
    """Score lines (questions or themes) with one column per period and the whole period last:
    "4.2 (12)" is a mean of 4.2 from 12 answers. The line's key under Qt.UserRole."""

    def __init__(self, first_header: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.first_header = first_header
        self.periods: tuple[Period, ...] = ()

    def set_lines(self, lines: Sequence[ScoreLine], periods: Sequence[Period]) -> None:
        self.beginResetModel()
        self.periods = tuple(periods)
        self._rows = list(lines)
        self.endResetModel()

    def line_at(self, row: int) -> ScoreLine:
        return self.item_at(row)  # type: ignore[no-any-return]

    def item_id(self, item: Any) -> Any:
        return item.key

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.periods) + 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < self.columnCount()):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_text(section)
        if role == Qt.ItemDataRole.ToolTipRole and 0 < section <= len(self.periods):
            p = self.periods[section - 1]
            return f"{format_uk_date(p.start)} – {format_uk_date(p.end)}"
        return None

    def header_text(self, column: int) -> str:
        if column == 0:
            return self.first_header
        if column <= len(self.periods):
            return self.periods[column - 1].label
        return self.tr("Whole period")

    def score_at(self, row: int, column: int) -> Score | None:
        """The score in a cell (None in the first column)."""
        line = self.line_at(row)
        if column == 0:
            return None
        return line.by_period[column - 1] if column <= len(self.periods) else line.overall

    def cells(self, item: Any) -> list[str]:
        line: ScoreLine = item
        return [line.label, *(score_text(s) for s in line.by_period), score_text(line.overall)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.AccessibleTextRole and index.isValid() and index.column() > 0:
            score = self.score_at(index.row(), index.column())
            if score is None or score.average is None:
                return self.tr("{period}: no answers").format(period=self.header_text(index.column()))
            return self.tr("{period}: average {average} from {n} answers").format(
                period=self.header_text(index.column()), average=average_text(score.average), n=score.count
            )
        return super().data(index, role)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        line: ScoreLine = item
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return line.label
        return None


class CommentsModel(QAbstractItemModel):
    """Comments grouped by theme: each theme ("Feeling welcome (3)") with its comments under it
    (the comment, rating, from, given on, question). Two levels; ``comment_at`` gives the
    read model of a comment row, ``theme_at`` the theme of any row."""

    HEADERS = (
        QT_TRANSLATE_NOOP("CommentsModel", "Comment"),
        QT_TRANSLATE_NOOP("CommentsModel", "Rating"),
        QT_TRANSLATE_NOOP("CommentsModel", "From"),
        QT_TRANSLATE_NOOP("CommentsModel", "Given on"),
        QT_TRANSLATE_NOOP("CommentsModel", "Question"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[Theme, tuple[ThemeComment, ...]]] = []

    def set_comments(self, groups: Sequence[tuple[Theme, Sequence[ThemeComment]]]) -> None:
        self.beginResetModel()
        self._groups = [(theme, tuple(comments)) for theme, comments in groups]
        self.endResetModel()

    # -- reading ------------------------------------------------------------------------------

    def theme_at(self, index: Index) -> Theme | None:
        if not index.isValid():
            return None
        group = index.internalId() - 1 if index.internalId() else index.row()
        return self._groups[group][0]

    def comment_at(self, index: Index) -> ThemeComment | None:
        """The comment of a comment row (None for a theme's row)."""
        if not index.isValid() or not index.internalId():
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def comment_count(self) -> int:
        return sum(len(c) for _t, c in self._groups)

    # -- Qt -----------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId():
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or not child.internalId():
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() or parent.column() != 0:
            return 0
        return len(self._groups[parent.row()][1])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return self.tr(str(self.HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        comment = self.comment_at(index)
        if comment is None:
            theme, comments = self._groups[index.row()]
            if role in TEXT_ROLES and index.column() == 0:
                return f"{tr('Feedback', theme.label)} ({len(comments)})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role in TEXT_ROLES:
                return ""
            return None
        if role in TEXT_ROLES:
            rating = (
                ""
                if comment.rating is None
                else f"{comment.rating} {tr('Feedback', RATINGS[comment.rating])}"
            )
            return (
                one_line(comment.comment),
                rating,
                respondent_text(comment.respondent),
                format_uk_date(comment.given_on),
                comment.question or self.tr("General comments"),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (0, 4):
            return comment.comment if index.column() == 0 else comment.question or None
        return None

    def index_is_comment(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return self.comment_at(index) is not None
