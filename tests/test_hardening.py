"""What real use does to coach: unwritable folders, full disks, corrupt logs, hostile routine text."""

from __future__ import annotations

import errno
import html
import re
import subprocess
import sys
from datetime import UTC, datetime

from coach.logs.records import Outcome, StepOutcome
from coach.logs.store import list_sessions
from coach.session.running import SKIP_AGAIN_AFTER
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.summary import SummaryScreen
from tests.helpers.app import accepted, answer, app_for, move, pass_safety_check, skip
from tests.helpers.clock import FakeClock
from tests.helpers.records import session
from tests.helpers.routines import SMALL, hostile_routine

SIZE = (100, 30)


async def test_an_unwritable_data_folder_warns_and_the_session_still_runs(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    data = blocker / "data"
    routine = tmp_path / "small.toml"
    routine.write_text(SMALL)
    clock = FakeClock()
    app = app_for(data, routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "a")
        session = await pass_safety_check(pilot)
        assert "Could not create the session log folder" in session.query_one("#warning").text
        await answer(pilot, "space")
        await move(pilot, clock, 55)
        await answer(pilot, "2")
        assert session.session.view().exercise_name == "Pelvic tilt"
        assert session.session.recorder.path is None
        assert "try again" in session.session.recorder.warning


def failing_writes(monkeypatch) -> dict[str, bool]:
    """Log writes fail with a full disk while ``["on"]`` is true."""
    import coach.logs.store as logstore

    real_write = logstore.write_atomic
    failing = {"on": False}

    def write(path, text):
        if failing["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, text)

    monkeypatch.setattr(logstore, "write_atomic", write)
    return failing


async def test_a_failed_write_is_retried_at_the_next_step_and_nothing_is_lost(data_dir, tmp_path, monkeypatch):
    failing = failing_writes(monkeypatch)
    routine = tmp_path / "small.toml"
    routine.write_text(SMALL)
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = await pass_safety_check(pilot)
        failing["on"] = True
        await answer(pilot, "s")
        assert "No space left on device" in session.query_one("#warning").text
        failing["on"] = False
        clock.advance(SKIP_AGAIN_AFTER)
        await answer(pilot, "s")
        assert session.query_one("#warning").text == ""
    [record], _ = list_sessions(data_dir)
    assert [s.outcome for s in record.steps] == [StepOutcome.SKIPPED, StepOutcome.SKIPPED]


def test_fifty_corrupt_logs_are_counted_and_named_and_the_rest_shown(data_dir):
    from coach.logs.records import Screening
    from coach.logs.store import create_session

    for day in range(1, 11):
        create_session(
            data_dir,
            session(
                datetime(2026, 10, day, 8, tzinfo=UTC),
                datetime(2026, 10, day, 8, 20, tzinfo=UTC),
                id="",
                title="Good",
                routine="good",
                outcome=Outcome.COMPLETED,
                screening=Screening(pain_before=3),
                pain_after=2,
                planned_exercises=1,
            ),
        )
    sessions = data_dir / "sessions"
    garbage = [b"", b"\xff\xfe", b"format = 1\n", b"not toml = = =", b'format = 99\nid = "x"']
    for n in range(50):
        (sessions / f"2026091{n % 10}T0000{n:02d}-1-corrupt.toml").write_bytes(garbage[n % len(garbage)])
    records, problems = list_sessions(data_dir)
    assert len(records) == 10 and len(problems) == 50
    assert all("corrupt" in path.name for path, _ in problems)
    result = subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(data_dir), "history", "--format", "csv"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert result.stdout.count("\n") == 11
    assert result.stderr.count("skipped unreadable log") == 50


def visible(app) -> str:
    """The screen's text, from the SVG screenshot the app itself renders."""
    pieces = re.findall(r">([^<]*)</text>", app.export_screenshot())
    return html.unescape("".join(pieces)).replace("\u00a0", " ")


async def test_markup_and_control_characters_stay_literal_on_every_screen(data_dir, tmp_path):
    routine = tmp_path / "hostile.toml"
    routine.write_text(hostile_routine())
    (data_dir / "routines").mkdir()
    (data_dir / "routines" / "hostile.toml").write_text(hostile_routine())
    clock = FakeClock()
    app = app_for(accepted(data_dir), None, clock)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        index = next(i for i, e in enumerate(home.entries) if e.name == "hostile")
        home.query_one("DataTable").move_cursor(row=index)
        await pilot.pause()
        assert "[@click=app.quit]Q[/]" in visible(app)
        await answer(pilot, "enter")
        await pass_safety_check(pilot)
        await pilot.pause()
        shown = visible(app)
        assert "Lie on your back. [bold]B[/]" in shown
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
        await answer(pilot, "space")
        await move(pilot, clock, 1)
        assert "Breathe slowly. [bold]B[/]" in visible(app)
        await skip(pilot, clock, 2)
        await answer(pilot, "p", "b", "5")
        assert "Try Pelvic tilt [bold]B[/]" in visible(app)
        await answer(pilot, "e")
        await answer(pilot, "q", "y", "3")
        assert isinstance(app.screen, SummaryScreen)
        assert "[link=x]L[/link]" in visible(app)
        assert app.is_running
    [record], _ = list_sessions(data_dir)
    assert record.routine_title.startswith("Small routine [bold]B[/]")


async def test_a_summary_whose_log_failed_to_save_tries_again_before_going_home(data_dir, tmp_path, monkeypatch):
    from coach.ui.screens.home import HomeScreen
    from coach.ui.screens.prompts import YesNoPrompt
    from coach.ui.screens.summary import SummaryScreen

    failing = failing_writes(monkeypatch)
    routine = tmp_path / "small.toml"
    routine.write_text(SMALL)
    app = app_for(accepted(data_dir), routine, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot)
        await answer(pilot, "q", "y")
        failing["on"] = True
        await answer(pilot, "3")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press(*"sore knee")
        await answer(pilot, "escape")
        assert isinstance(app.screen, YesNoPrompt), "left although nothing was saved"
        failing["on"] = False
        await answer(pilot, "y")
        assert isinstance(app.screen, HomeScreen)
    [record], _ = list_sessions(data_dir)
    assert record.outcome is Outcome.ENDED_EARLY and record.note == "sore knee" and record.pain_after == 3


async def test_a_summary_with_no_note_still_saves_the_outcome_that_failed_to_save(data_dir, tmp_path, monkeypatch):
    from coach.ui.screens.home import HomeScreen

    failing = failing_writes(monkeypatch)
    routine = tmp_path / "small.toml"
    routine.write_text(SMALL)
    app = app_for(accepted(data_dir), routine, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot)
        failing["on"] = True
        await answer(pilot, "q", "y", "3")
        failing["on"] = False
        await answer(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
    [record], _ = list_sessions(data_dir)
    assert record.outcome is Outcome.ENDED_EARLY and record.pain_after == 3
