"""What the session screen shows at one clock reading, worked out from the engine alone."""

from __future__ import annotations

from dataclasses import dataclass

from coach.durations import clock_face, clock_text
from coach.routines.model import Dosing
from coach.routines.plan import WORK_PHASES, ExerciseRun, Phase, Segment, phase_word, segment_estimate
from coach.session.engine import Engine, Status

CUE_SECONDS = 15
"""In a long hold or activity, a cue stays on screen this long before the next one."""


@dataclass(frozen=True)
class SessionView:
    """Everything the running part of the session screen shows."""

    phase: Phase
    word: str
    digits: str
    """The big figures: a countdown, or the time so far in a set done at one's own pace."""
    paused: bool
    exercise_name: str
    exercise_number: int
    exercise_count: int
    detail: str
    exercise_progress: float
    routine_progress: float
    cue: str
    next_up: str
    how: tuple[str, ...]
    """The how-to steps, shown on the intro card."""
    caution: str
    """Shown on the intro card."""
    hint: str
    """What the user can press now, in words."""
    dose: str = ""
    """Today's dose and why, on the first intro card."""
    notice: str = ""
    """Advice given while the session goes on, shown large until the next exercise or phase begins."""
    space: str = "pause"
    """What space does now: "pause", "resume", "start" (an intro card that waits) or "set_done"."""


def planned_slots(engine: Engine) -> list[int]:
    """The planned exercise's number (from 1) each run stands for.

    An easier variant run in place of an exercise begun takes that exercise's number; one
    swapped in before its exercise began takes the number of the exercise it replaces.
    """
    slots: list[int] = []
    number = 0
    previous = ""
    for run in engine.runs:
        if not (run.instead_of and run.instead_of == previous):
            number += 1
        slots.append(number)
        previous = run.exercise.id
    return slots


REST_CUE = "Rest: let go and breathe easily."


def space_action(engine: Engine) -> str:
    """What space does now: "resume", "pause", "start" (an intro card that waits) or "set_done"."""
    if engine.status is not Status.RUNNING:
        return "resume"
    if not engine.waits_for_user:
        return "pause"
    segment = engine.segment
    return "start" if segment is not None and segment.phase is Phase.PREPARE else "set_done"


def build_view(engine: Engine, pain_check_next: bool, notice: str = "") -> SessionView:
    """The view at this reading; ``pain_check_next`` says whether a pain check follows this exercise,
    ``notice`` is advice to show while the session goes on."""
    space = space_action(engine)
    run = engine.run
    segment = engine.segment
    slots = planned_slots(engine)
    count = slots[-1] if slots else 0
    number = slots[min(engine.run_index, len(slots) - 1)] if slots else 0
    paused = engine.status is Status.PAUSED
    routine_progress = _routine_progress(engine)
    if run is None or segment is None:
        word = "DONE" if engine.status is Status.OVER else "PAIN CHECK"
        name = run.exercise.name if run is not None and engine.status is Status.WAITING else ""
        return SessionView(
            Phase.DONE,
            word,
            "",
            False,
            name,
            number,
            count,
            "",
            1.0,
            routine_progress,
            "",
            _next_exercise(engine),
            (),
            "",
            "",
            notice=notice,
            space=space,
        )
    in_segment = engine.seconds_in_segment()
    intro = segment.phase is Phase.PREPARE
    left = engine.seconds_left()
    if left is not None:
        digits = clock_face(left)
    elif segment.phase is Phase.REPS:
        digits = clock_text(in_segment)
    else:
        digits = ""
    return SessionView(
        phase=segment.phase,
        word="PAUSED" if paused else phase_word(segment.phase, run.exercise),
        digits=digits,
        paused=paused,
        exercise_name=run.exercise.name,
        exercise_number=number,
        exercise_count=count,
        detail=_detail(run, segment),
        exercise_progress=_exercise_progress(engine, run, in_segment),
        routine_progress=routine_progress,
        cue=_cue(engine, run, segment, in_segment),
        next_up=_next_up(engine, run, pain_check_next),
        how=run.exercise.how if intro else (),
        caution=run.exercise.caution if intro else "",
        hint=_hint(engine, segment, paused),
        notice=notice,
        space=space,
    )


def _hint(engine: Engine, segment: Segment, paused: bool) -> str:
    if paused:
        return "Paused: press space to go on."
    if segment.seconds is None and segment.phase is Phase.PREPARE:
        return "Read the steps, then press space to start."
    if segment.seconds is None:
        return "Press space when the set is done."
    return ""


def _detail(run: ExerciseRun, segment: Segment) -> str:
    exercise = run.exercise
    parts: list[str] = []
    if segment.unit_no and exercise.dosing in (Dosing.HOLD, Dosing.TEMPO):
        noun = "Hold" if exercise.dosing is Dosing.HOLD else "Rep"
        parts.append(f"{noun} {segment.unit_no} of {exercise.reps}")
    elif segment.phase is Phase.REPS:
        parts.append(f"{exercise.reps} reps at your own pace")
    if segment.side:
        parts.append(f"{segment.side} side")
    if exercise.sets > 1:
        parts.append(f"set {segment.set_no} of {exercise.sets}")
    return " · ".join(parts)


def _exercise_progress(engine: Engine, run: ExerciseRun, in_segment: float) -> float:
    total = run.planned_seconds
    if not total:
        return 1.0
    before = sum(segment_estimate(s, run.exercise) for s in run.segments[: engine.segment_index])
    current = segment_estimate(run.segments[engine.segment_index], run.exercise)
    return min(1.0, (before + min(in_segment, current)) / total)


def _routine_progress(engine: Engine) -> float:
    total = sum(r.planned_seconds for r in engine.runs)
    if not total or engine.status is Status.OVER:
        return 1.0
    done: float = sum(r.planned_seconds for r in engine.runs[: engine.run_index])
    run = engine.run
    if run is not None and engine.segment is not None:
        done += _exercise_progress(engine, run, engine.seconds_in_segment()) * run.planned_seconds
    elif run is not None:
        done += run.planned_seconds
    return min(1.0, done / total)


def _cue(engine: Engine, run: ExerciseRun, segment: Segment, in_segment: float) -> str:
    """One cue at a time, changing per hold, rep or set (and every 15 s in a long one), never per tempo phase;
    a rest says to rest."""
    cues = run.exercise.cues
    if segment.phase is Phase.SWITCH:
        return f"Change to your {segment.side} side."
    if segment.phase is Phase.REST:
        return REST_CUE
    if not cues or segment.phase not in WORK_PHASES:
        return ""
    units_before = sum(1 for s in run.segments[: engine.segment_index] if s.ends_unit)
    if run.exercise.dosing is Dosing.TEMPO:
        return cues[units_before % len(cues)]
    return cues[(units_before + int(in_segment // CUE_SECONDS)) % len(cues)]


def _next_up(engine: Engine, run: ExerciseRun, pain_check_next: bool) -> str:
    index = engine.segment_index
    if index + 1 < len(run.segments):
        upcoming = run.segments[index + 1]
        word = phase_word(upcoming.phase, run.exercise).capitalize()
        side = f" · {upcoming.side} side" if upcoming.side else ""
        length = f" {upcoming.seconds} s" if upcoming.seconds else ""
        return f"{word}{length}{side}"
    return "Pain check" if pain_check_next else _next_exercise(engine)


def _next_exercise(engine: Engine) -> str:
    upcoming = engine.run_index + 1
    return engine.runs[upcoming].exercise.name if upcoming < len(engine.runs) else "Finish"
