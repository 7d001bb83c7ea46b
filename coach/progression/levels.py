"""What one level means for each exercise: 10 % of the file's dose in whole units (at least 1 rep, 2 s
of a hold, 30 s of a timed activity), never above twice the file's dose nor below half of it."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from coach.routines.model import Dosing, Exercise, Routine

STEP_SHARE = 0.10
SMALLEST_STEP = {Dosing.HOLD: 2, Dosing.REPS: 1, Dosing.TEMPO: 1, Dosing.TIMED: 30}
LARGEST = {Dosing.HOLD: 600, Dosing.REPS: 100, Dosing.TEMPO: 100, Dosing.TIMED: 3600}
"""The routine format's own limits, which a level never passes."""


def base_dose(exercise: Exercise) -> int:
    """The file's dose of an exercise: seconds of a hold or an activity, or reps."""
    if exercise.dosing is Dosing.HOLD:
        return exercise.hold
    if exercise.dosing is Dosing.TIMED:
        return exercise.duration
    return exercise.reps


def step(exercise: Exercise) -> int:
    base = base_dose(exercise)
    return max(SMALLEST_STEP[exercise.dosing], round(base * STEP_SHARE))


def bounds(exercise: Exercise) -> tuple[int, int]:
    """The least and the most dose of any level: half the file's dose rounded up, and twice it."""
    base = base_dose(exercise)
    return max(1, math.ceil(base / 2)), min(2 * base, LARGEST[exercise.dosing])


def dose_at(exercise: Exercise, level: int) -> int:
    low, high = bounds(exercise)
    return min(high, max(low, base_dose(exercise) + level * step(exercise)))


def level_range(routine: Routine) -> tuple[int, int]:
    """The lowest and highest level at which some exercise's dose still changes."""
    if not routine.progress or not routine.exercises:
        return 0, 0
    lowest = min(-((base_dose(e) - bounds(e)[0] + step(e) - 1) // step(e)) for e in routine.exercises)
    highest = max((bounds(e)[1] - base_dose(e) + step(e) - 1) // step(e) for e in routine.exercises)
    return lowest, highest


def dosed(routine: Routine, level: int) -> Routine:
    """The routine with every exercise at ``level``; level 0 is the routine itself."""
    if level == 0 or not routine.progress:
        return routine
    return replace(routine, exercises=tuple(_dosed(exercise, level) for exercise in routine.exercises))


def _dosed(exercise: Exercise, level: int) -> Exercise:
    dose = dose_at(exercise, level)
    if exercise.dosing is Dosing.HOLD:
        return replace(exercise, hold=dose)
    if exercise.dosing is Dosing.TIMED:
        return replace(exercise, duration=dose)
    return replace(exercise, reps=dose)


@dataclass(frozen=True)
class ExerciseDose:
    """One exercise's dose at a level, and at the level before."""

    name: str
    dosing: Dosing
    now: int
    was: int

    def text(self) -> str:
        """``Knee-to-chest holds 24 s, was 22``, ``Bridge 12 reps``, ``Walk 5:30, was 5:00``."""
        now, was = self._shown(self.now), self._shown(self.was)
        said = {Dosing.HOLD: f"holds {now} s", Dosing.TIMED: now}.get(self.dosing, f"{now} reps")
        return f"{self.name} {said}" + (f", was {was}" if self.was != self.now else "")

    def _shown(self, value: int) -> str:
        return f"{value // 60}:{value % 60:02d}" if self.dosing is Dosing.TIMED else str(value)


def doses(routine: Routine, level: int, previous: int) -> list[ExerciseDose]:
    return [ExerciseDose(e.name, e.dosing, dose_at(e, level), dose_at(e, previous)) for e in routine.exercises]
