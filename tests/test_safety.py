"""The safety rules, one test per case."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from coach import safety
from coach.records import HurtKind, Outcome, Screening, SessionRecord
from coach.routine import CONTRAINDICATIONS
from coach.safety import (
    EMERGENCY_RED_FLAGS,
    FIRST_RUN_NOTICE,
    HURT_KINDS,
    RED_FLAGS,
    STOP_CARE_ADVICE,
    PainLight,
    check_contraindications,
    contraindication_questions,
    followup_advice,
    hurt_action,
    needs_followup,
    persistent_pain,
    screen_red_flags,
    judge_pain,
    traffic_light,
)

NO_FLAGS = {q.id: False for q in RED_FLAGS}
TODAY = date(2026, 11, 21)


def session(pain_before: int | None, pain_after: int | None = None, day: date = TODAY) -> SessionRecord:
    return SessionRecord(
        id=f"{day:%Y%m%d}T100000-1-00000000",
        routine_title="Gentle",
        routine_name="gentle",
        routine_path="gentle.toml",
        started_at=datetime(day.year, day.month, day.day, 10).astimezone().isoformat(),
        outcome=Outcome.COMPLETED,
        screening=Screening(pain_before=pain_before),
        pain_after=pain_after,
    )


def history(ratings_by_day: dict[int, int]) -> list[SessionRecord]:
    """Sessions on days counted back from TODAY (0 = today) with their pain-before ratings."""
    return [session(pain, day=TODAY - timedelta(days=ago)) for ago, pain in ratings_by_day.items()]


# Red flags

def test_red_flags_cover_legs_numbness_bladder_bowel_and_saddle():
    text = " ".join(q.text.lower() for q in RED_FLAGS)
    for word in ("legs", "numbness", "weakness", "bladder", "bowel", "groin"):
        assert word in text
    assert len({q.id for q in RED_FLAGS}) == len(RED_FLAGS) == 4


def test_no_red_flag_allows_the_session():
    verdict = screen_red_flags(NO_FLAGS)
    assert verdict.allowed and not verdict.blocked


@pytest.mark.parametrize("flag", [q.id for q in RED_FLAGS])
def test_any_red_flag_blocks(flag):
    verdict = screen_red_flags({**NO_FLAGS, flag: True})
    assert verdict.blocked
    assert verdict.reasons == (flag,)
    assert verdict.title and verdict.advice


def test_leg_symptoms_say_seek_medical_care_now():
    verdict = screen_red_flags({**NO_FLAGS, "leg-pain": True, "leg-numbness-weakness": True})
    assert verdict.title == "Seek medical care now"
    assert not verdict.urgent
    assert any("doctor" in line for line in verdict.advice)


@pytest.mark.parametrize("flag", sorted(EMERGENCY_RED_FLAGS))
def test_bladder_bowel_or_saddle_numbness_means_emergency_care_today(flag):
    verdict = screen_red_flags({**NO_FLAGS, "leg-pain": True, flag: True})
    assert verdict.urgent
    assert "emergency" in verdict.title.lower()
    assert any("emergency department today" in line for line in verdict.advice)


def test_unanswered_red_flag_is_an_error():
    with pytest.raises(ValueError, match="bladder-bowel"):
        screen_red_flags({k: v for k, v in NO_FLAGS.items() if k != "bladder-bowel"})


# Contraindications

def test_routine_without_contraindications_is_allowed():
    assert check_contraindications((), {}).allowed


def test_no_contraindication_applies_allows_the_routine():
    assert check_contraindications(["osteoporosis", "pregnancy"], {"osteoporosis": False, "pregnancy": False}).allowed


def test_any_contraindication_blocks_and_says_talk_to_a_professional():
    verdict = check_contraindications(["osteoporosis", "pregnancy"], {"osteoporosis": False, "pregnancy": True})
    assert verdict.blocked
    assert verdict.reasons == ("pregnancy",)
    assert any("pregnancy" in line for line in verdict.advice)
    assert any("physiotherapist or doctor first" in line for line in verdict.advice)


def test_answers_for_conditions_the_routine_does_not_declare_are_ignored():
    assert check_contraindications(["osteoporosis"], {"osteoporosis": False, "pregnancy": True}).allowed


def test_unanswered_contraindication_is_an_error():
    with pytest.raises(ValueError, match="spinal-fusion"):
        check_contraindications(["spinal-fusion"], {})


def test_every_known_contraindication_has_a_question():
    questions = contraindication_questions(CONTRAINDICATIONS)
    assert [q.id for q in questions] == list(CONTRAINDICATIONS)
    assert all(q.text and q.text != q.id for q in questions)


# The pain rule (PRODUCT.md flow 5)

@pytest.mark.parametrize("before", range(11))
@pytest.mark.parametrize("rating", [8, 9, 10])
def test_pain_of_eight_or_more_stops_whatever_the_start(rating, before):
    verdict = judge_pain(rating, before)
    assert verdict.light is PainLight.RED and verdict.stop


@pytest.mark.parametrize(("rating", "before"), [(6, 5), (7, 6), (6, 0), (7, 3)])
def test_six_or_seven_above_the_start_is_red_without_stopping(rating, before):
    verdict = judge_pain(rating, before)
    assert verdict.light is PainLight.RED and not verdict.stop


@pytest.mark.parametrize(("rating", "before"), [(6, 6), (7, 7), (6, 7), (7, 8)])
def test_six_or_seven_not_above_the_start_is_amber(rating, before):
    assert judge_pain(rating, before).light is PainLight.AMBER


@pytest.mark.parametrize(("rating", "before"), [(4, 2), (5, 3), (5, 0), (4, 0)])
def test_a_rise_of_two_to_four_or_more_is_red(rating, before):
    assert judge_pain(rating, before).light is PainLight.RED


@pytest.mark.parametrize(("rating", "before"), [(2, 0), (3, 1), (3, 0), (0, 0), (3, 10)])
def test_three_or_less_is_green_even_after_a_rise(rating, before):
    assert judge_pain(rating, before).light is PainLight.GREEN


@pytest.mark.parametrize(("rating", "before"), [(4, 3), (5, 4), (4, 8), (5, 5)])
def test_four_or_five_without_a_rise_of_two_is_amber(rating, before):
    verdict = judge_pain(rating, before)
    assert verdict.light is PainLight.AMBER
    assert "24 hours" in verdict.message and "not push" in verdict.message


def test_the_message_names_the_figures():
    assert "5/10, up from 3" in judge_pain(5, 3).message
    assert "4/10, down from 8" in judge_pain(4, 8).message


@pytest.mark.parametrize("rating", [-1, 11, 2.5, True, "3"])
def test_rating_outside_zero_to_ten_is_an_error(rating):
    with pytest.raises(ValueError):
        judge_pain(rating, None)


# Follow-up on the previous session

def test_no_previous_session_needs_no_followup():
    assert not needs_followup(None)


def test_more_pain_after_than_before_needs_followup():
    assert needs_followup(session(3, 5))


def test_same_or_less_pain_after_needs_no_followup():
    assert not needs_followup(session(3, 3))
    assert not needs_followup(session(5, 2))


def test_missing_ratings_need_no_followup():
    assert not needs_followup(session(None, 5))
    assert not needs_followup(session(3, None))


def test_pain_that_settled_needs_no_advice():
    assert followup_advice(True) is None


def test_pain_that_did_not_settle_recommends_gentler_routine_or_professional():
    advice = followup_advice(False)
    assert "gentler routine" in advice and "physiotherapist or doctor" in advice


# Persistent pain

def test_pain_not_improving_over_four_weeks_advises_a_professional():
    advisory = persistent_pain(history({28: 5, 25: 5, 20: 5, 15: 5, 4: 6, 0: 5}), TODAY)
    assert advisory is not None
    assert advisory.first_mean == 5.0 and advisory.last_mean == 5.5
    assert advisory.ratings == 6 and advisory.span_days == 28
    assert "5.0" in advisory.text and "5.5" in advisory.text
    assert "few weeks" in advisory.text


def test_improving_pain_gives_no_advisory():
    assert persistent_pain(history({28: 6, 25: 6, 20: 5, 10: 4, 4: 3, 0: 3}), TODAY) is None


def test_less_than_four_weeks_of_sessions_gives_no_advisory():
    assert persistent_pain(history({27: 5, 25: 5, 20: 5, 10: 5, 4: 6, 0: 5}), TODAY) is None


def test_fewer_than_six_ratings_give_no_advisory():
    assert persistent_pain(history({28: 5, 25: 5, 10: 5, 4: 6, 0: 5}), TODAY) is None


def test_one_rating_at_either_end_gives_no_advisory():
    assert persistent_pain(history({28: 5, 12: 5, 10: 5, 8: 5, 4: 6, 0: 5}), TODAY) is None
    assert persistent_pain(history({28: 5, 25: 5, 20: 5, 16: 5, 15: 6, 0: 5}), TODAY) is None


def test_no_pain_gives_no_advisory():
    assert persistent_pain(history({28: 0, 25: 0, 20: 0, 10: 0, 4: 0, 0: 0}), TODAY) is None


def test_sessions_older_than_eight_weeks_are_not_counted():
    old = history({80: 2, 75: 2})
    assert persistent_pain(old + history({28: 5, 25: 5, 20: 5, 10: 5, 4: 4, 0: 4}), TODAY) is None
    stale = history({55: 5, 52: 5, 47: 5, 37: 5, 31: 6, 27: 5})
    assert persistent_pain(stale, TODAY) is not None
    assert persistent_pain(stale, TODAY + timedelta(days=1)) is None


def test_sessions_without_pain_rating_are_ignored():
    sessions = history({28: 5, 25: 5, 20: 5, 10: 5, 4: 6}) + [session(None, day=TODAY)]
    assert persistent_pain(sessions, TODAY) is None


# "It hurts"

def test_every_hurt_kind_has_a_label():
    assert set(HURT_KINDS) == set(HurtKind)
    assert "numbness" in HURT_KINDS[HurtKind.RED_FLAG]


def test_sharp_shooting_or_spreading_pain_stops_the_session():
    assert hurt_action(HurtKind.RED_FLAG) == "stop"


def test_more_than_mild_discomfort_skips_the_exercise():
    assert hurt_action(HurtKind.MORE_THAN_MILD) == "skip"


def test_mild_settling_pain_resumes():
    assert hurt_action(HurtKind.MILD) == "resume"


# Texts

def test_first_run_notice_says_not_medical_advice_when_to_stop_and_the_red_flags():
    notice = FIRST_RUN_NOTICE.lower()
    for phrase in ("not medical advice", "sharp", "shooting", "spreads", "numbness", "weakness",
                   "bladder or bowel", "groin"):
        assert phrase in notice


def test_stop_care_advice_warns_against_forcing_and_lists_when_to_see_a_doctor():
    advice = STOP_CARE_ADVICE.lower()
    for phrase in ("stop exercising", "crack", "doctor", "emergency", "bladder"):
        assert phrase in advice


def test_safety_rules_do_not_import_textual():
    import subprocess
    import sys

    code = "import sys, coach.safety, coach.logstore, coach.config; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    assert safety.__name__ == "coach.safety"
