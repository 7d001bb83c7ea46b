"""The health profile: answers, dates, clearance, review, and the file it is kept in."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from coach.logs.timestamps import moment_text
from coach.routines.model import CONTRAINDICATIONS
from coach.safety.profile import (
    CLEARANCE_QUESTION,
    CONDITION_QUESTIONS,
    LEG_QUESTION,
    QUESTIONS,
    SERIOUS_QUESTIONS,
    Profile,
)

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def answered(yes: tuple[str, ...] = (), at: datetime = NOW) -> Profile:
    profile = Profile()
    for question in QUESTIONS:
        profile.answer(question.id, question.id in yes, at)
    profile.mark_reviewed(at)
    return profile


def test_conditions_are_the_known_contraindications():
    assert [q.id for q in CONDITION_QUESTIONS] == list(CONTRAINDICATIONS)


def test_serious_condition_screen_asks_the_six_standard_signs():
    assert [q.id for q in SERIOUS_QUESTIONS] == [
        "fall-or-accident",
        "cancer-history",
        "weight-loss",
        "fever-unwell",
        "night-pain",
        "steroids-immune",
    ]


def test_an_empty_profile_is_not_complete():
    assert not Profile().complete


def test_a_profile_with_one_question_unanswered_is_not_complete():
    profile = answered()
    del profile.answers[LEG_QUESTION.id]
    assert not profile.complete


def test_every_answer_is_dated_and_kept_as_a_change():
    profile = answered()
    assert profile.complete
    assert all(moment_text(answer.at) == "2026-11-21T09:00:00+01:00" for answer in profile.answers.values())
    assert len(profile.changes) == len(QUESTIONS)


def test_an_answer_is_dated_to_the_second():
    profile = Profile()
    profile.answer("pregnancy", True, NOW.replace(microsecond=654321))
    assert profile.answers["pregnancy"].at == NOW and profile.changes[0].at == NOW


def test_changing_an_answer_dates_the_change_and_keeps_the_old_one():
    profile = answered()
    later = NOW + timedelta(days=3)
    profile.answer("pregnancy", True, later)
    assert moment_text(profile.answers["pregnancy"].at) == later.isoformat(timespec="seconds")
    assert [(c.question, c.value) for c in profile.changes if c.question == "pregnancy"] == [
        ("pregnancy", False),
        ("pregnancy", True),
    ]


def test_giving_the_same_answer_again_changes_nothing():
    profile = answered()
    profile.answer("pregnancy", False, NOW + timedelta(days=1))
    assert moment_text(profile.answers["pregnancy"].at) == NOW.isoformat(timespec="seconds")
    assert len(profile.changes) == len(QUESTIONS)


def test_unknown_question_or_non_boolean_answer_is_an_error():
    with pytest.raises(ValueError):
        Profile().answer("headache", True, NOW)
    with pytest.raises(ValueError):
        Profile().answer("pregnancy", 1, NOW)


def test_a_routine_listing_a_condition_the_user_has_is_ruled_out():
    profile = answered(yes=("osteoporosis",))
    assert profile.ruled_out(("osteoporosis", "pregnancy")) == ("osteoporosis",)
    assert profile.ruled_out(("pregnancy",)) == ()


def test_no_serious_sign_needs_no_clearance():
    assert not answered().needs_clearance


def test_a_serious_sign_needs_clearance():
    profile = answered(yes=("cancer-history",))
    assert profile.needs_clearance and not profile.cleared


def test_clearance_after_the_serious_sign_clears_it():
    profile = answered(yes=("cancer-history",))
    profile.answer(CLEARANCE_QUESTION.id, True, NOW + timedelta(days=2))
    assert profile.cleared and not profile.needs_clearance


def test_clearance_answered_no_does_not_clear():
    profile = answered(yes=("cancer-history",))
    profile.answer(CLEARANCE_QUESTION.id, False, NOW + timedelta(days=2))
    assert profile.needs_clearance


def test_a_new_serious_sign_after_the_clearance_needs_a_new_clearance():
    profile = answered(yes=("cancer-history",))
    profile.answer(CLEARANCE_QUESTION.id, True, NOW + timedelta(days=2))
    profile.answer("fall-or-accident", True, NOW + timedelta(days=5))
    assert profile.needs_clearance


def test_a_clearance_given_again_after_a_new_serious_sign_is_dated_anew_and_clears_it():
    profile = answered(yes=("cancer-history",))
    profile.answer(CLEARANCE_QUESTION.id, True, NOW + timedelta(days=2))
    profile.answer("fall-or-accident", True, NOW + timedelta(days=5))
    profile.answer(CLEARANCE_QUESTION.id, True, NOW + timedelta(days=9))
    assert profile.cleared
    assert profile.answers[CLEARANCE_QUESTION.id].at.date() == (NOW + timedelta(days=9)).date()
    assert [c.question for c in profile.changes][-1] == CLEARANCE_QUESTION.id


def test_known_leg_symptoms():
    assert answered(yes=(LEG_QUESTION.id,)).known_leg_symptoms
    assert not answered().known_leg_symptoms


def test_review_is_due_four_weeks_after_the_last_review():
    profile = answered()
    assert not profile.due_for_review(date(2026, 12, 18))
    assert profile.due_for_review(date(2026, 12, 19))
    profile.mark_reviewed(datetime(2026, 12, 19, 8, tzinfo=NOW.tzinfo))
    assert not profile.due_for_review(date(2026, 12, 19))


def test_an_unfinished_profile_is_not_due_for_review():
    assert not Profile().due_for_review(date(2030, 1, 1))
