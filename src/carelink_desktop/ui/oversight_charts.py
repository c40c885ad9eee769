"""The dashboard's charts, drawn with Qt's chart module: contact per week over the last year (a
line) and concerns raised in the period by kind (horizontal bars).

A chart is a picture, so each has an accessible name and a text equivalent: ``summary()`` says
what the chart shows in a sentence or two (shown under it), and the chart's accessible
description lists every value, so a screen reader user gets all of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from carelink_desktop.domain.concerns import ConcernKind
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.services.oversight import WeekCount

#: Dark blue with a contrast ratio above 7:1 on white.
LINE_COLOUR = QColor("#1f4e8c")

#: Kinds of concern as the chart's narrow axis names them (the text equivalent uses the full names).
SHORT_KINDS = {
    ConcernKind.HARM_OR_ABUSE: QT_TRANSLATE_NOOP("oversight_charts", "Harm or abuse"),
    ConcernKind.UNMET_NEEDS: QT_TRANSLATE_NOOP("oversight_charts", "Unmet needs"),
    ConcernKind.LACK_OF_RESOURCES: QT_TRANSLATE_NOOP("oversight_charts", "Lack of resources"),
    ConcernKind.CONFLICT: QT_TRANSLATE_NOOP("oversight_charts", "Conflict"),
    ConcernKind.COMPLAINT: QT_TRANSLATE_NOOP("oversight_charts", "Complaint"),
    ConcernKind.DISCRIMINATION: QT_TRANSLATE_NOOP("oversight_charts", "Discrimination"),
    ConcernKind.ETHICAL_DILEMMA: QT_TRANSLATE_NOOP("oversight_charts", "Ethical dilemma"),
}


def short_kind(kind: ConcernKind) -> str:
    return _tr(str(SHORT_KINDS.get(kind, kind.label)))


def _tr(text: str) -> str:
    return QCoreApplication.translate("oversight_charts", text)


def _moment(day: date, hour: int) -> QDateTime:
    return QDateTime(QDate(day.year, day.month, day.day), QTime(hour, 0))


def _msecs(day: date) -> float:
    return float(_moment(day, 12).toMSecsSinceEpoch())


def nice_top(highest: int) -> tuple[int, int]:
    """An axis top at or above ``highest`` that whole-number ticks divide evenly, and the
    number of ticks (so an axis of counts never shows 2.5 contacts)."""
    if highest <= 5:
        return 5, 6
    for step in (2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if highest <= step * 6:
            top = -(-highest // step) * step
            return top, top // step + 1
    step = 10 ** (len(str(highest)) - 1)
    top = -(-highest // step) * step
    return top, top // step + 1


def _chart() -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    return chart


class _ChartView(QChartView):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(_chart(), parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _reset(self) -> QChart:
        chart = _chart()
        self.setChart(chart)
        return chart


# -- contact per week ---------------------------------------------------------------------------


def contact_summary(weeks: Sequence[WeekCount]) -> str:
    """A sentence saying what the contact chart shows."""
    if not weeks:
        return _tr("No weeks to show.")
    total = sum(w.contacts for w in weeks)
    if total == 0:
        return _tr("No contact was recorded in the {n} weeks from {start}.").format(
            n=len(weeks), start=format_uk_date(weeks[0].week_start)
        )
    busiest = max(weeks, key=lambda w: w.contacts)
    quietest = min(weeks, key=lambda w: w.contacts)
    half = len(weeks) // 2
    first, second = weeks[:half], weeks[half:]
    trend = ""
    if first and second:
        before = sum(w.contacts for w in first) / len(first)
        after = sum(w.contacts for w in second) / len(second)
        if after > before * 1.1:
            trend = _tr(" Contact rose over the year.")
        elif after < before * 0.9:
            trend = _tr(" Contact fell over the year.")
        else:
            trend = _tr(" Contact held steady over the year.")
    return (
        _tr(
            "{total} contacts in {n} weeks from {start}: {average} a week on average; most {most} "
            "(week of {most_week}), fewest {fewest} (week of {fewest_week})."
        ).format(
            total=total,
            n=len(weeks),
            start=format_uk_date(weeks[0].week_start),
            average=f"{total / len(weeks):.1f}",
            most=busiest.contacts,
            most_week=format_uk_date(busiest.week_start),
            fewest=quietest.contacts,
            fewest_week=format_uk_date(quietest.week_start),
        )
        + trend
    )


def contact_values(weeks: Sequence[WeekCount]) -> str:
    """Every week's count, for a screen reader: "week of 24/11/2025: 6; …"."""
    return "; ".join(
        _tr("week of {date}: {n}").format(date=format_uk_date(w.week_start), n=w.contacts) for w in weeks
    )


class ContactPerWeekChart(_ChartView):
    """Contacts recorded each week (visits, calls, outings, letters, messages)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Chart: contact per week over the last year"), parent)
        self.weeks: tuple[WeekCount, ...] = ()
        self.setFixedHeight(self.fontMetrics().height() * 14)

    def show_weeks(self, weeks: Sequence[WeekCount]) -> None:
        self.weeks = tuple(weeks)
        chart = self._reset()
        line = QLineSeries()
        line.setName(_tr("Contacts"))
        line.setPen(QPen(LINE_COLOUR, 2))
        points = QScatterSeries()
        points.setMarkerSize(5)
        points.setColor(LINE_COLOUR)
        points.setBorderColor(LINE_COLOUR)
        for week in self.weeks:
            line.append(_msecs(week.week_start), week.contacts)
            points.append(_msecs(week.week_start), week.contacts)
        chart.addSeries(line)
        chart.addSeries(points)
        x = QDateTimeAxis()
        x.setFormat("MMM yy")
        x.setTickCount(7)
        if self.weeks:
            x.setRange(
                _moment(self.weeks[0].week_start, 0),
                _moment(self.weeks[-1].week_start, 23),
            )
        y = QValueAxis()
        top, ticks = nice_top(max((w.contacts for w in self.weeks), default=0))
        y.setRange(0, top)
        y.setTickCount(ticks)
        y.setLabelFormat("%d")
        y.setTitleText(_tr("Contacts a week"))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for series in (line, points):
            series.attachAxis(x)
            series.attachAxis(y)
        self.setAccessibleDescription(f"{self.summary()} {contact_values(self.weeks)}")

    def summary(self) -> str:
        return contact_summary(self.weeks)


# -- concerns by kind ---------------------------------------------------------------------------


def kinds_summary(counts: Sequence[tuple[ConcernKind, int]]) -> str:
    """Every kind with its count, the most first ("Complaint 3, Conflict 1; none of the others")."""
    raised = sorted(((kind, n) for kind, n in counts if n), key=lambda kn: -kn[1])
    if not raised:
        return _tr("No concerns were raised in the period.")
    parts = ", ".join(f"{_tr(kind.label)} {n}" for kind, n in raised)
    total = sum(n for _kind, n in raised)
    none = len(counts) - len(raised)
    tail = _tr("; none of the other {n} kinds").format(n=none) if none else ""
    return _tr("{total} raised in the period: {parts}{tail}.").format(total=total, parts=parts, tail=tail)


class ConcernsByKindChart(_ChartView):
    """How many concerns of each kind were raised in the period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Chart: concerns raised in the period by kind"), parent)
        self.counts: tuple[tuple[ConcernKind, int], ...] = ()
        self.setFixedHeight(self.fontMetrics().height() * 14)

    def show_counts(self, counts: Sequence[tuple[ConcernKind, int]]) -> None:
        # Bars read top to bottom in the enum's order (a horizontal bar series draws the first
        # category at the bottom, so they go in reversed).
        self.counts = tuple(counts)
        chart = self._reset()
        bars = QBarSet(_tr("Concerns"))
        bars.setColor(LINE_COLOUR)
        bars.setBorderColor(LINE_COLOUR)
        bars.setLabelColor(QColor("black"))
        categories = []
        for kind, n in reversed(self.counts):
            bars.append(n)
            categories.append(short_kind(kind))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setBarWidth(0.6)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        y = QBarCategoryAxis()
        y.append(categories)
        y.setTruncateLabels(False)
        x = QValueAxis()
        top, ticks = nice_top(max((n for _k, n in self.counts), default=0))
        x.setRange(0, top)
        x.setTickCount(ticks)
        x.setLabelFormat("%d")
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)
        values = "; ".join(f"{_tr(kind.label)}: {n}" for kind, n in self.counts)
        self.setAccessibleDescription(f"{self.summary()} {values}")

    def summary(self) -> str:
        return kinds_summary(self.counts)
