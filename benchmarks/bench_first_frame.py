"""First frame of the home screen in a real terminal: coach vs a bare Textual app.

Both are started the same way, as the pane's own process of a fresh tmux session (100x30) on
a tmux server that is already up. The time runs from just before ``tmux new-session`` until
``capture-pane`` (polled every ~10 ms) first shows the first routine's title.
"""

from __future__ import annotations

import shutil
import time

from common import BENCH_DIR, HEIGHT, HOME_MARKER, PYTHON, WIDTH, Figure, coach_command, fmt_runs, median, quiet_data_dir
from procstat import peak_rss_mib
from tmux import Tmux

TARGET = 1.2


def _first_frame(tmux: Tmux, command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds to the marker, and the process's peak RSS (MiB) at that moment."""
    start = time.monotonic()
    name = tmux.new_session(command, width=WIDTH, height=HEIGHT, env=env, cwd=str(BENCH_DIR))
    try:
        seen, _ = tmux.wait_text(name, HOME_MARKER, timeout=30, interval=0.01)
        rss = peak_rss_mib(tmux.pane_pid(name))
    finally:
        tmux.kill_session(name)
    return seen - start, rss


def run(tmux: Tmux, repeats: int) -> list[Figure]:
    data = quiet_data_dir()
    env = {"COACH_DATA_DIR": str(data)}
    runners = {
        "coach": lambda: _first_frame(tmux, coach_command(), env),
        "bare": lambda: _first_frame(tmux, [PYTHON, str(BENCH_DIR / "bare_app.py")], env),
    }
    try:
        for runner in runners.values():  # warm-up: page cache and .pyc files, not counted
            runner()
        times: dict[str, list[float]] = {key: [] for key in runners}
        rss: dict[str, list[float]] = {key: [] for key in runners}
        for _ in range(repeats):
            for key, runner in runners.items():
                seconds, peak = runner()
                times[key].append(seconds)
                rss[key].append(peak)
                time.sleep(0.2)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    coach, bare = median(times["coach"]), median(times["bare"])
    ratio = coach / bare
    figure = Figure(
        name="First frame of the home screen (tmux 100x30)",
        coach=f"{coach * 1000:.0f} ms", peer=f"{bare * 1000:.0f} ms (bare Textual app)",
        ratio=ratio, target=f"≤ {TARGET}×", passed=ratio <= TARGET,
        details=[
            f"coach runs (s): {fmt_runs(times['coach'])}",
            f"bare app runs (s): {fmt_runs(times['bare'])}",
            f"peak RSS at first frame: coach {median(rss['coach']):.1f} MiB, bare {median(rss['bare']):.1f} MiB",
        ],
    )
    if not figure.passed:
        figure.notes.append(
            f"First frame: coach takes {(coach - bare) * 1000:.0f} ms more than the bare app "
            f"({ratio:.2f}×). See RESULTS.md for where start-up time goes (python -X importtime).")
    return [figure]
