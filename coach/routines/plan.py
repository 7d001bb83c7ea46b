"""Turn a routine into the timed segments a session walks through."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from coach.durations import clock_text
from coach.routines.model import Dosing, Exercise, Routine

SWITCH_SECONDS = 5
"""Seconds given to change sides."""
MANUAL_REP_SECONDS = 3
"""Estimated seconds per repetition done at the user's own pace."""


class Phase(str, Enum):
    """What the user is doing right now."""

    PREPARE = "prepare"
    HOLD = "hold"
    REST = "rest"
    SWITCH = "switch"
    LIFT = "lift"
    TOP = "top"
    LOWER = "lower"
    REPS = "reps"
    ACTIVITY = "activity"
    PAIN_CHECK = "pain_check"
    DONE = "done"

    @property
    def is_work(self) -> bool:
        return self in WORK_PHASES


WORK_PHASES = frozenset({Phase.HOLD, Phase.LIFT, Phase.TOP, Phase.LOWER, Phase.REPS, Phase.ACTIVITY})
PHASE_WORDS = {
    Phase.PREPARE: "GET READY",
    Phase.HOLD: "HOLD",
    Phase.REST: "REST",
    Phase.SWITCH: "SWITCH SIDES",
    Phase.LIFT: "LIFT",
    Phase.TOP: "HOLD",
    Phase.LOWER: "LOWER",
    Phase.REPS: "YOUR PACE",
    Phase.ACTIVITY: "GO",
    Phase.PAIN_CHECK: "PAIN CHECK",
    Phase.DONE: "DONE",
}


@dataclass(frozen=True)
class Segment:
    """One stretch of time with a single phase; ``seconds`` is None when it waits for the user."""

    phase: Phase
    seconds: int | None
    side: str | None = None
    set_no: int = 1
    unit_no: int = 0
    """Which hold, rep or set this segment belongs to (1-based), 0 for prepare/rest/switch."""
    ends_unit: bool = False
    """True on the last segment of a hold, a paced rep, a set at one's own pace, or an activity."""


@dataclass(frozen=True)
class ExerciseRun:
    """An exercise as the session will run it."""

    exercise: Exercise
    segments: tuple[Segment, ...]
    instead_of: str = ""
    """The id of the exercise this one replaces, when it is an easier variant."""

    @property
    def planned(self) -> bool:
        """True for a planned exercise, False for an easier variant run in place of one."""
        return not self.instead_of

    @property
    def planned_seconds(self) -> int:
        return sum(segment_estimate(s, self.exercise) for s in self.segments)

    @property
    def unit_count(self) -> int:
        return sum(1 for s in self.segments if s.ends_unit)


TEMPO_PHASES = (Phase.LIFT, Phase.TOP, Phase.LOWER)


def phase_word(phase: Phase, exercise: Exercise | None = None) -> str:
    """The one word shown big on screen for a phase; a routine's ``tempo_words`` name its tempo phases."""
    if exercise is not None and exercise.tempo_words and phase in TEMPO_PHASES:
        return exercise.tempo_words[TEMPO_PHASES.index(phase)].upper()
    if phase is Phase.ACTIVITY and exercise is not None and "walk" in exercise.name.lower():
        return "WALK"
    return PHASE_WORDS[phase]


def segment_estimate(segment: Segment, exercise: Exercise) -> int:
    if segment.seconds is not None:
        return segment.seconds
    if segment.phase is Phase.PREPARE:
        return 0
    return MANUAL_REP_SECONDS * exercise.reps


def unit_name(exercise: Exercise) -> str:
    return {
        Dosing.HOLD: "holds",
        Dosing.TEMPO: "reps",
        Dosing.REPS: "sets",
        Dosing.TIMED: "rounds",
    }[exercise.dosing]


def work_done_text(run: ExerciseRun, units_done: int, activity_seconds: float) -> str:
    """``2 of 3 holds``, or ``1:30 of 5:00`` for a timed activity."""
    if run.exercise.dosing is Dosing.TIMED:
        total = sum(s.seconds or 0 for s in run.segments if s.phase is Phase.ACTIVITY)
        return f"{clock_text(activity_seconds)} of {clock_text(total)}"
    unit = unit_name(run.exercise)
    return f"{units_done} of {run.unit_count} {unit if run.unit_count != 1 else unit.removesuffix('s')}"


def build_run(exercise: Exercise, prepare: int, instead_of: str = "") -> ExerciseRun:
    """The segments of one exercise: the intro card, then every set and side with rests between.

    The intro card (``PREPARE``) is always there; with ``prepare = 0`` it waits for the user.
    A change of side, also at the start of a new set, always has its own ``SWITCH`` segment.
    """
    segments = [Segment(Phase.PREPARE, prepare or None)]
    sides: tuple[str | None, ...] = ("left", "right") if exercise.each_side else (None,)
    blocks = [(set_no, side) for set_no in range(1, exercise.sets + 1) for side in sides]
    for index, (set_no, side) in enumerate(blocks):
        if index:
            previous_set, previous_side = blocks[index - 1]
            if previous_set != set_no and exercise.rest:
                segments.append(Segment(Phase.REST, exercise.rest, None, set_no))
            if previous_side != side:
                segments.append(Segment(Phase.SWITCH, SWITCH_SECONDS, side, set_no))
        segments.extend(_block(exercise, set_no, side))
    return ExerciseRun(exercise, tuple(segments), instead_of)


def _block(exercise: Exercise, set_no: int, side: str | None) -> list[Segment]:
    if exercise.dosing is Dosing.TIMED:
        return [Segment(Phase.ACTIVITY, exercise.duration, side, set_no, set_no, True)]
    if exercise.dosing is Dosing.REPS:
        return [Segment(Phase.REPS, None, side, set_no, set_no, True)]
    block: list[Segment] = []
    for rep in range(1, exercise.reps + 1):
        if exercise.dosing is Dosing.HOLD:
            if rep > 1 and exercise.rest:
                block.append(Segment(Phase.REST, exercise.rest, side, set_no))
            block.append(Segment(Phase.HOLD, exercise.hold, side, set_no, rep, True))
            continue
        assert exercise.tempo is not None
        phases = [(p, s) for p, s in zip(TEMPO_PHASES, exercise.tempo, strict=False) if s]
        for number, (phase, seconds) in enumerate(phases, start=1):
            block.append(Segment(phase, seconds, side, set_no, rep, number == len(phases)))
    return block


def intros_wait(routine: Routine) -> Routine:
    """The routine with every intro card waiting for space: how it runs the first time, so each
    exercise's steps can be read at one's own pace before it starts."""
    return replace(routine, prepare=0)


def build_plan(routine: Routine) -> list[ExerciseRun]:
    return [build_run(exercise, routine.prepare) for exercise in routine.exercises]


def estimated_seconds(routine: Routine) -> int:
    """Planned length of a routine in seconds: get-ready, work, rests and side switches."""
    return sum(run.planned_seconds for run in build_plan(routine))
