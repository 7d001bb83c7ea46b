"""The health profile: asked once, kept in the data folder, reviewed every four weeks.

It holds the known contraindications (sources 000 and 001), the standard screen for a serious
cause of back pain (NICE NG59 red flags), whether leg symptoms have already been assessed by a
professional who advised exercise, and the dated clearance after a serious-condition "yes".
Every answer and every change is kept with the moment it was given. See ``docs/safety.md``; the
file is read and written by ``coach.safety.profile_store``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from coach.logs.timestamps import stamp
from coach.routines.model import CONTRAINDICATION_LABELS, CONTRAINDICATIONS

REVIEW_AFTER = timedelta(weeks=4)


@dataclass(frozen=True)
class ProfileQuestion:
    """A yes/no question of the profile; ``id`` is the key of its answer in the file."""

    id: str
    text: str
    section: str


CONDITIONS_SECTION = "Conditions"
SERIOUS_SECTION = "Signs of a serious cause"
LEGS_SECTION = "Leg symptoms"
CLEARANCE_SECTION = "Clearance"

CONDITION_QUESTIONS = tuple(
    ProfileQuestion(condition, f"{CONTRAINDICATION_LABELS[condition]}?", CONDITIONS_SECTION)
    for condition in CONTRAINDICATIONS
)
SERIOUS_QUESTIONS = (
    ProfileQuestion(
        "fall-or-accident", "Did your back pain start after a significant fall or accident?", SERIOUS_SECTION
    ),
    ProfileQuestion("cancer-history", "Have you ever had cancer?", SERIOUS_SECTION),
    ProfileQuestion("weight-loss", "Have you lost weight recently without trying?", SERIOUS_SECTION),
    ProfileQuestion("fever-unwell", "Do you have a fever, or feel generally unwell?", SERIOUS_SECTION),
    ProfileQuestion(
        "night-pain",
        "Is the pain constant, worse at night, and not eased by rest or changing position?",
        SERIOUS_SECTION,
    ),
    ProfileQuestion(
        "steroids-immune", "Do you take steroid medicine long-term, or have a weakened immune system?", SERIOUS_SECTION
    ),
)
LEG_QUESTION = ProfileQuestion(
    "known-leg-symptoms",
    "Has a professional already assessed pain or numbness down one of your legs and advised you to exercise?",
    LEGS_SECTION,
)
CLEARANCE_QUESTION = ProfileQuestion(
    "clearance",
    "Has a doctor or physiotherapist assessed what you answered yes to above, and said exercise is fine?",
    CLEARANCE_SECTION,
)
QUESTIONS = (*CONDITION_QUESTIONS, *SERIOUS_QUESTIONS, LEG_QUESTION)
"""Every question of the profile except the clearance, which is asked only after a serious "yes"."""

SERIOUS_ADVICE = (
    "Before exercising, see a doctor within the next few days.",
    "What you noted in your health profile can point to a serious cause of back pain, and "
    "exercise could hide or worsen it.",
    "Once a professional has assessed it and said exercise is fine, record that in your "
    "health profile (key e on home).",
)
ON_HOLD_BANNER = (
    "Every routine is on hold until a doctor or physiotherapist has assessed your profile answers; "
    "then record it with e."
)
"""Shown on home while ``Profile.needs_clearance``."""
ON_HOLD_LINE = "On hold: a doctor or physiotherapist should first assess what your health profile notes."
NOT_FOR_YOU_ADVICE = "Talk to a physiotherapist or doctor first about which exercises are safe for you."


@dataclass(frozen=True)
class Answer:
    """One answer and when it was given."""

    value: bool
    at: datetime


@dataclass(frozen=True)
class Change:
    """One answer given or changed, kept for the record."""

    at: datetime
    question: str
    value: bool


@dataclass
class Profile:
    """The user's answers, their dates, the review date and every change."""

    answers: dict[str, Answer] = field(default_factory=dict)
    reviewed_at: datetime | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every question answered (the clearance is asked separately, after a serious "yes")."""
        return all(q.id in self.answers for q in QUESTIONS)

    def value(self, question_id: str) -> bool | None:
        answer = self.answers.get(question_id)
        return None if answer is None else answer.value

    def conditions(self) -> tuple[str, ...]:
        """The known contraindications the user has."""
        return tuple(q.id for q in CONDITION_QUESTIONS if self.value(q.id))

    def serious_signs(self) -> tuple[str, ...]:
        """The serious-condition questions answered "yes"."""
        return tuple(q.id for q in SERIOUS_QUESTIONS if self.value(q.id))

    @property
    def known_leg_symptoms(self) -> bool:
        return bool(self.value(LEG_QUESTION.id))

    @property
    def cleared(self) -> bool:
        """A professional's clearance given no earlier than the latest serious "yes"."""
        clearance = self.answers.get(CLEARANCE_QUESTION.id)
        if clearance is None or not clearance.value:
            return False
        return all(clearance.at >= self.answers[sign].at for sign in self.serious_signs())

    @property
    def needs_clearance(self) -> bool:
        """A serious sign was noted and no professional has cleared it since."""
        return bool(self.serious_signs()) and not self.cleared

    def ruled_out(self, contraindications: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """Which of a routine's contraindications the user has."""
        mine = set(self.conditions())
        return tuple(c for c in contraindications if c in mine)

    def answer(self, question_id: str, value: bool, now: datetime) -> None:
        """Record an answer, dated; an unchanged answer keeps its original date, except a clearance
        given again for serious signs noted since the last one."""
        if question_id not in ALL_IDS:
            raise ValueError(f"unknown profile question {question_id!r}")
        if type(value) is not bool:
            raise ValueError(f"a profile answer is yes or no, not {value!r}")
        current = self.answers.get(question_id)
        renewed = question_id == CLEARANCE_QUESTION.id and value and not self.cleared
        if current is not None and current.value == value and not renewed:
            return
        at = stamp(now)
        self.answers[question_id] = Answer(value, at)
        self.changes.append(Change(at, question_id, value))

    def mark_reviewed(self, now: datetime) -> None:
        self.reviewed_at = stamp(now)

    def due_for_review(self, today: date) -> bool:
        """Four weeks or more since the profile was last reviewed (or first filled in)."""
        if not self.complete:
            return False
        return self.reviewed_at is None or today - self.reviewed_at.date() >= REVIEW_AFTER


ALL_IDS = frozenset(q.id for q in (*QUESTIONS, CLEARANCE_QUESTION))
QUESTION_TEXTS = {q.id: q.text for q in (*QUESTIONS, CLEARANCE_QUESTION)}
