"""``carelink-desktop --self-test``: prove that this installation works, without a screen and
without touching any real home.

Qt starts offscreen; a temporary encrypted home is created in a temporary folder (every CareLink
folder pointed there), unlocked, checked (cipher settings, integrity, audit chain, schema from the
shipped migrations) and shown to be unreadable as plain SQLite; a face sheet of a fictional
resident is rendered, loaded by Qt's PDF module, drawn and printed to a PDF file through Qt's print
support. One line per step; the folder is removed at the end. Exit code 0 when every step passed,
1 otherwise (the failing step says why).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from carelink_desktop import APP_NAME, __version__

SQLITE_HEADER = b"SQLite format 3\x00"
ENV_NAMES = ("CARELINK_HOME", "CARELINK_STATE_DIR", "CARELINK_CONFIG_DIR")


class StepFailed(Exception):
    """A check did not hold."""


@contextlib.contextmanager
def _carelink_folders_in(root: Path) -> Iterator[dict[str, Path]]:
    folders = {"CARELINK_HOME": root / "home", "CARELINK_STATE_DIR": root / "state"}
    folders["CARELINK_CONFIG_DIR"] = root / "config"
    saved = {name: os.environ.get(name) for name in ENV_NAMES}
    os.environ.update({name: str(path) for name, path in folders.items()})
    try:
        yield folders
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class SelfTest:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.state: dict[str, Any] = {}
        self.password = "self-test " + secrets.token_urlsafe(12)  # for a home that lives seconds

    def step(self, title: str, check: Callable[[], str]) -> None:
        started = time.perf_counter()
        try:
            detail = check()
        except Exception as exc:
            self.out.write(f"  FAILED  {title}: {type(exc).__name__}: {exc}\n")
            self.out.flush()
            raise StepFailed(title) from exc
        ms = (time.perf_counter() - started) * 1000
        self.out.write(f"  ok      {title}: {detail} ({ms:.0f} ms)\n")
        self.out.flush()

    # -- the steps -------------------------------------------------------------------------

    def start_qt(self) -> str:
        from PySide6.QtCore import qVersion
        from PySide6.QtWidgets import QApplication

        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
        self.state["app"] = app
        return f"Qt {qVersion()}, platform '{app.platformName()}'"

    def resources(self) -> str:
        from carelink_desktop.paths import resources_dir
        from carelink_desktop.ui.app_icon import application_icon

        folder = resources_dir()
        fonts = sorted(p.name for p in (folder / "fonts").glob("DejaVuSans*.ttf"))
        if len(fonts) != 4:
            raise StepFailed(f"expected the four DejaVu Sans fonts in {folder / 'fonts'}, found {fonts}")
        icon = application_icon()
        if icon.isNull() or icon.pixmap(48, 48).isNull():
            raise StepFailed(f"the application icon is missing from {folder / 'icons'}")
        return f"fonts and icons in {folder}"

    def create_home(self, root: Path) -> str:
        from carelink_desktop.paths import home_paths
        from carelink_desktop.services.access import create_home

        paths = home_paths(None)
        if paths.root != root / "home":
            raise StepFailed(f"the home folder is {paths.root}, not the temporary one")
        ws, recovery = create_home(
            paths,
            home_name="Self-test House",
            manager_username="selftest",
            manager_full_name="Self Test",
            password=self.password,
        )
        ws.close()
        self.state["paths"] = paths
        return f"{paths.root} (recovery key of {len(recovery.replace('-', ''))} characters)"

    def unlock(self) -> str:
        from carelink_desktop.services.access import unlock
        from carelink_desktop.services.maintenance import verify_home
        from carelink_desktop.storage import migrate

        paths = self.state["paths"]
        ws = unlock(paths, "selftest", self.password, state_dir=Path(os.environ["CARELINK_STATE_DIR"]))
        self.state["ws"] = ws
        report = verify_home(ws)
        if not report.ok:
            raise StepFailed("; ".join(f"{name}: {detail}" for name, ok, detail in report.checks if not ok))
        head = migrate.script_head()
        if head != migrate.SCHEMA_HEAD:
            raise StepFailed(
                f"the shipped migrations end at {head}, the program expects {migrate.SCHEMA_HEAD}"
            )
        cipher = next(detail for name, _, detail in report.checks if name == "cipher")
        return f"{cipher}, integrity and audit chain intact, schema {head}"

    def encrypted_at_rest(self) -> str:
        paths = self.state["paths"]
        with open(paths.database, "rb") as fh:
            header = fh.read(16)
        if header == SQLITE_HEADER:
            raise StepFailed(f"{paths.database} is plain SQLite")
        return f"{paths.database.name} has no SQLite header ({paths.database.stat().st_size} bytes)"

    def render_report(self) -> str:
        from carelink_desktop.reports.document import Redaction
        from carelink_desktop.reports.face_sheet import build_face_sheet
        from carelink_desktop.reports.pdf import render_pdf
        from carelink_desktop.services.key_people import add_key_person
        from carelink_desktop.services.links import link_key_person
        from carelink_desktop.services.residents import admit_resident
        from carelink_desktop.synthetic.people import generate_key_people, generate_residents

        ws = self.state["ws"]
        resident = admit_resident(ws, generate_residents(1, seed=7)[0])
        person = add_key_person(ws, generate_key_people(1, seed=7)[0])
        link_key_person(ws, resident.id, person.id, "daughter")
        pdf = render_pdf(build_face_sheet(ws, resident.id, Redaction.INTERNAL))
        if not pdf.startswith(b"%PDF"):
            raise StepFailed("the face sheet is not a PDF")
        self.state["pdf"] = pdf
        return f"face sheet of a fictional resident, {len(pdf)} bytes"

    def load_pdf(self) -> str:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
        from PySide6.QtGui import QColor
        from PySide6.QtPdf import QPdfDocument

        buffer = QBuffer()
        buffer.setData(QByteArray(self.state["pdf"]))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise StepFailed(f"Qt's PDF module could not read the report ({document.error()})")
        image = document.render(0, QSize(210, 297))
        ink = sum(
            1
            for y in range(0, image.height(), 3)
            for x in range(0, image.width(), 3)
            if QColor(image.pixel(x, y)).lightness() < 128
        )
        if image.isNull() or ink == 0:
            raise StepFailed("the first page rendered blank")
        self.state["page"] = image
        pages = document.pageCount()
        document.close()
        buffer.close()
        return f"QtPdf read {pages} page(s) and drew the first one"

    def print_pdf(self, root: Path) -> str:
        from PySide6.QtGui import QPainter
        from PySide6.QtPrintSupport import QPrinter

        target = root / "printed.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        painter = QPainter()
        if not painter.begin(printer):
            raise StepFailed("Qt's print support could not start a print job")
        page = self.state["page"]
        painter.drawImage(painter.viewport(), page)
        painter.end()
        if not target.read_bytes().startswith(b"%PDF"):
            raise StepFailed("the print job wrote no PDF")
        return "QtPrintSupport printed the page to a PDF file"

    def close_home(self) -> None:
        ws = self.state.pop("ws", None)
        if ws is not None:
            ws.close()

    # -- running ---------------------------------------------------------------------------

    def run(self) -> int:
        self.out.write(f"{APP_NAME} {__version__} self-test\n")
        root = Path(tempfile.mkdtemp(prefix="carelink-self-test-"))
        passed = False
        try:
            with _carelink_folders_in(root):
                self.step("Qt starts without a screen", self.start_qt)
                self.step("resources", self.resources)
                self.step("temporary encrypted home created", lambda: self.create_home(root))
                self.step("home unlocked and checked", self.unlock)
                self.step("database encrypted on disk", self.encrypted_at_rest)
                self.step("report rendered", self.render_report)
                self.step("report opened by Qt's PDF module", self.load_pdf)
                self.step("report printed", lambda: self.print_pdf(root))
            passed = True
        except StepFailed:
            passed = False
        finally:
            self.close_home()
            shutil.rmtree(root, ignore_errors=True)
        if root.exists():
            self.out.write(f"  FAILED  temporary folder removed: {root} is still there\n")
            passed = False
        else:
            self.out.write("  ok      temporary folder removed\n")
        self.out.write("self-test passed\n" if passed else "self-test FAILED: see the step above\n")
        self.out.flush()
        return 0 if passed else 1


REPORT_FILE = "carelink-self-test.txt"


def run_self_test(out: TextIO | None = None) -> int:
    """Run every step; 0 when all passed. Qt is told to use no screen before it starts.

    A windowed program started without a console (Windows) has no standard output: the report
    then goes to carelink-self-test.txt in the temporary folder, and the exit code still says."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if out is None and sys.stdout is None:
        with open(Path(tempfile.gettempdir()) / REPORT_FILE, "w", encoding="utf-8") as report:
            return SelfTest(report).run()
    return SelfTest(out or sys.stdout).run()
