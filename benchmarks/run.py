"""Run every benchmark, print the table and write benchmarks/RESULTS.md.

    python benchmarks/run.py            # the full run, about 18 minutes on 2 cores
    python benchmarks/run.py --quick    # a smoke run of about 3 minutes; prints, writes nothing

Needs Linux (/proc), tmux, and termdown (pip install -e '.[bench]'). Every program runs on a
private tmux server of its own; the sessions and the server are gone when this returns.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import sys
import time
from datetime import datetime
from pathlib import Path

import bench_first_frame
import bench_history
import bench_history_screen
import bench_hold
import bench_validate
import procstat
import tmux as tmux_module
from common import BENCH_DIR, REPO, Figure, child_env, script
from make_logs import ensure_logs
from tmux import Tmux

RESULTS = BENCH_DIR / "RESULTS.md"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Measure coach against its peers and write RESULTS.md.")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="short smoke run (3 repeats, 1,000 logs, 10 s CPU window, 20 s drift hold); writes no file",
    )
    parser.add_argument("--repeats", type=int, help="runs of each side for first frame and history (default 15 / 3)")
    parser.add_argument("--logs", type=int, help="session logs for the history figures (default 10,000 / 1,000)")
    parser.add_argument("--rounds", type=int, help="coach/termdown hold rounds (default 5 / 1)")
    parser.add_argument("--hold", type=float, help="CPU window in seconds (default 60 / 10)")
    parser.add_argument("--drift-hold", type=int, help="one continuous hold for the drift figure (default 120 / 20)")
    parser.add_argument("--output", type=Path, help=f"where to write the results (default {RESULTS} on a full run)")
    args = parser.parse_args(argv)
    quick = args.quick
    args.repeats = args.repeats or (3 if quick else 15)
    args.logs = args.logs or (1_000 if quick else 10_000)
    args.rounds = args.rounds or (1 if quick else 5)
    args.hold = args.hold or (10.0 if quick else 60.0)
    args.drift_hold = args.drift_hold or (20 if quick else 120)
    if args.output is None and not quick:
        args.output = RESULTS
    return args


def check_tools() -> None:
    missing = [
        name
        for name, found in (
            ("Linux /proc", Path("/proc/self/stat").exists()),
            ("tmux", shutil.which("tmux") is not None),
        )
        if not found
    ]
    try:
        script("termdown")
    except FileNotFoundError:
        missing.append("termdown (pip install -e '.[bench]')")
    if missing:
        sys.exit("benchmarks need: " + ", ".join(missing))


def machine() -> list[tuple[str, str]]:
    return [
        ("Date", datetime.now().astimezone().isoformat(timespec="seconds")),
        ("Machine", f"{procstat.cpu_model()}, {os.cpu_count()} cores, {procstat.memory_gib():.1f} GiB memory"),
        ("OS", procstat.os_description()),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("Textual", procstat.version_of("textual")),
        ("Rich", procstat.version_of("rich")),
        ("tmux", tmux_module.version()),
        ("termdown", f"{procstat.version_of('termdown')} (art {procstat.version_of('art')})"),
        ("coach", f"{procstat.version_of('coach')}, commit {procstat.git_commit(REPO)}"),
    ]


def measure(args: argparse.Namespace) -> list[Figure]:
    figures: list[Figure] = []
    step = _stepper()
    ensure_logs(args.logs)
    with Tmux(child_env()) as tmux:
        step(f"first frame (home screen, first-run notice), {args.repeats} runs each")
        figures += bench_first_frame.run(tmux, args.repeats)
        step(
            f"hold: {args.rounds} × (coach {args.hold:.0f} s, termdown {args.hold:.0f} s), "
            f"then one {args.drift_hold} s hold"
        )
        figures += bench_hold.run(tmux, args.rounds, args.hold, args.drift_hold)
        step(f"history screen over {args.logs:,} logs")
        figures += bench_history_screen.run(tmux, args.logs, max(3, args.repeats // 3))
    step(f"coach history --format csv over {args.logs:,} logs")
    figures += bench_history.run(args.logs, max(3, args.repeats // 2))
    step("coach validate on a 256 KiB file full of problems")
    figures += bench_validate.run(args.repeats)
    step("done")
    return figures


def _stepper():
    started = time.monotonic()

    def step(what: str) -> None:
        print(f"[{(time.monotonic() - started) / 60:4.1f} min] {what}", flush=True)

    return step


def table(figures: list[Figure]) -> list[list[str]]:
    head = ["figure", "coach (median)", "compared with (median)", "ratio", "target", "result"]
    return [head, *([f.name, f.coach, f.peer, f.ratio_text, f.target, f.verdict] for f in figures)]


def print_table(figures: list[Figure]) -> None:
    rows = table(figures)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for number, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))
    for note in (note for f in figures for note in f.notes):
        print(f"\n* {note}")


def markdown(figures: list[Figure], args: argparse.Namespace, minutes: float, load: str) -> str:
    rows = table(figures)
    lines = [
        "# Benchmark results",
        "",
        "Written by `python benchmarks/run.py`; what each figure means: [README.md](README.md).",
        "",
    ]
    lines += [f"- **{key}:** {value}" for key, value in machine()]
    lines += [
        f"- **Run:** {args.repeats} repeats, {args.logs:,} logs, {args.rounds} hold rounds, "
        f"{args.hold:.0f} s CPU window, {args.drift_hold} s drift hold; {minutes:.1f} min in all",
        f"- **Load:** {load}",
        "",
    ]
    lines += ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows[1:]]
    lines += ["", "## Where a target is missed, and why", ""]
    notes = [note for f in figures for note in f.notes]
    lines += [f"- {note}" for note in notes] or ["Every target is met."]
    lines += ["", "## Runs", ""]
    for figure in (f for f in figures if f.details):
        lines += [f"### {figure.name}", "", *(f"- {detail}" for detail in figure.details), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    check_tools()
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, lambda number, _frame: sys.exit(128 + number))
    started, load_before, busy_before = time.monotonic(), os.getloadavg()[0], procstat.machine_busy()
    figures = measure(args)
    busy, total = (after - before for after, before in zip(procstat.machine_busy(), busy_before, strict=False))
    load = (
        f"load average {load_before:.2f} before the run; the machine's cores were {busy / total * 100:.0f}% busy "
        f"during it, the benchmarks' own screen captures included"
    )
    print()
    print_table(figures)
    print(f"\n{load}")
    if args.output:
        args.output.write_text(markdown(figures, args, (time.monotonic() - started) / 60, load), encoding="utf-8")
        print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
