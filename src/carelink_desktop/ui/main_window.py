"""The main window: navigation between areas, menus, the status bar with the Lock button (and,
for managers once sync is set up, what is waiting to go to the other PCs)."""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from carelink_desktop import APP_NAME
from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services import preferences
from carelink_desktop.ui.pages import Page, ShellContext


def default_pages() -> list[type[Page]]:
    """Every area, in navigation order (later features add theirs here)."""
    from carelink_desktop.ui.accounts_page import AccountsPage
    from carelink_desktop.ui.actions_page import ImprovementActionsPage
    from carelink_desktop.ui.audit_page import AuditPage
    from carelink_desktop.ui.carer_plans_page import CarerPlansPage
    from carelink_desktop.ui.concerns_page import ConcernsPage
    from carelink_desktop.ui.feedback_page import FeedbackPage
    from carelink_desktop.ui.key_people_page import KeyPeoplePage
    from carelink_desktop.ui.oversight_page import OversightPage
    from carelink_desktop.ui.residents_page import ResidentsPage
    from carelink_desktop.ui.resources_page import ResourcesPage
    from carelink_desktop.ui.sync_page import SyncPage
    from carelink_desktop.ui.today_page import TodayPage

    return [
        ResidentsPage,
        KeyPeoplePage,
        TodayPage,
        ConcernsPage,
        CarerPlansPage,
        FeedbackPage,
        OversightPage,
        ImprovementActionsPage,
        ResourcesPage,
        SyncPage,
        AccountsPage,
        AuditPage,
    ]


#: How long the status bar waits after a change before reading sync's state again, so that a
#: burst of changes (an import writes many kinds of record) costs one read.
SYNC_STATUS_DELAY_MS = 250


class MainWindow(QMainWindow):
    """One person's view of the home. Closing it (or locking) ends what it shows."""

    lock_requested = Signal()

    def __init__(self, ctx: ShellContext, page_types: Sequence[type[Page]] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(self.tr("{app} — {home}").format(app=APP_NAME, home=ctx.home_name))
        self._closing_for_lock = False

        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Areas"))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet("QListWidget::item { padding: 0.45em 0.6em; }")
        self.stack = QStackedWidget()
        self.pages: list[Page] = []
        for page_type in page_types if page_types is not None else default_pages():
            if page_type.permission is not None and not ctx.ws.may(page_type.permission):
                continue
            page = page_type(ctx)
            self.pages.append(page)
            self.stack.addWidget(page)
            item = QListWidgetItem(page.title())
            item.setData(Qt.ItemDataRole.UserRole, page.area)
            self.nav.addItem(item)
        width = max(self.nav.sizeHintForColumn(0), self.fontMetrics().horizontalAdvance("M" * 9)) + 24
        self.nav.setFixedWidth(width)
        self.nav.currentRowChanged.connect(self._show_row)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._build_status_bar()

        ctx.changes.changed.connect(self._on_change)
        ctx.navigator.open_resident.connect(self._open_resident)
        ctx.navigator.open_key_person.connect(self._open_key_person)
        ctx.navigator.show_area.connect(self.show_area)
        self._restore_layout()

    # -- building ---------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock_requested.emit)
        file_menu.addAction(self.lock_action)
        password = QAction(self.tr("Change my &password…"), self)
        password.triggered.connect(self._change_password)
        file_menu.addAction(password)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        self.find_action = QAction(self.tr("&Find…"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        go_menu.addAction(self.find_action)
        go_menu.addSeparator()
        for n, page in enumerate(self.pages, start=1):
            action = QAction(page.title(), self)
            if n <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.triggered.connect(lambda _checked=False, area=page.area: self.show_area(area))
            go_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About {app}").format(app=APP_NAME), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        actor = self.ctx.ws.actor
        self.who = QLabel(
            self.tr("Logged in: {name} ({role})").format(name=actor.full_name, role=actor.role.label)
        )
        self.who.setAccessibleName(self.tr("Person logged in"))
        home = QLabel(self.ctx.home_name)
        home.setAccessibleName(self.tr("Home"))
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.setToolTip(self.tr("Lock CareLink so the next person must log in (Ctrl+L)"))
        self.lock_button.setAccessibleName(self.tr("Lock"))
        self.lock_button.clicked.connect(self.lock_requested.emit)
        # Sync's state, for managers once it is set up; read again shortly after changes arrive
        # (once for a burst of them), since any saved record is one more change waiting to go.
        self.sync_label = QLabel()
        self.sync_label.setAccessibleName(self.tr("Sync"))
        self.sync_label.setToolTip(self.tr("Changes waiting to go to the other PCs (Go › Sync)"))
        self.sync_label.setContentsMargins(0, 0, 12, 0)
        self.sync_label.hide()
        self._sync_timer = QTimer(self, singleShot=True, interval=SYNC_STATUS_DELAY_MS)
        self._sync_timer.timeout.connect(self.refresh_sync_status)
        self.statusBar().addWidget(self.who, 1)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.statusBar().addPermanentWidget(home)
        self.statusBar().addPermanentWidget(self.lock_button)
        self.refresh_sync_status()

    def refresh_sync_status(self) -> None:
        """Show what sync is waiting for in the status bar (managers, once sync is set up)."""
        ws = self.ctx.ws
        if ws.store.closed or not ws.may(Permission.RUN_SYNC):
            self.sync_label.hide()
            return
        from carelink_desktop.services.sync import sync_status
        from carelink_desktop.ui.sync_models import status_line

        try:
            status = sync_status(ws)
        except CareLinkError:
            self.sync_label.hide()
            return
        self.sync_label.setText(status_line(status) if status.set_up else "")
        self.sync_label.setVisible(status.set_up)

    # -- navigation -------------------------------------------------------------------------

    def page(self, area: str) -> Page | None:
        return next((p for p in self.pages if p.area == area), None)

    def current_area(self) -> str:
        page = self.stack.currentWidget()
        return page.area if isinstance(page, Page) else ""

    def show_area(self, area: str) -> None:
        for row, page in enumerate(self.pages):
            if page.area == area:
                self.nav.setCurrentRow(row)
                return

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            self.stack.setCurrentWidget(self.pages[row])
            if self.pages[row].home_is_open():
                self.pages[row].refresh()

    def focus_search(self) -> None:
        """Ctrl+F: the search box of the area showing, else the residents list's."""
        page = self.stack.currentWidget()
        if isinstance(page, Page) and page.focus_search():
            return
        self.show_area("residents")
        residents = self.page("residents")
        if residents is not None:
            residents.focus_search()

    def _open_resident(self, resident_id: str) -> None:
        page = self.page("residents")
        if page is not None:
            self.show_area("residents")
            page.open_record(resident_id)  # type: ignore[attr-defined]

    def _open_key_person(self, person_id: str) -> None:
        page = self.page("key_people")
        if page is not None:
            self.show_area("key_people")
            opener = getattr(page, "open_person", None)
            if callable(opener):
                opener(person_id)

    def _on_change(self, kind: str) -> None:
        if self.ctx.ws.store.closed:
            return
        if self.ctx.ws.may(Permission.RUN_SYNC):
            self._sync_timer.start()  # one status read for a burst of changes
        for page in self.pages:
            if kind in page.watches:
                page.refresh()

    # -- unsaved work, layout ---------------------------------------------------------------

    def drafts(self) -> dict[str, Any]:
        """Unsaved forms by area, to seal while locked."""
        found = {p.area: p.draft() for p in self.pages if p.has_unsaved_changes()}
        return {"area": self.current_area(), "pages": {k: v for k, v in found.items() if v is not None}}

    def restore_drafts(self, drafts: dict[str, Any]) -> None:
        for area, draft in dict(drafts.get("pages", {})).items():
            page = self.page(area)
            if page is not None and isinstance(draft, dict):
                page.restore_draft(draft)
        if drafts.get("area"):
            self.show_area(str(drafts["area"]))

    def _restore_layout(self) -> None:
        layout = preferences.screen_layout(self.ctx.ws)
        geometry = layout.get("geometry")
        if isinstance(geometry, str):
            self.restoreGeometry(QByteArray(base64.b64decode(geometry)))
        else:
            self.resize(1180, 720)
        self.show_area(str(layout.get("area") or "residents"))
        if self.nav.currentRow() < 0 and self.pages:
            self.nav.setCurrentRow(0)

    def save_layout(self) -> None:
        geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii")
        preferences.save_screen_layout(self.ctx.ws, {"geometry": geometry, "area": self.current_area()})

    def close_for_lock(self) -> None:
        """Close without asking: the unsaved work has been sealed by the caller."""
        self._closing_for_lock = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_for_lock and any(p.has_unsaved_changes() for p in self.pages):
            from carelink_desktop.ui.unsaved import confirm_discard

            if not confirm_discard(self):
                event.ignore()
                return
        with contextlib.suppress(Exception):  # the layout is a nicety; closing must always work
            self.save_layout()
        self.ctx.changes.detach()
        for timer in self.findChildren(QTimer):  # no late refresh may reach a closed home
            timer.stop()
        super().closeEvent(event)

    # -- dialogs ----------------------------------------------------------------------------

    def _change_password(self) -> None:
        from carelink_desktop.ui.change_password_dialog import ChangePasswordDialog

        ChangePasswordDialog(self.ctx.ws, self).exec()

    def _about(self) -> None:
        from carelink_desktop.ui.about_dialog import AboutDialog

        AboutDialog(self.ctx.ws.store.paths.root, self).exec()
