"""What the program is made of and where it keeps things: for the About dialog, the self-test and
support calls. Standard library only at import; each version is looked up when asked for.

Qt's own versions are added by ``ui.about_dialog`` (the core never imports Qt).
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from carelink_desktop import APP_NAME, __version__


@dataclass(frozen=True)
class Component:
    """One bundled component: what it is, which version is running, under which licence."""

    name: str
    version: str
    licence: str


@dataclass(frozen=True)
class Folder:
    label: str
    path: Path


#: distribution name (for its version) -> shown name, licence. Qt and PySide6 come from the UI.
LIBRARIES: tuple[tuple[str, str, str], ...] = (
    ("sqlalchemy", "SQLAlchemy", "MIT"),
    ("alembic", "Alembic", "MIT"),
    ("reportlab", "ReportLab", "BSD"),
    ("cryptography", "cryptography (with OpenSSL)", "Apache 2.0 or BSD; OpenSSL: Apache 2.0"),
    ("platformdirs", "platformdirs", "MIT"),
    ("pypdf", "pypdf", "BSD 3-Clause"),
    ("pillow", "Pillow", "MIT-CMU (HPND)"),
)
QT_LICENCE = "LGPL 3.0"
DEJAVU = Component("DejaVu Sans fonts", "2.37", "Bitstream Vera licence; DejaVu changes public domain")
SYMBOLA = Component("Symbola font (emoji and symbols in reports)", "9.17", "Free for any use (George Douros)")


def _distribution_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def sqlcipher_versions() -> tuple[str, str]:
    """(SQLCipher, SQLite) versions of the bundled driver, from a throwaway in-memory database."""
    try:
        import sqlcipher3
    except ImportError:
        return ("not installed", "not installed")
    conn = sqlcipher3.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
        cipher = str(row[0]) if row else "unknown"
    finally:
        conn.close()
    return cipher, str(sqlcipher3.sqlite_version)


def core_components() -> list[Component]:
    """Python, the SQLCipher driver, the Python libraries and the fonts (not Qt)."""
    cipher, sqlite = sqlcipher_versions()
    parts = [
        Component("Python", platform.python_version(), "PSF License"),
        Component("SQLCipher", f"{cipher} (SQLite {sqlite})", "BSD-style; SQLite: public domain"),
        Component(
            "sqlcipher3 driver",
            _distribution_version("sqlcipher3"),
            "zlib (driver code from pysqlite)",
        ),
    ]
    parts += [Component(shown, _distribution_version(dist), licence) for dist, shown, licence in LIBRARIES]
    parts.append(DEJAVU)
    parts.append(SYMBOLA)
    return parts


def data_folders(home: Path | None) -> list[Folder]:
    """Where this PC keeps CareLink's files (never inside the installation folder)."""
    from carelink_desktop.paths import default_config_dir, default_home_dir, default_state_dir, home_paths

    paths = home_paths(home)
    folders = [
        Folder("Home (encrypted database and key slots)", paths.root),
        Folder("Automatic backups", paths.backups),
        Folder("Settings for this PC", default_config_dir()),
        Folder("Login counters for this PC", default_state_dir()),
    ]
    if paths.root != default_home_dir():
        folders.append(Folder("Default home on this PC", default_home_dir()))
    return folders


def licences_folder() -> Path | None:
    """The folder holding the full licence texts, when this installation has one."""
    from carelink_desktop.paths import resources_dir

    folder = resources_dir() / "licenses"
    return folder if folder.is_dir() else None


def system_line() -> str:
    frozen = " (installed build)" if getattr(sys, "frozen", False) else ""
    return f"{platform.system()} {platform.release()} {platform.machine()}{frozen}"


def details_text(components: list[Component], folders: list[Folder]) -> str:
    """Plain text for a support call: version, system, components, folders."""
    lines = [f"{APP_NAME} {__version__}", f"System: {system_line()}", "", "Components:"]
    lines += [f"  {c.name} {c.version}: {c.licence}" for c in components]
    lines += ["", "Folders:"]
    lines += [f"  {f.label}: {f.path}" for f in folders]
    return "\n".join(lines) + "\n"
