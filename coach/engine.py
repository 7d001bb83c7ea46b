"""The session engine: a state machine over a routine's plan, driven by an injected clock.

Time is never counted: every reading is ``clock() - start - paused``, and each segment ends
exactly where the previous one ended plus its length, so no drift can build up.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from coach.plan import (
    WORK_PHASES,
    ExerciseRun,
    Phase,
    Segment,
    build_plan,
    build_run,
    estimated_seconds,
    phase_word,
    segment_estimate,
    unit_name,
)
from coach.records import HurtKind, Outcome, StepOutcome
from coach.routine import Dosing, Routine
from coach.safety import PainLight, hurt_action, traffic_light

__all__ = ["Engine", "Status", "SessionView", "ExerciseResult", "PainEntry", "estimated_seconds"]

CUE_SECONDS = 15
"""A cue stays on screen this long before the next one."""
Clock = Callable[[], float]


def clock_text(seconds: float) -> str:
    """``4:05`` for a span of seconds, rounded down."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class Status(str, Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    PAIN_CHECK = "pain_check"
    FINISHED = "finished"
    ENDED = "ended"


@dataclass(frozen=True)
class ExerciseResult:
    """How one exercise went, handed to whoever keeps the log."""

    exercise_id: str
    exercise_name: str
    outcome: StepOutcome
    active_seconds: float
    planned_seconds: int
    work_done: str


@dataclass(frozen=True)
class PainEntry:
    """A pain rating given during the session."""

    source: str
    rating: int
    exercise_id: str
    kind: HurtKind | None = None
    verdict: str = ""


@dataclass
class Events:
    """What happened during one engine call, for the UI (sound, flash) and the log."""

    phase_changes: int = 0
    finished: list[ExerciseResult] = field(default_factory=list)
    pain_check_due: bool = False
    session_over: bool = False

    def __bool__(self) -> bool:
        return bool(self.phase_changes or self.finished or self.pain_check_due or self.session_over)


@dataclass(frozen=True)
class SessionView:
    """Everything the session screen shows, at one clock reading."""

    status: Status
    phase: Phase
    word: str
    seconds_left: int | None
    """Whole seconds left in the phase, rounded up; None when the phase waits for the user."""
    seconds_elapsed: int
    exercise_name: str
    exercise_number: int
    exercise_count: int
    detail: str
    exercise_progress: float
    routine_progress: float
    cue: str
    next_up: str
    side: str | None


class Engine:
    """Runs one routine. Call ``advance()`` whenever time may have passed."""

    def __init__(self, routine: Routine, clock: Clock, pain_before: int | None = None) -> None:
        self.routine = routine
        self.clock = clock
        self.pain_before = pain_before
        self.runs: list[ExerciseRun] = build_plan(routine)
        self.status = Status.READY
        self.outcome = Outcome.IN_PROGRESS
        self.results: list[ExerciseResult] = []
        self.pain: list[PainEntry] = []
        self.run_index = 0
        self.segment_index = 0
        self._start = 0.0
        self._paused_total = 0.0
        self._paused_at: float | None = None
        self._segment_start = 0.0
        self._run_start = 0.0
        self._hurt_in_run = False

    # time -------------------------------------------------------------

    def active_seconds(self) -> float:
        """Seconds since start, pauses excluded."""
        if self.status is Status.READY:
            return 0.0
        now = self._paused_at if self._paused_at is not None else self.clock()
        return now - self._start - self._paused_total

    @property
    def run(self) -> ExerciseRun | None:
        return self.runs[self.run_index] if self.run_index < len(self.runs) else None

    @property
    def segment(self) -> Segment | None:
        run = self.run
        if run is None or self.status is Status.PAIN_CHECK:
            return None
        return run.segments[self.segment_index]

    @property
    def is_over(self) -> bool:
        return self.status in (Status.FINISHED, Status.ENDED)

    # operations -------------------------------------------------------

    def start(self) -> Events:
        if self.status is not Status.READY:
            return Events()
        self._start = self.clock()
        self.status = Status.RUNNING
        return self._begin_run(0.0, Events())

    def pause(self) -> bool:
        if self.status is not Status.RUNNING:
            return False
        self._paused_at = self.clock()
        self.status = Status.PAUSED
        return True

    def resume(self) -> bool:
        if self.status is not Status.PAUSED or self._paused_at is None:
            return False
        self._paused_total += self.clock() - self._paused_at
        self._paused_at = None
        self.status = Status.RUNNING
        return True

    def toggle_pause(self) -> None:
        if not self.pause():
            self.resume()

    def advance(self) -> Events:
        """Move through every segment that has ended by now."""
        events = Events()
        if self.status is not Status.RUNNING:
            return events
        now = self.active_seconds()
        while self.status is Status.RUNNING:
            segment = self.segment
            if segment is None or segment.seconds is None:
                break
            end = self._segment_start + segment.seconds
            if now < end:
                break
            self._next_segment(end, events)
        return events

    def set_done(self) -> Events:
        """The user finished a set done at their own pace."""
        events = self.advance()
        segment = self.segment
        if self.status is Status.RUNNING and segment is not None and segment.seconds is None:
            self._next_segment(self.active_seconds(), events)
        return events

    def skip_exercise(self, easier: bool = False) -> Events:
        """Leave the current exercise; with ``easier``, do its easier variant next."""
        events = Events()
        run = self.run
        if run is None or self.status not in (Status.RUNNING, Status.PAUSED):
            return events
        self.resume()
        now = self.active_seconds()
        self._finish_run(now, StepOutcome.SKIPPED, events)
        if easier and run.exercise.easier:
            variant = self.routine.exercise(run.exercise.easier)
            self.runs.insert(self.run_index + 1, build_run(variant, self.routine.prepare, run.exercise.id))
        self._next_run(now, events)
        return events

    def report_hurt(self, kind: HurtKind, rating: int) -> tuple[str, Events]:
        """Record an "it hurts" report and act on it; returns the action and what happened.

        The action is 'stop', 'skip' or 'resume' (see ``safety.hurt_action``): 'stop' ends the
        session at once, 'resume' carries on, and 'skip' stays paused so the caller can offer
        the easier variant before calling ``skip_exercise``.
        """
        run = self.run
        self.pain.append(PainEntry("hurts", rating, run.exercise.id if run else "", kind))
        self._hurt_in_run = True
        action = hurt_action(kind)
        events = Events()
        if action == "stop":
            events = self.end(Outcome.STOPPED_FOR_PAIN)
        elif action == "resume":
            self.resume()
        return action, events

    def answer_pain_check(self, rating: int) -> PainLight:
        """Record the pain check after an exercise and return the traffic-light verdict."""
        light = traffic_light(rating, self.pain_before)
        run = self.run
        self.pain.append(PainEntry("check", rating, run.exercise.id if run else "", verdict=light.value))
        return light

    def continue_after_check(self, gentler: bool = False) -> Events:
        """Go on after a pain check; with ``gentler``, the next exercise is swapped for its easier variant or skipped."""
        events = Events()
        if self.status is not Status.PAIN_CHECK:
            return events
        self.status = Status.RUNNING
        now = self.active_seconds()
        if gentler:
            self._make_next_gentler()
        self._next_run(now, events)
        return events

    def gentler_option(self) -> str | None:
        """What ``continue_after_check(gentler=True)`` would do, in words, or None if nothing remains."""
        upcoming = self.run_index + 1
        if upcoming >= len(self.runs):
            return None
        exercise = self.runs[upcoming].exercise
        if exercise.easier:
            return f"Do {self.routine.exercise(exercise.easier).name} instead of {exercise.name}"
        return f"Skip {exercise.name}"

    def end(self, outcome: Outcome = Outcome.ENDED_EARLY) -> Events:
        """End the session now; the exercise in progress is recorded as stopped."""
        events = Events()
        if self.is_over:
            return events
        now = self.active_seconds()
        if self._paused_at is not None:
            self._paused_total += self.clock() - self._paused_at
            self._paused_at = None
        if self.status is not Status.PAIN_CHECK and self.status is not Status.READY and self.run is not None:
            self._finish_run(now, StepOutcome.STOPPED, events)
        self.status = Status.ENDED
        self.outcome = outcome
        events.session_over = True
        return events

    # view -------------------------------------------------------------

    def view(self) -> SessionView:
        """What to show at this clock reading (call ``advance()`` first)."""
        now = self.active_seconds()
        run = self.run
        count = len(self.runs)
        if run is None or self.is_over:
            phase = Phase.DONE
            return SessionView(self.status, phase, phase_word(phase), None, 0, "", min(self.run_index, count), count,
                               "", 1.0, self._routine_progress(now), "", "", None)
        if self.status is Status.PAIN_CHECK:
            return SessionView(self.status, Phase.PAIN_CHECK, phase_word(Phase.PAIN_CHECK), None, 0,
                               run.exercise.name, self.run_index + 1, count, "", 1.0,
                               self._routine_progress(now), "", self._next_exercise_text(), None)
        segment = run.segments[self.segment_index]
        in_segment = max(0.0, now - self._segment_start)
        left = None if segment.seconds is None else max(0, math.ceil(segment.seconds - in_segment - 1e-9))
        return SessionView(
            status=self.status,
            phase=segment.phase,
            word=phase_word(segment.phase, run.exercise),
            seconds_left=left,
            seconds_elapsed=int(in_segment),
            exercise_name=run.exercise.name,
            exercise_number=self.run_index + 1,
            exercise_count=count,
            detail=self._detail(run, segment),
            exercise_progress=self._exercise_progress(run, in_segment),
            routine_progress=self._routine_progress(now),
            cue=self._cue(run, segment, in_segment),
            next_up=self._next_up(run),
            side=segment.side,
        )

    def seconds_to_next_change(self) -> float | None:
        """Seconds until what ``view()`` shows next changes by itself, or None while nothing moves."""
        segment = self.segment
        if self.status is not Status.RUNNING or segment is None:
            return None
        in_segment = self.active_seconds() - self._segment_start
        if segment.seconds is None:
            return 1.0 - (in_segment % 1.0)
        remaining = segment.seconds - in_segment
        return max(0.0, remaining - (math.ceil(remaining - 1e-9) - 1))

    # internals --------------------------------------------------------

    def _begin_run(self, at: float, events: Events) -> Events:
        self.segment_index = 0
        self._segment_start = at
        self._run_start = at
        self._hurt_in_run = False
        events.phase_changes += 1
        return events

    def _next_segment(self, at: float, events: Events) -> None:
        run = self.runs[self.run_index]
        self.segment_index += 1
        self._segment_start = at
        if self.segment_index < len(run.segments):
            events.phase_changes += 1
            return
        self.segment_index -= 1
        self._finish_run(at, StepOutcome.DONE, events)
        last = self.run_index == len(self.runs) - 1
        if (self.routine.pain_check == "each" or last) and not self._hurt_in_run:
            self.status = Status.PAIN_CHECK
            events.pain_check_due = True
            events.phase_changes += 1
            return
        self._next_run(at, events)

    def _next_run(self, at: float, events: Events) -> None:
        self.run_index += 1
        if self.run_index >= len(self.runs):
            self.status = Status.FINISHED
            done = any(r.outcome is StepOutcome.DONE for r in self.results)
            self.outcome = Outcome.COMPLETED if done else Outcome.ENDED_EARLY
            events.session_over = True
            events.phase_changes += 1
            return
        self._begin_run(at, events)

    def _finish_run(self, at: float, outcome: StepOutcome, events: Events) -> None:
        run = self.runs[self.run_index]
        done_segments = run.segments[: self.segment_index + (1 if outcome is StepOutcome.DONE else 0)]
        if run.exercise.dosing is Dosing.TIMED:
            current = run.segments[self.segment_index]
            partial = at - self._segment_start if outcome is not StepOutcome.DONE and current.phase is Phase.ACTIVITY else 0.0
            moved = sum(s.seconds or 0 for s in done_segments if s.phase is Phase.ACTIVITY) + partial
            total = sum(s.seconds or 0 for s in run.segments if s.phase is Phase.ACTIVITY)
            work_done = f"{clock_text(moved)} of {clock_text(total)}"
        else:
            units = sum(1 for s in done_segments if s.ends_unit)
            work_done = f"{units} of {run.unit_count} {unit_name(run.exercise)}"
        result = ExerciseResult(
            exercise_id=run.exercise.id,
            exercise_name=run.exercise.name,
            outcome=outcome,
            active_seconds=round(at - self._run_start, 3),
            planned_seconds=run.planned_seconds,
            work_done=work_done,
        )
        self.results.append(result)
        events.finished.append(result)

    def _make_next_gentler(self) -> None:
        upcoming = self.run_index + 1
        if upcoming >= len(self.runs):
            return
        exercise = self.runs[upcoming].exercise
        if exercise.easier:
            variant = self.routine.exercise(exercise.easier)
            self.runs[upcoming] = build_run(variant, self.routine.prepare, exercise.id)
        else:
            del self.runs[upcoming]

    def _detail(self, run: ExerciseRun, segment: Segment) -> str:
        exercise = run.exercise
        parts: list[str] = []
        if segment.unit_no and exercise.dosing.value in ("hold", "tempo"):
            noun = "Hold" if exercise.dosing.value == "hold" else "Rep"
            parts.append(f"{noun} {segment.unit_no} of {exercise.reps}")
        elif segment.phase is Phase.REPS:
            parts.append(f"{exercise.reps} reps, then press space")
        if segment.side:
            parts.append(f"{segment.side} side")
        if exercise.sets > 1:
            parts.append(f"set {segment.set_no} of {exercise.sets}")
        return " · ".join(parts)

    def _exercise_progress(self, run: ExerciseRun, in_segment: float) -> float:
        total = run.planned_seconds
        if not total:
            return 1.0
        before = sum(segment_estimate(s, run.exercise) for s in run.segments[: self.segment_index])
        current = segment_estimate(run.segments[self.segment_index], run.exercise)
        return min(1.0, (before + min(in_segment, current)) / total)

    def _routine_progress(self, now: float) -> float:
        total = sum(r.planned_seconds for r in self.runs)
        if not total:
            return 1.0
        if self.status is Status.FINISHED:
            return 1.0
        done = sum(r.planned_seconds for r in self.runs[: self.run_index])
        run = self.run
        if run is not None and self.status is not Status.PAIN_CHECK and not self.is_over:
            done += self._exercise_progress(run, max(0.0, now - self._segment_start)) * run.planned_seconds
        elif run is not None:
            done += run.planned_seconds
        return min(1.0, done / total)

    def _cue(self, run: ExerciseRun, segment: Segment, in_segment: float) -> str:
        cues = run.exercise.cues
        if segment.phase is Phase.PREPARE:
            return ""
        if segment.phase is Phase.SWITCH:
            return f"Change to your {segment.side} side."
        if not cues or segment.phase not in WORK_PHASES | {Phase.REST}:
            return ""
        return cues[(self.segment_index + int(in_segment // CUE_SECONDS)) % len(cues)]

    def _next_up(self, run: ExerciseRun) -> str:
        if self.segment_index + 1 < len(run.segments):
            upcoming = run.segments[self.segment_index + 1]
            word = phase_word(upcoming.phase, run.exercise).capitalize()
            side = f" · {upcoming.side} side" if upcoming.side else ""
            length = f" {upcoming.seconds} s" if upcoming.seconds else ""
            return f"{word}{length}{side}"
        last = self.run_index == len(self.runs) - 1
        if (self.routine.pain_check == "each" or last) and not self._hurt_in_run:
            return "Pain check"
        return self._next_exercise_text()

    def _next_exercise_text(self) -> str:
        upcoming = self.run_index + 1
        if upcoming < len(self.runs):
            return self.runs[upcoming].exercise.name
        return "Finish"
