"""Write a file so that readers see either the old content or the new, never a mix."""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path

TEMP_SUFFIX = ".tmp"


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
