"""The colour of each outcome, shared by the history table and the session detail."""

from __future__ import annotations

from coach.records import Outcome, StepOutcome

OUTCOME_STYLES = {
    Outcome.COMPLETED: "#50c878",
    Outcome.ENDED_EARLY: "#e0c050",
    Outcome.STOPPED_FOR_PAIN: "bold #f06060",
    Outcome.BLOCKED: "bold #f06060",
    Outcome.INTERRUPTED: "#a0a0a0",
    Outcome.IN_PROGRESS: "#40b0f0",
}
STEP_STYLES = {StepOutcome.DONE: "#50c878", StepOutcome.SKIPPED: "#e0c050", StepOutcome.STOPPED: "#f06060"}
