"""History figures checked against numbers worked out by hand."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.history import adherence
from coach.history import figures as history
from coach.history.filter import Filter, date_problem, haystack
from coach.logs.records import (
    HurtKind,
    Outcome,
    PainReport,
    Screening,
    SessionRecord,
    StepOutcome,
    StepRecord,
)
from coach.logs.timestamps import read_day
from tests.helpers.records import at
from tests.helpers.records import session as make_session

TODAY = date(2026, 11, 25)  # a Wednesday


def step(logged: str, outcome: StepOutcome = StepOutcome.DONE) -> StepRecord:
    return StepRecord("knee-to-chest", "Knee-to-chest", outcome, at(logged), at(logged), 60.0, 60, "3 of 3 holds")


def session(
    id: str,
    started_at: str,
    outcome: Outcome = Outcome.COMPLETED,
    steps: int = 2,
    before: int | None = None,
    after: int | None = None,
    routine: str = "gentle",
    ended_at: str = "",
    active: float = 0.0,
    reports: tuple[PainReport, ...] = (),
) -> SessionRecord:
    titles = {"gentle": "Gentle lower-back relief", "core": "Core basics"}
    step_outcome = StepOutcome.STOPPED if outcome is Outcome.STOPPED_FOR_PAIN else StepOutcome.DONE
    return make_session(
        at(started_at),
        at(ended_at) if ended_at else None,
        id=id,
        title=titles[routine],
        routine=routine,
        path=f"/routines/{routine}.toml",
        outcome=outcome,
        screening=Screening(pain_before=before),
        steps=[step(started_at, step_outcome) for _ in range(steps)],
        pain_reports=list(reports),
        pain_after=after,
        active_seconds=active,
        planned_exercises=3,
    )


HURT_MORE = PainReport(at("2026-11-21T09:10:00+01:00"), "hurts", 5, "knee-to-chest", HurtKind.MORE_THAN_MILD)
HURT_RED = PainReport(at("2026-11-21T09:20:00+01:00"), "hurts", 7, "knee-to-chest", HurtKind.RED_FLAG)
CHECK_LOW = PainReport(at("2026-11-21T09:05:00+01:00"), "check", 3, "knee-to-chest")
HURT_MILD_AFTER_MIDNIGHT = PainReport(at("2026-11-25T00:10:00-05:00"), "hurts", 2, "pelvic-tilt", HurtKind.MILD)
CHECK_FOUR = PainReport(at("2026-11-25T08:10:00+01:00"), "check", 4, "pelvic-tilt")

S1 = session("s01", "2026-11-25T08:00:00+01:00", before=4, after=2, active=600, reports=(CHECK_FOUR,))
S2 = session(  # local Tuesday evening in New York, already Wednesday in UTC
    "s02",
    "2026-11-24T21:30:00-05:00",
    before=5,
    after=3,
    routine="core",
    ended_at="2026-11-24T22:05:30-05:00",
    active=900,
    reports=(HURT_MILD_AFTER_MIDNIGHT,),
)
S3 = session("s03", "2026-11-24T22:00:00+09:00", Outcome.ENDED_EARLY, steps=1, before=3, active=300)
S4 = session("s04", "2026-11-23T12:00:00+00:00", Outcome.BLOCKED, steps=0)
S5 = session("s05", "2026-11-22T10:00:00+01:00", Outcome.INTERRUPTED, steps=1, before=6, active=120)
S6 = session(
    "s06",
    "2026-11-21T09:00:00+01:00",
    Outcome.STOPPED_FOR_PAIN,
    steps=1,
    before=4,
    after=7,
    active=60,
    reports=(CHECK_LOW, HURT_MORE, HURT_RED),
)
S7 = session(  # local Friday in Tokyo, still Thursday in UTC
    "s07",
    "2026-11-20T01:00:00+09:00",
    before=2,
    after=1,
    ended_at="2026-11-19T16:20:00+00:00",
    active=600,
)
S8 = session("s08", "2026-11-16T18:00:00-05:00", Outcome.COMPLETED, steps=0, routine="core")
S9 = session("s09", "2026-11-17T10:00:00+01:00", Outcome.BLOCKED, steps=1, before=5)
S10 = session("s10", "2026-11-18T10:00:00+01:00", Outcome.ENDED_EARLY, steps=0, before=3)
S11 = session("s11", "2026-10-01T10:00:00+02:00", before=6, after=5, active=600)
S12 = session("s12", "2026-10-28T10:00:00+01:00", before=5, after=4, active=600)
S13 = session("s13", "2026-09-06T10:00:00+02:00", before=7, after=6, active=600)
S14 = session("s14", "2026-11-26T06:00:00+09:00", before=1, after=0, active=600)  # Tokyo's tomorrow

HISTORY = [S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11, S12, S13, S14]


@pytest.fixture(params=["newest_first", "oldest_first", "shuffled"])
def records(request: pytest.FixtureRequest) -> list[SessionRecord]:
    if request.param == "newest_first":
        return list(HISTORY)
    if request.param == "oldest_first":
        return list(reversed(HISTORY))
    shuffled = list(HISTORY)
    random.Random(7).shuffle(shuffled)
    return shuffled


def test_a_sessions_day_is_the_local_day_written_in_its_timestamp() -> None:
    assert S2.day == date(2026, 11, 24)
    assert S7.day == date(2026, 11, 20)
    assert S14.day == date(2026, 11, 26)
    assert read_day("yesterday") is None


def test_duration_from_timestamps_across_time_zones() -> None:
    assert history.duration_seconds(S2) == 35 * 60 + 30
    assert history.duration_seconds(S7) == 20 * 60


def test_duration_falls_back_to_active_seconds() -> None:
    assert history.duration_seconds(S1) == 600.0
    backwards = session("b", "2026-11-20T10:00:00+01:00", ended_at="2026-11-20T09:00:00+01:00", active=42.5)
    assert history.duration_seconds(backwards) == 42.5


def test_what_counts_as_exercising() -> None:
    assert adherence.is_exercising(S1)
    assert adherence.is_exercising(S3)  # ended early after one step
    assert adherence.is_exercising(S5)  # interrupted after one step
    assert adherence.is_exercising(S6)  # stopped for pain, one step
    assert adherence.is_exercising(S8)  # completed, even with no step logged
    assert not adherence.is_exercising(S4)  # blocked
    assert not adherence.is_exercising(S9)  # blocked, even with a step
    assert not adherence.is_exercising(S10)  # ended before any step


def test_a_session_ended_before_any_exercise_began_is_not_exercise() -> None:
    ended = session("e", "2026-11-20T10:00:00+01:00", outcome=Outcome.ENDED_EARLY, steps=0)
    for outcome in (StepOutcome.NOT_REACHED, StepOutcome.STOPPED, StepOutcome.SKIPPED):
        untouched = step("2026-11-20T10:00:00+01:00", outcome)
        untouched.active_seconds = 0.0
        ended.steps.append(untouched)
    ended.steps[0].active_seconds = 1.4  # the seconds of getting ready before ending on the intro card
    assert not adherence.is_exercising(ended)
    assert history.summary([ended], date(2026, 11, 20)).streak == 0
    ended.steps[1].active_seconds = 5.0
    assert adherence.is_exercising(ended)


def shown(records: list[SessionRecord], routine: str = "", since: date | None = None, until: date | None = None):
    """The records the history screen's filter keeps, in their order."""
    return Filter(routine, since, until).apply(records, {id(r): haystack(r) for r in records})


def test_filter_by_any_part_of_the_routine_name_or_title_any_case(records: list[SessionRecord]) -> None:
    core = {r.id for r in shown(records, routine="CORE")}
    assert core == {"s02", "s08"}
    by_title = {r.id for r in shown(records, routine="core basics")}
    assert by_title == {"s02", "s08"}
    assert {r.id for r in shown(records, routine="core ba")} == {"s02", "s08"}
    assert shown(records, routine="core basics plus") == []


def test_filter_by_local_days_inclusive(records: list[SessionRecord]) -> None:
    tuesday = {r.id for r in shown(records, since=date(2026, 11, 24), until=date(2026, 11, 24))}
    assert tuesday == {"s02", "s03"}
    from_friday = {r.id for r in shown(records, since=date(2026, 11, 20))}
    assert from_friday == {"s01", "s02", "s03", "s04", "s05", "s06", "s07", "s14"}
    gentle_until_october = shown(records, routine="gentle", until=date(2026, 10, 31))
    assert {r.id for r in gentle_until_october} == {"s11", "s12", "s13"}


def test_a_typed_date_that_is_not_a_day_is_named_in_one_sentence() -> None:
    today = date(2026, 11, 21)
    assert date_problem([("From", ""), ("To", " 2026-11-20 ")], today) == ""
    assert date_problem([("From", "2026-13-45"), ("To", "")], today) == (
        '"2026-13-45" in From is not a date; type a day like 2026-11-21.'
    )
    assert date_problem([("From", "2026-02-30"), ("To", "soon\x1b[31m")], today) == (
        '"2026-02-30" in From and "soon\ufffd[31m" in To are not dates; type a day like 2026-11-21.'
    )


def test_filter_keeps_the_given_order() -> None:
    assert [r.id for r in shown(HISTORY, routine="gentle")][:3] == ["s01", "s03", "s04"]


def test_pain_series_oldest_first_by_local_day_then_instant(records: list[SessionRecord]) -> None:
    d = date
    assert [(p.day, p.before, p.after) for p in history.pain_series(records)] == [
        (d(2026, 9, 6), 7, 6),
        (d(2026, 10, 1), 6, 5),
        (d(2026, 10, 28), 5, 4),
        (d(2026, 11, 16), None, None),
        (d(2026, 11, 20), 2, 1),
        (d(2026, 11, 21), 4, 7),
        (d(2026, 11, 22), 6, None),
        # 22:00+09:00 (13:00 UTC) happened before 21:30-05:00 (02:30 UTC next day)
        (d(2026, 11, 24), 3, None),
        (d(2026, 11, 24), 5, 3),
        (d(2026, 11, 25), 4, 2),
        (d(2026, 11, 26), 1, 0),
    ]


def test_window_starts_on_a_monday() -> None:
    assert adherence.window_start(TODAY, 12) == date(2026, 9, 7)
    assert adherence.window_start(TODAY, 1) == date(2026, 11, 23)
    with pytest.raises(ValueError):
        adherence.window_start(TODAY, 0)


def test_sessions_per_week(records: list[SessionRecord]) -> None:
    mondays = [
        date(2026, 9, 7),
        date(2026, 9, 14),
        date(2026, 9, 21),
        date(2026, 9, 28),
        date(2026, 10, 5),
        date(2026, 10, 12),
        date(2026, 10, 19),
        date(2026, 10, 26),
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
    ]
    # Sep 28 week: Oct 1. Oct 26 week: Oct 28. Nov 16 week: Mon 16 (completed, no step),
    # Fri 20, Sat 21, Sun 22; not the blocked Tue 17 nor the step-less Wed 18.
    # Nov 23 week: Tue 24 twice, Wed 25; not the blocked Mon 23 nor Tokyo's Thu 26.
    counts = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 4, 3]
    assert adherence.sessions_per_week(records, TODAY) == list(zip(mondays, counts, strict=False))


def test_sessions_per_week_short_window(records: list[SessionRecord]) -> None:
    assert adherence.sessions_per_week(records, TODAY, weeks=2) == [(date(2026, 11, 16), 4), (date(2026, 11, 23), 3)]


def test_adherence_calendar(records: list[SessionRecord]) -> None:
    grid = adherence.adherence_calendar(records, TODAY)
    assert len(grid) == 12
    assert all(len(row) == 7 for row in grid)
    expected = [[0] * 7 for _ in range(12)]
    expected[3] = [0, 0, 0, 1, 0, 0, 0]  # Thu Oct 1
    expected[7] = [0, 0, 1, 0, 0, 0, 0]  # Wed Oct 28
    expected[10] = [1, 0, 0, 0, 1, 1, 1]  # Mon 16, Fri 20, Sat 21, Sun 22
    expected[11] = [0, 2, 1, -1, -1, -1, -1]  # Mon 23 blocked, Tue 24 twice, Wed 25; after today -1
    assert grid == expected


def test_adherence(records: list[SessionRecord]) -> None:
    # 8 days with exercise (Oct 1, Oct 28, Nov 16, 20, 21, 22, 24, 25) over 11 weeks + Mon..Wed = 80 days.
    assert adherence.adherence(records, TODAY) == pytest.approx(8 / 80)
    # Two weeks: Nov 16 .. Nov 25 is 10 days, 6 of them with exercise.
    assert adherence.adherence(records, TODAY, weeks=2) == pytest.approx(6 / 10)


def test_adherence_of_nothing_is_zero() -> None:
    assert adherence.adherence([], TODAY) == 0.0
    assert adherence.current_streak([], TODAY) == 0


@pytest.mark.parametrize(
    ("today", "streak"),
    [
        (date(2026, 11, 25), 2),  # Wed 25, Tue 24; Mon 23 was only blocked
        (date(2026, 11, 26), 3),  # Tokyo's Thursday session counts on its own day
        (date(2026, 11, 27), 3),  # nothing yet today: count from yesterday
        (date(2026, 11, 28), 0),  # nothing today nor yesterday
        (date(2026, 11, 23), 3),  # blocked today: Sun 22, Sat 21, Fri 20
        (date(2026, 11, 22), 3),
        (date(2026, 11, 19), 0),  # the Tokyo session of Fri 20 is not "yesterday" in UTC terms
        (date(2026, 11, 16), 1),
    ],
)
def test_current_streak(records: list[SessionRecord], today: date, streak: int) -> None:
    assert adherence.current_streak(records, today) == streak


def test_summary(records: list[SessionRecord]) -> None:
    figures = history.summary(records, TODAY)
    assert figures.sessions == 14
    assert figures.completed == 8  # s01 s02 s07 s08 s11 s12 s13 s14
    assert figures.ended_early == 2  # s03 s10
    assert figures.stopped_for_pain == 1
    assert figures.blocked == 2
    assert figures.interrupted == 1
    assert figures.in_progress == 0
    assert figures.exercising == 11
    # 600 + 900 + 300 + 120 + 60 + 600 (s07) + 600 * 4 (s11 s12 s13 s14) = 4980 s
    assert figures.active_minutes == pytest.approx(83.0)
    assert figures.first_day == date(2026, 9, 6)
    assert figures.last_day == date(2026, 11, 26)
    assert figures.streak == 2
    assert figures.adherence == pytest.approx(0.1)
    # 9 exercising sessions in the 80-day window: 9 * 7 / 80 per week
    assert figures.sessions_per_week == pytest.approx(0.7875)
    assert figures.weeks == 12


def test_summary_pain_windows(records: list[SessionRecord]) -> None:
    figures = history.summary(records, TODAY)
    recent = figures.recent_pain
    assert (recent.first_day, recent.last_day) == (date(2026, 10, 29), date(2026, 11, 25))
    # s01..s10 that exercised (not s04, s09 blocked, s10 ended before any exercise):
    # before 4 5 3 6 4 2 (s08 unrated) = 24 / 6; after 2 3 7 1 = 13 / 4
    assert recent.sessions == 7
    assert recent.before == pytest.approx(4.0)
    assert recent.after == pytest.approx(3.25)
    previous = figures.previous_pain
    assert (previous.first_day, previous.last_day) == (date(2026, 10, 1), date(2026, 10, 28))
    # s11 (Oct 1) and s12 (Oct 28): before 6 5, after 5 4
    assert previous.sessions == 2
    assert previous.before == pytest.approx(5.5)
    assert previous.after == pytest.approx(4.5)


def test_summary_of_nothing() -> None:
    figures = history.summary([], TODAY)
    assert figures.sessions == 0
    assert figures.first_day is None and figures.last_day is None
    assert figures.recent_pain.before is None and figures.recent_pain.after is None
    assert figures.adherence == 0.0 and figures.sessions_per_week == 0.0


def test_sessions_per_week_of_someone_who_began_a_week_ago_count_only_that_week() -> None:
    began = [session(f"n{day}", f"2026-11-{day}T08:00:00+01:00") for day in (19, 20, 22, 24, 25)]
    assert history.summary(began, TODAY).sessions_per_week == pytest.approx(5.0)
    first_day = [session("today", "2026-11-25T08:00:00+01:00")]
    assert history.summary(first_day, TODAY).sessions_per_week == pytest.approx(1.0)


def test_weekly_pain(records: list[SessionRecord]) -> None:
    weeks = history.weekly_pain(records, TODAY, weeks=3)
    assert [w.first_day for w in weeks] == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    assert [w.sessions for w in weeks] == [0, 4, 3]  # s14 is after today; s04, s09, s10 did not exercise
    assert weeks[0].before is None
    # Nov 16 week: before 2 4 6 = 12 / 3, after 1 7 = 8 / 2
    assert weeks[1].before == pytest.approx(4.0)
    assert weeks[1].after == pytest.approx(4.0)
    # Nov 23 week: before 3 5 4 = 12 / 3, after 3 2 = 5 / 2
    assert weeks[2].before == pytest.approx(4.0)
    assert weeks[2].after == pytest.approx(2.5)


def test_hurts_lists_what_hurt_and_when(records: list[SessionRecord]) -> None:
    assert history.hurts(records) == [
        (date(2026, 11, 21), "Gentle lower-back relief", HURT_MORE),
        (date(2026, 11, 21), "Gentle lower-back relief", HURT_RED),
        (date(2026, 11, 25), "Core basics", HURT_MILD_AFTER_MIDNIGHT),  # its own local day
        (date(2026, 11, 25), "Gentle lower-back relief", CHECK_FOUR),
    ]


def test_a_log_with_an_unparseable_start_never_reaches_the_figures(tmp_path) -> None:
    from coach.logs.codec import dumps
    from coach.logs.store import list_sessions

    sessions = tmp_path / "sessions"
    sessions.mkdir()
    (sessions / "good.toml").write_text(dumps(S1))
    (sessions / "broken.toml").write_text(dumps(S1).replace("2026-11-25T08:00:00+01:00", "not a time"))
    records, unreadable = list_sessions(tmp_path)
    assert [path.name for path, _ in unreadable] == ["broken.toml"] and "started_at" in unreadable[0][1]
    assert adherence.sessions_per_week(records, TODAY, weeks=1) == [(date(2026, 11, 23), 1)]
    assert [(p.day, p.before, p.after) for p in history.pain_series(records)] == [(date(2026, 11, 25), 4, 2)]
    assert history.summary(records, TODAY).sessions == 1
    assert shown(records, since=date(2026, 1, 1)) == records


days_offsets = st.tuples(
    st.integers(min_value=0, max_value=120),
    st.sampled_from(["+09:00", "-05:00", "+00:00", "+05:30", "-11:00", "+14:00"]),
    st.sampled_from(list(Outcome)),
    st.integers(min_value=0, max_value=2),
)


@given(st.lists(days_offsets, max_size=40))
def test_calendar_agrees_with_weekly_counts_adherence_and_streak(items: list[tuple[int, str, Outcome, int]]) -> None:
    records = [
        session(f"g{i}", f"{TODAY - timedelta(days=ago)}T23:59:00{offset}", outcome, steps=steps)
        for i, (ago, offset, outcome, steps) in enumerate(items)
    ]
    grid = adherence.adherence_calendar(records, TODAY)
    weekly = adherence.sessions_per_week(records, TODAY)
    assert [sum(c for c in row if c > 0) for row in grid] == [count for _, count in weekly]
    cells = [c for row in grid for c in row if c >= 0]
    assert len(cells) == 80
    first_logged = TODAY - timedelta(days=max((ago for ago, *_ in items), default=0))
    counted_days = min(80, (TODAY - first_logged).days + 1)
    assert adherence.adherence(records, TODAY) == pytest.approx(sum(1 for c in cells if c > 0) / counted_days)
    streak = adherence.current_streak(records, TODAY)
    run = cells if cells[-1] > 0 else cells[:-1]
    expected = 0
    for count in reversed(run):
        if count <= 0:
            break
        expected += 1
    if expected < len(run):
        assert streak == expected


def _not_started(id: str, flagged: bool) -> SessionRecord:
    record = session(id, "2026-11-25T09:00:00+01:00", Outcome.BLOCKED, steps=0, before=7)
    record.reason = "Not started after the caution: Go gently today."
    record.screening.not_started_after_caution = flagged
    return record


def test_going_back_at_a_caution_counts_as_not_started_not_as_a_block() -> None:
    real_block = session("b", "2026-11-25T08:00:00+01:00", Outcome.BLOCKED, steps=0, before=9)
    real_block.reason = "Pain 9/10 before the session."
    older_log = _not_started("n-old", flagged=False)
    records = [real_block, _not_started("n", flagged=True), older_log]
    figures = history.summary(records, TODAY)
    assert (figures.blocked, figures.not_started) == (1, 2)
    assert [history.outcome_label(r) for r in records] == ["blocked", "not started", "not started"]


@pytest.mark.parametrize("outcome", [Outcome.COMPLETED, Outcome.ENDED_EARLY, Outcome.INTERRUPTED])
def test_only_a_blocked_log_can_be_not_started(outcome: Outcome) -> None:
    record = _not_started("x", flagged=True)
    record.outcome = outcome
    assert not history.not_started_after_caution(record)


def test_adherence_of_a_new_user_counts_from_the_first_session() -> None:
    first = session("new", f"{TODAY}T08:00:00+01:00")
    assert adherence.adherence_start([first], TODAY) == TODAY
    assert adherence.adherence([first], TODAY) == 1.0
    earlier = session("blocked", "2026-11-23T08:00:00+01:00", Outcome.BLOCKED, steps=0)
    assert adherence.adherence_start([first, earlier], TODAY) == date(2026, 11, 23)
    assert adherence.adherence([first, earlier], TODAY) == pytest.approx(1 / 3)


def test_adherence_of_a_long_time_user_counts_the_whole_window(records: list[SessionRecord]) -> None:
    assert adherence.adherence_start(records, TODAY) == adherence.window_start(TODAY, 12)
    assert adherence.adherence_start([], TODAY) == TODAY


def test_pain_means_leave_out_checks_that_led_to_no_exercise() -> None:
    ran = [
        session("r1", "2026-11-24T08:00:00+01:00", before=6, after=7),
        session("r2", "2026-11-24T09:00:00+01:00", before=6, after=4),
        session("r3", "2026-11-24T10:00:00+01:00", before=3, after=10),
    ]
    blocked_at_nine = session("b", "2026-11-24T11:00:00+01:00", Outcome.BLOCKED, steps=0, before=9)
    went_back = session("g", "2026-11-24T12:00:00+01:00", Outcome.BLOCKED, steps=0, before=6)
    records = [*ran, blocked_at_nine, went_back]
    window = history.pain_window(records, date(2026, 11, 24), date(2026, 11, 24))
    assert (window.sessions, window.before, window.after) == (3, pytest.approx(5.0), pytest.approx(7.0))
    week = history.weekly_pain(records, TODAY, weeks=1)[0]
    assert (week.sessions, week.before, week.after) == (3, pytest.approx(5.0), pytest.approx(7.0))
    assert [point.before for point in history.pain_series(records)] == [6, 6, 3]
