"""One past session in full: every step, every pain report, the safety-check answers, the note."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.export import format_duration
from coach.history import duration_seconds, not_started_after_caution, outcome_label, parse_instant
from coach.records import Outcome, PainReport, SessionRecord, StepOutcome
from coach.routine import CONTRAINDICATION_LABELS
from coach.safety import HURT_KINDS
from coach.screening import QUESTION_TEXTS
from coach.ui.widgets.plain import Plain, literal

OUTCOME_WORDS = {
    Outcome.COMPLETED: "completed",
    Outcome.ENDED_EARLY: "ended early",
    Outcome.STOPPED_FOR_PAIN: "stopped for pain",
    Outcome.BLOCKED: "blocked by safety check",
    Outcome.INTERRUPTED: "interrupted",
    Outcome.IN_PROGRESS: "in progress",
}
OUTCOME_STYLES = {
    Outcome.COMPLETED: "#50c878",
    Outcome.ENDED_EARLY: "#e0c050",
    Outcome.STOPPED_FOR_PAIN: "bold #f06060",
    Outcome.BLOCKED: "bold #f06060",
    Outcome.INTERRUPTED: "#a0a0a0",
    Outcome.IN_PROGRESS: "#40b0f0",
}
NOT_STARTED_STYLE = "#a0a0a0"


def outcome_words(record: SessionRecord) -> str:
    """How the session ended, in words; going back at a caution is "not started", not a block."""
    return outcome_label(record) if not_started_after_caution(record) else OUTCOME_WORDS[record.outcome]


def outcome_style(record: SessionRecord) -> str:
    return NOT_STARTED_STYLE if not_started_after_caution(record) else OUTCOME_STYLES[record.outcome]


STEP_STYLES = {StepOutcome.DONE: "#50c878", StepOutcome.SKIPPED: "#e0c050", StepOutcome.STOPPED: "#f06060"}
SOURCES = {"check": "pain check", "hurts": "it hurts"}


def when(text: str) -> str:
    """``2026-11-21 08:31`` from an ISO timestamp; the text itself when it isn't one."""
    return f"{text[:10]} {text[11:16]}" if parse_instant(text) else text


def clock_time(text: str) -> str:
    """``08:31`` from an ISO timestamp; the text itself when it isn't one."""
    return text[11:16] if parse_instant(text) else text


def rating(value: int | None) -> str:
    return "-" if value is None else f"{value}/10"


def yes_no(answer: bool | None) -> str:
    return "not asked" if answer is None else ("yes" if answer else "no")


def _table(*columns: str) -> Table:
    """A borderless table; columns named with a trailing ``~`` wrap, the others never do."""
    table = Table(box=None, header_style="bold", pad_edge=False, collapse_padding=True, show_edge=False)
    for column in columns:
        wraps = column.endswith("~")
        table.add_column(column.rstrip("~"), overflow="fold", no_wrap=not wraps, ratio=1 if wraps else None)
    return table


def steps_table(record: SessionRecord) -> Table | Text:
    """Every exercise as it was done."""
    if not record.steps:
        return Text("No exercises were started.", style="italic")
    table = _table("#", "Exercise~", "Outcome", "Work done~", "Time", "Started")
    for number, step in enumerate(record.steps, 1):
        planned = f" of {format_duration(step.planned_seconds)}" if step.planned_seconds else ""
        table.add_row(
            str(number),
            literal(step.exercise_name or step.exercise_id),
            literal(step.outcome.value, STEP_STYLES[step.outcome]),
            literal(step.work_done or "-"),
            literal(format_duration(step.active_seconds) + planned),
            literal(clock_time(step.started_at)),
        )
    return table


def _kind(report: PainReport) -> str:
    return HURT_KINDS[report.kind].lower() if report.kind is not None else "-"


def pain_table(record: SessionRecord) -> Table | Text:
    """Every pain rating given during the session."""
    if not record.pain_reports:
        return Text("No pain reports during the session.", style="italic")
    names = {step.exercise_id: step.exercise_name for step in record.steps}
    table = _table("Time", "Source", "Rating", "Exercise~", "Kind~", "Verdict", "Decision")
    for report in record.pain_reports:
        table.add_row(
            literal(clock_time(report.at)),
            literal(SOURCES.get(report.source, report.source)),
            literal(f"{report.rating}/10", "bold" if report.rating >= 4 else ""),
            literal(names.get(report.exercise_id, report.exercise_id) or "-"),
            literal(_kind(report)),
            literal(report.verdict or "-"),
            literal(report.decision or "-"),
        )
    return table


def screening_text(record: SessionRecord) -> Text:
    """The answers given at the safety check."""
    screening = record.screening
    text = Text()
    if not screening.red_flags:
        text.append("Red-flag questions: no answers logged.\n")
    for key, answer in screening.red_flags.items():
        text.append_text(literal(QUESTION_TEXTS.get(key, key)))
        text.append(f"  {yes_no(answer)}\n", "bold #f06060" if answer else "")
    for key, answer in screening.contraindications.items():
        text.append_text(literal(CONTRAINDICATION_LABELS.get(key, key)))
        text.append(f"  {'applies' if answer else 'does not apply'}\n", "bold #f06060" if answer else "")
    if not screening.contraindications:
        text.append("Contraindications: not asked.\n")
    text.append(f"Pain before: {rating(screening.pain_before)}\n")
    text.append(f"Pain from the last session settled within 24 hours: {yes_no(screening.previous_settled)}")
    return text


def figures(record: SessionRecord) -> str:
    """Duration, exercises done and pain before → after on one line."""
    done = f"{record.exercises_done} of {record.planned_exercises} exercises done"
    if record.planned_exercises:
        done += f" ({record.completion:.0%})"
    return (
        f"Duration {format_duration(duration_seconds(record))} · {format_duration(record.active_seconds)} without"
        f" pauses · {done} · pain {rating(record.pain_before)} → {rating(record.pain_after)}"
    )


class SessionDetailScreen(Screen[None]):
    """Everything one session log holds, read-only; escape goes back."""

    DEFAULT_CSS = """
    SessionDetailScreen VerticalScroll { padding: 0 1; }
    SessionDetailScreen #title { text-style: bold; background: $panel; padding: 0 1; margin: 0 -1; }
    SessionDetailScreen #outcome { margin-top: 1; }
    SessionDetailScreen .heading { text-style: bold; color: $accent; margin-top: 1; }
    SessionDetailScreen #log-id { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "back", "Back"), Binding("q", "back", show=False)]

    def __init__(self, record: SessionRecord) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        record = self.record
        with VerticalScroll():
            yield Plain(f"{record.routine_title or record.routine_name} · {when(record.started_at)}", id="title")
            yield Static(self._outcome(), id="outcome")
            yield Plain(figures(record), id="figures")
            yield Plain("Exercises", classes="heading")
            yield Static(steps_table(record), id="steps")
            yield Plain("Pain reports", classes="heading")
            yield Static(pain_table(record), id="pain")
            yield Plain("Safety check", classes="heading")
            yield Static(screening_text(record), id="screening")
            yield Plain("Note", classes="heading")
            yield Plain(record.note or "No note.", keep_newlines=True, id="note")
            yield Plain(f"Log {record.id} · routine file {record.routine_path or '-'}", id="log-id")
        yield Footer()

    def _outcome(self) -> Text:
        record = self.record
        text = literal(outcome_words(record).capitalize(), outcome_style(record))
        if record.reason:
            text.append(". ")
            text.append_text(literal(record.reason))
        return text

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_back(self) -> None:
        self.dismiss(None)
