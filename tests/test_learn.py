"""Learn cards: short, reassuring, sourced by title, offered at the right moment, printed literally.

The Learn screen and the summary's offers are in tests/test_ui_learn.py."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from coach.cli import main
from coach.learn import (
    CARDS,
    GROUPS,
    SEED_TITLES,
    SITUATIONS,
    SOURCES,
    Moment,
    card,
    cards_after_session,
    cards_for,
    moment_after_session,
    offer,
    plain_text,
)
from coach.logs.records import HurtKind, Outcome, PainReport, Screening, StepOutcome, StepRecord
from coach.paths import bundled_routines_dir
from tests.helpers.records import START, at
from tests.helpers.records import session as make_session
from tests.helpers.routines import SEED_FILES, SEEDS_DIR

GROUP_IDS = {
    "Good to know": ["hurt-not-harm", "stay-active", "scans", "pregnancy"],
    "On a bad day": ["flare-up", "medicines", "sleep", "floor", "heat"],
    "Moving well": ["warm-up", "stabilise-first", "why-tight", "dont-push", "lifting", "neutral-spine"],
    "Best avoided": ["no-cracking", "traction-devices", "relief-can-hide"],
    "When to get help": ["see-a-professional"],
}

THREAT_PHRASES = (
    "damage",
    "injure",
    "injury",
    "tear",
    "tears",
    "wear and tear",
    "slipped",
    "out of place",
    "out of alignment",
    "giving way",
    "fragile",
    "degenerate",
    "degeneration",
    "crumbling",
    "unstable",
    "protect your back",
    "never bend",
    "never lift",
)
"""Words that make a back sound broken or in danger, and so feed the fear of moving that keeps back
pain going (docs/sources.md, "Words no card uses"). Matched as whole words, any case."""
RED_FLAG_CARDS = {"see-a-professional"}
"""The only cards that may use them: their job is to name warning signs as the guidelines name them."""

EMERGENCY_SIGNS = (
    "groin",
    "genitals",
    "back passage",
    "buttocks",
    "inner thighs",
    "wipe",
    "difficulty passing urine",
    "not feeling it pass",
    "not knowing when your bladder is full",
    "control of your bladder or bowels",
    "loss of sexual sensation or function",
    "numbness, weakness or pain in both legs",
)
"""Every emergency sign of PRODUCT.md flow 4, as the card words it."""


def threats_in(text: str) -> list[str]:
    return [p for p in THREAT_PHRASES if re.search(rf"\b{re.escape(p)}\b", text, re.IGNORECASE)]


def test_the_cards_come_in_groups_reassurance_first():
    assert {group.title: [c.id for c in group.cards] for group in GROUPS} == GROUP_IDS
    assert list(GROUP_IDS) == [group.title for group in GROUPS]
    assert [c.id for c in CARDS] == [i for ids in GROUP_IDS.values() for i in ids]
    assert len({c.title for c in CARDS}) == len(CARDS)


@pytest.mark.parametrize("one", CARDS, ids=lambda c: c.id)
def test_each_card_is_a_few_short_sentences_with_a_source(one):
    most = 9 if one.red_flag else 5
    assert 2 <= len(one.sentences) <= most
    assert all(s.endswith((".", "?")) and len(s) <= 170 for s in one.sentences)
    assert 0 < len(one.title) <= 50
    assert one.sources and set(one.sources) <= set(SOURCES)


@pytest.mark.parametrize("one", CARDS, ids=lambda c: c.id)
def test_no_card_uses_a_threat_phrase_unless_it_names_warning_signs(one):
    found = threats_in(f"{one.title}. {one.text}")
    if one.id in RED_FLAG_CARDS:
        assert one.red_flag
    else:
        assert not one.red_flag and found == []


def test_the_threat_phrases_are_caught_as_whole_words():
    assert threats_in("A Slipped disc.") == ["slipped"]
    assert threats_in("Wear and tear.") == ["tear", "wear and tear"]
    assert threats_in("Stretch your hamstrings; steer clear of tearing hurry.") == []


def test_cards_name_their_sources_by_title():
    assert card("heat").source_line == "Source: “What Causes Back Cramps?”"
    assert card("hurt-not-harm").source_line == (
        "Sources: NICE CKS: Back pain - low (without radiculopathy); NHS: Back pain"
    )
    assert "NICE NG59: Low back pain and sciatica in over 16s" in card("stay-active").source_line
    assert all(".txt" not in c.source_line for c in CARDS)


def test_every_seed_has_a_title_and_it_is_a_heading_of_that_file():
    assert set(SEED_TITLES) == SEED_FILES
    if not SEEDS_DIR.is_dir():
        pytest.skip("the source documents are not next to this checkout")
    for name, title in SEED_TITLES.items():
        lines = [line.strip() for line in (SEEDS_DIR / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        assert title in lines[:3], name


def test_cards_cite_the_documents_that_state_them():
    cited = {c.id: {s.key for s in c.sources} for c in CARDS}
    assert cited["stabilise-first"] == {"002", "003"}
    assert cited["no-cracking"] == {"000", "001"}
    assert cited["traction-devices"] == {"001", "NG59"}
    assert {"GIRFT CES pathway", "CES card"} <= cited["see-a-professional"]
    assert cited["heat"] == {"004"} and "004" in cited["lifting"] and "004" in cited["neutral-spine"]
    for reassuring in ("hurt-not-harm", "stay-active", "scans", "medicines", "flare-up"):
        assert cited[reassuring] & {"NG59", "CKS"}, reassuring
    assert cited["floor"] == {"NHS inform"}
    assert {"NHS Back pain in pregnancy", "NHS Exercise in pregnancy"} <= cited["pregnancy"]


def test_the_cards_that_frightened_now_reassure():
    lifting = card("lifting").text.lower()
    assert "keep the lower back out" not in lifting and "injure" not in lifting
    assert "undoes the protection" not in card("why-tight").text
    assert "stretching included" in card("why-tight").text
    assert "giving way" not in card("stabilise-first").text
    assert "shoes" not in card("neutral-spine").text.lower()
    assert "harmless" in card("no-cracking").text
    assert "injure" not in card("warm-up").text


def test_the_traction_card_advises_against_traction_and_names_who_must_not_have_it():
    text = card("traction-devices").text.lower()
    for condition in ("osteoporosis", "fracture", "instability", "tumour", "infection", "aneurysm", "pregnancy"):
        assert condition in text
    assert "advises against traction" in text and "belts" in text and "insoles" in text
    assert "clinic" not in text and "assess you before" not in text


def test_the_card_on_seeing_a_professional_lists_every_emergency_sign_and_where_to_go():
    text = card("see-a-professional").text
    for sign in EMERGENCY_SIGNS:
        assert sign in text.lower(), sign
    assert "emergency department" in text and "emergency services" in text
    assert not re.search(r"\brest\b", text.lower())
    sentences = card("see-a-professional").sentences
    assert "within a few days" in next(s for s in sentences if "shooting down one leg" in s)
    assert "today" in next(s for s in sentences if "getting weaker" in s)


def test_the_medicines_card_says_how_to_take_them_safely():
    text = card("medicines").text
    for words in ("lowest dose", "shortest time", "not in pregnancy", "pharmacist", "Paracetamol on its own"):
        assert words in text, words


def test_the_pregnancy_card_gives_the_16_week_rule_and_when_to_call_the_midwife():
    text = card("pregnancy").text
    assert "16 weeks" in text and "not flat on your back" in text
    assert "midwife" in text and "rhythm" in text and "bleeding" in text and "fluid" in text


def test_the_flare_up_card_eases_off_without_rest_and_has_positions_of_ease():
    text = card("flare-up").text
    assert "Ease off exercise today, but keep gently moving about; avoid bed rest." in text
    assert "chair seat" in text and "pillow between your knees" in text
    assert not re.search(r"\brest\b", text.replace("bed rest", ""))


def test_every_moment_has_an_offer_and_the_emergency_screen_never_has_one():
    assert offer(Moment.EMERGENCY) == ()
    for moment in Moment:
        if moment is not Moment.EMERGENCY:
            assert offer(moment), moment
    assert all(not c.red_flag or c.id == "see-a-professional" for m in Moment for c in offer(m))


@pytest.mark.parametrize(
    ("moment", "first"),
    [
        (Moment.AMBER, "hurt-not-harm"),
        (Moment.RAISED_PAIN, "hurt-not-harm"),
        (Moment.STOPPED, "flare-up"),
        (Moment.SEVERE_PAIN, "flare-up"),
        (Moment.NERVE_SIGNS, "see-a-professional"),
        (Moment.BLOCKED, "see-a-professional"),
        (Moment.FLARE_UP_PLAN, "medicines"),
    ],
)
def test_the_card_offered_first_at_each_moment(moment, first):
    assert offer(moment)[0].id == first


def test_the_flare_up_plan_offers_medicines_and_sleep_and_leg_symptoms_never_offer_it():
    assert [c.id for c in offer(Moment.FLARE_UP_PLAN)] == ["medicines", "sleep"]
    assert "flare-up" not in {c.id for c in offer(Moment.NERVE_SIGNS)}


def test_the_offer_contexts_are_documented_for_the_safety_check():
    doc = offer.__doc__ or ""
    for moment in (Moment.AMBER, Moment.SEVERE_PAIN, Moment.NERVE_SIGNS, Moment.BLOCKED, Moment.EMERGENCY):
        assert moment.name in doc, moment


def session(outcome="completed", before=2, after=2, reports=(), done=True, routine="gentle-relief"):
    record = make_session(START, id="x", title="R", routine=routine, outcome=Outcome(outcome))
    record.screening = Screening(pain_before=before)
    record.pain_after = after
    outcome_of_step = StepOutcome.DONE if done else StepOutcome.SKIPPED
    record.steps = [StepRecord("a", "A", outcome_of_step, START, START, 10.0, 10, "")]
    record.pain_reports = list(reports)
    return record


def check(rating, light):
    return PainReport(at("2026-11-23T10:01:00+00:00"), "check", rating, "a", verdict=light)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (session(after=4), Moment.RAISED_PAIN),
        (session(after=4, done=False, outcome="ended_early"), None),
        (session(after=3, before=3), None),
        (session(reports=[check(4, "amber")], after=3, before=3), Moment.AMBER),
        (session("stopped_for_pain", after=None, reports=[check(8, "red")]), Moment.STOPPED),
        (session("ended_early", after=None, reports=[check(8, "red")]), Moment.SEVERE_PAIN),
        (
            session(
                "stopped_for_pain",
                after=None,
                reports=[PainReport(START, "hurts", 5, "a", kind=HurtKind.RED_FLAG, verdict="red")],
            ),
            Moment.NERVE_SIGNS,
        ),
        (session(routine="flare-up", after=5, before=6), Moment.FLARE_UP_PLAN),
        (session(routine="flare-up", after=7, before=6), Moment.RAISED_PAIN),
    ],
    ids=["raised", "raised-nothing-done", "same", "amber", "stop", "severe", "leg-signs", "flare-up", "flare-raised"],
)
def test_the_moment_a_finished_session_calls_for(record, expected):
    assert moment_after_session(record) is expected
    assert cards_after_session(record) == (offer(expected) if expected else ())


def test_cards_after_a_block():
    assert cards_for("blocked")[0].id == "see-a-professional"


def test_each_routine_points_to_its_own_card_first():
    for name in ("gentle-relief", "hips-not-back", "glute-release"):
        assert "warm-up" in {c.id for c in cards_for(f"routine:{name}")}, name
    assert cards_for("routine:stabilise")[0].id == "stabilise-first"
    assert [c.id for c in cards_for("routine:flare-up")] == ["flare-up", "medicines", "sleep", "floor"]


def test_every_bundled_routine_has_cards_and_an_unknown_one_has_none():
    for path in bundled_routines_dir().glob("*.toml"):
        assert cards_for(f"routine:{path.stem}"), path.stem
    assert cards_for("routine:my-own") == ()


def test_an_unknown_situation_is_a_value_error():
    with pytest.raises(ValueError, match="blocked"):
        cards_for("sad")
    assert "routine:<name>" in SITUATIONS


def test_coach_learn_prints_the_groups_reassurance_first_each_card_with_its_source(capsys):
    assert main(["learn"]) == 0
    out = capsys.readouterr().out
    assert out == plain_text()
    blocks = out.strip().split("\n\n")
    assert blocks[0] == "== Good to know =="
    first = card("hurt-not-harm")
    assert blocks[1].splitlines() == [first.title, first.text, first.source_line]
    headings = [b for b in blocks if b.startswith("== ")]
    assert headings == [f"== {g.title} ==" for g in GROUPS]
    shown = [b.splitlines() for b in blocks if not b.startswith(("== ", "To print one card"))]
    assert shown == [[c.title, c.text, c.source_line] for c in CARDS]
    assert "NICE NG59: Low back pain and sciatica in over 16s" in blocks[2]
    assert blocks[-1].startswith("To print one card: coach learn NAME") and "hurt-not-harm" in blocks[-1]


def test_coach_learn_name_prints_that_card_alone(capsys):
    assert main(["learn", "flare-up"]) == 0
    one = card("flare-up")
    assert capsys.readouterr().out == f"{one.title}\n{one.text}\n{one.source_line}\n"


def test_coach_learn_with_an_unknown_name_says_which_names_exist(capsys):
    assert main(["learn", "no-such-card\x1b[31m"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    message = captured.err.strip()
    assert "\n" not in message and "\x1b" not in message
    assert message.startswith("coach: There is no Learn card called 'no-such-card")
    assert all(c.id in message for c in CARDS)


def test_coach_learn_needs_no_textual(tmp_path):
    code = (
        "import sys; from coach.cli import main; rc = main(['learn']); "
        "assert not any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules), 'UI imported'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Source: “Is It Safe to Crack Your Lower Back With a Partner?”" not in result.stdout
    assert "“Is It Safe to Crack Your Lower Back With a Partner?”" in result.stdout
