"""Typed routine objects (format version 1), free of any parsing or UI concern."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

FORMAT_VERSION = 1
LEVELS = ("gentle", "moderate", "challenging")
CONTRAINDICATIONS = (
    "osteoporosis",
    "spinal-fusion",
    "recent-spinal-surgery",
    "spinal-fracture",
    "spinal-instability",
    "spinal-tumour",
    "spinal-infection",
    "aortic-aneurysm",
    "pregnancy",
)
CONTRAINDICATION_LABELS = {
    "osteoporosis": "Osteoporosis",
    "spinal-fusion": "A spinal fusion",
    "recent-spinal-surgery": "Spinal surgery in the last 12 months",
    "spinal-fracture": "A spinal fracture",
    "spinal-instability": "Spinal instability",
    "spinal-tumour": "A spinal tumour",
    "spinal-infection": "A spinal infection",
    "aortic-aneurysm": "An abdominal aortic aneurysm",
    "pregnancy": "Pregnancy",
}
MAX_ROUTINE_SECONDS = 2 * 60 * 60
MAX_FILE_BYTES = 256 * 1024


class Dosing(str, Enum):
    """How an exercise is measured."""

    HOLD = "hold"
    """``reps`` holds of ``hold`` seconds each."""
    TEMPO = "tempo"
    """``reps`` repetitions paced phase by phase (lift, hold, lower)."""
    REPS = "reps"
    """``reps`` repetitions at the user's own pace; the user says when the set is done."""
    TIMED = "timed"
    """One continuous activity of ``duration`` seconds."""


@dataclass(frozen=True)
class Exercise:
    """One exercise of a routine, already validated."""

    id: str
    name: str
    how: tuple[str, ...]
    dosing: Dosing
    cues: tuple[str, ...] = ()
    caution: str = ""
    sides: str = "none"
    sets: int = 1
    rest: int = 0
    easier: str | None = None
    hold: int = 0
    reps: int = 1
    tempo: tuple[int, int, int] | None = None
    tempo_words: tuple[str, str, str] | None = None
    """The routine's own names for the three tempo phases, e.g. tighten, hold, release."""
    duration: int = 0

    @property
    def each_side(self) -> bool:
        """True when the exercise is done on the left, then the right."""
        return self.sides == "each"

    @property
    def side_count(self) -> int:
        return 2 if self.each_side else 1


@dataclass(frozen=True)
class Routine:
    """A whole routine, already validated."""

    title: str
    exercises: tuple[Exercise, ...]
    description: str = ""
    level: str | None = None
    focus: tuple[str, ...] = ()
    contraindications: tuple[str, ...] = ()
    prepare: int = 5
    pain_check: str = "each"
    progress: bool = True
    """Whether the dose moves in levels from the logs (flow 11); false keeps the file's dose every time."""
    path: Path | None = None
    name: str = ""
    """The routine's short name: its file name without ``.toml``."""
    format: int = FORMAT_VERSION

    def exercise(self, exercise_id: str) -> Exercise:
        """Return the exercise with this id (``KeyError`` if none)."""
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)
