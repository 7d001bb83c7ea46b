"""What a running session decides from a pain answer, and the words its outcome is given."""

from __future__ import annotations

from typing import Literal

from coach.logs.records import HurtKind, Outcome, SessionRecord, StepOutcome
from coach.safety import pain as safety

CheckDecision = Literal["stop", "finish", "continue", "ask"]


def check_decision(verdict: safety.PainVerdict, last_exercise: bool) -> CheckDecision:
    """After a pain check: stop, finish (nothing left to choose), go on, or ask what to do."""
    if verdict.stop:
        return "stop"
    if last_exercise:
        return "finish"
    return "continue" if verdict.light is safety.PainLight.GREEN else "ask"


def hurt_stop_reason(kind: HurtKind, rating: int | None, before: int | None) -> str:
    """Why a session stopped after "it hurts"; a warning sign stops it before it is rated (``None``)."""
    said = safety.HURT_KINDS[kind].lower()
    if rating is None:
        return f"Pain reported: {said}."
    figures = safety.pain_figures(rating, before)
    if kind is HurtKind.RED_FLAG:
        return f"Pain reported: {said} ({figures})."
    return f"Pain reported as {said}, but rated {figures}."


def ended_after_check(verdict: safety.PainVerdict | None, before: int | None) -> tuple[Outcome, str]:
    """The outcome when the user ends the session at the choice after a pain check."""
    red = verdict is not None and verdict.light is safety.PainLight.RED
    figures = safety.pain_figures(verdict.rating, before) if verdict else ""
    return (Outcome.STOPPED_FOR_PAIN if red else Outcome.ENDED_EARLY), f"Ended after a pain check of {figures}."


def finished_outcome(record: SessionRecord) -> tuple[Outcome, str]:
    """The outcome of a session that ran to its end: how many planned exercises were done, and how."""
    done, planned = record.exercises_done, record.planned_exercises
    if done == 0:
        return Outcome.ENDED_EARLY, "Every exercise was skipped."
    if done == planned:
        replaced = sum(1 for s in record.steps if s.planned and s.outcome is StepOutcome.REPLACED)
        if planned == 1:
            return Outcome.COMPLETED, "The exercise was done" + (", in an easier version." if replaced else ".")
        easier = f", {replaced} of them in an easier version" if replaced else ""
        return Outcome.COMPLETED, f"All {done} exercises done{easier}."
    return Outcome.COMPLETED, f"{done} of {planned} exercises done."
