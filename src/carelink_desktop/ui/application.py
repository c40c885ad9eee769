"""Starts the desktop: Qt and the login window first, the database layers while people type."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication

from carelink_desktop import APP_NAME


def run(args: argparse.Namespace) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    from carelink_desktop.ui.app_icon import DESKTOP_FILE_NAME, application_icon

    app.setWindowIcon(application_icon())
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    from carelink_desktop import app as composition
    from carelink_desktop.paths import home_paths
    from carelink_desktop.settings import load_settings

    settings = load_settings()
    kdf = composition.kdf_from(settings)
    demo = bool(args.demo)
    paths = composition.demo_paths(args.home) if demo else home_paths(args.home)

    if not demo and not paths.exists():
        from carelink_desktop.services.access import create_home
        from carelink_desktop.ui.first_run import FirstRunWizard

        def create(home_name: str, username: str, full_name: str, password: str):  # type: ignore[no-untyped-def]
            return create_home(
                paths,
                home_name=home_name,
                manager_username=username,
                manager_full_name=full_name,
                password=password,
                kdf=kdf,
            )

        from carelink_desktop.services.sync_enrolment import join_organisation

        def join(invitation, code: str, username: str, full_name: str, password: str):  # type: ignore[no-untyped-def]
            return join_organisation(
                paths, invitation, code, username=username, full_name=full_name, password=password, kdf=kdf
            )

        wizard = FirstRunWizard(create=create, join=join)
        if wizard.exec() != FirstRunWizard.DialogCode.Accepted:
            return 0
        if wizard.choice == "demo":
            demo, paths = True, composition.demo_paths(None)
        first_workspace = wizard.workspace
    else:
        first_workspace = None

    hint = ""
    if demo and not paths.exists():
        from carelink_desktop.ui.busy import run_with_progress

        run_with_progress(
            None,
            app.tr("Setting up the demo home with fictional residents and families…"),
            lambda: composition.ensure_demo_home(paths, settings),
        )
        hint = app.tr("Demo home: everyone in it is fictional.\nUsername: {u}    Password: {p}").format(
            u=composition.DEMO_USERNAME, p=composition.DEMO_PASSWORD
        )

    def authenticate(username: str, password: str):  # type: ignore[no-untyped-def]
        from carelink_desktop.services.access import unlock

        return unlock(paths, username, password, state_dir=composition.state_dir(), kdf=kdf)

    from carelink_desktop.ui.session import Session

    title = app.tr("Rosewood House (demo)") if demo else APP_NAME
    session = Session(authenticate, title=title, hint=hint)
    if first_workspace is not None and not demo:
        session.start(first_workspace)
    else:
        login = session.show_login()
        if demo:
            login.username.setText(composition.DEMO_USERNAME)
            login.password.setFocus()
    app.setQuitOnLastWindowClosed(True)
    code = app.exec()
    session.quit()
    return int(code)
