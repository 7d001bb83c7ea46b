"""Nothing a shared routine, a log or the sessions folder holds can crash, hang or exhaust coach."""

from __future__ import annotations

import os
import resource
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import tomli_w

from coach.cli import main
from coach.errors import RoutineError
from coach.logs.codec import record_to_dict
from coach.logs.records import MAX_LOG_ENTRIES, Outcome, Screening, SessionRecord, StepOutcome
from coach.logs.store import create_session, list_sessions
from coach.routines.loader import MAX_PROBLEMS, load_routine, load_routine_text
from tests.helpers.records import at, session
from tests.helpers.routines import SMALL

HUGE = "0x" + "f" * 3600
"""An integer whose decimal form is past Python's 4,300-digit limit."""
FINISHES = 120
"""Seconds a child coach gets before the test calls it hung; generous, never a speed check."""
MEMORY_CAP = 1024 * 1024 * 1024


def coach(*argv: str, stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    """Run the coach command in a child with capped memory; fails the test if it does not finish."""

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    return subprocess.run(
        [sys.executable, "-m", "coach", *argv],
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=FINISHES,
        preexec_fn=cap_memory,
    )


def problems_of(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load_routine_text(text)
    return [problem.format() for problem in caught.value.problems]


def exercise(exercise_id: str, extra: str = "", dose: str = "hold = 5") -> str:
    return f'\n[[exercises]]\nid = "{exercise_id}"\nname = "N"\nhow = ["Do it."]\n{dose}\n{extra}'


HEAD = 'format = 1\ntitle = "T"\n'


@pytest.mark.parametrize(
    "text",
    [
        HEAD + exercise("a", dose=f"hold = {HUGE}"),
        f'format = {HUGE}\ntitle = "T"\n' + exercise("a"),
        HEAD + exercise("a", dose=f"reps = 2\ntempo = [1, {HUGE}, 1]"),
        f'format = 1\ntitle = "T"\ncontraindications = [{HUGE}]\n' + exercise("a"),
        HEAD + exercise("a", dose=f"duration = -{'9' * 40}"),
    ],
    ids=["hold", "format", "tempo", "contraindications", "negative"],
)
def test_a_huge_integer_is_described_not_printed(text):
    [problem] = problems_of(text)
    assert "far too" in problem and "fff" not in problem


def test_a_huge_integer_in_a_shared_file_leaves_list_and_validate_working(tmp_path, capsys):
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "huge.toml").write_text(HEAD + exercise("a", dose=f"hold = {HUGE}"))
    assert main(["--data-dir", str(tmp_path), "list"]) == 0
    out = capsys.readouterr().out
    assert "gentle-relief" in out and "huge" in out and "far too large" in out
    assert main(["validate", str(folder / "huge.toml")]) == 1
    assert "far too large" in capsys.readouterr().err


def test_a_decimal_number_of_thousands_of_digits_is_placed():
    [problem] = problems_of(HEAD + exercise("a", dose=f"hold = {'9' * 5000}"))
    assert problem.startswith("<string>:8:8: ") and problem.endswith("a number far too large")
    assert "sys." not in problem


def fill(piece, limit: int = 256 * 1024 - 64) -> str:
    """A routine head and then as many numbered copies of ``piece`` as fit in a routine file."""
    parts, size, n = [HEAD], len(HEAD), 0
    while size + len(piece(n)) < limit:
        parts.append(piece(n))
        size += len(piece(n))
        n += 1
    return "".join(parts)


@pytest.mark.parametrize(
    "piece",
    [
        lambda n: f"[x{n}]\n" + "a." * 6 + "a = 1\n",
        lambda n: f"t{n}.a.a.a = 1\n",
        lambda n: f"[t{n}.a.a.a]\n",
        lambda n: "[[e]]\na = 1\n",
        lambda n: f"k{n} = {{ a.b.c = 1 }}\n",
    ],
    ids=["tables-with-deep-keys", "dotted-keys", "dotted-headers", "array-tables", "inline-dotted-keys"],
)
def test_thousands_of_tables_are_refused_placed_before_parsing(piece):
    """Each of these shapes cost the TOML parser one to two seconds at 256 KiB."""
    [problem] = problems_of(fill(piece))
    assert problem.startswith("<string>:") and "more than 300 tables" in problem


def test_a_routine_of_a_hundred_exercises_is_not_too_many_tables():
    text = HEAD + "".join(exercise(f"e{n}", dose="hold = 1") for n in range(100))
    assert len(load_routine_text(text).exercises) == 100


def unknown_keys(count: int) -> str:
    return HEAD + "".join(f"k{n:x} = 1\n" for n in range(count)) + exercise("a")


def test_problems_are_capped_with_a_count_of_the_rest():
    problems = problems_of(unknown_keys(500))
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].startswith("<string>:3:1: k0: unknown key")
    assert problems[-1] == f"<string>: and {500 - MAX_PROBLEMS} more problems"


def test_a_file_full_of_unknown_keys_is_judged(tmp_path):
    path = tmp_path / "keys.toml"
    path.write_text(unknown_keys(25_000))
    assert path.stat().st_size < 256 * 1024
    result = coach("validate", str(path))
    assert result.returncode == 1 and result.stderr.splitlines()[-1].endswith("and 24,980 more problems")


def test_a_file_full_of_unknown_contraindications_is_judged(tmp_path):
    path = tmp_path / "contra.toml"
    path.write_text(HEAD + "contraindications = [" + '"x",' * 60_000 + "]\n" + exercise("a"))
    result = coach("validate", str(path))
    assert result.returncode == 1 and result.stderr.splitlines()[-1].endswith("and 59,980 more problems")


def test_a_key_inside_a_multi_line_string_is_not_mistaken_for_the_bad_one():
    text = (
        'format = 1\ndescription = """\nbogus = 1\n"""\n'
        "# bogus = 2\nnote = '''\nbogus = 3'''\n"
        'title = "T" # bogus = 4\nbogus = 5\n' + exercise("a")
    )
    problems = problems_of(text)
    assert [p.split(":")[1] for p in problems if "bogus" in p] == ["9"]


def test_a_pipe_named_like_a_routine_is_refused_everywhere(tmp_path):
    pipe = tmp_path / "routines" / "pipe.toml"
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    result = coach("validate", str(pipe))
    assert result.returncode == 1 and "not a regular file" in result.stderr
    listed = coach("--data-dir", str(tmp_path), "list")
    assert listed.returncode == 0 and "not a regular file" in listed.stdout and "gentle-relief" in listed.stdout


def test_a_pipe_and_a_device_in_the_sessions_folder_are_skipped(tmp_path):
    create_session(tmp_path, record())
    sessions = tmp_path / "sessions"
    os.mkfifo(sessions / "20990101T000000-pipe.toml")
    (sessions / "20990101T000000-zero.toml").symlink_to("/dev/zero")
    result = coach("--data-dir", str(tmp_path), "history", "--format", "csv")
    assert result.returncode == 0
    assert result.stderr.count("not a regular file") == 2 and "completed" in result.stdout


def test_a_log_larger_than_the_bound_is_skipped_unread(tmp_path):
    create_session(tmp_path, record())
    (tmp_path / "sessions" / "big.toml").write_bytes(b"#" * (1024 * 1024 + 1))
    records, unreadable = list_sessions(tmp_path)
    assert len(records) == 1 and unreadable == [(tmp_path / "sessions" / "big.toml", "it is larger than 1 MiB")]


@pytest.mark.parametrize("field", ["steps", "pain_reports"])
def test_a_log_with_more_entries_than_a_session_can_write_is_skipped_unread(tmp_path, field):
    create_session(tmp_path, record())
    entry = {"steps": STEP, "pain_reports": PAIN}[field]
    data = record_to_dict(record())
    data[field] = [entry] * (MAX_LOG_ENTRIES + 1)
    (tmp_path / "sessions" / "many.toml").write_text(tomli_w.dumps(data))
    records, unreadable = list_sessions(tmp_path)
    assert len(records) == 1
    assert unreadable == [(tmp_path / "sessions" / "many.toml", f"{field} holds more than 1,000 entries")]


def test_the_recorder_never_writes_more_entries_than_a_log_may_hold(tmp_path, monkeypatch):
    from coach.logs import codec as log_codec
    from coach.logs.codec import read_log
    from coach.routines.loader import load_routine_text
    from coach.session import recorder as recorder_module
    from coach.session.engine import ExerciseResult
    from coach.session.recorder import SessionRecorder
    from tests.helpers.routines import SMALL

    # A small bound, shared by writer and reader as the real one is: every entry is an atomic rewrite.
    bound = 12
    monkeypatch.setattr(recorder_module, "MAX_LOG_ENTRIES", bound)
    monkeypatch.setattr(log_codec, "MAX_LOG_ENTRIES", bound)
    recorder = SessionRecorder(tmp_path, load_routine_text(SMALL), Screening(pain_before=2))
    recorder.start()
    for n in range(bound + 5):
        recorder.add_pain("check", n % 10, "x")
        recorder.add_step(ExerciseResult("x", "X", StepOutcome.DONE, 1.0, 10, "1 of 1"))
    saved = read_log(recorder.path)
    assert len(saved.pain_reports) == len(saved.steps) == bound
    assert saved.pain_after == (bound + 4) % 10


def test_a_routine_larger_than_the_bound_is_refused(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * (256 * 1024 + 1))
    with pytest.raises(RoutineError, match="larger than 256 KiB"):
        load_routine(path)


def record(**changes) -> SessionRecord:
    fields = dict(
        id="",
        title="Good",
        routine="good",
        ended_at=at("2026-10-01T08:20:00+00:00"),
        outcome=Outcome.COMPLETED,
        screening=Screening(pain_before=3),
        pain_after=2,
        planned_exercises=1,
    )
    return session(at("2026-10-01T08:00:00+00:00"), **{**fields, **changes})


def write_log(data: Path, name: str, changes: dict) -> Path:
    content = record_to_dict(record(id=name))
    content.update(changes)
    path = data / "sessions" / f"{name}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = tomli_w.dumps({k: v for k, v in content.items() if v is not None})
    path.write_text(text.replace("HUGE", HUGE).replace('"0x', "0x").replace('f"', "f"))
    return path


BAD_FIELDS = [
    {"planned_exercises": "HUGE"},
    {"pid": "HUGE", "outcome": "in_progress", "host": socket.gethostname()},
    {"format": "HUGE"},
    {"pid": -3},
    {"planned_exercises": 10**9},
    {"active_seconds": float("inf")},
    {"pain_after": "HUGE"},
    {
        "steps": [
            {
                "exercise_id": "a",
                "exercise_name": "A",
                "outcome": "done",
                "started_at": "x",
                "ended_at": "x",
                "active_seconds": 1.0,
                "planned_seconds": "HUGE",
            }
        ]
    },
    {"note": "n" * 2001},
    {"routine_title": "t" * 5000},
    {"outcome": "x" * 5000},
    {"started_at": "garbage"},
    {"ended_at": "9999-99-99"},
]


@pytest.mark.parametrize("changes", BAD_FIELDS, ids=lambda c: next(iter(c)))
def test_a_log_with_an_out_of_range_field_is_reported_not_fatal(tmp_path, capsys, changes):
    create_session(tmp_path, record())
    bad = write_log(tmp_path, "20991231T000000-bad", changes)
    records, unreadable = list_sessions(tmp_path)
    assert len(records) == 1 and [path for path, _ in unreadable] == [bad]
    assert len(unreadable[0][1]) < 200 and "fff" not in unreadable[0][1]
    for fmt in ("table", "csv", "json", "markdown"):
        assert main(["--data-dir", str(tmp_path), "history", "--format", fmt]) == 0
        assert "skipped unreadable log" in capsys.readouterr().err


def test_a_log_as_long_as_allowed_still_reads(tmp_path):
    write_log(tmp_path, "20991231T000000-long", {"note": "n" * 2000, "planned_exercises": 100})
    [read], unreadable = list_sessions(tmp_path)
    assert unreadable == [] and len(read.note) == 2000


def test_an_easier_cycle_is_an_error_at_its_place():
    text = HEAD + exercise("a", 'easier = "b"') + exercise("b", 'easier = "c"') + exercise("c", 'easier = "a"')
    [problem] = problems_of(text)
    assert problem.startswith("<string>:9:1: exercises[0].easier: ")
    assert "returns to an exercise already passed: a → b → c → a" in problem


def test_an_easier_chain_without_a_cycle_is_accepted():
    text = HEAD + exercise("a", 'easier = "b"') + exercise("b", 'easier = "c"') + exercise("c")
    assert [e.easier for e in load_routine_text(text).exercises] == ["b", "c", None]


def test_an_easier_link_to_itself_is_refused():
    [problem] = problems_of(HEAD + exercise("a", 'easier = "a"'))
    assert "exercises[0].easier" in problem and "itself" in problem


def test_a_routine_just_over_two_hours_says_so_precisely():
    timed = [exercise(name, dose=f"duration = {seconds}") for name, seconds in (("a", 3600), ("b", 3600), ("c", 1))]
    [problem] = problems_of(HEAD + "prepare = 0\n" + "".join(timed))
    assert "lasts 2:00:01; the most is 2:00:00" in problem


@pytest.mark.parametrize(
    "invisible", ["   ", r"\u200b\u200b", r"\u0001\u0002", r"\u00a0\u2060", r"\u3000", r"\u0085\u200e"]
)
def test_text_made_only_of_invisible_characters_is_refused(invisible):
    problems = problems_of(
        f'format = 1\ntitle = "{invisible}"\n' + exercise("a").replace('name = "N"', f'name = "{invisible}"')
    )
    assert [p.split(": ")[1] for p in problems] == ["title", "exercises[0].name"]


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL.encode())
    assert load_routine(path).title == "Small routine"


def test_session_folders_and_files_are_private(tmp_path):
    data = tmp_path / "new" / "data"
    path = create_session(data, record())
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_sessions_folder_left_open_to_others_is_made_private(tmp_path):
    folder = tmp_path / "data" / "sessions"
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    create_session(tmp_path / "data", record())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_export_folders_are_private(tmp_path):
    from datetime import date

    from coach.ui.screens.history import write_export

    data = tmp_path / "data"
    paths = write_export(data, [record()], [], date(2026, 10, 2))
    for folder in (data, data / "exports", paths[0].parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(path.stat().st_mode) for path in paths} == {0o600}


STEP = {
    "exercise_id": "x",
    "exercise_name": "X",
    "outcome": "done",
    "started_at": "2026-11-21T19:30:12+01:00",
    "ended_at": "2026-11-21T19:30:22+01:00",
    "active_seconds": 10.0,
    "planned_seconds": 10,
}
PAIN = {"at": "2026-11-21T19:30:22+01:00", "source": "check", "rating": 2}


@pytest.mark.parametrize(
    ("where", "said"),
    [("# {}", "ok (T)"), ("description = '{}'", "description: must be at most 1000 characters")],
)
def test_a_line_of_quotes_and_backslashes_is_judged_and_finishes(tmp_path, where, said):
    """Such a line once made the search for long dotted keys go over it again from every quote."""
    filler = where.format('"\\' * 120_000)
    path = tmp_path / "quotes.toml"
    path.write_text(HEAD + filler + "\n" + exercise("a"))
    done = coach("validate", str(path))
    assert said in done.stdout + done.stderr


def test_a_huge_number_is_placed_at_the_value_not_in_a_string_or_comment_before_it():
    nines = "9" * 5000
    text = HEAD + f'description = "{nines}"\n# {nines}\n' + exercise("a", dose=f"hold = {nines}")
    [problem] = problems_of(text)
    assert problem.startswith("<string>:10:8: ") and problem.endswith("a number far too large")


def test_a_key_thousands_of_characters_long_is_cut_in_its_message():
    [problem, *_] = problems_of(HEAD + "hold" * 5000 + " = 1\n" + exercise("a"))
    assert len(problem) < 200 and "unknown key" in problem and "…" in problem
