"""Read untrusted files safely and make private folders: no pipe, device or huge file gets in."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
PRIVATE_FOLDER_MODE = 0o700


class NotRegularFileError(OSError):
    """The path is a pipe, device or socket, so it is not read."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.EINVAL, "it is a pipe, device or socket, not a regular file", str(path))


class FileTooLargeError(OSError):
    """The file holds more than the reader accepts."""

    def __init__(self, path: Path | str, limit: int) -> None:
        self.limit = limit
        super().__init__(errno.EFBIG, f"it is larger than {size_text(limit)}", str(path))


def size_text(limit: int) -> str:
    """``256 KiB``, ``1 MiB``: a byte limit as people read it."""
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MiB"
    return f"{limit // 1024} KiB" if limit >= 1024 else f"{limit} bytes"


def read_bounded(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, which must hold at most ``limit`` bytes.

    Never blocks on a pipe and never reads a device: the file is opened non-blocking and
    checked on the opened descriptor. Raises ``IsADirectoryError`` for a folder,
    ``NotRegularFileError``, ``FileTooLargeError`` or another ``OSError``.
    """
    fd = os.open(path, _READ_FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFileError(path)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise FileTooLargeError(path, limit)
    return b"".join(chunks)


def make_private_folder(folder: Path, tighten: bool = False) -> None:
    """Create ``folder`` and any missing parents readable by their owner only (0700); with
    ``tighten``, a ``folder`` that already exists is made 0700 too (it holds health data).

    Raises ``NotADirectoryError`` naming the first part of the path that is a file, or ``OSError``.
    """
    missing: list[Path] = []
    current = folder
    while not current.is_dir():
        if current.exists() or current.is_symlink():
            raise NotADirectoryError(errno.ENOTDIR, f"{current} is a file, not a folder", str(current))
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for part in reversed(missing):
        try:
            part.mkdir(mode=PRIVATE_FOLDER_MODE)
        except FileExistsError:
            if not part.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, f"{part} is a file, not a folder", str(part)) from None
    if tighten and not missing and folder.stat().st_mode & 0o077:
        folder.chmod(PRIVATE_FOLDER_MODE)
