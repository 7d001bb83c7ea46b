"""Write a file so that readers see either the old content or the new, never a mix."""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path

from coach.files import check_replaceable

TEMP_SUFFIX = ".tmp"
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
PRIVATE_FILE_MODE = 0o600


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically and durably.

    Writes a temporary file in the same folder, flushes and fsyncs it, renames it over
    ``path`` with ``os.replace`` and fsyncs the folder where the platform allows.
    Raises ``OSError`` on failure, leaving ``path`` as it was and no temporary file behind.
    """
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        write_durably(fd, text)
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(path.parent)


def replace_file(path: Path, text: str) -> None:
    """``write_atomic`` to a path the user named: refused where a link, folder, pipe or device stands."""
    check_replaceable(path)
    write_atomic(path, text)


def write_new(path: Path, text: str) -> None:
    """Create ``path``, readable by its owner only whatever the umask, and write ``text`` to it durably.

    Raises ``FileExistsError`` when anything is there already (a link included, never followed), or
    another ``OSError``, leaving no file behind.
    """
    fd = os.open(path, _NEW_FILE_FLAGS, PRIVATE_FILE_MODE)
    try:
        write_durably(fd, text)
    except BaseException:
        with suppress(OSError):
            os.unlink(path)
        raise
    fsync_dir(path.parent)


def write_durably(fd: int, text: str) -> None:
    """Write ``text`` (UTF-8) to the open file ``fd``, flush it to disk and close it."""
    with os.fdopen(fd, "wb") as file:
        file.write(text.encode("utf-8"))
        file.flush()
        os.fsync(file.fileno())


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable; silently skipped where folders can't be fsynced."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
