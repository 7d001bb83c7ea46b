"""The dose the user takes today: the level worked out, last time's, or one level easier — never harder."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.progression.levels import level_range
from coach.progression.replay import Level, sentence
from coach.routines.model import Routine

KEYS = {"k": "last time's dose", "e": "one level easier"}


@dataclass
class DoseChoice:
    """Today's level of ``routine`` as worked out, and the one the user picked with k or e."""

    routine: Routine
    level: Level
    chosen: int = field(init=False)

    def __post_init__(self) -> None:
        self.chosen = self.level.today

    def options(self) -> dict[str, int]:
        """The levels k and e pick, where they differ from today's."""
        if not self.routine.progress:
            return {}
        low = level_range(self.routine)[0]
        picks = {"k": self.level.last}
        if max(low, self.level.easier) != self.level.last:
            picks["e"] = max(low, self.level.easier)
        return {key: level for key, level in picks.items() if level != self.level.today}

    def key(self, key: str) -> bool:
        """k or e picks that level; the same key again goes back to today's."""
        level = self.options().get(key)
        if level is None:
            return False
        self.chosen = self.level.today if self.chosen == level else level
        return True

    @property
    def line(self) -> str:
        return sentence(self.routine, self.level, self.chosen)

    @property
    def hint(self) -> str:
        return "    ".join(f"{key}  {KEYS[key]} (level {level})" for key, level in self.options().items())
