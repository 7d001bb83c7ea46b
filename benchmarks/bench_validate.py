"""``coach validate`` on 256 KiB routine files full of problems vs a bare TOML parse of the same file.

Three files: one of unknown keys (the slowest shape coach parses and judges in full), one of
tables each holding a dotted key (a shape that costs the TOML parser seconds, refused unparsed),
and one whose literal string holds U+2028 and then 120,000 escaped quotes, with an unknown key
after it (it once cost coach minutes, scanning the lines again from every quote).

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
from collections.abc import Callable
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


def separator_file(folder: Path) -> tuple[Path, int]:
    """About 240 KB: U+2028 in a literal string, 120,000 escaped quotes after it, one unknown key."""
    quotes = 120_000
    text = (
        'format = 1\ntitle = "Separator"\n'
        + "description = 'a\u2028"
        + '\\"' * quotes
        + "'\nbogus = 1\n"
        + '\n[[exercises]]\nid = "a"\nname = "A"\nhow = ["Do it."]\nhold = 5\n'
    )
    path = folder / "separator.toml"
    path.write_text(text, encoding="utf-8")
    return path, quotes


def _timed(command: list[str], expected: int) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env())
    elapsed = time.perf_counter() - start
    if done.returncode != expected:
        raise RuntimeError(f"{command[0]} exited {done.returncode}, expected {expected}")
    return elapsed


def run(repeats: int) -> list[Figure]:
    return [
        _figure(
            repeats, problem_file, _judges_every_key, "unknown keys", "coach lists 20 problems and counts the rest"
        ),
        _figure(
            repeats,
            tables_file,
            _refuses_before_parsing,
            "tables with dotted keys",
            "coach refuses the file, placed, before parsing: a routine makes at most 300 tables",
        ),
        _figure(
            repeats,
            separator_file,
            _places_the_key_after_the_separator,
            "escaped quotes after U+2028",
            "coach places the unknown key on line 4: U+2028 does not end a TOML line",
        ),
    ]


def _judges_every_key(stderr: str, keys: int) -> bool:
    """A short-cut would make coach look fast: the whole file must have been judged."""
    last = stderr.splitlines()[-1] if stderr else ""
    return last.endswith(f"and {keys - 20:,} more problems")


def _refuses_before_parsing(stderr: str, _tables: int) -> bool:
    return "more than 300 tables" in stderr


def _places_the_key_after_the_separator(stderr: str, _quotes: int) -> bool:
    return any(":4:1: bogus: unknown key" in line for line in stderr.splitlines())


def _figure(
    repeats: int,
    make: Callable[[Path], tuple[Path, int]],
    said_right: Callable[[str, int], bool],
    what: str,
    how: str,
) -> Figure:
    with tempfile.TemporaryDirectory(prefix="coach-bench-validate-") as folder:
        path, count = make(Path(folder))
        coach = [*coach_command(), "validate", str(path)]
        bare = [PYTHON, "-c", BARE_PARSE, str(path)]
        done = subprocess.run(coach, capture_output=True, text=True, env=child_env())
        if done.returncode != 1 or not said_right(done.stderr, count):
            raise RuntimeError(f"coach validate exited {done.returncode}: {done.stderr[-200:]!r}")
        times = alternate(repeats, {"coach": lambda: _timed(coach, 1), "bare": lambda: _timed(bare, 0)})
        size = path.stat().st_size
    c, b = median(times["coach"]), median(times["bare"])
    figure = Figure(
        name=f"`coach validate`, {size / 1024:.0f} KiB file of {count:,} {what} (fresh processes)",
        coach=f"{c:.2f} s",
        peer=f"{b:.2f} s (bare tomllib parse)",
        ratio=c / b,
        target=f"< {TARGET:.0f} s",
        passed=c < TARGET,
        details=[
            f"coach runs (s): {fmt_runs(times['coach'])}",
            f"bare parse runs (s): {fmt_runs(times['bare'])}",
            f"{size:,} bytes; {how}",
        ],
    )
    if not figure.passed:
        figure.notes.append(
            f"Validate: coach takes {c:.2f} s on a {size / 1024:.0f} KiB file of {what}. Profile with: "
            f"python -m cProfile -s cumtime -m coach validate FILE"
        )
    return figure


if __name__ == "__main__":
    for result in run(int(sys.argv[1]) if len(sys.argv) > 1 else 15):
        print(
            f"{result.name}: coach {result.coach}, {result.peer}, {result.ratio_text}, "
            f"target {result.target}: {result.verdict}"
        )
        for detail in result.details:
            print(f"- {detail}")
