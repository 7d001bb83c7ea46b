"""What coach prints reaches the terminal clean, and an output it cannot write is one sentence, never
a traceback: a closed stdout, a full disk, a locale that only knows ASCII."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import main
from coach.logs.records import Outcome, Screening
from coach.logs.store import create_session
from tests.helpers.records import at, session

FINISHES = 120
"""Seconds a child coach gets before the test calls it hung; generous, never a speed check."""
CONTROL = ("\x1b", "\x07", "\x9b")


def logged(data: Path) -> Path:
    create_session(
        data,
        session(
            at("2026-10-01T08:00:00+00:00"),
            at("2026-10-01T08:20:00+00:00"),
            id="",
            title="Small routine…",
            routine="small",
            outcome=Outcome.COMPLETED,
            screening=Screening(pain_before=3),
            pain_after=2,
            planned_exercises=1,
        ),
    )
    return data


def child(*argv: str, env: dict[str, str] | None = None, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coach", *argv],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=FINISHES,
        env=env,
        **options,
    )


def one_sentence(stderr: str) -> str:
    assert "Traceback" not in stderr and stderr.count("\n") == 1, stderr
    assert stderr.startswith("coach: ") and stderr.endswith(".\n"), stderr
    return stderr


# 16. what the terminal is sent ----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["history", "--since", "\x1b]0;owned\x07\x1b[31m"],
        ["\x1b]0;owned\x07"],
        ["history", "--format", "\x1b[2J"],
        ["list", "--\x1b[31mcolour"],
        ["list", "\x1b]8;;http://x\x07link"],
    ],
    ids=["since", "command", "choice", "option", "argument"],
)
def test_argument_errors_never_echo_control_characters(tmp_path, capsys, argv):
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(tmp_path), *argv])
    err = capsys.readouterr().err
    assert exited.value.code == 2 and "usage: coach" in err
    assert not any(char in err for char in CONTROL)


async def test_a_notification_naming_the_data_folder_shows_it_clean(tmp_path):
    from tests.helpers.app import accepted, app_for
    from tests.helpers.clock import FakeClock

    data = tmp_path / "data\x1b]0;owned\x07\x1b[41m"
    data.mkdir()
    accepted(data)
    (data / "profile.toml").write_text("not = [valid")
    app = app_for(data, None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = [(n.title, n.message) for n in app._notifications]
    assert any(title == "Health profile not read" for title, _ in shown), shown
    assert not any(char in title + message for title, message in shown for char in CONTROL), shown


# 18. outputs coach cannot write ---------------------------------------------------------------


def close_stdout() -> None:
    os.close(1)


@pytest.mark.parametrize("command", [["history"], ["list"], ["learn"], ["history", "--format", "json"]])
def test_a_closed_stdout_is_one_sentence_and_exit_1(tmp_path, command):
    done = child("--data-dir", str(logged(tmp_path)), *command, preexec_fn=close_stdout)
    assert done.returncode == 1
    assert "standard output is closed" in one_sentence(done.stderr)


@pytest.mark.parametrize("command", [["history"], ["list"], ["learn"], ["history", "--format", "csv"]])
def test_a_full_disk_under_stdout_is_one_sentence_and_exit_1(tmp_path, command):
    with open("/dev/full", "w") as full:
        done = child("--data-dir", str(logged(tmp_path)), *command, stdout=full)
    assert done.returncode == 1
    assert one_sentence(done.stderr) == "coach: Could not print the output: No space left on device.\n"


@pytest.mark.parametrize("command", [["history"], ["list"], ["learn"], ["history", "--format", "markdown"]])
def test_an_ascii_only_locale_gets_ascii_stand_ins(tmp_path, command):
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}
    env.pop("PYTHONIOENCODING", None)
    done = child("--data-dir", str(logged(tmp_path)), *command, env=env, stdout=subprocess.PIPE)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.isascii() and done.stdout
    if command == ["history"]:
        assert "pain before->after" in done.stdout and "Small routine..." in done.stdout


def test_ascii_stand_ins_keep_the_sense(tmp_path):
    from coach.text import ascii_stand_in

    assert ascii_stand_in("pain 3→2 … ⚠ café – “ok” ✗ 日本") == 'pain 3->2 ... ! cafe - "ok" x ??'
