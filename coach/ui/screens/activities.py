"""The activities a person's back makes hard (flow 10): naming and rating them, and the list on home."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Key
from textual.widgets import DataTable, Footer, Input

from coach.function.asking import ActivityQuestions, Step
from coach.function.model import LONGEST_NAME, ActivityError, FunctionLog
from coach.logs.timestamps import day_text
from coach.ui.protocols import Cancel
from coach.ui.screens.base import CoachScreen
from coach.ui.screens.dismiss import dismiss_once
from coach.ui.screens.session import TICK_MARGIN
from coach.ui.widgets.plain import Plain, literal
from coach.ui.widgets.row_table import RowTable


class ActivityQuestionsScreen(CoachScreen[FunctionLog]):
    """Shows what ``ActivityQuestions`` asks: a name typed in the box, a rating by its keys; returns the log."""

    DEFAULT_CSS = """
    ActivityQuestionsScreen #banner { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    ActivityQuestionsScreen VerticalScroll { padding: 1 2; }
    ActivityQuestionsScreen #title { text-style: bold; }
    ActivityQuestionsScreen #body { margin-top: 1; }
    ActivityQuestionsScreen #problem { color: $error; margin-top: 1; }
    ActivityQuestionsScreen #hint { margin-top: 1; color: $accent; }
    ActivityQuestionsScreen Input { margin: 1 2 0 2; }
    """
    BINDINGS = [Binding("escape", "leave", "Later")]

    def __init__(self, questions: ActivityQuestions) -> None:
        super().__init__()
        self.questions = questions
        self._wake: Cancel | None = None

    def compose(self) -> ComposeResult:
        yield Plain("Your activities · Patient-Specific Functional Scale", id="banner")
        with VerticalScroll():
            yield Plain("", id="title")
            yield Plain("", id="body", keep_newlines=True, hide_empty=True)
            yield Input(placeholder="putting on socks", max_length=LONGEST_NAME, id="name")
            yield Plain("", id="problem", hide_empty=True)
            yield Plain("", id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        if self.questions.finished:
            self._stop_waking()
            dismiss_once(self, self.questions.log)
            return
        prompt = self.questions.prompt
        self.query_one("#title", Plain).show(prompt.title)
        self.query_one("#body", Plain).show(prompt.body)
        self.query_one("#hint", Plain).show(prompt.hint)
        self.query_one("#problem", Plain).show(self.questions.problem)
        box = self.query_one(Input)
        box.display = prompt.step is Step.NAME
        if box.display:
            box.focus()
        else:
            self.set_focus(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.questions.name(event.value):
            event.input.value = ""
        self.show()

    def on_key(self, event: Key) -> None:
        if self.questions.step is not Step.RATE or event.key == "escape":
            return
        if self.questions.key(event.key):
            event.stop()
        self._shown()

    def action_leave(self) -> None:
        self.questions.key("escape")
        self._shown()

    def _shown(self) -> None:
        self._stop_waking()
        left = self.questions.seconds_to_next_change()
        if left is not None:
            self._wake = self.coach.schedule(left + TICK_MARGIN, self._waited)
        self.show()

    def _waited(self) -> None:
        self._wake = None
        self.questions.tick()
        self._shown()

    def _stop_waking(self) -> None:
        if self._wake is not None:
            self._wake()
            self._wake = None


NO_ACTIVITY = "No activity yet: press a to name up to three."


class ActivitiesScreen(CoachScreen[None]):
    """Every activity named, with its ratings: a adds (and rates), r renames, d drops, w rates now."""

    DEFAULT_CSS = """
    ActivitiesScreen #banner { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    ActivitiesScreen #intro { padding: 0 1; color: $text-muted; }
    ActivitiesScreen DataTable { height: 1fr; margin: 0 1; }
    ActivitiesScreen #rename { display: none; margin: 0 1; }
    ActivitiesScreen #status { padding: 0 1; color: $warning; height: auto; }
    """
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("w", "rate", "Rate now"),
        Binding("r", "rename", "Rename"),
        Binding("d", "drop", "Drop"),
        Binding("escape", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Plain("Activities your back makes hard", id="banner")
        yield Plain(
            "Rated from 0 (unable to do it) to 10 (able to do it as before the back problem), once a week. "
            "A dropped activity keeps its ratings in your history.",
            id="intro",
        )
        yield RowTable(id="activities")
        yield Input(max_length=LONGEST_NAME, id="rename", placeholder="the new name, then enter")
        yield Plain("", id="status", hide_empty=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Activity", "Ratings", "Since")
        self.fill()
        table.focus()

    @property
    def activity_log(self) -> FunctionLog:
        return self.coach.activities.log()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for activity in self.activity_log.activities:
            ratings = self.activity_log.ratings_of(activity.id)
            scores = " → ".join(str(r.score) for r in ratings[-6:]) or "not rated yet"
            name = activity.name + ("  (dropped)" if activity.dropped_at else "")
            table.add_row(literal(name), literal(scores), literal(day_text(activity.added_at)), key=activity.id)
        status = self.query_one("#status", Plain)
        if not self.activity_log.activities:
            status.show(NO_ACTIVITY)
        elif status.text == NO_ACTIVITY:
            status.show("")
        table.move_cursor(row=min(row, max(0, table.row_count - 1)))

    def selected(self) -> str | None:
        table = self.query_one(DataTable)
        if not self.activity_log.activities or table.cursor_row is None:
            return None
        return self.activity_log.activities[table.cursor_row].id

    def action_add(self) -> None:
        self.coach.activities.ask(naming=True, then=self.fill)

    def action_rate(self) -> None:
        if self.selected() is not None:
            self.coach.activities.ask(naming=False, then=self.fill)

    def action_rename(self) -> None:
        if self.selected() is not None:
            box = self.query_one("#rename", Input)
            box.display = True
            box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        chosen = self.selected()
        if chosen is not None and event.value.strip():
            self._change(lambda log: log.rename(chosen, event.value))
        event.input.value = ""
        event.input.display = False
        self.query_one(DataTable).focus()

    def action_drop(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._change(lambda log: log.drop(chosen, self.coach.wall_clock()))

    def _change(self, change: Callable[[FunctionLog], None]) -> None:
        log = self.activity_log
        try:
            change(log)
        except ActivityError as problem:
            self.query_one("#status", Plain).show(str(problem))
            return
        self.coach.activities.keep(log)
        self.query_one("#status", Plain).show("")
        self.fill()

    def action_back(self) -> None:
        rename = self.query_one("#rename", Input)
        if rename.display:
            rename.display = False
            self.query_one(DataTable).focus()
            return
        dismiss_once(self)
