"""The function file: ``function.toml`` in the data folder, read like every untrusted file and
written atomically, readable by its owner only. Its format is in docs/log-format.md."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from coach.atomic import write_atomic
from coach.errors import CoachError
from coach.files import UnreadableToml, keep_aside, make_private_folder, read_bounded, read_toml, toml_text
from coach.function.model import LONGEST_NAME, Activity, FunctionLog, Rating
from coach.logs.timestamps import TimestampError, moment_text, read_day, read_moment

FUNCTION_FILE = "function.toml"
FUNCTION_FORMAT = 1
MAX_FUNCTION_BYTES = 512 * 1024
"""Years of weekly ratings of three activities fit in a few dozen KiB."""
MOST_RATINGS = 5_000
NOT_READ = "Activities not read"


class _Damaged(Exception):
    """The content is not a function file; the message says why."""


def function_path(data: Path) -> Path:
    return data / FUNCTION_FILE


def load_function(data: Path) -> FunctionLog:
    """The saved activities and ratings; an empty log when there is none yet.

    Raises ``CoachError`` with one sentence when the file cannot be read or is not valid."""
    path = function_path(data)
    try:
        raw = read_bounded(path, MAX_FUNCTION_BYTES)
    except FileNotFoundError:
        return FunctionLog()
    except OSError as error:
        raise CoachError(f"Could not read your activities {path}: {error.strerror or error}.", NOT_READ) from None
    try:
        return _log(_content(raw))
    except _Damaged as problem:
        raise CoachError(f"Your activities file {path} is damaged ({problem}).", NOT_READ) from None


def save_function(data: Path, log: FunctionLog) -> FunctionLog:
    """Merge with what is on disk (another window may have rated too) and write; returns the merged log.

    A saved file that cannot be read is moved aside (``keep_aside``), never written over.

    Raises ``CoachError`` with one sentence when it cannot be written."""
    path = function_path(data)
    merged = log
    try:
        make_private_folder(data)
        try:
            merged = merge(load_function(data), log)
        except CoachError:
            keep_aside(path)
        write_atomic(path, _text(merged))
        os.chmod(path, 0o600)
    except OSError as error:
        raise CoachError(
            f"Could not save your activities to {path}: {error.strerror or error}.", "Activities not saved"
        ) from None
    return merged


def merge(saved: FunctionLog, mine: FunctionLog) -> FunctionLog:
    """Activities by id (mine win), every rating of both once, the later of each day put off."""
    activities = {a.id: a for a in saved.activities} | {a.id: a for a in mine.activities}
    ratings = sorted(dict.fromkeys([*saved.ratings, *mine.ratings]), key=lambda r: r.at)
    return FunctionLog(
        sorted(activities.values(), key=lambda a: (int(a.id[1:]) if a.id[1:].isdigit() else 0, a.id)),
        ratings,
        _later(saved.naming_put_off, mine.naming_put_off),
        _later(saved.rating_skipped, mine.rating_skipped),
    )


def _later(one: date | None, other: date | None) -> date | None:
    days = [day for day in (one, other) if day is not None]
    return max(days) if days else None


def _text(log: FunctionLog) -> str:
    content: dict[str, Any] = {"format": FUNCTION_FORMAT}
    if log.naming_put_off:
        content["naming_put_off"] = log.naming_put_off.isoformat()
    if log.rating_skipped:
        content["rating_skipped"] = log.rating_skipped.isoformat()
    content["activities"] = [
        {"id": a.id, "name": a.name, "added_at": moment_text(a.added_at)}
        | ({"dropped_at": moment_text(a.dropped_at)} if a.dropped_at else {})
        for a in log.activities
    ]
    content["ratings"] = [{"activity": r.activity, "at": moment_text(r.at), "score": r.score} for r in log.ratings]
    return toml_text(content)


def _content(raw: bytes) -> dict[str, Any]:
    try:
        return read_toml(raw)
    except UnreadableToml as problem:
        raise _Damaged(str(problem)) from None


def _log(content: dict[str, Any]) -> FunctionLog:
    if content.get("format") != FUNCTION_FORMAT or type(content.get("format")) is not int:
        raise _Damaged(f"format should be {FUNCTION_FORMAT}")
    activities = [_activity(item, n) for n, item in enumerate(_list(content, "activities"))]
    ids = {a.id for a in activities}
    if len(ids) != len(activities):
        raise _Damaged("two activities share an id")
    ratings = [_rating(item, n, ids) for n, item in enumerate(_list(content, "ratings"))]
    if len(ratings) > MOST_RATINGS:
        raise _Damaged(f"it holds more than {MOST_RATINGS:,} ratings")
    return FunctionLog(activities, ratings, _day(content, "naming_put_off"), _day(content, "rating_skipped"))


def _list(content: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = content.get(key, [])
    if type(items) is not list or any(type(item) is not dict for item in items):
        raise _Damaged(f"{key} should be a list of tables")
    return items


def _activity(item: dict[str, Any], n: int) -> Activity:
    where = f"activities[{n}]"
    name = _typed(item.get("name"), str, f"{where}.name")
    if not 1 <= len(name) <= LONGEST_NAME:
        raise _Damaged(f"{where}.name should be 1 to {LONGEST_NAME} characters")
    dropped = item.get("dropped_at")
    return Activity(
        _typed(item.get("id"), str, f"{where}.id"),
        name,
        _moment(item.get("added_at"), f"{where}.added_at"),
        None if dropped is None else _moment(dropped, f"{where}.dropped_at"),
    )


def _rating(item: dict[str, Any], n: int, ids: set[str]) -> Rating:
    where = f"ratings[{n}]"
    activity = _typed(item.get("activity"), str, f"{where}.activity")
    if activity not in ids:
        raise _Damaged(f"{where}.activity names no activity")
    score = _typed(item.get("score"), int, f"{where}.score")
    if not 0 <= score <= 10:
        raise _Damaged(f"{where}.score should be from 0 to 10")
    return Rating(activity, _moment(item.get("at"), f"{where}.at"), score)


def _moment(value: Any, where: str) -> Any:
    try:
        return read_moment(_typed(value, str, where))
    except TimestampError as problem:
        raise _Damaged(f"{where} {problem}") from None


def _day(content: dict[str, Any], key: str) -> date | None:
    value = content.get(key)
    if value is None:
        return None
    day = read_day(_typed(value, str, key))
    if day is None:
        raise _Damaged(f"{key} should be a day such as 2026-11-21")
    return day


def _typed(value: Any, kind: type, where: str) -> Any:
    if type(value) is not kind:
        raise _Damaged(f"{where} is missing or of the wrong type")
    return value


def function_or_empty(data: Path) -> FunctionLog:
    """The saved activities for figures and advice; an empty log when none can be read."""
    try:
        return load_function(data)
    except CoachError:
        return FunctionLog()
