"""Model-based test of the running session: random routines, keys, answers and clock jumps.

Jumps land exactly on, just before and just after phase boundaries, and keys arrive both
before and after the screen's tick would have run. After every step the session must be
movable, its log must agree with itself and with what was answered, and every planned
exercise must be accounted for exactly once when it is over.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import tomllib
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from coach.logs.records import Outcome, Screening
from coach.routines.loader import load_routine_text
from coach.scale import SCALE_KEYS, TEN_AFTER_ONE
from coach.session.engine import Status
from coach.session.questions import QuestionKind
from coach.session.recorder import SessionRecorder
from coach.session.running import RunningSession
from tests.helpers.clock import FakeClock

KEYS = [
    "space",
    "enter",
    "p",
    "s",
    "q",
    "i",
    "question_mark",
    "escape",
    "m",
    "x",
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "t",
    "e",
    "g",
    "c",
    "y",
    "n",
]
ANSWER_KEYS = ["1", "2", "3", "4", "5", "6", "e", "g", "c", "s", "enter"]
SCALES = {QuestionKind.PAIN_CHECK, QuestionKind.HURT_STRENGTH, QuestionKind.END_PAIN}


@st.composite
def routines(draw) -> str:
    count = draw(st.integers(1, 4))
    exercises = []
    for index in range(count):
        exercise: dict = {"id": f"ex-{index}", "name": f"Exercise {index}", "how": ["Do it."]}
        dosing = draw(st.sampled_from(["hold", "tempo", "reps", "timed"]))
        if dosing == "hold":
            exercise["hold"] = draw(st.integers(1, 4))
            exercise["reps"] = draw(st.integers(1, 3))
        elif dosing == "tempo":
            exercise["reps"] = draw(st.integers(1, 3))
            exercise["tempo"] = draw(st.lists(st.integers(0, 2), min_size=3, max_size=3).filter(any))
        elif dosing == "reps":
            exercise["reps"] = draw(st.integers(1, 5))
        else:
            exercise["duration"] = draw(st.integers(1, 6))
        if dosing != "timed":
            exercise["sides"] = draw(st.sampled_from(["none", "each"]))
        exercise["sets"] = draw(st.integers(1, 2))
        exercise["rest"] = draw(st.integers(0, 3))
        if draw(st.booleans()):
            exercise["cues"] = ["One.", "Two."]
        if index + 1 < count and draw(st.booleans()):
            exercise["easier"] = f"ex-{draw(st.integers(index + 1, count - 1))}"
        exercises.append(exercise)
    routine = {
        "format": 1,
        "title": "Random",
        "prepare": draw(st.integers(0, 3)),
        "pain_check": draw(st.sampled_from(["each", "end"])),
        "exercises": exercises,
    }
    return tomli_w.dumps(routine)


class SessionMachine(RuleBasedStateMachine):
    @initialize(text=routines(), pain_before=st.integers(0, 10))
    def start(self, text: str, pain_before: int) -> None:
        self.folder = Path(tempfile.mkdtemp())
        self.routine = load_routine_text(text)
        self.clock = FakeClock()
        self.recorder = SessionRecorder(self.folder, self.routine, Screening(pain_before=pain_before))
        self.session = RunningSession(self.routine, self.clock, self.recorder, pain_before)
        self.session.start()
        self.ratings_given: list[int] = []
        self.typed_at: float | None = None

    def teardown(self) -> None:
        shutil.rmtree(getattr(self, "folder", ""), ignore_errors=True)

    @rule(key=st.sampled_from(KEYS), tick_first=st.booleans())
    def press(self, key: str, tick_first: bool) -> None:
        """A key, after the screen's tick or before it (then the session must catch up by itself)."""
        if tick_first:
            self.tick()
        question = self.session.question
        reports = len(self.recorder.record.pain_reports)
        waited = self.typed_at is not None and self.clock.now - self.typed_at >= TEN_AFTER_ONE
        self.session.key(key)
        self.assert_up_to_date()
        if question is not None and question.kind in SCALES:
            self.expect_rating(key, waited)
        elif key in SCALE_KEYS:
            # a key pressed as a pain check came due answers it: with its rating, or a 1 that waits
            new = [r.rating for r in self.recorder.record.pain_reports[reports:]]
            assert new in ([], [SCALE_KEYS[key]]), (key, new)
            self.ratings_given += new
            if self.session.question is not None and self.session.question.typed:
                self.typed_at = self.clock.now

    def expect_rating(self, key: str, waited: bool) -> None:
        """What a key on a 0-10 scale gives: a rating at once, except a 1, which waits a moment for a 0."""
        if self.typed_at is not None:
            self.typed_at = None
            if waited or key != "escape":
                self.ratings_given.append(10 if key == "0" and not waited else 1)
        elif key == "1":
            self.typed_at = self.clock.now
        elif key in SCALE_KEYS:
            self.ratings_given.append(SCALE_KEYS[key])

    def tick(self) -> None:
        """The screen's tick; a 1 that has waited long enough for a 0 becomes the answer."""
        if self.typed_at is not None and self.clock.now - self.typed_at >= TEN_AFTER_ONE:
            self.typed_at = None
            self.ratings_given.append(1)
        self.session.tick()

    def assert_up_to_date(self) -> None:
        """After a key, the session stands where the clock says: no segment under way has already ended."""
        engine = self.session.engine
        segment = engine.segment
        if engine.status is Status.RUNNING and segment is not None and segment.seconds is not None:
            assert engine.seconds_in_segment() < segment.seconds

    @rule(key=st.sampled_from(ANSWER_KEYS))
    def answer(self, key: str) -> None:
        self.press(key, True)

    @rule(offset=st.sampled_from([-0.001, 0.0, 0.001, 0.5]), tick=st.booleans())
    def jump_to_boundary(self, offset: float, tick: bool) -> None:
        segment = self.session.engine.segment
        if segment is None or segment.seconds is None or not self.session.running:
            return
        left = segment.seconds - self.session.engine.seconds_in_segment()
        self.clock.jump(max(0.0, left + offset))
        if tick:
            self.tick()

    @rule(seconds=st.floats(0, 20), tick=st.booleans())
    def jump(self, seconds: float, tick: bool) -> None:
        self.clock.jump(seconds)
        if tick:
            self.tick()

    @rule(small=st.booleans())
    def resize(self, small: bool) -> None:
        if self.typed_at is not None and self.clock.now - self.typed_at >= TEN_AFTER_ONE:
            self.typed_at = None
            self.ratings_given.append(1)
        self.session.set_too_small(small)

    @invariant()
    def never_stuck(self) -> None:
        session = self.session
        if session.over or session.question is not None:
            return
        status = session.engine.status
        assert status in (Status.RUNNING, Status.PAUSED), status
        assert session.engine.segment is not None

    @invariant()
    def outcome_and_log_agree(self) -> None:
        record = self.recorder.record
        assert record.outcome is self.session.outcome
        if self.session.outcome is not Outcome.IN_PROGRESS:
            assert self.session.engine.status is Status.OVER

    @invariant()
    def planned_exercises_are_accounted_for(self) -> None:
        planned = [s.exercise_id for s in self.recorder.record.steps if s.planned]
        assert len(planned) == len(set(planned)), planned
        engine = self.session.engine
        ahead = {r.exercise.id for r in engine.runs[engine.run_index :] if r.planned}
        assert set(planned) | ahead == {e.id for e in self.routine.exercises}
        if self.session.outcome is not Outcome.IN_PROGRESS:
            assert sorted(planned) == sorted(e.id for e in self.routine.exercises)
        for step in self.recorder.record.steps:
            if not step.planned:
                assert step.instead_of in {e.id for e in self.routine.exercises}

    @invariant()
    def every_rating_given_is_in_the_log(self) -> None:
        assert [r.rating for r in self.recorder.record.pain_reports] == self.ratings_given

    @invariant()
    def a_waiting_one_is_shown_and_wakes_the_screen(self) -> None:
        question = self.session.question
        assert (self.typed_at is not None) == bool(question is not None and question.typed)
        if self.typed_at is not None:
            left = self.session.seconds_to_next_change()
            assert left is not None and left <= TEN_AFTER_ONE

    @invariant()
    def the_log_on_disk_holds_every_finished_step(self) -> None:
        saved = tomllib.loads(self.recorder.path.read_text())
        assert len(saved["steps"]) == len(self.recorder.record.steps)
        assert len(saved["pain_reports"]) == len(self.recorder.record.pain_reports)


SessionMachine.TestCase.settings = settings(
    max_examples=int(os.environ.get("COACH_STATEFUL_EXAMPLES", "40")),
    stateful_step_count=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestSessionMachine = SessionMachine.TestCase
