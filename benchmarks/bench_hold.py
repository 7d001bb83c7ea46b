"""A long hold in a real terminal: CPU vs termdown, countdown vs monotonic truth, peak RSS.

One coach run per round: ``coach run hold.toml`` (a single hold of ``hold`` seconds, no
get-ready) in tmux 100x30. The four red-flag questions are answered ``n`` and the pain question
``2``; the monotonic time just after that last key is sent is the start of the truth. Then:

* the screen is sampled all through the hold (densely around each expected change of the
  digits, sparsely in between) and the big digits are decoded;
* the CPU time of coach's process (utime + stime from /proc/<pid>/stat) is read at the start
  and end of a window inside the hold;
* a bare Textual app with the home screen's widgets runs beside it in its own tmux session,
  so its peak RSS (VmHWM) can be read after exactly the same time as coach's.

Then, in turn, termdown counts down in the same terminal size and its CPU time is read over a
window of the same length, once its first frame is up (so neither side pays for start-up).
"""

from __future__ import annotations

import math
import shutil
import time
from dataclasses import dataclass, field

from common import BENCH_DIR, HEIGHT, HOME_MARKER, PYTHON, WIDTH, Figure, coach_command, fmt_runs, median, quiet_data_dir, script
from digits import DigitReader
from procstat import cpu_seconds, peak_rss_mib
from tmux import Tmux

CPU_TARGET = 1.0
RSS_TARGET_MIB = 60.0
DRIFT_TOLERANCE = 0.025
"""Seconds: the resolution of the transition timing (dense sampling every ~15 ms)."""
DENSE = 0.2
"""Sample densely this long either side of each expected change of the digits."""

HOLD_ROUTINE = """\
format = 1
title = "Bench hold"
prepare = 0

[[exercises]]
id = "hold"
name = "Hold"
how = ["Hold still."]
hold = {hold}
"""


@dataclass
class Sample:
    t0: float
    t1: float
    shown: int | None


@dataclass
class CoachRun:
    hold: int
    start: float
    samples: list[Sample] = field(default_factory=list)
    cpu: float = 0.0
    """CPU seconds over the window."""
    window: float = 0.0
    """Wall seconds of the window."""
    bare_cpu: float = 0.0
    rss: float = 0.0
    bare_rss: float = 0.0
    elapsed: float = 0.0
    """Seconds from launch to the RSS reading."""


@dataclass
class Transition:
    value: int
    at: float
    """Estimated monotonic time of the change (midpoint between the two samples)."""
    uncertainty: float
    lag: float
    """Seconds after the truth's boundary."""


def _question_line(screen: str) -> str:
    return next((line.strip() for line in screen.splitlines() if "Safety check:" in line), "")


def _start_session(tmux: Tmux, name: str) -> float:
    """Answer the safety check (4 × n, then pain 2); returns the time the last key was sent."""
    previous = ""
    for _ in range(4):
        _, screen = tmux.wait_for(
            name, lambda s, p=previous: bool(_question_line(s)) and _question_line(s) != p,
            timeout=30, what="the next red-flag question")
        previous = _question_line(screen)
        tmux.send_keys(name, "n")
    tmux.wait_text(name, "How much does your back hurt", timeout=30)
    tmux.send_keys(name, "2")
    return time.monotonic()


def run_coach(tmux: Tmux, hold: int, window: tuple[float, float]) -> CoachRun:
    data = quiet_data_dir()
    routine = data / "hold.toml"
    routine.write_text(HOLD_ROUTINE.format(hold=hold), encoding="utf-8")
    reader = DigitReader(WIDTH, HEIGHT, hold)
    env = {"COACH_DATA_DIR": str(data)}
    launched = time.monotonic()
    name = tmux.new_session([*coach_command(), "run", str(routine)], width=WIDTH, height=HEIGHT, env=env)
    bare = tmux.new_session([PYTHON, str(BENCH_DIR / "bare_app.py")], width=WIDTH, height=HEIGHT, env=env)
    try:
        pid, bare_pid = tmux.pane_pid(name), tmux.pane_pid(bare)
        tmux.wait_text(bare, HOME_MARKER, timeout=30)
        start = _start_session(tmux, name)
        result = CoachRun(hold=hold, start=start)
        win_start, win_end = start + window[0], start + window[1]
        cpu0 = bare0 = t_cpu0 = None
        lag_estimate = 0.1
        recent: list[float] = []
        last: Sample | None = None
        end = start + hold + 1.0
        while (now := time.monotonic()) < end:
            if cpu0 is None and now >= win_start:
                t_cpu0, cpu0, bare0 = now, cpu_seconds(pid), cpu_seconds(bare_pid)
            elif cpu0 is not None and not result.window and now >= win_end:
                result.cpu, result.bare_cpu = cpu_seconds(pid) - cpu0, cpu_seconds(bare_pid) - bare0
                result.window = now - t_cpu0
            t0 = time.monotonic()
            screen = tmux.capture(name)
            t1 = time.monotonic()
            sample = Sample(t0, t1, reader.read(screen))
            result.samples.append(sample)
            if sample.shown is not None:
                step = _transition(result, last, sample) if last is not None else None
                if step is not None and step.uncertainty < 0.05:
                    recent = [*recent[-9:], step.lag]
                    lag_estimate = median(recent)
                last = sample
            # Next expected change of the digits: boundary k at start + k + lag.
            elapsed = t1 - start - lag_estimate
            to_next = math.ceil(elapsed + 1e-9) - elapsed
            to_prev = elapsed - math.floor(elapsed)
            near = to_next < DENSE or to_prev < DENSE
            time.sleep(0.01 if near else min(0.25, max(0.01, to_next - DENSE)))
        if not result.window:
            raise RuntimeError(f"the CPU window {window} does not fit in a {hold} s hold")
        result.rss, result.bare_rss = peak_rss_mib(pid), peak_rss_mib(bare_pid)
        result.elapsed = time.monotonic() - launched
    finally:
        tmux.kill_session(name)
        tmux.kill_session(bare)
        shutil.rmtree(data, ignore_errors=True)
    return result


def run_termdown(tmux: Tmux, length: float) -> float:
    """CPU seconds termdown uses over ``length`` seconds of counting down, after its first frame."""
    countdown = int(length + 10)
    name = tmux.new_session([script("termdown"), str(countdown)], width=WIDTH, height=HEIGHT)
    try:
        pid = tmux.pane_pid(name)
        tmux.wait_for(name, lambda s: bool(s.strip()), timeout=30, what="termdown's first frame")
        time.sleep(2.0)
        t0, cpu0 = time.monotonic(), cpu_seconds(pid)
        time.sleep(length)
        t1, cpu1 = time.monotonic(), cpu_seconds(pid)
    finally:
        tmux.kill_session(name)
    return (cpu1 - cpu0) * length / (t1 - t0)


def _transition(run: CoachRun, previous: Sample, sample: Sample) -> Transition | None:
    """The step between two decoded samples, when the digits went down by exactly one."""
    if sample.shown != previous.shown - 1:
        return None
    at = ((previous.t0 + previous.t1) / 2 + (sample.t0 + sample.t1) / 2) / 2
    boundary = run.start + (run.hold - sample.shown)
    return Transition(sample.shown, at, (sample.t1 - previous.t0) / 2, at - boundary)


def transitions(run: CoachRun) -> list[Transition]:
    """Every one-second step down of the decoded digits, timed against the truth."""
    found = []
    previous: Sample | None = None
    for sample in run.samples:
        if sample.shown is None:
            continue
        if previous is not None and (step := _transition(run, previous, sample)) is not None:
            found.append(step)
        previous = sample
    return found


@dataclass
class Accuracy:
    samples: int
    decoded: int
    exact: int
    behind_one: int
    ahead_one: int
    out_of_tick: int
    """Samples more than one tick away from the truth, even allowing for capture latency."""
    worst_behind: float
    """Seconds: the largest (shown - true remaining), i.e. how far behind the display ever was."""
    lags: list[float]
    lag_start: float
    lag_end: float
    slope_per_min: float


def accuracy(run: CoachRun) -> Accuracy:
    exact = behind = ahead = out = 0
    worst = -math.inf
    decoded = [s for s in run.samples if s.shown is not None and s.t0 < run.start + run.hold]
    for s in decoded:
        truth_hi = run.hold - (s.t0 - run.start)  # remaining when the capture began
        truth_lo = run.hold - (s.t1 - run.start)  # remaining when it returned
        lo, hi = math.ceil(truth_lo - 1e-9), math.ceil(truth_hi - 1e-9)
        if lo <= s.shown <= hi:
            exact += 1
        elif s.shown == hi + 1:
            behind += 1
        elif s.shown == lo - 1:
            ahead += 1
        else:
            out += 1
        worst = max(worst, s.shown - truth_hi)
    steps = [t for t in transitions(run) if t.uncertainty < 0.05]
    lags = [t.lag for t in steps]
    n = min(10, len(lags) // 2) or 1
    slope = 0.0
    if len(steps) >= 3:
        xs, ys = [t.at - run.start for t in steps], lags
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs) * 60
    return Accuracy(
        samples=len(run.samples), decoded=len(decoded), exact=exact, behind_one=behind, ahead_one=ahead,
        out_of_tick=out, worst_behind=worst, lags=lags,
        lag_start=median(lags[:n]), lag_end=median(lags[-n:]), slope_per_min=slope,
    )


def run(tmux: Tmux, rounds: int, hold: int, window: tuple[float, float]) -> list[Figure]:
    length = window[1] - window[0]
    coach_runs: list[CoachRun] = []
    termdown_cpu: list[float] = []
    try:
        script("termdown")
        have_termdown = True
    except FileNotFoundError:
        have_termdown = False
    for _ in range(rounds):  # A B A B …
        coach_runs.append(run_coach(tmux, hold, window))
        if have_termdown:
            termdown_cpu.append(run_termdown(tmux, length))
    # CPU per `length` seconds of window, normalised for the few ms the window overran.
    coach_cpu = [r.cpu * length / r.window for r in coach_runs]
    bare_cpu = [r.bare_cpu * length / r.window for r in coach_runs]
    figures = []

    cpu_c = median(coach_cpu)
    cpu_line = [f"coach CPU s per {length:.0f} s window: {fmt_runs(coach_cpu)}",
                f"bare Textual app (idle home screen, same window, for reference): {fmt_runs(bare_cpu)}"]
    if have_termdown:
        cpu_t = median(termdown_cpu)
        ratio = cpu_c / cpu_t if cpu_t else math.inf
        cpu = Figure(
            name=f"CPU during a {length:.0f} s hold (tmux {WIDTH}x{HEIGHT})",
            coach=f"{cpu_c:.2f} s ({cpu_c / length * 100:.2f}% of a core)",
            peer=f"{cpu_t:.2f} s ({cpu_t / length * 100:.2f}%, termdown)",
            ratio=ratio, target=f"≤ {CPU_TARGET}×", passed=ratio <= CPU_TARGET,
            details=cpu_line + [f"termdown CPU s per {length:.0f} s window: {fmt_runs(termdown_cpu)}"],
        )
        if not cpu.passed:
            cpu.notes.append(
                f"CPU: coach uses {cpu_c:.2f} s per {length:.0f} s against termdown's {cpu_t:.2f} s "
                f"({ratio:.2f}×). The idle bare Textual app uses {median(bare_cpu):.2f} s in the same window: "
                + ("most of coach's CPU is Textual's own floor plus one redraw per second (big digits, progress bars)."
                   if median(bare_cpu) > cpu_t else
                   "the excess is coach's own per-second work (engine tick, redraw of the digits and progress bars)."))
    else:
        cpu = Figure(name=f"CPU during a {length:.0f} s hold", coach=f"{cpu_c:.2f} s", peer="termdown not installed",
                     ratio=None, target=f"≤ {CPU_TARGET}×", passed=None, details=cpu_line,
                     notes=["CPU: install the bench extra (termdown) to compare."])
    figures.append(cpu)

    checks = [accuracy(r) for r in coach_runs]
    out = sum(a.out_of_tick for a in checks)
    behind = sum(a.behind_one for a in checks)
    decoded = sum(a.decoded for a in checks)
    worst = max(a.worst_behind for a in checks)
    all_lags = [lag for a in checks for lag in a.lags]
    drift = max(a.lag_end - a.lag_start for a in checks)
    within = out == 0 and all(-1.0 < lag < 1.0 for lag in all_lags)
    no_drift = drift <= DRIFT_TOLERANCE
    countdown = Figure(
        name=f"Countdown vs monotonic truth ({hold} s hold)",
        coach=(f"display lag {median(all_lags) * 1000:.0f} ms median, {max(all_lags) * 1000:.0f} ms max; "
               f"drift {drift * 1000:+.0f} ms"),
        peer="—", ratio=None, target="≤ 1 tick behind; zero drift", passed=within and no_drift,
        details=[
            f"decoded {decoded} of {sum(a.samples for a in checks)} samples; "
            f"{sum(a.exact for a in checks)} showed ceil(truth), {behind} one tick behind "
            f"(just after a boundary, before the redraw), {sum(a.ahead_one for a in checks)} one tick ahead, "
            f"{sum(a.out_of_tick for a in checks)} further off",
            *(f"run {i + 1}: {len(a.lags)} timed transitions, lag first 10 {a.lag_start * 1000:.0f} ms, "
              f"last 10 {a.lag_end * 1000:.0f} ms, fitted slope {a.slope_per_min * 1000:+.1f} ms/min, "
              f"worst (shown − true remaining) {a.worst_behind:.3f} s"
              for i, a in enumerate(checks)),
            "lag = time from the true boundary (last key sent + k s) to the first capture showing the new value; "
            "it includes key delivery, session start and capture latency.",
        ],
    )
    if not within:
        countdown.notes.append(
            f"Countdown: {out} samples were outside one tick, worst (shown − truth) {worst:.2f} s.")
    if not no_drift:
        countdown.notes.append(
            f"Countdown: the lag grew by {drift * 1000:.0f} ms over the hold (tolerance {DRIFT_TOLERANCE * 1000:.0f} ms).")
    figures.append(countdown)

    rss_c, rss_b = median([r.rss for r in coach_runs]), median([r.bare_rss for r in coach_runs])
    rss = Figure(
        name="Peak RSS during a session (VmHWM)",
        coach=f"{rss_c:.1f} MiB", peer=f"{rss_b:.1f} MiB (bare Textual app)", ratio=rss_c / rss_b,
        target=f"≤ {RSS_TARGET_MIB:.0f} MB", passed=rss_c * 1.048576 <= RSS_TARGET_MIB,
        details=[f"coach: {fmt_runs([r.rss for r in coach_runs], digits=1)} MiB; bare: "
                 f"{fmt_runs([r.bare_rss for r in coach_runs], digits=1)} MiB; read "
                 f"{median([r.elapsed for r in coach_runs]):.0f} s after launch, at the end of the hold; "
                 f"coach's overhead over bare Textual {rss_c - rss_b:.1f} MiB"],
    )
    if not rss.passed:
        rss.notes.append(f"Peak RSS: coach peaks at {rss_c * 1.048576:.1f} MB, over {RSS_TARGET_MIB:.0f} MB.")
    figures.append(rss)
    return figures
