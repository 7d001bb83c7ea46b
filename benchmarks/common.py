"""Shared bits: where things are, panes of the benchmark size, how a figure is reported, small statistics."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
PYTHON = sys.executable
WIDTH, HEIGHT = 100, 30
"""The terminal size every tmux benchmark uses."""
TERMINAL = f"tmux {WIDTH}x{HEIGHT}"
"""The terminal, as figure names give it."""
BARE_APP = [PYTHON, str(BENCH_DIR / "bare_app.py")]
"""A bare Textual app with the home screen's widgets: coach's peer for start-up and memory."""

HOME_MARKER = "Gentle lower-back relief"
"""Text on coach's home screen (first routine's title) that marks its first frame."""
BARE_NOTICE = [PYTHON, str(BENCH_DIR / "bare_notice.py")]
"""A bare Textual app showing a scrollable text notice: coach's peer for the first-run notice."""
NOTICE_MARKER = "The safety check before every session asks about these"
"""Text in the first screenful of coach's first-run notice (its last paragraph, on one line at
100x30) and of the bare notice, that marks its first frame."""


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


@contextmanager
def quiet_data(voice: bool = False) -> Iterator[Path]:
    """A fresh coach data folder of a returning user; removed afterwards.

    Its config skips the first-run notice and the bell, and speaks the cues only with ``voice``;
    its health profile is finished and reviewed today (aged 16 to 49, under 6 weeks, not a first
    episode, assessed, "no" to everything else), so coach opens at home and a session can start.
    """
    from datetime import datetime

    from coach.safety.profile import Profile
    from coach.safety.profile_questions import (
        AGE_QUESTION,
        ANSWER_IDS,
        ASSESSED_QUESTION,
        EPISODE_QUESTION,
        FIRST_EPISODE_QUESTION,
    )
    from coach.safety.profile_store import save_profile

    folder = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    (folder / "config.toml").write_text(
        f"accepted_notice = true\nsound = false\nvoice = {str(voice).lower()}\n", encoding="utf-8"
    )
    profile, now = Profile(), datetime.now().astimezone()
    given: dict[str, bool | str] = {
        AGE_QUESTION.id: "16-49",
        EPISODE_QUESTION.id: "under-6-weeks",
        FIRST_EPISODE_QUESTION.id: False,
        ASSESSED_QUESTION.id: True,
    }
    for answer_id in ANSWER_IDS:
        profile.answer(answer_id, given.get(answer_id, False), now)
    profile.mark_reviewed(now)
    if not profile.complete or profile.needs_clearance or profile.due_for_review(now.date()):
        raise RuntimeError(f"the returning user's profile would not open at home: {profile.unanswered}")
    save_profile(folder, profile)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def empty_data() -> Iterator[Path]:
    """A fresh, empty coach data folder (no config, no profile: coach opens at its first-run notice);
    removed afterwards. Raises ``RuntimeError`` if something was written to it, as only accepting
    the notice should write."""
    folder = Path(tempfile.mkdtemp(prefix="coach-bench-first-"))
    try:
        yield folder
        written = sorted(path.name for path in folder.iterdir())
        if written:
            raise RuntimeError(f"coach wrote {', '.join(written)} before its first-run notice was accepted")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def data_env(folder: Path) -> dict[str, str]:
    """The extra environment that points coach at ``folder``."""
    return {"COACH_DATA_DIR": str(folder)}


def open_pane(tmux, command: Sequence[str], env: dict[str, str] | None = None, cwd: str | None = None) -> str:
    """Start ``command`` in a fresh tmux session of the benchmark size; returns the session's name."""
    return tmux.new_session(command, width=WIDTH, height=HEIGHT, env=env, cwd=cwd)


def wait_home(tmux, name: str, interval: float = 0.01) -> float:
    """Wait until the home screen (coach's or the bare app's) shows in ``name``; returns when it was seen."""
    return wait_marker(tmux, name, HOME_MARKER, interval)


def wait_marker(tmux, name: str, marker: str, interval: float = 0.01) -> float:
    """Wait until ``marker`` shows in ``name``; returns when it was seen."""
    seen, _ = tmux.wait_text(name, marker, timeout=30, interval=interval)
    return seen


def run_probe(
    tmux,
    probe: str,
    args: Sequence[str],
    env: dict[str, str],
    *,
    timeout: float,
    start: Callable[[str], object] | None = None,
    interval: float = 0.05,
) -> dict:
    """Run ``python benchmarks/<probe> OUT ARGS…`` in a fresh tmux session; return the JSON it writes to OUT.

    ``start(session)``, if given, is called first, e.g. to answer coach's questions.
    """
    fd, out = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    name = open_pane(tmux, [PYTHON, str(BENCH_DIR / probe), out, *args], env, cwd=str(BENCH_DIR))
    try:
        if start is not None:
            start(name)
        tmux.wait_for(
            name,
            lambda _screen: os.path.getsize(out) > 0,
            timeout=timeout,
            interval=interval,
            what=f"{probe}'s results",
        )
        with open(out) as file:
            return json.load(file)
    finally:
        tmux.kill_session(name)
        os.unlink(out)


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

    @property
    def ratio_text(self) -> str:
        return "—" if self.ratio is None else f"{self.ratio:.2f}×"


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def fmt_runs(values: Sequence[float], unit: str = "", digits: int = 3) -> str:
    return ", ".join(f"{v:.{digits}f}{unit}" for v in values)


def ratio_figure(name: str, runs: dict[str, list[float]], peer: str, target: float, *, in_ms: bool = False) -> Figure:
    """coach's runs against the peer's (``bare``): met when the ratio of their medians is at most ``target``."""
    coach, bare = median(runs["coach"]), median(runs["bare"])
    ratio = coach / bare
    shown = [f"{seconds * 1000:.0f} ms" if in_ms else f"{seconds:.2f} s" for seconds in (coach, bare)]
    details = [f"coach runs (s): {fmt_runs(runs['coach'])}", f"{peer} runs (s): {fmt_runs(runs['bare'])}"]
    return Figure(name, shown[0], f"{shown[1]} ({peer})", ratio, f"≤ {target}×", ratio <= target, details=details)


def alternate(repeats: int, runners: dict[str, Callable[[], T]], *, warm_up: bool = True) -> dict[str, list[T]]:
    """Run ``runners`` in turn A B A B …, ``repeats`` times each, after one uncounted warm-up round."""
    if warm_up:
        for runner in runners.values():
            runner()
    results: dict[str, list[T]] = {key: [] for key in runners}
    for _ in range(repeats):
        for key, runner in runners.items():
            results[key].append(runner())
    return results
