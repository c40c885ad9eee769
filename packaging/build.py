"""Build CareLink Desktop as one folder with PyInstaller, report its size and check it.

    .venv/bin/pip install -e '.[package]'
    .venv/bin/python packaging/build.py            # build, report, check
    .venv/bin/python packaging/build.py --check-only   # check an existing build again

The build goes to ``packaging/dist/carelink-desktop/`` (git-ignored) from
``packaging/carelink-desktop.spec``. Then the built programs are checked the way a care home's PC
would run them: copied to a temporary folder and started with a clean environment (no development
virtual environment on PATH, no PYTHONPATH, a fresh HOME). On Linux, when this runs as root and
``unshare`` is available, the development environment and this repository are also hidden from the
built program, so anything it still needed from them would fail the check.

Checks: ``--version`` on both programs, ``carelink-desktop --self-test``, a ``carelink`` command
that opens the fixture home of schema 0002 (migrating it, after a backup), and the contents (no
test packages, no Qt modules the product does not use). Exit code 0 when all passed.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "carelink-desktop.spec"
DIST = ROOT / "packaging" / "dist"
WORK = ROOT / "packaging" / "build"
APP = DIST / "carelink-desktop"
FIXTURE = ROOT / "tests" / "fixtures" / "homes" / "schema-0002"
FIXTURE_USER, FIXTURE_PASSWORD = "fixture-manager", "Fixture home 0002"
WINDOWS = sys.platform == "win32"
EXE = ".exe" if WINDOWS else ""

#: the Qt for Python modules the product uses; any other one in the build is a mistake
QT_MODULES_USED = {
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPrintSupport",
    "QtDBus",
    "QtNetwork",
}
#: names that must not appear anywhere in the build (top-level modules or folders)
FORBIDDEN_MODULES = {"tests", "pytest", "_pytest", "pytestqt", "hypothesis", "pytest_benchmark", "tkinter"}
FORBIDDEN_QT_LIBRARIES = ("WebEngine", "Quick", "Qml", "3D", "Multimedia", "Charts", "DataVisualization")


def _say(text: str) -> None:
    print(text, flush=True)


def unmet_requirements() -> list[str]:
    """The project's dependencies (pyproject.toml) that the installed packages do not satisfy:
    the build bundles whatever is installed, so it must be what the project asks for."""
    import tomllib
    from importlib import metadata

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    unmet = []
    for line in project["dependencies"]:
        requirement = Requirement(line)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        try:
            installed = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            unmet.append(f"{requirement} (not installed)")
            continue
        if not requirement.specifier.contains(installed, prereleases=True):
            unmet.append(f"{requirement} (installed: {installed})")
    return unmet


def build() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit("PyInstaller is not installed here: pip install -e '.[package]'") from None
    unmet = unmet_requirements()
    if unmet:
        raise SystemExit(
            "The installed packages are not what pyproject.toml asks for, and the build would bundle "
            "them:\n  " + "\n  ".join(unmet) + "\nInstall them with: pip install -e '.[package]'"
        )
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    _say("$ " + shlex.join(command))
    subprocess.run(command, check=True, cwd=ROOT)


# -- size ---------------------------------------------------------------------------------------


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _mib(n: int) -> str:
    return f"{n / (1 << 20):7.1f} MiB"


def size_report(app: Path) -> str:
    """Total size and file count, then the largest parts."""
    files = [p for p in app.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    internal = app / "_internal"
    parts: dict[str, int] = {}
    qt_lib = internal / "PySide6" / "Qt" / "lib"
    for p in files:
        if qt_lib in p.parents:
            key = "Qt libraries: " + p.name.split(".so")[0].split(".dll")[0]
        elif internal in p.parents:
            key = p.relative_to(internal).parts[0]
        else:
            key = p.name
        parts[key] = parts.get(key, 0) + p.stat().st_size
    lines = [f"Build size: {_mib(total)} in {len(files)} files ({app})", "Largest parts:"]
    for key, size in sorted(parts.items(), key=lambda kv: -kv[1])[:15]:
        lines.append(f"  {_mib(size)}  {key}")
    return "\n".join(lines)


def make_archive() -> Path:
    """packaging/dist/carelink-desktop-VERSION-linux-MACHINE.tar.gz, for copying to other PCs."""
    import platform
    import tarfile

    name = f"carelink-desktop-{_project_version()}-linux-{platform.machine()}.tar.gz"
    target = DIST / name
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(APP, arcname="carelink-desktop")
        linux = ROOT / "packaging" / "linux"
        for item in sorted(linux.iterdir()):
            tar.add(item, arcname=f"carelink-desktop/linux/{item.name}")
    return target


# -- contents -----------------------------------------------------------------------------------


def _pyz_modules(executable: Path) -> set[str]:
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(executable))
    return set(archive.open_embedded_archive("PYZ.pyz").toc)


def check_contents(app: Path) -> list[str]:
    problems = []
    internal = app / "_internal"
    top = {p.name.split(".")[0] for p in internal.iterdir()} if internal.is_dir() else set()
    for name in sorted(FORBIDDEN_MODULES & top):
        problems.append(f"{name} is in the build folder")
    for program in ("carelink-desktop", "carelink"):
        modules = _pyz_modules(app / f"{program}{EXE}")
        bad = sorted({m.split(".")[0] for m in modules} & FORBIDDEN_MODULES)
        if bad:
            problems.append(f"{program} bundles {', '.join(bad)}")
        if program == "carelink" and any(m.startswith(("PySide6", "carelink_desktop.ui")) for m in modules):
            problems.append("the carelink command bundles Qt or the desktop interface")
    qt_bindings = {
        p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.*") if p.suffix in (".so", ".pyd")
    }
    extra = sorted(qt_bindings - QT_MODULES_USED)
    if extra:
        problems.append(f"Qt modules the product does not use: {', '.join(extra)}")
    for lib in internal.rglob("*Qt6*"):
        if any(word in lib.name for word in FORBIDDEN_QT_LIBRARIES):
            problems.append(f"unused Qt library {lib.relative_to(app)}")
    for needed in (
        "carelink_desktop/resources/fonts/DejaVuSans.ttf",
        "carelink_desktop/resources/fonts/Symbola.ttf",
        "carelink_desktop/resources/icons/png/carelink-256.png",
        "carelink_desktop/storage/migrations/env.py",
        "carelink_desktop/resources/licenses/LGPL-3.0.txt",
        "carelink_desktop/resources/licenses/SQLCipher-LICENSE.txt",
    ):
        if not (internal / needed).is_file():
            problems.append(f"{needed} is missing")
    return problems


# -- running the built programs ----------------------------------------------------------------


def clean_environment(home: Path) -> dict[str, str]:
    """What a care home's PC gives a program: a system PATH, a home, a temporary folder."""
    if WINDOWS:
        keep = (
            "SYSTEMROOT",
            "WINDIR",
            "SYSTEMDRIVE",
            "COMSPEC",
            "PATHEXT",
            "PROCESSOR_ARCHITECTURE",
            "NUMBER_OF_PROCESSORS",
        )
        env = {k: os.environ[k] for k in keep if k in os.environ}
        system = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env["PATH"] = f"{system}\\System32;{system}"
        env.update(USERPROFILE=str(home), APPDATA=str(home / "AppData" / "Roaming"))
        env.update(
            LOCALAPPDATA=str(home / "AppData" / "Local"), TEMP=str(home / "Temp"), TMP=str(home / "Temp")
        )
        (home / "Temp").mkdir(parents=True, exist_ok=True)
    else:
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "TMPDIR": str(home / "tmp"),
        }
        (home / "tmp").mkdir(parents=True, exist_ok=True)
    return env


def _hiding_prefix(hide: list[Path]) -> list[str]:
    """Linux, as root: run in a private mount namespace with ``hide`` covered by empty folders."""
    unshare = shutil.which("unshare")
    if WINDOWS or not hasattr(os, "geteuid") or os.geteuid() != 0 or not unshare:
        return []
    mounts = " && ".join(f"mount -t tmpfs none {shlex.quote(str(p))}" for p in hide if p.is_dir())
    probe = subprocess.run(
        [unshare, "--mount", "--propagation", "private", "/bin/sh", "-c", mounts or "true"],
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        return []
    return [
        unshare,
        "--mount",
        "--propagation",
        "private",
        "/bin/sh",
        "-c",
        f'{mounts} && exec "$@"' if mounts else 'exec "$@"',
        "sh",
    ]


class Runner:
    def __init__(self, app: Path, env: dict[str, str], prefix: list[str]) -> None:
        self.app, self.env, self.prefix = app, env, prefix
        self.failures: list[str] = []

    def run(
        self, title: str, program: str, *args: str, stdin: str = "", expect: str = "", cwd: Path | None = None
    ):  # type: ignore[no-untyped-def]
        command = [*self.prefix, str(self.app / f"{program}{EXE}"), *args]
        proc = subprocess.run(
            command,
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            cwd=cwd,
            timeout=300,
            check=False,
        )
        ok = proc.returncode == 0 and expect in proc.stdout
        _say(f"{'ok    ' if ok else 'FAILED'}  {title}")
        if not ok or "--self-test" in args:
            for line in (proc.stdout + proc.stderr).strip().splitlines():
                _say(f"        {line}")
        if not ok:
            self.failures.append(f"{title} (exit {proc.returncode})")
        return proc


def check_programs(app: Path) -> list[str]:
    version = _project_version()
    with tempfile.TemporaryDirectory(prefix="carelink-build-check-") as tmp:
        scratch = Path(tmp)
        relocated = scratch / "installed" / "carelink-desktop"
        shutil.copytree(app, relocated, symlinks=True)
        home = scratch / "user"
        env = clean_environment(home)
        hidden = sorted({Path(sys.prefix), Path(sys.base_prefix), ROOT})
        prefix = _hiding_prefix(hidden)
        if prefix:
            _say(f"Running the built programs with {', '.join(map(str, hidden))} hidden from them.")
        else:
            _say(
                "Running the built programs with a clean environment (hiding folders needs root and unshare)."
            )
        runner = Runner(relocated, env, prefix)
        runner.run("carelink-desktop --version", "carelink-desktop", "--version", expect=version)
        runner.run("carelink --version", "carelink", "--version", expect=version)
        runner.run(
            "carelink-desktop --self-test", "carelink-desktop", "--self-test", expect="self-test passed"
        )
        old_home = scratch / "old-home"
        shutil.copytree(FIXTURE, old_home, ignore=shutil.ignore_patterns("README.md"))
        runner.run(
            "carelink opens a home of schema 0002 (upgrade)",
            "carelink",
            "--home",
            str(old_home),
            "residents",
            "list",
            "--user",
            FIXTURE_USER,
            "--password-stdin",
            stdin=FIXTURE_PASSWORD + "\n",
            expect="2 residents",
        )
        if not list((old_home / "backups").glob("before-upgrade-0002-*.clbackup")):
            _say("FAILED  backup taken before the upgrade")
            runner.failures.append("no before-upgrade backup")
        else:
            _say("ok      backup taken before the upgrade")
        return runner.failures


def _project_version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "src" / "carelink_desktop" / "__init__.py").read_text(encoding="utf-8"), namespace)  # noqa: S102
    return namespace["__version__"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build CareLink Desktop with PyInstaller and check it.")
    parser.add_argument("--check-only", action="store_true", help="check the existing build, do not rebuild")
    args = parser.parse_args(argv)
    if not args.check_only:
        build()
    if not APP.is_dir():
        raise SystemExit(f"No build at {APP}: run without --check-only first.")
    report = size_report(APP)
    _say("")
    _say(report)
    if not WINDOWS:
        archive = make_archive()
        report += f"\nCompressed: {_mib(archive.stat().st_size).strip()} as {archive.name}"
        _say(report.splitlines()[-1])
    (DIST / "build-size.txt").write_text(report + "\n", encoding="utf-8")
    _say("")
    problems = check_contents(APP)
    for problem in problems:
        _say(f"FAILED  contents: {problem}")
    if not problems:
        _say("ok      contents: no test packages, only the Qt modules the product uses, resources present")
    problems += check_programs(APP)
    _say("")
    _say("All checks passed." if not problems else f"{len(problems)} check(s) failed.")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
