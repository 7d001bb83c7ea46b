"""A long hold in a real terminal: CPU vs termdown, countdown vs monotonic truth, peak RSS.

Each coach run is ``coach run hold.toml`` (one hold, no get-ready) in tmux 100x30. Each yes/no
question of the safety check is answered ``n`` and the pain question ``2``, enter starts the
session at "Ready to start" and space the hold on its card; the monotonic time just after that
last key is sent is the start of the truth. All through the hold the screen is captured
(densely around each expected change of the digits, sparsely in between) and the big digits are
decoded. A bare Textual app with the home screen's widgets runs beside it in its own session, so
its peak RSS (VmHWM) can be read at the same moment as coach's.

CPU: rounds alternate A B A B … between a coach hold of the window plus a second either side and
termdown counting down in the same terminal size. On both, the CPU time of the process (all
threads, /proc/<pid>/stat) is read over a window of the same length that opens a second after
the countdown starts, while the screen is captured on the same schedule. ``hold_probe`` then
splits coach's CPU into its own tick, Textual's frame updates and the rest. The drift run is one
continuous hold of two minutes.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from common import (
    BARE_APP,
    HEIGHT,
    TERMINAL,
    WIDTH,
    Figure,
    alternate,
    coach_command,
    data_env,
    fmt_runs,
    median,
    open_pane,
    quiet_data,
    run_probe,
    script,
    wait_home,
)
from digits import DigitReader
from hold_probe import SETTLE as PROBE_SETTLE
from hold_probe import HoldBreakdown
from procstat import bytes_written, cpu_seconds, peak_rss_mib, thread_cpu_seconds
from tmux import Tmux

CPU_TARGET = 1.0
RSS_TARGET_MB = 60.0
MB_PER_MIB = 1.048576
SETTLE = 1.0
"""Seconds after the countdown starts before the CPU window opens, and kept after it closes."""
DRIFT_TOLERANCE = 0.025
"""Seconds: the resolution of the transition timing (dense sampling every ~15 ms)."""
DENSE = 0.2
"""Sample densely this long either side of each expected change of the digits."""
EXACT = 0.05
"""Transitions timed to better than this (half the gap between the two samples) count for the lag."""

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
class Transition:
    value: int
    at: float
    """Estimated monotonic time of the change (midpoint between the two samples)."""
    uncertainty: float
    lag: float
    """Seconds after the truth's boundary."""


@dataclass
class Countdown:
    """What the screen showed during one hold, against the truth that starts at ``start``."""

    hold: int
    start: float
    samples: list[Sample] = field(default_factory=list)

    def step(self, previous: Sample, sample: Sample) -> Transition | None:
        """The step between two decoded samples, when the digits went down by exactly one."""
        if sample.shown != previous.shown - 1:
            return None
        at = ((previous.t0 + previous.t1) / 2 + (sample.t0 + sample.t1) / 2) / 2
        boundary = self.start + (self.hold - sample.shown)
        return Transition(sample.shown, at, (sample.t1 - previous.t0) / 2, at - boundary)

    def transitions(self) -> list[Transition]:
        """Every one-second step down of the decoded digits, timed against the truth."""
        found = []
        previous: Sample | None = None
        for sample in self.samples:
            if sample.shown is None:
                continue
            if previous is not None and (step := self.step(previous, sample)) is not None:
                found.append(step)
            previous = sample
        return found


@dataclass
class Reading:
    at: float
    cpu: list[float]
    main_thread: list[float]
    written: list[int]


class Meter:
    """CPU time (all threads and the main one) and bytes written by processes over one window."""

    def __init__(self, pids: Sequence[int], opens: float, length: float) -> None:
        self.pids = list(pids)
        self.opens, self.closes, self.length = opens, opens + length, length
        self._first: Reading | None = None
        self.cpu: list[float] = []
        """CPU seconds per ``length`` seconds, one a process."""
        self.main_thread: list[float] = []
        self.written: list[float] = []
        """Bytes per second."""

    def _read(self) -> Reading:
        return Reading(
            time.monotonic(),
            [cpu_seconds(p) for p in self.pids],
            [thread_cpu_seconds(p).get(p, 0.0) for p in self.pids],
            [bytes_written(p) for p in self.pids],
        )

    @property
    def done(self) -> bool:
        return bool(self.cpu)

    def check(self, now: float) -> None:
        """Open or close the window when ``now`` has reached its edge."""
        if self._first is None and now >= self.opens:
            self._first = self._read()
        elif self._first is not None and not self.done and now >= self.closes:
            first, last = self._first, self._read()
            seconds = last.at - first.at
            self.cpu = [(b - a) * self.length / seconds for a, b in zip(first.cpu, last.cpu, strict=False)]
            main_pairs = zip(first.main_thread, last.main_thread, strict=False)
            self.main_thread = [(b - a) * self.length / seconds for a, b in main_pairs]
            self.written = [(b - a) / seconds for a, b in zip(first.written, last.written, strict=False)]


def _watch(
    tmux: Tmux, name: str, countdown: Countdown, until: float, meter: Meter | None, read: Callable[[str], int | None]
) -> None:
    """Capture ``name`` until ``until``, densely around each expected change, decoding with ``read``."""
    lag_estimate = 0.1
    recent: list[float] = []
    last: Sample | None = None
    while (now := time.monotonic()) < until:
        if meter is not None:
            meter.check(now)
        t0 = time.monotonic()
        screen = tmux.capture(name)
        t1 = time.monotonic()
        sample = Sample(t0, t1, read(screen))
        countdown.samples.append(sample)
        if sample.shown is not None:
            step = countdown.step(last, sample) if last is not None else None
            if step is not None and step.uncertainty < EXACT:
                recent = [*recent[-9:], step.lag]
                lag_estimate = median(recent)
            last = sample
        elapsed = t1 - countdown.start - lag_estimate
        to_next = math.ceil(elapsed + 1e-9) - elapsed
        near = to_next < DENSE or elapsed - math.floor(elapsed) < DENSE
        time.sleep(0.01 if near else min(0.25, max(0.01, to_next - DENSE)))
    if meter is not None and not meter.done:
        raise RuntimeError(f"the CPU window ({meter.length:.0f} s) did not fit in the {countdown.hold} s watched")


@dataclass
class CoachRun:
    countdown: Countdown
    meter: Meter | None
    """coach's process first, then the bare app's."""
    rss: float
    bare_rss: float
    elapsed: float
    """Seconds from launch to the RSS reading."""


def _question_line(screen: str) -> str:
    return next((line.strip() for line in screen.splitlines() if line.strip().startswith("Question ")), "")


def _start_session(tmux: Tmux, name: str) -> float:
    """Answer the safety check (n to each yes/no question, then pain 2), start the session at its
    "Ready to start" (enter) and the hold on its card (``prepare = 0`` waits for space); returns the
    time the last key was sent."""
    previous = ""
    while True:
        _, screen = tmux.wait_for(
            name,
            lambda s, p=previous: bool(_question_line(s)) and _question_line(s) != p,
            timeout=30,
            what="the next safety-check question",
        )
        previous = _question_line(screen)
        if "How much does your back hurt" in screen:
            break
        tmux.send_keys(name, "n")
    tmux.send_keys(name, "2")
    tmux.wait_text(name, "Ready to start", timeout=30)
    tmux.send_keys(name, "Enter")
    tmux.wait_text(name, "press space to start", timeout=30)
    tmux.send_keys(name, "Space")
    return time.monotonic()


def _hold_routine(data: Path, hold: int) -> Path:
    routine = data / "hold.toml"
    routine.write_text(HOLD_ROUTINE.format(hold=hold), encoding="utf-8")
    return routine


def run_coach(tmux: Tmux, hold: int, cpu_window: float | None, voice: bool = False) -> CoachRun:
    """One coach session of a single ``hold``; CPU over ``cpu_window`` seconds from SETTLE on, if given."""
    with quiet_data(voice) as data:
        routine = _hold_routine(data, hold)
        reader = DigitReader(WIDTH, HEIGHT, hold)
        env = data_env(data)
        launched = time.monotonic()
        name = open_pane(tmux, [*coach_command(), "run", str(routine)], env)
        bare = open_pane(tmux, BARE_APP, env)
        try:
            pid, bare_pid = tmux.pane_pid(name), tmux.pane_pid(bare)
            wait_home(tmux, bare)
            countdown = Countdown(hold, _start_session(tmux, name))
            meter = Meter([pid, bare_pid], countdown.start + SETTLE, cpu_window) if cpu_window else None
            _watch(tmux, name, countdown, countdown.start + hold + 1.0, meter, reader.read)
            rss, bare_rss = peak_rss_mib(pid), peak_rss_mib(bare_pid)
            elapsed = time.monotonic() - launched
        finally:
            tmux.kill_session(name)
            tmux.kill_session(bare)
    return CoachRun(countdown, meter, rss, bare_rss, elapsed)


def run_termdown(tmux: Tmux, cpu_window: float) -> Meter:
    """termdown counting down, watched like coach; CPU over ``cpu_window`` s from SETTLE after its first frame."""
    name = open_pane(tmux, [script("termdown"), str(int(cpu_window + 3 * SETTLE + 5))])
    try:
        pid = tmux.pane_pid(name)
        start, _ = tmux.wait_for(name, lambda s: bool(s.strip()), timeout=30, what="termdown's first frame")
        meter = Meter([pid], start + SETTLE, cpu_window)
        _watch(tmux, name, Countdown(0, start), start + cpu_window + 2 * SETTLE, meter, lambda _screen: None)
    finally:
        tmux.kill_session(name)
    return meter


def probe_cpu(tmux: Tmux, seconds: float, voice: bool = False) -> HoldBreakdown:
    """One coach hold under ``hold_probe``: where its CPU goes, per second."""
    with quiet_data(voice) as data:
        routine = _hold_routine(data, int(PROBE_SETTLE + seconds + 5))
        found = run_probe(
            tmux,
            "hold_probe.py",
            [str(seconds), "run", str(routine)],
            data_env(data),
            timeout=seconds + 60,
            start=lambda name: _start_session(tmux, name),
            interval=0.5,
        )
    return HoldBreakdown.from_json(found)


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

    @property
    def drift(self) -> float:
        return self.lag_end - self.lag_start


def accuracy(countdown: Countdown) -> Accuracy:
    start, hold = countdown.start, countdown.hold
    exact = behind = ahead = out = 0
    worst = -math.inf
    decoded = [s for s in countdown.samples if s.shown is not None and s.t0 < start + hold]
    for s in decoded:
        truth_hi = hold - (s.t0 - start)  # remaining when the capture began
        truth_lo = hold - (s.t1 - start)  # remaining when it returned
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
    steps = [t for t in countdown.transitions() if t.uncertainty < EXACT]
    lags = [t.lag for t in steps]
    n = min(10, len(lags) // 2) or 1
    slope = 0.0
    if len(steps) >= 3:
        xs = [t.at - start for t in steps]
        mx, my = sum(xs) / len(xs), sum(lags) / len(lags)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, lags, strict=False)) / sum((x - mx) ** 2 for x in xs) * 60
    return Accuracy(
        samples=len(countdown.samples),
        decoded=len(decoded),
        exact=exact,
        behind_one=behind,
        ahead_one=ahead,
        out_of_tick=out,
        worst_behind=worst,
        lags=lags,
        lag_start=median(lags[:n]),
        lag_end=median(lags[-n:]),
        slope_per_min=slope,
    )


def run(tmux: Tmux, rounds: int, cpu_window: float, drift_hold: int, voice: bool = False) -> list[Figure]:
    """The hold figures; with ``voice`` coach speaks its cues through the speech program it finds."""
    hold = int(cpu_window + 2 * SETTLE)
    runs = alternate(
        rounds,
        {
            "coach": lambda: run_coach(tmux, hold, cpu_window, voice),
            "termdown": lambda: run_termdown(tmux, cpu_window),
        },
        warm_up=False,
    )
    drift_run = run_coach(tmux, drift_hold, None, voice)
    parts = probe_cpu(tmux, min(30.0, cpu_window), voice)
    figures = [
        _cpu_figure(runs["coach"], runs["termdown"], cpu_window, parts),
        _countdown_figure(drift_run, runs["coach"]),
        _rss_figure([*runs["coach"], drift_run]),
    ]
    if voice:
        for figure in figures:
            figure.name += f", voice on ({speech_program()})"
    return figures


def speech_program() -> str:
    from coach.session.speech import find_speaker

    return find_speaker().engine or "no speech program found"


def _cpu_figure(coach_runs: list[CoachRun], termdown_runs: list[Meter], window: float, parts: HoldBreakdown) -> Figure:
    coach = [r.meter.cpu[0] for r in coach_runs]
    bare = [r.meter.cpu[1] for r in coach_runs]
    main = [r.meter.main_thread[0] for r in coach_runs]
    written = [r.meter.written[0] for r in coach_runs]
    peer = [m.cpu[0] for m in termdown_runs]
    peer_main = [m.main_thread[0] for m in termdown_runs]
    peer_written = [m.written[0] for m in termdown_runs]
    cpu_c, cpu_t = median(coach), median(peer)
    ratio = cpu_c / cpu_t if cpu_t else math.inf
    figure = Figure(
        name=f"CPU during a {window:.0f} s hold ({TERMINAL})",
        coach=f"{cpu_c:.2f} s ({cpu_c / window * 100:.2f}% of a core)",
        peer=f"{cpu_t:.2f} s ({cpu_t / window * 100:.2f}%, termdown)",
        ratio=ratio,
        target=f"≤ {CPU_TARGET}×",
        passed=ratio <= CPU_TARGET,
        details=[
            f"alternating coach, termdown, coach, …: coach holds {window + 2 * SETTLE:.0f} s and is measured over "
            f"the {window:.0f} s from {SETTLE:.0f} s after the last key; termdown over the {window:.0f} s from "
            f"{SETTLE:.0f} s after its first frame; both screens captured on the same schedule",
            f"coach CPU s per {window:.0f} s: {fmt_runs(coach)} (main thread {fmt_runs(main)}); "
            f"writes {median(written) / 1024:.1f} KiB/s to the terminal",
            f"termdown CPU s per {window:.0f} s: {fmt_runs(peer)} (main thread {fmt_runs(peer_main)}); "
            f"writes {median(peer_written) / 1024:.1f} KiB/s",
            f"bare Textual app, idle home screen in the same windows: {fmt_runs(bare)}",
            parts.line(),
        ],
    )
    if not figure.passed:
        floor = parts.rest + parts.other_threads
        termdown_ms = cpu_t / window * 1000
        figure.notes.append(
            f"CPU: coach uses {cpu_c:.2f} s per {window:.0f} s against termdown's {cpu_t:.2f} s ({ratio:.2f}×). "
            f"In one more hold counted inside the process (hold_probe.py), each second cost {parts.tick:.1f} ms in "
            f"coach's own tick, {parts.frames:.1f} ms in Textual's frame update (drawing "
            f"{parts.dearest_widgets()}), {parts.rest:.1f} ms in the rest of the event loop and "
            f"{parts.other_threads:.1f} ms in Textual's input thread, which every Textual app runs (the idle bare "
            f"app uses {median(bare) / window * 1000:.1f} ms/s in all). termdown's {termdown_ms:.1f} ms/s go mostly "
            f"to its input thread, which polls the keyboard 100 times a second "
            f"({median(peer_main) / window * 1000:.1f} ms/s on its main thread). "
            f"Textual's floor alone ({floor:.1f} ms/s) is {floor / termdown_ms * 100:.0f}% "
            f"of termdown's total, so the frame update is where coach can save."
        )
    return figure


def _countdown_figure(drift_run: CoachRun, cpu_runs: list[CoachRun]) -> Figure:
    drift = accuracy(drift_run.countdown)
    every = [drift, *(accuracy(r.countdown) for r in cpu_runs)]
    out = sum(a.out_of_tick for a in every)
    lags = [lag for a in every for lag in a.lags]
    within = out == 0 and all(-1.0 < lag < 1.0 for lag in lags)
    no_drift = abs(drift.drift) <= DRIFT_TOLERANCE
    hold = drift_run.countdown.hold
    figure = Figure(
        name=f"Countdown vs monotonic truth ({hold} s hold, sampled all through)",
        coach=(
            f"lag {median(drift.lags) * 1000:.0f} ms median, {max(drift.lags) * 1000:.0f} ms max; "
            f"drift {drift.drift * 1000:+.0f} ms over {hold} s"
        ),
        peer="—",
        ratio=None,
        target="≤ 1 tick behind; zero drift",
        passed=within and no_drift,
        details=[
            f"{hold} s hold: decoded {drift.decoded} of {drift.samples} captures: {drift.exact} showed the true "
            f"remaining seconds (rounded up), {drift.behind_one} one tick behind (just after a boundary, before "
            f"the redraw), {drift.ahead_one} one tick ahead, {drift.out_of_tick} further off; {len(drift.lags)} "
            f"transitions timed to ±{EXACT * 1000:.0f} ms: lag over the first 10 {drift.lag_start * 1000:.0f} ms, "
            f"last 10 {drift.lag_end * 1000:.0f} ms, fitted slope {drift.slope_per_min * 1000:+.1f} ms/min; "
            f"worst (shown − true remaining) {drift.worst_behind:.3f} s",
            *(
                f"CPU run {i}: {a.decoded} captures, {a.out_of_tick} more than a tick off; lag first 10 "
                f"{a.lag_start * 1000:.0f} ms, last 10 {a.lag_end * 1000:.0f} ms"
                for i, a in enumerate(every[1:], 1)
            ),
            "lag = time from the true boundary (last key sent + k s) to the first capture showing the new value; "
            "it includes coach handling that key and mounting the session screen, and the capture latency, "
            "so it is an offset: drift is how much it changes from the first transitions to the last.",
        ],
    )
    if not within:
        figure.notes.append(f"Countdown: {out} captures were more than one tick off the truth.")
    if not no_drift:
        figure.notes.append(
            f"Countdown: the lag changed by {drift.drift * 1000:+.0f} ms over the {hold} s hold "
            f"(tolerance {DRIFT_TOLERANCE * 1000:.0f} ms)."
        )
    return figure


def _rss_figure(coach_runs: list[CoachRun]) -> Figure:
    rss = [r.rss for r in coach_runs]
    bare = [r.bare_rss for r in coach_runs]
    peak_mb = max(rss) * MB_PER_MIB
    figure = Figure(
        name="Peak RSS during a session (VmHWM)",
        coach=f"{median(rss):.1f} MiB ({peak_mb:.1f} MB at most)",
        peer=f"{median(bare):.1f} MiB (bare Textual app)",
        ratio=median(rss) / median(bare),
        target=f"≤ {RSS_TARGET_MB:.0f} MB",
        passed=peak_mb <= RSS_TARGET_MB,
        details=[
            f"coach: {fmt_runs(rss, digits=1)} MiB; bare: {fmt_runs(bare, digits=1)} MiB; read at the end of "
            f"each hold, {median([r.elapsed for r in coach_runs]):.0f} s after launch (median); coach's "
            f"overhead over bare Textual {median(rss) - median(bare):.1f} MiB"
        ],
    )
    if not figure.passed:
        figure.notes.append(f"Peak RSS: coach peaks at {peak_mb:.1f} MB, over {RSS_TARGET_MB:.0f} MB.")
    return figure


def main(argv: list[str] | None = None) -> int:
    """Only the hold figures, printed as RESULTS.md rows: ``python benchmarks/bench_hold.py --voice``."""
    import argparse

    from common import child_env
    from run import table

    parser = argparse.ArgumentParser(description="CPU during a hold, countdown vs truth and peak RSS, alone.")
    parser.add_argument("--voice", action="store_true", help="coach speaks its cues (needs e.g. espeak-ng)")
    parser.add_argument("--rounds", type=int, default=5, help="coach/termdown hold rounds (default 5)")
    parser.add_argument("--hold", type=float, default=60.0, help="CPU window in seconds (default 60)")
    parser.add_argument("--drift-hold", type=int, default=120, help="one continuous hold for the drift figure")
    args = parser.parse_args(argv)
    with Tmux(child_env()) as tmux:
        figures = run(tmux, args.rounds, args.hold, args.drift_hold, args.voice)
    for row in table(figures)[1:]:
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    for figure in figures:
        print(f"\n### {figure.name}\n", *(f"- {detail}" for detail in figure.details + figure.notes), sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
