"""The health profile: asked once, kept in the data folder, reviewed every four weeks.

It holds age and this episode, the known contraindications (sources 000 and 001), the history
that raises the chance of a serious cause (NICE CKS, NG234), whether leg symptoms have already
been assessed by a professional who advised exercise, and the dated clearance. Signs that change
from day to day are asked at every check instead. Every answer and every change is kept with the
moment it was given; the questions are in ``coach.safety.profile_questions``, the file is read and
written by ``coach.safety.profile_store``. See ``docs/safety.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from coach.logs.timestamps import stamp
from coach.safety.profile_questions import (
    AGE_QUESTION,
    ALL_IDS,
    ANSWER_IDS,
    ASSESSED_QUESTION,
    CLEARANCE_QUESTION,
    CONDITIONS_QUESTION,
    EPISODE_QUESTION,
    FIRST_EPISODE_QUESTION,
    HISTORY_QUESTION,
    KNOWN_LEG_QUESTION,
    OVER_12_WEEKS,
    UNDER_16,
    allowed,
)

REVIEW_AFTER = timedelta(weeks=4)


ON_HOLD_BANNER = (
    "Until a doctor or physiotherapist has assessed what your health profile notes, only walking and the "
    "flare-up plan may start; once they have said exercise is fine, record it with e."
)
"""Shown on home while ``Profile.needs_clearance``."""
UNFINISHED_LINE = "Your health profile is not finished: press e to finish it before a session."
"""Shown on home while the profile is not ``Profile.complete``."""
ON_HOLD_LINE = "On hold: a doctor or physiotherapist should first assess what your health profile notes."
NOT_FOR_YOU_ADVICE = "Talk to a physiotherapist or doctor first about which exercises are safe for you."
ADULTS_ONLY = "coach is not for you: it is made for adults. Ask a doctor or physiotherapist what suits you."
PREGNANCY_NOTE = (
    "Pregnancy: from about 16 weeks, do exercises lying on your side or propped up, not flat on your back. "
    "Rhythmic pain, bleeding or fluid loss: call your midwife now."
)
OLDER_FIRST_EPISODE = "older-first-episode"


@dataclass(frozen=True)
class Answer:
    """One answer and when it was given: yes or no, or a choice's id."""

    value: bool | str
    at: datetime


@dataclass(frozen=True)
class Change:
    """One answer given or changed, kept for the record."""

    at: datetime
    question: str
    value: bool | str


@dataclass
class Profile:
    """The user's answers, their dates, the review date and every change."""

    answers: dict[str, Answer] = field(default_factory=dict)
    reviewed_at: datetime | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every question answered (the clearance is asked separately, when something needs it)."""
        return all(answer_id in self.answers for answer_id in ANSWER_IDS)

    @property
    def unanswered(self) -> tuple[str, ...]:
        """The answers still to give, in the order the profile asks them."""
        return tuple(answer_id for answer_id in ANSWER_IDS if answer_id not in self.answers)

    def value(self, question_id: str) -> bool | str | None:
        answer = self.answers.get(question_id)
        return None if answer is None else answer.value

    def yes(self, question_id: str) -> bool:
        return self.value(question_id) is True

    def conditions(self) -> tuple[str, ...]:
        """The known contraindications the user has."""
        return tuple(item.id for item in CONDITIONS_QUESTION.items if self.yes(item.id))

    @property
    def age_band(self) -> str:
        value = self.value(AGE_QUESTION.id)
        return value if isinstance(value, str) else ""

    @property
    def under_16(self) -> bool:
        return self.age_band == UNDER_16

    @property
    def aged_50_or_over(self) -> bool:
        return self.age_band in ("50-69", "70-plus")

    @property
    def older_first_episode(self) -> bool:
        """50 or over with a first episode: see a doctor within a few days first; cleared like a serious sign."""
        return self.aged_50_or_over and self.yes(FIRST_EPISODE_QUESTION.id)

    def serious_signs(self) -> tuple[str, ...]:
        """The serious-cause history answered "yes", and a first episode at 50 or over."""
        signs = tuple(item.id for item in HISTORY_QUESTION.items if self.yes(item.id))
        return (*signs, OLDER_FIRST_EPISODE) if self.older_first_episode else signs

    @property
    def cancer_history(self) -> bool:
        return self.yes("cancer-history")

    @property
    def pregnant(self) -> bool:
        return self.yes("pregnancy")

    @property
    def aneurysm(self) -> bool:
        return self.yes("aortic-aneurysm")

    @property
    def fracture_risk(self) -> bool:
        """Osteoporosis, steroid tablets or 70 or over: sudden pain after a small strain can be a fracture."""
        return self.yes("osteoporosis") or self.yes("steroids-immune") or self.age_band == "70-plus"

    @property
    def long_unassessed(self) -> bool:
        """This episode has lasted over 12 weeks and no professional has assessed it."""
        return self.value(EPISODE_QUESTION.id) == OVER_12_WEEKS and self.value(ASSESSED_QUESTION.id) is False

    @property
    def known_leg_symptoms(self) -> bool:
        return self.yes(KNOWN_LEG_QUESTION.id)

    def _sign_given(self, sign: str) -> datetime:
        """When a serious sign was noted: its answer, or for a first episode at 50 or over the later of the two."""
        ids = (AGE_QUESTION.id, FIRST_EPISODE_QUESTION.id) if sign == OLDER_FIRST_EPISODE else (sign,)
        return max(self.answers[i].at for i in ids)

    @property
    def cleared(self) -> bool:
        """A professional's clearance given no earlier than the latest serious sign."""
        clearance = self.answers.get(CLEARANCE_QUESTION.id)
        if clearance is None or clearance.value is not True:
            return False
        return all(clearance.at >= self._sign_given(sign) for sign in self.serious_signs())

    @property
    def needs_clearance(self) -> bool:
        """A serious sign was noted and no professional has cleared it since."""
        return bool(self.serious_signs()) and not self.cleared

    def ruled_out(self, contraindications: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """Which of a routine's contraindications the user has."""
        mine = set(self.conditions())
        return tuple(c for c in contraindications if c in mine)

    def answer(self, question_id: str, value: bool | str, now: datetime) -> None:
        """Record an answer, dated; an unchanged answer keeps its original date, except a clearance
        given again for serious signs noted since the last one."""
        if question_id not in ALL_IDS:
            raise ValueError(f"unknown profile question {question_id!r}")
        if not allowed(question_id, value):
            raise ValueError(f"{value!r} does not answer {question_id!r}")
        current = self.answers.get(question_id)
        renewed = question_id == CLEARANCE_QUESTION.id and value is True and not self.cleared
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
