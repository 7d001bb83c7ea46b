"""The health profile's file: read like every untrusted file, and saved answer by answer.

``profile.toml`` in the data folder, owner only, written atomically. It is read only when it is a
regular file of at most ``MAX_PROFILE_BYTES``; anything else it could hold (not TOML, nested
thousands deep, a wrong type, a time without its offset) is one sentence, never a crash.
Saving first reads the file again and merges: for each question the newer answer wins, and every
change of both stays on record, so two coach windows never undo each other's answers.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.atomic import write_atomic
from coach.errors import CoachError
from coach.files import UnreadableToml, keep_aside, make_private_folder, read_bounded, read_toml, toml_text
from coach.logs.timestamps import TimestampError, moment_text, read_moment
from coach.safety.profile import Answer, Change, Profile
from coach.safety.profile_questions import ALL_IDS, RETIRED_IDS, allowed

PROFILE_FILE = "profile.toml"
PROFILE_FORMAT = 1
MAX_PROFILE_BYTES = 256 * 1024
"""A profile larger than this is not read: every answer and change of years fits in a few KiB."""
NOT_READ = "Health profile not read"


class _Damaged(Exception):
    """The file's content is not a profile; the message says why."""


def profile_path(data: Path) -> Path:
    return data / PROFILE_FILE


def load_profile(data: Path) -> Profile:
    """The saved profile; an empty one when there is none yet.

    Raises ``CoachError`` with one sentence when the file exists but cannot be read or is not a
    valid profile.
    """
    path = profile_path(data)
    try:
        raw = read_bounded(path, MAX_PROFILE_BYTES)
    except FileNotFoundError:
        return Profile()
    except OSError as error:
        raise CoachError(
            f"Could not read your health profile {path}: {error.strerror or error}.", title=NOT_READ
        ) from None
    try:
        return _profile(_content(raw))
    except _Damaged as problem:
        raise CoachError(
            f"Your health profile {path} is damaged ({problem}); coach will ask it again.", title=NOT_READ
        ) from None


def profile_for_report(data: Path) -> Profile | None:
    """The saved profile when it is complete and readable, for a report; otherwise ``None``."""
    try:
        profile = load_profile(data)
    except CoachError:
        return None
    return profile if profile.complete else None


def save_profile(data: Path, profile: Profile) -> Profile:
    """Merge ``profile`` into the saved one and write the result atomically, owner only; returns it.

    A saved file that cannot be read is moved aside (``keep_aside``) and replaced. Raises
    ``CoachError`` when writing fails.
    """
    path = profile_path(data)
    merged = merge(Profile(), profile)
    try:
        make_private_folder(data)
        try:
            merged = merge(load_profile(data), profile)
        except CoachError:
            keep_aside(path)
        write_atomic(path, _text(merged))
        os.chmod(path, 0o600)
    except OSError as error:
        raise CoachError(
            f"Could not save your health profile to {path}: {error.strerror or error}.",
            title="Health profile not saved",
        ) from error
    return merged


def merge(saved: Profile, mine: Profile) -> Profile:
    """Both profiles in one: for each question the newer answer (``mine`` when given at the same
    moment), every change of both once, oldest first, and the later review."""
    answers = dict(saved.answers)
    for question, answer in mine.answers.items():
        kept = answers.get(question)
        if kept is None or answer.at >= kept.at:
            answers[question] = answer
    changes = sorted(dict.fromkeys([*saved.changes, *mine.changes]), key=lambda change: change.at)
    reviews = [moment for moment in (saved.reviewed_at, mine.reviewed_at) if moment is not None]
    return replace(mine, answers=answers, changes=changes, reviewed_at=max(reviews, default=None))


def _text(profile: Profile) -> str:
    return toml_text(
        {
            "format": PROFILE_FORMAT,
            "reviewed_at": moment_text(profile.reviewed_at) if profile.reviewed_at is not None else "",
            "answers": {key: {"value": a.value, "at": moment_text(a.at)} for key, a in profile.answers.items()},
            "changes": [{"at": moment_text(c.at), "question": c.question, "value": c.value} for c in profile.changes],
        }
    )


def _content(raw: bytes) -> dict[str, Any]:
    try:
        return read_toml(raw)
    except UnreadableToml as problem:
        raise _Damaged(str(problem)) from None


def _profile(content: dict[str, Any]) -> Profile:
    if content.get("format") != PROFILE_FORMAT or type(content.get("format")) is not int:
        raise _Damaged(f"format should be {PROFILE_FORMAT}")
    answers = {}
    for key, item in _typed(content.get("answers", {}), dict, "answers").items():
        if key in RETIRED_IDS:
            continue
        if key not in ALL_IDS:
            raise _Damaged(f"it answers an unknown question {key[:40]!r}")
        table = _typed(item, dict, f"answers.{key}")
        value = table.get("value")
        if not allowed(key, value):
            raise _Damaged(f"answers.{key}.value is missing or of the wrong type")
        answers[key] = Answer(value, _at(table, f"answers.{key}"))
    changes = []
    for number, item in enumerate(_typed(content.get("changes", []), list, "changes")):
        where = f"changes[{number}]"
        table = _typed(item, dict, where)
        question = _typed(table.get("question"), str, f"{where}.question")
        value = table.get("value")
        if type(value) not in (bool, str):
            raise _Damaged(f"{where}.value is missing or of the wrong type")
        changes.append(Change(_at(table, where), question, value))
    reviewed = _typed(content.get("reviewed_at", ""), str, "reviewed_at")
    return Profile(answers, _moment(reviewed, "reviewed_at") if reviewed else None, changes)


def _at(table: dict[str, Any], where: str) -> datetime:
    return _moment(_typed(table.get("at"), str, f"{where}.at"), f"{where}.at")


def _moment(text: str, where: str) -> datetime:
    try:
        return read_moment(text)
    except TimestampError as problem:
        raise _Damaged(f"{where} {problem}") from None


def _typed(value: Any, kind: type, where: str) -> Any:
    if type(value) is not kind:
        raise _Damaged(f"{where} is missing or of the wrong type")
    return value
