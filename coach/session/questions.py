"""The questions a running session can ask, as typed values the screen renders and answers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from coach.scale import SCALE_KEYS

AnswerValue = str | int
"""An option's value, or a rating from 0 to 10 on a scale."""


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
    rows: tuple[tuple[str, str], ...] = ()
    """A table after the body, two columns (a key and what it does); each wraps in its own column."""

    def answer_for(self, key: str) -> AnswerValue | None:
        """The answer a key gives, or None when that key does not answer this question."""
        if self.scale:
            return SCALE_KEYS.get(key)
        for option in self.options:
            if key in option.keys:
                return option.value
        return None

    def check(self, value: AnswerValue) -> None:
        """Raise ValueError unless ``value`` answers this question."""
        if self.scale and not (type(value) is int and 0 <= value <= 10):
            raise ValueError(f"a rating from 0 to 10, not {value!r}")
        if not self.scale and value not in {o.value for o in self.options}:
            raise ValueError(f"{value!r} does not answer {self.kind.value}")


OK = Option("ok", "Continue", ("enter", "space"))
