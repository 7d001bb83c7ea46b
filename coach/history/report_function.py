"""The report's function and dose parts: each activity from its first rating to its latest, and the
average, marked where the change is meaningful (flow 10); every change of a routine's level (flow 11)."""

from __future__ import annotations

from collections.abc import Sequence

from coach.function.model import (
    HIGH_ANCHOR,
    LOW_ANCHOR,
    MEANINGFUL_AVERAGE,
    MEANINGFUL_ONE,
    SCALE_NAME,
    Change,
    FunctionLog,
    meaningful_average,
)
from coach.history.markdown import markdown_table, markdown_text
from coach.logs.records import SessionRecord
from coach.logs.timestamps import day_text
from coach.progression.replay import LevelChange, replay
from coach.routines.model import Routine


def function_section(function: FunctionLog | None) -> list[str]:
    """The section, or nothing when no activity has been rated."""
    changes = function.changes() if function is not None else []
    if function is None or not changes:
        return []
    rows = [_row(markdown_text(c.name) + _dropped(function, c), c) for c in changes]
    first, latest = function.average_change() or (0.0, 0.0)
    mark = "meaningful" if meaningful_average(first, latest) else ""
    rows.append(["Average", f"{first:.1f}", f"{latest:.1f}", f"{latest - first:+.1f}", mark])
    return [
        f"## Function ({SCALE_NAME})",
        "",
        f"Activities the person named as made hard by their back, each rated from {LOW_ANCHOR} to {HIGH_ANCHOR}. "
        f"A change of {MEANINGFUL_AVERAGE:.0f} points on the average or {MEANINGFUL_ONE} on one activity is "
        "meaningful (Stratford et al. 1995; for low back pain, Abbott and Schmitt 2014).",
        "",
        *markdown_table(["Activity", "First rating", "Latest", "Change", "Meaningful"], rows),
        "",
    ]


def _row(name: str, change: Change) -> list[str]:
    return [
        name,
        f"{change.first} ({day_text(change.first_at)})",
        f"{change.latest} ({day_text(change.latest_at)})",
        f"{change.change:+d}",
        "meaningful" if change.meaningful else "",
    ]


def _dropped(function: FunctionLog, change: Change) -> str:
    dropped = [a for a in function.activities if a.name == change.name and a.dropped_at is not None]
    return " (no longer rated)" if dropped else ""


def level_section(changes: Sequence[tuple[str, LevelChange]]) -> list[str]:
    """Every level change of every routine, with its date and reason; nothing when there is none."""
    if not changes:
        return []
    rows = [
        [day_text(change.at), markdown_text(title), str(change.level), markdown_text(change.why)]
        for title, change in sorted(changes, key=lambda pair: pair[1].at)
    ]
    return [
        "## Dose levels",
        "",
        "Each routine's dose moves in levels worked out from these logs (level 0 is the routine file's own dose).",
        "",
        *markdown_table(["Date", "Routine", "Level from then", "Why"], rows),
        "",
    ]


def level_changes(routines: Sequence[Routine], records: Sequence[SessionRecord]) -> list[tuple[str, LevelChange]]:
    """Every level change of these routines in the logs, with the routine's title."""
    return [(routine.title, change) for routine in routines for change in replay(routine, records)[0]]
