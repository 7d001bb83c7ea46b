"""``coach validate`` on 256 KiB routine files full of problems vs a bare TOML parse of the same file.

Two files: one of unknown keys (the slowest shape coach parses and judges in full), and one of
tables each holding a dotted key (a shape that costs the TOML parser seconds, refused unparsed).

Both sides are fresh Python processes, so interpreter start-up and imports count on both:
  coach:  coach validate FILE        (must exit 1 and end with "and N more problems")
  bare:   python -c 'tomllib.loads(FILE)'
Runs alternate A B A B … after one warm-up each. Run alone with ``python benchmarks/bench_validate.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PYTHON, Figure, alternate, child_env, coach_command, fmt_runs, median

TARGET = 1.0
"""Seconds: the product spec says any file, however broken, is judged within a second."""
FILE_BYTES = 256 * 1024
BARE_PARSE = "import sys, tomllib; tomllib.loads(open(sys.argv[1], encoding='utf-8').read())"


def problem_file(folder: Path) -> tuple[Path, int]:
    """A routine file of just under 256 KiB whose every line but the last few is an unknown key."""
    head = 'format = 1\ntitle = "Unknown keys"\n'
    tail = '\n[[exercises]]\nid = "a"\nname = "A"\nhow = ["Do it."]\nhold = 5\n'
    lines: list[str] = []
    size = len(head) + len(tail)
    while True:
        line = f"unknown-{len(lines):x} = 1\n"
        if size + len(line) > FILE_BYTES:
            break
        lines.append(line)
        size += len(line)
    path = folder / "unknown-keys.toml"
    path.write_text(head + "".join(lines) + tail, encoding="utf-8")
    return path, len(lines)


def tables_file(folder: Path) -> tuple[Path, int]:
    """A file of just under 256 KiB of ``[table]`` headers, each with a seven-part dotted key."""
    parts: list[str] = ["format = 1\n"]
    size = len(parts[0])
    while True:
        piece = f"[x{len(parts)}]\n" + "a." * 6 + "a = 1\n"
        if size + len(piece) > FILE_BYTES:
            break
        parts.append(piece)
        size += len(piece)
    path = folder / "many-tables.toml"
    path.write_text("".join(parts), encoding="utf-8")
    return path, len(parts) - 1


def _timed(command: list[str], expected: int) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env())
    elapsed = time.perf_counter() - start
    if done.returncode != expected:
        raise RuntimeError(f"{command[0]} exited {done.returncode}, expected {expected}")
    return elapsed


def run(repeats: int) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="coach-bench-validate-") as folder:
        path, keys = problem_file(Path(folder))
        coach = [*coach_command(), "validate", str(path)]
        bare = [PYTHON, "-c", BARE_PARSE, str(path)]
        # Check once that coach judges the whole file (a short-cut would make it look fast).
        done = subprocess.run(coach, capture_output=True, text=True, env=child_env())
        last = done.stderr.splitlines()[-1] if done.stderr else ""
        if done.returncode != 1 or not last.endswith(f"and {keys - 20:,} more problems"):
            raise RuntimeError(f"coach validate exited {done.returncode}; last line {last!r}")
        times = alternate(repeats, {"coach": lambda: _timed(coach, 1), "bare": lambda: _timed(bare, 0)})
        size = path.stat().st_size
    c, b = median(times["coach"]), median(times["bare"])
    figure = Figure(
        name=f"`coach validate`, {size / 1024:.0f} KiB file with {keys:,} unknown keys (fresh processes)",
        coach=f"{c:.2f} s",
        peer=f"{b:.2f} s (bare tomllib parse)",
        ratio=c / b,
        target=f"< {TARGET:.0f} s",
        passed=c < TARGET,
        details=[
            f"coach runs (s): {fmt_runs(times['coach'])}",
            f"bare parse runs (s): {fmt_runs(times['bare'])}",
            f"{size:,} bytes, {keys:,} unknown keys; coach lists 20 problems and counts the rest",
        ],
    )
    if not figure.passed:
        figure.notes.append(
            f"Validate: coach takes {c:.2f} s on a {size / 1024:.0f} KiB file of problems. Profile with: "
            f"python -m cProfile -s cumtime -m coach validate FILE"
        )
    return [figure, _tables_figure(repeats)]


def _tables_figure(repeats: int) -> Figure:
    with tempfile.TemporaryDirectory(prefix="coach-bench-validate-") as folder:
        path, tables = tables_file(Path(folder))
        coach = [*coach_command(), "validate", str(path)]
        bare = [PYTHON, "-c", BARE_PARSE, str(path)]
        done = subprocess.run(coach, capture_output=True, text=True, env=child_env())
        if done.returncode != 1 or "more than 300 tables" not in done.stderr:
            raise RuntimeError(f"coach validate exited {done.returncode}: {done.stderr[:200]!r}")
        times = alternate(repeats, {"coach": lambda: _timed(coach, 1), "bare": lambda: _timed(bare, 0)})
        size = path.stat().st_size
    c, b = median(times["coach"]), median(times["bare"])
    return Figure(
        name=f"`coach validate`, {size / 1024:.0f} KiB file of {tables:,} tables with dotted keys (fresh processes)",
        coach=f"{c:.2f} s",
        peer=f"{b:.2f} s (bare tomllib parse)",
        ratio=c / b,
        target=f"< {TARGET:.0f} s",
        passed=c < TARGET,
        details=[
            f"coach runs (s): {fmt_runs(times['coach'])}",
            f"bare parse runs (s): {fmt_runs(times['bare'])}",
            "coach refuses the file, placed, before parsing: a routine makes at most 300 tables",
        ],
    )


if __name__ == "__main__":
    for result in run(int(sys.argv[1]) if len(sys.argv) > 1 else 15):
        print(
            f"{result.name}: coach {result.coach}, {result.peer}, {result.ratio_text}, "
            f"target {result.target}: {result.verdict}"
        )
        for detail in result.details:
            print(f"- {detail}")
