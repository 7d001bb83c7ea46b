"""The questions a running session can ask, as typed values the screen renders and answers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

Answer = str | int
"""An option's value, or a rating from 0 to 10 on a scale."""

SCALE_KEYS = {**{str(n): n for n in range(10)}, "t": 10}
"""Keys that answer a 0-10 scale: the digits, and t for ten. Nothing is chosen in advance."""
TEN_AFTER_ONE = 1.0
"""Seconds a 1 on a 0-10 scale waits for a 0 that makes it 10."""
CONFIRM_KEYS = ("enter", "space")


class QuestionKind(str, Enum):
    PAIN_CHECK = "pain_check"
    """After an exercise: 0-10."""
    HURT_KIND = "hurt_kind"
    """After p: what kind of pain."""
    HURT_STRENGTH = "hurt_strength"
    """After the kind: 0-10."""
    AFTER_CHECK = "after_check"
    """After an amber or red pain check: end, gentler, continue."""
    EASIER_OR_SKIP = "easier_or_skip"
    """More than mild pain in an exercise that has an easier variant."""
    CONFIRM_END = "confirm_end"
    END_PAIN = "end_pain"
    """The session has ended without a final pain check: 0-10, may be skipped."""
    STOP_ADVICE = "stop_advice"
    """The session stopped for pain: what to do now."""
    STEPS = "steps"
    """The how-to steps and caution again, while paused."""
    HELP = "help"


@dataclass(frozen=True)
class Option:
    """One answer; any of ``keys`` picks it, the first is shown."""

    value: str
    label: str
    keys: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.keys[0]


@dataclass(frozen=True)
class Question:
    """A question pending in the session: the screen shows it and passes back a key."""

    kind: QuestionKind
    title: str
    body: str = ""
    options: tuple[Option, ...] = ()
    scale: bool = False
    """Answered by a rating from 0 to 10."""
    cancellable: bool = False
    """Escape leaves the question; the session returns to how it was before it was asked."""
    escape: str = "back"
    """What escape does, in a word, when the question is cancellable."""
    tone: str = ""
    """How serious it is: "", "amber", "red" or "stop" (the pain rule's light), for the screen's colours."""
    typed: str = ""
    """On a scale: a 1 that waits a moment for a 0 (which makes it 10)."""

    def answer_for(self, key: str) -> Answer | None:
        """The answer a key gives, or None when that key does not answer this question."""
        if self.scale:
            return SCALE_KEYS.get(key)
        for option in self.options:
            if key in option.keys:
                return option.value
        return None

    def check(self, value: Answer) -> None:
        """Raise ValueError unless ``value`` answers this question."""
        if self.scale and not (type(value) is int and 0 <= value <= 10):
            raise ValueError(f"a rating from 0 to 10, not {value!r}")
        if not self.scale and value not in {o.value for o in self.options}:
            raise ValueError(f"{value!r} does not answer {self.kind.value}")


OK = Option("ok", "Continue", ("enter", "space"))
SCALE_HINT = "0 = no pain · 10 = worst imaginable · press 0-9, or 1 0 or t for 10"
TYPED_ONE_HINT = "1 … press 0 now to make it 10, enter for 1, escape to take it back"


class ScaleEntry:
    """Keys to a 0-10 rating: 0, 2-9 and t answer at once; 1 waits ``TEN_AFTER_ONE`` for a 0 (10).

    Enter or space takes the waiting 1 at once and escape takes it back; any other key, or the
    moment passing, makes it 1, and that other key then goes to whatever comes next.
    """

    def __init__(self) -> None:
        self.one_at: float | None = None

    @property
    def waiting(self) -> bool:
        return self.one_at is not None

    def clear(self) -> None:
        self.one_at = None

    def seconds_left(self, now: float) -> float | None:
        return None if self.one_at is None else max(0.0, self.one_at + TEN_AFTER_ONE - now)

    def due(self, now: float) -> int | None:
        """The waiting 1, once its moment has passed."""
        if self.one_at is not None and now - self.one_at >= TEN_AFTER_ONE:
            self.one_at = None
            return 1
        return None

    def press(self, key: str, now: float) -> tuple[int | None, bool]:
        """The rating this key completes (or None), and whether the key was used up by the scale."""
        if self.one_at is not None:
            if self.due(now) is not None:
                return 1, False
            self.one_at = None
            if key == "0":
                return 10, True
            if key in CONFIRM_KEYS:
                return 1, True
            if key == "escape":
                return None, True
            return 1, False
        if key == "1":
            self.one_at = now
            return None, True
        rating = SCALE_KEYS.get(key)
        return rating, rating is not None
