"""First frame in a real terminal: coach's home screen vs a bare Textual app, and coach's first-run
notice vs a bare Textual notice.

Both sides are started the same way, as the pane's own process of a fresh tmux session (100x30)
on a tmux server that is already up. The time runs from just before ``tmux new-session`` until
``capture-pane`` (polled every ~10 ms) first shows the marker: the first routine's title on the
home screen (a returning user's data folder), the notice's last paragraph on the first-run notice
(a fresh, empty data folder for every run, so coach opens at its notice). Then ``startup_probe``
splits both start-ups into imports, set-up and App.run to the first frame.
Runs alone too, printing RESULTS.md rows: python benchmarks/bench_first_frame.py [--notice] [REPEATS]
(``--notice``: the first-run notice only).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from common import (
    BARE_APP,
    BARE_NOTICE,
    BENCH_DIR,
    HOME_MARKER,
    NOTICE_MARKER,
    TERMINAL,
    Figure,
    alternate,
    coach_command,
    data_env,
    empty_data,
    median,
    open_pane,
    quiet_data,
    ratio_figure,
    wait_marker,
)
from procstat import machine_busy, peak_rss_mib
from startup_probe import Breakdown, breakdown
from tmux import Tmux

TARGET = 1.2


def _first_frame(tmux: Tmux, command: list[str], env: dict[str, str], marker: str = HOME_MARKER) -> tuple[float, float]:
    """Seconds to the marker, and the process's peak RSS (MiB) at that moment."""
    start = time.monotonic()
    name = open_pane(tmux, command, env, cwd=str(BENCH_DIR))
    try:
        seen = wait_marker(tmux, name, marker)
        rss = peak_rss_mib(tmux.pane_pid(name))
    finally:
        tmux.kill_session(name)
    time.sleep(0.2)
    return seen - start, rss


def _first_run_frame(tmux: Tmux, command: list[str]) -> tuple[float, float]:
    """``_first_frame`` of the first-run notice, in a fresh, empty data folder of its own."""
    with empty_data() as data:
        return _first_frame(tmux, command, data_env(data), NOTICE_MARKER)


def run(tmux: Tmux, repeats: int) -> list[Figure]:
    return [run_home(tmux, repeats), run_notice(tmux, repeats)]


def run_home(tmux: Tmux, repeats: int) -> Figure:
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
    name = f"First frame of the home screen ({TERMINAL})"
    return _figure(name, runs, parts, "bare Textual app")


def run_notice(tmux: Tmux, repeats: int) -> Figure:
    _check_notice_marker()
    runs = alternate(
        repeats,
        {
            "coach": lambda: _first_run_frame(tmux, coach_command()),
            "bare": lambda: _first_run_frame(tmux, BARE_NOTICE),
        },
    )
    with empty_data() as data:
        parts = breakdown(tmux, repeats, data_env(data), screen="notice")
    name = f"First frame of the first-run notice ({TERMINAL})"
    figure = _figure(name, runs, parts, "bare Textual notice")
    figure.details.append("every run in a fresh, empty data folder (no config, no profile); the probe's runs share one")
    return figure


def _check_notice_marker() -> None:
    """The bare notice holds a copy of coach's text: its marker must still be in coach's own."""
    from coach.safety.pain import FIRST_RUN_NOTICE

    if NOTICE_MARKER not in FIRST_RUN_NOTICE:
        raise RuntimeError(f"coach's first-run notice no longer says {NOTICE_MARKER!r}: update common.NOTICE_MARKER")


def _figure(name: str, runs: dict[str, list[tuple[float, float]]], parts: Breakdown, peer: str) -> Figure:
    times = {key: [seconds for seconds, _ in values] for key, values in runs.items()}
    rss = {key: [peak for _, peak in values] for key, values in runs.items()}
    figure = ratio_figure(name, times, peer, TARGET, in_ms=True)
    figure.details += [
        f"peak RSS at first frame: coach {median(rss['coach']):.1f} MiB, bare {median(rss['bare']):.1f} MiB",
        "start-up probe (medians, A B A B): " + "; ".join(parts.lines()),
    ]
    if not figure.passed:
        figure.notes.append(_why(times, parts))
    return figure


def _why(times: dict[str, list[float]], parts: Breakdown) -> str:
    """The reason for a missed target, in the probe's own numbers."""
    extra = median(times["coach"]) - median(times["bare"])
    ratio = median(times["coach"]) / median(times["bare"])
    c, b = parts.coach, parts.bare
    before = (c.imports + c.to_run) - (b.imports + b.to_run)
    after = c.to_frame - b.to_frame
    screen, peer = ("first-run notice", "bare notice") if parts.screen == "notice" else ("home screen", "bare app")
    why = (
        f"First frame of the {screen}: coach needs {extra * 1000:.0f} ms more than the {peer} ({ratio:.2f}×). "
        f"Timed inside the process, {before:.0f} ms of it come before App.run (coach's own imports, argparse, "
        f"reading config; -X importtime puts coach's modules at {sum(ms for _, ms in parts.own_modules):.0f} ms) "
        f"and {after:.0f} ms after it, from App.run to the first whole frame"
    )
    if c.paints > b.paints:
        why += (
            f"; coach writes {c.paints:.0f} frames until its {screen} is whole, the {peer} "
            f"{b.paints:.0f}, as when a screen is pushed after the first paint instead of being "
            f"returned by App.get_default_screen"
        )
    return why + "."


def main(argv: list[str]) -> None:
    """Measure both figures (or with ``--notice`` the first-run notice's only) and print them as RESULTS.md rows."""
    from common import child_env

    notice = "--notice" in argv
    numbers = [arg for arg in argv if arg != "--notice"]
    repeats = int(numbers[0]) if numbers else 15
    measures: list[Callable[[Tmux, int], Figure]] = [run_notice] if notice else [run_home, run_notice]
    started, load, busy_before = time.monotonic(), os.getloadavg()[0], machine_busy()
    with Tmux(child_env()) as tmux:
        figures = [measure(tmux, repeats) for measure in measures]
    busy, total = (after - before for after, before in zip(machine_busy(), busy_before, strict=True))
    print(
        f"{repeats} repeats, {(time.monotonic() - started) / 60:.1f} min; load average {load:.2f} before, "
        f"the machine's cores {busy / total * 100:.0f}% busy during it\n"
    )
    for figure in figures:
        cells = (figure.name, figure.coach, figure.peer, figure.ratio_text, figure.target, figure.verdict)
        print("| " + " | ".join(cells) + " |")
    for figure in figures:
        print(f"\n### {figure.name}\n")
        for detail in figure.details:
            print(f"- {detail}")
        for note in figure.notes:
            print(f"* {note}")


if __name__ == "__main__":
    main(sys.argv[1:])
