"""The pain rule, "it hurts" and the safety texts, one test per case."""

from __future__ import annotations

import pytest

from coach.logs.records import HurtKind
from coach.safety.pain import (
    FIRST_RUN_NOTICE,
    HURT_KINDS,
    STOP_CARE_ADVICE,
    PainLight,
    judge_hurt,
    judge_pain,
)

PAIN_TABLE = """\
r\\b 0 1 2 3 4 5 6 7 8 9 10
0   G G G G G G G G G G G
1   G G G G G G G G G G G
2   G G G G G G G G G G G
3   G G G G G G G G G G G
4   A A A A A A A A A A A
5   A A A A A A A A A A A
6   R R R R R R A A A A A
7   R R R R R R R A A A A
8   S S S S S S S S S S S
9   S S S S S S S S S S S
10  S S S S S S S S S S S
"""
"""Worked out by hand from the rows of PRODUCT.md flow 5, v3 (r rating, b pain before): a rise to
4-5 is amber "up", no longer red. G green, A amber, R red (recommends stopping), S red and stops."""


def expected_pain_table() -> dict[tuple[int, int], str]:
    rows = PAIN_TABLE.splitlines()[1:]
    return {(int(row.split()[0]), before): cell for row in rows for before, cell in enumerate(row.split()[1:])}


@pytest.mark.parametrize(("rating", "before"), sorted(expected_pain_table()))
def test_pain_rule_table_row_for_every_rating_and_start(rating, before):
    cell = expected_pain_table()[rating, before]
    verdict = judge_pain(rating, before)
    light = {"G": PainLight.GREEN, "A": PainLight.AMBER, "R": PainLight.RED, "S": PainLight.RED}[cell]
    assert (verdict.light, verdict.stop) == (light, cell == "S")
    assert (verdict.light is PainLight.RED) == (cell in "RS")


@pytest.mark.parametrize("rating", range(11))
def test_pain_rule_without_a_start_rating_counts_the_start_as_zero(rating):
    assert judge_pain(rating, None).light is judge_pain(rating, 0).light


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
def test_a_rise_to_four_or_five_is_amber_up_not_red(rating, before):
    verdict = judge_pain(rating, before)
    assert verdict.light is PainLight.AMBER
    assert verdict.message.endswith("do not push further; it should settle within 24 hours.")


@pytest.mark.parametrize(("rating", "before"), [(2, 0), (3, 1), (3, 0), (0, 0), (3, 10)])
def test_three_or_less_is_green_even_after_a_rise(rating, before):
    assert judge_pain(rating, before).light is PainLight.GREEN


@pytest.mark.parametrize(
    ("rating", "before", "words"),
    [
        (5, 3, "do not push further; it should settle within 24 hours."),
        (5, None, "do not push further; it should settle within 24 hours."),
        (5, 5, "no worse than when you started: keep it gentle."),
        (7, 7, "no worse than when you started: keep it gentle."),
        (5, 7, "easing as you move is a good sign: keep it gentle."),
        (4, 8, "easing as you move is a good sign: keep it gentle."),
    ],
)
def test_amber_words_follow_the_direction_of_the_pain(rating, before, words):
    verdict = judge_pain(rating, before)
    assert verdict.light is PainLight.AMBER and verdict.message.endswith(words)
    assert "do not push" not in verdict.message or (before is None or rating > before), "improvement is not scolded"


def test_the_message_names_the_figures():
    assert "5/10, up from 3" in judge_pain(5, 3).message
    assert "4/10, down from 8" in judge_pain(4, 8).message


@pytest.mark.parametrize("rating", [-1, 11, 2.5, True, "3"])
def test_rating_outside_zero_to_ten_is_an_error(rating):
    with pytest.raises(ValueError):
        judge_pain(rating, None)


# "It hurts"


def test_every_hurt_kind_has_a_label():
    assert set(HURT_KINDS) == set(HurtKind)
    assert "numbness" in HURT_KINDS[HurtKind.RED_FLAG]


@pytest.mark.parametrize(
    "kind, rating, before, decision, light",
    [
        (HurtKind.RED_FLAG, 0, 2, "stop", "red"),
        (HurtKind.RED_FLAG, 3, 2, "stop", "red"),
        (HurtKind.MORE_THAN_MILD, 2, 2, "skip", "green"),
        (HurtKind.MORE_THAN_MILD, 5, 4, "skip", "amber"),
        (HurtKind.MORE_THAN_MILD, 7, 4, "skip", "red"),
        (HurtKind.MORE_THAN_MILD, 8, 4, "stop", "red"),
        (HurtKind.MILD, 2, 2, "resume", "green"),
        (HurtKind.MILD, 5, 4, "resume", "amber"),
        (HurtKind.MILD, 6, 2, "skip", "red"),
        (HurtKind.MILD, 10, 2, "stop", "red"),
    ],
)
def test_it_hurts_stops_skips_or_resumes_by_kind_and_rating(kind, rating, before, decision, light):
    said, verdict = judge_hurt(kind, rating, before)
    assert (said, verdict.light.value) == (decision, light)
    assert verdict.stop is (decision == "stop")
    if decision == "stop":
        assert verdict.message.endswith(("stop now.", "stop exercising now."))
    if decision == "skip":
        assert "this exercise stops here" in verdict.message


def test_the_kinds_of_pain_tell_a_leg_or_nerve_sign_from_a_sharp_twinge():
    assert "buttock or leg" in HURT_KINDS[HurtKind.RED_FLAG] and "numbness" in HURT_KINDS[HurtKind.RED_FLAG]
    assert "tingling" in HURT_KINDS[HurtKind.RED_FLAG]
    assert HURT_KINDS[HurtKind.MORE_THAN_MILD].startswith("Sharp")
    assert "sharp" not in HURT_KINDS[HurtKind.RED_FLAG].lower(), "a sharp twinge stops the exercise, not the session"


# Texts


def test_first_run_notice_says_not_medical_advice_reassures_says_when_to_stop_and_lists_the_emergency_signs():
    notice = FIRST_RUN_NOTICE.lower()
    for phrase in (
        "not medical advice",
        "common and usually not serious",
        "keeping active",
        "sharp",
        "shoots or spreads into a leg",
        "tingling or numbness",
        "groin",
        "buttocks or inner thighs",
        "wipe",
        "passing urine",
        "bladder is full",
        "bladder or bowels",
        "sexual function",
        "both legs",
        "emergency department",
        "emergency services",
    ):
        assert phrase in notice, phrase


def test_first_run_notice_does_not_copy_the_seed_sentences():
    notice = " ".join(FIRST_RUN_NOTICE.lower().split())
    for copied in (
        "down one or both legs",
        "significant numbness or weakness in your legs",
        "radiates sharply",
        "loss of bladder or bowel control",
    ):
        assert copied not in notice


def test_stop_care_advice_warns_against_forcing_and_lists_when_to_see_a_doctor():
    advice = STOP_CARE_ADVICE.lower()
    for phrase in (
        "stop exercising",
        "keep gently moving",
        "avoid bed rest",
        "crack",
        "doctor",
        "bladder",
        "both legs",
    ):
        assert phrase in advice
    for phrase in ("emergency department now", "today", "within the next few days"):
        assert phrase in advice, phrase
    assert "rest in" not in advice and "rest for today" not in advice and "rest now" not in advice


def test_an_unchanged_amber_says_so_once():
    message = judge_pain(4, 4).message
    assert message == "Pain 4/10, unchanged: no worse than when you started: keep it gentle."
