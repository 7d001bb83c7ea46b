"""The colour of each outcome, shared by the history table and the session detail.

Each outcome is a component class of the widget that shows it, coloured from the theme.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from textual.widget import Widget

from coach.history.figures import not_started_after_caution
from coach.logs.records import Outcome, SessionRecord, StepOutcome
from coach.ui.component_styles import component_css, text_style

OUTCOME_CLASSES = {
    Outcome.COMPLETED: "outcome--completed",
    Outcome.ENDED_EARLY: "outcome--ended-early",
    Outcome.STOPPED_FOR_PAIN: "outcome--stopped-for-pain",
    Outcome.BLOCKED: "outcome--blocked",
    Outcome.INTERRUPTED: "outcome--interrupted",
    Outcome.IN_PROGRESS: "outcome--in-progress",
}
STEP_CLASSES = {
    StepOutcome.DONE: "outcome--step-done",
    StepOutcome.SKIPPED: "outcome--step-skipped",
    StepOutcome.STOPPED: "outcome--step-stopped",
    StepOutcome.REPLACED: "outcome--step-replaced",
    StepOutcome.NOT_REACHED: "outcome--step-not-reached",
}
OUTCOME_LOOKS = {
    "outcome--completed": ("$success", ""),
    "outcome--ended-early": ("$warning", ""),
    "outcome--stopped-for-pain": ("$error", "bold"),
    "outcome--blocked": ("$error", "bold"),
    "outcome--interrupted": ("$text-muted", ""),
    "outcome--in-progress": ("$primary", ""),
    "outcome--step-done": ("$success", ""),
    "outcome--step-skipped": ("$warning", ""),
    "outcome--step-stopped": ("$error", ""),
    "outcome--step-replaced": ("$primary", ""),
    "outcome--step-not-reached": ("$text-muted", ""),
}
OUTCOME_COMPONENTS = frozenset(OUTCOME_LOOKS)


def outcome_css(widget: str) -> str:
    """CSS colouring the outcome component classes inside ``widget``."""
    return component_css(widget, OUTCOME_LOOKS)


def outcome_styles(widget: Widget) -> dict[Outcome, Style]:
    """The style of each session outcome, read from ``widget``'s component classes."""
    return {outcome: text_style(widget, name) for outcome, name in OUTCOME_CLASSES.items()}


def step_styles(widget: Widget) -> dict[StepOutcome, Style]:
    """The style of each exercise outcome, read from ``widget``'s component classes."""
    return {outcome: text_style(widget, name) for outcome, name in STEP_CLASSES.items()}


def record_style(record: SessionRecord, styles: Mapping[Outcome, Style]) -> Style:
    """The colour of a session's outcome; going back at a caution is no block, so it is muted, not red."""
    return styles[Outcome.INTERRUPTED] if not_started_after_caution(record) else styles[record.outcome]
