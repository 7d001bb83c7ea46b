"""Is the process that wrote an in-progress log still running? If not, the session was interrupted."""

from __future__ import annotations

import os
import socket
import sys
from contextlib import suppress
from functools import cache
from pathlib import Path

from coach.logs.records import Outcome, SessionRecord

_START_TOLERANCE = 5.0
"""Seconds a process may seem to have started after it last saved its log (clock rounding)."""


def mark_interrupted(record: SessionRecord, path: Path | str, liveness: Liveness) -> None:
    """An in-progress ``record`` whose writer is gone becomes interrupted."""
    if record.outcome is Outcome.IN_PROGRESS and not liveness.still_writing(record, path):
        record.outcome = Outcome.INTERRUPTED


class Liveness:
    """Is the process that wrote a log still running? Asks the OS once per pid."""

    def __init__(self) -> None:
        self.host = socket.gethostname()
        self.starts: dict[int, float | None] = {}

    def still_writing(self, record: SessionRecord, path: Path | str) -> bool:
        """True when the log's pid runs on this host and started before the log was last saved."""
        if record.host != self.host or record.pid <= 0:
            return False
        if record.pid not in self.starts:
            self.starts[record.pid] = _process_start(record.pid)
        started = self.starts[record.pid]
        if started is None:
            return False
        try:
            saved = os.stat(path).st_mtime
        except OSError:
            return True
        return started <= saved + _START_TOLERANCE


def _process_start(pid: int) -> float | None:
    """When ``pid`` started (epoch seconds; 0.0 if unknown), or ``None`` if it isn't running.

    A pid reused by a newer process is told apart by its start time where the OS says it.
    """
    if sys.platform == "win32":
        return 0.0 if _windows_running(pid) else None
    if os.path.exists("/proc/self/stat"):
        try:
            with open(f"/proc/{pid}/stat", "rb") as file:
                fields = file.read().rpartition(b")")[2].split()
        except FileNotFoundError:
            return None
        except OSError:
            pass
        else:
            if not fields or fields[0] in (b"Z", b"X"):
                return None
            boot = _boot_time()
            if boot is None or len(fields) < 20:
                return 0.0
            return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except OSError:
        pass
    return 0.0


@cache
def _boot_time() -> float | None:
    with suppress(OSError, ValueError):
        with open("/proc/stat", "rb") as file:
            for line in file:
                if line.startswith(b"btime "):
                    return float(line.split()[1])
    return None


def _windows_running(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)
    if not handle:
        return bool(kernel32.GetLastError() == 5)
    try:
        code = ctypes.c_ulong()
        return bool(not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == 259)
    finally:
        kernel32.CloseHandle(handle)
