"""What a session log holds: plain dataclasses shared by the engine, the store and history."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from enum import Enum

from coach.logs.timestamps import moment_text

LOG_FORMAT_VERSION = 1

MAX_LOG_ENTRIES = 1_000
"""Most steps, and most pain reports, one log holds. A routine has at most 100 exercises, so a
session passes this only through hundreds of easier swaps or "it hurts" reports; the recorder then
keeps the first ones and the latest rating, and every log stays readable."""


class _Worded(str, Enum):
    """A logged value that reads as words with its underscores made spaces."""

    @property
    def label(self) -> str:
        """The value in words: ``ended early``."""
        return str(self.value).replace("_", " ")


class Outcome(_Worded):
    """How a session ended."""

    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    STOPPED_FOR_PAIN = "stopped_for_pain"
    BLOCKED = "blocked"
    INTERRUPTED = "interrupted"

    @property
    def description(self) -> str:
        """The label, saying what blocked a blocked session."""
        return "blocked by safety check" if self is Outcome.BLOCKED else self.label


class StepOutcome(_Worded):
    """How one exercise ended."""

    DONE = "done"
    SKIPPED = "skipped"
    REPLACED = "replaced"
    """Swapped for its easier variant, which follows as a step of its own."""
    STOPPED = "stopped"
    NOT_REACHED = "not_reached"


class HurtKind(_Worded):
    """The answers to "what kind of pain?" after pressing p."""

    RED_FLAG = "red_flag"
    """Spreading into a buttock or leg, tingling or numbness: stop the session (in logs before
    safety v3 also sharp or shooting pain)."""
    MORE_THAN_MILD = "more_than_mild"
    """Sharp, or more than mild discomfort: stop this exercise."""
    MILD = "mild"
    """Mild and settling: carry on."""


@dataclass
class StepRecord:
    """One exercise as it was actually done."""

    exercise_id: str
    exercise_name: str
    outcome: StepOutcome
    started_at: datetime
    ended_at: datetime
    active_seconds: float
    """Seconds spent in the exercise, pauses excluded."""
    planned_seconds: int
    work_done: str = ""
    """Human summary of what was done, e.g. "3 of 3 holds"."""
    instead_of: str = ""
    """For an easier variant: the id of the planned exercise it replaced."""

    @property
    def planned(self) -> bool:
        """True for a planned exercise, False for an easier variant run in place of one."""
        return not self.instead_of

    def fields(self) -> dict[str, object]:
        """Every field by name, in order, as a log writes it: the outcome as its value, times as text."""
        return {
            **asdict(self),
            "outcome": self.outcome.value,
            "started_at": moment_text(self.started_at),
            "ended_at": moment_text(self.ended_at),
        }


@dataclass
class PainReport:
    """A pain rating given during a session: a pain check or an "it hurts"."""

    at: datetime
    source: str
    """"check" (pain check after an exercise) or "hurts" (the user pressed p)."""
    rating: int
    exercise_id: str = ""
    kind: HurtKind | None = None
    """Only for "hurts" reports."""
    verdict: str = ""
    """The traffic-light verdict or the action it led to."""
    decision: str = ""
    """What the user chose afterwards: continue, skip, easier, end, stop."""

    def fields(self) -> dict[str, object]:
        """Every field by name, in order, as a log writes it: the time as text, the kind as its value
        (``None`` when not asked)."""
        return {
            **asdict(self),
            "at": moment_text(self.at),
            "kind": self.kind.value if self.kind is not None else None,
        }


@dataclass
class Screening:
    """Answers to the safety check before the session."""

    red_flags: dict[str, bool] = field(default_factory=dict)
    """Emergency and leg questions, answer by question id."""
    contraindications: dict[str, bool] = field(default_factory=dict)
    """The routine's contraindications and whether the health profile lists each."""
    pain_before: int | None = None
    previous_settled: bool | None = None
    """Answer to "did the pain from last time settle within 24 hours?", when asked."""
    emergency_assessed: bool | None = None
    """Answer to "has a doctor assessed last time's emergency signs?", when asked."""
    cautions: list[str] = field(default_factory=list)
    """Titles of the cautions shown before the session (pain 6-7, pain from last time)."""
    not_started_after_caution: bool = False
    """The user went back at a caution: logged with outcome ``blocked``, yet no block."""
    next_day_flare: bool = False
    """The pain now was 2 or more above the last session's pain before, within 3 days of it."""


@dataclass
class SessionRecord:
    """A whole session log."""

    id: str
    routine_title: str
    routine_name: str
    routine_path: str
    started_at: datetime
    ended_at: datetime | None = None
    """``None`` while the session is in progress."""
    outcome: Outcome = Outcome.IN_PROGRESS
    reason: str = ""
    """Why the session ended the way it did, in words."""
    screening: Screening = field(default_factory=Screening)
    steps: list[StepRecord] = field(default_factory=list)
    pain_reports: list[PainReport] = field(default_factory=list)
    pain_after: int | None = None
    stop_advised: bool = False
    """The coach told the user to stop exercising for today (a rating of 8 or more, or a warning sign)."""
    level: int = 0
    """The dose level the session ran at (flow 11); 0 is the routine file's own dose."""
    level_reason: str = ""
    """Why that level, in one sentence."""
    active_seconds: float = 0.0
    planned_exercises: int = 0
    note: str = ""
    pid: int = 0
    host: str = ""
    format: int = LOG_FORMAT_VERSION

    @property
    def exercises_done(self) -> int:
        """Planned exercises done, each counted once, an easier variant done in its place included."""
        done_variants = {s.instead_of for s in self.steps if not s.planned and s.outcome is StepOutcome.DONE}
        return sum(
            1
            for s in self.steps
            if s.planned
            and (
                s.outcome is StepOutcome.DONE or (s.outcome is StepOutcome.REPLACED and s.exercise_id in done_variants)
            )
        )

    @property
    def completion(self) -> float:
        """Share of the planned exercises that were done, 0.0 to 1.0."""
        if not self.planned_exercises:
            return 0.0
        return min(1.0, self.exercises_done / self.planned_exercises)

    @property
    def pain_before(self) -> int | None:
        return self.screening.pain_before

    @property
    def day(self) -> date:
        """The day the session started, as written in its own offset: the day the person lived it."""
        return self.started_at.date()
