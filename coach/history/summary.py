"""What the summary says about a finished session, in words, from its log."""

from __future__ import annotations

from dataclasses import dataclass

from coach.durations import clock_text
from coach.logs.records import Outcome, SessionRecord, StepOutcome

PAIN_SOURCES = {"check": "pain check after", "hurts": "it hurts during", "end": "at the end"}


@dataclass(frozen=True)
class Summary:
    headline: str
    steps: tuple[str, ...]
    figures: tuple[str, ...]
    advice: str


def rating_text(rating: int | None, *, out_of_ten: bool = True) -> str:
    """``3/10`` (``3`` without ``out_of_ten``), or ``-`` when not given."""
    if rating is None:
        return "-"
    return f"{rating}/10" if out_of_ten else str(rating)


def pain_change(before: int | None, after: int | None, *, out_of_ten: bool = True) -> str:
    """``3/10 → 2/10`` (``3 → 2`` without ``out_of_ten``), a ``-`` for either not given."""
    return f"{rating_text(before, out_of_ten=out_of_ten)} → {rating_text(after, out_of_ten=out_of_ten)}"


def summarise(record: SessionRecord, names: dict[str, str], advice: str = "") -> Summary:
    """The summary of ``record``; ``names`` maps exercise ids to names for the pain reports."""
    label = f"{record.outcome.label.capitalize()}."
    if record.outcome is Outcome.COMPLETED and record.exercises_done < record.planned_exercises:
        label = "Ran to the end, with exercises left out."
    reason = record.reason
    headline = f"{label} {reason}" if reason and reason.rstrip(".").lower() != record.outcome.label else label
    width = max((len(s.outcome.label) for s in record.steps), default=0)
    steps = tuple(
        f"{'  → ' if not s.planned else ''}{s.outcome.label:<{width}}  {s.exercise_name}  ({s.work_done})"
        for s in record.steps
    )
    counts = {outcome: sum(1 for s in record.steps if s.planned and s.outcome is outcome) for outcome in StepOutcome}
    others = ", ".join(
        f"{outcome.label}: {count}" for outcome, count in counts.items() if count and outcome is not StepOutcome.DONE
    )
    figures = [
        f"Exercises done: {record.exercises_done} of {record.planned_exercises}" + (f"   ({others})" if others else ""),
        f"Time without pauses: {clock_text(record.active_seconds, rounded=True)}",
        f"Pain before → after: {pain_change(record.pain_before, record.pain_after)}",
    ]
    for report in record.pain_reports:
        where = names.get(report.exercise_id, report.exercise_id)
        figures.append(
            f"  {rating_text(report.rating)} · {PAIN_SOURCES.get(report.source, report.source)} {where}".rstrip()
        )
    return Summary(headline, steps, tuple(figures), advice)
