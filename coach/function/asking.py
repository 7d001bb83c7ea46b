"""Asking about the activities, as a state machine the screen only displays: naming up to three,
each rated at once (the baseline), or the weekly rating of each with last time's figure shown.

Names come in as typed text (``name``); every other answer is a key (``key``), as in the check:
0-9, t or 1 then 0 for a rating, nothing answered in advance and enter alone answering nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from time import monotonic

from coach.durations import Clock
from coach.function.model import HIGH_ANCHOR, LOW_ANCHOR, MOST_ACTIVITIES, Activity, ActivityError, FunctionLog
from coach.logs.timestamps import day_text
from coach.scale import ScaleEntry


class Step(str, Enum):
    NAME = "name"
    """Type an activity's name; enter on an empty name finishes the list."""
    RATE = "rate"
    """Rate the activity 0-10."""
    DONE = "done"


@dataclass(frozen=True)
class Prompt:
    """What the screen shows now."""

    step: Step
    title: str
    body: str = ""
    hint: str = ""


@dataclass
class ActivityQuestions:
    """Naming (``naming=True``) or the weekly rating of one function log, on ``now``'s day."""

    log: FunctionLog
    now: datetime
    naming: bool
    clock: Clock = monotonic
    scale: ScaleEntry = field(default_factory=ScaleEntry)
    problem: str = ""
    """Why the last name typed was not taken, in one sentence."""
    put_off: bool = False
    """The user left for later (naming) or skipped today (rating)."""
    _to_rate: list[Activity] = field(default_factory=list)
    _named: int = 0
    _naming_now: bool = False

    def __post_init__(self) -> None:
        if self.naming:
            self._naming_now = True
        else:
            self._to_rate = list(self.log.current())

    @property
    def step(self) -> Step:
        if self.put_off:
            return Step.DONE
        if self._to_rate:
            return Step.RATE
        return Step.NAME if self._naming_now else Step.DONE

    @property
    def prompt(self) -> Prompt:
        step = self.step
        if step is Step.NAME:
            count = len(self.log.current())
            return Prompt(
                step,
                f"An everyday activity your back makes hard ({count + 1} of up to {MOST_ACTIVITIES})",
                "For example: putting on socks, lifting a child, sitting through a film. coach asks how well "
                "you can do each one now, and again once a week, to see whether exercise gives you more of your life.",
                "type its name, then enter    enter on an empty line: done    escape: later",
            )
        if step is Step.RATE:
            activity = self._to_rate[0]
            latest = self.log.latest(activity.id)
            last = f"Last time ({day_text(latest.at)}): {latest.score}/10." if latest else "This is its first rating."
            typed = "1 … press 0 now to make it 10" if self.scale.waiting else "press 0-9; for 10, press 1 then 0"
            skip = "" if self.naming else "    s: skip the rating today"
            return Prompt(
                step,
                f"How well can you do this now? {activity.name}",
                f"{last}\n{LOW_ANCHOR} · {HIGH_ANCHOR}",
                f"{typed}{skip}",
            )
        return Prompt(Step.DONE, "Thank you")

    @property
    def finished(self) -> bool:
        return self.step is Step.DONE

    def name(self, text: str) -> bool:
        """Take a typed name; an empty one finishes the list. Returns whether the text was taken."""
        if self.step is not Step.NAME:
            return False
        if not text.strip():
            self._naming_now = False
            return True
        try:
            activity = self.log.add(text, self.now)
        except ActivityError as problem:
            self.problem = str(problem)
            return False
        self.problem = ""
        self._named += 1
        self._to_rate.append(activity)
        if len(self.log.current()) >= MOST_ACTIVITIES:
            self._naming_now = False
        return True

    def key(self, key: str) -> bool:
        """A key while rating: a rating, ``s`` to skip today (weekly rating), escape to leave for later."""
        self.tick()
        if key == "escape":
            if self.scale.waiting:
                self.scale.clear()
            else:
                self.leave()
            return True
        if self.step is not Step.RATE:
            return False
        if key == "s" and not self.naming:
            self.leave()
            return True
        rating, used = self.scale.press(key, self.clock())
        if rating is not None:
            self._rated(rating)
            if not used:
                self.key(key)
            return True
        return used or key == "enter"

    def tick(self) -> None:
        rating = self.scale.due(self.clock())
        if rating is not None and self.step is Step.RATE:
            self._rated(rating)

    def seconds_to_next_change(self) -> float | None:
        return self.scale.seconds_left(self.clock())

    def leave(self) -> None:
        """Escape: naming is left for later (asked again at most once a day), the rating skipped today."""
        if self.naming and not self.log.current():
            self.log.naming_put_off = self.now.date()
        elif not self.naming or self._to_rate:
            self.log.rating_skipped = self.now.date()
        self.put_off = True

    def _rated(self, score: int) -> None:
        activity = self._to_rate.pop(0)
        self.log.rate(activity.id, score, self.now)
