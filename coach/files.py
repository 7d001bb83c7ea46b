"""Read untrusted files safely and make private folders: no pipe, device or huge file gets in, and
health data stays in coach's own folders."""

from __future__ import annotations

import errno
import os
import stat
import time
import tomllib
from pathlib import Path
from typing import Any

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
PRIVATE_FOLDER_MODE = 0o700


class NotRegularFileError(OSError):
    """The path is a pipe, device or socket, so it is not read."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.EINVAL, "it is a pipe, device or socket, not a regular file", str(path))


class LinkError(OSError):
    """The path is a symbolic link, which coach does not follow to write."""

    def __init__(self, path: Path | str, why: str) -> None:
        super().__init__(errno.ELOOP, why, str(path))


HEALTH_FOLDER_LINK = "it is a link to another place, and coach keeps health data only in a folder of its own"


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


class UnreadableToml(ValueError):
    """A data file's bytes are not TOML coach can read; the message says why, in words."""


def read_toml(raw: bytes) -> dict[str, Any]:
    """The tables in a data file's bytes (a log, the profile, the activities).

    Raises ``UnreadableToml`` for bytes that are not UTF-8, not TOML, nested too deeply or holding
    a number too long to read."""
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UnreadableToml("it is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise UnreadableToml(f"it is not valid TOML ({error})") from None
    except RecursionError:
        raise UnreadableToml("it is nested too deeply") from None
    except ValueError:
        raise UnreadableToml("it holds a number too long to read") from None


def toml_text(tables: dict[str, Any]) -> str:
    """A data file's text (a log, the profile, the activities, the settings) from its tables.

    The writer is imported on the first write: home's first frame writes nothing."""
    import tomli_w

    return tomli_w.dumps(tables)


def check_replaceable(path: Path) -> None:
    """Raise unless ``path`` is absent or a regular file coach may replace: never a link (whose target
    would be written), a folder, a pipe or a device."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise LinkError(path, "it is a link; name the file itself, not a link to it")
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(path)


def keep_aside(path: Path) -> Path | None:
    """Move an unreadable file out of the way before it is replaced, so nothing it held is lost.

    It becomes ``<name>.damaged-<local time>`` beside it; returns that path, or ``None`` when
    there was no file to keep."""
    if not os.path.lexists(path):
        return None
    stamp = time.strftime("%Y%m%dT%H%M%S")
    for n in range(1, 1000):
        kept = path.with_name(f"{path.name}.damaged-{stamp}" + (f"-{n}" if n > 1 else ""))
        if not os.path.lexists(kept):
            os.replace(path, kept)
            return kept
    raise FileExistsError(errno.EEXIST, "too many damaged copies are kept beside it", str(path))


def make_private_folder(folder: Path, *, health_data: bool = False) -> bool:
    """Create ``folder`` and any missing parents readable by their owner only (0700).

    With ``health_data``, a link there is refused (``LinkError``), and a ``folder`` that already exists
    is made 0700 too where coach may. Returns False when it is left readable by others because its
    mode cannot be changed (it belongs to another user), else True. Raises ``NotADirectoryError``
    naming the first part of the path that is a file, or ``OSError``.
    """
    if health_data and folder.is_symlink():
        raise LinkError(folder, HEALTH_FOLDER_LINK)
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
    if health_data and not missing:
        return _tighten(folder)
    return True


def _tighten(folder: Path) -> bool:
    """Make ``folder`` 0700 where coach may; False when others can still read it."""
    mode = folder.stat().st_mode
    if not mode & 0o077:
        return True
    try:
        folder.chmod(PRIVATE_FOLDER_MODE)
    except PermissionError:
        return not mode & 0o044
    return True
