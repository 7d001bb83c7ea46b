"""One past session in full: every step, every pain report, the safety-check answers, the note."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.theme import Theme
from textual.widgets import Footer, Static

from coach.durations import clock_text
from coach.history.figures import duration_seconds, outcome_words
from coach.history.summary import pain_change, rating_text
from coach.logs.records import PainReport, SessionRecord, StepOutcome
from coach.logs.timestamps import time_of_day, when
from coach.routines.model import CONTRAINDICATION_LABELS
from coach.safety.check_texts import CHECK_QUESTION_TEXTS
from coach.safety.pain import HURT_KINDS
from coach.ui.component_styles import text_style
from coach.ui.outcome_styles import OUTCOME_COMPONENTS, outcome_css, outcome_styles, record_style, step_styles
from coach.ui.screens.base import CoachScreen
from coach.ui.screens.dismiss import dismiss_once
from coach.ui.widgets.plain import Plain, literal

SOURCES = {"check": "pain check", "hurts": "it hurts"}


def yes_no(answer: bool | None) -> str:
    return "not asked" if answer is None else ("yes" if answer else "no")


def _table(*columns: str) -> Table:
    """A borderless table; columns named with a trailing ``~`` wrap, the others never do."""
    table = Table(box=None, header_style="bold", pad_edge=False, collapse_padding=True, show_edge=False)
    for column in columns:
        wraps = column.endswith("~")
        table.add_column(column.rstrip("~"), overflow="fold", no_wrap=not wraps, ratio=1 if wraps else None)
    return table


def steps_table(record: SessionRecord, styles: Mapping[StepOutcome, Style]) -> Table | Text:
    """Every exercise as it was done, its outcome in ``styles``."""
    if not record.steps:
        return Text("No exercises were started.", style="italic")
    table = _table("#", "Exercise~", "Outcome", "Work done~", "Time", "Started")
    for number, step in enumerate(record.steps, 1):
        planned = f" of {clock_text(step.planned_seconds, rounded=True)}" if step.planned_seconds else ""
        table.add_row(
            str(number),
            literal(step.exercise_name or step.exercise_id),
            literal(step.outcome.label, styles[step.outcome]),
            literal(step.work_done or "-"),
            literal(clock_text(step.active_seconds, rounded=True) + planned),
            literal("-" if step.outcome is StepOutcome.NOT_REACHED else time_of_day(step.started_at)),
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
            literal(time_of_day(report.at)),
            literal(SOURCES.get(report.source, report.source)),
            literal(rating_text(report.rating), "bold" if report.rating >= 4 else ""),
            literal(names.get(report.exercise_id, report.exercise_id) or "-"),
            literal(_kind(report)),
            literal(report.verdict or "-"),
            literal(report.decision or "-"),
        )
    return table


def screening_text(record: SessionRecord, flag: Style) -> Text:
    """The answers given at the safety check, those that raise a concern in ``flag``."""
    screening = record.screening
    text = Text()
    if not screening.red_flags:
        text.append("Red-flag questions: no answers logged.\n")
    for key, answer in screening.red_flags.items():
        text.append_text(literal(CHECK_QUESTION_TEXTS.get(key, key)))
        text.append(f"  {yes_no(answer)}\n", flag if answer else "")
    for key, answer in screening.contraindications.items():
        text.append_text(literal(CONTRAINDICATION_LABELS.get(key, key)))
        text.append(f"  {'applies' if answer else 'does not apply'}\n", flag if answer else "")
    if not screening.contraindications:
        text.append("Contraindications: not asked.\n")
    text.append(f"Pain before: {rating_text(screening.pain_before)}\n")
    text.append(f"Pain from the last session settled within 24 hours: {yes_no(screening.previous_settled)}")
    return text


def figures(record: SessionRecord) -> str:
    """Duration, exercises done and pain before → after on one line."""
    done = f"{record.exercises_done} of {record.planned_exercises} exercises done"
    if record.planned_exercises:
        done += f" ({record.completion:.0%})"
    return (
        f"Duration {clock_text(duration_seconds(record), rounded=True)} · "
        f"{clock_text(record.active_seconds, rounded=True)} without pauses · {done} · "
        f"pain {pain_change(record.pain_before, record.pain_after)}"
    )


class SessionDetailScreen(CoachScreen[None]):
    """Everything one session log holds, read-only; escape goes back."""

    DEFAULT_CSS = """
    SessionDetailScreen VerticalScroll { padding: 0 1; }
    SessionDetailScreen #title { text-style: bold; background: $panel; padding: 0 1; margin: 0 -1; }
    SessionDetailScreen #outcome { margin-top: 1; }
    SessionDetailScreen .heading { text-style: bold; color: $accent; margin-top: 1; }
    SessionDetailScreen #log-id { color: $text-muted; margin-top: 1; }
    SessionDetailScreen > .session-detail--flag { color: $error; text-style: bold; }
    """ + outcome_css("SessionDetailScreen")
    COMPONENT_CLASSES: ClassVar[set[str]] = {"session-detail--flag", *OUTCOME_COMPONENTS}
    BINDINGS = [Binding("escape", "back", "Back"), Binding("q", "back", show=False)]

    def __init__(self, record: SessionRecord) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        record = self.record
        with VerticalScroll():
            yield Plain(f"{record.routine_title or record.routine_name} · {when(record.started_at)}", id="title")
            yield Static(id="outcome")
            yield Plain(figures(record), id="figures")
            yield Plain(record.level_reason or f"Level {record.level}.", id="level")
            yield Plain("Exercises", classes="heading")
            yield Static(id="steps")
            yield Plain("Pain reports", classes="heading")
            yield Static(pain_table(record), id="pain")
            yield Plain("Safety check", classes="heading")
            yield Static(id="screening")
            yield Plain("Note", classes="heading")
            yield Plain(record.note or "No note.", keep_newlines=True, id="note")
            yield Plain(f"Log {record.id} · routine file {record.routine_path or '-'}", id="log-id")
        yield Footer()

    def _outcome(self) -> Text:
        record = self.record
        text = literal(outcome_words(record).capitalize(), record_style(record, outcome_styles(self)))
        if record.reason:
            text.append(". ")
            text.append_text(literal(record.reason))
        return text

    def on_mount(self) -> None:
        self._colour()
        self.app.theme_changed_signal.subscribe(self, self._on_theme)
        self.query_one(VerticalScroll).focus()

    def _colour(self) -> None:
        """Fill the parts coloured by outcome or concern, with the theme's colours."""
        self.query_one("#outcome", Static).update(self._outcome())
        self.query_one("#steps", Static).update(steps_table(self.record, step_styles(self)))
        flag = text_style(self, "session-detail--flag")
        self.query_one("#screening", Static).update(screening_text(self.record, flag))

    def _on_theme(self, _theme: Theme) -> None:
        self._colour()

    def action_back(self) -> None:
        dismiss_once(self)
