"""Session logs on disk: one TOML file per session, rewritten atomically after every step.

The format is documented in ``docs/log-format.md``.
"""

from __future__ import annotations

import math
import os
import re
import secrets
import socket
import sys
import tomllib
from contextlib import suppress
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import tomli_w

from coach.atomic import fsync_dir, write_atomic
from coach.errors import LogError
from coach.files import make_private_folder, read_bounded
from coach.paths import sessions_dir
from coach.records import (
    LOG_FORMAT_VERSION,
    HurtKind,
    Outcome,
    PainReport,
    Screening,
    SessionRecord,
    StepOutcome,
    StepRecord,
)

SUFFIX = ".toml"
_SAFE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]*")
_ID_ATTEMPTS = 20
_START_TOLERANCE = 5.0
"""Seconds a process may seem to have started after it last saved its log (clock rounding)."""
MAX_LOG_BYTES = 1024 * 1024
"""A log file larger than this is reported unreadable without being read."""
MAX_NOTE_CHARS = 2_000
MAX_TEXT_CHARS = 4_096
"""Any other text field of a log, a routine path included."""
_MOST_EXERCISES = 1_000
_MOST_PID = 2**31 - 1
_MOST_STEP_SECONDS = 24 * 60 * 60
_MOST_ACTIVE_SECONDS = 7 * 24 * 60 * 60.0
_NEWEST_NAMED_FORMAT = 1_000


def new_session_id(now: datetime) -> str:
    """A file-name-safe id that sorts by start time: ``20261121T193012-<pid>-<8 hex>``."""
    return f"{now:%Y%m%dT%H%M%S}-{os.getpid()}-{secrets.token_hex(4)}"


def session_path(data: Path, session_id: str) -> Path:
    """Where the log of ``session_id`` lives."""
    return sessions_dir(data) / f"{session_id}{SUFFIX}"


def create_session(data: Path, record: SessionRecord) -> Path:
    """Claim a new log file (never an existing one) and write ``record`` to it.

    Sets ``record.pid`` and ``record.host``; sets ``record.id`` when it is empty, not a safe
    file name, or already taken. Raises ``LogError`` when the file cannot be created.
    """
    folder = sessions_dir(data)
    record.pid = os.getpid()
    record.host = socket.gethostname()
    try:
        make_private_folder(folder)
    except OSError as error:
        raise LogError(f"Could not create the session log folder {folder}: {_why(error)}.") from error
    started = _start_time(record)
    session_id = record.id if _SAFE_ID.fullmatch(record.id) else new_session_id(started)
    for _ in range(_ID_ATTEMPTS):
        path = folder / f"{session_id}{SUFFIX}"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:
            session_id = new_session_id(started)
            continue
        except OSError as error:
            raise LogError(f"Could not create the session log {path}: {_why(error)}.") from error
        record.id = session_id
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(_dumps(record).encode("utf-8"))
                file.flush()
                os.fsync(file.fileno())
        except OSError as error:
            with suppress(OSError):
                os.unlink(path)
            raise LogError(f"Could not write the session log {path}: {_why(error)}.") from error
        fsync_dir(folder)
        return path
    raise LogError(f"Could not find a free name for a new session log in {folder}.")


def _start_time(record: SessionRecord) -> datetime:
    """The session's own start time as written (its local time), else now."""
    try:
        return datetime.fromisoformat(record.started_at)
    except ValueError:
        return datetime.now()


def save_session(path: Path, record: SessionRecord) -> None:
    """Atomically rewrite the log at ``path``; raises ``LogError`` when that fails."""
    try:
        write_atomic(path, _dumps(record))
    except OSError as error:
        raise LogError(f"Could not save the session log {path}: {_why(error)}.") from error


def _dumps(record: SessionRecord) -> str:
    """The log file's text for ``record``."""
    return tomli_w.dumps(record_to_dict(record))


def record_to_dict(record: SessionRecord) -> dict[str, Any]:
    """The on-disk form of ``record``, format 1; keys whose value is ``None`` are left out."""
    screening = record.screening
    return _without_none({
        "format": LOG_FORMAT_VERSION,
        "id": record.id,
        "routine_title": record.routine_title,
        "routine_name": record.routine_name,
        "routine_path": record.routine_path,
        "started_at": record.started_at,
        "ended_at": record.ended_at,
        "outcome": record.outcome.value,
        "reason": record.reason,
        "pain_after": record.pain_after,
        "active_seconds": float(record.active_seconds),
        "planned_exercises": record.planned_exercises,
        "note": record.note,
        "pid": record.pid,
        "host": record.host,
        "screening": _without_none({
            "pain_before": screening.pain_before,
            "previous_settled": screening.previous_settled,
            "emergency_assessed": screening.emergency_assessed,
            "cautions": list(screening.cautions),
            "not_started_after_caution": screening.not_started_after_caution or None,
            "red_flags": dict(screening.red_flags),
            "contraindications": dict(screening.contraindications),
        }),
        "steps": [{**step.fields(), "active_seconds": float(step.active_seconds)} for step in record.steps],
        "pain_reports": [_without_none(report.fields()) for report in record.pain_reports],
    })


def record_from_dict(d: dict[str, Any], path: Path | str) -> SessionRecord:
    """Build a record from its on-disk form; raises ``LogError`` naming ``path`` if it isn't valid."""
    try:
        return _record(d)
    except _Invalid as problem:
        raise LogError(f"Cannot read the session log {path}: {problem}.") from None


def load_session(path: Path) -> SessionRecord:
    """Read one log; an in-progress log whose process is gone reads as interrupted."""
    try:
        record = _read(path)
    except (OSError, _Invalid) as problem:
        raise LogError(f"Cannot read the session log {path}: {_reason(problem)}.") from None
    _mark_interrupted(record, path, _Liveness())
    return record


def list_sessions(
    data: Path, since: date | None = None
) -> tuple[list[SessionRecord], list[tuple[Path, str]]]:
    """Every readable log, newest first, and every unreadable one with the reason.

    With ``since``, sessions that started before that day are left out (judged from
    the file name when it starts with the date, else from ``started_at``).
    """
    folder = sessions_dir(data)
    try:
        files = _log_files(folder)
    except OSError as error:
        return [], [(folder, f"the folder cannot be read ({_why(error)})")]
    first_day = f"{since:%Y%m%d}" if since else ""
    first_iso = since.isoformat() if since else ""
    liveness = _Liveness()
    records: list[SessionRecord] = []
    problems: list[tuple[Path, str]] = []
    for name, path in files:
        dated = name[:8].isdigit() and name[8:9] == "T"
        if first_day and dated and name[:8] < first_day:
            continue
        try:
            record = _read(path)
        except (OSError, _Invalid) as problem:
            problems.append((Path(path), _reason(problem)))
            continue
        if first_iso and not dated and record.started_at[:10] < first_iso:
            continue
        if record.outcome is Outcome.IN_PROGRESS:
            _mark_interrupted(record, path, liveness)
        records.append(record)
    return records, problems


def latest_session(data: Path) -> SessionRecord | None:
    """The newest readable session that got past the safety check (outcome not blocked)."""
    try:
        files = _log_files(sessions_dir(data))
    except OSError:
        return None
    liveness = _Liveness()
    for _, path in files:
        try:
            record = _read(path)
        except (OSError, _Invalid):
            continue
        if record.outcome is not Outcome.BLOCKED:
            _mark_interrupted(record, path, liveness)
            return record
    return None


def recent_sessions(data: Path, limit: int) -> list[SessionRecord]:
    """The newest ``limit`` readable logs of any outcome, newest first; unreadable ones are skipped."""
    try:
        files = _log_files(sessions_dir(data))
    except OSError:
        return []
    liveness = _Liveness()
    records: list[SessionRecord] = []
    for _, path in files:
        if len(records) >= limit:
            break
        try:
            with open(path, "rb") as file:
                record = _parse(file.read())
        except (OSError, _Invalid):
            continue
        _mark_interrupted(record, path, liveness)
        records.append(record)
    return records


def _log_files(folder: Path) -> list[tuple[str, str]]:
    """(name, path) of every log in ``folder``, newest first; none if the folder doesn't exist."""
    try:
        with os.scandir(folder) as entries:
            files = [(e.name, e.path) for e in entries if e.name.endswith(SUFFIX) and e.name[0] != "."]
    except FileNotFoundError:
        return []
    files.sort(reverse=True)
    return files


class _Invalid(Exception):
    """The content is not a valid log; the message says why."""


def _read(path: Path | str) -> SessionRecord:
    """The record in the regular file at ``path`` of at most ``MAX_LOG_BYTES``; raises ``OSError`` or ``_Invalid``."""
    return _parse(read_bounded(path, MAX_LOG_BYTES))


def _parse(raw: bytes) -> SessionRecord:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Invalid("it is not UTF-8 text") from None
    try:
        content = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _Invalid(f"it is not valid TOML ({error})") from None
    except RecursionError:
        raise _Invalid("it is nested too deeply") from None
    except ValueError:
        raise _Invalid("it holds a number too long to read") from None
    return _record(content)


def _reason(problem: Exception) -> str:
    return _why(problem) if isinstance(problem, OSError) else str(problem)


def _why(error: OSError) -> str:
    return error.strerror or str(error)


def _without_none(table: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in table.items() if value is not None}


_REQUIRED = object()
_KIND_NAMES = {
    str: "text", int: "a whole number", float: "a number",
    bool: "true or false", dict: "a table", list: "a list",
}


def _get(table: dict[str, Any], key: str, kind: type, where: str, default: Any = _REQUIRED) -> Any:
    value = table.get(key, _REQUIRED)
    if value is _REQUIRED:
        if default is _REQUIRED:
            raise _Invalid(f"{where}{key} is missing")
        return default
    if type(value) is kind:
        return value
    if kind is float and type(value) is int:
        return float(value)
    raise _Invalid(f"{where}{key} should be {_KIND_NAMES[kind]}")


def _text(table: dict[str, Any], key: str, where: str, default: Any = _REQUIRED, limit: int = MAX_TEXT_CHARS) -> Any:
    value = _get(table, key, str, where, default)
    if value is not None and len(value) > limit:
        raise _Invalid(f"{where}{key} is longer than {limit:,} characters")
    return value


def _count(table: dict[str, Any], key: str, where: str, most: int, default: Any = _REQUIRED) -> Any:
    value = _get(table, key, int, where, default)
    if value is not None and not 0 <= value <= most:
        raise _Invalid(f"{where}{key} should be a whole number from 0 to {most:,}")
    return value


def _seconds(table: dict[str, Any], key: str, where: str) -> float:
    value = _get(table, key, float, where, 0.0)
    if not (math.isfinite(value) and 0.0 <= value <= _MOST_ACTIVE_SECONDS):
        raise _Invalid(f"{where}{key} should be a number of seconds from 0 to {_MOST_ACTIVE_SECONDS:,.0f}")
    return value


def _rating(table: dict[str, Any], key: str, where: str, default: Any = _REQUIRED) -> int | None:
    value = _get(table, key, int, where, default)
    if value is not None and not 0 <= value <= 10:
        raise _Invalid(f"{where}{key} should be a pain rating from 0 to 10")
    return value


def _choice(enum: type, table: dict[str, Any], key: str, where: str, default: Any = _REQUIRED) -> Any:
    value = _get(table, key, str, where, default)
    if value is default:
        return value
    try:
        return enum(value)
    except ValueError:
        shown = value if len(value) <= 30 else value[:27] + "..."
        raise _Invalid(f"{where}{key} has an unknown value {shown!r}") from None


def _answers(table: dict[str, Any], key: str, where: str) -> dict[str, bool]:
    answers = _get(table, key, dict, where, {})
    if any(type(value) is not bool for value in answers.values()):
        raise _Invalid(f"{where}{key} should only hold true or false answers")
    if any(len(name) > MAX_TEXT_CHARS for name in answers):
        raise _Invalid(f"{where}{key} names a question longer than {MAX_TEXT_CHARS:,} characters")
    return answers


def _texts(table: dict[str, Any], key: str, where: str) -> list[str]:
    items = _get(table, key, list, where, [])
    if any(type(item) is not str for item in items):
        raise _Invalid(f"{where}{key} should be a list of text")
    return items


def _tables(table: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = _get(table, key, list, "", [])
    if any(type(item) is not dict for item in items):
        raise _Invalid(f"{key} should be a list of tables")
    return items


def _record(d: dict[str, Any]) -> SessionRecord:
    if type(d) is not dict:
        raise _Invalid("it is not a table of fields")
    version = d.get("format")
    if version != LOG_FORMAT_VERSION or type(version) is not int:
        if version is None:
            raise _Invalid("format is missing, so it is not a coach session log")
        if type(version) is int and LOG_FORMAT_VERSION < version <= _NEWEST_NAMED_FORMAT:
            raise _Invalid(f"it uses log format {version}, newer than the {LOG_FORMAT_VERSION} this coach reads")
        raise _Invalid(f"format should be {LOG_FORMAT_VERSION}")
    screening = _get(d, "screening", dict, "", {})
    return SessionRecord(
        id=_text(d, "id", ""),
        routine_title=_text(d, "routine_title", ""),
        routine_name=_text(d, "routine_name", ""),
        routine_path=_text(d, "routine_path", ""),
        started_at=_text(d, "started_at", ""),
        ended_at=_text(d, "ended_at", "", ""),
        outcome=_choice(Outcome, d, "outcome", ""),
        reason=_text(d, "reason", "", ""),
        screening=Screening(
            red_flags=_answers(screening, "red_flags", "screening."),
            contraindications=_answers(screening, "contraindications", "screening."),
            pain_before=_rating(screening, "pain_before", "screening.", None),
            previous_settled=_get(screening, "previous_settled", bool, "screening.", None),
            emergency_assessed=_get(screening, "emergency_assessed", bool, "screening.", None),
            cautions=_texts(screening, "cautions", "screening."),
            not_started_after_caution=_get(screening, "not_started_after_caution", bool, "screening.", False),
        ),
        steps=[_step(item, f"steps[{n}].") for n, item in enumerate(_tables(d, "steps"))],
        pain_reports=[_pain(item, f"pain_reports[{n}].") for n, item in enumerate(_tables(d, "pain_reports"))],
        pain_after=_rating(d, "pain_after", "", None),
        active_seconds=_seconds(d, "active_seconds", ""),
        planned_exercises=_count(d, "planned_exercises", "", _MOST_EXERCISES, 0),
        note=_text(d, "note", "", "", MAX_NOTE_CHARS),
        pid=_count(d, "pid", "", _MOST_PID, 0),
        host=_text(d, "host", "", ""),
    )


def _step(d: dict[str, Any], where: str) -> StepRecord:
    return StepRecord(
        exercise_id=_text(d, "exercise_id", where),
        exercise_name=_text(d, "exercise_name", where),
        outcome=_choice(StepOutcome, d, "outcome", where),
        started_at=_text(d, "started_at", where),
        ended_at=_text(d, "ended_at", where),
        active_seconds=_seconds(d, "active_seconds", where),
        planned_seconds=_count(d, "planned_seconds", where, _MOST_STEP_SECONDS, 0),
        work_done=_text(d, "work_done", where, ""),
        instead_of=_text(d, "instead_of", where, ""),
    )


def _pain(d: dict[str, Any], where: str) -> PainReport:
    return PainReport(
        at=_text(d, "at", where),
        source=_text(d, "source", where),
        rating=_rating(d, "rating", where),
        exercise_id=_text(d, "exercise_id", where, ""),
        kind=_choice(HurtKind, d, "kind", where, None),
        verdict=_text(d, "verdict", where, ""),
        decision=_text(d, "decision", where, ""),
    )


def _mark_interrupted(record: SessionRecord, path: Path | str, liveness: _Liveness) -> None:
    if record.outcome is Outcome.IN_PROGRESS and not liveness.still_writing(record, path):
        record.outcome = Outcome.INTERRUPTED


class _Liveness:
    """Is the process that wrote a log still running? Asks the OS once per pid."""

    def __init__(self) -> None:
        self.host = socket.gethostname()
        self.starts: dict[int, float | None] = {}

    def still_writing(self, record: SessionRecord, path: Path | str) -> bool:
        """True when the log's pid runs on this host and started before the log was last saved."""
        if record.host != self.host or record.pid <= 0:
            return False
        if record.pid not in self.starts:
            self.starts[record.pid] = _process_start(record.pid)
        started = self.starts[record.pid]
        if started is None:
            return False
        try:
            saved = os.stat(path).st_mtime
        except OSError:
            return True
        return started <= saved + _START_TOLERANCE


def _process_start(pid: int) -> float | None:
    """When ``pid`` started (epoch seconds; 0.0 if unknown), or ``None`` if it isn't running.

    A pid reused by a newer process is told apart by its start time where the OS says it.
    """
    if sys.platform == "win32":
        return 0.0 if _windows_running(pid) else None
    if os.path.exists("/proc/self/stat"):
        try:
            with open(f"/proc/{pid}/stat", "rb") as file:
                fields = file.read().rpartition(b")")[2].split()
        except FileNotFoundError:
            return None
        except OSError:
            pass
        else:
            if not fields or fields[0] in (b"Z", b"X"):
                return None
            boot = _boot_time()
            if boot is None or len(fields) < 20:
                return 0.0
            return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except OSError:
        pass
    return 0.0


@cache
def _boot_time() -> float | None:
    with suppress(OSError, ValueError):
        with open("/proc/stat", "rb") as file:
            for line in file:
                if line.startswith(b"btime "):
                    return float(line.split()[1])
    return None


def _windows_running(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)
    if not handle:
        return kernel32.GetLastError() == 5
    try:
        code = ctypes.c_ulong()
        return not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == 259
    finally:
        kernel32.CloseHandle(handle)

