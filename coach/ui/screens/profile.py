"""The health profile: every question on one page, answered with y and n; nothing answered in advance."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer

from coach.logs.timestamps import day_text
from coach.safety.profile import CLEARANCE_QUESTION, QUESTIONS, SERIOUS_QUESTIONS, Profile, ProfileQuestion
from coach.ui.screens.base import CoachScreen
from coach.ui.screens.dismiss import dismiss_once
from coach.ui.screens.prompts import YesNoPrompt
from coach.ui.widgets.plain import Plain, literal
from coach.ui.widgets.row_table import RowTable

INTRO = (
    "Answer once; coach keeps it in your data folder, dated, and asks every four weeks whether "
    "anything changed. y yes · n no · up/down, home/end move · s save · escape leave without saving."
)


class ProfileScreen(CoachScreen[Profile | None]):
    """Edit a copy of the profile; returns the saved profile, or None when left without saving."""

    DEFAULT_CSS = """
    ProfileScreen #banner { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    ProfileScreen #intro { padding: 0 1; color: $text-muted; }
    ProfileScreen DataTable { height: 1fr; margin: 0 1; }
    ProfileScreen #status { padding: 0 1; height: auto; border-top: solid $primary; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("s", "save", "Save"),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, profile: Profile, now: Callable[[], datetime], save: Callable[[Profile], bool]) -> None:
        super().__init__()
        self.profile = copy.deepcopy(profile)
        self.now = now
        self.save_profile = save
        self.draft: dict[str, bool] = {key: answer.value for key, answer in profile.answers.items()}
        if profile.needs_clearance and profile.value(CLEARANCE_QUESTION.id):
            self.draft.pop(CLEARANCE_QUESTION.id, None)

    def compose(self) -> ComposeResult:
        yield Plain("Your health profile", id="banner")
        yield Plain(INTRO, id="intro")
        yield RowTable(id="questions")
        yield Plain("", id="status", keep_newlines=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Answer", "Since", "Question")
        self.fill()
        table.focus()

    def questions(self) -> list[ProfileQuestion]:
        """The questions to show: the clearance only once a serious sign is answered yes."""
        serious = any(self.draft.get(q.id) for q in SERIOUS_QUESTIONS)
        return [*QUESTIONS, CLEARANCE_QUESTION] if serious else list(QUESTIONS)

    def fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for question in self.questions():
            value = self.draft.get(question.id)
            answer = "—" if value is None else ("yes" if value else "no")
            saved = self.profile.answers.get(question.id)
            since = (
                day_text(saved.at)
                if saved is not None and saved.value == value
                else ("now" if value is not None else "")
            )
            table.add_row(
                literal(answer, "bold" if value else ""),
                literal(since),
                literal(f"{question.section}: {question.text}"),
                key=question.id,
            )
        table.move_cursor(row=min(row, table.row_count - 1))
        self.show_status()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_status()

    def show_status(self) -> None:
        """The highlighted question in full, and how many are left."""
        questions = self.questions()
        table = self.query_one(DataTable)
        current = questions[min(table.cursor_row, len(questions) - 1)]
        missing = sum(1 for q in questions if q.id not in self.draft)
        left = f"{missing} question{'s' if missing != 1 else ''} left." if missing else "All answered: s saves."
        self.query_one("#status", Plain).show(f"{current.section}: {current.text}\n{left}")

    def action_answer(self, value: bool) -> None:
        table = self.query_one(DataTable)
        questions = self.questions()
        if not questions:
            return
        question = questions[table.cursor_row]
        if question in SERIOUS_QUESTIONS and value and not self.draft.get(question.id):
            self.draft.pop(CLEARANCE_QUESTION.id, None)
        self.draft[question.id] = value
        self.fill()
        if all(q.id in self.draft for q in self.questions()):
            self.app.clear_notifications()
        table.move_cursor(row=min(table.cursor_row + 1, table.row_count - 1))

    def action_save(self) -> None:
        missing = [q for q in self.questions() if q.id not in self.draft]
        if missing:
            self.notify(f"Answer every question first ({len(missing)} left).", severity="warning")
            return
        now = self.now()
        for question in self.questions():
            self.profile.answer(question.id, self.draft[question.id], now)
        self.profile.mark_reviewed(now)
        if self.save_profile(self.profile):
            self.app.clear_notifications()
            dismiss_once(self, self.profile)

    @property
    def unsaved(self) -> bool:
        """An answer given or changed here that is not saved yet."""
        return any(self.profile.value(key) != value for key, value in self.draft.items())

    def action_leave(self) -> None:
        if not self.unsaved:
            dismiss_once(self)
            return

        def decided(leave: bool | None) -> None:
            if leave:
                dismiss_once(self)

        self.app.push_screen(
            YesNoPrompt(
                "Leave without saving?",
                "The answers you gave or changed here are not saved.",
                yes="Leave without saving",
                no="Stay and keep answering",
                cancellable=True,
            ),
            decided,
        )
