"""The session's clock work: walks a plan's segments, driven by an injected monotonic clock.

Time is never counted: every reading is ``clock() - start - paused``, and each segment ends
exactly where the previous one ended plus its length, so no drift can build up. The engine
decides nothing about pain or choices: when an exercise ends it waits for ``next_run``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from enum import Enum

from coach.durations import Clock
from coach.logs.records import StepOutcome
from coach.routines.model import Routine
from coach.routines.plan import (
    TEMPO_PHASES,
    ExerciseRun,
    Phase,
    Segment,
    build_plan,
    estimated_seconds,
    work_done_text,
)

__all__ = ["Engine", "Events", "ExerciseResult", "Status", "estimated_seconds"]


class Status(str, Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    WAITING = "waiting"
    """An exercise has ended; the engine waits for ``next_run``."""
    OVER = "over"


@dataclass(frozen=True)
class ExerciseResult:
    """How one exercise went, handed to whoever keeps the log."""

    exercise_id: str
    exercise_name: str
    outcome: StepOutcome
    active_seconds: float
    planned_seconds: int
    work_done: str
    instead_of: str = ""


@dataclass
class Events:
    """What one engine call moved through: phase changes and finished exercises."""

    phase_changes: int = 0
    mid_rep: int = 0
    """Of the phase changes, those from one phase of a tempo rep to the next (lift to top to lower)."""
    finished: list[ExerciseResult] = field(default_factory=list)

    def merge(self, other: Events) -> Events:
        self.phase_changes += other.phase_changes
        self.mid_rep += other.mid_rep
        self.finished.extend(other.finished)
        return self


class Engine:
    """Runs the segments of one routine's exercises. Call ``advance()`` whenever time may have passed."""

    def __init__(self, routine: Routine, clock: Clock) -> None:
        self.routine = routine
        self.clock = clock
        self.runs: list[ExerciseRun] = build_plan(routine)
        self.status = Status.READY
        self.run_index = 0
        self.segment_index = 0
        self._start = 0.0
        self._paused_total = 0.0
        self._paused_at: float | None = None
        self._segment_start = 0.0
        self._run_start = 0.0
        self._ended_at = 0.0

    # time -------------------------------------------------------------

    def active_seconds(self) -> float:
        """Seconds since start, pauses excluded."""
        if self.status is Status.READY:
            return 0.0
        now = self._paused_at if self._paused_at is not None else self.clock()
        return now - self._start - self._paused_total

    def seconds_in_segment(self) -> float:
        return max(0.0, self.active_seconds() - self._segment_start)

    @property
    def run(self) -> ExerciseRun | None:
        return self.runs[self.run_index] if self.run_index < len(self.runs) else None

    @property
    def segment(self) -> Segment | None:
        """The segment under way; None while waiting between exercises or when over."""
        run = self.run
        if run is None or self.status in (Status.WAITING, Status.OVER, Status.READY):
            return None
        return run.segments[self.segment_index]

    @property
    def waits_for_user(self) -> bool:
        """True when the current segment ends only when the user says so."""
        segment = self.segment
        return segment is not None and segment.seconds is None

    @property
    def is_last_run(self) -> bool:
        return self.run_index >= len(self.runs) - 1

    # operations -------------------------------------------------------

    def start(self) -> Events:
        if self.status is not Status.READY:
            return Events()
        self._start = self.clock()
        self.status = Status.RUNNING
        return self._begin_run(0.0)

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

    def advance(self) -> Events:
        """Move through every segment that has ended by now, stopping when an exercise ends."""
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

    def user_done(self) -> Events:
        """The user ends a segment that waits for them (an intro card, a set at their own pace)."""
        events = self.advance()
        if self.status is Status.RUNNING and self.waits_for_user:
            self._next_segment(self.active_seconds(), events)
        return events

    def wait_here(self) -> bool:
        """Make the timed segment under way wait for the user instead; returns whether it did."""
        run, segment = self.run, self.segment
        if run is None or segment is None or segment.seconds is None:
            return False
        segments = list(run.segments)
        segments[self.segment_index] = replace(segment, seconds=None)
        self.runs[self.run_index] = replace(run, segments=tuple(segments))
        return True

    def stop_run(self, outcome: StepOutcome) -> Events:
        """End the exercise under way (running or paused) with ``outcome``; the engine then waits."""
        events = Events()
        if self.status not in (Status.RUNNING, Status.PAUSED) or self.run is None:
            return events
        self.resume()
        self._finish_run(self.active_seconds(), outcome, events)
        return events

    def next_run(self, *, at_end: bool = False) -> Events:
        """Begin the next exercise (now, or where the last one ended); with none left, the engine is over."""
        if self.status is not Status.WAITING:
            return Events()
        at = self._ended_at if at_end else self.active_seconds()
        self.run_index += 1
        if self.run_index >= len(self.runs):
            self.status = Status.OVER
            return Events(phase_changes=1)
        self.status = Status.RUNNING
        return self._begin_run(at)

    def end(self) -> Events:
        """End now; an exercise under way is recorded as stopped."""
        events = Events()
        if self.status is Status.OVER:
            return events
        if self.status in (Status.RUNNING, Status.PAUSED) and self.run is not None:
            events = self.stop_run(StepOutcome.STOPPED)
        self.resume()
        self.status = Status.OVER
        return events

    def seconds_to_next_change(self) -> float | None:
        """Seconds until the shown countdown changes by itself, or None while nothing moves."""
        segment = self.segment
        if self.status is not Status.RUNNING or segment is None:
            return None
        in_segment = self.active_seconds() - self._segment_start
        if segment.seconds is None:
            return 1.0 - (in_segment % 1.0)
        remaining = segment.seconds - in_segment
        return max(0.0, remaining - (math.ceil(remaining - 1e-9) - 1))

    def seconds_left(self) -> int | None:
        """Whole seconds left in the segment, rounded up; None when it waits for the user."""
        segment = self.segment
        if segment is None or segment.seconds is None:
            return None
        return max(0, math.ceil(segment.seconds - self.seconds_in_segment() - 1e-9))

    # internals --------------------------------------------------------

    def _begin_run(self, at: float) -> Events:
        self.segment_index = 0
        self._segment_start = at
        self._run_start = at
        return Events(phase_changes=1)

    def _next_segment(self, at: float, events: Events) -> None:
        run = self.runs[self.run_index]
        if self.segment_index + 1 < len(run.segments):
            ending = run.segments[self.segment_index]
            self.segment_index += 1
            self._segment_start = at
            events.phase_changes += 1
            if ending.phase in TEMPO_PHASES and not ending.ends_unit:
                events.mid_rep += 1
            return
        self._finish_run(at, StepOutcome.DONE, events)

    def _finish_run(self, at: float, outcome: StepOutcome, events: Events) -> None:
        run = self.runs[self.run_index]
        events.finished.append(
            ExerciseResult(
                exercise_id=run.exercise.id,
                exercise_name=run.exercise.name,
                outcome=outcome,
                active_seconds=round(at - self._run_start, 3),
                planned_seconds=run.planned_seconds,
                work_done=self._work_done(run, at, outcome),
                instead_of=run.instead_of,
            )
        )
        self._ended_at = at
        self.status = Status.WAITING
        events.phase_changes += 1

    def _work_done(self, run: ExerciseRun, at: float, outcome: StepOutcome) -> str:
        complete = outcome is StepOutcome.DONE
        done_segments = run.segments[: self.segment_index + (1 if complete else 0)]
        current = run.segments[self.segment_index]
        partial = at - self._segment_start if not complete and current.phase is Phase.ACTIVITY else 0.0
        moved = sum(s.seconds or 0 for s in done_segments if s.phase is Phase.ACTIVITY) + partial
        return work_done_text(run, sum(1 for s in done_segments if s.ends_unit), moved)
