"""Time: every timestamp read once into an aware moment; one without an offset, or one this machine's
time zone cannot hold, makes its file unreadable (with the reason), never a crash."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import tomli_w

from coach.cli import main
from coach.history.export_folder import write_export
from coach.logs.store import list_sessions, recent_sessions
from coach.safety.check import RECENT_LOGS, SafetyCheck
from coach.safety.profile_questions import ANSWER_IDS
from coach.ui.screens.home import HomeScreen
from tests.helpers import checks
from tests.helpers.app import accepted, app_for, home_settled, wait_for_screen
from tests.helpers.clock import FakeClock

ORDINARY = "2026-11-20T08:00:00+01:00"
NO_OFFSET = "9999-12-31T23:59:59"
LATE_9999 = "9999-12-20T12:00:00+00:00"


def write_log(data: Path, name: str, started: str, ended: str = "", step: str = "", pain: str = "") -> Path:
    """A log file as another program might have left it: ``started`` (and the others) as given."""
    step, pain = step or started, pain or started
    text = f"""format = 1
id = "{name}"
routine_title = "Gentle"
routine_name = "gentle"
routine_path = ""
started_at = "{started}"
ended_at = "{ended or started}"
outcome = "completed"
pain_after = 5
stop_advised = true
planned_exercises = 1

[screening]
pain_before = 2

[[steps]]
exercise_id = "a"
exercise_name = "A"
outcome = "done"
started_at = "{step}"
ended_at = "{step}"

[[pain_reports]]
at = "{pain}"
source = "check"
rating = 5
"""
    path = data / "sessions" / f"{name}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_a_log_without_an_offset_is_unreadable_with_the_reason(data_dir, zone):
    zone("America/Los_Angeles")
    write_log(data_dir, "20261120T080000-1-good", ORDINARY)
    bad = write_log(data_dir, "20261121T080000-1-naive", NO_OFFSET)
    records, unreadable = list_sessions(data_dir)
    assert [r.id for r in records] == ["20261120T080000-1-good"]
    assert [path for path, _ in unreadable] == [bad]
    assert "started_at" in unreadable[0][1] and "UTC offset" in unreadable[0][1]


@pytest.mark.parametrize("where", ["ended", "step", "pain"])
def test_every_timestamp_of_a_log_needs_its_offset(data_dir, where):
    write_log(data_dir, "20261121T080000-1-naive", ORDINARY, **{where: "2026-11-21T08:05:00"})
    records, unreadable = list_sessions(data_dir)
    assert records == [] and len(unreadable) == 1
    assert {"ended": "ended_at", "step": "steps[0].started_at", "pain": "pain_reports[0].at"}[where] in (
        unreadable[0][1]
    )


@pytest.mark.parametrize(
    ("place", "moment"),
    [
        ("America/Los_Angeles", "9999-12-31T23:59:59-08:00"),
        ("America/Los_Angeles", "0001-01-01T00:00:00+00:00"),
        ("Asia/Tokyo", "0001-01-01T00:00:00+01:00"),
        ("Asia/Tokyo", "9999-12-31T23:00:00+00:00"),
    ],
)
def test_a_moment_this_zone_cannot_hold_makes_the_log_unreadable(data_dir, zone, place, moment):
    zone(place)
    write_log(data_dir, "20261120T080000-1-good", ORDINARY)
    bad = write_log(data_dir, "20261121T080000-1-edge", moment)
    records, unreadable = list_sessions(data_dir)
    assert len(records) == 1 and [path for path, _ in unreadable] == [bad]
    assert "time zone" in unreadable[0][1]


def test_a_log_without_an_offset_does_not_crash_the_safety_check(data_dir, zone):
    zone("America/Los_Angeles")
    write_log(data_dir, "20261121T080000-1-naive", NO_OFFSET)
    recent = recent_sessions(data_dir, RECENT_LOGS)
    now = datetime(2026, 11, 22, 9).astimezone()
    profile = checks.profile(at=now)
    check = SafetyCheck(profile, (), recent, now, lambda screening, reason: None)
    assert check.verdict is None and check.pending is not None


async def test_a_log_without_an_offset_does_not_crash_home(data_dir, zone):
    zone("America/Los_Angeles")
    write_log(accepted(data_dir), "20261121T080000-1-naive", NO_OFFSET)
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        home = await home_settled(pilot)
        assert app.screen is home and home.is_attached
        assert not home.query_one("#rest").display


def test_a_log_dated_late_9999_is_in_the_markdown_report(data_dir, zone, capsys):
    zone("UTC")
    write_log(data_dir, "99991220T120000-1-late", LATE_9999)
    assert main(["--data-dir", str(data_dir), "history", "--format", "markdown"]) == 0
    assert "9999-12-20" in capsys.readouterr().out


def test_since_a_far_year_reaches_a_late_9999_log_among_ordinary_ones(data_dir, zone, capsys):
    zone("UTC")
    write_log(data_dir, "20261120T080000-1-good", ORDINARY)
    write_log(data_dir, "99991220T120000-1-late", LATE_9999)
    code = main(["--data-dir", str(data_dir), "history", "--format", "markdown", "--since", "9000-01-01"])
    out = capsys.readouterr().out
    assert code == 0 and "9999-12-20" in out and "2026-11-20" not in out


def test_an_export_of_a_late_9999_log_writes_every_file(data_dir, zone):
    zone("UTC")
    write_log(data_dir, "99991220T120000-1-late", LATE_9999)
    records, _ = list_sessions(data_dir)
    paths = write_export(data_dir, records, [], date(2026, 11, 22))
    assert [p.name for p in paths] == ["sessions.csv", "steps.csv", "function.csv", "report.md"]
    assert all(p.stat().st_size > 0 for p in paths)
    assert "9999-12-20" in paths[3].read_text()


def profile_text(reviewed_at: str, clearance: str = "") -> str:
    """A complete profile: "no" to every question, or a cancer history cleared at ``clearance``."""
    values = {"age-band": "16-49", "episode-length": "under-6-weeks"}
    answers = {
        a: {"value": values.get(a, bool(clearance) and a == "cancer-history"), "at": ORDINARY} for a in ANSWER_IDS
    }
    if clearance:
        answers["clearance"] = {"value": True, "at": clearance}
    return tomli_w.dumps({"format": 1, "reviewed_at": reviewed_at, "answers": answers, "changes": []})


@pytest.mark.parametrize(
    ("place", "reviewed_at"),
    [
        ("UTC", "0001-01-01T00:00:00"),
        ("America/Los_Angeles", "0001-01-01T00:00:00"),
        ("Asia/Tokyo", "0001-01-01T00:00:00"),
        ("America/Los_Angeles", "9999-12-31T23:59:59"),
        ("Asia/Tokyo", "9999-12-31T23:59:59"),
        ("Asia/Tokyo", "0001-01-01T00:00:00+01:00"),
    ],
)
async def test_a_profile_with_an_impossible_review_date_is_not_read_and_coach_starts(
    data_dir, zone, place, reviewed_at
):
    zone(place)
    (accepted(data_dir) / "profile.toml").write_text(profile_text(reviewed_at))
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        await home_settled(pilot)
        assert app.screen is home or type(app.screen).__name__ == "ProfileScreen"
        assert "reviewed_at" in app.profile_problem and "\n" not in app.profile_problem


def test_a_profile_with_an_extreme_clearance_date_leaves_the_report_whole(data_dir, zone, capsys):
    zone("America/Los_Angeles")
    write_log(data_dir, "20261120T080000-1-good", ORDINARY)
    (data_dir / "profile.toml").write_text(profile_text(ORDINARY, clearance="9999-12-31T23:59:59"))
    assert main(["--data-dir", str(data_dir), "history", "--format", "markdown"]) == 0
    assert "## Safety checks" in capsys.readouterr().out


async def test_coach_starts_when_the_zone_is_more_than_a_day_from_utc(data_dir, zone):
    zone("UTC+25")
    write_log(accepted(data_dir), "20261120T080000-1-good", ORDINARY)
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        home = await home_settled(pilot)
        assert app.screen is home
        assert app.wall_clock().utcoffset() is not None
    records, unreadable = list_sessions(data_dir)
    assert len(records) == 1 and unreadable == []


def test_the_documented_log_reads_and_writes_back_its_timestamps_as_they_were(data_dir):
    import re

    from coach.history import export
    from coach.logs.codec import dumps, parse_log

    example = (Path(__file__).parents[1] / "docs" / "log-format.md").read_text().split("```toml\n")[1].split("```")[0]
    written = re.findall(r'^\w+ = "(\d{4}-[^"]+)"$', example, re.MULTILINE)
    record = parse_log(example.encode())
    assert record.started_at.utcoffset() is not None and record.day == date(2026, 11, 21)
    assert re.findall(r'^\w+ = "(\d{4}-[^"]+)"$', dumps(record), re.MULTILINE) == written
    (row,) = export.sessions_json([record]).splitlines()[1:2]
    assert '"started_at": "2026-11-21T19:30:12+01:00", "ended_at": "2026-11-21T19:41:40+01:00"' in row
    assert export.sessions_table([record]).splitlines()[2].startswith("2026-11-21 19:30")


def test_an_export_that_fails_leaves_no_empty_folder(data_dir, monkeypatch):
    from coach.history import export_folder

    def broken(*args, **kwargs):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(export_folder, "markdown_report", broken)
    with pytest.raises(OverflowError):
        write_export(data_dir, [], [], date(2026, 11, 22))
    assert not (data_dir / "exports").exists() or not any((data_dir / "exports").iterdir())
