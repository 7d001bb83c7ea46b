"""What the check before a session can end in, and the question it is waiting on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from coach.logs.records import Screening
from coach.safety.check_texts import CheckQuestion

LogBlock = Callable[[Screening, str], None]
"""Called the moment the check rules a session out (or the user goes back at a caution) with what was
answered so far and why; called again with the same log's fuller reason once "which?" is answered.
``Screening.not_started_after_caution`` tells a caution's "no" from a block."""


class VerdictKind(str, Enum):
    GO = "go"
    CAUTION = "caution"
    """May go on: the user reads the advice and decides."""
    BLOCKED = "blocked"
    PROFILE_FIRST = "profile first"
    """The health profile is not done yet: nothing is asked and nothing is logged."""
    LEFT = "left"
    """The user left before the check reached an outcome."""
    NOT_STARTED = "not started"
    """The user chose not to start after a caution: logged, but not a block."""
    SWITCH = "switch"
    """The user took the routine the verdict offered instead (the flare-up plan, or the gentlest)."""


class Offer(str, Enum):
    """A routine a verdict offers in place of the one chosen, started with one key (never enter)."""

    NONE = ""
    FLARE_UP = "flare-up"
    """The flare-up plan: on a bad day, after a stop, or until a serious sign is assessed."""
    GENTLEST = "gentlest"
    """The gentlest routine the profile allows: at a caution."""


@dataclass(frozen=True)
class CheckVerdict:
    kind: VerdictKind
    title: str = ""
    advice: tuple[str, ...] = ()
    reason: str = ""
    """What the log says (blocks only)."""
    urgent: bool = False
    """Emergency help now: the screen shows this advice and nothing else."""
    offer: Offer = Offer.NONE
    moment: str = ""
    """Which Learn cards may help here (a ``coach.learn.Moment`` value; "emergency" offers none)."""

    @property
    def starts_session(self) -> bool:
        return self.kind is VerdictKind.GO


@dataclass(frozen=True)
class Pending:
    """The question waiting for an answer and where it stands in the check."""

    question: CheckQuestion
    number: int
    total: int
    note: str = ""
    """Context shown with the question (last time's figures)."""
    ticked: tuple[str, ...] = ()
    """On a "which?" question: the items ticked so far."""

    @property
    def position(self) -> str:
        return f"Question {self.number} of {self.total}"
