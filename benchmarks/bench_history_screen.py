"""The history screen over many logs, in a real terminal: how soon the first rows show.

coach starts at home in tmux 100x30 over a data folder whose ``sessions`` are the generated
logs; once home is up, ``h`` is sent. The time runs from that key until a session row (a date
and time) is on screen, and until every log is read (the status line says "newest first").
"""

from __future__ import annotations

import re
import time

from common import TERMINAL, Figure, coach_command, data_env, fmt_runs, median, open_pane, quiet_data, wait_home
from make_logs import ensure_logs
from tmux import Tmux

TARGET = 1.0
ROW = re.compile(r"^ \d{4}-\d\d-\d\d \d\d:\d\d ", re.MULTILINE)
ALL_READ = "sessions, newest first"


def _open_history(tmux: Tmux, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from ``h`` to the first rows, and to every log read."""
    name = open_pane(tmux, coach_command(), env)
    try:
        wait_home(tmux, name, interval=0.02)
        start = time.monotonic()
        tmux.send_keys(name, "h")
        first, _ = tmux.wait_for(name, lambda screen: ROW.search(screen) is not None, timeout=30, interval=0.01)
        every, _ = tmux.wait_text(name, ALL_READ, timeout=120, interval=0.05)
    finally:
        tmux.kill_session(name)
    return first - start, every - start


def run(tmux: Tmux, count: int, repeats: int) -> list[Figure]:
    logs = ensure_logs(count)
    with quiet_data() as data:
        (data / "sessions").symlink_to(logs / "sessions", target_is_directory=True)
        env = data_env(data)
        _open_history(tmux, env)
        runs = [_open_history(tmux, env) for _ in range(repeats)]
    first = [seconds for seconds, _ in runs]
    every = [seconds for _, seconds in runs]
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
            f"every log read and listed (s): {fmt_runs(every)}; median {median(every):.2f} s",
        ],
    )
    if not figure.passed:
        figure.notes.append(f"History screen: first rows took {shown:.2f} s over {count:,} logs.")
    return [figure]
