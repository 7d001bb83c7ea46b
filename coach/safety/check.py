"""The safety check before every session, as a state machine the screens only display.

``SafetyCheck`` needs a finished health profile and refuses at once a routine the profile rules
out (unless last time's emergency sign is still to be asked about); otherwise it asks, one at a
time: whether a doctor has assessed last time's emergency signs (only when the last check found
one) and the emergency questions; then the gate (serious-condition signs not cleared, routine ruled out, rest for today
after a stop) blocks or the check goes on to the leg question, pain right now, and the 24-hour
follow-up when it is due. The first answer that
rules the session out ends the check, and the caller's ``log`` callback is called at that
moment. Questions, sources and every case: ``docs/safety.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from time import monotonic

from coach.durations import Clock, elapsed_words
from coach.logs.records import Screening, SessionRecord
from coach.safety.after_stop import SETTLE_HOURS, rest_block
from coach.safety.check_texts import (
    ASSESSED_QUESTION,
    EARLY_FOLLOWUP_QUESTION,
    EMERGENCY_ADVICE,
    EMERGENCY_QUESTIONS,
    EMERGENCY_TITLE,
    FOLLOWUP_HOURS,
    FOLLOWUP_QUESTION,
    LEG_ADVICE,
    LEG_CHANGE_QUESTION,
    LEG_CHECK_QUESTION,
    LEG_TITLE,
    NOT_SETTLED_TITLE,
    NOT_STARTED_REASON,
    PAIN_CAUTION_TITLE,
    PAIN_QUESTION,
    SERIOUS_TITLE,
    SETTLE_TITLE,
    SEVERE_PAIN_TITLE,
    STOPPED_FOLLOWUP_QUESTION,
    SUITS_YOU_TITLE,
    AnswerKind,
    CheckQuestion,
    inline,
    not_for_you,
    not_listed,
    not_settled_advice,
    pain_caution_advice,
    settle_advice,
    severe_pain_advice,
)
from coach.safety.last_sessions import PreviousSession, emergency_pending, newest_first, previous_session
from coach.safety.profile import QUESTION_TEXTS, SERIOUS_ADVICE, Profile
from coach.safety.scale import ScaleEntry

LogBlock = Callable[[Screening, str], None]
"""Called once, when the check rules a session out or the user goes back at a caution: what was
answered so far, and why (``Screening.not_started_after_caution`` tells the two apart)."""

RECENT_LOGS = 50
"""How many of the newest logs the check reads to find the last session and last emergency sign."""
SEVERE_PAIN_AT = 8
CAUTION_PAIN_AT = 6
YES_NO_KEYS = {"y": True, "n": False}


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


@dataclass(frozen=True)
class CheckVerdict:
    kind: VerdictKind
    title: str = ""
    advice: tuple[str, ...] = ()
    reason: str = ""
    """What the log says (blocks only)."""
    urgent: bool = False
    """Emergency help now."""
    suggest_gentler: bool = False

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
    """Context shown with the question (last time's figures, last time's emergency advice)."""

    @property
    def position(self) -> str:
        return f"Question {self.number} of {self.total}"


@dataclass
class SafetyCheck:
    """The check for one start of one routine. Read ``pending``; call ``answer`` or ``leave``."""

    profile: Profile
    contraindications: tuple[str, ...]
    recent: Sequence[SessionRecord]
    """The newest logs, newest first (``RECENT_LOGS`` of them is plenty)."""
    now: datetime
    log: LogBlock
    clock: Clock = monotonic
    """Seconds from a monotonic clock, for a 1 typed on the scale that waits for a 0."""
    record: Screening = field(default_factory=Screening)
    verdict: CheckVerdict | None = None
    cautions: list[CheckVerdict] = field(default_factory=list)
    answered: int = 0
    scale: ScaleEntry = field(default_factory=ScaleEntry)
    closed: bool = False
    """The user has read the verdict and left the check."""
    _questions: list[CheckQuestion] = field(default_factory=list)
    _previous: PreviousSession | None = None
    _gate: tuple[str, tuple[str, ...], str] | None = None
    """A block known before any answer (serious signs not cleared, routine ruled out, rest for today):
    title, advice, reason. It comes after the emergency questions. A routine the profile rules out
    is refused at once, with no question, since no answer could start it, unless last time's
    emergency sign is still to be asked about."""

    def __post_init__(self) -> None:
        self.contraindications = tuple(self.contraindications)
        profile = self.profile
        if not profile.complete:
            self.verdict = CheckVerdict(VerdictKind.PROFILE_FIRST, "Your health profile first")
            return
        self.record.contraindications = {c: c in profile.conditions() for c in self.contraindications}
        self.recent = newest_first(self.recent)
        ruled_out = profile.ruled_out(self.contraindications)
        if emergency_pending(self.recent):
            self._questions.append(ASSESSED_QUESTION)
        elif ruled_out:
            self._block(*not_for_you(ruled_out))
            return
        self._questions += EMERGENCY_QUESTIONS
        self._previous = previous_session(self.recent, self.now)
        self._gate = self._profile_gate() or self._rest_gate()
        if self._gate is not None:
            return
        unlisted = tuple(c for c in profile.conditions() if c not in self.contraindications)
        if unlisted:
            self._caution(SUITS_YOU_TITLE, not_listed(unlisted))
        self._questions.append(LEG_CHANGE_QUESTION if profile.known_leg_symptoms else LEG_CHECK_QUESTION)
        self._questions.append(PAIN_QUESTION)
        p = self._previous
        if p is not None:
            if p.hours_ago is not None and p.hours_ago < SETTLE_HOURS:
                assert p.pain_before is not None and p.pain_after is not None
                self._caution(SETTLE_TITLE, settle_advice(p.hours_ago, p.pain_before, p.pain_after))
            elif p.stopped:
                self._questions.append(STOPPED_FOLLOWUP_QUESTION)
            elif p.hours_ago is None or p.hours_ago < FOLLOWUP_HOURS:
                self._questions.append(EARLY_FOLLOWUP_QUESTION)
            else:
                self._questions.append(FOLLOWUP_QUESTION)

    def _profile_gate(self) -> tuple[str, tuple[str, ...], str] | None:
        if self.profile.needs_clearance:
            signs = " ".join(QUESTION_TEXTS[sign] for sign in self.profile.serious_signs())
            return SERIOUS_TITLE, SERIOUS_ADVICE, f"Serious-condition signs not yet cleared by a professional: {signs}"
        ruled_out = self.profile.ruled_out(self.contraindications)
        return not_for_you(ruled_out) if ruled_out else None

    def _rest_gate(self) -> tuple[str, tuple[str, ...], str] | None:
        """Within 12 hours of a session in which the coach said to stop for today: no session."""
        return rest_block(self._previous)

    @property
    def total(self) -> int:
        return len(self._questions)

    @property
    def pending(self) -> Pending | None:
        """The question to show, or ``None`` once there is a verdict."""
        if self.verdict is not None or self.answered >= self.total:
            return None
        question = self._questions[self.answered]
        return Pending(question, self.answered + 1, self.total, self._note(question))

    def _note(self, question: CheckQuestion) -> str:
        if question is ASSESSED_QUESTION:
            return "Last time you reported a sign that needs emergency help. " + " ".join(EMERGENCY_ADVICE[1:])
        if question.id == FOLLOWUP_QUESTION.id and self._previous is not None:
            p = self._previous
            when = "at a time its log does not tell" if p.hours_ago is None else f"{elapsed_words(p.hours_ago)} ago"
            said = f" ({inline(p.stopped)})" if p.stopped else ""
            pain = ""
            raised = p.pain_before is not None and p.pain_after is not None and p.pain_after > p.pain_before
            if raised:
                pain = f"; your pain went from {p.pain_before}/10 to {p.pain_after}/10"
            return f"Your last session ended {when}{said}{pain}."
        return ""

    @property
    def finished(self) -> bool:
        """Nothing more to show: the session starts, the user went back, or read the verdict and left."""
        kind = self.verdict.kind if self.verdict is not None else None
        return self.closed or kind in (VerdictKind.GO, VerdictKind.LEFT, VerdictKind.NOT_STARTED)

    def key(self, key: str) -> bool:
        """Act on a key: y or n, or 0-10, answer the question; at a caution g goes on and b goes back;
        enter or escape leaves a verdict; escape takes back a 1 typed on the scale, else leaves.
        Enter alone never answers a question. Returns whether the key was used."""
        self.tick()
        pending = self.pending
        if pending is None:
            return self._verdict_key(key)
        if key == "escape":
            if self.scale.waiting:
                self.scale.clear()
            else:
                self.leave()
            return True
        if pending.question.kind is AnswerKind.RATING:
            rating, used = self.scale.press(key, self.clock())
            if rating is not None:
                self.answer(rating)
                if not used:
                    self.key(key)
                return True
            return used or key == "enter"
        if key in YES_NO_KEYS:
            self.answer(YES_NO_KEYS[key])
            return True
        return key == "enter"

    def _verdict_key(self, key: str) -> bool:
        if self.verdict is None or self.finished:
            return False
        if self.verdict.kind is VerdictKind.CAUTION:
            if key in ("g", "b", "escape"):
                self.decide(key == "g")
                return True
            return False
        if key in ("enter", "escape"):
            self.closed = True
            return True
        return False

    def tick(self) -> None:
        """Let time pass: a 1 on the scale that waited long enough for a 0 is the answer."""
        rating = self.scale.due(self.clock())
        if rating is not None and self.pending is not None:
            self.answer(rating)

    def seconds_to_next_change(self) -> float | None:
        """When a 1 typed on the scale becomes the answer by itself, if one waits."""
        return self.scale.seconds_left(self.clock())

    def answer(self, value: bool | int) -> CheckVerdict | None:
        """Take the answer to the pending question; returns the verdict once there is one."""
        pending = self.pending
        if pending is None:
            raise ValueError("there is no question waiting for an answer")
        question = pending.question
        if type(value) is not type(question.allowed[0]) or value not in question.allowed:
            raise ValueError(f"{value!r} is not an answer to {question.id}")
        self.answered += 1
        if question is ASSESSED_QUESTION:
            self.record.emergency_assessed = bool(value)
            if not value:
                self._block(
                    EMERGENCY_TITLE,
                    EMERGENCY_ADVICE,
                    "Emergency signs from the last check not yet assessed by a doctor.",
                    urgent=True,
                )
        elif question in EMERGENCY_QUESTIONS:
            self.record.red_flags[question.id] = bool(value)
            if value:
                self._block(EMERGENCY_TITLE, EMERGENCY_ADVICE, f"Emergency sign: {question.text}", urgent=True)
        elif question.id == LEG_CHECK_QUESTION.id:
            self.record.red_flags[question.id] = bool(value)
            if value:
                self._block(LEG_TITLE, LEG_ADVICE, f"Leg symptoms: {question.text}")
        elif question is PAIN_QUESTION:
            value = int(value)
            self.record.pain_before = value
            if value >= SEVERE_PAIN_AT:
                self._block(SEVERE_PAIN_TITLE, severe_pain_advice(value), f"Pain {value}/10 before the session.")
            elif value >= CAUTION_PAIN_AT:
                self._caution(PAIN_CAUTION_TITLE, pain_caution_advice(value), suggest_gentler=True)
        elif question.id == FOLLOWUP_QUESTION.id:
            self.record.previous_settled = bool(value)
            if not value and self._previous is not None:
                hours = self._previous.hours_ago
                self._caution(NOT_SETTLED_TITLE, not_settled_advice(hours), suggest_gentler=True)
        if self.verdict is None and self.answered >= self.total:
            self._finish()
        return self.verdict

    def decide(self, go_on: bool) -> CheckVerdict:
        """After a caution: go on (the session starts) or not (logged as not started, which is no block)."""
        if self.verdict is None or self.verdict.kind is not VerdictKind.CAUTION:
            raise ValueError("there is no caution to decide on")
        if go_on:
            self.verdict = CheckVerdict(VerdictKind.GO, self.verdict.title, self.verdict.advice)
        else:
            titles = "; ".join(c.title for c in self.cautions)
            reason = f"{NOT_STARTED_REASON} {titles}."
            self.record.not_started_after_caution = True
            self.verdict = CheckVerdict(VerdictKind.NOT_STARTED, self.verdict.title, self.verdict.advice, reason)
            self.log(self.record, reason)
        return self.verdict

    def leave(self) -> CheckVerdict:
        """The user leaves (escape): before an outcome nothing is logged; at a caution it is a "no"."""
        if self.verdict is None:
            self.verdict = CheckVerdict(VerdictKind.LEFT)
        elif self.verdict.kind is VerdictKind.CAUTION:
            self.decide(False)
        return self.verdict

    def _caution(self, title: str, advice: tuple[str, ...], suggest_gentler: bool = False) -> None:
        self.cautions.append(CheckVerdict(VerdictKind.CAUTION, title, advice, suggest_gentler=suggest_gentler))

    def _finish(self) -> None:
        if self._gate is not None:
            self._block(*self._gate)
            return
        if not self.cautions:
            self.verdict = CheckVerdict(VerdictKind.GO)
            return
        advice = tuple(line for caution in self.cautions for line in caution.advice)
        self.record.cautions = [caution.title for caution in self.cautions]
        self.verdict = CheckVerdict(
            VerdictKind.CAUTION,
            self.cautions[0].title if len(self.cautions) == 1 else "Take care today",
            advice,
            suggest_gentler=any(c.suggest_gentler for c in self.cautions),
        )

    def _block(self, title: str, advice: tuple[str, ...], reason: str, urgent: bool = False) -> None:
        self.verdict = CheckVerdict(VerdictKind.BLOCKED, title, advice, reason, urgent)
        self.log(self.record, reason)
