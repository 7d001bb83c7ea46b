"""Function (PRODUCT.md flow 10): the activities, their ratings, the file they are kept in, and the questions."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, datetime, timedelta, timezone

import pytest
import tomli_w

from coach.errors import CoachError
from coach.function.asking import ActivityQuestions, Step
from coach.function.model import ActivityError, FunctionLog, meaningful_average
from coach.function.store import function_path, load_function, save_function
from coach.history import export
from coach.history.report_function import function_section
from tests.helpers.clock import FakeClock

ZONE = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 23, 9, tzinfo=ZONE)


def named(*names: str, at: datetime = MONDAY) -> FunctionLog:
    log = FunctionLog()
    for name in names:
        log.add(name, at)
    return log


# the activities


def test_up_to_three_activities_each_with_a_name_of_one_to_sixty_characters():
    log = named("putting on socks", "lifting a child", "sitting through a film")
    with pytest.raises(ActivityError, match="Up to 3"):
        log.add("gardening", MONDAY)
    for bad in ("", "   ", "\u200b", "x" * 61):
        with pytest.raises(ActivityError):
            FunctionLog().add(bad, MONDAY)
    assert FunctionLog().add("  tying   shoes ", MONDAY).name == "tying shoes"
    assert FunctionLog().add("x" * 60, MONDAY).name == "x" * 60


def test_a_renamed_or_dropped_activity_keeps_its_ratings():
    log = named("socks")
    log.rate("a1", 3, MONDAY)
    log.rename("a1", "putting on socks")
    log.drop("a1", MONDAY + timedelta(days=8))
    assert log.current() == [] and log.ratings_of("a1")[0].score == 3
    assert log.changes()[0].name == "putting on socks"
    with pytest.raises(ActivityError):
        log.rate("a1", 4, MONDAY + timedelta(days=9))
    assert log.add("walking", MONDAY).id == "a2", "a new activity never takes a dropped one's id"


@pytest.mark.parametrize("score", [-1, 11, 2.5, True, "3"])
def test_a_rating_is_a_whole_number_from_zero_to_ten(score):
    with pytest.raises(ActivityError):
        named("socks").rate("a1", score, MONDAY)


def test_naming_is_asked_when_none_is_named_and_at_most_once_a_day():
    log = FunctionLog()
    assert log.needs_naming(MONDAY.date())
    log.naming_put_off = MONDAY.date()
    assert not log.needs_naming(MONDAY.date()) and log.needs_naming(MONDAY.date() + timedelta(days=1))
    assert not named("socks").needs_naming(MONDAY.date())


def test_the_rating_is_due_once_a_calendar_week_and_a_skip_holds_for_the_day():
    log = named("socks")
    assert log.rating_due(MONDAY.date()), "named but never rated"
    log.rate("a1", 3, MONDAY)
    sunday = date(2026, 11, 29)
    assert not log.rating_due(sunday), "rated this week"
    next_monday = date(2026, 11, 30)
    assert log.rating_due(next_monday)
    log.rating_skipped = next_monday
    assert not log.rating_due(next_monday) and log.rating_due(next_monday + timedelta(days=1))


def test_a_change_is_meaningful_at_three_on_one_activity_and_two_on_the_average():
    log = named("socks", "lifting")
    log.rate("a1", 3, MONDAY)
    log.rate("a2", 5, MONDAY)
    log.rate("a1", 6, MONDAY + timedelta(days=7))
    log.rate("a2", 6, MONDAY + timedelta(days=7))
    socks, lifting = log.changes()
    assert (socks.change, socks.meaningful) == (3, True)
    assert (lifting.change, lifting.meaningful) == (1, False)
    assert [round(avg, 1) for _, avg in log.averages()] == [4.0, 6.0]
    assert meaningful_average(4.0, 6.0) and not meaningful_average(4.0, 5.9)


# the file


def test_the_file_round_trips_and_is_for_its_owner_only(data_dir):
    log = named("putting on socks")
    log.rate("a1", 3, MONDAY)
    log.naming_put_off = MONDAY.date()
    save_function(data_dir, log)
    assert stat.S_IMODE(function_path(data_dir).stat().st_mode) == 0o600
    back = load_function(data_dir)
    assert back.activities == log.activities and back.ratings == log.ratings
    assert back.naming_put_off == MONDAY.date()


def test_two_windows_saving_keep_both_ratings(data_dir):
    first, second = named("socks"), named("socks")
    first.rate("a1", 3, MONDAY)
    save_function(data_dir, first)
    second.rate("a1", 4, MONDAY + timedelta(days=7))
    merged = save_function(data_dir, second)
    assert [r.score for r in merged.ratings] == [3, 4] == [r.score for r in load_function(data_dir).ratings]


@pytest.mark.parametrize(
    "content",
    [
        "format = 2",
        "[[activities]]\nid = 1",
        'format = 1\n[[activities]]\nid = "a1"\nname = ""\nadded_at = "2026-11-23T09:00:00+01:00"',
        'format = 1\n[[ratings]]\nactivity = "a9"\nat = "2026-11-23T09:00:00+01:00"\nscore = 3',
        'format = 1\n[[activities]]\nid = "a1"\nname = "socks"\nadded_at = "2026-11-23T09:00:00"',
        "format = 1\n" + "x = [" * 5000 + "]" * 5000,
        b"\xff\xfe",
    ],
    ids=["format", "types", "empty-name", "unknown-activity", "naive-time", "nested", "not-utf8"],
)
def test_a_damaged_file_is_one_sentence(data_dir, content):
    function_path(data_dir).write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(CoachError) as caught:
        load_function(data_dir)
    assert str(caught.value).startswith("Your activities file") and "\n" not in str(caught.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_pipe_or_a_huge_file_is_not_read(data_dir):
    os.mkfifo(function_path(data_dir))
    with pytest.raises(CoachError, match="Could not read"):
        load_function(data_dir)
    function_path(data_dir).unlink()
    function_path(data_dir).write_text(tomli_w.dumps({"format": 1, "pad": "x" * (600 * 1024)}))
    with pytest.raises(CoachError):
        load_function(data_dir)


# the questions


def test_naming_takes_up_to_three_each_rated_at_once_and_enter_on_an_empty_name_finishes():
    log = FunctionLog()
    questions = ActivityQuestions(log, MONDAY, naming=True, clock=FakeClock())
    assert questions.step is Step.NAME and "1 of up to 3" in questions.prompt.title
    assert not questions.key("3"), "nothing is rated before a name"
    assert questions.name("putting on socks")
    assert questions.step is Step.RATE and questions.prompt.title.endswith("putting on socks")
    assert "0 = unable to do it" in questions.prompt.body and "as before the back problem" in questions.prompt.body
    assert questions.key("enter") and questions.step is Step.RATE, "enter alone rates nothing"
    questions.key("3")
    assert questions.step is Step.NAME and "2 of up to 3" in questions.prompt.title
    assert not questions.name("x" * 61) and "60 characters" in questions.problem
    questions.name("")
    assert questions.finished and [r.score for r in log.ratings] == [3]


def test_escape_while_naming_leaves_it_for_later_today():
    log = FunctionLog()
    questions = ActivityQuestions(log, MONDAY, naming=True)
    questions.key("escape")
    assert questions.finished and log.naming_put_off == MONDAY.date()


def test_the_weekly_rating_shows_last_times_figure_and_s_skips_it_for_today():
    log = named("putting on socks", "lifting")
    log.rate("a1", 3, MONDAY - timedelta(days=7))
    questions = ActivityQuestions(log, MONDAY, naming=False, clock=FakeClock())
    assert "Last time (2026-11-16): 3/10." in questions.prompt.body
    assert "s: skip" in questions.prompt.hint
    questions.key("5")
    assert "This is its first rating." in questions.prompt.body
    questions.key("s")
    assert questions.finished and log.rating_skipped == MONDAY.date()
    assert [r.score for r in log.ratings_of("a1")] == [3, 5]


def test_ten_is_one_then_zero_and_a_lone_one_is_taken_when_its_moment_passes():
    clock = FakeClock()
    log = named("socks", "lifting")
    questions = ActivityQuestions(log, MONDAY, naming=False, clock=clock)
    questions.key("1")
    questions.key("0")
    questions.key("1")
    clock.advance(1.5)
    questions.tick()
    assert [r.score for r in log.ratings] == [10, 1] and questions.finished


# figures


def test_the_report_names_the_scale_and_marks_a_meaningful_change():
    log = named("putting on socks", "lifting a child")
    log.rate("a1", 3, MONDAY)
    log.rate("a2", 6, MONDAY)
    log.rate("a1", 6, MONDAY + timedelta(days=14))
    log.rate("a2", 7, MONDAY + timedelta(days=14))
    text = "\n".join(function_section(log))
    assert "Patient-Specific Functional Scale" in text and "Stratford" in text
    assert "| putting on socks | 3 (2026-11-23) | 6 (2026-12-07) | +3 | meaningful |" in text
    assert "| lifting a child | 6 (2026-11-23) | 7 (2026-12-07) | +1 |  |" in text
    assert "| Average | 4.5 | 6.5 | +2.0 | meaningful |" in text
    assert function_section(FunctionLog()) == []


def test_json_carries_the_ratings_and_the_csv_has_a_row_each():
    log = named("putting on socks")
    log.rate("a1", 3, MONDAY)
    (activity,) = json.loads(export.sessions_json([], log))["activities"]
    assert activity["name"] == "putting on socks" and activity["ratings"] == [
        {"at": "2026-11-23T09:00:00+01:00", "score": 3}
    ]
    rows = export.function_csv(log).splitlines()
    assert rows == ["activity,name,rated_at,score,dropped", "a1,putting on socks,2026-11-23T09:00:00+01:00,3,no"]


def test_saving_over_a_damaged_file_keeps_it_beside_the_new_one(data_dir):
    damaged = b'format = 1\n[[ratings]]\nactivity = "a9"\nat = "2026-11-23T09:00:00+01:00"\nscore = 3\n'
    function_path(data_dir).write_bytes(damaged)
    save_function(data_dir, FunctionLog(naming_put_off=date(2026, 12, 6)))
    kept = [p for p in data_dir.iterdir() if p.name.startswith("function.toml.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert load_function(data_dir).naming_put_off == date(2026, 12, 6)


def test_the_average_on_a_day_is_of_each_activitys_latest_rating_not_of_every_rating_that_day():
    log = named("sitting", "lifting")
    log.rate("a1", 1, MONDAY)
    log.rate("a2", 10, MONDAY)
    log.rate("a1", 3, MONDAY + timedelta(hours=1))
    assert log.averages() == [(MONDAY.date(), 6.5)]
    log.rate("a1", 5, MONDAY + timedelta(days=7))
    assert log.averages()[-1] == ((MONDAY + timedelta(days=7)).date(), 7.5), "a2 keeps its latest, 10"
