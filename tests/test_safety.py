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
4   R R R A A A A A A A A
5   R R R R A A A A A A A
6   R R R R R R A A A A A
7   R R R R R R R A A A A
8   S S S S S S S S S S S
9   S S S S S S S S S S S
10  S S S S S S S S S S S
"""
"""Worked out by hand from the rows of PRODUCT.md flow 5 (r rating, b pain before).
G green, A amber, R red (recommends stopping), S red and the session stops."""


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
        assert verdict.message.endswith("stop exercising now.")


# Texts


def test_first_run_notice_says_not_medical_advice_when_to_stop_and_the_red_flags():
    notice = FIRST_RUN_NOTICE.lower()
    for phrase in (
        "not medical advice",
        "sharp",
        "shooting",
        "spreads",
        "numbness",
        "weakness",
        "bladder or bowel",
        "groin",
        "pass urine",
        "during sex",
        "both legs",
        "getting worse",
        "emergency help now",
        "within a day or two",
    ):
        assert phrase in notice


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
    for phrase in ("stop exercising", "crack", "doctor", "emergency help now", "bladder", "both legs"):
        assert phrase in advice
