"""Write a file so that a crash leaves either the old file or the new one, never a mixture."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from carelink_desktop.domain.errors import StorageError


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def disk_error(exc: OSError, what: str) -> StorageError:
    """A message a person can act on for a failed write."""
    if exc.errno == errno.ENOSPC:
        return StorageError(f"The disk is full: could not save {what}. Nothing was changed.")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StorageError(f"The folder is read-only: could not save {what}. Nothing was changed.")
    return StorageError(f"Could not save {what}: {exc.strerror or exc}. Nothing was changed.")


def write_atomically(path: Path, data: bytes, *, what: str = "the file", private: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, fsync, rename.

    ``private`` makes the file readable by its owner only (recovery keys, exports)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o666)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise disk_error(exc, what) from exc
