"""``coach history --format csv`` over many logs vs a bare loop that only parses the same files.

Both sides are fresh Python processes, so interpreter start-up and imports count on both:
  coach:  coach --data-dir DIR history --format csv > /dev/null
  bare:   python benchmarks/bare_parse.py DIR   (tomllib.loads of every sessions/*.toml)
Runs alternate A B A B … after one warm-up each (page cache). ``history_inproc.py`` then times
the pure work of both inside one process, without start-up.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from common import BENCH_DIR, PYTHON, Figure, alternate, child_env, coach_command, fmt_runs, median, ratio_figure
from make_logs import ensure_logs

TARGET = 1.5


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=child_env())
    return time.perf_counter() - start


def run(count: int, repeats: int) -> list[Figure]:
    data = ensure_logs(count)
    coach = [*coach_command(), "--data-dir", str(data), "history", "--format", "csv"]
    bare = [PYTHON, str(BENCH_DIR / "bare_parse.py"), str(data)]
    # Check once that coach reads every log (a skipped log would make it look fast).
    done = subprocess.run(coach, capture_output=True, text=True, env=child_env())
    rows = done.stdout.count("\n") - 1
    if done.returncode != 0 or rows != count or "unreadable log" in done.stderr:
        raise RuntimeError(
            f"coach history gave {rows} rows for {count} logs (exit {done.returncode}): {done.stderr[:500]}"
        )
    times = alternate(repeats, {"coach": lambda: _timed(coach), "bare": lambda: _timed(bare)})
    inproc = json.loads(
        subprocess.run(
            [PYTHON, str(BENCH_DIR / "history_inproc.py"), str(data), str(max(2, repeats // 2))],
            capture_output=True,
            text=True,
            check=True,
            env=child_env(),
            cwd=BENCH_DIR,
        ).stdout
    )
    c, b = median(times["coach"]), median(times["bare"])
    ci, bi = median(inproc["coach"]), median(inproc["bare"])
    figure = ratio_figure(
        f"`coach history --format csv`, {count:,} logs (fresh processes)", times, "bare tomllib loop", TARGET
    )
    figure.details += [
        f"in-process, pure work (no start-up): coach list_sessions + sessions_csv {ci:.2f} s, "
        f"bare parse loop {bi:.2f} s ({ci / bi:.2f}×); runs coach {fmt_runs(inproc['coach'])}, "
        f"bare {fmt_runs(inproc['bare'])}",
        f"{count:,} logs, {sum(p.stat().st_size for p in (Path(data) / 'sessions').glob('*.toml')) / 1e6:.1f} MB, "
        f"made by make_logs.py with coach.logs.store.create_session/save_session",
    ]
    inproc_figure = Figure(
        name=f"history csv, {count:,} logs, in-process (pure work)",
        coach=f"{ci:.2f} s",
        peer=f"{bi:.2f} s (bare tomllib loop)",
        ratio=ci / bi,
        target="(info)",
        passed=None,
    )
    if not figure.passed:
        figure.notes.append(
            f"History: coach takes {c:.2f} s against {b:.2f} s for the bare parse ({c / b:.2f}×); "
            f"in-process {ci:.2f} s vs {bi:.2f} s. Profile with: python -m cProfile -s cumtime "
            f"-m coach --data-dir {data} history --format csv > /dev/null"
        )
    return [figure, inproc_figure]
