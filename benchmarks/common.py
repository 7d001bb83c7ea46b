"""Shared bits: where things are, how a figure is reported, small statistics."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
PYTHON = sys.executable
WIDTH, HEIGHT = 100, 30
"""The terminal size every tmux benchmark uses."""

HOME_MARKER = "Gentle lower-back relief"
"""Text on coach's home screen (first routine's title) that marks its first frame."""


PYCACHE = Path(tempfile.gettempdir()) / "coach-bench-pycache"


def child_env() -> dict[str, str]:
    """The environment of every measured process: as after a normal install, bytecode is cached.

    A dev shell may set PYTHONDONTWRITEBYTECODE, which makes an editable coach recompile all its
    modules at every start while Textual's (pip-installed) .pyc files are used: unfair to coach
    and unlike a real install. Caches go to a folder under /tmp, never into the source tree.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def script(name: str) -> str:
    """The path of an executable installed next to this Python (a venv's bin), else on PATH."""
    local = Path(PYTHON).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if not found:
        raise FileNotFoundError(name)
    return found


def coach_command() -> list[str]:
    return [script("coach")]


def quiet_data_dir(parent: Path | None = None) -> Path:
    """A fresh coach data folder whose config skips the first-run notice and the bell."""
    folder = Path(tempfile.mkdtemp(prefix="coach-bench-", dir=parent))
    (folder / "config.toml").write_text("accepted_notice = true\nsound = false\n", encoding="utf-8")
    return folder


@dataclass
class Figure:
    """One row of the results table, with the raw runs behind it."""

    name: str
    coach: str
    peer: str
    ratio: float | None
    target: str
    passed: bool | None
    """None when there is nothing to judge (the figure could not be measured)."""
    notes: list[str] = field(default_factory=list)
    """Shown under the table: why a target was missed, caveats."""
    details: list[str] = field(default_factory=list)
    """Raw runs, for RESULTS.md."""

    @property
    def verdict(self) -> str:
        if self.passed is None:
            return "n/a"
        return "met" if self.passed else "MISSED"


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def fmt_runs(values: Sequence[float], unit: str = "", digits: int = 3) -> str:
    return ", ".join(f"{v:.{digits}f}{unit}" for v in values)


def alternate(repeats: int, *runners):
    """Run ``runners`` in turn A B A B …, ``repeats`` times each; yields (index, round, result)."""
    for round_ in range(repeats):
        for index, runner in enumerate(runners):
            yield index, round_, runner()
