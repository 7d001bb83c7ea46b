"""After a session: what was done, time, pain before and after, a note; the log is final."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input

from coach.engine import Engine
from coach.records import StepOutcome
from coach.recorder import SessionRecorder
from coach.ui.widgets.plain import Plain

MARKS = {StepOutcome.DONE: "done   ", StepOutcome.SKIPPED: "skipped", StepOutcome.STOPPED: "stopped"}


def minutes_seconds(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 60} min {whole % 60:02d} s"


class SummaryScreen(Screen[None]):
    """Shows the finished session and takes an optional note."""

    DEFAULT_CSS = """
    SummaryScreen { align-horizontal: center; }
    SummaryScreen VerticalScroll { width: 100%; max-width: 100; padding: 1 2; }
    SummaryScreen #title { text-style: bold; margin-bottom: 1; }
    SummaryScreen #outcome { margin-bottom: 1; }
    SummaryScreen .step { color: $text; }
    SummaryScreen #figures { margin-top: 1; }
    SummaryScreen #log { color: $text-muted; margin-top: 1; }
    SummaryScreen #warning { color: $error; }
    SummaryScreen Input { margin-top: 1; }
    SummaryScreen #saved { color: $success; height: 1; }
    """
    BINDINGS = [Binding("escape", "home", "Home"), Binding("ctrl+h", "app.history", "History", show=False)]

    def __init__(self, engine: Engine, recorder: SessionRecorder) -> None:
        super().__init__()
        self.engine = engine
        self.recorder = recorder

    def compose(self) -> ComposeResult:
        record = self.recorder.record
        with VerticalScroll():
            yield Plain(f"Session summary: {record.routine_title}", id="title")
            yield Plain(self._headline(), id="outcome")
            for step in record.steps:
                yield Plain(f"{MARKS[step.outcome]}  {step.exercise_name}  ({step.work_done})", classes="step")
            done = record.exercises_done
            yield Plain(self._figures(done), id="figures", keep_newlines=True)
            yield Input(placeholder="A note for your log (optional), then enter", id="note", max_length=500)
            yield Plain("", id="saved")
            where = self.recorder.path or "not saved"
            yield Plain(f"Log: {where}", id="log")
            yield Plain(self.recorder.warning, id="warning")
        yield Footer()

    def _headline(self) -> str:
        record = self.recorder.record
        label = f"{record.outcome.label.capitalize()}."
        if record.reason and record.reason.rstrip(".").lower() != record.outcome.label:
            return f"{label} {record.reason}"
        return label

    def _figures(self, done: int) -> str:
        record = self.recorder.record
        before = "-" if record.pain_before is None else f"{record.pain_before}/10"
        after = "-" if record.pain_after is None else f"{record.pain_after}/10"
        skipped = sum(1 for s in record.steps if s.outcome is StepOutcome.SKIPPED)
        lines = [
            f"Exercises done: {done} of {record.planned_exercises}   skipped: {skipped}",
            f"Time without pauses: {minutes_seconds(record.active_seconds)}",
            f"Pain before → after: {before} → {after}",
        ]
        names = {e.id: e.name for e in self.engine.routine.exercises}
        for report in record.pain_reports:
            where = names.get(report.exercise_id, report.exercise_id)
            what = "pain check after" if report.source == "check" else "it hurts during"
            lines.append(f"  {report.rating}/10 · {what} {where}")
        return "\n".join(lines)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        saved = self.recorder.set_note(event.value.strip())
        self.query_one("#saved", Plain).show("Note saved." if saved else "")
        self.query_one("#warning", Plain).show(self.recorder.warning)
        if saved:
            self.action_home()

    def action_home(self) -> None:
        self.app.go_home()
