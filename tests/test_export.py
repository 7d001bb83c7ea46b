"""Export formats parsed back and checked field by field."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
import wcwidth
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from coach.durations import clock_text
from coach.history import export
from coach.history.report import markdown_report
from coach.logs.records import (
    HurtKind,
    Outcome,
    PainReport,
    Screening,
    SessionRecord,
    StepOutcome,
    StepRecord,
)
from tests.helpers.records import at, session

TODAY = date(2026, 11, 25)
TRICKY_NOTE = 'Said "ouch", twice, then\nfelt better; knees, hips'
FORMULA_NOTE = '=HYPERLINK("http://x","y")'


def knee(started: str, ended: str, outcome: StepOutcome = StepOutcome.DONE) -> StepRecord:
    return StepRecord(
        "knee-to-chest", "Knee-to-chest", outcome, at(started), at(ended), 95.25, 90, "3 of 3 holds, both sides"
    )


def tilt(started: str, ended: str) -> StepRecord:
    return StepRecord(
        "pelvic-tilt", "Pelvic tilt", StepOutcome.SKIPPED, at(started), at(ended), 10.0, 60, "1 of 10 reps"
    )


EVENING_NY = session(
    at("2026-11-24T21:30:00-05:00"),
    at("2026-11-24T22:05:30-05:00"),
    id="2026-11-24-ny",
    title="Back | core, gently",
    routine="core",
    path="/routines/core.toml",
    outcome=Outcome.COMPLETED,
    screening=Screening(red_flags={"legs": False}, contraindications={"pregnancy": False}, pain_before=5),
    steps=[
        knee("2026-11-24T21:31:00-05:00", "2026-11-24T21:40:00-05:00"),
        tilt("2026-11-24T21:41:00-05:00", "2026-11-24T21:42:00-05:00"),
    ],
    pain_reports=[PainReport(at("2026-11-25T00:10:00-05:00"), "hurts", 5, "knee-to-chest", HurtKind.MORE_THAN_MILD)],
    pain_after=3,
    active_seconds=1800.0,
    planned_exercises=3,
    note=TRICKY_NOTE,
)
MORNING_TOKYO = session(
    at("2026-11-20T01:00:00+09:00"),
    at("2026-11-19T16:12:00+00:00"),
    id="2026-11-20-tokyo",
    title="Gentle lower-back relief",
    path="/routines/gentle.toml",
    outcome=Outcome.STOPPED_FOR_PAIN,
    reason="Pain spreading down a leg",
    screening=Screening(pain_before=4),
    steps=[knee("2026-11-20T01:01:00+09:00", "2026-11-20T01:05:00+09:00", StepOutcome.STOPPED)],
    pain_reports=[
        PainReport(at("2026-11-20T01:04:00+09:00"), "check", 3, "knee-to-chest"),
        PainReport(at("2026-11-20T01:05:00+09:00"), "hurts", 7, "knee-to-chest", HurtKind.RED_FLAG, "stop", "stop"),
    ],
    pain_after=7,
    active_seconds=240.0,
    planned_exercises=4,
    note=FORMULA_NOTE,
)
BLOCKED = session(
    at("2026-11-23T12:00:00+00:00"),
    id="2026-11-23-blocked",
    title="Gentle lower-back relief",
    path="/routines/gentle.toml",
    outcome=Outcome.BLOCKED,
    reason="Red flag: numbness in the legs",
    screening=Screening(red_flags={"numbness": True}),
    active_seconds=0.0,
    planned_exercises=0,
    note="-3 today\x1b[31m",
)
RECORDS = [EVENING_NY, BLOCKED, MORNING_TOKYO]


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_sessions_csv_header_and_order() -> None:
    text = export.sessions_csv(RECORDS)
    assert text.split("\r\n")[0].split(",") == list(export.SESSION_COLUMNS)
    assert [row["id"] for row in read_csv(text)] == ["2026-11-20-tokyo", "2026-11-23-blocked", "2026-11-24-ny"]


def test_sessions_csv_fields() -> None:
    rows = {row["id"]: row for row in read_csv(export.sessions_csv(RECORDS))}
    assert rows["2026-11-24-ny"] == {
        "id": "2026-11-24-ny",
        "date": "2026-11-24",  # local day, although it is already the 25th in UTC
        "started_at": "2026-11-24T21:30:00-05:00",
        "ended_at": "2026-11-24T22:05:30-05:00",
        "routine": "core",
        "routine_title": "Back | core, gently",
        "duration_min": "35.5",
        "exercises_done": "1",
        "exercises_planned": "3",
        "completion_pct": "33",
        "pain_before": "5",
        "pain_after": "3",
        "outcome": "completed",
        "reason": "",
        "note": TRICKY_NOTE,
    }
    tokyo = rows["2026-11-20-tokyo"]
    assert tokyo["date"] == "2026-11-20"
    assert tokyo["duration_min"] == "12.0"  # 01:00+09:00 to 16:12 UTC the day before
    assert tokyo["exercises_done"] == "0"
    assert tokyo["completion_pct"] == "0"
    assert tokyo["outcome"] == "stopped_for_pain"
    assert tokyo["reason"] == "Pain spreading down a leg"
    assert tokyo["note"] == "'" + FORMULA_NOTE


def test_sessions_csv_missing_values_are_empty() -> None:
    blocked = {row["id"]: row for row in read_csv(export.sessions_csv(RECORDS))}["2026-11-23-blocked"]
    assert blocked["ended_at"] == ""
    assert blocked["duration_min"] == "0.0"
    assert blocked["completion_pct"] == ""
    assert blocked["pain_before"] == ""
    assert blocked["pain_after"] == ""
    assert blocked["outcome"] == "blocked"
    assert blocked["note"] == "'-3 today\x1b[31m"  # CSV keeps the text, only defuses the formula


def test_empty_csv_has_only_the_header() -> None:
    assert export.sessions_csv([]) == ",".join(export.SESSION_COLUMNS) + "\r\n"
    assert export.steps_csv([]) == ",".join(export.STEP_COLUMNS) + "\r\n"


def test_steps_csv_fields() -> None:
    rows = read_csv(export.steps_csv(RECORDS))
    assert [(row["session_id"], row["exercise_id"]) for row in rows] == [
        ("2026-11-20-tokyo", "knee-to-chest"),
        ("2026-11-24-ny", "knee-to-chest"),
        ("2026-11-24-ny", "pelvic-tilt"),
    ]
    assert rows[0] == {
        "session_id": "2026-11-20-tokyo",
        "date": "2026-11-20",
        "routine": "gentle",
        "exercise_id": "knee-to-chest",
        "exercise_name": "Knee-to-chest",
        "outcome": "stopped",
        "started_at": "2026-11-20T01:01:00+09:00",
        "ended_at": "2026-11-20T01:05:00+09:00",
        "active_seconds": "95.2",
        "planned_seconds": "90",
        "work_done": "3 of 3 holds, both sides",
    }
    assert rows[2]["outcome"] == "skipped"
    assert rows[2]["work_done"] == "1 of 10 reps"


@given(st.text() | st.sampled_from(["\r", "a\rb", "\r\n", '"', ",=", "\n-"]))
def test_csv_round_trips_any_note(note: str) -> None:
    record = session(at("2026-11-24T10:00:00+01:00"), id="x", title="t", routine="t", note=note)
    (row,) = read_csv(export.sessions_csv([record]))
    expected = "'" + note if note.startswith(("=", "+", "-", "@", "\t", "\r")) else note
    assert row["note"] == expected


@pytest.mark.parametrize(
    ("text", "cell"), [("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("a=1", "a=1")]
)
def test_csv_defuses_formulas_only(text: str, cell: str) -> None:
    record = session(at("2026-11-24T10:00:00+01:00"), id=text, title=text, routine=text, note=text, pain_after=3)
    (row,) = read_csv(export.sessions_csv([record]))
    assert (row["id"], row["routine"], row["routine_title"], row["note"]) == (cell,) * 4
    assert (row["pain_before"], row["pain_after"]) == ("", "3"), "None is an empty cell, a number is as it is"


def test_sessions_json_round_trip() -> None:
    text = export.sessions_json(RECORDS)
    sessions = json.loads(text)["sessions"]
    assert [s["id"] for s in sessions] == ["2026-11-20-tokyo", "2026-11-23-blocked", "2026-11-24-ny"]
    ny = sessions[2]
    assert list(ny) == [
        "id",
        "date",
        "started_at",
        "ended_at",
        "routine",
        "routine_title",
        "routine_path",
        "outcome",
        "not_started_after_caution",
        "stop_advised",
        "reason",
        "duration_seconds",
        "active_seconds",
        "exercises_done",
        "exercises_planned",
        "completion",
        "pain_before",
        "pain_after",
        "note",
        "screening",
        "steps",
        "pain_reports",
        "format",
    ]
    assert ny["date"] == "2026-11-24"
    assert ny["outcome"] == "completed"
    assert ny["duration_seconds"] == 2130.0
    assert ny["note"] == TRICKY_NOTE
    assert ny["screening"] == {
        "red_flags": {"legs": False},
        "contraindications": {"pregnancy": False},
        "pain_before": 5,
        "previous_settled": None,
    }
    assert ny["steps"][1]["outcome"] == "skipped"
    assert ny["pain_reports"][0]["kind"] == "more_than_mild"
    tokyo = sessions[0]
    assert tokyo["outcome"] == "stopped_for_pain"
    assert tokyo["pain_reports"][1] == {
        "at": "2026-11-20T01:05:00+09:00",
        "source": "hurts",
        "rating": 7,
        "exercise_id": "knee-to-chest",
        "kind": "red_flag",
        "verdict": "stop",
        "decision": "stop",
    }
    assert tokyo["pain_reports"][0]["kind"] is None
    blocked = sessions[1]
    assert blocked["outcome"] == "blocked" and blocked["not_started_after_caution"] is False
    assert blocked["pain_after"] is None
    assert blocked["note"] == "-3 today\x1b[31m"


def test_json_text_never_carries_raw_control_characters() -> None:
    record = session(
        at("2026-11-24T10:00:00+01:00"),
        id="c1",
        title="Evil\x9b2J\u202etitle",
        routine="evil",
        note="\x1b]0;pwned\x07 ünïcödé",
    )
    text = export.sessions_json([record])
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202e]", text.replace("\n", ""))
    assert "ünïcödé" in text
    (back,) = json.loads(text)["sessions"]
    assert back["routine_title"] == "Evil\x9b2J\u202etitle"
    assert back["note"] == "\x1b]0;pwned\x07 ünïcödé"


def test_empty_json_has_no_sessions_and_no_activities() -> None:
    assert json.loads(export.sessions_json([])) == {"sessions": [], "activities": []}


def column_starts(line: str, cells: list[str]) -> list[int]:
    starts, position = [], 0
    for cell in cells:
        position = line.index(cell, position)
        starts.append(wcwidth.width(line[:position]))
        position += len(cell)
    return starts


@pytest.mark.parametrize("title", ["Family 👨‍👩‍👧 time", "❤️ Heart"])
def test_table_lines_up_emoji_titles_as_the_full_screen_coach_measures_them(title) -> None:
    record = session(
        at("2026-11-25T07:00:00+09:00"),
        at("2026-11-25T07:12:00+09:00"),
        id="e",
        title=title,
        routine="emoji",
        outcome=Outcome.COMPLETED,
        planned_exercises=4,
    )
    header, rule, *rows = export.sessions_table([*RECORDS, record]).splitlines()
    row = next(row for row in rows if title in row)
    duration_ends = [match.end() for match in re.finditer(r"-+", rule)][2]
    assert cell_len(row[: row.index("12:00") + len("12:00")]) == duration_ends


def test_table_has_aligned_columns() -> None:
    wide = session(
        at("2026-11-25T07:00:00+09:00"),
        at("2026-11-25T08:02:03+09:00"),
        id="w",
        title="腰痛ケア\x1b[2J",
        routine="wide",
        outcome=Outcome.INTERRUPTED,
        planned_exercises=12,
    )
    text = export.sessions_table([*RECORDS, wide])
    lines = text.splitlines()
    assert len(lines) == 6
    assert "\x1b" not in text
    header, rule, *rows = lines
    assert header.split() == ["started", "routine", "duration", "done", "pain", "before→after", "outcome"]
    assert set(rule) == {"-", " "}
    rule_starts = [match.start() for match in re.finditer(r"-+", rule)]
    rule_ends = [match.end() for match in re.finditer(r"-+", rule)]
    assert len(rule_starts) == 6
    assert rows[0].startswith("2026-11-20 01:00  Gentle lower-back relief")
    assert rows[3].startswith("2026-11-25 07:00  腰痛ケア")
    for row, pain, outcome in [
        (rows[0], "4 → 7", "stopped for pain"),
        (rows[1], "- → -", "blocked"),
        (rows[2], "5 → 3", "completed"),
        (rows[3], "- → -", "interrupted"),
    ]:
        assert column_starts(row, [row[:16], pain, outcome]) == [rule_starts[0], rule_starts[4], rule_starts[5]]
    durations = ["12:00", "0:00", "35:30", "1:02:03"]
    dones = ["0/4", "0/0", "1/3", "0/12"]
    for row, duration, done in zip(rows, durations, dones, strict=False):
        after_title = row.index(duration)
        assert wcwidth.width(row[: after_title + len(duration)]) == rule_ends[2]
        assert wcwidth.width(row[: row.index(done, after_title + len(duration)) + len(done)]) == rule_ends[3]


def test_table_cleans_and_truncates_long_titles() -> None:
    long = session(at("2026-11-25T07:00:00+01:00"), id="l", title="x" * 100, routine="l")
    row = export.sessions_table([long]).splitlines()[2]
    assert "x" * (export.ROUTINE_WIDTH - 1) + "…" in row
    assert "x" * export.ROUTINE_WIDTH not in row


def test_empty_table() -> None:
    assert export.sessions_table([]) == "No sessions.\n"


def test_durations_round_to_the_nearest_second() -> None:
    assert clock_text(0, rounded=True) == "0:00"
    assert clock_text(59.6, rounded=True) == "1:00"
    assert clock_text(3599, rounded=True) == "59:59"
    assert clock_text(3600, rounded=True) == "1:00:00"


def test_markdown_text_escapes_table_breakers() -> None:
    assert export.markdown_text("a | b") == r"a \| b"
    assert export.markdown_text("line one\nline two") == "line one line two"
    assert export.markdown_text(r"a\|b") == r"a\\\|b"
    assert export.markdown_text("[x](javascript:alert(1)) <b>") == r"\[x\](javascript:alert(1)) \<b\>"
    assert export.markdown_text("\x1b[31mred") == "\ufffd\\[31mred"


def split_row(line: str) -> list[str]:
    """Split a GFM table row the way GFM does: a backslash escapes the next character."""
    assert line.startswith("| ") and line.endswith(" |")
    cells, current, chars = [], "", iter(line[1:-1])
    for char in chars:
        if char == "\\":
            current += char + next(chars, "")
        elif char == "|":
            cells.append(current.strip())
            current = ""
        else:
            current += char
    cells.append(current.strip())
    return cells


@given(st.text())
def test_markdown_text_is_one_cell(text: str) -> None:
    cell = export.markdown_text(text)
    assert "\n" not in cell and "\r" not in cell
    assert len(split_row(f"| {cell} | end |")) == 2


def sections(report: str) -> list[str]:
    return [line for line in report.splitlines() if line.startswith("#")]


def test_markdown_report_sections_and_figures() -> None:
    unreadable = [("/home/ann/.local/share/coach/sessions/bad.toml", "line 3 | col 1")]
    report = markdown_report(RECORDS, TODAY, unreadable)
    assert sections(report) == [
        "# Lower-back exercise report",
        "## Overview",
        "## Pain trend",
        "### By week (last 12 weeks)",
        "## What hurt and when",
        "## Safety checks",
        "## Notes",
        "## Unreadable log files",
    ]
    assert "- Period: 2026-11-20 – 2026-11-24" in report
    assert "- Sessions: 3 (1 completed, 1 stopped for pain, 1 blocked at the safety check)" in report
    # exercised on Nov 20 and Nov 24: 2 of the 6 days from the first session (Nov 20) to Wed Nov 25
    assert "- Adherence since the first session (2026-11-20 – 2026-11-25): exercised on 2 of 6 days (33%)" in report
    assert "Sessions per week since the first session: 2.0 on average" in report  # 2 in 6 days, at least a week
    assert "Current streak: 1 day kept in a row (with exercise," in report  # Tue 24; Mon 23 was blocked
    # last 4 weeks, the two sessions that exercised: before 4, 5 -> 4.5; after 7, 3 -> 5.0
    assert "| Last 4 weeks (2026-10-29 – 2026-11-25) | 2 | 4.5 | 5.0 |" in report
    assert "| Previous 4 weeks (2026-10-01 – 2026-10-28) | 0 | – | – |" in report
    assert "| 2026-11-16 | 1 | 4.0 | 7.0 |" in report
    assert "| 2026-11-23 | 1 | 5.0 | 3.0 |" in report
    assert "1 log file could not be read" in report
    assert r"| bad.toml | line 3 \| col 1 |" in report
    assert "/home/ann" not in report


def test_markdown_report_what_hurt() -> None:
    report = markdown_report(RECORDS, TODAY)
    hurt = report.split("## What hurt and when")[1].split("## Safety checks")[0]
    rows = [split_row(line) for line in hurt.splitlines() if line.startswith("| 2026")]
    assert rows == [
        ["2026-11-20 01:05", "Gentle lower-back relief", "Knee-to-chest", "7", "it hurts (red flag)", "stop", "stop"],
        ["2026-11-25 00:10", r"Back \| core, gently", "Knee-to-chest", "5", "it hurts (more than mild)", "", ""],
    ]


def test_markdown_report_notes_stay_in_their_rows() -> None:
    report = markdown_report(RECORDS, TODAY)
    notes = report.split("## Notes")[1].split("## Unreadable")[0]
    rows = [split_row(line) for line in notes.splitlines() if line.startswith("| 2026")]
    assert rows == [
        ["2026-11-20", "Gentle lower-back relief", '=HYPERLINK("http://x","y")'],
        ["2026-11-23", "Gentle lower-back relief", "-3 today\ufffd\\[31m"],
        ["2026-11-24", r"Back \| core, gently", 'Said "ouch", twice, then felt better; knees, hips'],
    ]
    assert "\x1b" not in report


def test_markdown_report_every_table_row_has_its_columns() -> None:
    report = markdown_report(RECORDS, TODAY, [("a|b.toml", "x\ny")])
    width = None
    for line in report.splitlines():
        if not line.startswith("|"):
            width = None
            continue
        cells = split_row(line)
        width = width or len(cells)
        assert len(cells) == width, line


def test_markdown_report_gives_the_same_advisories_as_history() -> None:
    def rated(id: str, started: str, before: int) -> SessionRecord:
        screening = Screening(pain_before=before)
        return session(at(started), id=id, title="t", routine="t", screening=screening)

    worse = [rated("a", "2026-11-14T10:00:00+01:00", 2), rated("b", "2026-11-20T10:00:00+01:00", 6)]
    report = markdown_report(worse, TODAY)
    assert "> **Pain is getting worse: see a professional.** Your pain before sessions averaged 6.0/10" in report
    steady = [rated("a", "2026-11-14T10:00:00+01:00", 4), rated("b", "2026-11-20T10:00:00+01:00", 4)]
    assert "see a professional" not in markdown_report(steady, TODAY)


def test_markdown_report_first_weeks_row_when_history_is_long() -> None:
    records = [
        session(
            at("2026-08-03T10:00:00+02:00"),
            id="early",
            title="t",
            routine="t",
            outcome=Outcome.COMPLETED,
            screening=Screening(pain_before=6),
            pain_after=5,
        ),
        *RECORDS,
    ]
    report = markdown_report(records, TODAY)
    assert "| First 4 weeks (2026-08-03 – 2026-08-30) | 1 | 6.0 | 5.0 |" in report


def test_markdown_report_without_sessions() -> None:
    report = markdown_report([], TODAY, [(Path("/data/sessions/one.toml"), "bad"), ("two.toml", "worse")])
    assert "No sessions were logged." in report
    assert "2 log files could not be read and are not included above:" in report
    assert "| one.toml | bad |" in report and "| two.toml | worse |" in report
    assert "## Pain trend" not in report


@pytest.mark.parametrize(
    ("count", "word", "expected"),
    [(0, "session", "0 sessions"), (1, "session", "1 session"), (2, "log", "2 logs"), (10_000, "log", "10,000 logs")],
)
def test_counted_gives_the_noun_its_number(count, word, expected) -> None:
    from coach.text import counted

    assert counted(count, word) == expected


NOT_STARTED = session(
    at("2026-11-25T08:00:00+01:00"),
    id="2026-11-25-not-started",
    title="Gentle lower-back relief",
    path="/routines/gentle.toml",
    outcome=Outcome.BLOCKED,
    reason="Not started after the caution: Go gently today.",
    screening=Screening(pain_before=7, cautions=["Go gently today"], not_started_after_caution=True),
)


def test_the_report_and_table_do_not_count_going_back_at_a_caution_as_a_block() -> None:
    report = markdown_report([*RECORDS, NOT_STARTED], TODAY)
    assert (
        "- Sessions: 4 (1 completed, 1 stopped for pain, 1 blocked at the safety check, 1 not started after a caution)"
    ) in report
    rows = export.sessions_table([BLOCKED, NOT_STARTED]).splitlines()[2:]
    assert rows[0].endswith("blocked") and rows[1].endswith("not started")
    sessions = json.loads(export.sessions_json([BLOCKED, NOT_STARTED]))["sessions"]
    flags = [s["not_started_after_caution"] for s in sessions]
    assert flags == [False, True], "the JSON keeps the log's outcome and says which was the user's choice"


def test_the_report_of_a_first_day_counts_one_day() -> None:
    report = markdown_report([NOT_STARTED], TODAY)
    assert "- Adherence since the first session (2026-11-25 – 2026-11-25): exercised on 0 of 1 day (0%)" in report


def test_the_report_of_a_long_time_user_counts_adherence_over_the_whole_window() -> None:
    early = session(at("2026-01-05T08:00:00+01:00"), id="early", path="/g.toml", outcome=Outcome.BLOCKED)
    report = markdown_report([early, *RECORDS], TODAY)
    assert "- Adherence over the last 12 weeks (2026-09-07 – 2026-11-25): exercised on 2 of 80 days (2%)" in report


def test_markdown_report_says_why_each_session_was_blocked() -> None:
    report = markdown_report(RECORDS, TODAY)
    part = report.split("## Safety checks")[1].split("## Notes")[0]
    rows = [split_row(line) for line in part.splitlines() if line.startswith("| 2026")]
    assert rows == [["2026-11-23", "Gentle lower-back relief", "blocked", "Red flag: numbness in the legs"]]
    assert "Health profile" not in part


def test_markdown_report_gives_the_health_profile_with_its_dates() -> None:
    from datetime import datetime, timedelta, timezone

    from coach.safety.profile_questions import CLEARANCE_QUESTION
    from tests.helpers.checks import profile as answered

    noted = datetime(2026, 11, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    profile = answered(yes=("cancer-history", "pregnancy"), age="50-69", at=noted)
    profile.answer(CLEARANCE_QUESTION.id, True, noted + timedelta(days=3))
    profile.mark_reviewed(noted + timedelta(days=3))
    report = markdown_report(RECORDS, TODAY, profile=profile)
    part = report.split("### Health profile")[1].split("## Notes")[0]
    assert "- Conditions noted: pregnancy (since 2026-11-02)" in part
    assert "- Serious-cause history noted: a history of cancer (since 2026-11-02)" in part
    assert (
        "- Age: 50 to 69; this episode: less than 6 weeks; first episode: no; assessed by a professional: yes" in part
    )
    assert "- Cleared by a professional for exercise, as recorded by the person: 2026-11-05" in part
    assert "- Leg symptoms assessed by a professional who advised exercise: no" in part
    assert "- Last reviewed: 2026-11-05" in part
