"""Forms spread over the pages of a QTabWidget: saying which page holds a problem (⚠ in its tab,
not colour alone) and turning to the page that holds a given field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QTabWidget, QWidget


def mark_problem_pages(tabs: QTabWidget, titles: Sequence[str], problems: Sequence[QWidget]) -> None:
    """Give each of the first ``len(titles)`` pages its title, with ⚠ when it holds a problem."""
    for index, title in enumerate(titles):
        page = tabs.widget(index)
        bad = page is not None and any(page.isAncestorOf(widget) for widget in problems)
        tabs.setTabText(index, f"{title} ⚠" if bad else title)


def show_page_of(tabs: QTabWidget, widget: QWidget) -> None:
    """Turn to the page that holds ``widget`` (nothing happens when no page does)."""
    for index in range(tabs.count()):
        page = tabs.widget(index)
        if page is not None and page.isAncestorOf(widget):
            tabs.setCurrentIndex(index)
            return
