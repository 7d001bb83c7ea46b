"""What the history screen writes: its status, row, streak, problem and export lines as plain text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from coach.function.model import MEANINGFUL_ONE, FunctionLog, meaningful_average
from coach.history import figures as history
from coach.history.adherence import adherence, adherence_start, current_streak, window_start
from coach.logs.records import SessionRecord
from coach.logs.timestamps import day_text
from coach.progression.replay import replay
from coach.routines.model import Routine
from coach.text import clean, counted

SHOWN_UNREADABLE = 5
"""Unreadable logs named on the problem line."""
LISTED_UNREADABLE = 20
"""Unreadable logs listed with their reasons."""


def row_detail(shown: list[SessionRecord], index: int, records_loaded: bool, any_records: bool) -> str:
    """The two lines under the table: the highlighted session's outcome and note, or why there is none."""
    if not shown:
        if not records_loaded:
            return ""
        if any_records:
            return "No sessions match the filter. Press c to clear it."
        return "No sessions logged yet. Finished, stopped and blocked sessions all show up here."
    record = shown[max(0, min(index, len(shown) - 1))]
    line = f"{history.outcome_words(record).capitalize()}. {record.reason}".strip()
    note = f"Note: {record.note}" if record.note.strip() else "No note."
    return f"{clean(line)}  (enter: details)\n{clean(note)}"


def status_line(shown: int, total: int, complete: bool, scope: str) -> str:
    """How many sessions show out of how many."""
    if not complete:
        count = f"{total:,} " if total else ""
        text = f"Loading {count}sessions… showing the newest {shown:,} so far."
    elif scope:
        text = f"{shown:,} of {counted(total, 'session')} match {scope}."
    else:
        text = f"{counted(total, 'session')}, newest first."
    return text


def unreadable_line(unreadable: Sequence[tuple[Path, str]]) -> str:
    """One line naming the first few logs that could not be read."""
    count = len(unreadable)
    names = ", ".join(path.name or str(path) for path, _ in unreadable[:SHOWN_UNREADABLE])
    more = f" and {count - SHOWN_UNREADABLE} more" if count > SHOWN_UNREADABLE else ""
    return f"⚠ {counted(count, 'log')} could not be read: {names}{more} (u shows why)"


def unreadable_reasons(unreadable: Sequence[tuple[Path, str]]) -> str:
    """The first logs that could not be read, each with the reason, one a line."""
    lines = [f"{path.name or path}: {reason}" for path, reason in unreadable[:LISTED_UNREADABLE]]
    if len(unreadable) > LISTED_UNREADABLE:
        lines.append(f"… and {len(unreadable) - LISTED_UNREADABLE} more.")
    return "\n".join(lines)


STREAK_COUNTS = "a flare-up or eased-off day counts"
"""What the streak counts besides days with exercise, in a few words."""


def streak_line(records: list[SessionRecord], today: date, weeks: int) -> str:
    """The current streak of kept days and the share of days with exercise over the last ``weeks``, or since the
    first session."""
    first = adherence_start(records, today, weeks)
    streak = current_streak(records, today)
    share = adherence(records, today, weeks)
    days = (today - first).days + 1
    since = f"since {first.isoformat()}" + (" (first session)" if first > window_start(today, weeks) else "")
    return (
        f"Current streak: {streak} day{'s' if streak != 1 else ''} kept ({STREAK_COUNTS}) · exercised on "
        f"{round(share * days)} of {counted(days, 'day')} ({share:.0%}) {since}"
    )


def export_line(sessions: int, scope: str, paths: list[Path]) -> str:
    """Where an export went and what it holds."""
    within = f" ({scope})" if scope else ""
    names = ", ".join(path.name for path in paths)
    return clean(f"{counted(sessions, 'session')}{within} written to {paths[0].parent}: {names}")


def next_routine(records: list[SessionRecord], current: str) -> str:
    """The routine title after ``current`` among those in the logs; empty (all routines) after the last."""
    titles = sorted({clean(r.routine_title or r.routine_name) for r in records}, key=str.casefold)
    following = titles[titles.index(current) + 1 :] if current in titles else titles
    return following[0] if following else ""


def function_lines(function: FunctionLog) -> list[str]:
    """The activities' ratings over time, one line each, then the average: for the trends view."""
    changes = function.changes()
    if not changes:
        return ["No activity rated yet: f on home names up to three and rates them."]
    lines = []
    for activity in function.activities:
        rated = function.ratings_of(activity.id)
        if not rated:
            continue
        scores = " → ".join(str(r.score) for r in rated[-8:])
        earlier = "… → " if len(rated) > 8 else ""
        change = rated[-1].score - rated[0].score
        mark = "  meaningful" if abs(change) >= MEANINGFUL_ONE else ""
        dropped = " (no longer rated)" if activity.dropped_at else ""
        lines.append(
            f"{clean(activity.name)}{dropped}: {earlier}{scores}  ({change:+d} since {day_text(rated[0].at)}){mark}"
        )
    figures = " → ".join(f"{average:.1f}" for _, average in function.averages()[-8:])
    first, latest = function.average_change() or (0.0, 0.0)
    mark = "  meaningful" if meaningful_average(first, latest) else ""
    lines.append(f"Average: {figures}  ({latest - first:+.1f} from the first ratings){mark}")
    return lines


def level_lines(routines: Sequence[Routine], records: Sequence[SessionRecord]) -> list[str]:
    """Each routine's level over time, for the trends view: ``Stabilise: 0 → 1 (2026-11-03) → 0 (2026-11-10)``."""
    lines = []
    for routine in routines:
        changes = replay(routine, records)[0]
        if changes:
            steps = " → ".join(f"{change.level} ({day_text(change.at)})" for change in changes[-5:])
            start = "…" if len(changes) > 5 else "0"
            lines.append(f"{clean(routine.title)}: {start} → {steps}")
    return lines or ["No routine has changed level yet: level 0 is each routine file's own dose."]
