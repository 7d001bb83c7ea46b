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
from collections.abc import Sequence
from datetime import date, timedelta
from os import PathLike
from pathlib import PurePath

from coach.advisories import advisories
from coach.history import (
    HURT_RATING,
    RECENT_WEEKS,
    HistorySummary,
    PainWindow,
    adherence_start,
    chronological,
    duration_seconds,
    hurts,
    outcome_label,
    pain_window,
    parse_day,
    sessions_per_week,
    summary,
    weekly_pain,
    window_start,
)
from coach.records import PainReport, SessionRecord
from coach.text import char_width, clean, counted, display_width, format_duration, pad

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


def csv_cell(value: object) -> str:
    """One CSV cell: None as empty, and formula-looking text defused with a leading ``'``."""
    if value is None:
        return ""
    return _text(value if isinstance(value, str) else str(value))


def _text(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(header: tuple[str, ...], rows: list[list[object]]) -> str:
    """Rows of logged text already passed through ``_text``; None and numbers as they are."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _day_text(record: SessionRecord) -> str:
    return record.started_at[:10] if parse_day(record.started_at) else ""


def _minutes(record: SessionRecord) -> str:
    seconds = duration_seconds(record)
    return f"{seconds / 60:.1f}" if math.isfinite(seconds) else ""


def _session_row(record: SessionRecord) -> list[object]:
    done = record.exercises_done
    planned = record.planned_exercises
    return [
        _text(record.id),
        _day_text(record),
        _text(record.started_at),
        _text(record.ended_at),
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


def sessions_csv(records: list[SessionRecord]) -> str:
    """One row per session under a header row (see ``SESSION_COLUMNS``)."""
    return _csv(SESSION_COLUMNS, [_session_row(record) for record in chronological(records)])


def _seconds(value: float) -> str:
    return f"{value:.1f}" if math.isfinite(value) else ""


def steps_csv(records: list[SessionRecord]) -> str:
    """One row per exercise step under a header row (see ``STEP_COLUMNS``)."""
    rows: list[list[object]] = []
    for record in chronological(records):
        day = _day_text(record)
        for step in record.steps:
            rows.append(
                [
                    _text(record.id),
                    day,
                    _text(record.routine_name),
                    _text(step.exercise_id),
                    _text(step.exercise_name),
                    step.outcome.value,
                    _text(step.started_at),
                    _text(step.ended_at),
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
        "date": _day_text(record) or None,
        "started_at": record.started_at,
        "ended_at": record.ended_at,
        "routine": record.routine_name,
        "routine_title": record.routine_title,
        "routine_path": record.routine_path,
        "outcome": record.outcome.value,
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


def sessions_json(records: list[SessionRecord]) -> str:
    """A JSON array with one session object per line, keys in a fixed order, enums as values."""
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
    lines = [encode(_session_dict(record)) for record in chronological(records)]
    text = "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"
    return _JSON_UNSAFE.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _fit(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        size = char_width(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + "…"


def _rating(value: int | None) -> str:
    return "-" if value is None else str(value)


TABLE_HEADER = ("date", "routine", "duration", "done", "pain before→after", "outcome")
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
                _day_text(record) or "?",
                _fit(title, ROUTINE_WIDTH),
                format_duration(duration_seconds(record)),
                f"{record.exercises_done}/{record.planned_exercises}",
                f"{_rating(record.pain_before)} → {_rating(record.pain_after)}",
                outcome_label(record),
            )
        )
    widths = [max(display_width(row[column]) for row in rows) for column in range(len(TABLE_HEADER))]
    rule = tuple("-" * width for width in widths)
    lines = []
    for row in [rows[0], rule, *rows[1:]]:
        cells = [pad(cell, width, right) for cell, width, right in zip(row, widths, _RIGHT_ALIGNED)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def markdown_text(text: str) -> str:
    """Untrusted text made safe inside a Markdown table cell: one line, nothing interpreted."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", clean(text))
    return _ENTITY.sub(r"\\&", text)


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    rule = [":" + "-" * 2 if a == "l" else "-" * 2 + ":" for a in align.ljust(len(header), "l")]
    return [_md_row(header), _md_row(rule), *(_md_row(row) for row in rows)]


def _mean(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _span(first: date, last: date) -> str:
    return f"{first.isoformat()} – {last.isoformat()}"


def _outcome_breakdown(figures: HistorySummary) -> str:
    parts = [
        (figures.completed, "completed"),
        (figures.ended_early, "ended early"),
        (figures.stopped_for_pain, "stopped for pain"),
        (figures.blocked, "blocked at the safety check"),
        (figures.not_started, "not started after a caution"),
        (figures.interrupted, "interrupted"),
        (figures.in_progress, "in progress"),
    ]
    return ", ".join(f"{count} {label}" for count, label in parts if count)


def _hurt_kind(report: PainReport) -> str:
    if report.source == "hurts":
        kind = report.kind.value.replace("_", " ") if report.kind is not None else "unspecified"
        return f"it hurts ({kind})"
    if report.source == "check":
        return "pain check"
    return markdown_text(report.source)


def markdown_report(
    records: list[SessionRecord],
    today: date,
    unreadable: Sequence[tuple[str | PathLike[str], str]] = (),
    weeks: int = 12,
) -> str:
    """A report for a clinician: overview, pain trend, what hurt, notes, unreadable logs."""
    ordered = chronological(records)
    figures = summary(ordered, today, weeks)
    lines = [
        "# Lower-back exercise report",
        "",
        f"Generated on {today.isoformat()} by coach from the person's own session logs. "
        "Pain is self-rated from 0 (none) to 10 (worst). This is a record, not a medical assessment.",
        "",
        "## Overview",
        "",
    ]
    if not ordered:
        lines += ["No sessions were logged.", ""]
    else:
        adherence_first = adherence_start(ordered, today, weeks)
        per_week = sessions_per_week(ordered, today, weeks)
        days_in_window = (today - adherence_first).days + 1
        active_days = round(figures.adherence * days_in_window)
        adherence_span = (f"over the last {weeks} weeks" if adherence_first == window_start(today, weeks)
                          else "since the first session")
        lines += [
            f"- Period: {_span(figures.first_day, figures.last_day)}",
            f"- Sessions: {figures.sessions} ({_outcome_breakdown(figures)})",
            f"- Active exercise time: {figures.active_minutes:.0f} minutes",
            f"- Adherence {adherence_span} ({_span(adherence_first, today)}): "
            f"exercised on {active_days} of {counted(days_in_window, 'day')} ({figures.adherence:.0%})",
            f"- Sessions per week over the last {weeks} weeks: {figures.sessions_per_week:.1f} on average",
            f"- Current streak: {counted(figures.streak, 'consecutive day')} with exercise",
            "",
        ]
        lines += _pain_section(ordered, figures, per_week, today)
        lines += _hurts_section(ordered)
        lines += _notes_section(ordered)
    lines += _unreadable_section(unreadable)
    return "\n".join(lines).rstrip("\n") + "\n"


def _pain_row(label: str, window: PainWindow) -> list[str]:
    return [
        f"{label} ({_span(window.first_day, window.last_day)})",
        str(window.sessions),
        _mean(window.before),
        _mean(window.after),
    ]


def _pain_section(
    ordered: list[SessionRecord], figures: HistorySummary, per_week: list[tuple[date, int]], today: date
) -> list[str]:
    lines = ["## Pain trend", ""]
    rows = []
    span = 7 * RECENT_WEEKS
    if figures.first_day is not None and figures.first_day + timedelta(days=span) <= figures.previous_pain.first_day:
        first = pain_window(ordered, figures.first_day, figures.first_day + timedelta(days=span - 1))
        rows.append(_pain_row(f"First {RECENT_WEEKS} weeks", first))
    rows.append(_pain_row(f"Previous {RECENT_WEEKS} weeks", figures.previous_pain))
    rows.append(_pain_row(f"Last {RECENT_WEEKS} weeks", figures.recent_pain))
    lines += _md_table(["Period", "Sessions logged", "Mean pain before", "Mean pain after"], rows, "lrrr")
    lines.append("")
    for advisory in advisories(ordered, today):
        lines += [f"> **{advisory.title}.** {advisory.text}", ""]
    lines += [f"### By week (last {len(per_week)} weeks)", ""]
    weekly = weekly_pain(ordered, today, len(per_week))
    week_rows = [
        [monday.isoformat(), str(count), _mean(window.before), _mean(window.after)]
        for (monday, count), window in zip(per_week, weekly)
    ]
    lines += _md_table(["Week of", "Exercise sessions", "Mean pain before", "Mean pain after"], week_rows, "lrrr")
    lines.append("")
    return lines


def _hurts_section(ordered: list[SessionRecord]) -> list[str]:
    lines = ["## What hurt and when", ""]
    names = {
        (record.routine_title or record.routine_name, step.exercise_id): step.exercise_name
        for record in ordered
        for step in record.steps
    }
    rows = []
    for day, title, report in hurts(ordered):
        time = report.at[11:16] if parse_day(report.at) else ""
        exercise = names.get((title, report.exercise_id), report.exercise_id)
        rows.append(
            [
                f"{day.isoformat()} {markdown_text(time)}".rstrip(),
                markdown_text(title),
                markdown_text(exercise),
                str(report.rating),
                _hurt_kind(report),
                markdown_text(report.verdict),
                markdown_text(report.decision),
            ]
        )
    if not rows:
        return [*lines, f"Nothing was reported as hurting and no pain rating was {HURT_RATING} or more.", ""]
    header = ["When", "Routine", "Exercise", "Rating", "Report", "Verdict", "Decision"]
    return [*lines, *_md_table(header, rows, "lllrlll"), ""]


def _notes_section(ordered: list[SessionRecord]) -> list[str]:
    rows = [
        [
            _day_text(record) or "?",
            markdown_text(record.routine_title or record.routine_name),
            markdown_text(record.note),
        ]
        for record in ordered
        if record.note.strip()
    ]
    if not rows:
        return ["## Notes", "", "No notes.", ""]
    return ["## Notes", "", *_md_table(["Date", "Routine", "Note"], rows), ""]


def _unreadable_section(unreadable: Sequence[tuple[str | PathLike[str], str]]) -> list[str]:
    """Listed by file name only, so the report does not reveal the person's folders."""
    if not unreadable:
        return []
    rows = [
        [markdown_text(PurePath(name).name or str(name)), markdown_text(str(reason))] for name, reason in unreadable
    ]
    return [
        "## Unreadable log files",
        "",
        f"{counted(len(unreadable), 'log file')} could not be read and "
        f"{'is' if len(unreadable) == 1 else 'are'} not included above:",
        "",
        *_md_table(["File", "Reason"], rows),
        "",
    ]
