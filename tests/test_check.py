"""The safety check before a session (PRODUCT.md flow 4, docs/safety.md section 3) in plain pytest."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone

import pytest

from coach.logs.records import Outcome, Screening
from coach.logs.timestamps import time_of_day
from coach.safety.after_stop import AFTER_STOP_TITLE, rest_line
from coach.safety.check_texts import (
    ASSESSED_QUESTION,
    EMERGENCY_QUESTION,
    FLARE_TITLE,
    NOT_FOR_YOU_TITLE,
    NOT_SETTLED_TITLE,
    PAIN_CAUTION_TITLE,
    SERIOUS_TITLE,
    SETTLE_TITLE,
    SEVERE_PAIN_TITLE,
    SUITS_YOU_TITLE,
    AnswerKind,
)
from coach.safety.last_sessions import previous_session
from coach.safety.profile import Profile
from coach.safety.verdicts import Offer, VerdictKind
from tests.helpers.checks import NOW, Log, answer_all, answer_until, check, earlier_session, profile, stopped_session

CLEAR = (False, False, False, 2)
"""A typical day's check: no emergency sign, nothing since last time, no leg symptoms, pain 2."""


# before any question


def test_profile_not_done_means_the_profile_first_and_nothing_logged():
    safety = check(Profile())
    assert safety.verdict.kind is VerdictKind.PROFILE_FIRST
    assert safety.pending is None and safety.log.blocks == []


def test_under_sixteen_is_told_coach_is_made_for_adults_and_nothing_is_asked():
    safety = check(profile(age="under-16"))
    assert safety.pending is None and safety.verdict.kind is VerdictKind.BLOCKED
    assert "made for adults" in safety.verdict.advice[0]
    assert safety.log.blocks[0][1] == "Not for you: coach is made for adults."


def test_routine_ruled_out_by_the_profile_is_refused_at_once_and_logged():
    safety = check(profile(yes=("pregnancy",)), contraindications=("osteoporosis", "pregnancy"))
    assert safety.pending is None, "no answer could start it, so nothing is asked"
    assert safety.verdict.title == NOT_FOR_YOU_TITLE
    screening, reason = safety.log.blocks[0]
    assert reason == "Not for you: pregnancy."
    assert screening.contraindications == {"osteoporosis": False, "pregnancy": True}


@pytest.mark.parametrize("condition", ["pregnancy", "aortic-aneurysm", "spinal-tumour"])
def test_a_condition_the_routine_does_not_list_is_a_caution_the_user_decides_on(condition):
    safety = check(profile(yes=(condition,)), contraindications=("osteoporosis",))
    verdict = answer_all(safety, *CLEAR)
    assert verdict.kind is VerdictKind.CAUTION and SUITS_YOU_TITLE in (verdict.title, "Take care today")
    assert safety.decide(True).kind is VerdictKind.GO
    assert SUITS_YOU_TITLE in safety.record.cautions


# a typical day


def test_a_typical_check_is_four_questions_emergency_since_legs_pain():
    safety = check()
    seen = []
    while safety.pending is not None:
        pending = safety.pending
        seen.append((pending.question.id, pending.position))
        safety.answer(0 if pending.question.kind is AnswerKind.RATING else False)
    ids = ["emergency-signs", "since-last", "leg-symptoms", "pain-now"]
    assert seen == [(qid, f"Question {n} of 4") for n, qid in enumerate(ids, 1)]
    assert safety.verdict.kind is VerdictKind.GO and safety.finished


def test_the_emergency_question_lists_every_sign_of_the_card_and_asks_only_what_is_unchecked_or_worse():
    question = EMERGENCY_QUESTION
    assert "a doctor has not checked, or that are getting worse" in question.text
    listed = " ".join(item.text for item in question.items)
    for sign in (
        "groin",
        "genitals",
        "back passage",
        "buttocks or inner thighs",
        "wipe",
        "passing urine",
        "not feeling it pass",
        "bladder is full",
        "bladder or bowels",
        "sexual function",
        "both legs",
    ):
        assert sign in listed, sign
    assert "during sex" not in listed, "asked in words anyone can answer"


def test_the_first_check_asks_about_the_last_two_weeks_later_ones_since_the_last_session():
    first = check()
    answer_until(first, "since-last")
    assert first.pending.question.text.startswith("In the last two weeks")
    later = check(recent=[earlier_session(30, before=2, after=2)])
    answer_until(later, "since-last")
    assert later.pending.question.text.startswith("Since your last session")


# the emergency signs


def test_an_emergency_yes_ends_the_check_at_once_with_only_go_now_advice_and_is_logged():
    safety = check()
    verdict = safety.answer(True)
    assert verdict.kind is VerdictKind.BLOCKED and verdict.urgent and verdict.offer is Offer.NONE
    assert any("emergency department now" in line for line in verdict.advice)
    assert safety.pending is None
    screening, reason = safety.log.blocks[0]
    assert screening.red_flags == {EMERGENCY_QUESTION.id: True} and reason.startswith("Emergency sign: ")
    assert safety.leave().kind is VerdictKind.BLOCKED and len(safety.log.blocks) == 1
    with pytest.raises(ValueError):
        safety.answer(False)


@pytest.mark.parametrize(
    "flags", [{"emergency-signs": True}, {"bladder-bowel": True}, {"worsening-leg-weakness": True}]
)
def test_after_an_emergency_yes_the_next_start_repeats_the_advice_and_asks_if_a_doctor_assessed_it(flags):
    blocked = earlier_session(30, outcome=Outcome.BLOCKED, screening=Screening(red_flags=flags))
    safety = check(recent=[blocked])
    assert safety.pending.question is ASSESSED_QUESTION
    assert (
        "needs emergency help" in safety.pending.question.text
        and "said exercise is fine" in safety.pending.question.text
    )
    assert safety.answer(False).urgent
    assert safety.log.blocks[0][0].emergency_assessed is False


def test_assessed_by_a_doctor_goes_on_to_the_emergency_question():
    blocked = earlier_session(30, outcome=Outcome.BLOCKED, screening=Screening(red_flags={"emergency-signs": True}))
    safety = check(recent=[blocked])
    safety.answer(True)
    assert safety.pending.question is EMERGENCY_QUESTION and safety.record.emergency_assessed is True


def test_an_emergency_yes_behind_a_not_for_you_block_is_still_asked_first():
    emergency = earlier_session(50, outcome=Outcome.BLOCKED, screening=Screening(red_flags={"emergency-signs": True}))
    safety = check(profile(yes=("pregnancy",)), ("pregnancy",), recent=[emergency])
    assert safety.pending.question is ASSESSED_QUESTION


def test_the_newest_check_is_found_by_its_moment_not_its_file_name():
    emergency = earlier_session(0.3, outcome=Outcome.BLOCKED, screening=Screening(red_flags={"emergency-signs": True}))
    emergency.started_at = (NOW - timedelta(minutes=20)).astimezone(UTC)
    earlier = earlier_session(1.2)
    earlier.started_at = (NOW - timedelta(minutes=70)).astimezone(timezone(timedelta(hours=2)))
    assert earlier.started_at.isoformat() > emergency.started_at.isoformat(), "as a file name would sort"
    assert check(recent=[earlier, emergency]).pending.question is ASSESSED_QUESTION


# signs that need to know which


def test_which_ticks_and_unticks_with_number_keys_and_enter_needs_one():
    safety = check()
    answer_until(safety, "leg-symptoms")
    safety.key("y")
    assert safety.pending.question.kind is AnswerKind.WHICH
    assert not safety.key("3") and safety.pending.ticked == ()
    safety.key("1")
    safety.key("2")
    safety.key("1")
    assert safety.pending.ticked == ("leg-pain",)
    safety.key("enter")
    assert safety.verdict.title == "See a doctor within a few days"


def test_enter_with_nothing_ticked_answers_nothing():
    safety = check()
    answer_until(safety, "leg-symptoms")
    safety.key("y")
    safety.key("enter")
    assert safety.verdict is None and safety.pending.question.kind is AnswerKind.WHICH


def test_escape_at_which_gives_the_most_urgent_advice_of_the_group_and_keeps_the_block():
    safety = check()
    answer_until(safety, "since-last")
    safety.key("y")
    safety.key("escape")
    verdict = safety.verdict
    assert verdict.kind is VerdictKind.BLOCKED and verdict.title == "Get emergency help now"
    reasons = [reason for _, reason in safety.log.blocks]
    assert len(reasons) == 2 and "which not yet said" in reasons[0] and "which sign was not said" in reasons[1]
    assert verdict.advice[0] == (
        "You did not say which one, so this is the advice for the most serious of them: "
        "a road accident, or a fall from a height."
    )


# pain right now


@pytest.mark.parametrize("pain", [8, 9, 10])
def test_pain_of_eight_to_ten_skips_today_or_offers_the_flare_up_plan(pain):
    safety = check()
    verdict = answer_all(safety, *CLEAR[:-1], pain)
    assert verdict.kind is VerdictKind.BLOCKED and verdict.title == SEVERE_PAIN_TITLE
    assert verdict.offer is Offer.FLARE_UP and not verdict.urgent
    assert "skip today, or do the flare-up plan" in verdict.advice[0].lower()
    assert "see a doctor or physiotherapist today" in verdict.advice[1]
    assert safety.log.blocks[0][1] == f"Pain {pain}/10 before the session."
    assert not safety.key("enter") or safety.verdict.kind is VerdictKind.BLOCKED
    assert safety.verdict.kind is not VerdictKind.SWITCH, "enter never starts the flare-up plan"


def test_f_takes_the_flare_up_plan_after_a_block_without_logging_again():
    safety = check()
    answer_all(safety, *CLEAR[:-1], 9)
    assert safety.key("f") and safety.verdict.kind is VerdictKind.SWITCH and safety.finished
    assert len(safety.log.blocks) == 1


@pytest.mark.parametrize("pain", [6, 7])
def test_pain_of_six_or_seven_cautions_and_offers_the_gentlest_routine(pain):
    safety = check()
    verdict = answer_all(safety, *CLEAR[:-1], pain)
    assert verdict.kind is VerdictKind.CAUTION and verdict.offer is Offer.GENTLEST
    assert verdict.title == PAIN_CAUTION_TITLE and any(f"{pain}/10" in line for line in verdict.advice)
    assert safety.log.blocks == []
    assert safety.decide(True).kind is VerdictKind.GO


def test_taking_the_gentlest_at_a_caution_is_logged_as_not_started():
    safety = check()
    answer_all(safety, *CLEAR[:-1], 6)
    safety.key("f")
    assert safety.verdict.kind is VerdictKind.SWITCH
    assert (
        safety.log.blocks[0][1] == "Not started after the caution: Go gently today (took the gentlest routine instead)."
    )


@pytest.mark.parametrize("pain", range(6))
def test_pain_of_five_or_less_goes(pain):
    assert answer_all(check(), *CLEAR[:-1], pain).kind is VerdictKind.GO


# the next-day flare


@pytest.mark.parametrize(
    ("hours_ago", "before", "now", "flare"),
    [(20, 3, 5, True), (20, 3, 6, True), (20, 3, 4, False), (71, 2, 4, True), (73, 2, 4, False)],
)
def test_pain_two_above_last_times_start_within_three_days_is_a_flare_without_a_question(hours_ago, before, now, flare):
    safety = check(recent=[earlier_session(hours_ago, before=before, after=before)])
    verdict = answer_all(safety, *CLEAR[:-1], now)
    assert safety.total == 4, "no extra question"
    titles = [c.title for c in safety.cautions]
    assert (FLARE_TITLE in titles) is flare
    if flare:
        assert f"{now} today, {before} before last time: take it easier today." in verdict.advice
        assert verdict.offer is Offer.GENTLEST


# the follow-up


def test_under_twelve_hours_after_a_session_that_raised_pain_says_let_it_settle_and_may_go_on():
    safety = check(recent=[earlier_session(5)])
    verdict = answer_all(safety, *CLEAR)
    assert verdict.kind is VerdictKind.CAUTION and verdict.title == SETTLE_TITLE
    assert any("up to 24 hours" in line for line in verdict.advice)
    assert safety.decide(True).kind is VerdictKind.GO


@pytest.mark.parametrize(("hours_ago", "text"), [(14, "Has it settled since?"), (30, "Did it settle within 24 hours?")])
def test_from_twelve_hours_the_follow_up_asks_by_its_window(hours_ago, text):
    safety = check(recent=[earlier_session(hours_ago)])
    answer_all(safety, *CLEAR)
    pending = safety.pending
    assert pending.question.text.endswith(text) and pending.position == "Question 5 of 5"
    assert "2/10 to 5/10" in pending.note


def test_not_settled_means_a_gentler_routine_today_or_a_professional():
    safety = check(recent=[earlier_session(30)])
    verdict = answer_all(safety, *CLEAR, False)
    assert verdict.title == NOT_SETTLED_TITLE and verdict.offer is Offer.GENTLEST
    assert "more than 24 hours" in verdict.advice[0]
    assert safety.record.previous_settled is False


@pytest.mark.parametrize(("before", "after", "asked"), [(2, 3, False), (2, 4, True), (3, 7, True), (5, 2, False)])
def test_the_follow_up_is_due_at_a_rise_of_two_or_a_red_end(before, after, asked):
    safety = check(recent=[earlier_session(20, before=before, after=after)])
    answer_all(safety, *CLEAR)
    assert (safety.pending is not None) is asked


def test_a_one_point_rise_to_a_green_two_asks_nothing():
    assert answer_all(check(recent=[earlier_session(20, before=1, after=2)]), *CLEAR).kind is VerdictKind.GO


# after a stop for pain


def test_within_twelve_hours_of_a_stop_only_the_flare_up_plan_may_start():
    safety = check(recent=[stopped_session(0.1)])
    assert safety.total == 1
    verdict = safety.answer(False)
    assert verdict.kind is VerdictKind.BLOCKED and verdict.title == AFTER_STOP_TITLE
    assert verdict.offer is Offer.FLARE_UP
    text = " ".join(verdict.advice).lower()
    assert "keep gently moving" in text and "avoid bed rest" in text and "only the flare-up plan" in text
    assert "rest for today" not in text and "rest today" not in text
    flare_up = check(recent=[stopped_session(0.1)], bad_day_routine=True)
    assert answer_all(flare_up, *CLEAR).kind is VerdictKind.GO


def test_after_a_stop_for_leg_symptoms_not_even_the_flare_up_plan_starts():
    safety = check(recent=[stopped_session(2, leg=True)], bad_day_routine=True)
    verdict = safety.answer(False)
    assert verdict.kind is VerdictKind.BLOCKED and verdict.offer is Offer.NONE
    assert any("no routine starts" in line for line in verdict.advice)


@pytest.mark.parametrize("after", ["completed", "ended at once"])
def test_a_flare_up_session_after_a_stop_does_not_end_the_twelve_hours(after):
    flare_up = earlier_session(1.5, before=5, after=5, outcome=Outcome.COMPLETED)
    if after == "ended at once":
        flare_up = earlier_session(1.9, before=5, after=None, outcome=Outcome.ENDED_EARLY)
    recent = [flare_up, stopped_session(2)]
    verdict = check(recent=recent).answer(False)
    assert verdict.kind is VerdictKind.BLOCKED and verdict.title == AFTER_STOP_TITLE
    assert any("2 hours ago" in line for line in verdict.advice), "counted from the stop itself"
    assert rest_line(recent, NOW).startswith("A session stopped because of pain 2 hours ago")
    legs = [flare_up, stopped_session(2, leg=True)]
    assert check(recent=legs, bad_day_routine=True).answer(False).offer is Offer.NONE


def test_a_user_who_ended_at_a_red_rating_counts_as_a_stop():
    ended = earlier_session(1, before=2, after=7, outcome=Outcome.STOPPED_FOR_PAIN)
    assert check(recent=[ended]).answer(False).title == AFTER_STOP_TITLE


def test_twelve_hours_after_a_stop_asks_whether_that_pain_settled():
    safety = check(recent=[stopped_session(13)])
    answer_all(safety, *CLEAR)
    assert safety.pending.question.text == "Your last session stopped because of pain. Has it settled since?"
    assert "13 hours ago" in safety.pending.note


@pytest.mark.parametrize(("hours_ago", "line"), [(2, "2 hours ago"), (12, "")])
def test_home_names_a_stop_while_it_lasts_with_keep_moving_words(hours_ago, line):
    shown = rest_line([stopped_session(hours_ago)], NOW)
    if line:
        assert line in shown and "keep gently moving" in shown and "only the flare-up plan may start" in shown
    else:
        assert shown == ""


# a serious sign not yet assessed


def test_a_serious_sign_blocks_after_the_emergency_question_and_offers_the_flare_up_plan():
    safety = check(profile(yes=("cancer-history",)))
    assert safety.total == 1
    verdict = safety.answer(False)
    assert verdict.title == SERIOUS_TITLE and verdict.offer is Offer.FLARE_UP
    assert safety.log.blocks[0][1].startswith("Serious-cause history not yet assessed by a professional:")


def test_the_flare_up_plan_may_start_before_a_serious_sign_is_assessed():
    safety = check(profile(yes=("cancer-history",)), bad_day_routine=True)
    assert safety.pending.question is EMERGENCY_QUESTION
    answer_until(safety, "since-last")
    assert "cancer-pain" in [item.id for item in safety.pending.question.items]


def test_a_clearance_lets_every_routine_start():
    assert check(profile(yes=("cancer-history", "clearance"))).total == 4


# a second session within four hours


def test_within_four_hours_of_a_completed_check_only_what_is_new_and_the_pain_are_asked():
    earlier = earlier_session(1, before=2, after=2)
    safety = check(recent=[earlier])
    assert safety.total == 2
    at = time_of_day(NOW - timedelta(hours=1, minutes=20))
    assert safety.pending.question.text.startswith(f"Anything new since your check at {at}")
    assert answer_all(safety, False, 3).kind is VerdictKind.GO


def test_something_new_runs_the_full_check():
    safety = check(recent=[earlier_session(1, before=2, after=2)])
    safety.answer(True)
    assert safety.pending.question is EMERGENCY_QUESTION and safety.total == 5


def test_after_a_stop_the_flare_up_plan_asks_the_full_check():
    safety = check(recent=[stopped_session(1)], bad_day_routine=True)
    assert safety.pending.question is EMERGENCY_QUESTION and safety.total == 4


def test_a_blocked_check_is_no_completed_check():
    blocked = earlier_session(1, outcome=Outcome.BLOCKED, screening=Screening(red_flags={"emergency-signs": False}))
    assert check(recent=[blocked]).pending.question is EMERGENCY_QUESTION


# notes, keys and leaving


def test_pregnancy_adds_a_note_to_every_session():
    safety = check(profile(yes=("pregnancy",)))
    verdict = answer_all(safety, *CLEAR)
    assert verdict.kind is VerdictKind.CAUTION, "a routine not written for pregnancy: the suits-you caution"
    assert any("16 weeks" in line and "side" in line and "midwife" in line for line in verdict.advice)
    assert safety.key("g") and safety.finished and safety.verdict.starts_session


def test_enter_alone_answers_nothing():
    safety = check()
    assert safety.key("enter") and safety.answered == 0
    safety.key("n")
    assert safety.answered == 1


def test_going_back_at_a_caution_is_logged_as_not_started():
    safety = check()
    answer_all(safety, *CLEAR[:-1], 7)
    assert safety.decide(False).kind is VerdictKind.NOT_STARTED
    assert safety.log.blocks[0][0].not_started_after_caution is True
    assert safety.log.blocks[0][1] == "Not started after the caution: Go gently today."


def test_escape_before_any_outcome_logs_nothing():
    safety = check()
    safety.answer(False)
    assert safety.leave().kind is VerdictKind.LEFT and safety.log.blocks == []


@pytest.mark.parametrize("value", [1, "y", None, 11, -1, (), ("nope",)])
def test_an_answer_of_the_wrong_kind_is_an_error(value):
    with pytest.raises(ValueError):
        check().answer(value)


def test_a_block_before_a_caution_was_shown_logs_no_caution():
    log = Log()
    safety = check(recent=[earlier_session(5)], log=log)
    assert safety.answer(True).kind is VerdictKind.BLOCKED
    assert [screening.cautions for screening, _ in log.blocks] == [[]]


# time


def test_time_since_the_last_session_holds_across_time_zones():
    logged_elsewhere = earlier_session(0)
    logged_elsewhere.ended_at = (NOW - timedelta(seconds=21)).astimezone(timezone(timedelta(hours=-5)))
    assert previous_session([logged_elsewhere], NOW).hours_ago == pytest.approx(21 / 3600)
    assert previous_session([logged_elsewhere], NOW.astimezone(UTC)).hours_ago == pytest.approx(21 / 3600)


def test_a_last_session_that_ended_in_the_future_is_asked_about_without_a_made_up_time():
    raised = earlier_session(5)
    raised.ended_at = raised.started_at = NOW + timedelta(days=3000)
    safety = check(recent=[raised])
    answer_all(safety, *CLEAR)
    pending = safety.pending
    assert pending.question.text.endswith("Has it settled since?")
    assert "a time its log does not tell" in pending.note


def test_a_last_session_that_ended_before_it_started_is_timed_from_its_start():
    odd = earlier_session(5)
    odd.ended_at = NOW - timedelta(days=30)
    assert answer_all(check(recent=[odd]), *CLEAR).title == SETTLE_TITLE


def test_long_ago_reads_in_days():
    from coach.durations import elapsed_words

    assert elapsed_words(47.9) == "47 hours 54 minutes" and elapsed_words(720.5) == "30 days"


def test_a_routine_the_profile_rules_out_never_starts_even_after_last_times_emergency_sign_is_assessed():
    emergency = earlier_session(50, outcome=Outcome.BLOCKED, screening=Screening(red_flags={"emergency-signs": True}))
    safety = check(profile(yes=("pregnancy",)), ("pregnancy",), recent=[emergency])
    verdict = answer_all(safety, True, False)
    assert verdict.kind is VerdictKind.BLOCKED and verdict.title == NOT_FOR_YOU_TITLE


def test_the_serious_sign_block_never_says_do_not_exercise_beside_walking_and_the_flare_up_plan():
    verdict = check(profile(yes=("cancer-history",))).answer(False)
    assert not any(line.startswith("Do not exercise") for line in verdict.advice)
    assert any("only walking and the flare-up plan" in line for line in verdict.advice)


def test_the_since_question_asks_about_signs_a_doctor_has_not_checked():
    safety = check()
    answer_until(safety, "since-last")
    assert "that a doctor has not checked" in safety.pending.question.text
