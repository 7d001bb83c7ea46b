"""Profiles, safety checks and the sessions before them, for the tests, at a fixed moment."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

from coach.logs.records import HurtKind, Outcome, PainReport, Screening, SessionRecord
from coach.safety.check import SafetyCheck
from coach.safety.check_texts import EMERGENCY_QUESTION, AnswerKind
from coach.safety.profile import Profile
from coach.safety.profile_questions import AGE_QUESTION, ANSWER_IDS, CLEARANCE_QUESTION, EPISODE_QUESTION
from tests.helpers.records import session

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 21, 18, 0, tzinfo=TZ)
ALL_CLEAR = ()
"""No extra answers: ``answer_until`` answers "no" and a pain of 2 on its way."""


def profile(
    yes: tuple[str, ...] = (),
    age: str = "16-49",
    episode: str = "under-6-weeks",
    first: bool = False,
    assessed: bool = True,
    at: datetime = NOW - timedelta(days=10),
) -> Profile:
    """A finished profile: "yes" to the answer ids in ``yes`` (``clearance`` records a clearance a day later)."""
    made = Profile()
    choices = {AGE_QUESTION.id: age, EPISODE_QUESTION.id: episode}
    for answer_id in ANSWER_IDS:
        if answer_id in choices:
            made.answer(answer_id, choices[answer_id], at)
        elif answer_id == "first-episode":
            made.answer(answer_id, first, at)
        elif answer_id == "episode-assessed":
            made.answer(answer_id, assessed, at)
        else:
            made.answer(answer_id, answer_id in yes, at)
    if CLEARANCE_QUESTION.id in yes:
        made.answer(CLEARANCE_QUESTION.id, True, at + timedelta(days=1))
    made.mark_reviewed(at)
    return made


class Log:
    """The log callback: every call with what was answered at that moment."""

    def __init__(self) -> None:
        self.blocks: list[tuple[Screening, str]] = []

    def __call__(self, screening: Screening, reason: str) -> None:
        self.blocks.append((copy.deepcopy(screening), reason))


def check(
    prof: Profile | None = None, contraindications=(), recent=(), log: Log | None = None, **options
) -> SafetyCheck:
    safety = SafetyCheck(prof or profile(), tuple(contraindications), list(recent), NOW, log or Log(), **options)
    return safety


def answer_until(safety: SafetyCheck, question_id: str, *answers) -> None:
    """Give ``answers`` first, then "no" (and a pain of 2) until the question ``question_id`` is pending."""
    for value in answers:
        safety.answer(value)
    while safety.pending is not None and safety.pending.question.id != question_id:
        kind = safety.pending.question.kind
        safety.answer(2 if kind is AnswerKind.RATING else False)
    assert safety.pending is not None, f"{question_id} was never asked"


def answer_all(safety: SafetyCheck, *answers):
    verdict = None
    for value in answers:
        verdict = safety.answer(value)
    return verdict


def earlier_session(
    hours_ago: float,
    before: int | None = 2,
    after: int | None = 5,
    outcome: Outcome = Outcome.COMPLETED,
    screening: Screening | None = None,
) -> SessionRecord:
    """A session that ended ``hours_ago`` before ``NOW``, 20 minutes long, no emergency sign answered."""
    ended = NOW - timedelta(hours=hours_ago)
    screening = screening or Screening(red_flags={EMERGENCY_QUESTION.id: False}, pain_before=before)
    return session(ended - timedelta(minutes=20), ended, id="x", outcome=outcome, screening=screening, pain_after=after)


def stopped_session(hours_ago: float, leg: bool = False, before: int = 3, after: int = 2) -> SessionRecord:
    """A session stopped for pain ``hours_ago`` before ``NOW``: a warning sign in a leg, or a pain of 9."""
    record = earlier_session(hours_ago, before, after, Outcome.STOPPED_FOR_PAIN)
    kind = HurtKind.RED_FLAG if leg else HurtKind.MORE_THAN_MILD
    record.pain_reports = [PainReport(record.ended_at or NOW, "hurts", 9 if not leg else 3, kind=kind)]
    record.reason = "Pain reported: spreading into a buttock or leg." if leg else "Stopped after a pain check of 9/10."
    record.stop_advised = True
    return record
