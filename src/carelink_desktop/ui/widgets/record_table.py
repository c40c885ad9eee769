"""The read-only list of records that pages, tabs and dialogs show: one row chosen at a time."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def record_table(
    model: QAbstractItemModel,
    accessible_name: str,
    *,
    stretch: tuple[int, ...] = (0,),
    fit_to_contents: bool = True,
) -> QTableView:
    """A table over ``model`` that selects whole rows, one at a time, and never edits them.

    Tab leaves it (the arrow keys move within it), rows alternate in colour, cells never wrap and
    there are no row numbers. With ``fit_to_contents`` every column is as wide as what it holds,
    except the ``stretch`` columns, which share the width left over.
    """
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    if fit_to_contents:
        for column in range(model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table
