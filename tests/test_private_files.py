"""Every file coach writes is written atomically and for its owner only; its health-data folders are
its own, never a link elsewhere; a folder it cannot read is named, not passed over."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from coach.cli import main
from coach.errors import LogError
from coach.files import make_private_folder
from coach.history.export_folder import write_export
from coach.logs.records import Outcome, Screening, SessionRecord
from coach.logs.store import create_session
from coach.routines.catalog import discover
from tests.helpers.records import at, session
from tests.helpers.routines import SMALL

FINISHES = 120
"""Seconds a child coach gets before the test calls it hung; generous, never a speed check."""


def record() -> SessionRecord:
    return session(
        at("2026-10-01T08:00:00+00:00"),
        at("2026-10-01T08:20:00+00:00"),
        id="",
        title="Small routine",
        routine="small",
        outcome=Outcome.COMPLETED,
        screening=Screening(pain_before=3),
        pain_after=2,
        planned_exercises=1,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def history_to(data: Path, target: Path, capsys) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "history", "--format", "csv", "-o", str(target)])
    out, err = capsys.readouterr()
    return code, out, err


# 6. coach history -o FILE ---------------------------------------------------------------------


def test_history_output_over_an_existing_file_leaves_it_for_its_owner_only(tmp_path, capsys):
    create_session(tmp_path, record())
    target = tmp_path / "open.csv"
    target.write_text("old")
    target.chmod(0o644)
    code, out, _ = history_to(tmp_path, target, capsys)
    assert code == 0 and "Wrote 1 session" in out
    assert mode(target) == 0o600 and target.read_text().startswith("id,date,started_at,")


def test_history_output_to_a_link_is_refused_and_its_target_untouched(tmp_path, capsys):
    create_session(tmp_path, record())
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("not yours to write")
    link = tmp_path / "link.csv"
    link.symlink_to(elsewhere)
    code, out, err = history_to(tmp_path, link, capsys)
    assert code == 1 and out == ""
    assert err.startswith(f"coach: Could not write {link}: it is a link") and err.count("\n") == 1
    assert elsewhere.read_text() == "not yours to write" and link.is_symlink()


def test_history_output_to_a_pipe_is_refused_without_waiting(tmp_path):
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    done = subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(tmp_path), "history", "-o", str(pipe)],
        capture_output=True,
        text=True,
        timeout=FINISHES,
    )
    assert done.returncode == 1 and "is a pipe, device or socket" in done.stderr
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_history_output_on_a_full_disk_leaves_the_existing_file_whole(tmp_path, capsys, monkeypatch):
    create_session(tmp_path, record())
    target = tmp_path / "kept.csv"
    target.write_text("the earlier export")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("coach.atomic.os.fsync", full)
    code, _, err = history_to(tmp_path, target, capsys)
    assert code == 1 and err == f"coach: Could not write {target}: No space left on device.\n"
    assert target.read_text() == "the earlier export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.csv", "sessions"]


# 7. coach new ----------------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_a_new_routine_is_for_its_owner_only_whatever_the_umask(tmp_path, capsys, umask):
    before = os.umask(umask)
    try:
        assert main(["--data-dir", str(tmp_path), "new", "mine"]) == 0
    finally:
        os.umask(before)
    capsys.readouterr()
    assert mode(tmp_path / "routines" / "mine.toml") == 0o600


# 8. a sessions folder coach cannot chmod -------------------------------------------------------


def refuse_chmod(monkeypatch, folder: Path) -> None:
    """``folder`` belongs to another user: changing its mode is not allowed."""
    real_chmod = os.chmod

    def chmod(path, mode, *args, **kwargs):
        if Path(path) == folder:
            raise PermissionError(errno.EPERM, "Operation not permitted", str(path))
        return real_chmod(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "chmod", chmod)


@pytest.mark.parametrize("folder_mode", [0o777, 0o733])
def test_sessions_are_logged_in_a_folder_whose_mode_cannot_be_changed(tmp_path, monkeypatch, folder_mode):
    folder = tmp_path / "sessions"
    folder.mkdir()
    folder.chmod(folder_mode)
    refuse_chmod(monkeypatch, folder)
    path = create_session(tmp_path, record())
    assert path.parent == folder and mode(path) == 0o600


def test_only_a_folder_others_can_read_and_coach_cannot_tighten_is_left_open(tmp_path, monkeypatch):
    readable, unreadable, own = tmp_path / "readable", tmp_path / "unreadable", tmp_path / "own"
    for folder, folder_mode in ((readable, 0o755), (unreadable, 0o711), (own, 0o755)):
        folder.mkdir()
        folder.chmod(folder_mode)
    refuse_chmod(monkeypatch, readable)
    refuse_chmod(monkeypatch, unreadable)
    assert make_private_folder(readable, health_data=True) is False
    assert make_private_folder(unreadable, health_data=True) is True
    assert make_private_folder(own, health_data=True) is True and mode(own) == 0o700


async def test_the_app_warns_of_a_sessions_folder_others_can_read(tmp_path, monkeypatch):
    from tests.helpers.app import accepted, app_for
    from tests.helpers.clock import FakeClock

    folder = tmp_path / "sessions"
    folder.mkdir()
    folder.chmod(0o755)
    refuse_chmod(monkeypatch, folder)
    app = app_for(accepted(tmp_path), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications]
    assert any(str(folder) in message and "other users can read" in message for message in said), said


# 9. sessions/ or exports/ as a link ------------------------------------------------------------


def test_a_sessions_folder_that_is_a_link_is_refused_and_its_target_untouched(tmp_path):
    data, elsewhere = tmp_path / "data", tmp_path / "elsewhere"
    data.mkdir()
    elsewhere.mkdir(mode=0o755)
    elsewhere.chmod(0o755)
    (data / "sessions").symlink_to(elsewhere)
    with pytest.raises(LogError) as caught:
        create_session(data, record())
    assert caught.value.message == (
        f"Could not create the session log folder {data / 'sessions'}: "
        "it is a link to another place, and coach keeps health data only in a folder of its own."
    )
    assert list(elsewhere.iterdir()) == [] and mode(elsewhere) == 0o755


def test_an_exports_folder_that_is_a_link_is_refused_and_its_target_untouched(tmp_path):
    data, elsewhere = tmp_path / "data", tmp_path / "elsewhere"
    data.mkdir()
    elsewhere.mkdir()
    elsewhere.chmod(0o755)
    (data / "exports").symlink_to(elsewhere)
    with pytest.raises(OSError, match="is a link to another place"):
        write_export(data, [record()], [], date(2026, 10, 2))
    assert list(elsewhere.iterdir()) == [] and mode(elsewhere) == 0o755


def test_the_data_folder_itself_may_be_a_link(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "data").symlink_to(real)
    path = create_session(tmp_path / "data", record())
    assert path.resolve().parent == real / "sessions"


# 10. a routines folder coach cannot read -------------------------------------------------------


def unreadable_folder(monkeypatch, folder: Path) -> None:
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def routines_folder(data: Path) -> Path:
    folder = data / "routines"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(SMALL)
    return folder


def test_a_routines_folder_coach_cannot_read_is_listed_with_the_reason(tmp_path, monkeypatch):
    folder = routines_folder(tmp_path)
    unreadable_folder(monkeypatch, folder)
    [entry] = [entry for entry in discover(tmp_path) if entry.source == "yours"]
    assert entry.path == folder and entry.routine is None and entry.is_folder
    assert entry.error == f"{folder}: cannot be read (Permission denied); its routines are not listed"


def test_coach_list_names_a_routines_folder_it_cannot_read(tmp_path, monkeypatch, capsys):
    folder = routines_folder(tmp_path)
    unreadable_folder(monkeypatch, folder)
    assert main(["--data-dir", str(tmp_path), "list"]) == 0
    out = capsys.readouterr().out
    assert any(line.startswith("routines ") and "(unreadable folder)" in line for line in out.splitlines()), out
    assert f"{folder}: cannot be read (Permission denied)" in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_a_routines_folder_without_read_permission_is_named(tmp_path):
    folder = routines_folder(tmp_path)
    folder.chmod(0o300)
    try:
        entries = [entry for entry in discover(tmp_path) if entry.source == "yours"]
    finally:
        folder.chmod(0o700)
    assert [entry.path for entry in entries] == [folder] and "cannot be read" in entries[0].error


async def test_home_lists_a_routines_folder_it_cannot_read(tmp_path, monkeypatch):
    from coach.ui.screens.home import HomeScreen
    from tests.helpers.app import accepted, app_for, home_settled
    from tests.helpers.clock import FakeClock

    folder = routines_folder(tmp_path)
    unreadable_folder(monkeypatch, folder)
    app = app_for(accepted(tmp_path), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        home = await home_settled(pilot)
        assert isinstance(home, HomeScreen)
        rows = [entry for entry in home.entries if entry.path == folder]
        assert len(rows) == 1 and rows[0].is_folder
