"""Starts the desktop: Qt first, then the login window, then the home."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from carelink_desktop import APP_NAME


def run(args: argparse.Namespace) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    from carelink_desktop import app as composition
    from carelink_desktop.paths import home_paths
    from carelink_desktop.settings import load_settings

    settings = load_settings()
    hint = ""
    if args.demo:
        paths = composition.demo_paths(args.home)
        composition.ensure_demo_home(paths, settings)
        hint = app.tr("Demo home: everyone in it is fictional.\nUsername: {u}    Password: {p}").format(
            u=composition.DEMO_USERNAME, p=composition.DEMO_PASSWORD
        )
    else:
        paths = home_paths(args.home)
    if not paths.exists():
        QMessageBox.information(
            None,
            APP_NAME,
            app.tr(
                "No home has been set up in {folder} yet.\n\nTo look around, start CareLink with "
                "--demo. To set up your home, run: carelink init"
            ).format(folder=paths.root),
        )
        return 1
    kdf = composition.kdf_from(settings)

    def authenticate(username: str, password: str):  # type: ignore[no-untyped-def]
        from carelink_desktop.services.access import unlock

        return unlock(paths, username, password, state_dir=composition.state_dir(), kdf=kdf)

    from carelink_desktop.ui.login_window import LoginWindow
    from carelink_desktop.ui.main_window import MainWindow

    username = composition.DEMO_USERNAME if args.demo else ""
    while True:
        login = LoginWindow(
            APP_NAME if not args.demo else app.tr("Rosewood House (demo)"),
            authenticate,
            username=username,
            hint=hint,
        )
        if login.exec() != LoginWindow.DialogCode.Accepted:
            return 0
        ws = login.workspace
        from carelink_desktop.services.maintenance import home_view

        window = MainWindow(ws, home_view(ws).name)
        locked: list[bool] = []
        window.lock_requested.connect(lambda w=window, flag=locked: (flag.append(True), w.close()))
        window.show()
        app.exec()
        ws.close()
        if not locked:
            return 0
