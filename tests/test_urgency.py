"""Urgency by sign (PRODUCT.md flow 2): one test per row of the table, through the core's check and profile."""

from __future__ import annotations

import pytest

from coach.safety.check_texts import AnswerKind
from coach.safety.urgency import CAUDA_EQUINA, SIGNS, TITLES, Urgency, advice_for, urgency_of
from coach.safety.verdicts import VerdictKind
from tests.helpers.checks import ALL_CLEAR, Log, answer_until, check, profile

EMERGENCY_ROWS = [CAUDA_EQUINA, "aneurysm-pain", "cancer-nerve", "major-trauma"]
TODAY_ROWS = ["fever", "fall", "sudden-onset", "leg-weakness", "cancer-pain"]
DAYS_ROWS = ["weight-loss", "night-pain", "leg-pain", "cancer-history", "steroids-immune", "injecting-drugs"]
DAYS_ROWS += ["older-first-episode"]


def test_the_table_has_every_sign_of_product_flow_two_once():
    assert sorted(SIGNS) == sorted(EMERGENCY_ROWS + TODAY_ROWS + DAYS_ROWS)


@pytest.mark.parametrize(
    ("sign", "urgency"),
    [(s, Urgency.EMERGENCY) for s in EMERGENCY_ROWS]
    + [(s, Urgency.TODAY) for s in TODAY_ROWS]
    + [(s, Urgency.DAYS) for s in DAYS_ROWS],
)
def test_each_sign_has_the_urgency_of_its_row(sign, urgency):
    assert SIGNS[sign].urgency is urgency
    advice = advice_for([sign])
    assert advice.urgency is urgency and advice.title == TITLES[urgency]
    where = {
        Urgency.EMERGENCY: "emergency department now, or call emergency services",
        Urgency.TODAY: "see a doctor today, through your doctor's surgery or an urgent care line",
        Urgency.DAYS: "see a doctor within the next few days",
    }[urgency]
    assert any(where in line.lower() for line in advice.lines), advice.lines


def test_where_two_rows_match_the_more_urgent_wins():
    assert urgency_of(["weight-loss", "fever"]) is Urgency.TODAY
    assert urgency_of(["leg-pain", "leg-weakness"]) is Urgency.TODAY
    assert urgency_of(["fall", "major-trauma", "night-pain"]) is Urgency.EMERGENCY
    assert advice_for(["leg-pain", "leg-weakness"]).title == "See a doctor today"


def test_same_day_advice_after_cancer_names_the_cancer_teams_line_first():
    lines = advice_for(["cancer-pain"], cancer_history=True).lines
    assert "cancer team's 24-hour line" in lines[1]
    assert not any("cancer team" in line for line in advice_for(["weight-loss"], cancer_history=True).lines)


def test_no_sign_has_no_advice():
    with pytest.raises(ValueError):
        advice_for([])


# each row through the check


def _since_check(yes=(), **about):
    safety = check(profile(yes=yes, **about))
    answer_until(safety, "since-last")
    return safety


@pytest.mark.parametrize(
    ("sign", "yes", "about"),
    [
        ("fever", (), {}),
        ("fall", (), {}),
        ("major-trauma", (), {}),
        ("weight-loss", (), {}),
        ("night-pain", (), {}),
        ("sudden-onset", ("osteoporosis",), {}),
        ("sudden-onset", ("steroids-immune", "clearance"), {}),
        ("sudden-onset", (), {"age": "70-plus"}),
        ("aneurysm-pain", ("aortic-aneurysm",), {}),
        ("cancer-nerve", ("cancer-history", "clearance"), {}),
        ("cancer-pain", ("cancer-history", "clearance"), {}),
    ],
)
def test_a_sign_since_the_last_session_blocks_with_the_advice_of_its_row_and_is_logged(sign, yes, about):
    safety = _since_check(yes, **about)
    question = safety.pending.question
    assert sign in [item.id for item in question.items]
    blocks = safety.log.blocks
    safety.answer(True)
    assert blocks and "which not yet said" in blocks[-1][1], "the yes blocks, and is logged at that moment"
    assert safety.pending.question.kind is AnswerKind.WHICH
    number = [item.id for item in safety.pending.question.items].index(sign) + 1
    safety.key(str(number))
    safety.key("enter")
    verdict = safety.verdict
    assert verdict.kind is VerdictKind.BLOCKED and verdict.title == TITLES[SIGNS[sign].urgency]
    assert verdict.urgent is (SIGNS[sign].urgency is Urgency.EMERGENCY)
    screening, reason = blocks[-1]
    assert screening.red_flags["since-last"] is True and screening.red_flags[sign] is True
    assert SIGNS[sign].text in reason


@pytest.mark.parametrize("sign", ["sudden-onset", "aneurysm-pain", "cancer-nerve", "cancer-pain"])
def test_a_sign_that_needs_a_profile_answer_is_not_asked_without_it(sign):
    safety = _since_check()
    assert sign not in [item.id for item in safety.pending.question.items]


@pytest.mark.parametrize(
    ("sign", "title"), [("leg-weakness", "See a doctor today"), ("leg-pain", "See a doctor within a few days")]
)
def test_leg_symptoms_block_with_the_urgency_of_the_sign(sign, title):
    safety = check(profile())
    answer_until(safety, "leg-symptoms")
    safety.answer(True)
    safety.answer((sign,))
    assert safety.verdict.title == title and safety.verdict.kind is VerdictKind.BLOCKED
    assert safety.log.blocks[-1][0].red_flags[sign] is True


def test_the_emergency_signs_need_no_which():
    safety = check(profile())
    verdict = safety.answer(True)
    assert verdict.urgent and verdict.title == "Get emergency help now"
    assert any("cauda equina" in line for line in verdict.advice)


@pytest.mark.parametrize("sign", ["cancer-history", "steroids-immune", "injecting-drugs"])
def test_serious_history_in_the_profile_means_a_doctor_within_a_few_days_before_exercising(sign):
    safety = check(profile(yes=(sign,)), log=Log())
    safety.answer(False)
    assert safety.verdict.kind is VerdictKind.BLOCKED
    assert safety.verdict.title == "See a doctor before exercising"
    assert any("within the next few days" in line for line in safety.verdict.advice)
    assert any("only walking and the flare-up plan" in line for line in safety.verdict.advice)


def test_fifty_or_over_with_a_first_episode_is_cleared_like_a_serious_sign():
    older = profile(age="50-69", first=True)
    assert older.serious_signs() == ("older-first-episode",)
    safety = check(older)
    safety.answer(False)
    assert safety.verdict.title == "See a doctor before exercising"
    assert check(profile(age="50-69", first=False)).pending.question.id == "emergency-signs"
    assert not profile(age="16-49", first=True).needs_clearance


def test_pain_nine_with_an_aneurysm_is_an_emergency():
    safety = check(profile(yes=("aortic-aneurysm",)))
    answer_until(safety, "pain-now", *ALL_CLEAR)
    verdict = safety.answer(9)
    assert verdict.urgent and verdict.title == "Get emergency help now"
    assert any("aortic aneurysm" in line for line in verdict.advice)
