"""The session's clock work under a fake clock: segments, timing, pauses and no drift."""

from __future__ import annotations

import bisect
import math
from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.logs.records import StepOutcome
from coach.routines.loader import load_routine_text
from coach.routines.model import Dosing, Exercise, Routine
from coach.routines.plan import Phase, build_plan, estimated_seconds, phase_word
from coach.session.engine import Engine, Status
from coach.session.view import REST_CUE, build_view
from tests.helpers.clock import FakeClock
from tests.helpers.routines import SMALL


def small() -> Routine:
    return load_routine_text(SMALL)


def phases(run) -> list[tuple[str, int | None, str | None]]:
    return [(s.phase.value, s.seconds, s.side) for s in run.segments]


def view(engine: Engine):
    return build_view(engine, pain_check_next=False)


def test_hold_each_side_has_rests_between_holds_and_a_switch():
    knee = build_plan(small())[0]
    assert phases(knee) == [
        ("prepare", 3, None),
        ("hold", 10, "left"),
        ("rest", 5, "left"),
        ("hold", 10, "left"),
        ("switch", 5, "right"),
        ("hold", 10, "right"),
        ("rest", 5, "right"),
        ("hold", 10, "right"),
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
        words.append(view(engine).word)
        clock.advance(seconds)
        engine.advance()
    assert words == ["GET READY", "TIGHTEN", "KEEP", "RELEASE"]
    assert view(engine).word == "TIGHTEN"
    tilt = routine.exercises[0]
    assert [phase_word(p, tilt) for p in (Phase.LIFT, Phase.TOP, Phase.LOWER, Phase.REST)] == [
        "TIGHTEN",
        "KEEP",
        "RELEASE",
        "REST",
    ]
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
    assert view(engine).word == "GET READY"
    assert engine.seconds_left() == 3
    clock.advance(0.5)
    engine.advance()
    assert engine.seconds_left() == 3
    clock.advance(0.5)
    engine.advance()
    assert engine.seconds_left() == 2
    clock.advance(2.0)
    events = engine.advance()
    shown = view(engine)
    assert events.phase_changes == 1
    assert (shown.word, shown.digits) == ("HOLD", "10")
    assert shown.detail == "Hold 1 of 2 · left side"


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
    assert engine.seconds_left() == 1
    assert engine.seconds_to_next_change() is None
    engine.resume()
    clock.advance(1)
    engine.advance()
    assert view(engine).phase is Phase.HOLD
    assert engine.active_seconds() == 3


def test_an_exercise_ends_and_the_engine_waits_for_the_next(clock):
    engine = Engine(small(), clock)
    engine.start()
    clock.advance(58)
    events = engine.advance()
    assert [(r.outcome, r.work_done) for r in events.finished] == [(StepOutcome.DONE, "4 of 4 holds")]
    assert engine.status is Status.WAITING and engine.segment is None
    clock.advance(30)
    engine.next_run()
    assert view(engine).exercise_name == "Pelvic tilt" and engine.seconds_left() == 3


def test_next_run_at_the_end_keeps_the_time_of_the_last_exercise(clock):
    engine = Engine(small(), clock)
    engine.start()
    clock.advance(60)
    engine.advance()
    engine.next_run(at_end=True)
    engine.advance()
    assert engine.seconds_left() == 1


def test_a_set_at_ones_own_pace_ends_when_the_user_says(clock):
    engine = Engine(small(), clock)
    engine.start()
    for _ in range(2):
        engine.stop_run(StepOutcome.SKIPPED)
        engine.next_run()
    clock.advance(3)
    engine.advance()
    assert engine.waits_for_user
    clock.advance(100)
    assert engine.advance().phase_changes == 0
    assert engine.user_done().phase_changes == 1
    assert view(engine).phase is Phase.REST


def test_end_records_the_exercise_in_progress_as_stopped(clock):
    engine = Engine(small(), clock)
    engine.start()
    clock.advance(14)
    engine.advance()
    events = engine.end()
    assert engine.status is Status.OVER
    assert [(r.outcome, r.work_done) for r in events.finished] == [(StepOutcome.STOPPED, "1 of 4 holds")]


def test_a_two_hour_routine_runs_to_the_end(clock):
    exercises = tuple(
        Exercise(id=f"e{i}", name=f"E{i}", how=("x",), dosing=Dosing.HOLD, hold=60, reps=10, rest=0) for i in range(12)
    )
    routine = Routine(title="Long", exercises=exercises, prepare=1, pain_check="end")
    assert estimated_seconds(routine) == 7200 + 12
    engine = Engine(routine, clock)
    engine.start()
    changes, results = 0, []
    for _ in range(7212):
        clock.advance(1)
        events = engine.advance()
        if engine.status is Status.WAITING and not engine.is_last_run:
            events.merge(engine.next_run(at_end=True))
        changes += events.phase_changes
        results.extend(events.finished)
        view(engine)
    assert engine.status is Status.WAITING and engine.is_last_run
    assert changes == 12 * 12 - 1
    assert sum(r.active_seconds for r in results) == 7212


timed_exercise = st.builds(
    lambda kind, hold, reps, tempo, duration, sides, sets, rest: Exercise(
        id="x",
        name="X",
        how=("x",),
        dosing=kind,
        hold=hold,
        reps=reps,
        tempo=tempo if kind is Dosing.TEMPO else None,
        duration=duration,
        sides=sides,
        sets=sets,
        rest=rest,
    ),
    st.sampled_from([Dosing.HOLD, Dosing.TEMPO, Dosing.TIMED]),
    st.integers(1, 40),
    st.integers(1, 4),
    st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(1, 5)),
    st.integers(1, 90),
    st.sampled_from(["each", "none"]),
    st.integers(1, 3),
    st.integers(0, 20),
)


def _renamed(exercises: list[Exercise]) -> tuple[Exercise, ...]:
    from dataclasses import replace

    return tuple(replace(e, id=f"e{i}") for i, e in enumerate(exercises))


@settings(max_examples=60, deadline=None)
@given(
    exercises=st.lists(timed_exercise, min_size=1, max_size=4),
    prepare=st.integers(1, 10),
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
    results = []
    for step, pause, pause_length in moves:
        clock.advance(step)
        active += step
        if pause:
            engine.pause()
            clock.advance(pause_length)
            engine.resume()
        while True:
            events = engine.advance()
            results.extend(events.finished)
            if engine.status is not Status.WAITING or engine.is_last_run:
                break
            engine.next_run(at_end=True)
        measured = engine.active_seconds()
        assert math.isclose(measured, active, abs_tol=1e-6)
        if measured >= ends[-1]:
            assert engine.status is Status.WAITING and engine.is_last_run
            assert math.isclose(sum(r.active_seconds for r in results), ends[-1], abs_tol=1e-3)
            return
        index = bisect.bisect_right(ends, measured)
        flat = [s for run in engine.runs[: engine.run_index] for s in run.segments]
        assert len(flat) + engine.segment_index == index
        assert engine.seconds_left() == math.ceil(ends[index] - measured - 1e-9)


def test_a_rest_says_to_rest_not_a_cue_for_the_hold(clock):
    engine = Engine(small(), clock)
    engine.start()
    clock.advance(3 + 10 + 1)
    engine.advance()
    shown = view(engine)
    assert shown.phase is Phase.REST
    assert shown.cue == REST_CUE and shown.cue not in small().exercises[0].cues
