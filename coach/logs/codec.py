"""A session log's text and its record: format 1 written and read, every field checked.

The format is documented in ``docs/log-format.md``.
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.files import UnreadableToml, read_bounded, read_toml, toml_text
from coach.logs.records import (
    LOG_FORMAT_VERSION,
    MAX_LOG_ENTRIES,
    HurtKind,
    Outcome,
    PainReport,
    Screening,
    SessionRecord,
    StepOutcome,
    StepRecord,
)
from coach.logs.timestamps import TimestampError, moment_text, read_moment

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
_MOST_LEVELS = 100
"""Far beyond any level a dose can reach (between half and twice the file's dose)."""


class InvalidLog(Exception):
    """The content is not a valid log; the message says why."""


def dumps(record: SessionRecord) -> str:
    """The log file's text for ``record``."""
    return toml_text(record_to_dict(record))


def record_to_dict(record: SessionRecord) -> dict[str, Any]:
    """The on-disk form of ``record``, format 1; keys whose value is ``None`` are left out."""
    screening = record.screening
    return _without_none(
        {
            "format": LOG_FORMAT_VERSION,
            "id": record.id,
            "routine_title": record.routine_title,
            "routine_name": record.routine_name,
            "routine_path": record.routine_path,
            "started_at": moment_text(record.started_at),
            "ended_at": moment_text(record.ended_at) if record.ended_at is not None else "",
            "outcome": record.outcome.value,
            "reason": record.reason,
            "pain_after": record.pain_after,
            "stop_advised": record.stop_advised or None,
            "level": record.level or None,
            "level_reason": record.level_reason or None,
            "active_seconds": float(record.active_seconds),
            "planned_exercises": record.planned_exercises,
            "note": record.note,
            "pid": record.pid,
            "host": record.host,
            "screening": _without_none(
                {
                    "pain_before": screening.pain_before,
                    "previous_settled": screening.previous_settled,
                    "emergency_assessed": screening.emergency_assessed,
                    "cautions": list(screening.cautions),
                    "not_started_after_caution": screening.not_started_after_caution or None,
                    "next_day_flare": screening.next_day_flare or None,
                    "red_flags": dict(screening.red_flags),
                    "contraindications": dict(screening.contraindications),
                }
            ),
            "steps": [{**step.fields(), "active_seconds": float(step.active_seconds)} for step in record.steps],
            "pain_reports": [_without_none(report.fields()) for report in record.pain_reports],
        }
    )


def read_log(path: Path | str) -> SessionRecord:
    """The record in the regular file at ``path`` of at most ``MAX_LOG_BYTES``; raises ``OSError`` or ``InvalidLog``."""
    return parse_log(read_bounded(path, MAX_LOG_BYTES))


def parse_log(raw: bytes) -> SessionRecord:
    """The record in a log file's bytes; raises ``InvalidLog`` saying what is wrong."""
    try:
        content = read_toml(raw)
    except UnreadableToml as problem:
        raise InvalidLog(str(problem)) from None
    return _record(content)


def problem_text(problem: Exception) -> str:
    """Why a log could not be read, in a few words."""
    return why(problem) if isinstance(problem, OSError) else str(problem)


def why(error: OSError) -> str:
    """The operating system's words for ``error``."""
    return error.strerror or str(error)


def _without_none(table: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in table.items() if value is not None}


_REQUIRED = object()
_KIND_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    dict: "a table",
    list: "a list",
}


def _get(table: dict[str, Any], key: str, kind: type, where: str, default: Any = _REQUIRED) -> Any:
    value = table.get(key, _REQUIRED)
    if value is _REQUIRED:
        if default is _REQUIRED:
            raise InvalidLog(f"{where}{key} is missing")
        return default
    if type(value) is kind:
        return value
    if kind is float and type(value) is int:
        return float(value)
    raise InvalidLog(f"{where}{key} should be {_KIND_NAMES[kind]}")


def _text(table: dict[str, Any], key: str, where: str, default: Any = _REQUIRED, limit: int = MAX_TEXT_CHARS) -> Any:
    value = _get(table, key, str, where, default)
    if value is not None and len(value) > limit:
        raise InvalidLog(f"{where}{key} is longer than {limit:,} characters")
    return value


def _moment(table: dict[str, Any], key: str, where: str) -> datetime:
    """A timestamp that must be there."""
    return _read_moment(_text(table, key, where), key, where)


def _maybe_moment(table: dict[str, Any], key: str, where: str) -> datetime | None:
    """A timestamp, or ``None`` when it is ``""`` or left out."""
    value = _text(table, key, where, "")
    return _read_moment(value, key, where) if value else None


def _read_moment(text: str, key: str, where: str) -> datetime:
    try:
        return read_moment(text)
    except TimestampError as problem:
        raise InvalidLog(f"{where}{key} {problem}") from None


def _count(table: dict[str, Any], key: str, where: str, most: int, default: Any = _REQUIRED) -> Any:
    value = _get(table, key, int, where, default)
    if value is not None and not 0 <= value <= most:
        raise InvalidLog(f"{where}{key} should be a whole number from 0 to {most:,}")
    return value


def _seconds(table: dict[str, Any], key: str, where: str) -> float:
    value: float = _get(table, key, float, where, 0.0)
    if not (math.isfinite(value) and 0.0 <= value <= _MOST_ACTIVE_SECONDS):
        raise InvalidLog(f"{where}{key} should be a number of seconds from 0 to {_MOST_ACTIVE_SECONDS:,.0f}")
    return value


def _rating(table: dict[str, Any], key: str, where: str, default: Any = _REQUIRED) -> int | None:
    value: int | None = _get(table, key, int, where, default)
    if value is not None and not 0 <= value <= 10:
        raise InvalidLog(f"{where}{key} should be a pain rating from 0 to 10")
    return value


def _get_rating(table: dict[str, Any], key: str, where: str) -> int:
    """A rating that must be there."""
    rating = _rating(table, key, where)
    assert rating is not None
    return rating


def _choice(enum: type, table: dict[str, Any], key: str, where: str, default: Any = _REQUIRED) -> Any:
    value = _get(table, key, str, where, default)
    if value is default:
        return value
    try:
        return enum(value)
    except ValueError:
        shown = value if len(value) <= 30 else value[:27] + "..."
        raise InvalidLog(f"{where}{key} has an unknown value {shown!r}") from None


def _answers(table: dict[str, Any], key: str, where: str) -> dict[str, bool]:
    answers: dict[str, bool] = _get(table, key, dict, where, {})
    if any(type(value) is not bool for value in answers.values()):
        raise InvalidLog(f"{where}{key} should only hold true or false answers")
    if any(len(name) > MAX_TEXT_CHARS for name in answers):
        raise InvalidLog(f"{where}{key} names a question longer than {MAX_TEXT_CHARS:,} characters")
    return answers


def _texts(table: dict[str, Any], key: str, where: str) -> list[str]:
    items: list[str] = _get(table, key, list, where, [])
    if any(type(item) is not str for item in items):
        raise InvalidLog(f"{where}{key} should be a list of text")
    return items


def _tables(table: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = _get(table, key, list, "", [])
    if len(items) > MAX_LOG_ENTRIES:
        raise InvalidLog(f"{key} holds more than {MAX_LOG_ENTRIES:,} entries")
    if any(type(item) is not dict for item in items):
        raise InvalidLog(f"{key} should be a list of tables")
    return items


def _record(d: dict[str, Any]) -> SessionRecord:
    if type(d) is not dict:
        raise InvalidLog("it is not a table of fields")
    version = d.get("format")
    if version != LOG_FORMAT_VERSION or type(version) is not int:
        if version is None:
            raise InvalidLog("format is missing, so it is not a coach session log")
        if type(version) is int and LOG_FORMAT_VERSION < version <= _NEWEST_NAMED_FORMAT:
            raise InvalidLog(f"it uses log format {version}, newer than the {LOG_FORMAT_VERSION} this coach reads")
        raise InvalidLog(f"format should be {LOG_FORMAT_VERSION}")
    screening = _get(d, "screening", dict, "", {})
    return SessionRecord(
        id=_text(d, "id", ""),
        routine_title=_text(d, "routine_title", ""),
        routine_name=_text(d, "routine_name", ""),
        routine_path=_text(d, "routine_path", ""),
        started_at=_moment(d, "started_at", ""),
        ended_at=_maybe_moment(d, "ended_at", ""),
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
            next_day_flare=_get(screening, "next_day_flare", bool, "screening.", False),
        ),
        steps=[_step(item, f"steps[{n}].") for n, item in enumerate(_tables(d, "steps"))],
        pain_reports=[_pain(item, f"pain_reports[{n}].") for n, item in enumerate(_tables(d, "pain_reports"))],
        pain_after=_rating(d, "pain_after", "", None),
        stop_advised=_get(d, "stop_advised", bool, "", False),
        level=_level(d),
        level_reason=_text(d, "level_reason", "", ""),
        active_seconds=_seconds(d, "active_seconds", ""),
        planned_exercises=_count(d, "planned_exercises", "", _MOST_EXERCISES, 0),
        note=_text(d, "note", "", "", MAX_NOTE_CHARS),
        pid=_count(d, "pid", "", _MOST_PID, 0),
        host=_text(d, "host", "", ""),
    )


def _level(d: dict[str, Any]) -> int:
    value: int = _get(d, "level", int, "", 0)
    if not -_MOST_LEVELS <= value <= _MOST_LEVELS:
        raise InvalidLog(f"level should be a whole number from {-_MOST_LEVELS} to {_MOST_LEVELS}")
    return value


def _step(d: dict[str, Any], where: str) -> StepRecord:
    return StepRecord(
        exercise_id=_text(d, "exercise_id", where),
        exercise_name=_text(d, "exercise_name", where),
        outcome=_choice(StepOutcome, d, "outcome", where),
        started_at=_moment(d, "started_at", where),
        ended_at=_moment(d, "ended_at", where),
        active_seconds=_seconds(d, "active_seconds", where),
        planned_seconds=_count(d, "planned_seconds", where, _MOST_STEP_SECONDS, 0),
        work_done=_text(d, "work_done", where, ""),
        instead_of=_text(d, "instead_of", where, ""),
    )


def _pain(d: dict[str, Any], where: str) -> PainReport:
    return PainReport(
        at=_moment(d, "at", where),
        source=_text(d, "source", where),
        rating=_get_rating(d, "rating", where),
        exercise_id=_text(d, "exercise_id", where, ""),
        kind=_choice(HurtKind, d, "kind", where, None),
        verdict=_text(d, "verdict", where, ""),
        decision=_text(d, "decision", where, ""),
    )
