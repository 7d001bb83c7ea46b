"""The safety check before a session: the gate, every question path, and what is logged when."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from coach.logs.records import Outcome, Screening, SessionRecord
from coach.safety.after_stop import REST_TITLE
from coach.safety.check import SafetyCheck, VerdictKind
from coach.safety.check_texts import (
    ASSESSED_QUESTION,
    EMERGENCY_QUESTIONS,
    EMERGENCY_TITLE,
    FOLLOWUP_QUESTION,
    LEG_CHANGE_QUESTION,
    LEG_CHECK_QUESTION,
    LEG_TITLE,
    NOT_FOR_YOU_TITLE,
    NOT_SETTLED_TITLE,
    PAIN_QUESTION,
    SERIOUS_TITLE,
    SETTLE_TITLE,
    STOPPED_FOLLOWUP_QUESTION,
    SUITS_YOU_TITLE,
    AnswerKind,
)
from coach.safety.gentlest import gentlest, gentlest_advice
from coach.safety.last_sessions import previous_session
from coach.safety.profile import CLEARANCE_QUESTION, QUESTIONS, Profile
from coach.safety.profile import LEG_QUESTION as KNOWN_LEGS
from tests.helpers.records import at
from tests.helpers.records import session as make_session

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 21, 18, 0, tzinfo=TZ)
ALL_NO = (False,) * len(EMERGENCY_QUESTIONS) + (False,)


def profile(yes: tuple[str, ...] = ()) -> Profile:
    made = Profile()
    for question in QUESTIONS:
        made.answer(question.id, question.id in yes, NOW - timedelta(days=10))
    return made


def session(
    hours_ago: float,
    before: int | None = 2,
    after: int | None = 5,
    outcome: Outcome = Outcome.COMPLETED,
    screening: Screening | None = None,
) -> SessionRecord:
    ended = NOW - timedelta(hours=hours_ago)
    screening = screening or Screening(red_flags={q.id: False for q in EMERGENCY_QUESTIONS}, pain_before=before)
    return make_session(
        ended - timedelta(minutes=20), ended, id="x", outcome=outcome, screening=screening, pain_after=after
    )


class Log:
    """The log callback: every block with what was answered at that moment."""

    def __init__(self) -> None:
        self.blocks: list[tuple[Screening, str]] = []

    def __call__(self, screening: Screening, reason: str) -> None:
        self.blocks.append((copy.deepcopy(screening), reason))


def check(prof: Profile | None = None, contraindications=(), recent=(), log: Log | None = None) -> SafetyCheck:
    return SafetyCheck(prof or profile(), tuple(contraindications), list(recent), NOW, log or Log())


def answer_all(safety: SafetyCheck, *answers):
    verdict = None
    for value in answers:
        verdict = safety.answer(value)
    return verdict


# the gate


def test_profile_not_done_means_the_profile_first_and_nothing_logged():
    log = Log()
    safety = check(Profile(), log=log)
    assert safety.verdict.kind is VerdictKind.PROFILE_FIRST
    assert safety.pending is None and log.blocks == []


def test_serious_sign_without_clearance_blocks_after_the_emergency_questions_and_is_logged_then():
    log = Log()
    safety = check(profile(yes=("weight-loss",)), log=log)
    assert safety.total == len(EMERGENCY_QUESTIONS)
    assert answer_all(safety, *ALL_NO[:-1]) is not None
    assert safety.verdict.kind is VerdictKind.BLOCKED and safety.verdict.title == SERIOUS_TITLE
    assert any("within the next few days" in line for line in safety.verdict.advice)
    assert [reason for _, reason in log.blocks] == [
        "Serious-condition signs not yet cleared by a professional: Have you lost weight recently without trying?"
    ]
    assert safety.pending is None


def test_an_emergency_yes_comes_before_a_profile_block():
    log = Log()
    safety = check(profile(yes=("cancer-history",)), log=log)
    verdict = safety.answer(True)
    assert verdict.title == EMERGENCY_TITLE and verdict.urgent
    assert [reason for _, reason in log.blocks] == [f"Emergency sign: {EMERGENCY_QUESTIONS[0].text}"]


@pytest.mark.parametrize(
    ("yes", "contraindications"),
    [(("cancer-history",), ()), (("pregnancy",), ("pregnancy",))],
    ids=["serious", "not-for-you"],
)
def test_emergency_signs_never_assessed_are_asked_about_before_a_profile_block(yes, contraindications):
    emergency = session(30, outcome=Outcome.BLOCKED, screening=Screening(red_flags={"bladder-bowel": True}))
    log = Log()
    safety = check(profile(yes=yes), contraindications, recent=[emergency], log=log)
    assert safety.pending.question is ASSESSED_QUESTION
    assert "needs emergency help" in safety.pending.note
    verdict = safety.answer(False)
    assert verdict.title == EMERGENCY_TITLE and verdict.urgent
    assert log.blocks[0][0].emergency_assessed is False


def test_serious_sign_with_clearance_goes_to_the_questions():
    cleared = profile(yes=("weight-loss",))
    cleared.answer(CLEARANCE_QUESTION.id, True, NOW - timedelta(days=1))
    safety = check(cleared)
    assert safety.pending.question is EMERGENCY_QUESTIONS[0]


def test_routine_ruled_out_by_the_profile_is_not_for_you_and_logged():
    log = Log()
    safety = check(profile(yes=("pregnancy",)), contraindications=("osteoporosis", "pregnancy"), log=log)
    assert safety.pending is None, "no answer could start it, so nothing is asked"
    assert safety.verdict.kind is VerdictKind.BLOCKED and safety.verdict.title == NOT_FOR_YOU_TITLE
    assert any("pregnancy" in line for line in safety.verdict.advice)
    assert any("Talk to a physiotherapist or doctor first" in line for line in safety.verdict.advice)
    screening, reason = log.blocks[0]
    assert reason == "Not for you: pregnancy."
    assert screening.contraindications == {"osteoporosis": False, "pregnancy": True}
    assert screening.red_flags == {}


def test_routine_whose_contraindications_the_user_does_not_have_is_asked_as_usual():
    safety = check(profile(yes=("pregnancy",)), contraindications=("osteoporosis",))
    assert safety.pending is not None and safety.record.contraindications == {"osteoporosis": False}


# the questions


def test_questions_come_in_order_emergency_legs_pain():
    safety = check()
    seen = []
    while safety.pending is not None:
        pending = safety.pending
        seen.append((pending.question.id, pending.position))
        safety.answer(0 if pending.question.kind is AnswerKind.RATING else False)
    ids = [q.id for q in EMERGENCY_QUESTIONS] + [LEG_CHECK_QUESTION.id, PAIN_QUESTION.id]
    assert seen == [(qid, f"Question {n} of {len(ids)}") for n, qid in enumerate(ids, 1)]
    assert safety.verdict.kind is VerdictKind.GO


def test_emergency_questions_cover_the_cauda_equina_signs():
    text = " ".join(q.text.lower() for q in EMERGENCY_QUESTIONS)
    for sign in (
        "groin",
        "genitals",
        "back passage",
        "start passing urine",
        "feel it passing",
        "bladder",
        "bowels",
        "during sex",
        "both legs",
        "getting worse",
    ):
        assert sign in text


@pytest.mark.parametrize("index", range(len(EMERGENCY_QUESTIONS)))
def test_an_emergency_yes_ends_the_check_at_once_with_now_advice_and_is_logged(index):
    log = Log()
    safety = check(log=log)
    verdict = answer_all(safety, *([False] * index), True)
    assert verdict.kind is VerdictKind.BLOCKED and verdict.urgent and verdict.title == EMERGENCY_TITLE
    assert any("emergency department now" in line for line in verdict.advice)
    assert any("cauda equina" in line for line in verdict.advice)
    assert not any("today" in line for line in verdict.advice)
    assert safety.pending is None
    screening, reason = log.blocks[0]
    assert screening.red_flags == {q.id: q is EMERGENCY_QUESTIONS[index] for q in EMERGENCY_QUESTIONS[: index + 1]}
    assert reason.startswith("Emergency sign: ")
    with pytest.raises(ValueError):
        safety.answer(False)


def test_escape_after_an_emergency_yes_keeps_the_block_and_logs_nothing_more():
    log = Log()
    safety = check(log=log)
    safety.answer(True)
    assert safety.leave().kind is VerdictKind.BLOCKED
    assert len(log.blocks) == 1


def test_leg_symptoms_block_with_see_a_doctor_within_a_day_or_two():
    log = Log()
    verdict = answer_all(check(log=log), *([False] * len(EMERGENCY_QUESTIONS)), True)
    assert verdict.kind is VerdictKind.BLOCKED and not verdict.urgent and verdict.title == LEG_TITLE
    assert log.blocks[0][0].red_flags["leg-symptoms"] is True


def test_known_leg_symptoms_ask_about_new_or_worse_symptoms_instead():
    safety = check(profile(yes=(KNOWN_LEGS.id,)))
    answer_all(safety, *([False] * len(EMERGENCY_QUESTIONS)))
    assert safety.pending.question is LEG_CHANGE_QUESTION
    assert "new, or worse" in safety.pending.question.text


def test_known_leg_symptoms_that_are_new_or_worse_still_block():
    verdict = answer_all(check(profile(yes=(KNOWN_LEGS.id,))), *([False] * len(EMERGENCY_QUESTIONS)), True)
    assert verdict.title == LEG_TITLE


@pytest.mark.parametrize("pain", [8, 9, 10])
def test_pain_of_eight_to_ten_before_the_session_blocks_and_is_logged(pain):
    log = Log()
    verdict = answer_all(check(log=log), *ALL_NO, pain)
    assert verdict.kind is VerdictKind.BLOCKED and verdict.title == "Do not exercise now"
    assert any("professional's assessment" in line for line in verdict.advice)
    assert log.blocks[0][0].pain_before == pain and log.blocks[0][1] == f"Pain {pain}/10 before the session."


@pytest.mark.parametrize("pain", [6, 7])
def test_pain_of_six_or_seven_cautions_and_suggests_the_gentlest_routine(pain):
    log = Log()
    safety = check(log=log)
    verdict = answer_all(safety, *ALL_NO, pain)
    assert verdict.kind is VerdictKind.CAUTION and verdict.suggest_gentler
    assert any(f"{pain}/10" in line for line in verdict.advice)
    assert log.blocks == []
    assert safety.decide(True).kind is VerdictKind.GO
    assert safety.record.cautions == ["Go gently today"]


def test_declining_after_a_caution_is_logged_as_not_started():
    log = Log()
    safety = check(log=log)
    answer_all(safety, *ALL_NO, 6)
    assert safety.decide(False).kind is VerdictKind.NOT_STARTED
    assert log.blocks[0][1] == "Not started after the caution: Go gently today."


def test_escape_at_a_caution_is_a_no():
    log = Log()
    safety = check(log=log)
    answer_all(safety, *ALL_NO, 7)
    safety.leave()
    assert len(log.blocks) == 1 and safety.verdict.kind is VerdictKind.NOT_STARTED


@pytest.mark.parametrize("pain", range(6))
def test_pain_of_five_or_less_goes(pain):
    assert answer_all(check(), *ALL_NO, pain).kind is VerdictKind.GO


def test_escape_before_any_outcome_logs_nothing():
    log = Log()
    safety = check(log=log)
    answer_all(safety, False, False)
    assert safety.leave().kind is VerdictKind.LEFT and log.blocks == []


@pytest.mark.parametrize("value", [1, "y", None, 11, -1, True])
def test_an_answer_of_the_wrong_kind_is_an_error(value):
    safety = check()
    if type(value) is bool:
        answer_all(safety, *ALL_NO)
    with pytest.raises(ValueError):
        safety.answer(value)


# the last session


def test_after_an_emergency_yes_the_next_start_repeats_the_advice_and_asks_if_a_doctor_assessed_it():
    blocked = session(30, outcome=Outcome.BLOCKED, screening=Screening(red_flags={"saddle-numbness": True}))
    safety = check(recent=[blocked])
    pending = safety.pending
    assert pending.question is ASSESSED_QUESTION and pending.position == "Question 1 of 8"
    assert "emergency department now" in pending.note


def test_no_doctor_yet_blocks_again_with_the_emergency_advice():
    log = Log()
    blocked = session(30, outcome=Outcome.BLOCKED, screening=Screening(red_flags={"both-legs": True}))
    verdict = check(recent=[blocked], log=log).answer(False)
    assert verdict.urgent and verdict.title == EMERGENCY_TITLE
    assert log.blocks[0][0].emergency_assessed is False


def test_assessed_by_a_doctor_goes_on_to_the_emergency_questions():
    blocked = session(30, outcome=Outcome.BLOCKED, screening=Screening(red_flags={"both-legs": True}))
    safety = check(recent=[blocked])
    safety.answer(True)
    assert safety.pending.question is EMERGENCY_QUESTIONS[0] and safety.record.emergency_assessed is True


def test_still_not_assessed_last_time_asks_again():
    again = session(30, outcome=Outcome.BLOCKED, screening=Screening(emergency_assessed=False))
    assert check(recent=[again]).pending.question is ASSESSED_QUESTION


def test_an_emergency_yes_behind_a_not_for_you_block_is_still_remembered():
    emergency = session(50, outcome=Outcome.BLOCKED, screening=Screening(red_flags={"bladder-bowel": True}))
    gate = session(30, outcome=Outcome.BLOCKED, screening=Screening(contraindications={"pregnancy": True}))
    assert check(recent=[gate, emergency]).pending.question is ASSESSED_QUESTION


def test_a_clear_check_since_the_emergency_yes_needs_no_repeat():
    emergency = session(50, outcome=Outcome.BLOCKED, screening=Screening(red_flags={"bladder-bowel": True}))
    clear = session(30, before=2, after=2)
    assert check(recent=[clear, emergency]).pending.question is EMERGENCY_QUESTIONS[0]


def test_a_block_before_a_caution_was_shown_logs_no_caution():
    log = Log()
    safety = check(recent=[session(hours_ago=3)], log=log)
    assert safety.answer(True).kind is VerdictKind.BLOCKED
    assert [screening.cautions for screening, _ in log.blocks] == [[]]


def test_under_twelve_hours_after_a_session_that_raised_pain_says_let_it_settle_and_may_go_on():
    safety = check(recent=[session(hours_ago=3)])
    assert safety.total == len(EMERGENCY_QUESTIONS) + 2
    verdict = answer_all(safety, *ALL_NO, 2)
    assert verdict.kind is VerdictKind.CAUTION and verdict.title == SETTLE_TITLE
    assert any("up to 24 hours" in line for line in verdict.advice)
    assert any("3 hours ago" in line and "5/10, up from 2/10" in line for line in verdict.advice)
    assert safety.decide(True).kind is VerdictKind.GO
    assert safety.record.cautions == [SETTLE_TITLE]


def test_twelve_hours_or_more_after_a_session_that_raised_pain_asks_if_it_settled():
    safety = check(recent=[session(hours_ago=12)])
    answer_all(safety, *ALL_NO, 2)
    pending = safety.pending
    assert pending.question.id == FOLLOWUP_QUESTION.id and pending.position == "Question 8 of 8"
    assert "2/10 to 5/10" in pending.note


def test_pain_that_settled_goes():
    safety = check(recent=[session(hours_ago=20)])
    assert answer_all(safety, *ALL_NO, 2, True).kind is VerdictKind.GO
    assert safety.record.previous_settled is True


def test_pain_that_did_not_settle_recommends_a_gentler_routine_or_a_professional():
    log = Log()
    safety = check(recent=[session(hours_ago=20)], log=log)
    verdict = answer_all(safety, *ALL_NO, 2, False)
    assert verdict.kind is VerdictKind.CAUTION and verdict.suggest_gentler
    assert any("gentler routine" in line and "physiotherapist or doctor" in line for line in verdict.advice)
    assert safety.record.previous_settled is False
    safety.decide(False)
    assert log.blocks[0][0].previous_settled is False


@pytest.mark.parametrize(("before", "after"), [(3, 3), (5, 2), (None, 5), (3, None)])
def test_a_last_session_that_did_not_raise_pain_asks_no_follow_up(before, after):
    safety = check(recent=[session(hours_ago=20, before=before, after=after)])
    assert safety.total == len(EMERGENCY_QUESTIONS) + 2 and not safety.cautions


def test_follow_up_is_about_the_last_session_that_ran_not_a_blocked_one():
    blocked = session(hours_ago=1, before=9, after=None, outcome=Outcome.BLOCKED)
    safety = check(recent=[blocked, session(hours_ago=20)])
    assert safety.total == len(EMERGENCY_QUESTIONS) + 3


def test_gentlest_routine_is_the_lowest_level_then_the_shortest_that_the_profile_allows(tmp_path):
    from coach.routines.catalog import Entry
    from coach.routines.model import Dosing, Exercise, Routine

    def entry(name, level, seconds, contraindications=()):
        exercise = Exercise("e", "E", ("Do it.",), Dosing.TIMED, duration=seconds)
        return Entry(
            tmp_path / f"{name}.toml",
            "bundled",
            Routine(name, (exercise,), level=level, contraindications=contraindications, name=name),
        )

    entries = [
        entry("hard", "challenging", 60),
        entry("long", "gentle", 900),
        entry("short", "gentle", 300, ("pregnancy",)),
        entry("mid", "gentle", 600),
    ]
    assert gentlest(entries, profile()).name == "short"
    assert gentlest(entries, profile(yes=("pregnancy",))).name == "mid"


# random walks through the check


class CheckWalk(RuleBasedStateMachine):
    """Any answers, escape at any point: blocks are logged once, at once; no go after an emergency yes."""

    def __init__(self) -> None:
        super().__init__()
        self.log = Log()
        self.safety: SafetyCheck | None = None
        self.emergency_yes = False
        self.last_number = 0
        self.total = 0
        self.gate = "none"

    @precondition(lambda self: self.safety is None)
    @rule(
        recent=st.sampled_from(["none", "raised-3h", "raised-20h", "emergency"]),
        known_legs=st.booleans(),
        gate=st.sampled_from(["none", "serious", "not-for-you"]),
    )
    def start(self, recent, known_legs, gate):
        records = {
            "none": [],
            "raised-3h": [session(3)],
            "raised-20h": [session(20)],
            "emergency": [session(30, outcome=Outcome.BLOCKED, screening=Screening(red_flags={"both-legs": True}))],
        }[recent]
        yes = ((KNOWN_LEGS.id,) if known_legs else ()) + {
            "none": (),
            "serious": ("fever-unwell",),
            "not-for-you": ("pregnancy",),
        }[gate]
        self.gate = gate
        self.safety = check(profile(yes=yes), ("pregnancy",), recent=records, log=self.log)
        self.total = self.safety.total

    @precondition(lambda self: self.safety is not None and self.safety.pending is not None)
    @rule(data=st.data())
    def answer(self, data):
        pending = self.safety.pending
        value = data.draw(st.sampled_from(pending.question.allowed))
        blocks = len(self.log.blocks)
        self.safety.answer(value)
        if pending.question in EMERGENCY_QUESTIONS and value:
            self.emergency_yes = True
        if self.safety.verdict is not None and self.safety.verdict.kind is VerdictKind.BLOCKED:
            assert len(self.log.blocks) == blocks + 1
            assert self.safety.pending is None

    @precondition(
        lambda self: (
            self.safety is not None
            and self.safety.verdict is not None
            and self.safety.verdict.kind is VerdictKind.CAUTION
        )
    )
    @rule(go_on=st.booleans())
    def decide(self, go_on):
        self.safety.decide(go_on)

    @precondition(lambda self: self.safety is not None)
    @rule()
    def escape(self):
        self.safety.leave()

    @invariant()
    def a_block_is_logged_exactly_once_and_nothing_else_is(self):
        if self.safety is None:
            return
        blocked = self.safety.verdict is not None and self.safety.verdict.kind in (
            VerdictKind.BLOCKED,
            VerdictKind.NOT_STARTED,
        )
        assert len(self.log.blocks) == (1 if blocked else 0)
        if blocked:
            assert self.safety.pending is None

    @invariant()
    def a_profile_gate_never_lets_a_session_start(self):
        if self.safety is not None and self.safety.verdict is not None and self.gate != "none":
            assert self.safety.verdict.kind in (VerdictKind.BLOCKED, VerdictKind.LEFT)

    @invariant()
    def no_session_after_an_emergency_yes(self):
        if self.emergency_yes:
            assert self.safety.verdict.kind is VerdictKind.BLOCKED and self.safety.verdict.urgent

    @invariant()
    def question_n_of_n_counts_up_by_one_to_a_fixed_total(self):
        if self.safety is None or self.safety.pending is None:
            return
        pending = self.safety.pending
        assert pending.total == self.total
        assert pending.number == self.last_number + 1 or pending.number == self.last_number
        assert 1 <= pending.number <= pending.total
        self.last_number = pending.number


CheckWalk.TestCase.settings = settings(max_examples=150, stateful_step_count=15, deadline=None)
test_check_walk = CheckWalk.TestCase


# the gentlest routine


def _entry(tmp_path, name, level="gentle", holds=(), seconds=60, focus=()):
    from coach.routines.catalog import Entry
    from coach.routines.model import Dosing, Exercise, Routine

    exercises = [Exercise("walk", "Walk", ("Walk.",), Dosing.TIMED, duration=seconds)]
    exercises += [Exercise(f"h{n}", "Hold", ("Hold.",), Dosing.HOLD, hold=hold, reps=2) for n, hold in enumerate(holds)]
    return Entry(
        tmp_path / f"{name}.toml",
        "bundled",
        Routine(name, tuple(exercises), level=level, focus=tuple(focus), name=name),
    )


def test_gentlest_prefers_a_routine_made_for_a_bad_day_over_a_shorter_one(tmp_path):
    entries = [
        _entry(tmp_path, "desk", holds=(15,), seconds=30),
        _entry(tmp_path, "bad-day", holds=(5,), seconds=300, focus=("relief", "gentle")),
    ]
    assert gentlest(entries, profile()).name == "bad-day"


def test_gentlest_without_a_bad_day_routine_takes_the_shortest_longest_hold(tmp_path):
    entries = [
        _entry(tmp_path, "long-holds", holds=(30,), seconds=30),
        _entry(tmp_path, "short-holds", holds=(5, 5), seconds=600),
    ]
    assert gentlest(entries, profile()).name == "short-holds"


def test_gentlest_never_offers_a_shared_file_whatever_it_calls_itself(tmp_path):
    from coach.routines.catalog import Entry

    bundled = _entry(tmp_path, "bundled-one", holds=(10,), seconds=300, focus=("relief",))
    shared = Entry(
        tmp_path / "twist.toml", "yours", _entry(tmp_path, "twist", holds=(), seconds=10, focus=("gentle",)).routine
    )
    given = Entry(tmp_path / "given.toml", "given", shared.routine)
    assert gentlest([shared, given, bundled], profile()) is bundled
    assert gentlest([shared, given], profile()) is None


def test_gentlest_of_the_bundled_routines_is_the_flare_up_routine():
    from pathlib import Path

    from coach.routines.catalog import discover

    assert gentlest(discover(Path("/nonexistent")), profile()).name == "flare-up"


def test_gentlest_advice_names_another_routine_or_says_this_one_is_the_gentlest(tmp_path):
    from coach.routines.catalog import bundled

    flare_up = next(e for e in bundled() if e.name == "flare-up")
    named = gentlest_advice(tmp_path / "posture-reset.toml", flare_up)
    assert named == "The gentlest routine that comes with coach is Flare-up: a bad day."
    chosen = "You have chosen the gentlest routine that comes with coach."
    assert gentlest_advice(flare_up.path, flare_up) == chosen
    assert gentlest_advice(tmp_path / "flare-up.toml", flare_up) == named, "a shared copy is not the bundled one"
    assert gentlest_advice(flare_up.path, None) == ""


# how long ago the last session ended


@pytest.mark.parametrize(
    ("ago", "words"),
    [
        (timedelta(0), "less than a minute ago"),
        (timedelta(seconds=21), "less than a minute ago"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(minutes=59), "59 minutes ago"),
        (timedelta(hours=1), "1 hour ago"),
        (timedelta(hours=11, minutes=59), "11 hours 59 minutes ago"),
    ],
)
def test_settle_caution_says_how_long_ago_the_session_ended(ago, words):
    safety = check(recent=[session(hours_ago=ago.total_seconds() / 3600)])
    verdict = answer_all(safety, *ALL_NO, 2)
    assert verdict.title == SETTLE_TITLE
    assert verdict.advice[0] == f"Your last session, {words}, ended at 5/10, up from 2/10."


def test_time_since_the_last_session_holds_across_time_zones():
    ended = NOW - timedelta(seconds=21)
    logged_elsewhere = session(hours_ago=0)
    logged_elsewhere.ended_at = ended.astimezone(timezone(timedelta(hours=-5)))
    previous = previous_session([logged_elsewhere], NOW)
    assert previous.hours_ago == pytest.approx(21 / 3600)
    utc_now = NOW.astimezone(UTC)
    assert previous_session([logged_elsewhere], utc_now).hours_ago == pytest.approx(21 / 3600)


@pytest.mark.parametrize(
    ("ago", "asked"),
    [(timedelta(hours=11, minutes=59), False), (timedelta(hours=12), True), (timedelta(hours=14), True)],
)
def test_follow_up_is_asked_from_twelve_hours(ago, asked):
    safety = check(recent=[session(hours_ago=ago.total_seconds() / 3600)])
    answer_all(safety, *ALL_NO, 2)
    assert (safety.pending is not None and safety.pending.question.id == FOLLOWUP_QUESTION.id) is asked


def test_follow_up_before_24_hours_asks_whether_it_has_settled_so_far_and_words_the_advice_for_the_hours():
    safety = check(recent=[session(hours_ago=14)])
    answer_all(safety, *ALL_NO, 2)
    pending = safety.pending
    assert "within 24 hours" not in pending.question.text and "settled" in pending.question.text
    assert "14 hours ago" in pending.note
    verdict = safety.answer(False)
    assert safety.record.previous_settled is False
    assert not any("more than 24 hours" in line for line in verdict.advice)
    assert "still there after 14 hours" in verdict.advice[0] and "too much" in verdict.advice[0]


def test_follow_up_after_24_hours_says_pain_lasting_beyond_24_hours_means_too_much():
    safety = check(recent=[session(hours_ago=30)])
    answer_all(safety, *ALL_NO, 2)
    assert safety.pending.question is FOLLOWUP_QUESTION
    verdict = safety.answer(False)
    assert "more than 24 hours" in verdict.advice[0]


# not started after a caution


def test_going_back_at_a_caution_is_logged_as_not_started_not_as_a_block():
    log = Log()
    safety = check(log=log)
    answer_all(safety, *ALL_NO, 7)
    verdict = safety.decide(False)
    assert verdict.kind is VerdictKind.NOT_STARTED and not verdict.starts_session
    assert log.blocks[0][0].not_started_after_caution is True
    assert log.blocks[0][1] == "Not started after the caution: Go gently today."


def test_a_real_block_is_not_marked_as_not_started():
    safety = check(recent=[session(hours_ago=3)])
    safety.answer(True)
    assert safety.verdict.kind is VerdictKind.BLOCKED and safety.record.not_started_after_caution is False


# after a session in which the coach said to stop for today


def stopped(hours_ago: float, before: int = 3, after: int = 2) -> SessionRecord:
    record = session(hours_ago=hours_ago, before=before, after=after, outcome=Outcome.STOPPED_FOR_PAIN)
    record.reason = "Pain reported: sharp, shooting, spreading down a leg, or numbness (2/10, down from 3)."
    record.stop_advised = True
    return record


def test_a_start_within_twelve_hours_of_a_stop_for_pain_is_blocked_after_the_emergency_questions():
    log = Log()
    safety = check(recent=[stopped(hours_ago=0.1)], log=log)
    assert safety.total == len(EMERGENCY_QUESTIONS)
    verdict = answer_all(safety, *ALL_NO[:-1])
    assert verdict.kind is VerdictKind.BLOCKED and verdict.title == REST_TITLE
    assert "6 minutes ago" in verdict.advice[0] and "sharp, shooting" in verdict.advice[0]
    assert not any("may still go on" in line for line in verdict.advice)
    assert [reason for _, reason in log.blocks] == [
        "The last session stopped because of pain 6 minutes ago: rest for today."
    ]


@pytest.mark.parametrize(
    ("hours_ago", "line"),
    [
        (
            2,
            "Your last session stopped because of pain 2 hours ago: rest for today. "
            "Sessions start again 12 hours after it.",
        ),
        (11.9, "Your last session stopped because of pain 11 hours 54 minutes ago: rest for today."),
        (12, ""),
    ],
)
def test_home_names_a_stop_for_today_while_it_lasts(hours_ago, line):
    from coach.safety.after_stop import rest_line

    shown = rest_line([stopped(hours_ago=hours_ago)], NOW)
    assert shown.startswith(line) if line else shown == ""


def test_home_names_no_stop_after_a_session_that_only_raised_pain():
    from coach.safety.after_stop import rest_line

    assert rest_line([session(hours_ago=1, before=2, after=6)], NOW) == ""


def test_an_emergency_yes_still_comes_first_after_a_stop_for_pain():
    safety = check(recent=[stopped(hours_ago=1)])
    assert safety.answer(True).title == EMERGENCY_TITLE


def test_twelve_hours_after_a_stop_for_pain_asks_whether_that_pain_settled():
    safety = check(recent=[stopped(hours_ago=13)])
    answer_all(safety, *ALL_NO, 2)
    pending = safety.pending
    assert pending.question is STOPPED_FOLLOWUP_QUESTION
    assert "13 hours ago" in pending.note and "sharp, shooting" in pending.note
    verdict = safety.answer(False)
    assert verdict.kind is VerdictKind.CAUTION and verdict.title == NOT_SETTLED_TITLE
    assert safety.record.previous_settled is False


def test_a_stop_the_user_chose_at_a_red_check_is_no_rest_block():
    chose = session(hours_ago=1, before=2, after=6, outcome=Outcome.STOPPED_FOR_PAIN)
    verdict = answer_all(check(recent=[chose]), *ALL_NO, 2)
    assert verdict.title == SETTLE_TITLE and verdict.kind is VerdictKind.CAUTION


@pytest.mark.parametrize("ended_at", [at("9999-01-01T00:00:00+00:00"), NOW + timedelta(hours=1)])
def test_a_last_session_whose_end_cannot_be_believed_is_asked_about_without_a_made_up_time(ended_at):
    """A log whose times cannot be read at all is unreadable, so never reaches the check (tests/test_time.py)."""
    raised = session(hours_ago=3)
    raised.ended_at = ended_at
    raised.started_at = ended_at
    safety = check(recent=[raised])
    answer_all(safety, *ALL_NO, 2)
    pending = safety.pending
    assert pending.question.id == FOLLOWUP_QUESTION.id and "within 24 hours" not in pending.question.text
    assert "a time its log does not tell" in pending.note
    assert "hours ago" not in pending.note and "minute" not in pending.note


def test_the_newest_check_is_found_by_its_moment_not_its_file_name():
    """A check in summer time an hour before an emergency yes in winter time sorts as newer by name."""
    emergency = session(hours_ago=0.3, screening=Screening(red_flags={EMERGENCY_QUESTIONS[0].id: True}))
    emergency.outcome = Outcome.BLOCKED
    emergency.started_at = (NOW - timedelta(minutes=20)).astimezone(UTC)
    earlier = session(hours_ago=1.2)
    earlier.started_at = (NOW - timedelta(minutes=70)).astimezone(timezone(timedelta(hours=2)))
    assert earlier.started_at.isoformat() > emergency.started_at.isoformat()
    safety = check(recent=[earlier, emergency])
    assert safety.pending.question is ASSESSED_QUESTION


@pytest.mark.parametrize("condition", ["pregnancy", "aortic-aneurysm", "spinal-tumour"])
def test_a_condition_the_routine_does_not_list_is_a_caution_the_user_decides_on(condition):
    safety = check(profile(yes=(condition,)), contraindications=("osteoporosis",))
    verdict = answer_all(safety, *ALL_NO, 2)
    assert verdict.kind is VerdictKind.CAUTION and verdict.title == SUITS_YOU_TITLE
    assert "physiotherapist or doctor" in verdict.advice[1]
    assert safety.decide(True).kind is VerdictKind.GO
    assert safety.record.cautions == [SUITS_YOU_TITLE]


def test_no_condition_means_no_suits_you_caution():
    assert answer_all(check(contraindications=("pregnancy",)), *ALL_NO, 2).kind is VerdictKind.GO


def test_a_last_session_that_ended_before_it_started_is_timed_from_its_start():
    odd = session(hours_ago=3)
    odd.ended_at = NOW - timedelta(days=30)
    verdict = answer_all(check(recent=[odd]), *ALL_NO, 2)
    assert verdict.title == SETTLE_TITLE


def test_long_ago_reads_in_days():
    from coach.durations import elapsed_words

    assert elapsed_words(47.9) == "47 hours 54 minutes" and elapsed_words(720.5) == "30 days"
