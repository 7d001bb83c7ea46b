"""The health profile: answers, dates, clearance, review, and the file it is kept in."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from coach.logs.timestamps import moment_text
from coach.routines.model import CONTRAINDICATIONS
from coach.safety.profile import Profile
from coach.safety.profile_questions import (
    ANSWER_IDS,
    CLEARANCE_QUESTION,
    CONDITIONS_QUESTION,
    HISTORY_QUESTION,
    KNOWN_LEG_QUESTION,
    QUESTIONS,
    QuestionKind,
)
from tests.helpers import checks

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def answered(yes: tuple[str, ...] = (), at: datetime = NOW, **about) -> Profile:
    return checks.profile(yes=yes, at=at, **about)


def test_conditions_are_one_listed_question_of_the_known_contraindications():
    assert CONDITIONS_QUESTION.kind is QuestionKind.LISTED
    assert [item.id for item in CONDITIONS_QUESTION.items] == list(CONTRAINDICATIONS)


def test_serious_cause_history_is_what_does_not_change_from_day_to_day():
    assert HISTORY_QUESTION.kind is QuestionKind.LISTED
    assert [item.id for item in HISTORY_QUESTION.items] == ["cancer-history", "steroids-immune", "injecting-drugs"]
    steroids = HISTORY_QUESTION.items[1]
    assert "tablets" in steroids.text and "not inhalers" in steroids.gloss
    assert all(word in steroids.gloss for word in ("chemotherapy", "transplant", "biologics", "HIV"))


def test_the_profile_asks_about_you_and_this_episode_first():
    assert [q.id for q in QUESTIONS[:4]] == ["age-band", "episode-length", "first-episode", "episode-assessed"]
    assert [item.text for item in QUESTIONS[0].items] == ["Under 16", "16 to 49", "50 to 69", "70 or over"]
    assert [item.text for item in QUESTIONS[1].items] == ["Less than 6 weeks", "6 to 12 weeks", "More than 12 weeks"]


def test_medical_words_have_a_gloss():
    glossed = {item.id for item in CONDITIONS_QUESTION.items if item.gloss}
    assert {"osteoporosis", "spinal-instability", "aortic-aneurysm", "spinal-fusion"} <= glossed


def test_a_choice_takes_one_of_its_answers_only():
    profile = Profile()
    profile.answer("age-band", "70-plus", NOW)
    assert profile.age_band == "70-plus" and profile.fracture_risk
    for wrong in ("70", True, "over-12-weeks"):
        with pytest.raises(ValueError):
            profile.answer("age-band", wrong, NOW)


def test_under_sixteen_is_told_coach_is_for_adults():
    assert answered(age="under-16").under_16 and not answered().under_16


def test_over_twelve_weeks_without_an_assessment_is_told():
    assert answered(episode="over-12-weeks", assessed=False).long_unassessed
    assert not answered(episode="over-12-weeks", assessed=True).long_unassessed
    assert not answered(episode="6-12-weeks", assessed=False).long_unassessed


def test_a_profile_saved_before_the_new_questions_asks_only_those():
    old = answered()
    for new in ("age-band", "episode-length", "first-episode", "episode-assessed", "injecting-drugs"):
        del old.answers[new]
    assert not old.complete
    assert old.unanswered == ("age-band", "episode-length", "first-episode", "episode-assessed", "injecting-drugs")


def test_an_empty_profile_is_not_complete():
    assert not Profile().complete


def test_a_profile_with_one_question_unanswered_is_not_complete():
    profile = answered()
    del profile.answers[KNOWN_LEG_QUESTION.id]
    assert not profile.complete


def test_every_answer_is_dated_and_kept_as_a_change():
    profile = answered()
    assert profile.complete
    assert all(moment_text(answer.at) == "2026-11-21T09:00:00+01:00" for answer in profile.answers.values())
    assert len(profile.changes) == len(ANSWER_IDS)


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
    assert len(profile.changes) == len(ANSWER_IDS)


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
    profile.answer("injecting-drugs", True, NOW + timedelta(days=5))
    assert profile.needs_clearance


def test_a_clearance_given_again_after_a_new_serious_sign_is_dated_anew_and_clears_it():
    profile = answered(yes=("cancer-history",))
    profile.answer(CLEARANCE_QUESTION.id, True, NOW + timedelta(days=2))
    profile.answer("injecting-drugs", True, NOW + timedelta(days=5))
    profile.answer(CLEARANCE_QUESTION.id, True, NOW + timedelta(days=9))
    assert profile.cleared
    assert profile.answers[CLEARANCE_QUESTION.id].at.date() == (NOW + timedelta(days=9)).date()
    assert [c.question for c in profile.changes][-1] == CLEARANCE_QUESTION.id


def test_known_leg_symptoms():
    assert answered(yes=(KNOWN_LEG_QUESTION.id,)).known_leg_symptoms
    assert not answered().known_leg_symptoms


def test_review_is_due_four_weeks_after_the_last_review():
    profile = answered()
    assert not profile.due_for_review(date(2026, 12, 18))
    assert profile.due_for_review(date(2026, 12, 19))
    profile.mark_reviewed(datetime(2026, 12, 19, 8, tzinfo=NOW.tzinfo))
    assert not profile.due_for_review(date(2026, 12, 19))


def test_an_unfinished_profile_is_not_due_for_review():
    assert not Profile().due_for_review(date(2030, 1, 1))
