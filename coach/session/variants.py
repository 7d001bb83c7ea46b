"""Easier variants in a running plan: which one may run, and putting it in place of an exercise."""

from __future__ import annotations

from coach.logs.records import StepOutcome
from coach.routines.model import Exercise, Routine
from coach.routines.plan import ExerciseRun, build_run, work_done_text
from coach.session.engine import Engine, ExerciseResult


def usable_easier(routine: Routine, engine: Engine, run: ExerciseRun | None, just_done: str = "") -> Exercise | None:
    """The easier variant of ``run``, unless it is the exercise done just before it (never twice in a row).

    For the next exercise that is the one under way; for the one under way, ``just_done`` names the
    exercise finished before it, if it was done rather than skipped."""
    if run is None or not run.exercise.easier:
        return None
    variant = routine.exercise(run.exercise.easier)
    current = engine.run
    if run is not current and current is not None:
        just_done = current.exercise.id
    return None if variant.id == just_done else variant


def upcoming(engine: Engine) -> ExerciseRun | None:
    """The exercise after the one under way, if any."""
    index = engine.run_index + 1
    return engine.runs[index] if index < len(engine.runs) else None


def gentler_option(routine: Routine, engine: Engine) -> str | None:
    """``Do X instead of Y`` when the next exercise has an easier variant that was not just done."""
    following = upcoming(engine)
    variant = usable_easier(routine, engine, following)
    if following is None or variant is None:
        return None
    return f"Do {variant.name} instead of {following.exercise.name}"


def swap_next(routine: Routine, engine: Engine) -> ExerciseResult:
    """Put the next exercise's easier variant in its place; returns the log entry of the one replaced."""
    index = engine.run_index + 1
    replaced = engine.runs[index]
    variant = usable_easier(routine, engine, replaced)
    assert variant is not None
    del engine.runs[index]
    insert_variant(routine, engine, index, variant, replaced)
    return untouched_result(replaced, StepOutcome.REPLACED)


def insert_variant(routine: Routine, engine: Engine, index: int, variant: Exercise, replaced: ExerciseRun) -> None:
    """Run ``variant`` at ``index``, unless that planned exercise comes there anyway."""
    following = engine.runs[index] if index < len(engine.runs) else None
    if following is not None and following.exercise.id == variant.id:
        return
    instead_of = replaced.instead_of or replaced.exercise.id
    engine.runs.insert(index, build_run(variant, routine.prepare, instead_of))


def untouched_result(run: ExerciseRun, outcome: StepOutcome) -> ExerciseResult:
    """The log entry of an exercise that never started."""
    return ExerciseResult(
        run.exercise.id,
        run.exercise.name,
        outcome,
        0.0,
        run.planned_seconds,
        work_done_text(run, 0, 0.0),
        run.instead_of,
    )
