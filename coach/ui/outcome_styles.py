"""The colour of each outcome, shared by the history table and the session detail."""

from __future__ import annotations

from coach.history import not_started_after_caution
from coach.records import Outcome, SessionRecord, StepOutcome

OUTCOME_STYLES = {
    Outcome.COMPLETED: "#50c878",
    Outcome.ENDED_EARLY: "#e0c050",
    Outcome.STOPPED_FOR_PAIN: "bold #f06060",
    Outcome.BLOCKED: "bold #f06060",
    Outcome.INTERRUPTED: "#a0a0a0",
    Outcome.IN_PROGRESS: "#40b0f0",
}
STEP_STYLES = {StepOutcome.DONE: "#50c878", StepOutcome.SKIPPED: "#e0c050", StepOutcome.STOPPED: "#f06060"}
NOT_STARTED_STYLE = "#a0a0a0"


def outcome_style(record: SessionRecord) -> str:
    """The colour of a session's outcome; going back at a caution is no block, so it is not red."""
    return NOT_STARTED_STYLE if not_started_after_caution(record) else OUTCOME_STYLES[record.outcome]
