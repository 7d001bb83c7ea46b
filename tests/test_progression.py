"""Today's dose (flow 11): levels worked out from the logs only, their step sizes and bounds."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.logs.records import HurtKind, Outcome, PainReport, Screening, SessionRecord
from coach.progression.levels import bounds, dose_at, dosed, level_range, step
from coach.progression.replay import replay, sentence, todays_level
from coach.routines.loader import load_routine_text
from coach.routines.model import Dosing, Exercise, Routine
from tests.helpers.records import session

ZONE = timezone(timedelta(hours=1))
START = datetime(2026, 11, 2, 8, tzinfo=ZONE)
HOLD10 = Routine(
    "Ten-second hold", (Exercise("hold", "Knee-to-chest", ("Hold.",), Dosing.HOLD, hold=10, reps=3),), name="short"
)


def ran(
    hours: float,
    before: int = 2,
    after: int = 2,
    outcome: Outcome = Outcome.COMPLETED,
    verdicts: tuple[str, ...] = (),
    hurt: HurtKind | None = None,
    settled: bool | None = None,
    flare: bool = False,
    routine: str = "short",
) -> SessionRecord:
    """A session of ``routine`` ``hours`` after START; ``settled``/``flare`` describe the check it began with."""
    at = START + timedelta(hours=hours)
    record = session(at, at + timedelta(minutes=10), routine=routine, outcome=outcome, pain_after=after)
    record.screening = Screening(pain_before=before, previous_settled=settled, next_day_flare=flare)
    record.pain_reports = [PainReport(at, "check", after, "hold", verdict=v) for v in verdicts]
    if hurt is not None:
        record.pain_reports.append(PainReport(at, "hurts", after, "hold", kind=hurt, verdict="amber"))
    return record


# the steps


@pytest.mark.parametrize(
    ("dosing", "field", "base", "one_step", "low", "high"),
    [
        (Dosing.HOLD, "hold", 10, 2, 5, 20),
        (Dosing.HOLD, "hold", 30, 3, 15, 60),
        (Dosing.HOLD, "hold", 5, 2, 3, 10),
        (Dosing.REPS, "reps", 8, 1, 4, 16),
        (Dosing.REPS, "reps", 20, 2, 10, 40),
        (Dosing.TIMED, "duration", 120, 30, 60, 240),
        (Dosing.TIMED, "duration", 600, 60, 300, 1200),
        (Dosing.HOLD, "hold", 400, 40, 200, 600),
    ],
)
def test_a_level_is_ten_percent_in_whole_units_with_a_smallest_step_and_bounds(
    dosing, field, base, one_step, low, high
):
    exercise = Exercise("e", "E", ("Do.",), dosing, **{field: base})
    assert step(exercise) == one_step and bounds(exercise) == (low, high)
    assert dose_at(exercise, 0) == base and dose_at(exercise, 1) == min(high, base + one_step)
    assert dose_at(exercise, 100) == high and dose_at(exercise, -100) == low


def test_the_ten_second_hold_is_twelve_at_level_one():
    assert dosed(HOLD10, 1).exercises[0].hold == 12 and dosed(HOLD10, 0) is HOLD10
    assert level_range(HOLD10) == (-3, 5)


# the rules, one history each


def test_two_comfortable_sessions_twenty_hours_apart_go_up_one_level():
    level = todays_level(HOLD10, [ran(0), ran(20)])
    assert (level.today, level.last) == (1, 0)
    assert sentence(HOLD10, level) == (
        "Level 1 — Knee-to-chest holds 12 s, was 10: your last two sessions were comfortable and settled."
    )


def test_nineteen_hours_apart_stays():
    level = todays_level(HOLD10, [ran(0), ran(19)])
    assert level.today == 0 and "less than 20 hours apart" in level.why


def test_one_comfortable_session_is_not_yet_a_step():
    level = todays_level(HOLD10, [ran(0)])
    assert level.today == 0 and "one more comfortable" in level.why


def test_a_red_check_goes_down_next_time():
    level = todays_level(HOLD10, [ran(0), ran(24), ran(48, verdicts=("red",))])
    assert (level.today, level.last) == (0, 1) and "red pain rating" in level.why


def test_a_stop_goes_down():
    level = todays_level(HOLD10, [ran(0), ran(24), ran(48, outcome=Outcome.STOPPED_FOR_PAIN)])
    assert level.today == 0 and "stopped for pain" in level.why


def test_a_next_day_flare_goes_down_without_a_question():
    history = [ran(0), ran(24), ran(48)]
    assert todays_level(HOLD10, history).today == 1
    flare = Screening(pain_before=6, next_day_flare=True)
    level = todays_level(HOLD10, history, today_check=flare)
    assert level.today == 0 and "flared" in level.why


def test_a_flare_and_not_settled_at_one_check_go_down_one_level_only():
    history = [ran(0), ran(24), ran(48, verdicts=("red",))]
    both = Screening(pain_before=6, previous_settled=False, next_day_flare=True)
    assert todays_level(HOLD10, history, today_check=both).today == 0


def test_an_amber_that_settled_keeps_the_level_and_counts_toward_up():
    amber = ran(0, before=3, after=4, verdicts=("amber",))
    assert todays_level(HOLD10, [amber]).today == 0
    assert todays_level(HOLD10, [amber, ran(24, settled=True)]).today == 1


def test_not_settled_at_the_next_check_goes_down():
    history = [ran(0), ran(24), ran(48), ran(72, settled=False)]
    changes, level = replay(HOLD10, history)
    assert [c.level for c in changes] == [1, 0] and "had not settled" in changes[-1].why


def test_at_most_one_step_up_in_seven_days():
    history = [ran(hours) for hours in (0, 24, 48, 72, 96, 120)]
    level = todays_level(HOLD10, history)
    assert level.today == 1 and "at most one step up a week" in level.why
    history += [ran(24 * 8), ran(24 * 9)]
    assert todays_level(HOLD10, history).today == 2


def test_it_hurts_worse_than_mild_or_an_end_two_above_the_start_is_no_step():
    assert todays_level(HOLD10, [ran(0), ran(24, hurt=HurtKind.MORE_THAN_MILD)]).today == 0
    assert todays_level(HOLD10, [ran(0), ran(24, hurt=HurtKind.MILD)]).today == 1
    assert todays_level(HOLD10, [ran(0), ran(24, before=2, after=4)]).today == 0
    assert todays_level(HOLD10, [ran(0), ran(24, before=2, after=3)]).today == 1


def test_other_routines_and_blocked_checks_do_not_count_but_their_check_does():
    other = ran(30, routine="other")
    blocked = ran(40, outcome=Outcome.BLOCKED)
    assert todays_level(HOLD10, [ran(0), other, blocked, ran(50)]).today == 1
    flared = ran(30, routine="other", flare=True)
    assert todays_level(HOLD10, [ran(0), ran(24), flared]).today == -1, "the next check was another routine's"


def test_deleting_a_log_is_as_if_it_was_never_written():
    history = [ran(0), ran(24), ran(48, verdicts=("red",)), ran(72)]
    without = [r for r in history if r.pain_reports == []]
    assert todays_level(HOLD10, without) == todays_level(HOLD10, [ran(0), ran(24), ran(72)])


def test_progress_false_keeps_the_files_dose():
    text = 'format = 1\ntitle = "Plan"\nprogress = false\n'
    text += '[[exercises]]\nid = "w"\nname = "Walk"\nhow = ["Walk."]\nduration = 300\n'
    routine = load_routine_text(text, "plan.toml")
    assert not routine.progress
    assert todays_level(routine, [ran(0, routine="plan"), ran(24, routine="plan")]).today == 0
    assert sentence(routine, todays_level(routine, [])) == "This routine keeps its own dose (it says progress = false)."


# whatever the history


outcomes = st.sampled_from([Outcome.COMPLETED, Outcome.STOPPED_FOR_PAIN, Outcome.ENDED_EARLY, Outcome.BLOCKED])
sessions = st.lists(
    st.tuples(
        st.floats(0, 2000),
        st.integers(0, 10),
        st.integers(0, 10),
        outcomes,
        st.sampled_from([(), ("green",), ("amber",), ("red",)]),
        st.sampled_from([None, True, False]),
        st.booleans(),
    ),
    max_size=30,
)


def history_of(drawn) -> list[SessionRecord]:
    return [ran(h, b, a, o, v, settled=s, flare=f) for h, b, a, o, v, s, f in drawn]


@settings(max_examples=300, deadline=None)
@given(sessions)
def test_the_level_never_leaves_its_bounds(drawn):
    low, high = level_range(HOLD10)
    changes, level = replay(HOLD10, history_of(drawn))
    assert all(low <= c.level <= high for c in changes) and low <= level.today <= high
    assert 5 <= dosed(HOLD10, level.today).exercises[0].hold <= 20


@settings(max_examples=300, deadline=None)
@given(sessions, st.sampled_from(["red", "stop"]))
def test_the_level_never_rises_after_a_session_with_a_red_or_a_stop(drawn, kind):
    history = history_of(drawn)
    last = max((r.started_at for r in history), default=START) + timedelta(hours=30)
    hours = (last - START).total_seconds() / 3600
    bad = ran(hours, verdicts=("red",)) if kind == "red" else ran(hours, outcome=Outcome.STOPPED_FOR_PAIN)
    before = todays_level(HOLD10, history).today
    assert todays_level(HOLD10, [*history, bad]).today <= before


# the command line, the report and the log


SHORT = """\
format = 1
title = "Short hold"
prepare = 0

[[exercises]]
id = "hold"
name = "Knee-to-chest"
how = ["Hold it."]
hold = 10
reps = 3
"""


def test_coach_plan_shows_level_one_with_a_ten_second_hold_now_twelve_and_why(tmp_path, capsys):
    from coach.cli import main
    from coach.logs.store import create_session

    data = tmp_path / "data"
    (data / "routines").mkdir(parents=True)
    (data / "routines" / "short.toml").write_text(SHORT)
    for record in (ran(0), ran(24)):
        create_session(data, record)
    assert main(["--data-dir", str(data), "plan", "short"]) == 0
    out = capsys.readouterr().out
    assert "Level 1 — Knee-to-chest holds 12 s, was 10: your last two sessions were comfortable and settled." in out
    assert "Knee-to-chest: 12 s holds (the file says 10 s holds)" in out
    assert main(["--data-dir", str(data), "plan", "nothing-such"]) == 1


def test_coach_plan_gives_no_dose_for_a_routine_the_health_profile_rules_out(tmp_path, capsys):
    """As home marks it and the check blocks it: a routine that is not for you has no dose today."""
    from coach.cli import main
    from tests.helpers.app import accepted

    data = accepted(tmp_path / "data", yes=("osteoporosis",))
    assert main(["--data-dir", str(data), "plan"]) == 0
    blocks = {block.split("\n")[0]: block for block in capsys.readouterr().out.split("\n\n")}
    barred = blocks["Gentle lower-back relief"]
    assert "Not for you. Your health profile notes osteoporosis" in barred
    assert "Level" not in barred and "Knee-to-chest" not in barred
    assert "Walk away from the desk: 0:30" in blocks["Two-minute desk break"], (
        "a routine it does not rule out keeps its dose"
    )


def test_the_report_lists_every_level_change_with_its_date_and_reason():
    from coach.history.report import markdown_report

    history = [ran(0), ran(24), ran(48, verdicts=("red",))]
    report = markdown_report(history, START.date() + timedelta(days=3), routines=[HOLD10])
    part = report.split("## Dose levels")[1]
    assert "| 2026-11-03 | Ten-second hold | 1 | your last two sessions were comfortable and settled |" in part
    assert "| 2026-11-04 | Ten-second hold | 0 | your last session had a red pain rating |" in part


def test_a_log_keeps_the_level_and_its_reason_and_an_older_log_reads_as_level_zero():
    from coach.logs.codec import dumps, parse_log

    record = ran(0)
    record.level, record.level_reason = (
        2,
        "Level 2 — Knee-to-chest holds 14 s, was 12: your last two sessions were comfortable.",
    )
    back = parse_log(dumps(record).encode())
    assert (back.level, back.level_reason) == (2, record.level_reason)
    assert parse_log(dumps(ran(0)).encode()).level == 0
    assert "level" not in dumps(ran(0))


def test_a_progress_value_that_is_not_true_or_false_is_a_problem():
    from coach.errors import RoutineError

    with pytest.raises(RoutineError, match="progress.*true or false"):
        load_routine_text(SHORT.replace("prepare = 0", 'prepare = 0\nprogress = "yes"'), "p.toml")
