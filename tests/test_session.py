"""The running session in plain pytest: every reported defect of the flow, and the rules it keeps."""

from __future__ import annotations

import pytest

from coach.logs.codec import read_log
from coach.logs.records import HurtKind, Outcome, StepOutcome
from coach.routines.plan import Phase
from coach.safety import pain as safety
from coach.session.questions import QuestionKind
from coach.session.running import SKIP_AGAIN_AFTER
from tests.helpers.routines import SMALL
from tests.helpers.session import make_session, run_until_question

EASIER_IS_NEXT = """\
format = 1
title = "Easier is next"
prepare = 2

[[exercises]]
id = "hard"
name = "Hard one"
how = ["Do the hard thing."]
hold = 5
easier = "soft"

[[exercises]]
id = "soft"
name = "Soft one"
how = ["Do the soft thing."]
hold = 5

[[exercises]]
id = "last"
name = "Last one"
how = ["Do the last thing."]
hold = 5
"""

NEXT_HAS_EASIER_AFTER_IT = """\
format = 1
title = "Variant comes next anyway"
prepare = 2

[[exercises]]
id = "first"
name = "First"
how = ["One."]
hold = 5

[[exercises]]
id = "second"
name = "Second"
how = ["Two."]
hold = 5
easier = "third"

[[exercises]]
id = "third"
name = "Third"
how = ["Three."]
hold = 5
"""

NO_PREPARE = """\
format = 1
title = "Cards wait"
prepare = 0

[[exercises]]
id = "bridge"
name = "Bridge"
how = ["Lie on your back.", "Lift your hips."]
caution = "Keep it small."
hold = 5
"""

TEMPO = """\
format = 1
title = "Tempo"
prepare = 1

[[exercises]]
id = "tilt"
name = "Tilt"
how = ["Tilt."]
cues = ["First cue.", "Second cue.", "Third cue."]
reps = 3
tempo = [1, 1, 1]
"""

SIDES_IN_SETS = """\
format = 1
title = "Sides"
prepare = 1

[[exercises]]
id = "side"
name = "Side"
how = ["Side."]
hold = 3
sides = "each"
sets = 2
rest = 4
"""


def planned_once(session) -> None:
    record = session.recorder.record
    planned = [s.exercise_id for s in record.steps if s.planned]
    assert sorted(planned) == sorted(e.id for e in session.routine.exercises)


def test_a_key_at_a_phase_boundary_opens_the_pain_check_and_logs_the_step(tmp_path):
    session, clock = make_session(SMALL, tmp_path)
    clock.jump(58)
    assert session.key("space") is False or session.question is not None
    assert session.question is not None and session.question.kind is QuestionKind.PAIN_CHECK
    assert [s.exercise_id for s in session.recorder.record.steps] == ["knee-to-chest"]


@pytest.mark.parametrize("key", ["space", "p", "s", "enter", "q"])
def test_no_key_in_the_boundary_window_cancels_or_hides_the_pain_check(tmp_path, key):
    session, clock = make_session(SMALL, tmp_path)
    clock.jump(58)
    session.key(key)
    assert session.question is not None and session.question.kind is QuestionKind.PAIN_CHECK
    session.key("2")
    assert session.question is None and session.view().exercise_name == "Pelvic tilt"


def test_after_a_check_the_next_exercise_is_never_dropped_from_the_log(tmp_path):
    session, clock = make_session(EASIER_IS_NEXT, tmp_path, pain_before=2)
    run_until_question(session, clock)
    session.key("7")
    assert session.question.kind is QuestionKind.AFTER_CHECK
    assert [o.label for o in session.question.options] == ["End the session now (recommended)", "Continue anyway"]
    session.key("g")
    assert session.question.kind is QuestionKind.AFTER_CHECK
    session.key("c")
    assert session.view().exercise_name == "Soft one"
    session.key("q")
    session.key("y")
    session.key("escape")
    steps = {s.exercise_id: s.outcome for s in session.recorder.record.steps}
    assert steps == {"hard": StepOutcome.DONE, "soft": StepOutcome.NOT_REACHED, "last": StepOutcome.NOT_REACHED}
    assert session.outcome is Outcome.ENDED_EARLY
    planned_once(session)


def test_ending_at_the_choice_after_a_pain_check_does_not_ask_the_pain_again(tmp_path):
    session, clock = make_session(EASIER_IS_NEXT, tmp_path, pain_before=2)
    run_until_question(session, clock)
    session.key("7")
    session.key("e")
    assert session.over and session.outcome is Outcome.STOPPED_FOR_PAIN
    assert session.recorder.record.pain_after == 7
    assert [r.source for r in session.recorder.record.pain_reports] == ["check"]


def test_it_hurts_in_an_exercise_whose_easier_is_next_runs_that_exercise_once(tmp_path):
    session, clock = make_session(EASIER_IS_NEXT, tmp_path)
    clock.advance(3)
    session.tick()
    session.key("p")
    session.key("b")
    session.key("7")
    assert session.question.kind is QuestionKind.EASIER_OR_SKIP
    assert [o.value for o in session.question.options] == ["end", "easier", "skip"]
    session.key("t")
    assert session.view().exercise_name == "Soft one"
    run_until_question(session, clock)
    session.key("2")
    assert session.view().exercise_name == "Last one"
    names = [s.exercise_id for s in session.recorder.record.steps]
    assert names == ["hard", "soft"]
    assert session.recorder.record.steps[0].outcome is StepOutcome.REPLACED


VARIANT_LATER = """\
format = 1
title = "Variant later in the routine"
prepare = 2

[[exercises]]
id = "first"
name = "First"
how = ["One."]
hold = 5

[[exercises]]
id = "second"
name = "Second"
how = ["Two."]
hold = 5
easier = "fourth"

[[exercises]]
id = "third"
name = "Third"
how = ["Three."]
hold = 5

[[exercises]]
id = "fourth"
name = "Fourth"
how = ["Four."]
hold = 5
"""


def test_gentler_runs_the_easier_variant_in_place_of_the_next_and_logs_both(tmp_path):
    session, clock = make_session(VARIANT_LATER, tmp_path, pain_before=2)
    run_until_question(session, clock)
    session.key("5")
    assert "Do Fourth instead of Second" in [o.label for o in session.question.options]
    session.key("g")
    assert session.view().exercise_name == "Fourth"
    assert session.engine.run.instead_of == "second"
    while not session.over:
        run_until_question(session, clock)
        if session.question is not None:
            session.key("1")
    steps = [(s.exercise_id, s.outcome, s.instead_of) for s in session.recorder.record.steps]
    assert steps == [
        ("first", StepOutcome.DONE, ""),
        ("second", StepOutcome.REPLACED, ""),
        ("fourth", StepOutcome.DONE, "second"),
        ("third", StepOutcome.DONE, ""),
        ("fourth", StepOutcome.DONE, ""),
    ]
    assert session.recorder.record.exercises_done == 4


def test_an_easier_variant_keeps_the_number_of_the_exercise_it_stands_for(tmp_path):
    session, clock = make_session(VARIANT_LATER, tmp_path, pain_before=2)
    run_until_question(session, clock)
    session.key("2")
    clock.advance(3)
    session.tick()
    assert (session.view().exercise_name, session.view().exercise_number, session.view().exercise_count) == (
        "Second",
        2,
        4,
    )
    for key in ("p", "b", "4", "t"):
        session.key(key)
    view = session.view()
    assert (view.exercise_name, view.exercise_number, view.exercise_count) == ("Fourth", 2, 4)
    run_until_question(session, clock)
    session.key("2")
    view = session.view()
    assert (view.exercise_name, view.exercise_number, view.exercise_count) == ("Third", 3, 4)


def test_gentler_never_offers_the_exercise_just_done(tmp_path):
    session, clock = make_session(SMALL, tmp_path, pain_before=2)
    session.key("s")
    run_until_question(session, clock)
    session.key("5")
    labels = [o.label for o in session.question.options]
    assert not any("Pelvic tilt" in label for label in labels)
    assert "g" not in [o.key for o in session.question.options]


def test_the_easier_variant_that_comes_next_anyway_is_not_run_twice(tmp_path):
    session, clock = make_session(NEXT_HAS_EASIER_AFTER_IT, tmp_path, pain_before=2)
    run_until_question(session, clock)
    session.key("5")
    session.key("g")
    assert session.view().exercise_name == "Third"
    assert [r.exercise.id for r in session.engine.runs] == ["first", "third"]
    run_until_question(session, clock)
    session.key("2")
    assert session.over
    record = session.recorder.record
    assert [(s.exercise_id, s.outcome) for s in record.steps] == [
        ("first", StepOutcome.DONE),
        ("second", StepOutcome.REPLACED),
        ("third", StepOutcome.DONE),
    ]
    planned_once(session)


@pytest.mark.parametrize("key", ["enter", "space", "escape", "p", "x"])
def test_only_a_number_answers_a_pain_scale(tmp_path, key):
    session, clock = make_session(SMALL, tmp_path)
    run_until_question(session, clock)
    session.key(key)
    assert session.question is not None and session.question.kind is QuestionKind.PAIN_CHECK
    assert session.recorder.record.pain_reports == []
    session.key("t")
    assert session.recorder.record.pain_reports[-1].rating == 10


def test_a_skipped_exercise_is_not_all_done_and_the_outcome_says_so(tmp_path):
    session, clock = make_session(SMALL, tmp_path)
    session.key("s")
    while not session.over:
        run_until_question(session, clock)
        if session.question is not None:
            session.key("1")
    assert session.outcome is Outcome.COMPLETED
    assert session.reason == "3 of 4 exercises done."


def test_the_intro_card_waits_for_space_when_prepare_is_zero(tmp_path):
    session, clock = make_session(NO_PREPARE, tmp_path)
    clock.advance(120)
    session.tick()
    view = session.view()
    assert view.phase is Phase.PREPARE and view.how == ("Lie on your back.", "Lift your hips.")
    assert view.caution == "Keep it small." and "space" in view.hint
    session.key("space")
    assert session.view().phase is Phase.HOLD


def test_i_shows_the_steps_again_pausing_and_leaving_resumes(tmp_path):
    session, clock = make_session(SMALL, tmp_path)
    clock.advance(5)
    session.key("i")
    assert session.question.kind is QuestionKind.STEPS
    assert "Draw one knee in." in session.question.body and "Caution" in session.question.body
    left = session.engine.seconds_left()
    clock.advance(30)
    assert session.engine.seconds_left() == left
    session.key("escape")
    assert session.running


def test_the_cue_changes_per_rep_never_per_tempo_phase(tmp_path):
    session, clock = make_session(TEMPO, tmp_path)
    seen = []
    for _ in range(9):
        clock.advance(1)
        session.tick()
        seen.append(session.view().cue)
    assert seen == ["First cue."] * 3 + ["Second cue."] * 3 + ["Third cue."] * 3


def test_a_new_set_on_the_other_side_says_to_switch(tmp_path):
    session, clock = make_session(SIDES_IN_SETS, tmp_path)
    phases = []
    for _ in range(80):
        clock.advance(0.5)
        session.tick()
        view = session.view()
        if not phases or phases[-1][0] != view.phase:
            phases.append((view.phase, view.cue))
        if session.question:
            break
    words = [p for p, _ in phases]
    assert words == [
        Phase.PREPARE,
        Phase.HOLD,
        Phase.SWITCH,
        Phase.HOLD,
        Phase.REST,
        Phase.SWITCH,
        Phase.HOLD,
        Phase.SWITCH,
        Phase.HOLD,
        Phase.DONE,
    ]
    assert phases[5][1] == "Change to your left side."


def test_own_pace_reps_count_up_and_say_space_is_set_done(tmp_path):
    session, clock = make_session(SMALL, tmp_path)
    session.key("s")
    clock.advance(SKIP_AGAIN_AFTER)
    session.key("s")
    clock.advance(3)
    session.tick()
    clock.advance(7)
    view = session.view()
    assert view.phase is Phase.REPS and view.digits == "0:07"
    assert "space when the set is done" in view.hint


@pytest.mark.parametrize(
    ("opener", "leave"), [("p", "escape"), ("q", "n"), ("q", "escape"), ("i", "escape"), ("question_mark", "enter")]
)
def test_leaving_a_question_returns_to_running_when_it_was_running(tmp_path, opener, leave):
    session, clock = make_session(SMALL, tmp_path)
    clock.advance(4)
    session.key(opener)
    assert not session.running
    session.key(leave)
    assert session.question is None and session.running


@pytest.mark.parametrize(("opener", "leave"), [("p", "escape"), ("q", "n"), ("i", "escape")])
def test_leaving_a_question_stays_paused_when_it_was_paused(tmp_path, opener, leave):
    session, clock = make_session(SMALL, tmp_path)
    clock.advance(4)
    session.key("space")
    session.key(opener)
    session.key(leave)
    assert session.question is None and not session.running
    assert "space" in session.view().hint and session.view().word == "PAUSED"


def test_the_red_verdict_names_the_figures(tmp_path):
    session, clock = make_session(SMALL, tmp_path, pain_before=3)
    run_until_question(session, clock)
    session.key("5")
    assert "5/10, up from 3" in session.question.body


def test_after_the_last_exercise_a_red_check_ends_one_way_with_advice(tmp_path):
    session, clock = make_session(NO_PREPARE, tmp_path, pain_before=2)
    session.key("space")
    run_until_question(session, clock)
    session.key("6")
    assert session.over and session.outcome is Outcome.COMPLETED
    assert "6/10, up from 2" in session.advice
    assert session.recorder.record.pain_reports[-1].decision == "finish"


def test_pain_of_eight_at_a_check_stops_with_care_advice(tmp_path):
    session, clock = make_session(SMALL, tmp_path, pain_before=2)
    run_until_question(session, clock)
    session.key("8")
    assert session.question.kind is QuestionKind.STOP_ADVICE
    session.key("enter")
    assert session.over and session.outcome is Outcome.STOPPED_FOR_PAIN
    steps = session.recorder.record.steps
    assert [s.outcome for s in steps] == [StepOutcome.DONE] + [StepOutcome.NOT_REACHED] * 3
    assert session.advice.startswith("Pain 8/10") and safety.STOP_CARE_ADVICE in session.advice


def test_mild_hurt_at_a_red_rating_is_never_mild(tmp_path):
    session, clock = make_session(SMALL, tmp_path, pain_before=2)
    clock.advance(5)
    session.key("p")
    session.key("c")
    session.key("6")
    report = session.recorder.record.pain_reports[-1]
    assert (report.verdict, report.decision) == ("red", ""), "nothing is chosen until the user answers"
    assert read_log(session.recorder.path).pain_reports[-1].decision == ""
    assert session.question.kind is QuestionKind.EASIER_OR_SKIP
    assert [o.value for o in session.question.options] == ["end", "skip"]
    session.key("s")
    assert session.view().exercise_name == "Pelvic tilt"
    assert read_log(session.recorder.path).pain_reports[-1].decision == "skip"


def test_a_warning_sign_at_a_low_rating_stops_with_words_that_say_stop(tmp_path):
    session, clock = make_session(SMALL, tmp_path, pain_before=2)
    clock.advance(5)
    for key in ("p", "a", "3"):
        session.key(key)
    report = session.recorder.record.pain_reports[-1]
    assert (report.verdict, report.decision) == ("red", "stop")
    assert session.question.kind is QuestionKind.STOP_ADVICE
    assert "stop now" in session.question.body and "fine to carry on" not in session.question.body
    assert "fine to carry on" not in session.advice


def test_a_warning_sign_stops_the_session_and_is_logged_before_its_strength_is_asked(tmp_path):
    session, clock = make_session(SMALL, tmp_path, pain_before=2)
    clock.advance(5)
    session.key("p")
    session.key("a")
    assert session.question.kind is QuestionKind.HURT_STRENGTH
    on_disk = read_log(session.recorder.path)
    assert on_disk.outcome is Outcome.STOPPED_FOR_PAIN
    assert on_disk.reason == "Pain reported: spreading into a buttock or leg, tingling or numbness."
    assert on_disk.steps[-1].outcome is StepOutcome.NOT_REACHED
    session.key("4")
    on_disk = read_log(session.recorder.path)
    assert on_disk.reason == "Pain reported: spreading into a buttock or leg, tingling or numbness (4/10, up from 2)."
    assert on_disk.pain_reports[-1].kind is HurtKind.RED_FLAG
    assert session.question.kind is QuestionKind.STOP_ADVICE
    session.key("enter")
    assert session.over and session.outcome is Outcome.STOPPED_FOR_PAIN


def test_an_amber_mild_hurt_goes_on_and_says_so(tmp_path):
    session, clock = make_session(SMALL, tmp_path, pain_before=4)
    clock.advance(5)
    session.drain_events()
    for key in ("p", "c", "5"):
        session.key(key)
    words = "Pain 5/10, up from 4: do not push further; it should settle within 24 hours."
    advice = [event.text for event in session.drain_events() if event.kind == "advice"]
    assert advice == [words] and session.advice == words
    assert session.question is None and session.view().exercise_name == "Knee-to-chest"


def test_sharp_pain_waits_for_the_user_to_pick_a_way_out_even_with_no_easier_variant(tmp_path):
    session, clock = make_session(SMALL, tmp_path, pain_before=4)
    clock.advance(5)
    for key in ("p", "b", "5"):
        session.key(key)
    question = session.question
    assert question is not None and question.kind is QuestionKind.EASIER_OR_SKIP and question.tone == "amber"
    assert question.body.startswith("Sharp, or more than mild discomfort (5/10, up from 4): this exercise stops here")
    assert [option.value for option in question.options] == ["skip", "end"]
    assert not session.running, "nothing moves on while the user decides"
    session.key("s")
    assert session.question is None and session.view().exercise_name == "Pelvic tilt"
    assert session.recorder.record.steps[0].outcome is StepOutcome.SKIPPED
    assert read_log(session.recorder.path).pain_reports[-1].decision == "skip"


def test_advice_that_goes_on_stays_on_screen_until_the_next_phase_begins(tmp_path):
    words = "do not push further"
    session, clock = make_session(SMALL, tmp_path, pain_before=4)
    clock.advance(5)
    for key in ("p", "c", "5"):
        session.key(key)
    assert words in session.view().notice
    changes = session.phase_changes
    while session.phase_changes == changes or session.view().phase is Phase.PREPARE:
        assert words in session.view().notice, "shown through the next exercise's intro card"
        clock.advance(1)
        session.tick()
        if session.engine.waits_for_user:
            session.key("space")
    assert session.view().notice == ""


def test_a_green_mild_hurt_resumes_without_advice(tmp_path):
    session, clock = make_session(SMALL, tmp_path, pain_before=2)
    clock.advance(5)
    session.drain_events()
    for key in ("p", "c", "2"):
        session.key(key)
    assert not [event for event in session.drain_events() if event.kind == "advice"]


def test_ending_on_an_intro_card_leaves_that_exercise_not_reached(tmp_path):
    session, clock = make_session(SMALL, tmp_path)
    session.key("s")
    for key in ("q", "y", "escape"):
        session.key(key)
    outcomes = [s.outcome for s in session.recorder.record.steps]
    assert outcomes == [StepOutcome.SKIPPED] + [StepOutcome.NOT_REACHED] * 3


def test_a_double_press_does_not_end_a_set_at_ones_own_pace(tmp_path):
    session, clock = make_session(SMALL, tmp_path)
    session.key("s")
    clock.advance(SKIP_AGAIN_AFTER)
    session.key("s")
    clock.advance(3.5)
    session.tick()
    assert session.key("space") is False
    clock.advance(2)
    assert session.key("space") is True


def test_a_mild_hurt_during_an_exercise_still_gets_its_pain_check(tmp_path):
    session, clock = make_session(SMALL, tmp_path, pain_before=2)
    clock.advance(5)
    for key in ("p", "c", "2"):
        session.key(key)
    run_until_question(session, clock)
    assert session.question.kind is QuestionKind.PAIN_CHECK


def test_an_overruled_mild_report_says_what_was_said_and_the_rating(tmp_path):
    session, clock = make_session(SMALL, tmp_path, pain_before=2)
    clock.advance(5)
    for key in ("p", "c", "t"):
        session.key(key)
    assert session.reason == "Pain reported as mild and settling, but rated 10/10, up from 2."
    assert session.question.body.startswith("Pain 10/10, up from 2: stop exercising now.")


def test_mild_hurt_at_ten_stops(tmp_path):
    session, clock = make_session(SMALL, tmp_path, pain_before=2)
    clock.advance(5)
    session.key("p")
    session.key("c")
    session.key("t")
    assert session.question.kind is QuestionKind.STOP_ADVICE
    assert session.outcome is Outcome.STOPPED_FOR_PAIN


def test_a_too_small_terminal_pauses_and_growing_resumes(tmp_path):
    session, clock = make_session(SMALL, tmp_path)
    clock.advance(4)
    session.set_too_small(True)
    assert not session.running
    session.key("space")
    assert not session.running
    session.set_too_small(False)
    assert session.running


def test_every_finished_step_is_on_disk_before_the_next_begins(tmp_path):
    import tomllib

    session, clock = make_session(SMALL, tmp_path)
    session.key("s")
    saved = tomllib.loads(session.recorder.path.read_text())
    assert [s["exercise_id"] for s in saved["steps"]] == ["knee-to-chest"]


# keys on the pain scales and after "it hurts"


def hurting(tmp_path, pain_before=2):
    session, clock = make_session(SMALL, tmp_path, pain_before=pain_before)
    clock.advance(5)
    session.key("p")
    return session, clock


@pytest.mark.parametrize("kind", ["a", "b", "c"])
def test_a_kind_of_pain_pressed_twice_does_not_also_rate_it(tmp_path, kind):
    session, _ = hurting(tmp_path)
    session.key(kind)
    session.key(kind)
    assert session.question.kind is QuestionKind.HURT_STRENGTH
    assert all(r.rating is None or r.source != "hurts" for r in session.recorder.record.pain_reports)


def test_one_then_zero_is_ten_and_stops(tmp_path):
    session, clock = hurting(tmp_path)
    session.key("c")
    session.key("1")
    assert session.question.typed == "1" and session.recorder.record.pain_reports == []
    clock.advance(0.3)
    session.key("0")
    assert session.recorder.record.pain_reports[-1].rating == 10
    assert session.question.kind is QuestionKind.STOP_ADVICE


def test_a_one_that_waits_is_one_and_enter_takes_it_at_once(tmp_path):
    session, clock = make_session(SMALL, tmp_path)
    run_until_question(session, clock)
    assert session.question.kind is QuestionKind.PAIN_CHECK
    session.key("1")
    assert session.seconds_to_next_change() == pytest.approx(1.0)
    clock.advance(0.99)
    session.tick()
    assert session.question.kind is QuestionKind.PAIN_CHECK
    clock.advance(0.01)
    session.tick()
    assert session.question is None and session.recorder.record.pain_reports[-1].rating == 1
    run_until_question(session, clock)
    session.key("1")
    session.key("enter")
    assert session.recorder.record.pain_reports[-1].rating == 1 and len(session.recorder.record.pain_reports) == 2


def test_escape_takes_back_a_waiting_one_and_a_key_after_it_goes_on(tmp_path):
    session, clock = make_session(SMALL, tmp_path)
    run_until_question(session, clock)
    session.key("1")
    session.key("escape")
    assert session.question.kind is QuestionKind.PAIN_CHECK and not session.question.typed
    assert session.recorder.record.pain_reports == []
    session.key("1")
    session.key("p")
    assert session.recorder.record.pain_reports[-1].rating == 1
    assert session.question.kind is QuestionKind.HURT_KIND


def test_escape_on_the_strength_goes_back_to_the_kind_of_pain(tmp_path):
    session, _ = hurting(tmp_path)
    session.key("c")
    assert session.question.cancellable
    session.key("escape")
    assert session.question.kind is QuestionKind.HURT_KIND
    session.key("escape")
    assert session.question is None and session.running
    assert session.recorder.record.pain_reports == []


def test_escape_on_the_strength_of_a_warning_sign_keeps_the_stop_and_shows_its_advice(tmp_path):
    session, _ = hurting(tmp_path)
    session.key("a")
    session.key("escape")
    assert session.question.kind is QuestionKind.STOP_ADVICE
    assert "stop exercising now" in session.question.body and safety.STOP_CARE_ADVICE in session.question.body
    session.key("enter")
    assert session.over and session.outcome is Outcome.STOPPED_FOR_PAIN
    assert safety.STOP_CARE_ADVICE in session.advice


def test_e_ends_and_never_means_easier_when_it_hurts(tmp_path):
    session, clock = make_session(EASIER_IS_NEXT.replace('easier = "soft"', 'easier = "last"'), tmp_path, 4)
    clock.advance(3)
    for key in ("p", "b", "5"):
        session.key(key)
    assert session.question.kind is QuestionKind.EASIER_OR_SKIP
    assert [(o.value, o.keys) for o in session.question.options] == [
        ("easier", ("t",)),
        ("skip", ("s",)),
        ("end", ("e",)),
    ]
    session.key("e")
    assert session.over and session.outcome is Outcome.ENDED_EARLY, "ending at an amber rating is no stop for pain"


def test_ending_when_it_hurts_does_not_ask_the_pain_again(tmp_path):
    session, _ = hurting(tmp_path)
    for key in ("b", "6", "e"):
        session.key(key)
    assert session.over, session.question
    assert [r.rating for r in session.recorder.record.pain_reports] == [6]
    assert session.recorder.record.pain_after == 6


def test_more_than_mild_at_a_low_rating_says_to_leave_the_exercise_not_to_carry_on(tmp_path):
    session, clock = make_session(EASIER_IS_NEXT, tmp_path)
    clock.advance(3)
    for key in ("p", "b", "3"):
        session.key(key)
    assert session.question.title == "Do not push on with this one"
    assert "fine to carry on" not in session.question.body
    assert "this exercise stops here" in session.question.body


def test_advice_to_stop_for_today_is_in_the_log_for_the_next_check(tmp_path):
    session, _ = hurting(tmp_path)
    assert not read_log(session.recorder.path).stop_advised
    session.key("a")
    assert read_log(session.recorder.path).stop_advised, "closed at the rating, the stop must already count"


def test_a_session_that_went_on_after_it_hurt_is_not_marked_stop_advised(tmp_path):
    session, _ = hurting(tmp_path)
    for key in ("c", "2"):
        session.key(key)
    assert session.running and not read_log(session.recorder.path).stop_advised


def test_s_pressed_twice_skips_one_exercise(tmp_path):
    session, clock = make_session(SMALL, tmp_path)
    clock.advance(1)
    session.key("s")
    clock.advance(0.2)
    session.key("s")
    assert session.view().exercise_name == "Pelvic tilt"
    assert [s.outcome for s in session.recorder.record.steps] == [StepOutcome.SKIPPED]
    clock.advance(1.5)
    session.key("s")
    assert session.view().exercise_name == "Bird dog"


ONE_ONLY = """\
format = 1
title = "One only"
prepare = 2

[[exercises]]
id = "bridge"
name = "Bridge"
how = ["Lie on your back, knees bent.", "Lift your hips gently."]
hold = 3
"""


def test_it_hurts_in_the_last_exercise_offers_one_way_to_end_and_does_not_ask_the_pain_again(tmp_path):
    session, clock = make_session(ONE_ONLY, tmp_path, pain_before=3)
    clock.advance(3)
    for key in ("p", "b", "7"):
        session.key(key)
    assert [o.value for o in session.question.options] == ["end"]
    session.key("e")
    assert session.over and session.outcome is Outcome.STOPPED_FOR_PAIN
    assert session.reason == "Ended after it hurt (7/10, up from 3)."
    assert [r.rating for r in session.recorder.record.pain_reports] == [7]


def test_an_amber_hurt_that_ends_the_last_exercise_does_not_ask_the_pain_again(tmp_path):
    session, clock = make_session(ONE_ONLY, tmp_path, pain_before=4)
    clock.advance(3)
    for key in ("p", "b", "5"):
        session.key(key)
    assert [option.value for option in session.question.options] == ["end"], "in the last exercise skip would end it"
    session.key("e")
    assert session.over, session.question
    assert [r.rating for r in session.recorder.record.pain_reports] == [5]


BACK_TO_THE_LAST = """\
format = 1
title = "Easier is the one before"
prepare = 2

[[exercises]]
id = "alpha"
name = "Alpha"
how = ["A."]
hold = 3

[[exercises]]
id = "bravo"
name = "Bravo"
how = ["B."]
hold = 5
easier = "alpha"

[[exercises]]
id = "charlie"
name = "Charlie"
how = ["C."]
hold = 3
"""


def test_it_hurts_never_offers_the_exercise_just_done_as_the_easier_one(tmp_path):
    session, clock = make_session(BACK_TO_THE_LAST, tmp_path, pain_before=2)
    run_until_question(session, clock)
    session.key("2")
    clock.advance(3)
    session.tick()
    assert session.view().exercise_name == "Bravo"
    for key in ("p", "b", "6"):
        session.key(key)
    assert [o.value for o in session.question.options] == ["end", "skip"]


def test_a_red_check_after_the_last_exercise_says_to_ease_off_not_to_stop(tmp_path):
    session, clock = make_session(ONE_ONLY, tmp_path, pain_before=3)
    run_until_question(session, clock)
    session.key("6")
    assert session.over and session.outcome is Outcome.COMPLETED
    assert "we recommend stopping" not in session.advice
    assert session.advice.startswith("Pain 6/10, up from 3: more than exercise should raise it. Ease off for today")
    assert "keep gently moving" in session.advice


def test_the_rest_between_sets_names_no_side_and_the_next_set_starts_on_the_left(tmp_path):
    text = ONE_ONLY.replace("hold = 3", 'hold = 3\nsets = 2\nrest = 4\nsides = "each"')
    session, clock = make_session(text, tmp_path)
    phases = []
    while not session.over and session.question is None:
        view = session.view()
        if not phases or phases[-1] != (view.phase, view.detail):
            phases.append((view.phase, view.detail))
        clock.advance(0.5)
        session.tick()
    rest = [detail for phase, detail in phases if phase is Phase.REST]
    assert rest == ["set 2 of 2"]
    after_rest = phases[[p for p, _ in phases].index(Phase.REST) + 1]
    assert after_rest[0] is Phase.SWITCH and "left side" in after_rest[1]


def test_amber_advice_after_it_hurts_is_kept_for_the_summary_whatever_is_chosen(tmp_path):
    session, clock = make_session(EASIER_IS_NEXT.replace('easier = "soft"', 'easier = "last"'), tmp_path, 3)
    clock.advance(3)
    for key in ("p", "b", "4", "e"):
        session.key(key)
    assert session.over
    assert session.advice == (
        "Sharp, or more than mild discomfort (4/10, up from 3): this exercise stops here; do not push on with it."
    )


def test_s_held_down_skips_one_exercise(tmp_path):
    session, clock = make_session(SMALL, tmp_path)
    clock.advance(1)
    for _ in range(10):
        session.key("s")
        clock.advance(0.3)
    assert [s.outcome for s in session.recorder.record.steps] == [StepOutcome.SKIPPED]


def test_the_pain_question_after_ending_names_the_pain_before_like_every_other_scale(tmp_path):
    session, clock = make_session(SMALL, tmp_path, pain_before=3)
    clock.advance(5)
    session.key("q")
    session.key("y")
    assert session.question.kind is QuestionKind.END_PAIN
    assert session.question.body == "Before you started it was 3/10."


def test_a_tempo_rep_rings_once_and_flashes_at_each_of_its_phases(tmp_path):
    session, clock = make_session(TEMPO, tmp_path)
    clock.advance(1.5)
    session.tick()
    assert session.view().phase is Phase.LIFT
    bells, flashes = session.bells, session.phase_changes
    clock.advance(8)
    session.tick()
    assert session.view().phase is Phase.LOWER and session.view().detail.startswith("Rep 3 of 3")
    assert session.phase_changes - flashes == 8, "lift, top, lower: every phase flashes"
    assert session.bells - bells == 2, "one bell a rep"
