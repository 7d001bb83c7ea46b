"""Learn cards: short, sourced, picked for the right moment, shown and printed literally."""

from __future__ import annotations

import subprocess
import sys

import pytest
from textual.widgets import OptionList

from coach.cli import main
from coach.learn import CARDS, SEED_TITLES, SITUATIONS, card, cards_for, plain_text
from coach.paths import bundled_routines_dir
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.learn import LearnScreen
from coach.ui.widgets.plain import Plain
from tests.helpers.records import START, at, session
from tests.scenes import make_app
from tests.test_bundled_routines import SEED_FILES, SEEDS_DIR

EXPECTED_IDS = {
    "stabilise-first",
    "why-tight",
    "warm-up",
    "heat",
    "lifting",
    "neutral-spine",
    "no-cracking",
    "traction-devices",
    "relief-can-hide",
    "see-a-professional",
    "dont-push",
}


def test_the_cards_cover_what_the_sources_teach():
    assert {c.id for c in CARDS} == EXPECTED_IDS
    assert len({c.title for c in CARDS}) == len(CARDS)


@pytest.mark.parametrize("one", CARDS, ids=lambda c: c.id)
def test_each_card_is_two_to_five_short_sentences_with_a_source(one):
    assert 2 <= len(one.sentences) <= 5
    assert all(s.endswith((".", "?")) and len(s) <= 170 for s in one.sentences)
    assert 0 < len(one.title) <= 50
    assert one.sources and set(one.sources) <= SEED_FILES
    assert all(f"({name})" in one.source_line for name in one.sources)


def test_source_lines_name_each_document_by_its_title_then_its_file():
    assert card("see-a-professional").source_line == (
        "Source: “Is It Safe to Crack Your Lower Back With a Partner?” (000_84b18329a5d00774.txt)"
    )
    assert card("stabilise-first").source_line == (
        "Sources: “Why Stretching Might Be Bad for Lower Back Pain, Sciatica, and Herniated Discs” "
        "(002_938c41e1b65cdf95.txt); “The Right Way to Stretch for Relief After Stretching Hurts Your Back” "
        "(003_1eb83e7e4533b963.txt)"
    )


def test_every_seed_has_a_title_and_it_is_a_heading_of_that_file():
    assert set(SEED_TITLES) == SEED_FILES
    if not SEEDS_DIR.is_dir():
        pytest.skip("the source documents are not next to this checkout")
    for name, title in SEED_TITLES.items():
        lines = [line.strip() for line in (SEEDS_DIR / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        assert title in lines[:3], name


def test_cards_cite_the_documents_that_state_them():
    cited = {c.id: set(c.sources) for c in CARDS}
    assert cited["stabilise-first"] == {"002_938c41e1b65cdf95.txt", "003_1eb83e7e4533b963.txt"}
    assert cited["no-cracking"] == {"000_84b18329a5d00774.txt", "001_2782d5a0639a4d26.txt"}
    assert cited["traction-devices"] == cited["relief-can-hide"] == {"001_2782d5a0639a4d26.txt"}
    assert cited["see-a-professional"] == {"000_84b18329a5d00774.txt"}
    assert {"heat", "lifting", "neutral-spine"} <= {i for i, s in cited.items() if s == {"004_e7d96563a60eeb5c.txt"}}


def test_the_traction_card_names_who_must_not_use_it():
    text = card("traction-devices").text.lower()
    for condition in ("osteoporosis", "fracture", "instability", "tumour", "infection", "aneurysm", "pregnancy"):
        assert condition in text


def test_cards_after_a_block():
    assert cards_for("blocked")[0].id == "see-a-professional"


def test_stretching_routines_point_to_warming_up_or_stabilising_first():
    for name in ("gentle-relief", "hips-not-back", "glute-release"):
        assert "warm-up" in {c.id for c in cards_for(f"routine:{name}")}, name
    assert cards_for("routine:stabilise")[0].id == "stabilise-first"
    assert {c.id for c in cards_for("routine:flare-up")} >= {"heat", "see-a-professional"}


def test_every_bundled_routine_has_cards_and_an_unknown_one_has_none():
    for path in bundled_routines_dir().glob("*.toml"):
        assert cards_for(f"routine:{path.stem}"), path.stem
    assert cards_for("routine:my-own") == ()


def test_an_unknown_situation_is_a_value_error():
    with pytest.raises(ValueError, match="blocked"):
        cards_for("sad")
    assert "routine:<name>" in SITUATIONS


def test_coach_learn_prints_every_card_with_its_source(capsys):
    assert main(["learn"]) == 0
    out = capsys.readouterr().out
    assert out == plain_text()
    blocks = out.strip().split("\n\n")
    assert len(blocks) == len(CARDS)
    for block, one in zip(blocks, CARDS, strict=False):
        assert block.splitlines() == [one.title, one.text, one.source_line]


def test_coach_learn_needs_no_textual(tmp_path):
    code = (
        "import sys; from coach.cli import main; rc = main(['learn']); "
        "assert not any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules), 'UI imported'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Source: “Is It Safe to Crack Your Lower Back With a Partner?” (000_84b18329a5d00774.txt)" in (result.stdout)


def shown(screen: LearnScreen) -> tuple[str, str, str]:
    return tuple(screen.query_one(f"#{part}", Plain).text for part in ("title", "text", "source"))


async def test_l_on_home_opens_learn_and_escape_comes_back(tmp_path):
    app, _ = make_app(tmp_path / "data", routine=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearnScreen)
        home = app.screen_stack[-2]
        offered = cards_for(f"routine:{home.selected().name}")[0]
        assert shown(screen) == (offered.title, offered.text, offered.source_line)
        index = CARDS.index(offered)
        await pilot.press("up")
        await pilot.pause()
        assert shown(screen)[0] == CARDS[index - 1].title and screen.card is CARDS[index - 1]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("size", [(100, 30), (60, 20)])
async def test_opens_on_a_given_card_and_fits_small_terminals(tmp_path, size):
    app, _ = make_app(tmp_path / "data", routine=None)
    async with app.run_test(size=size) as pilot:
        app.push_screen(LearnScreen("traction-devices"))
        await pilot.pause()
        screen = app.screen
        one = card("traction-devices")
        assert shown(screen) == (one.title, one.text, one.source_line)
        cards = screen.query_one("#cards", OptionList)
        assert cards.highlighted == CARDS.index(one) and cards.has_focus
        text_region = screen.query_one("#text").region
        assert cards.region.width >= 20 and text_region.width >= 25
        assert cards.region.right <= text_region.x and text_region.right <= size[0]
        scroller = screen.query_one("#card")
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroller.scroll_y == min(scroller.max_scroll_y, scroller.scrollable_content_region.height)
        assert cards.highlighted == CARDS.index(one)
        if size == (60, 20):
            assert scroller.max_scroll_y > 0 and scroller.scroll_y > 0


async def test_an_unknown_card_id_opens_on_the_first(tmp_path):
    app, _ = make_app(tmp_path / "data", routine=None)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(LearnScreen("no-such-card"))
        await pilot.pause()
        assert shown(app.screen)[0] == CARDS[0].title


async def test_learn_cards_are_offered_where_they_apply(data_dir, tmp_path):
    """On a routine's intro at home, after a block, and after a session that raised pain."""
    from coach.ui.screens.learn import LearnScreen
    from coach.ui.screens.safety_check import SafetyCheckScreen
    from coach.ui.screens.summary import SummaryScreen
    from tests.conftest import FakeClock
    from tests.routine_texts import SMALL
    from tests.ui_driver import accepted, answer, app_for, pass_safety_check, wait_for_screen

    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        index = next(i for i, e in enumerate(home.entries) if e.name == "stabilise")
        home.query_one("DataTable").move_cursor(row=index)
        await pilot.pause()
        assert "Before you start: " in home.query_one("#description").text
        await answer(pilot, "l")
        assert isinstance(app.screen, LearnScreen)
        assert app.screen.first_index == [c.id for c in CARDS].index("stabilise-first")

    routine = tmp_path / "small.toml"
    routine.write_text(SMALL)
    blocked = app_for(data_dir, routine, FakeClock())
    async with blocked.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "y")
        assert "Worth knowing: " in screen.query_one("#advice").text
        await answer(pilot, "l")
        assert isinstance(blocked.screen, LearnScreen)

    clock = FakeClock()
    raised = app_for(data_dir, routine, clock)
    async with raised.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "y")
        await pass_safety_check(pilot, pain="1")
        await answer(pilot, "p", "a", "4", "enter")
        assert isinstance(raised.screen, SummaryScreen)
        offered = [w.text for w in raised.screen.query(".learn")]
        assert offered and offered[0].startswith("Worth knowing: ")


def test_the_card_on_seeing_a_professional_gives_the_safety_check_s_urgency_for_one_leg_and_both():
    from coach.safety.check_texts import LEG_ADVICE

    text = card("see-a-professional").text
    assert "within a day or two" in " ".join(LEG_ADVICE)
    one_leg, both_legs = text.split("shoots down a leg")[1].split(". ")[0], text.split("both legs")[1]
    assert "within a day or two" in one_leg and "at once" not in one_leg
    assert "emergency help at once" in both_legs


@pytest.mark.parametrize(
    ("outcome", "before", "after", "expected"),
    [
        ("completed", 2, 4, ["dont-push"]),
        ("stopped_for_pain", 2, 6, ["see-a-professional"]),
        ("completed", 3, 3, []),
        ("stopped_for_pain", 2, None, []),
        ("ended_early", 2, 4, []),
    ],
)
def test_after_a_session_that_raised_pain_the_card_fits_how_it_ended(outcome, before, after, expected):
    """ "More is not better" only when something was done: ``ended_early`` here skipped every exercise."""
    from coach.learn import cards_after_session
    from coach.logs.records import Outcome, Screening, StepOutcome, StepRecord

    record = session(at("2026-11-23T10:00:00+00:00"), id="x", title="R", routine="r", outcome=Outcome(outcome))
    record.screening = Screening(pain_before=before)
    record.pain_after = after
    step = StepOutcome.SKIPPED if outcome == "ended_early" else StepOutcome.DONE
    record.steps = [StepRecord("a", "A", step, START, START, 10.0, 10, "")]
    assert [c.id for c in cards_after_session(record)] == expected
