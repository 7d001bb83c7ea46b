"""Random walks through the check before a session: random keys, answers and clock jumps.

Whatever is pressed, a block is logged the moment it is decided (and only rewritten with its
detail), nothing starts after an emergency sign, a gate never lets the chosen routine start, and
"question n of N" counts up by one.
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from coach.logs.records import Outcome, Screening
from coach.safety.check import SafetyCheck
from coach.safety.check_texts import EMERGENCY_QUESTION
from coach.safety.verdicts import VerdictKind
from coach.scale import TEN_AFTER_ONE
from tests.helpers.checks import NOW, Log, earlier_session, profile, stopped_session
from tests.helpers.clock import FakeClock

KEYS = ["y", "n", "enter", "space", "escape", "f", "g", "b", "t", *"0123456789", "x"]
HISTORIES = {
    "none": [],
    "raised-5h": [earlier_session(5)],
    "raised-20h": [earlier_session(20)],
    "earlier-today": [earlier_session(1, before=2, after=2)],
    "stopped-2h": [stopped_session(2)],
    "leg-stop-2h": [stopped_session(2, leg=True)],
    "emergency": [
        earlier_session(30, outcome=Outcome.BLOCKED, screening=Screening(red_flags={"emergency-signs": True}))
    ],
}
PROFILES = {
    "clear": {},
    "serious": {"yes": ("cancer-history",)},
    "aneurysm": {"yes": ("aortic-aneurysm",)},
    "older-first": {"age": "70-plus", "first": True},
    "not-for-you": {"yes": ("osteoporosis",)},
}


class CheckWalk(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.log = Log()
        self.clock = FakeClock()
        self.safety: SafetyCheck | None = None
        self.emergency_yes = False
        self.gated = False
        self.last_number = 0

    @precondition(lambda self: self.safety is None)
    @rule(history=st.sampled_from(sorted(HISTORIES)), who=st.sampled_from(sorted(PROFILES)), bad_day=st.booleans())
    def start(self, history, who, bad_day):
        prof = profile(**PROFILES[who])
        self.safety = SafetyCheck(prof, ("osteoporosis",), HISTORIES[history], NOW, self.log, self.clock, bad_day)
        leg_stop = history == "leg-stop-2h"
        self.gated = (
            who == "not-for-you"
            or leg_stop
            or (not bad_day and (who in ("serious", "older-first") or history == "stopped-2h"))
        )

    @precondition(lambda self: self.safety is not None)
    @rule(key=st.sampled_from(KEYS))
    def press(self, key):
        pending = self.safety.pending
        self.safety.key(key)
        if pending is not None and pending.question is EMERGENCY_QUESTION and key == "y":
            self.emergency_yes = True

    @precondition(lambda self: self.safety is not None)
    @rule(seconds=st.sampled_from([0.0, TEN_AFTER_ONE - 0.001, TEN_AFTER_ONE, TEN_AFTER_ONE + 0.5, 30.0]))
    def time_passes(self, seconds):
        self.clock.advance(seconds)
        self.safety.tick()

    @invariant()
    def every_block_is_logged_once_and_only_its_detail_is_rewritten(self):
        if self.safety is None or self.safety.verdict is None:
            return
        kind = self.safety.verdict.kind
        calls = len(self.log.blocks)
        if kind is VerdictKind.BLOCKED:
            assert calls in (1, 2) and self.safety.pending is None
        elif kind is VerdictKind.NOT_STARTED:
            assert calls == 1 and self.log.blocks[0][0].not_started_after_caution
        elif kind in (VerdictKind.GO, VerdictKind.LEFT):
            assert calls == 0

    @invariant()
    def a_yes_that_asks_which_is_already_logged(self):
        pending = self.safety.pending if self.safety is not None else None
        if pending is not None and pending.question.id.endswith("-which"):
            assert len(self.log.blocks) == 1 and "which not yet said" in self.log.blocks[0][1]

    @invariant()
    def nothing_starts_after_an_emergency_sign(self):
        if self.emergency_yes:
            assert self.safety.verdict.kind is VerdictKind.BLOCKED and self.safety.verdict.urgent

    @invariant()
    def a_gate_never_lets_the_chosen_routine_start(self):
        if self.gated and self.safety is not None and self.safety.verdict is not None:
            assert not self.safety.verdict.starts_session

    @invariant()
    def question_n_of_n_counts_up_by_one(self):
        if self.safety is None or self.safety.pending is None:
            return
        pending = self.safety.pending
        assert pending.number in (self.last_number, self.last_number + 1)
        assert 1 <= pending.number <= pending.total
        self.last_number = pending.number


CheckWalk.TestCase.settings = settings(max_examples=200, stateful_step_count=25, deadline=None)
test_check_walk = CheckWalk.TestCase
