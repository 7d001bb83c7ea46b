"""Session logs: format, atomic saves, unique files, interrupted sessions, unreadable files."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import tomli_w

from coach.errors import LogError
from coach.logs import store as logstore
from coach.logs.codec import dumps, parse_log, read_log, record_to_dict
from coach.logs.records import (
    HurtKind,
    Outcome,
    PainReport,
    Screening,
    SessionRecord,
    StepOutcome,
    StepRecord,
)
from coach.logs.store import (
    create_session,
    list_sessions,
    new_session_id,
    save_session,
)
from coach.paths import sessions_dir
from tests.helpers.records import START, at, session

NOW = datetime(2026, 11, 21, 19, 30, 12)
STEP_START, STEP_END = "2026-11-21T19:30:20+01:00", "2026-11-21T19:30:40+01:00"


def make_record(session_id: str = "", started: datetime = NOW, **changes) -> SessionRecord:
    record = session(
        started.astimezone(),
        id=session_id,
        title="Gentle lower-back relief",
        path="/routines/gentle.toml",
        planned_exercises=3,
        screening=Screening(
            red_flags={"leg-pain": False, "bladder-bowel": False},
            contraindications={"osteoporosis": False},
            pain_before=4,
            previous_settled=True,
        ),
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def finished_record() -> SessionRecord:
    record = make_record(
        ended_at=at("2026-11-21T19:50:00+01:00"),
        outcome=Outcome.STOPPED_FOR_PAIN,
        reason="Sharp pain during bird dog.",
        pain_after=6,
        active_seconds=612.5,
        note='Felt "tight" \\ after\nthe second [bold]set[/bold] \x1b[31m',
    )
    record.steps = [
        StepRecord(
            "knee-to-chest",
            "Knee-to-chest",
            StepOutcome.DONE,
            at("2026-11-21T19:30:20+01:00"),
            at("2026-11-21T19:33:00+01:00"),
            150.25,
            160,
            "3 of 3 holds, both sides",
        ),
        StepRecord(
            "bird-dog",
            "Bird dog",
            StepOutcome.STOPPED,
            at("2026-11-21T19:33:05+01:00"),
            at("2026-11-21T19:34:00+01:00"),
            40,
            120,
        ),
    ]
    record.pain_reports = [
        PainReport(at("2026-11-21T19:33:01+01:00"), "check", 3, "knee-to-chest", verdict="green", decision="continue"),
        PainReport(at("2026-11-21T19:34:00+01:00"), "hurts", 7, "bird-dog", HurtKind.RED_FLAG, "stop", "stop"),
    ]
    return record


def only_listed(data: Path) -> SessionRecord:
    """The one log in ``data`` as coach lists it: an in-progress log whose process is gone reads as interrupted."""
    records, problems = list_sessions(data)
    assert problems == [] and len(records) == 1
    return records[0]


def write_raw(data: Path, name: str, content: str | bytes) -> Path:
    folder = sessions_dir(data)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def dead_pid() -> int:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    return int(finished.stdout)


def test_round_trip_keeps_every_field(tmp_path):
    record = finished_record()
    path = create_session(tmp_path, record)
    assert read_log(path) == record


def test_round_trip_without_a_file():
    record = finished_record()
    assert parse_log(dumps(record).encode()) == record


def test_none_values_are_left_out_of_the_file(tmp_path):
    record = make_record(screening=Screening(), pain_after=None)
    record.pain_reports = [PainReport(at("2026-11-21T19:33:01+01:00"), "check", 2)]
    text = create_session(tmp_path, record).read_text()
    for key in ("pain_after", "pain_before", "previous_settled", "kind"):
        assert key not in text
    assert read_log(sessions_dir(tmp_path) / f"{record.id}.toml") == record


def test_file_starts_with_format_version(tmp_path):
    path = create_session(tmp_path, make_record())
    assert path.read_text().startswith("format = 1\n")


def test_create_sets_pid_host_and_id(tmp_path):
    record = make_record()
    path = create_session(tmp_path, record)
    assert record.pid == os.getpid()
    assert record.host == socket.gethostname()
    assert path == sessions_dir(tmp_path) / f"{record.id}.toml"
    assert record.id[:8].isdigit() and record.id[8] == "T"


def test_new_session_id_sorts_by_time_and_is_unique():
    ids = [new_session_id(NOW) for _ in range(1000)]
    assert len(set(ids)) == 1000
    assert all(i.startswith("20261121T193012000000-") for i in ids)
    assert new_session_id(NOW + timedelta(seconds=1)) > max(ids)


def test_two_sessions_started_in_the_same_second_list_newest_first(tmp_path, routine_file):
    from coach.routines.loader import load_routine
    from coach.session.recorder import log_blocked

    routine = load_routine(routine_file)
    for micro in (900_000, 900_001):
        moment = NOW.replace(microsecond=micro).astimezone()
        log_blocked(tmp_path, routine, Screening(pain_before=micro % 2), "blocked", lambda m=moment: m)
    assert [r.pain_before for r in list_sessions(tmp_path)[0]] == [1, 0]


def test_save_rewrites_and_leaves_no_temporary_files(tmp_path):
    record = make_record()
    path = create_session(tmp_path, record)
    for n in range(5):
        record.steps.append(StepRecord(f"ex-{n}", f"Exercise {n}", StepOutcome.DONE, START, START, 10, 10))
        save_session(path, record)
    assert read_log(path).steps == record.steps
    assert os.listdir(path.parent) == [path.name]


def test_many_sessions_in_the_same_second_get_distinct_files(tmp_path):
    ids = {create_session(tmp_path, make_record(new_session_id(NOW))).name for _ in range(200)}
    assert len(ids) == 200
    assert len(os.listdir(sessions_dir(tmp_path))) == 200


def test_an_id_already_taken_gets_a_fresh_file(tmp_path):
    first = make_record("20261121T193012-1-aaaaaaaa")
    second = make_record("20261121T193012-1-aaaaaaaa", note="second")
    first_path = create_session(tmp_path, first)
    second_path = create_session(tmp_path, second)
    assert first_path != second_path
    assert second.id != first.id
    assert read_log(first_path).note == ""
    assert read_log(second_path).note == "second"


def test_colliding_random_part_is_retried(tmp_path, monkeypatch):
    tokens = iter(["aaaaaaaa", "aaaaaaaa", "aaaaaaaa", "bbbbbbbb"])
    monkeypatch.setattr(logstore.secrets, "token_hex", lambda n: next(tokens))
    paths = {create_session(tmp_path, make_record()) for _ in range(2)}
    assert len(paths) == 2


def test_sessions_from_two_processes_in_the_same_second_never_share_a_file(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        from datetime import datetime
        from pathlib import Path
        from coach.logs.store import create_session, new_session_id
        from tests.helpers.records import session
        now = datetime(2026, 11, 21, 19, 30, 12).astimezone()
        for n in range(100):
            record = session(now, id=new_session_id(now), title="t", routine="t", note=sys.argv[1])
            create_session(Path({str(tmp_path)!r}), record)
    """)
    root = Path(__file__).parents[1]
    workers = [subprocess.Popen([sys.executable, "-c", script, name], cwd=root) for name in ("a", "b")]
    assert [w.wait(timeout=120) for w in workers] == [0, 0]
    records, problems = list_sessions(tmp_path)
    assert problems == []
    assert len(records) == 200
    assert sorted(r.note for r in records) == ["a"] * 100 + ["b"] * 100


def test_live_session_reads_in_progress(tmp_path):
    create_session(tmp_path, make_record())
    assert only_listed(tmp_path).outcome is Outcome.IN_PROGRESS


def test_in_progress_log_of_dead_process_reads_interrupted(tmp_path):
    record = make_record()
    path = create_session(tmp_path, record)
    record.pid = dead_pid()
    record.steps.append(StepRecord("a", "A", StepOutcome.DONE, START, START, 5, 5))
    save_session(path, record)
    loaded = only_listed(tmp_path)
    assert loaded.outcome is Outcome.INTERRUPTED
    assert loaded.steps == record.steps


def test_in_progress_log_from_another_host_reads_interrupted(tmp_path):
    record = make_record()
    path = create_session(tmp_path, record)
    record.host = socket.gethostname() + "-elsewhere"
    save_session(path, record)
    assert only_listed(tmp_path).outcome is Outcome.INTERRUPTED


def test_in_progress_log_without_pid_reads_interrupted(tmp_path):
    write_raw(tmp_path, "x.toml", tomli_w.dumps(record_to_dict(make_record("x"))))
    assert only_listed(tmp_path).outcome is Outcome.INTERRUPTED


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="needs process start times")
def test_pid_reused_by_a_newer_process_reads_interrupted(tmp_path):
    record = make_record()
    path = create_session(tmp_path, record)
    long_ago = datetime(2001, 1, 1).timestamp()
    os.utime(path, (long_ago, long_ago))
    assert only_listed(tmp_path).outcome is Outcome.INTERRUPTED


def test_finished_outcomes_are_kept_whatever_the_process(tmp_path):
    record = finished_record()
    path = create_session(tmp_path, record)
    record.pid = dead_pid()
    save_session(path, record)
    assert only_listed(tmp_path).outcome is Outcome.STOPPED_FOR_PAIN


CORRUPT = {
    "garbage.toml": "this is = not [ toml",
    "binary.toml": b'format = 1\nid = "\xff\xfe"\n',
    "newer.toml": None,
    "missing.toml": None,
    "badtype.toml": None,
    "badrating.toml": None,
    "badoutcome.toml": None,
    "empty.toml": "",
}


def corrupt_files(data: Path, only: str = "") -> dict[str, Path]:
    good = record_to_dict(finished_record())
    variants = {
        "newer.toml": {**good, "format": 2},
        "missing.toml": {k: v for k, v in good.items() if k != "started_at"},
        "badtype.toml": {**good, "pain_after": "6"},
        "badrating.toml": {**good, "pain_after": 11},
        "badoutcome.toml": {**good, "outcome": "exploded"},
    }
    paths = {}
    for name, content in CORRUPT.items():
        if only and name != only:
            continue
        paths[name] = write_raw(data, name, content if content is not None else tomli_w.dumps(variants[name]))
    return paths


def test_corrupt_files_are_reported_and_good_ones_still_listed(tmp_path):
    good = [create_session(tmp_path, make_record(new_session_id(NOW + timedelta(days=n)))) for n in range(3)]
    bad = corrupt_files(tmp_path)
    records, problems = list_sessions(tmp_path)
    assert [r.id for r in records] == [p.stem for p in reversed(good)]
    assert {p for p, _ in problems} == set(bad.values())
    reasons = dict(problems)
    assert "TOML" in reasons[bad["garbage.toml"]]
    assert "UTF-8" in reasons[bad["binary.toml"]]
    assert "newer" in reasons[bad["newer.toml"]]
    assert "started_at is missing" in reasons[bad["missing.toml"]]
    assert "pain_after" in reasons[bad["badtype.toml"]]
    assert "0 to 10" in reasons[bad["badrating.toml"]]
    assert "exploded" in reasons[bad["badoutcome.toml"]]
    assert "format is missing" in reasons[bad["empty.toml"]]


@pytest.mark.parametrize("name", sorted(CORRUPT))
def test_a_corrupt_file_is_reported_by_its_path_with_a_reason(tmp_path, name):
    path = corrupt_files(tmp_path, only=name)[name]
    records, problems = list_sessions(tmp_path)
    assert records == []
    assert [p for p, _ in problems] == [path] and problems[0][1]


@pytest.mark.parametrize(
    "change",
    [
        {"steps": [{"exercise_id": "a"}]},
        {"steps": "none"},
        {"pain_reports": [{"at": "x", "source": "check", "rating": True}]},
        {"screening": {"red_flags": {"leg-pain": "no"}}},
        {"pid": -3},
        {"active_seconds": float("nan")},
        {"format": True},
    ],
)
def test_invalid_fields_are_rejected(tmp_path, change):
    path = write_raw(tmp_path, "bad.toml", tomli_w.dumps({**record_to_dict(finished_record()), **change}))
    records, problems = list_sessions(tmp_path)
    assert records == [] and [p for p, _ in problems] == [path]


def test_unknown_keys_are_ignored(tmp_path):
    record = finished_record()
    write_raw(tmp_path, "x.toml", tomli_w.dumps({**record_to_dict(record), "future": 1}))
    assert list_sessions(tmp_path) == ([record], [])


@pytest.mark.skipif(os.name != "posix", reason="needs symbolic links")
def test_a_log_that_cannot_be_opened_is_reported_by_its_path(tmp_path):
    path = sessions_dir(tmp_path) / "nope.toml"
    path.parent.mkdir(parents=True)
    path.symlink_to(tmp_path / "gone.toml")
    records, problems = list_sessions(tmp_path)
    assert records == [] and [p for p, _ in problems] == [path] and problems[0][1]


def test_temporary_and_other_files_are_not_listed(tmp_path):
    create_session(tmp_path, make_record())
    write_raw(tmp_path, ".x.toml.1234.tmp", "junk")
    write_raw(tmp_path, ".hidden.toml", "junk")
    write_raw(tmp_path, "notes.txt", "junk")
    records, problems = list_sessions(tmp_path)
    assert len(records) == 1 and problems == []


def test_missing_sessions_folder_lists_nothing(tmp_path):
    assert list_sessions(tmp_path) == ([], [])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_save_into_read_only_folder_raises_log_error(tmp_path):
    record = make_record()
    path = create_session(tmp_path, record)
    path.parent.chmod(0o500)
    try:
        with pytest.raises(LogError, match="Could not save"):
            save_session(path, record)
    finally:
        path.parent.chmod(0o700)


def test_save_when_temporary_file_cannot_be_created_raises_log_error(tmp_path, monkeypatch):
    record = make_record()
    path = create_session(tmp_path, record)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("coach.atomic.tempfile.mkstemp", refuse)
    with pytest.raises(LogError, match="Permission denied"):
        save_session(path, record)


def test_failed_replace_raises_log_error_and_keeps_old_log(tmp_path, monkeypatch):
    record = make_record()
    path = create_session(tmp_path, record)
    before = path.read_text()

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("coach.atomic.os.replace", fail)
    record.note = "changed"
    with pytest.raises(LogError, match="No space left"):
        save_session(path, record)
    assert path.read_text() == before
    assert os.listdir(path.parent) == [path.name]


def test_create_in_unwritable_place_raises_log_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(LogError):
        create_session(blocker, make_record())


def test_listing_many_logs_newest_first_and_since(tmp_path):
    folder = sessions_dir(tmp_path)
    folder.mkdir(parents=True)
    first = datetime(2025, 1, 1, 8, 0, 0)
    for n in range(2000):
        started = first + timedelta(hours=7 * n)
        record = finished_record()
        record.id = new_session_id(started)
        record.started_at = started.astimezone()
        record.pid = os.getpid()
        (folder / f"{record.id}.toml").write_text(tomli_w.dumps(record_to_dict(record)))
    records, problems = list_sessions(tmp_path)
    assert problems == []
    assert len(records) == 2000
    assert [r.started_at for r in records] == sorted((r.started_at for r in records), reverse=True)
    since = date(2026, 1, 1)
    recent, _ = list_sessions(tmp_path, since=since)
    assert recent and all(r.day >= since for r in recent)
    assert len(recent) == sum(r.day >= since for r in records)


def test_since_uses_started_at_when_the_name_has_no_date(tmp_path):
    old = make_record("old", started=datetime(2020, 5, 1))
    new = make_record("new", started=datetime(2026, 5, 1))
    for record in (old, new):
        write_raw(tmp_path, f"{record.id}.toml", tomli_w.dumps(record_to_dict(record)))
    records, _ = list_sessions(tmp_path, since=date(2025, 1, 1))
    assert [r.id for r in records] == ["new"]


def test_not_started_after_a_caution_is_kept_in_the_screening_table_and_left_out_when_false(tmp_path):
    declined = make_record(
        outcome=Outcome.BLOCKED,
        screening=Screening(pain_before=7, cautions=["Go gently today"], not_started_after_caution=True),
    )
    text = create_session(tmp_path, declined).read_text()
    assert "not_started_after_caution = true" in text
    assert read_log(sessions_dir(tmp_path) / f"{declined.id}.toml").screening.not_started_after_caution is True
    assert "not_started_after_caution" not in record_to_dict(make_record())["screening"]


def test_reading_every_log_ends_early_with_what_was_read_once_told_to_stop(tmp_path):
    for day in range(5):
        create_session(tmp_path, make_record(new_session_id(NOW + timedelta(days=day)), NOW + timedelta(days=day)))
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2

    records, problems = list_sessions(tmp_path, stop=stop)
    assert len(records) == 2 and not problems, "two logs read, then it stopped"
    assert len(list_sessions(tmp_path)[0]) == 5
