"""Reading a process from /proc (Linux), and describing the machine for RESULTS.md."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _stat_cpu(path: str) -> float:
    with open(path, "rb") as file:
        fields = file.read().rpartition(b")")[2].split()
    # fields[0] is field 3 (state); utime is field 14 and stime field 15.
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` (all its threads) so far, in seconds."""
    return _stat_cpu(f"/proc/{pid}/stat")


def thread_cpu_seconds(pid: int) -> dict[int, float]:
    """CPU seconds so far of each thread of ``pid``, by thread id (the main thread's id is ``pid``)."""
    found = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            found[int(tid)] = _stat_cpu(f"/proc/{pid}/task/{tid}/stat")
        except OSError:
            pass
    return found


def _line_value(path: str, key: str, sep: str = ":") -> str:
    """What follows ``sep`` on the first line of ``path`` that starts with ``key``."""
    with open(path) as file:
        for line in file:
            if line.startswith(key):
                return line.split(sep, 1)[1].strip()
    raise KeyError(f"{key} in {path}")


def bytes_written(pid: int) -> int:
    """Bytes ``pid`` has passed to write() so far (``wchar``): for a full-screen app, what it drew."""
    return int(_line_value(f"/proc/{pid}/io", "wchar:"))


def peak_rss_mib(pid: int) -> float:
    """Peak resident set size (VmHWM) of ``pid`` so far."""
    return int(_line_value(f"/proc/{pid}/status", "VmHWM:").split()[0]) / 1024


def cpu_model() -> str:
    try:
        return _line_value("/proc/cpuinfo", "model name")
    except (OSError, KeyError):
        return platform.processor() or platform.machine()


def machine_busy() -> tuple[int, int]:
    """Busy and total CPU time of the whole machine so far (clock ticks, all cores), from /proc/stat."""
    fields = [int(n) for n in _line_value("/proc/stat", "cpu ", " ").split()]
    idle = fields[3] + fields[4]
    total = sum(fields[:8])
    return total - idle, total


def version_of(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def git_commit(repo: Path) -> str:
    """The checked-out commit (read-only), and which tracked files outside benchmarks/ differ from it."""
    try:
        head = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(repo), "diff", "HEAD", "--name-only", "--", ".", ":!benchmarks"],
            capture_output=True,
            text=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} + uncommitted changes to {', '.join(changed)}" if changed else head


def os_description() -> str:
    try:
        name = _line_value("/etc/os-release", "PRETTY_NAME=", "=").strip('"')
    except (OSError, KeyError):
        return platform.platform()
    return f"{name}, Linux {platform.release()}"


def memory_gib() -> float:
    try:
        return int(_line_value("/proc/meminfo", "MemTotal:").split()[0]) / 1024 / 1024
    except (OSError, KeyError):
        return 0.0
