"""The session engine under a fake clock: phases, timing, pauses, skips, pain."""

from __future__ import annotations

import bisect
import math
from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.engine import Engine, Status
from coach.loader import load_routine_text
from coach.plan import Phase, build_plan, estimated_seconds, phase_word
from coach.records import HurtKind, Outcome, StepOutcome
from coach.routine import Dosing, Exercise, Routine
from tests.conftest import FakeClock
from tests.routine_texts import SMALL


def small() -> Routine:
    return load_routine_text(SMALL)


def phases(run) -> list[tuple[str, int | None, str | None]]:
    return [(s.phase.value, s.seconds, s.side) for s in run.segments]


def test_hold_each_side_has_rests_between_holds_and_a_switch():
    knee = build_plan(small())[0]
    assert phases(knee) == [
        ("prepare", 3, None),
        ("hold", 10, "left"), ("rest", 5, "left"), ("hold", 10, "left"),
        ("switch", 5, "right"),
        ("hold", 10, "right"), ("rest", 5, "right"), ("hold", 10, "right"),
    ]


def test_tempo_reps_are_paced_lift_hold_lower():
    tilt = build_plan(small())[1]
    assert [p for p, _, _ in phases(tilt)][1:4] == ["lift", "top", "lower"]
    assert tilt.unit_count == 3
    assert tilt.planned_seconds == 3 + 3 * 5


TILT_WITH_WORDS = """\
format = 1
title = "Tilt"
prepare = 2

[[exercises]]
id = "pelvic-tilt"
name = "Pelvic tilt"
how = ["Tighten your tummy, hold, let go."]
reps = 2
tempo = [2, 1, 3]
tempo_words = ["tighten", "keep", "release"]
"""


def test_tempo_words_replace_lift_hold_lower_on_screen(clock):
    routine = load_routine_text(TILT_WITH_WORDS)
    engine = Engine(routine, clock)
    engine.start()
    words = []
    for seconds in (2, 2, 1, 3):
        words.append(engine.view().word)
        clock.advance(seconds)
        engine.advance()
    assert words == ["GET READY", "TIGHTEN", "KEEP", "RELEASE"]
    assert engine.view().word == "TIGHTEN"
    tilt = routine.exercises[0]
    assert [phase_word(p, tilt) for p in (Phase.LIFT, Phase.TOP, Phase.LOWER, Phase.REST)] == ["TIGHTEN", "KEEP", "RELEASE", "REST"]
    plain = small().exercises[1]
    assert [phase_word(p, plain) for p in (Phase.LIFT, Phase.TOP, Phase.LOWER)] == ["LIFT", "HOLD", "LOWER"]


def test_reps_without_tempo_wait_for_the_user_with_rest_between_sets():
    bird = build_plan(small())[2]
    assert phases(bird) == [("prepare", 3, None), ("reps", None, None), ("rest", 10, None), ("reps", None, None)]


def test_estimated_seconds_counts_prepare_work_rest_and_switches():
    assert estimated_seconds(small()) == 58 + 18 + (3 + 24 + 10 + 24) + 63


def test_countdown_reads_whole_seconds_left_rounded_up(clock):
    engine = Engine(small(), clock)
    engine.start()
    assert engine.view().word == "GET READY"
    assert engine.view().seconds_left == 3
    clock.advance(0.5)
    engine.advance()
    assert engine.view().seconds_left == 3
    clock.advance(0.5)
    engine.advance()
    assert engine.view().seconds_left == 2
    clock.advance(2.0)
    events = engine.advance()
    view = engine.view()
    assert events.phase_changes == 1
    assert (view.word, view.seconds_left, view.side) == ("HOLD", 10, "left")
    assert view.detail == "Hold 1 of 2 · left side"


def test_next_change_is_the_next_whole_second(clock):
    engine = Engine(small(), clock)
    engine.start()
    clock.advance(0.25)
    assert math.isclose(engine.seconds_to_next_change(), 0.75)


def test_pause_freezes_time(clock):
    engine = Engine(small(), clock)
    engine.start()
    clock.advance(2)
    engine.pause()
    clock.advance(500)
    engine.advance()
    assert engine.view().seconds_left == 1
    assert engine.seconds_to_next_change() is None
    engine.resume()
    clock.advance(1)
    engine.advance()
    assert engine.view().phase is Phase.HOLD
    assert engine.active_seconds() == 3


def test_a_whole_session_with_every_kind_of_dosing(clock):
    engine = Engine(small(), clock, pain_before=2)
    engine.start()
    clock.advance(58)
    events = engine.advance()
    assert [r.outcome for r in events.finished] == [StepOutcome.DONE]
    assert events.finished[0].work_done == "4 of 4 holds"
    assert events.pain_check_due and engine.status is Status.PAIN_CHECK
    clock.advance(30)
    assert engine.answer_pain_check(2).value == "green"
    engine.continue_after_check()
    clock.advance(18)
    assert engine.advance().pain_check_due
    engine.answer_pain_check(3)
    engine.continue_after_check()
    clock.advance(3)
    engine.advance()
    assert engine.view().phase is Phase.REPS
    clock.advance(100)
    engine.advance()
    assert engine.view().phase is Phase.REPS
    engine.set_done()
    assert engine.view().word == "REST"
    clock.advance(10)
    engine.advance()
    engine.set_done()
    assert engine.status is Status.PAIN_CHECK
    engine.answer_pain_check(2)
    engine.continue_after_check()
    assert engine.view().next_up == "Walk 60 s"
    clock.advance(63)
    events = engine.advance()
    assert events.pain_check_due
    engine.answer_pain_check(1)
    events = engine.continue_after_check()
    assert events.session_over and engine.status is Status.FINISHED
    assert engine.outcome is Outcome.COMPLETED
    assert [r.outcome for r in engine.results] == [StepOutcome.DONE] * 4
    assert engine.results[-1].work_done == "1:00 of 1:00"


def test_skip_marks_the_exercise_skipped_and_starts_the_next(clock):
    engine = Engine(small(), clock)
    engine.start()
    clock.advance(7)
    events = engine.skip_exercise()
    assert events.finished[0].outcome is StepOutcome.SKIPPED
    assert events.finished[0].active_seconds == 7
    assert engine.view().exercise_name == "Pelvic tilt"
    assert engine.status is Status.RUNNING


def test_more_than_mild_pain_can_swap_in_the_easier_variant(clock):
    engine = Engine(small(), clock)
    engine.start()
    engine.skip_exercise()
    engine.skip_exercise()
    assert engine.view().exercise_name == "Bird dog"
    engine.pause()
    action, _ = engine.report_hurt(HurtKind.MORE_THAN_MILD, 5)
    assert action == "skip" and engine.status is Status.PAUSED
    engine.skip_exercise(easier=True)
    assert engine.view().exercise_name == "Pelvic tilt"
    assert engine.runs[engine.run_index].instead_of == "bird-dog"
    assert engine.view().exercise_count == 5


def test_sharp_pain_stops_the_session_at_once(clock):
    engine = Engine(small(), clock)
    engine.start()
    clock.advance(12)
    engine.advance()
    engine.pause()
    action, events = engine.report_hurt(HurtKind.RED_FLAG, 7)
    assert action == "stop"
    assert engine.status is Status.ENDED and engine.outcome is Outcome.STOPPED_FOR_PAIN
    assert events.finished[0].outcome is StepOutcome.STOPPED
    assert events.finished[0].work_done == "0 of 4 holds"


def test_mild_pain_resumes(clock):
    engine = Engine(small(), clock)
    engine.start()
    engine.pause()
    action, _ = engine.report_hurt(HurtKind.MILD, 2)
    assert action == "resume" and engine.status is Status.RUNNING
    assert engine.pain[-1].rating == 2


def test_no_pain_check_after_an_exercise_where_hurt_was_reported(clock):
    engine = Engine(small(), clock)
    engine.start()
    engine.pause()
    engine.report_hurt(HurtKind.MILD, 2)
    clock.advance(58)
    events = engine.advance()
    assert not events.pain_check_due
    assert engine.view().exercise_name == "Pelvic tilt"


def test_gentler_after_a_pain_check_swaps_the_next_exercise(clock):
    engine = Engine(small(), clock)
    engine.start()
    engine.skip_exercise()
    clock.advance(18)
    engine.advance()
    assert engine.status is Status.PAIN_CHECK
    assert engine.gentler_option() == "Do Pelvic tilt instead of Bird dog"
    engine.continue_after_check(gentler=True)
    assert engine.view().exercise_name == "Pelvic tilt"


def test_end_records_the_exercise_in_progress_as_stopped(clock):
    engine = Engine(small(), clock)
    engine.start()
    clock.advance(14)
    engine.advance()
    events = engine.end()
    assert events.session_over and engine.outcome is Outcome.ENDED_EARLY
    assert engine.results[0].outcome is StepOutcome.STOPPED
    assert engine.results[0].work_done == "1 of 4 holds"


def test_pain_check_end_asks_only_after_the_last_exercise(clock):
    routine = load_routine_text(SMALL.replace("prepare = 3", 'prepare = 3\npain_check = "end"'))
    engine = Engine(routine, clock)
    engine.start()
    clock.advance(58 + 18)
    events = engine.advance()
    assert not events.pain_check_due
    assert engine.view().exercise_name == "Bird dog"


def test_a_two_hour_routine_runs_to_the_end(clock):
    exercises = tuple(
        Exercise(id=f"e{i}", name=f"E{i}", how=("x",), dosing=Dosing.HOLD, hold=60, reps=10, rest=0) for i in range(12)
    )
    routine = Routine(title="Long", exercises=exercises, prepare=0, pain_check="end")
    assert estimated_seconds(routine) == 7200
    engine = Engine(routine, clock)
    engine.start()
    changes = 0
    for _ in range(7200):
        clock.advance(1)
        changes += engine.advance().phase_changes
        engine.view()
    assert engine.status is Status.PAIN_CHECK
    assert changes == 12 * 10 - 1 + 1
    assert sum(r.active_seconds for r in engine.results) == 7200


timed_exercise = st.builds(
    lambda kind, hold, reps, tempo, duration, sides, sets, rest: Exercise(
        id="x", name="X", how=("x",), dosing=kind, hold=hold, reps=reps,
        tempo=tempo if kind is Dosing.TEMPO else None, duration=duration,
        sides=sides, sets=sets, rest=rest,
    ),
    st.sampled_from([Dosing.HOLD, Dosing.TEMPO, Dosing.TIMED]),
    st.integers(1, 40), st.integers(1, 4),
    st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(1, 5)),
    st.integers(1, 90), st.sampled_from(["each", "none"]), st.integers(1, 3), st.integers(0, 20),
)


def _renamed(exercises: list[Exercise]) -> tuple[Exercise, ...]:
    from dataclasses import replace

    return tuple(replace(e, id=f"e{i}") for i, e in enumerate(exercises))


@settings(max_examples=60, deadline=None)
@given(
    exercises=st.lists(timed_exercise, min_size=1, max_size=4),
    prepare=st.integers(0, 10),
    moves=st.lists(st.tuples(st.floats(0.001, 40.0), st.booleans(), st.floats(0.0, 300.0)), min_size=1, max_size=80),
)
def test_random_pauses_never_cause_drift(exercises, prepare, moves):
    clock = FakeClock()
    routine = Routine(title="R", exercises=_renamed(exercises), prepare=prepare, pain_check="end")
    durations = [s.seconds for run in build_plan(routine) for s in run.segments]
    ends = list(accumulate(durations))
    engine = Engine(routine, clock)
    engine.start()
    active = 0.0
    for step, pause, pause_length in moves:
        clock.advance(step)
        active += step
        if pause:
            engine.pause()
            clock.advance(pause_length)
            engine.resume()
        engine.advance()
        assert math.isclose(engine.active_seconds(), active, abs_tol=1e-6)
        if active >= ends[-1]:
            assert engine.status is Status.PAIN_CHECK
            assert math.isclose(sum(r.active_seconds for r in engine.results), ends[-1], abs_tol=1e-3)
            return
        index = bisect.bisect_right(ends, active)
        flat = [s for run in engine.runs[: engine.run_index] for s in run.segments]
        assert len(flat) + engine.segment_index == index
        assert engine.view().seconds_left == math.ceil(ends[index] - active - 1e-9)


@settings(max_examples=40, deadline=None)
@given(ops=st.lists(st.sampled_from(["advance", "pause", "resume", "skip", "done", "check", "hurt", "end"]), max_size=60),
       steps=st.lists(st.floats(0, 30), min_size=60, max_size=60))
def test_any_sequence_of_operations_keeps_the_engine_consistent(ops, steps):
    clock = FakeClock()
    engine = Engine(small(), clock, pain_before=3)
    engine.start()
    for op, step in zip(ops, steps):
        clock.advance(step)
        if op == "advance":
            engine.advance()
        elif op == "pause":
            engine.pause()
        elif op == "resume":
            engine.resume()
        elif op == "skip":
            engine.skip_exercise()
        elif op == "done":
            engine.set_done()
        elif op == "check" and engine.status is Status.PAIN_CHECK:
            engine.answer_pain_check(int(step) % 11)
            engine.continue_after_check()
        elif op == "hurt" and not engine.is_over:
            engine.report_hurt(HurtKind.MILD, 1)
        elif op == "end":
            engine.end()
        view = engine.view()
        assert 0.0 <= view.routine_progress <= 1.0
        assert 0.0 <= view.exercise_progress <= 1.0
        assert view.seconds_left is None or view.seconds_left >= 0
        assert engine.active_seconds() >= 0
        assert len(engine.results) <= len(engine.runs)
