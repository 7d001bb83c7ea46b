"""The safety check before every session, as a state machine the screens only display.

``SafetyCheck`` first applies the gate (health profile done; serious-condition signs cleared;
routine not ruled out by the profile), then asks, one at a time: whether a doctor has assessed
last time's emergency signs (only when the last check found one), the emergency questions, the
leg question, pain right now, and the 24-hour follow-up when it is due. The first answer that
rules the session out ends the check, and the caller's ``log`` callback is called at that
moment. Questions, sources and every case: ``docs/safety.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from coach.catalog import Entry
from coach.profile import NOT_FOR_YOU_ADVICE, SERIOUS_ADVICE, Profile
from coach.records import Outcome, Screening, SessionRecord
from coach.routine import CONTRAINDICATION_LABELS, LEVELS

LogBlock = Callable[[Screening, str], None]
"""Called once, when the check rules a session out or the user goes back at a caution: what was
answered so far, and why (``Screening.not_started_after_caution`` tells the two apart)."""

SETTLE_HOURS = 12
"""Under this many hours since a session that raised pain: let it settle; from then on: ask."""
RECENT_LOGS = 50
"""How many of the newest logs the check reads to find the last session and last emergency sign."""


class AnswerKind(str, Enum):
    YES_NO = "yes/no"
    RATING = "0-10"


@dataclass(frozen=True)
class CheckQuestion:
    """One question of the check; ``id`` is the key of its answer in the log."""

    id: str
    text: str
    kind: AnswerKind = AnswerKind.YES_NO

    @property
    def allowed(self) -> tuple[bool, ...] | tuple[int, ...]:
        return (True, False) if self.kind is AnswerKind.YES_NO else tuple(range(11))


EMERGENCY_QUESTIONS = (
    CheckQuestion(
        "saddle-numbness", "Is there numbness or a changed feeling around your groin, genitals or back passage?"
    ),
    CheckQuestion(
        "bladder-bowel",
        "Is it newly hard to start passing urine, or can you no longer feel it passing, "
        "or have you lost any control of your bladder or bowels?",
    ),
    CheckQuestion("sexual-sensation", "Have you newly lost feeling in your genitals during sex?"),
    CheckQuestion("both-legs", "Do you have numbness or weakness in both legs?"),
    CheckQuestion("worsening-leg-weakness", "Is weakness in one of your legs getting worse?"),
)
ASSESSED_QUESTION = CheckQuestion(
    "emergency-assessed", "Has a doctor assessed the emergency signs you reported last time?"
)
LEG_QUESTION = CheckQuestion(
    "leg-symptoms", "Do you have pain shooting down a leg, or numbness or weakness in one leg?"
)
LEG_CHANGE_QUESTION = CheckQuestion(
    "leg-symptoms", "Is the pain, numbness or weakness in your leg new, or worse than what a professional assessed?"
)
PAIN_QUESTION = CheckQuestion("pain-now", "How much does your back hurt right now?", AnswerKind.RATING)
FOLLOWUP_QUESTION = CheckQuestion(
    "previous-settled", "Your pain was higher after your last session. Did it settle within 24 hours?"
)
EARLY_FOLLOWUP_QUESTION = CheckQuestion(
    "previous-settled", "Your pain was higher after your last session. Has it settled since?"
)
"""The follow-up while 24 hours have not yet passed."""
FOLLOWUP_HOURS = 24
BAD_DAY_FOCUS = "gentle"
"""A routine whose ``focus`` lists this tag is made for a bad day (the bundled flare-up routine)."""

QUESTION_TEXTS = {q.id: q.text for q in (*EMERGENCY_QUESTIONS, ASSESSED_QUESTION, LEG_QUESTION, FOLLOWUP_QUESTION)}
"""What each yes/no answer in a log was the answer to."""

EMERGENCY_TITLE = "Get emergency help now"
EMERGENCY_ADVICE = (
    "Do not exercise.",
    "Go to an emergency department now, or call emergency services if you cannot get there.",
    "These signs can mean cauda equina syndrome: the nerves at the base of the spine are "
    "being squeezed, and it needs treatment without delay.",
)
LEG_TITLE = "See a doctor within a day or two"
LEG_ADVICE = (
    "Do not exercise today.",
    "Pain shooting down a leg, or numbness or weakness in a leg, that is new or worse can mean "
    "a nerve is being pressed on. A doctor should assess it within a day or two.",
    "If it spreads to both legs, or feeling or control of your bladder, bowels or genitals "
    "changes, get emergency help now.",
)
SEVERE_PAIN_TITLE = "Do not exercise now"
SEVERE_PAIN_AT = 8
CAUTION_PAIN_AT = 6
SERIOUS_TITLE = "See a doctor before exercising"
NOT_FOR_YOU_TITLE = "Not for you"
SETTLE_TITLE = "Let it settle first"
NOT_SETTLED_TITLE = "Take it easier today"
PAIN_CAUTION_TITLE = "Go gently today"
NOT_STARTED_REASON = "Not started after the caution:"
NOT_SETTLED_NEXT = "Choose a gentler routine today, or talk to a physiotherapist or doctor before going on."


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


@dataclass(frozen=True)
class PreviousSession:
    """The last session that ran, when it ended with more pain than it began with."""

    pain_before: int
    pain_after: int
    hours_ago: float


@dataclass
class SafetyCheck:
    """The check for one start of one routine. Read ``pending``; call ``answer`` or ``leave``."""

    profile: Profile
    contraindications: tuple[str, ...]
    recent: Sequence[SessionRecord]
    """The newest logs, newest first (``RECENT_LOGS`` of them is plenty)."""
    now: datetime
    log: LogBlock
    record: Screening = field(default_factory=Screening)
    verdict: CheckVerdict | None = None
    cautions: list[CheckVerdict] = field(default_factory=list)
    answered: int = 0
    _questions: list[CheckQuestion] = field(default_factory=list)
    _previous: PreviousSession | None = None

    def __post_init__(self) -> None:
        self.contraindications = tuple(self.contraindications)
        profile = self.profile
        if not profile.complete:
            self.verdict = CheckVerdict(VerdictKind.PROFILE_FIRST, "Your health profile first")
            return
        self.record.contraindications = {c: c in profile.conditions() for c in self.contraindications}
        if profile.needs_clearance:
            signs = ", ".join(profile.serious_signs())
            self._block(
                SERIOUS_TITLE, SERIOUS_ADVICE, f"Serious-condition signs not yet cleared by a professional: {signs}."
            )
            return
        ruled_out = profile.ruled_out(self.contraindications)
        if ruled_out:
            self._block(*not_for_you(ruled_out))
            return
        if emergency_pending(self.recent):
            self._questions.append(ASSESSED_QUESTION)
        self._questions += EMERGENCY_QUESTIONS
        self._questions.append(LEG_CHANGE_QUESTION if profile.known_leg_symptoms else LEG_QUESTION)
        self._questions.append(PAIN_QUESTION)
        self._previous = previous_session(self.recent, self.now)
        if self._previous is not None:
            if self._previous.hours_ago < SETTLE_HOURS:
                self._caution(SETTLE_TITLE, settle_advice(self._previous))
            elif self._previous.hours_ago < FOLLOWUP_HOURS:
                self._questions.append(EARLY_FOLLOWUP_QUESTION)
            else:
                self._questions.append(FOLLOWUP_QUESTION)

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
            return (
                f"Your last session ended {elapsed_words(p.hours_ago)} ago; "
                f"your pain went from {p.pain_before}/10 to {p.pain_after}/10."
            )
        return ""

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
        elif question.id == LEG_QUESTION.id:
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
                self._caution(NOT_SETTLED_TITLE, not_settled_advice(self._previous.hours_ago), suggest_gentler=True)
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
        self.record.cautions.append(title)

    def _finish(self) -> None:
        if not self.cautions:
            self.verdict = CheckVerdict(VerdictKind.GO)
            return
        advice = tuple(line for caution in self.cautions for line in caution.advice)
        self.verdict = CheckVerdict(
            VerdictKind.CAUTION,
            self.cautions[0].title if len(self.cautions) == 1 else "Take care today",
            advice,
            suggest_gentler=any(c.suggest_gentler for c in self.cautions),
        )

    def _block(self, title: str, advice: tuple[str, ...], reason: str, urgent: bool = False) -> None:
        self.verdict = CheckVerdict(VerdictKind.BLOCKED, title, advice, reason, urgent)
        self.log(self.record, reason)


def not_for_you(conditions: Sequence[str]) -> tuple[str, tuple[str, ...], str]:
    """Title, advice and logged reason for a routine the profile rules out."""
    names = ", ".join(CONTRAINDICATION_LABELS.get(c, c).lower() for c in conditions)
    advice = (
        f"This routine is not suitable for people with {names}, which you noted in your health profile: "
        "fragile, damaged or unstable structures can be hurt by movements that are safe for others.",
        NOT_FOR_YOU_ADVICE,
    )
    return NOT_FOR_YOU_TITLE, advice, f"Not for you: {names}."


def severe_pain_advice(rating: int) -> tuple[str, ...]:
    return (
        f"Your pain is {rating}/10: do not exercise now.",
        "Severe pain needs a professional's assessment: see a doctor or physiotherapist.",
    )


def pain_caution_advice(rating: int) -> tuple[str, ...]:
    return (
        f"Your pain is {rating}/10 before you start.",
        "If you go on, choose the gentlest routine, move only within comfort and stop if the pain rises.",
    )


def elapsed_words(hours: float) -> str:
    """``less than a minute``, ``59 minutes``, ``1 hour``, ``11 hours 59 minutes``: whole units, rounded down."""
    minutes = round(max(0.0, hours) * 3600) // 60
    if minutes < 1:
        return "less than a minute"
    whole_hours, minutes = divmod(minutes, 60)
    parts = [f"{whole_hours} hour{'s' if whole_hours != 1 else ''}"] if whole_hours else []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


def settle_advice(previous: PreviousSession) -> tuple[str, ...]:
    return (
        f"Your last session, {elapsed_words(previous.hours_ago)} ago, ended at {previous.pain_after}/10, "
        f"up from {previous.pain_before}/10.",
        "Let that settle first: it can take up to 24 hours. You may still go on, gently.",
    )


def not_settled_advice(hours_ago: float) -> tuple[str, ...]:
    """After "no, it has not settled": worded for the time that has actually passed."""
    if hours_ago >= FOLLOWUP_HOURS:
        first = "Pain that lasts more than 24 hours after exercise means the last session was too much."
    else:
        first = (
            f"Your pain from the last session is still there after {elapsed_words(hours_ago)}: "
            "that suggests the last session was too much."
        )
    return first, NOT_SETTLED_NEXT


def emergency_pending(recent: Sequence[SessionRecord]) -> bool:
    """The last check that asked about emergency signs found one, or was told no doctor has seen it."""
    for record in recent:
        screening = record.screening
        if any(screening.red_flags.get(q.id) for q in EMERGENCY_QUESTIONS) or screening.emergency_assessed is False:
            return True
        if screening.emergency_assessed or any(q.id in screening.red_flags for q in EMERGENCY_QUESTIONS):
            return False
    return False


def previous_session(recent: Sequence[SessionRecord], now: datetime) -> PreviousSession | None:
    """The last session that ran, if it ended with more pain than it began with."""
    last = next((r for r in recent if r.outcome not in (Outcome.BLOCKED, Outcome.IN_PROGRESS)), None)
    if last is None or last.pain_before is None or last.pain_after is None or last.pain_after <= last.pain_before:
        return None
    try:
        ended = datetime.fromisoformat(last.ended_at or last.started_at)
        hours = (_aware(now) - _aware(ended)).total_seconds() / 3600
    except (ValueError, TypeError):
        hours = float(SETTLE_HOURS)
    return PreviousSession(last.pain_before, last.pain_after, max(0.0, hours))


def _aware(moment: datetime) -> datetime:
    """A naive time is taken as this machine's local time."""
    return moment if moment.tzinfo else moment.astimezone()


def gentlest(entries: Sequence[Entry], profile: Profile) -> Entry | None:
    """The gentlest routine the profile allows.

    Lowest level; then one made for a bad day (``focus`` lists ``BAD_DAY_FOCUS``); then the
    shortest longest hold; then the fewest exercises; then the shortest.
    """
    allowed = [e for e in entries if e.routine is not None and not profile.ruled_out(e.routine.contraindications)]
    rank = {level: n for n, level in enumerate(LEVELS)}

    def gentleness(entry: Entry) -> tuple[int, bool, int, int, int]:
        routine = entry.routine
        assert routine is not None
        return (
            rank.get(routine.level or "", len(LEVELS)),
            BAD_DAY_FOCUS not in routine.focus,
            max((e.hold for e in routine.exercises), default=0),
            len(routine.exercises),
            entry.minutes or 0,
        )

    return min(allowed, key=gentleness, default=None)


def gentlest_advice(chosen_title: str, gentlest_title: str | None) -> str:
    """The line a caution adds about the gentlest routine, or ``""`` when there is none."""
    if not gentlest_title:
        return ""
    if gentlest_title == chosen_title:
        return "You have chosen the gentlest routine here."
    return f"The gentlest routine here is {gentlest_title}."
