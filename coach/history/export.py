"""Output formats of ``coach history`` and the history screen's export.

Every format lists sessions oldest first. CSV follows RFC 4180 (CRLF line ends, so a
lone carriage return inside a note is quoted too). CSV and JSON keep the logged text as it is,
with two exceptions: a CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading ``'`` so spreadsheets never run it as a formula; and
JSON writes C1 control and bidi characters as ``\\uXXXX`` escapes (same text once decoded).
The terminal table and the Markdown report pass logged text through ``coach.text.clean``, and
``coach history`` cleans every format it prints; ``coach history -o FILE`` writes the text as it is.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re

import wcwidth

from coach.durations import clock_text
from coach.function.model import Activity, FunctionLog
from coach.history.figures import (
    chronological,
    duration_seconds,
    not_started_after_caution,
    outcome_label,
)
from coach.history.markdown import markdown_text as markdown_text
from coach.history.summary import pain_change
from coach.logs.records import SessionRecord
from coach.logs.timestamps import day_text, moment_text, when
from coach.text import clean
from coach.widths import fit

SESSION_COLUMNS = (
    "id",
    "date",
    "started_at",
    "ended_at",
    "routine",
    "routine_title",
    "duration_min",
    "exercises_done",
    "exercises_planned",
    "completion_pct",
    "pain_before",
    "pain_after",
    "outcome",
    "reason",
    "note",
)

STEP_COLUMNS = (
    "session_id",
    "date",
    "routine",
    "exercise_id",
    "exercise_name",
    "outcome",
    "started_at",
    "ended_at",
    "active_seconds",
    "planned_seconds",
    "work_done",
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A CSV cell starting with one of these gets a leading ``'``."""


def _text(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(header: tuple[str, ...], rows: list[list[object]]) -> str:
    """Rows of logged text already passed through ``_text``; None and numbers as they are."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _minutes(record: SessionRecord) -> str:
    seconds = duration_seconds(record)
    return f"{seconds / 60:.1f}" if math.isfinite(seconds) else ""


def _session_row(record: SessionRecord) -> list[object]:
    done = record.exercises_done
    planned = record.planned_exercises
    return [
        _text(record.id),
        day_text(record.started_at),
        moment_text(record.started_at),
        _ended_text(record),
        _text(record.routine_name),
        _text(record.routine_title),
        _minutes(record),
        done,
        planned,
        round(min(1.0, done / planned) * 100) if planned else None,
        record.pain_before,
        record.pain_after,
        record.outcome.value,
        _text(record.reason),
        _text(record.note),
    ]


def _ended_text(record: SessionRecord) -> str:
    """When the session ended, as its log writes it: empty while in progress."""
    return moment_text(record.ended_at) if record.ended_at is not None else ""


def sessions_csv(records: list[SessionRecord]) -> str:
    """One row per session under a header row (see ``SESSION_COLUMNS``)."""
    return _csv(SESSION_COLUMNS, [_session_row(record) for record in chronological(records)])


def _seconds(value: float) -> str:
    return f"{value:.1f}" if math.isfinite(value) else ""


def steps_csv(records: list[SessionRecord]) -> str:
    """One row per exercise step under a header row (see ``STEP_COLUMNS``)."""
    rows: list[list[object]] = []
    for record in chronological(records):
        day = day_text(record.started_at)
        for step in record.steps:
            rows.append(
                [
                    _text(record.id),
                    day,
                    _text(record.routine_name),
                    _text(step.exercise_id),
                    _text(step.exercise_name),
                    step.outcome.value,
                    moment_text(step.started_at),
                    moment_text(step.ended_at),
                    _seconds(step.active_seconds),
                    step.planned_seconds,
                    _text(step.work_done),
                ]
            )
    return _csv(STEP_COLUMNS, rows)


def _number(value: float) -> float | None:
    return round(value, 3) if math.isfinite(value) else None


def _session_dict(record: SessionRecord) -> dict[str, object]:
    screening = record.screening
    return {
        "id": record.id,
        "date": day_text(record.started_at),
        "started_at": moment_text(record.started_at),
        "ended_at": _ended_text(record),
        "routine": record.routine_name,
        "routine_title": record.routine_title,
        "routine_path": record.routine_path,
        "outcome": record.outcome.value,
        "not_started_after_caution": not_started_after_caution(record),
        "stop_advised": record.stop_advised,
        "reason": record.reason,
        "duration_seconds": _number(duration_seconds(record)),
        "active_seconds": _number(record.active_seconds),
        "exercises_done": record.exercises_done,
        "exercises_planned": record.planned_exercises,
        "completion": _number(record.completion),
        "pain_before": record.pain_before,
        "pain_after": record.pain_after,
        "note": record.note,
        "screening": {
            "red_flags": dict(screening.red_flags),
            "contraindications": dict(screening.contraindications),
            "pain_before": screening.pain_before,
            "previous_settled": screening.previous_settled,
        },
        "steps": [{**step.fields(), "active_seconds": _number(step.active_seconds)} for step in record.steps],
        "pain_reports": [report.fields() for report in record.pain_reports],
        "format": record.format,
    }


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def sessions_json(records: list[SessionRecord], function: FunctionLog | None = None) -> str:
    """A JSON object: ``sessions``, one session object per line, keys in a fixed order, enums as
    values; then ``activities``, each with its ratings (flow 10)."""
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
    sessions = [encode(_session_dict(record)) for record in chronological(records)]
    activities = [encode(_activity_dict(activity, function)) for activity in (function or FunctionLog()).activities]
    text = '{"sessions": ' + _json_list(sessions) + ',\n"activities": ' + _json_list(activities) + "}\n"
    return _JSON_UNSAFE.sub(_json_escape, text)


def _json_list(lines: list[str]) -> str:
    return "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"


def _activity_dict(activity: Activity, function: FunctionLog | None) -> dict[str, object]:
    ratings = function.ratings_of(activity.id) if function is not None else []
    return {
        "id": activity.id,
        "name": activity.name,
        "added_at": moment_text(activity.added_at),
        "dropped_at": moment_text(activity.dropped_at) if activity.dropped_at else None,
        "ratings": [{"at": moment_text(r.at), "score": r.score} for r in ratings],
    }


FUNCTION_COLUMNS = ("activity", "name", "rated_at", "score", "dropped")


def function_csv(function: FunctionLog) -> str:
    """One row per rating of an activity (PSFS, 0 unable to 10 as before), oldest first."""
    rows: list[list[object]] = []
    for rating in sorted(function.ratings, key=lambda r: r.at):
        activity = function.find(rating.activity)
        dropped = "yes" if activity.dropped_at else "no"
        rows.append([_text(activity.id), _text(activity.name), moment_text(rating.at), rating.score, dropped])
    return _csv(FUNCTION_COLUMNS, rows)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


TABLE_HEADER = ("started", "routine", "duration", "done", "pain before→after", "outcome")
ROUTINE_WIDTH = 32
_RIGHT_ALIGNED = (False, False, True, True, False, False)


def sessions_table(records: list[SessionRecord]) -> str:
    """A plain-text table with aligned columns, oldest session first."""
    if not records:
        return "No sessions.\n"
    rows = [TABLE_HEADER]
    for record in chronological(records):
        title = clean(record.routine_title or record.routine_name)
        rows.append(
            (
                when(record.started_at),
                fit(title, ROUTINE_WIDTH),
                clock_text(duration_seconds(record), rounded=True),
                f"{record.exercises_done}/{record.planned_exercises}",
                pain_change(record.pain_before, record.pain_after, out_of_ten=False),
                outcome_label(record),
            )
        )
    widths = [max(wcwidth.width(row[column]) for row in rows) for column in range(len(TABLE_HEADER))]
    rule = tuple("-" * width for width in widths)
    lines = []
    for row in [rows[0], rule, *rows[1:]]:
        cells = [
            wcwidth.rjust(cell, width) if right else wcwidth.ljust(cell, width)
            for cell, width, right in zip(row, widths, _RIGHT_ALIGNED, strict=False)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
