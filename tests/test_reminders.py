"""Reminders (flow 12): the rhythm, the calendar file, when the next session is due, the week's tally,
and the kept days the streak counts."""

from __future__ import annotations

import stat
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone

import pytest
from icalendar import Calendar

from coach.cli import main
from coach.config import Config, load_config, save_config
from coach.history import adherence
from coach.logs.records import Outcome, Screening, StepOutcome, StepRecord
from coach.paths import config_path
from coach.reminders import (
    FILE_NAME,
    SUMMARY,
    Rhythm,
    RhythmError,
    calendar_text,
    due_text,
    next_due,
    parse_days,
    parse_rhythm,
    parse_time,
    reminder_uid,
    rhythm_line,
    week_tally,
)
from coach.safety.check_texts import EMERGENCY_QUESTION
from tests.helpers.checks import Log, answer_all, check
from tests.helpers.records import session

TZ = timezone(timedelta(hours=1))
MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 11, 23) + timedelta(days=n) for n in range(7))
"""A week of 2026, Monday 23 November to Sunday 29."""
MWF = Rhythm((0, 2, 4), time(18, 0))


def moment(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


# the rhythm -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon,wed,fri", (0, 2, 4)),
        ("Fri, MONDAY ,wed", (0, 2, 4)),
        ("sun", (6,)),
        ("mon,mon,Mon", (0,)),  # a day named twice counts once
        ("mon,,wed,", (0, 2)),  # empty items are ignored
        ("mon,tue,wed,thu,fri,sat,sun", (0, 1, 2, 3, 4, 5, 6)),
    ],
)
def test_days_are_read_in_any_case_and_order_each_once(text, days):
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["mon,funday", "", ",", " , ", "m", "mo", "monday2", "lun", "mon;wed", "1"])
def test_a_bad_day_is_one_sentence(text):
    with pytest.raises(RhythmError) as caught:
        parse_days(text)
    message = caught.value.message
    assert message.endswith(".") and "\n" not in message and "--days mon,wed,fri" in message


@pytest.mark.parametrize(
    ("text", "at"), [("18:00", time(18)), ("7:30", time(7, 30)), ("00:00", time(0)), ("23:59", time(23, 59))]
)
def test_times_on_the_24_hour_clock(text, at):
    assert parse_time(text) == at


@pytest.mark.parametrize(
    "text", ["25:00", "24:00", "18", "6pm", "6:00pm", "18:60", "18:5", "18.00", "", "１８:００", "-1:00"]
)
def test_a_bad_time_is_one_sentence(text):
    with pytest.raises(RhythmError) as caught:
        parse_time(text)
    message = caught.value.message
    assert message.endswith(".") and "\n" not in message and "18:00" in message


def test_a_long_bad_value_is_cut_when_quoted_back():
    with pytest.raises(RhythmError) as caught:
        parse_days("x" * 500)
    assert len(caught.value.message) < 200


def test_the_rhythm_in_words():
    assert MWF.describe() == "Mon, Wed and Fri at 18:00"
    assert parse_rhythm("sun", "7:05").describe() == "Sun at 07:05"
    assert parse_rhythm("sat,sun", "10:00").describe() == "Sat and Sun at 10:00"
    assert parse_rhythm("mon,tue,wed,thu,fri,sat,sun", "8:00").describe() == "every day at 08:00"


# when it is due and the week's tally -------------------------------------------


def test_the_next_session_due_crosses_into_next_week():
    assert next_due(MWF, moment(SAT), set()) == datetime(2026, 11, 30, 18, 0)
    assert next_due(MWF, moment(SUN, 23, 59), set()) == datetime(2026, 11, 30, 18, 0)
    assert next_due(MWF, moment(FRI, 20), {FRI}) == datetime(2026, 11, 30, 18, 0)
    assert due_text(next_due(MWF, moment(SAT), set()), moment(SAT)) == "Next session due Mon 18:00"


def test_today_is_due_until_it_is_kept():
    assert next_due(MWF, moment(WED, 9), set()) == datetime(2026, 11, 25, 18, 0)
    assert due_text(datetime(2026, 11, 25, 18, 0), moment(WED, 9)) == "Next session due today 18:00"
    assert next_due(MWF, moment(WED, 20), set()) == datetime(2026, 11, 25, 18, 0)
    assert due_text(datetime(2026, 11, 25, 18, 0), moment(WED, 20)) == "Today's session is due (18:00)"
    assert next_due(MWF, moment(WED, 9), {WED}) == datetime(2026, 11, 27, 18, 0)
    assert next_due(MWF, moment(TUE), {MON}) == datetime(2026, 11, 25, 18, 0)


def test_a_rhythm_of_one_day_kept_today_is_due_a_week_later():
    sundays = Rhythm((6,), time(10))
    assert next_due(sundays, moment(SUN, 12), {SUN}) == datetime(2026, 12, 6, 10, 0)


def test_the_tally_counts_kept_days_of_this_week_up_to_today():
    kept = {MON - timedelta(days=1), MON, TUE, SAT}  # last Sunday and this Saturday are not this week up to Wed
    tally = week_tally(MWF, WED, kept)
    assert (tally.kept, tally.planned) == (2, 3)
    assert tally.text() == "2 of 3 days kept"
    assert week_tally(MWF, SUN, {MON, TUE, WED, THU}).text() == "4 days kept, 3 planned"
    assert week_tally(Rhythm((6,), time(10)), MON, set()).text() == "0 of 1 day kept"


def test_homes_line():
    assert rhythm_line(MWF, moment(TUE), {MON}) == "Next session due Wed 18:00 · this week: 1 of 3 days kept"


# kept days and the streak ------------------------------------------------------


def done_step(day: date) -> StepRecord:
    return StepRecord("walk", "Walk", StepOutcome.DONE, moment(day), moment(day), 60.0, 60, "done")


def exercised(day: date, routine: str = "gentle-relief"):
    return session(moment(day), moment(day, 9, 20), routine=routine, outcome=Outcome.COMPLETED, steps=[done_step(day)])


def flare_up_begun(day: date):
    """The flare-up plan, ended on its first intro card: no exercise, yet the day is kept."""
    return session(moment(day), moment(day, 9, 1), routine="flare-up", outcome=Outcome.ENDED_EARLY)


def blocked(day: date, screening: Screening, reason: str, routine: str = "gentle-relief"):
    return session(
        moment(day), moment(day), routine=routine, outcome=Outcome.BLOCKED, screening=screening, reason=reason
    )


def severe_pain_block() -> tuple[Screening, str]:
    log = Log()
    answer_all(check(log=log), False, False, False, 9)
    return log.blocks[-1]


def block_while_a_stop_lasts() -> tuple[Screening, str]:
    stop = session(
        moment(date(2026, 11, 21), 17, 0),
        moment(date(2026, 11, 21), 17, 30),
        outcome=Outcome.STOPPED_FOR_PAIN,
        screening=Screening(red_flags={EMERGENCY_QUESTION.id: False}, pain_before=3),
        stop_advised=True,
        reason="Stopped after a pain check of 9/10.",
    )
    log = Log()
    answer_all(check(recent=[stop], log=log), False)
    return log.blocks[-1]


def emergency_block() -> tuple[Screening, str]:
    log = Log()
    answer_all(check(log=log), True)
    return log.blocks[-1]


def test_the_check_logs_the_blocks_that_ease_off_as_history_reads_them():
    screening, reason = severe_pain_block()
    assert reason.startswith("Pain ") and screening.pain_before == 9
    assert adherence.eased_off(blocked(TUE, screening, reason))
    assert adherence.eased_off(blocked(TUE, *block_while_a_stop_lasts()))
    assert not adherence.eased_off(blocked(TUE, *emergency_block()))


def test_a_flare_up_day_keeps_the_streak_but_is_no_day_with_exercise():
    records = [exercised(MON), flare_up_begun(TUE), exercised(WED)]
    assert adherence.current_streak(records, WED) == 3
    assert adherence.kept_days(records, WED) == {MON, TUE, WED}
    assert [row for row in adherence.adherence_calendar(records, WED, weeks=1)] == [[1, 0, 1, -1, -1, -1, -1]]
    assert adherence.adherence(records, WED, weeks=1) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    "eased",
    [severe_pain_block, block_while_a_stop_lasts],
    ids=["pain 8-10", "while a stop for pain lasted"],
)
def test_a_day_coach_advised_easing_off_keeps_the_streak(eased):
    records = [exercised(MON), blocked(TUE, *eased())]
    assert adherence.current_streak(records, TUE) == 2
    assert adherence.current_streak(records, WED) == 2  # nothing yet today: counted from yesterday
    assert adherence.adherence(records, TUE, weeks=1) == pytest.approx(1 / 2)


def test_a_session_told_to_stop_for_today_keeps_the_day_even_without_exercise():
    told = session(moment(TUE), moment(TUE, 9, 2), outcome=Outcome.STOPPED_FOR_PAIN, stop_advised=True)
    assert not adherence.is_exercising(told)
    assert adherence.current_streak([exercised(MON), told], TUE) == 2


@pytest.mark.parametrize(
    "tuesday",
    [
        lambda: blocked(TUE, *emergency_block()),
        lambda: blocked(TUE, *emergency_block(), routine="flare-up"),
        lambda: blocked(TUE, Screening(pain_before=7, not_started_after_caution=True), ""),
        lambda: blocked(TUE, Screening(pain_before=5), "Pain 5/10 before the session."),
        lambda: session(moment(TUE), moment(TUE, 9, 1), outcome=Outcome.ENDED_EARLY),
    ],
    ids=[
        "emergency",
        "flare-up blocked by an emergency sign",
        "not started after a caution",
        "pain below 8",
        "no exercise",
    ],
)
def test_other_days_without_exercise_break_the_streak(tuesday):
    assert adherence.current_streak([exercised(MON), tuesday(), exercised(WED)], WED) == 1


# the calendar file -------------------------------------------------------------


def read_calendar(text: str):
    calendar = Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_the_calendar_starts_on_the_first_day_of_the_rhythm_in_floating_time():
    text = calendar_text(Rhythm((6,), time(7, 5)), moment(MON, 20), reminder_uid("here"))
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    _, event = read_calendar(text)
    start = event.decoded("dtstart")
    assert start == datetime(2026, 11, 29, 7, 5) and start.tzinfo is None
    assert "TZID" not in event["dtstart"].params
    assert event["rrule"]["BYDAY"] == ["SU"]


def test_the_same_data_folder_gives_the_same_event_id():
    assert reminder_uid("/home/ann/coach") == reminder_uid("/home/ann/coach") != reminder_uid("/home/bob/coach")


# coach remind --------------------------------------------------------------------


def remind(data, *args, capsys):
    code = main(["--data-dir", str(data), "remind", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_remind_writes_one_weekly_event_with_an_alarm_and_remembers_the_rhythm(tmp_path, capsys):
    data, target = tmp_path / "data", tmp_path / "reminder.ics"
    code, out, err = remind(data, "--days", "fri,MON,wed", "--at", "18:00", "-o", str(target), capsys=capsys)
    assert (code, err) == (0, "")
    assert out.count("\n") == 1 and str(target) in out and "Mon, Wed and Fri at 18:00" in out and "import" in out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    calendar, event = read_calendar(target.read_text(encoding="utf-8"))
    assert calendar["version"] == "2.0" and calendar["prodid"]
    assert event["uid"] and event.decoded("dtstamp").tzinfo is not None
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and event["rrule"]["BYDAY"] == ["MO", "WE", "FR"]
    start = event.decoded("dtstart")
    assert start.tzinfo is None and start.time() == time(18, 0) and start.weekday() in (0, 2, 4)
    assert date.today() <= start.date() < date.today() + timedelta(days=7)
    assert str(event["summary"]) == SUMMARY and "run coach" in str(event["description"])
    [alarm] = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY" and alarm.decoded("trigger") == timedelta(0) and alarm["description"]
    assert load_config(data).rhythm == MWF
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_remind_without_a_file_writes_into_the_data_folder_and_keeps_the_other_settings(tmp_path, capsys):
    data = tmp_path / "data"
    save_config(data, Config(accepted_notice=True, voice=False, voice_rate=200))
    code, out, _ = remind(data, "--days", "sat", "--at", "9:30", capsys=capsys)
    path = data / FILE_NAME
    assert code == 0 and str(path) in out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    uid = read_calendar(path.read_text(encoding="utf-8"))[1]["uid"]
    assert load_config(data) == Config(
        accepted_notice=True, voice=False, voice_rate=200, rhythm=Rhythm((5,), time(9, 30))
    )
    assert remind(data, "--days", "mon,thu", "--at", "07:00", capsys=capsys)[0] == 0
    _, event = read_calendar(path.read_text(encoding="utf-8"))
    assert event["uid"] == uid and event["rrule"]["BYDAY"] == ["MO", "TH"]
    assert load_config(data).rhythm == Rhythm((0, 3), time(7, 0))


@pytest.mark.parametrize(
    ("days", "at"),
    [
        ("mon,funday", "18:00"),
        ("", "18:00"),
        (",", "18:00"),
        ("mon", "25:00"),
        ("mon", "18"),
        ("mon", "6pm"),
        ("mon", ""),
        ("mon\x1b[31m", "18:00"),
    ],
)
def test_bad_days_or_time_are_one_sentence_and_exit_1(tmp_path, capsys, days, at):
    data = tmp_path / "data"
    save_config(data, Config(accepted_notice=True, rhythm=MWF))
    code, out, err = remind(data, f"--days={days}", f"--at={at}", capsys=capsys)
    assert code == 1 and out == ""
    assert err.startswith("coach: ") and err.count("\n") == 1 and err.rstrip().endswith(".") and "\x1b" not in err
    assert not (data / FILE_NAME).exists()
    assert load_config(data).rhythm == MWF


@pytest.mark.parametrize("args", [["--days", "mon"], ["--at", "18:00"], ["--days", "mon", "--at", "18:00", "extra"]])
def test_remind_usage_errors_exit_2(tmp_path, capsys, args):
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(tmp_path), "remind", *args])
    assert caught.value.code == 2
    assert "usage: coach" in capsys.readouterr().err


def test_remind_refuses_to_write_through_a_link(tmp_path, capsys):
    target, link = tmp_path / "elsewhere.ics", tmp_path / "reminder.ics"
    target.write_text("keep")
    link.symlink_to(target)
    code, _, err = remind(tmp_path / "data", "--days", "mon", "--at", "18:00", "-o", str(link), capsys=capsys)
    assert code == 1 and "link" in err and err.count("\n") == 1
    assert target.read_text() == "keep"
    assert load_config(tmp_path / "data").rhythm is None


def test_remind_into_a_missing_folder_is_one_sentence(tmp_path, capsys):
    code, _, err = remind(
        tmp_path, "--days", "mon", "--at", "18:00", "-o", str(tmp_path / "no" / "r.ics"), capsys=capsys
    )
    assert code == 1 and err.startswith("coach: Could not write") and err.count("\n") == 1


def test_an_old_config_loads_without_a_rhythm_and_a_broken_rhythm_is_ignored(tmp_path):
    config_path(tmp_path).write_text("accepted_notice = true\nsound = false\n")
    assert load_config(tmp_path) == Config(accepted_notice=True, sound=False, rhythm=None)
    for broken in (
        'remind_days = ["mon", "funday"]\nremind_at = "18:00"\n',
        'remind_days = "mon"\nremind_at = "18:00"\n',
        'remind_days = []\nremind_at = "18:00"\n',
        'remind_days = ["mon"]\nremind_at = "25:00"\n',
        'remind_days = ["mon"]\nremind_at = 1800\n',
        'remind_days = ["mon"]\n',
    ):
        config_path(tmp_path).write_text("voice = false\n" + broken)
        assert load_config(tmp_path) == Config(voice=False), broken


def test_the_rhythm_is_kept_in_config_toml_as_days_and_time(tmp_path):
    save_config(tmp_path, Config(rhythm=MWF))
    text = config_path(tmp_path).read_text()
    assert 'remind_at = "18:00"' in text and '"mon"' in text and '"fri"' in text
    save_config(tmp_path, Config())
    assert "remind" not in config_path(tmp_path).read_text()


def test_remind_is_in_the_help_and_imports_no_textual(tmp_path):
    helped = subprocess.run([sys.executable, "-m", "coach", "--help"], capture_output=True, text=True)
    assert "remind" in helped.stdout
    code = (
        "import sys; from coach.cli import main; rc = main(sys.argv[1:]); "
        "assert not any(m.split('.')[0] == 'textual' for m in sys.modules), 'textual imported'; sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--data-dir", str(tmp_path), "remind", "--days", "mon", "--at", "18:00"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
