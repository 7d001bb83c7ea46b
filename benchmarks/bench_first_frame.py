"""First frame of the home screen in a real terminal: coach vs a bare Textual app.

Both are started the same way, as the pane's own process of a fresh tmux session (100x30) on
a tmux server that is already up. The time runs from just before ``tmux new-session`` until
``capture-pane`` (polled every ~10 ms) first shows the first routine's title. Then
``startup_probe`` splits both start-ups into imports, set-up and App.run to the first frame.
"""

from __future__ import annotations

import time

from common import (
    BARE_APP,
    BENCH_DIR,
    TERMINAL,
    Figure,
    alternate,
    coach_command,
    data_env,
    median,
    open_pane,
    quiet_data,
    ratio_figure,
    wait_home,
)
from procstat import peak_rss_mib
from startup_probe import Breakdown, breakdown
from tmux import Tmux

TARGET = 1.2


def _first_frame(tmux: Tmux, command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds to the marker, and the process's peak RSS (MiB) at that moment."""
    start = time.monotonic()
    name = open_pane(tmux, command, env, cwd=str(BENCH_DIR))
    try:
        seen = wait_home(tmux, name)
        rss = peak_rss_mib(tmux.pane_pid(name))
    finally:
        tmux.kill_session(name)
    time.sleep(0.2)
    return seen - start, rss


def run(tmux: Tmux, repeats: int) -> list[Figure]:
    with quiet_data() as data:
        env = data_env(data)
        runs = alternate(
            repeats,
            {
                "coach": lambda: _first_frame(tmux, coach_command(), env),
                "bare": lambda: _first_frame(tmux, BARE_APP, env),
            },
        )
        parts = breakdown(tmux, repeats, env)
    times = {key: [seconds for seconds, _ in values] for key, values in runs.items()}
    rss = {key: [peak for _, peak in values] for key, values in runs.items()}
    figure = ratio_figure(f"First frame of the home screen ({TERMINAL})", times, "bare Textual app", TARGET, in_ms=True)
    figure.details += [
        f"peak RSS at first frame: coach {median(rss['coach']):.1f} MiB, bare {median(rss['bare']):.1f} MiB",
        "start-up probe (medians, A B A B): " + "; ".join(parts.lines()),
    ]
    if not figure.passed:
        figure.notes.append(_why(times, parts))
    return [figure]


def _why(times: dict[str, list[float]], parts: Breakdown) -> str:
    """The reason for a missed target, in the probe's own numbers."""
    extra = median(times["coach"]) - median(times["bare"])
    ratio = median(times["coach"]) / median(times["bare"])
    c, b = parts.coach, parts.bare
    before = (c.imports + c.to_run) - (b.imports + b.to_run)
    after = c.to_frame - b.to_frame
    why = (
        f"First frame: coach needs {extra * 1000:.0f} ms more than the bare app ({ratio:.2f}×). "
        f"Timed inside the process, {before:.0f} ms of it come before App.run (coach's own imports, argparse, "
        f"reading config; -X importtime puts coach's modules at {sum(ms for _, ms in parts.own_modules):.0f} ms) "
        f"and {after:.0f} ms after it, from App.run to the first whole frame"
    )
    if c.paints > b.paints:
        return why + (
            f"; coach writes {c.paints:.0f} frames until its home screen is whole, the bare app "
            f"{b.paints:.0f}, as when a screen is pushed after the first paint instead of being "
            f"returned by App.get_default_screen."
        )
    return why + "."
