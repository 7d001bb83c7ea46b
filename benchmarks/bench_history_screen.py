"""The history screen over many logs, in a real terminal: how soon the first rows show.

coach starts at home in tmux 100x30 over a data folder whose ``sessions`` are the generated
logs; once home is up, ``h`` is sent. The time runs from that key until a session row (a date
and time) is on screen, and until every log is read (the status line says "newest first"); that
second time is information, and a screen that has not read every log within ``ALL_READ_TIMEOUT``
is reported as such instead of ending the whole run.
"""

from __future__ import annotations

import re
import time

from common import TERMINAL, Figure, coach_command, data_env, fmt_runs, median, open_pane, quiet_data, wait_home
from make_logs import ensure_logs
from tmux import Tmux, TmuxError

TARGET = 1.0
ALL_READ_TIMEOUT = 120.0
ROW = re.compile(r"^ \d{4}-\d\d-\d\d \d\d:\d\d ", re.MULTILINE)
ALL_READ = "sessions, newest first"


def _open_history(tmux: Tmux, env: dict[str, str]) -> tuple[float, float | None]:
    """Seconds from ``h`` to the first rows, and to every log read (None: not within ``ALL_READ_TIMEOUT``)."""
    name = open_pane(tmux, coach_command(), env)
    try:
        wait_home(tmux, name, interval=0.02)
        start = time.monotonic()
        tmux.send_keys(name, "h")
        first, _ = tmux.wait_for(name, lambda screen: ROW.search(screen) is not None, timeout=30, interval=0.01)
        try:
            every: float | None = tmux.wait_text(name, ALL_READ, timeout=ALL_READ_TIMEOUT, interval=0.05)[0] - start
        except TmuxError:
            every = None
    finally:
        tmux.kill_session(name)
    return first - start, every


def run(tmux: Tmux, count: int, repeats: int) -> list[Figure]:
    logs = ensure_logs(count)
    with quiet_data() as data:
        (data / "sessions").symlink_to(logs / "sessions", target_is_directory=True)
        env = data_env(data)
        _open_history(tmux, env)
        runs = [_open_history(tmux, env) for _ in range(repeats)]
    first = [seconds for seconds, _ in runs]
    every = [seconds for _, seconds in runs if seconds is not None]
    every_line = f"every log read and listed (s): {fmt_runs(every)}; median {median(every):.2f} s"
    unfinished = ""
    if len(every) < len(runs):
        unfinished = (
            f"{len(runs) - len(every)} of {len(runs)} runs had not read every log after {ALL_READ_TIMEOUT:.0f} s"
        )
        every_line = f"{every_line}; {unfinished}" if every else unfinished
    shown = median(first)
    figure = Figure(
        name=f"History screen: first rows over {count:,} logs ({TERMINAL})",
        coach=f"{shown * 1000:.0f} ms",
        peer="—",
        ratio=None,
        target=f"< {TARGET:.0f} s",
        passed=shown < TARGET,
        details=[
            f"first rows after h (s): {fmt_runs(first)}",
            every_line,
        ],
    )
    if not figure.passed:
        figure.notes.append(f"History screen: first rows took {shown:.2f} s over {count:,} logs.")
    if unfinished:
        figure.notes.append(f"History screen over {count:,} logs: {unfinished}.")
    return [figure]
