"""``coach plan``: each routine's level today, each exercise's dose, and the reason, as plain text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from coach.durations import clock_text
from coach.logs.records import SessionRecord
from coach.progression.levels import base_dose, dose_at
from coach.progression.replay import sentence, todays_level
from coach.routines.model import Dosing, Exercise, Routine


def _shown(exercise: Exercise, dose: int) -> str:
    """``12 s holds``, ``10 reps``, ``5:00``."""
    if exercise.dosing is Dosing.TIMED:
        return clock_text(dose)
    return f"{dose} s holds" if exercise.dosing is Dosing.HOLD else f"{dose} reps"


def plan_text(
    routines: Sequence[Routine], records: Sequence[SessionRecord], barred: Mapping[Path | None, str] | None = None
) -> str:
    """One block per routine: its title, today's level and why, then every exercise's dose today; a
    routine in ``barred`` (by its file) is its title and the reason it never starts, without a dose."""
    blocks = []
    for routine in routines:
        if barred and routine.path in barred:
            blocks.append(f"{routine.title}\n  {barred[routine.path]}")
            continue
        level = todays_level(routine, records)
        lines = [routine.title, f"  {sentence(routine, level)}"]
        for exercise in routine.exercises:
            now, own = _shown(exercise, dose_at(exercise, level.today)), _shown(exercise, base_dose(exercise))
            file_dose = f" (the file says {own})" if now != own else ""
            lines.append(f"    {exercise.name}: {now}{file_dose}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else "No routines.\n"
