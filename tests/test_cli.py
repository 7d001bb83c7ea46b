"""The command line: exit codes, messages on stderr, and no Textual outside the TUI."""

from __future__ import annotations

import csv
import io
import json
import pkgutil
import stat
import subprocess
import sys
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import wcwidth
from rich.cells import cell_len

import coach
from coach.arguments import HISTORY_FORMATS
from coach.cli import main
from coach.history import export
from coach.logs.records import Outcome, Screening, StepOutcome, StepRecord
from coach.logs.store import list_sessions
from tests.helpers.app import accepted
from tests.helpers.records import at, session
from tests.helpers.routines import SMALL

ROOT = Path(__file__).resolve().parent.parent


def top_modules() -> set[str]:
    """Every package and module directly under coach, but the screens and the command line."""
    return {
        f"coach.{module.name}"
        for module in pkgutil.iter_modules(coach.__path__)
        if module.name not in ("__main__", "cli", "ui")
    }


def test_import_contract_keeps_textual_out_of_every_core_package():
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    [no_textual] = [contract for contract in contracts if "textual" in contract.get("forbidden_modules", [])]
    assert set(no_textual["source_modules"]) == top_modules()


@pytest.mark.parametrize(
    "argv", [["list"], ["validate", "routines/gentle-relief.toml"], ["history", "--format", "csv"]]
)
def test_plain_commands_do_not_import_textual(argv, tmp_path):
    code = (
        "import sys; from coach.cli import main; rc = main(sys.argv[1:]); "
        "assert not any(m.split('.')[0] == 'textual' for m in sys.modules), 'textual imported'; sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--data-dir", str(tmp_path), *argv], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


NOT_AT_START = ("argparse", "importlib.resources", "tomli_w")
"""Plain ``coach`` parses no arguments, finds its bundled files without ``importlib.resources`` and
writes no TOML before its first frame."""

LATER = (
    "wcwidth",
    "coach.ui.starting",
    "coach.ui.screens.session",
    "coach.ui.screens.safety_check",
    "coach.ui.screens.notice",
    "coach.session.running",
    "coach.history.home_status",
    "coach.function.store",
    "coach.session.speech",
    "coach.ui.screens.home",
    "coach.routines.catalog",
    "coach.ui.profile_flow",
    *NOT_AT_START,
)
"""Modules not imported before the app runs: home's first frame does not need the first seven, and
the first-run notice none of them (home and the routines are imported once there is a home to show)."""

FIRST_FRAME_LATER = ("coach.logs.records", "coach.logs.store", *NOT_AT_START)
"""Modules home's first frame does without: the logs are read after it, away from the screen."""


def test_the_full_screen_coach_starts_with_only_what_home_needs():
    code = "import sys, coach.cli, coach.ui.app; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    )
    assert loaded.isdisjoint(LATER), sorted(loaded & set(LATER))


def test_home_is_drawn_without_the_log_records_or_a_toml_writer(tmp_path):
    """The modules loaded when home's first frame is drawn, in a headless app of a returning user."""
    accepted(tmp_path)
    code = """
import os, sys
from pathlib import Path
from textual.app import App
from coach.ui.app import build_app

display = App._display

def drawn(self, screen, renderable):
    display(self, screen, renderable)
    if type(screen).__name__ == "HomeScreen":
        print(" ".join(sorted(sys.modules)), flush=True)
        os._exit(0)

App._display = drawn
build_app(Path(sys.argv[1])).run(headless=True, size=(100, 30))
"""
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True, timeout=60
        ).stdout.split()
    )
    assert "coach.ui.screens.home" in loaded, "home was drawn"
    assert loaded.isdisjoint(FIRST_FRAME_LATER), sorted(loaded & set(FIRST_FRAME_LATER))


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_reports_each_problem_with_its_place_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(SMALL.replace("hold = 10", "hold = 2.5").replace("prepare = 3", "prepar = 3"))
    good = tmp_path / "good.toml"
    good.write_text(SMALL)
    code, out, err = run(["validate", str(good), str(bad)], capsys)
    assert code == 1
    assert out == f"{good}: ok (Small routine)\n"
    assert err.splitlines() == [
        f"{bad}:3:1: prepar: unknown key; did you mean 'prepare'?",
        f"{bad}:11:1: exercises[0].hold: must be a whole number from 1 to 600, not 2.5",
    ]


def test_validate_all_valid_exits_0(tmp_path, capsys):
    good = tmp_path / "good.toml"
    good.write_text(SMALL)
    assert run(["validate", str(good)], capsys)[0] == 0


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"", "is empty"),
        (b"\x00\x01\xff\xfe binary", "not valid UTF-8"),
        (b"format = 1\ntitle = " + b"[" * 3000 + b"]" * 3000, "nested too deeply"),
        (b"# pad\n" * 50000, "larger than 256 KiB"),
    ],
    ids=["empty", "binary", "nested", "huge"],
)
def test_validate_malformed_files_never_print_a_traceback(tmp_path, content, fragment):
    path = tmp_path / "x.toml"
    path.write_bytes(content)
    result = subprocess.run([sys.executable, "-m", "coach", "validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert fragment in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr


def test_list_shows_bundled_routines_and_broken_files(tmp_path, capsys):
    (tmp_path / "routines").mkdir()
    (tmp_path / "routines" / "oops.toml").write_text("title = 3")
    code, out, _ = run(["--data-dir", str(tmp_path), "list"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "TITLE", "MIN", "LEVEL", "FILE"]
    assert any(line.startswith("gentle-relief ") for line in lines)
    assert any(line.startswith("oops ") and "invalid" in line for line in lines)


def test_history_on_an_empty_data_dir_says_so(tmp_path, capsys):
    code, out, err = run(["--data-dir", str(tmp_path), "history"], capsys)
    assert code == 0 and "No sessions logged yet" in out and not err


def test_data_dir_from_the_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    code, out, _ = run(["history"], capsys)
    assert str(tmp_path) in out


def _session(data, logged: str, outcome: Outcome, note: str = "") -> None:
    from coach.logs.store import create_session

    when = at(logged)
    record = session(
        when,
        when,
        id="",
        title="Small routine",
        routine="small",
        outcome=outcome,
        screening=Screening(pain_before=3),
        pain_after=2,
        planned_exercises=1,
        note=note,
        steps=[StepRecord("a", "A", StepOutcome.DONE, when, when, 60.0, 60, "1 of 1 holds")],
    )
    create_session(data, record)


def test_history_formats_and_since(tmp_path, capsys):
    _session(tmp_path, "2026-11-01T08:00:00+00:00", Outcome.COMPLETED, note="first, with a comma")
    _session(tmp_path, "2026-11-20T08:00:00+00:00", Outcome.STOPPED_FOR_PAIN)
    code, out, _ = run(["--data-dir", str(tmp_path), "history", "--format", "csv"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["outcome"] for r in rows] == ["completed", "stopped_for_pain"]
    assert rows[0]["note"] == "first, with a comma"
    code, out, _ = run(["--data-dir", str(tmp_path), "history", "--format", "json", "--since", "2026-11-10"], capsys)
    assert [s["outcome"] for s in json.loads(out)["sessions"]] == ["stopped_for_pain"]
    code, out, _ = run(["--data-dir", str(tmp_path), "history", "--format", "markdown"], capsys)
    assert code == 0 and out.startswith("#")
    code, out, _ = run(["--data-dir", str(tmp_path), "history", "--format", "steps-csv"], capsys)
    steps = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [(s["date"], s["exercise_name"], s["work_done"]) for s in steps] == [
        ("2026-11-01", "A", "1 of 1 holds"),
        ("2026-11-20", "A", "1 of 1 holds"),
    ]


@pytest.mark.parametrize("fmt", HISTORY_FORMATS)
@pytest.mark.parametrize("tty", [False, True], ids=["piped", "terminal"])
def test_history_printed_never_carries_control_characters(tmp_path, capsys, monkeypatch, fmt, tty):
    _session(tmp_path, "2026-11-01T08:00:00+00:00", Outcome.COMPLETED, note="red \x1b[31mtext\x07\x9b")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: tty)
    code, out, _ = run(["--data-dir", str(tmp_path), "history", "--format", fmt], capsys)
    assert code == 0 and out
    assert not any(char in out for char in "\x1b\x07\x9b\r")


def test_history_output_file_keeps_the_logged_text_for_spreadsheets(tmp_path, capsys):
    _session(tmp_path, "2026-11-01T08:00:00+00:00", Outcome.COMPLETED, note="=cmd \x1b[31mtext")
    target = tmp_path / "sessions.csv"
    code, out, _ = run(["--data-dir", str(tmp_path), "history", "--format", "csv", "-o", str(target)], capsys)
    raw = target.read_bytes().decode()
    assert code == 0 and str(target) in out and "\x1b" not in out
    assert raw == export.sessions_csv(list_sessions(tmp_path)[0])
    assert "'=cmd \x1b[31mtext" in raw and "\r\n" in raw
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    code, _, err = run(["--data-dir", str(tmp_path), "history", "--output", str(tmp_path / "no" / "x.csv")], capsys)
    assert code == 1 and err.startswith("coach: Could not write") and err.count("\n") == 1


@pytest.mark.parametrize("argv", [[], ["run", "gentle-relief"]], ids=["coach", "run"])
def test_the_full_screen_coach_refuses_without_a_terminal(tmp_path, argv):
    result = subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(tmp_path), *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("coach: ") and "terminal" in result.stderr and result.stderr.count("\n") == 1


@pytest.fixture
def launched(monkeypatch):
    """The full-screen app as the command line starts it, faked: what it was made with, and whether the
    cyclic collector was on while it ran."""
    import gc

    import coach.ui.app

    seen = {}

    class App:
        return_code = 0

        def run(self) -> None:
            seen["collecting"] = gc.isenabled()

    def build_app(data, **options):
        seen.update(data=data, **options)
        return App()

    monkeypatch.setattr(coach.ui.app, "build_app", build_app)
    monkeypatch.setattr("coach.cli._is_terminal", lambda _stream: True)
    return seen


@pytest.mark.parametrize("flag, voice", [([], None), (["--voice"], True), (["--no-voice"], False)])
def test_run_passes_the_voice_choice_to_the_app(tmp_path, launched, flag, voice):
    assert main(["--data-dir", str(tmp_path), "run", "desk-break", *flag]) == 0
    assert launched["voice"] is voice and launched["start_with"].name == "desk-break"


def test_plain_coach_opens_the_app_in_the_data_folder_with_the_collector_paused(tmp_path, monkeypatch, launched):
    """No arguments: no parser, the data folder from the environment, the collector paused while the
    app starts (the app resumes it after its first frame; see test_ui_startup) and on again after."""
    import gc

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    assert main([]) == 0
    assert launched == {"collecting": False, "data": tmp_path, "start_with": None, "voice": None}
    assert gc.isenabled(), "on again once the app has ended, whatever happened to its first frame"


def test_list_aligns_wide_titles(tmp_path, capsys):
    (tmp_path / "routines").mkdir()
    (tmp_path / "routines" / "wide.toml").write_text(
        SMALL.replace('title = "Small routine"', 'title = "腰痛のストレッチ"')
    )
    code, out, _ = run(["--data-dir", str(tmp_path), "list"], capsys)
    header, *rows = out.splitlines()
    column = wcwidth.width(header[: header.index("MIN")])
    wide = next(row for row in rows if row.startswith("wide "))
    after_title = wide.index("腰痛のストレッチ") + len("腰痛のストレッチ")
    minutes_at = after_title + len(wide[after_title:]) - len(wide[after_title:].lstrip())
    assert wcwidth.width(wide[:minutes_at]) == column


@pytest.mark.parametrize("title", ["Family 👨‍👩‍👧 time", "❤️ Heart"])
def test_list_lines_up_emoji_titles_as_the_full_screen_coach_measures_them(tmp_path, capsys, title):
    (tmp_path / "routines").mkdir()
    (tmp_path / "routines" / "emoji.toml").write_text(SMALL.replace('title = "Small routine"', f'title = "{title}"'))
    code, out, _ = run(["--data-dir", str(tmp_path), "list"], capsys)
    header, *rows = out.splitlines()
    row = next(row for row in rows if row.startswith("emoji "))
    assert code == 0 and title in row
    minutes = row.index(" 3 ", row.index(title)) + 1
    assert cell_len(row[:minutes]) == cell_len(header[: header.index("MIN")])


def long_data_dir(tmp_path: Path) -> Path:
    data = tmp_path / ("a-folder-with-a-long-name-" * 4) / "coach-data"
    (data / "routines").mkdir(parents=True)
    (data / "routines" / "mine.toml").write_text(SMALL)
    return data


@pytest.mark.parametrize("columns", [100, 80])
def test_list_fits_the_terminal_by_cutting_the_start_of_long_paths(tmp_path, capsys, monkeypatch, columns):
    data = long_data_dir(tmp_path)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run(["--data-dir", str(data), "list"], capsys)
    assert code == 0
    assert all(wcwidth.width(line) <= columns for line in out.splitlines()), out
    mine = next(line for line in out.splitlines() if line.startswith("mine "))
    assert mine.endswith("/routines/mine.toml") and "…" in mine and str(data) not in mine


def test_list_prints_paths_whole_when_not_printing_to_a_terminal(tmp_path, capsys, monkeypatch):
    data = long_data_dir(tmp_path)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(["--data-dir", str(data), "list"], capsys)
    mine = next(line for line in out.splitlines() if line.startswith("mine "))
    assert mine.endswith(str(data / "routines" / "mine.toml")) and "…" not in mine


def test_bad_date_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(tmp_path), "history", "--since", "yesterday"])
    assert caught.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_new_writes_a_valid_template_once(tmp_path, capsys):
    code, out, _ = run(["--data-dir", str(tmp_path), "new", "morning"], capsys)
    path = tmp_path / "routines" / "morning.toml"
    assert code == 0 and str(path) in out and path.is_file()
    assert run(["validate", str(path)], capsys)[0] == 0
    code, _, err = run(["--data-dir", str(tmp_path), "new", "morning"], capsys)
    assert code == 1 and "already exists" in err


def test_run_unknown_routine_is_one_sentence_and_exit_1(tmp_path, capsys):
    code, _, err = run(["--data-dir", str(tmp_path), "run", "no-such-routine"], capsys)
    assert code == 1
    assert err.startswith("coach: No routine named 'no-such-routine'") and err.count("\n") == 1


def test_run_a_broken_file_lists_its_problems(tmp_path, capsys):
    path = tmp_path / "broken.toml"
    path.write_text("format = 1\n")
    code, _, err = run(["--data-dir", str(tmp_path), "run", str(path)], capsys)
    assert code == 1 and f"{path}: title: is required" in err


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0 and capsys.readouterr().out.startswith("coach ")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "validate" in capsys.readouterr().out


def test_messages_never_carry_control_characters(tmp_path, capsys):
    code, _, err = run(["--data-dir", str(tmp_path), "run", "evil\x1b[2Jname"], capsys)
    assert code == 1 and "\x1b" not in err


def test_a_reader_that_closes_early_gets_no_traceback(tmp_path):
    import subprocess
    import sys

    command = f"{sys.executable} -m coach --data-dir {tmp_path} list | head -1"
    done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60)
    assert done.stdout.startswith("NAME")
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


@pytest.mark.parametrize("argv", [["list"], ["history"], ["new", "mine"], ["run", "gentle-relief"], []])
@pytest.mark.parametrize("under", [False, True], ids=["is-a-file", "inside-a-file"])
def test_a_file_where_the_data_folder_should_be_is_one_clear_sentence(tmp_path, capsys, argv, under):
    afile = tmp_path / "afile"
    afile.write_text("not a folder")
    data = afile / "coach" if under else afile
    code, out, err = run(["--data-dir", str(data), *argv], capsys)
    assert code == 1 and out == ""
    assert err == f"coach: {afile} is a file, not a folder: give --data-dir or COACH_DATA_DIR a folder.\n"
    assert afile.read_text() == "not a folder"


def test_coach_new_makes_the_data_and_routines_folders_private(tmp_path, capsys):
    data = tmp_path / "fresh" / "coach"
    code, out, _ = run(["--data-dir", str(data), "new", "mine"], capsys)
    assert code == 0
    for folder in (tmp_path / "fresh", data, data / "routines"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


def test_history_says_no_log_could_be_read_when_every_one_was_skipped(tmp_path, capsys):
    (tmp_path / "sessions").mkdir()
    (tmp_path / "sessions" / "bad.toml").write_text("not = [valid")
    code, out, err = run(["--data-dir", str(tmp_path), "history"], capsys)
    assert code == 0 and "bad.toml" in err
    assert out == "No session could be read: 1 log was skipped (named above).\n"


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_history_since_a_recent_day_keeps_the_advisory_worked_out_from_every_log(tmp_path, capsys, fmt):
    from coach.logs.store import create_session

    today = date.today()
    for ago, pain in ((13, 2), (12, 2), (10, 2), (3, 7), (1, 7)):
        when = datetime(*(today - timedelta(days=ago)).timetuple()[:3], 8, tzinfo=UTC)
        record = session(
            when,
            when,
            id="",
            title="Small",
            routine="small",
            outcome=Outcome.COMPLETED,
            screening=Screening(pain_before=pain),
        )
        create_session(tmp_path, record)
    since = (today - timedelta(days=2)).isoformat()
    code, out, _ = run(["--data-dir", str(tmp_path), "history", "--format", fmt, "--since", since], capsys)
    assert code == 0 and "Pain is getting worse" in out


def test_a_broken_file_s_long_error_does_not_widen_the_list_table(tmp_path, capsys):
    (tmp_path / "routines").mkdir()
    (tmp_path / "routines" / "oops.toml").write_text(f'format = 1\ntitle = "{"x" * 400}"\n')
    code, out, _ = run(["--data-dir", str(tmp_path), "list"], capsys)
    lines = out.splitlines()
    oops = next(n for n, line in enumerate(lines) if line.startswith("oops "))
    assert "title: must be at most 80 characters" in lines[oops + 1] and lines[oops + 1].startswith("    ")
    table = [line for line in lines if not line.startswith("    ")]
    assert max(len(line.split("  /")[0]) for line in table) < 80
