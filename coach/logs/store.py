"""Session logs on disk: one TOML file per session, rewritten atomically after every step.

The format is documented in ``docs/log-format.md``.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
from collections.abc import Callable, Iterator
from datetime import date, datetime
from itertools import islice
from pathlib import Path

from coach.atomic import write_atomic, write_new
from coach.errors import LogError
from coach.files import make_private_folder
from coach.logs.codec import InvalidLog, dumps, problem_text, read_log, why
from coach.logs.liveness import Liveness, mark_interrupted
from coach.logs.records import SessionRecord
from coach.logs.timestamps import read_day
from coach.paths import sessions_dir

SUFFIX = ".toml"
_SAFE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]*")
_ID_ATTEMPTS = 20


def new_session_id(now: datetime) -> str:
    """A file-name-safe id that sorts by start time: ``20261121T193012045311-<pid>-<8 hex>``."""
    return f"{now:%Y%m%dT%H%M%S%f}-{os.getpid()}-{secrets.token_hex(4)}"


def create_session(data: Path, record: SessionRecord, started: datetime | None = None) -> Path:
    """Claim a new log file (never an existing one) and write ``record`` to it.

    Sets ``record.pid`` and ``record.host``; sets ``record.id`` when it is empty, not a safe
    file name, or already taken, from ``started`` (to the microsecond) or else the record's start
    time in its own offset. Raises ``LogError`` when the file cannot be created.
    """
    folder = sessions_dir(data)
    record.pid = os.getpid()
    record.host = socket.gethostname()
    try:
        make_private_folder(folder, health_data=True)
    except OSError as error:
        raise LogError(f"Could not create the session log folder {folder}: {why(error)}.") from error
    started = started or record.started_at
    session_id = record.id if _SAFE_ID.fullmatch(record.id) else new_session_id(started)
    for _ in range(_ID_ATTEMPTS):
        path = folder / f"{session_id}{SUFFIX}"
        record.id = session_id
        try:
            write_new(path, dumps(record))
        except FileExistsError:
            session_id = new_session_id(started)
            continue
        except OSError as error:
            raise LogError(f"Could not write the session log {path}: {why(error)}.") from error
        return path
    raise LogError(f"Could not find a free name for a new session log in {folder}.")


def save_session(path: Path, record: SessionRecord) -> None:
    """Atomically rewrite the log at ``path``; raises ``LogError`` when that fails."""
    try:
        write_atomic(path, dumps(record))
    except OSError as error:
        raise LogError(f"Could not save the session log {path}: {why(error)}.") from error


def list_sessions(
    data: Path, since: date | None = None, stop: Callable[[], bool] | None = None
) -> tuple[list[SessionRecord], list[tuple[Path, str]]]:
    """Every readable log, newest first, and every unreadable one with the reason.

    With ``since``, sessions that started before that day are left out (judged from
    the file name when it starts with the date, else from ``started_at``). Reading ends early,
    with what was read so far, once ``stop()`` says so.
    """
    folder = sessions_dir(data)
    try:
        files = _log_files(folder)
    except OSError as error:
        return [], [(folder, f"the folder cannot be read ({why(error)})")]
    first_day = since.isoformat().replace("-", "") if since else ""
    liveness = Liveness()
    records: list[SessionRecord] = []
    problems: list[tuple[Path, str]] = []
    for name, path in files:
        if stop is not None and stop():
            break
        dated = name[:8].isdigit() and name[8:9] == "T"
        if first_day and dated and name[:8] < first_day:
            continue
        found = _read_or_reason(path)
        if isinstance(found, str):
            problems.append((Path(path), found))
            continue
        if since and not dated and found.day < since:
            continue
        mark_interrupted(found, path, liveness)
        records.append(found)
    return records, problems


def recent_sessions(data: Path, limit: int) -> list[SessionRecord]:
    """The newest ``limit`` readable logs of any outcome, newest first; unreadable ones are skipped."""
    return list(islice(_readable_logs(data), max(0, limit)))


def count_logs(data: Path, newest: int) -> tuple[int, date | None]:
    """How many logs there are, and the day the ``newest``-th newest started when its name tells it."""
    try:
        files = _log_files(sessions_dir(data))
    except OSError:
        return 0, None
    if len(files) <= newest:
        return len(files), None
    name = files[newest - 1][0]
    return len(files), read_day(f"{name[:4]}-{name[4:6]}-{name[6:8]}")


def _readable_logs(data: Path) -> Iterator[SessionRecord]:
    """Every readable log, newest first, read only as far as the caller goes; interrupted ones marked."""
    try:
        files = _log_files(sessions_dir(data))
    except OSError:
        return
    liveness = Liveness()
    for _, path in files:
        found = _read_or_reason(path)
        if not isinstance(found, str):
            mark_interrupted(found, path, liveness)
            yield found


def _read_or_reason(path: Path | str) -> SessionRecord | str:
    """The record in the log at ``path``, or why it cannot be read."""
    try:
        return read_log(path)
    except (OSError, InvalidLog) as problem:
        return problem_text(problem)


def _log_files(folder: Path) -> list[tuple[str, str]]:
    """(name, path) of every log in ``folder``, newest first; none if the folder doesn't exist."""
    try:
        with os.scandir(folder) as entries:
            files = [(e.name, e.path) for e in entries if e.name.endswith(SUFFIX) and e.name[0] != "."]
    except FileNotFoundError:
        return []
    files.sort(reverse=True)
    return files
