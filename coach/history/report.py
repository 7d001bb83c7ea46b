"""The Markdown report of past sessions, to show a physiotherapist or doctor.

Every piece of logged text is escaped so that it stays one table cell and shows as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from os import PathLike
from pathlib import PurePath

from coach.function.model import FunctionLog
from coach.history.adherence import adherence_start, sessions_per_week, window_start
from coach.history.advisories import Advisory, advisories
from coach.history.figures import (
    HURT_RATING,
    RECENT_WEEKS,
    HistorySummary,
    PainWindow,
    chronological,
    hurts,
    pain_window,
    summary,
    weekly_pain,
)
from coach.history.markdown import markdown_table, markdown_text
from coach.history.report_function import function_section, level_changes, level_section
from coach.history.report_safety import safety_section
from coach.logs.records import Outcome, PainReport, SessionRecord
from coach.logs.timestamps import day_text, when
from coach.routines.model import Routine
from coach.safety.profile import Profile
from coach.text import counted


def _mean(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _span(first: date, last: date) -> str:
    return f"{first.isoformat()} – {last.isoformat()}"


def _outcome_breakdown(figures: HistorySummary) -> str:
    parts = [
        (figures.completed, "completed"),
        (figures.ended_early, Outcome.ENDED_EARLY.label),
        (figures.stopped_for_pain, Outcome.STOPPED_FOR_PAIN.label),
        (figures.blocked, "blocked at the safety check"),
        (figures.not_started, "not started after a caution"),
        (figures.interrupted, "interrupted"),
        (figures.in_progress, "in progress"),
    ]
    return ", ".join(f"{count} {label}" for count, label in parts if count)


def _hurt_kind(report: PainReport) -> str:
    if report.source == "hurts":
        kind = report.kind.label if report.kind is not None else "unspecified"
        return f"it hurts ({kind})"
    if report.source == "check":
        return "pain check"
    return markdown_text(report.source)


def markdown_report(
    records: list[SessionRecord],
    today: date,
    unreadable: Sequence[tuple[str | PathLike[str], str]] = (),
    weeks: int = 12,
    profile: Profile | None = None,
    found: list[Advisory] | None = None,
    function: FunctionLog | None = None,
    routines: Sequence[Routine] = (),
) -> str:
    """A report for a clinician: overview, pain trend, what hurt, safety checks and profile, notes,
    unreadable logs. ``found`` are the advisories, when worked out from more logs than ``records``."""
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
        adherence_span = (
            f"over the last {weeks} weeks"
            if adherence_first == window_start(today, weeks)
            else "since the first session"
        )
        per_week = sessions_per_week(ordered, today, weeks)
        days_in_window = (today - adherence_first).days + 1
        active_days = round(figures.adherence * days_in_window)
        lines += [
            f"- Period: {_span(figures.first_day or today, figures.last_day or today)}",
            f"- Sessions: {figures.sessions} ({_outcome_breakdown(figures)})",
            f"- Active exercise time: {figures.active_minutes:.0f} minutes",
            f"- Adherence {adherence_span} ({_span(adherence_first, today)}): "
            f"exercised on {active_days} of {counted(days_in_window, 'day')} ({figures.adherence:.0%})",
            f"- Sessions per week {adherence_span}: {figures.sessions_per_week:.1f} on average",
            f"- Current streak: {counted(figures.streak, 'day')} kept in a row (with exercise, a flare-up "
            "session, or easing off as coach advised)",
            "",
        ]
        if found is None:
            found = advisories(ordered, today, function, profile is not None and profile.long_unassessed)
        lines += _pain_section(ordered, figures, per_week, today, found)
        lines += function_section(function)
        lines += level_section(level_changes(routines, ordered))
        lines += _hurts_section(ordered)
        lines += safety_section(ordered, profile)
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
    ordered: list[SessionRecord],
    figures: HistorySummary,
    per_week: list[tuple[date, int]],
    today: date,
    found: list[Advisory],
) -> list[str]:
    lines = ["## Pain trend", ""]
    rows = []
    span = 7 * RECENT_WEEKS
    if figures.first_day is not None and (figures.previous_pain.first_day - figures.first_day).days >= span:
        first = pain_window(ordered, figures.first_day, figures.first_day + timedelta(days=span - 1))
        rows.append(_pain_row(f"First {RECENT_WEEKS} weeks", first))
    rows.append(_pain_row(f"Previous {RECENT_WEEKS} weeks", figures.previous_pain))
    rows.append(_pain_row(f"Last {RECENT_WEEKS} weeks", figures.recent_pain))
    lines += markdown_table(["Period", "Exercise sessions", "Mean pain before", "Mean pain after"], rows, "lrrr")
    lines.append("")
    for advisory in found:
        lines += [f"> **{advisory.title}.** {advisory.text}", ""]
    lines += [f"### By week (last {len(per_week)} weeks)", ""]
    weekly = weekly_pain(ordered, today, len(per_week))
    week_rows = [
        [monday.isoformat(), str(count), _mean(window.before), _mean(window.after)]
        for (monday, count), window in zip(per_week, weekly, strict=False)
    ]
    lines += markdown_table(["Week of", "Exercise sessions", "Mean pain before", "Mean pain after"], week_rows, "lrrr")
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
    for _, title, report in hurts(ordered):
        exercise = names.get((title, report.exercise_id), report.exercise_id)
        rows.append(
            [
                when(report.at),
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
    return [*lines, *markdown_table(header, rows, "lllrlll"), ""]


def _notes_section(ordered: list[SessionRecord]) -> list[str]:
    rows = [
        [
            day_text(record.started_at),
            markdown_text(record.routine_title or record.routine_name),
            markdown_text(record.note),
        ]
        for record in ordered
        if record.note.strip()
    ]
    if not rows:
        return ["## Notes", "", "No notes.", ""]
    return ["## Notes", "", *markdown_table(["Date", "Routine", "Note"], rows), ""]


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
        *markdown_table(["File", "Reason"], rows),
        "",
    ]
