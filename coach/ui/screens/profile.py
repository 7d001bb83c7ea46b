"""The health profile: every question on one page; nothing answered in advance.

y and n answer a yes/no question; a listed question's y asks "which?" (number keys tick, enter
confirms); a question with several answers takes 1, 2, 3… in the order they are listed.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Resize
from textual.widgets import DataTable, Footer

from coach.logs.timestamps import day_text
from coach.safety.profile import ADULTS_ONLY, Profile
from coach.safety.profile_questions import (
    AGE_QUESTION,
    CHOICE_LABELS,
    CLEARANCE_QUESTION,
    FIRST_EPISODE_QUESTION,
    HISTORY_QUESTION,
    QUESTIONS,
    UNDER_16,
    ProfileQuestion,
    QuestionKind,
)
from coach.ui.screens.base import CoachScreen
from coach.ui.screens.dismiss import dismiss_once
from coach.ui.screens.prompts import WhichPrompt, YesNoPrompt
from coach.ui.widgets.item_list import ItemList
from coach.ui.widgets.plain import Plain, literal
from coach.ui.widgets.row_table import RowTable

INTRO = (
    "Answer once; coach keeps it in your data folder, dated, and asks every four weeks whether anything "
    "changed. y yes · n no · 1-4 a numbered answer · up/down move · s save · escape leave."
)
COLUMNS = (("Answer", 18), ("Since", 10), ("Question", 0))
"""Each column's heading and width in cells; the question takes the room the others leave, and a longer
answer or question wraps onto more lines."""
LEAST_QUESTION_CELLS = 20
TABLE_MARGINS = 2
SCROLLBAR = 2


class ProfileScreen(CoachScreen[Profile | None]):
    """Edit a copy of the profile; returns the saved profile, or None when left without saving."""

    DEFAULT_CSS = """
    ProfileScreen #banner { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    ProfileScreen #intro { padding: 0 1; color: $text-muted; }
    ProfileScreen DataTable { height: 1fr; margin: 0 1; }
    ProfileScreen #status-box {
        padding: 0 1; height: auto; max-height: 45%; overflow-y: auto; border-top: solid $primary;
    }
    ProfileScreen #status-keys { padding: 0 1; height: auto; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("s", "save", "Save"),
        Binding("escape", "leave", "Leave"),
        *(Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)),
    ]
    """Digits are bindings like y and n, so keys typed ahead are taken in the order they were typed."""

    def __init__(self, profile: Profile, now: Callable[[], datetime], save: Callable[[Profile], bool]) -> None:
        super().__init__()
        self.profile = copy.deepcopy(profile)
        self.now = now
        self.save_profile = save
        self.draft: dict[str, bool | str] = {key: answer.value for key, answer in profile.answers.items()}
        if profile.needs_clearance and profile.value(CLEARANCE_QUESTION.id):
            self.draft.pop(CLEARANCE_QUESTION.id, None)

    def compose(self) -> ComposeResult:
        yield Plain("Your health profile", id="banner")
        yield Plain(INTRO, id="intro")
        yield RowTable(id="questions")
        with Vertical(id="status-box"):
            yield Plain("", id="status", keep_newlines=True)
            yield ItemList(id="status-items")
        yield Plain("", id="status-keys", keep_newlines=True)
        yield Footer()

    def on_mount(self) -> None:
        self.fill()
        self.query_one(DataTable).focus()

    def on_resize(self, _event: Resize) -> None:
        self.fill()

    def questions(self) -> list[ProfileQuestion]:
        """The questions to show: the clearance only once something needs a professional's assessment."""
        history = any(self.draft.get(item.id) is True for item in HISTORY_QUESTION.items)
        older = self.draft.get(AGE_QUESTION.id) in ("50-69", "70-plus") and self.draft.get(FIRST_EPISODE_QUESTION.id)
        return [*QUESTIONS, CLEARANCE_QUESTION] if history or older else list(QUESTIONS)

    def answered(self, question: ProfileQuestion) -> bool:
        return all(answer_id in self.draft for answer_id in question.answer_ids)

    def answer_text(self, question: ProfileQuestion) -> str:
        """``yes``, ``no``, a choice's words, or for a listed question the items ticked; ``—`` when not answered."""
        if not self.answered(question):
            return "—"
        if question.kind is QuestionKind.LISTED:
            ticked = [item.text for item in question.items if self.draft[item.id] is True]
            return f"yes: {', '.join(ticked)}" if ticked else "no"
        value = self.draft[question.id]
        return CHOICE_LABELS.get(value, value) if isinstance(value, str) else ("yes" if value else "no")

    def since(self, question: ProfileQuestion) -> str:
        """The day the shown answer was first given; ``now`` for an answer not yet saved."""
        if not self.answered(question):
            return ""
        saved = [self.profile.answers.get(answer_id) for answer_id in question.answer_ids]
        unchanged = all(
            s is not None and s.value == self.draft[a] for s, a in zip(saved, question.answer_ids, strict=True)
        )
        return day_text(max(s.at for s in saved if s is not None)) if unchanged else "now"

    def fill(self) -> None:
        """Every question with its answer, in columns as wide as the terminal allows."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        fixed = sum(width for _, width in COLUMNS)
        padding = 2 * table.cell_padding * len(COLUMNS)
        rest = max(LEAST_QUESTION_CELLS, self.app.size.width - TABLE_MARGINS - SCROLLBAR - padding - fixed)
        for label, width in COLUMNS:
            table.add_column(label, width=width or rest)
        for question in self.questions():
            answer = self.answer_text(question)
            table.add_row(
                literal(answer, "bold" if answer not in ("—", "no") else ""),
                literal(self.since(question)),
                literal(f"{question.section}: {question.text}"),
                key=question.id,
                height=None,
            )
        table.move_cursor(row=min(row, table.row_count - 1))
        self.show_status()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_status()

    def current(self) -> ProfileQuestion | None:
        questions = self.questions()
        if not questions:
            return None
        return questions[min(self.query_one(DataTable).cursor_row, len(questions) - 1)]

    def show_status(self) -> None:
        """The highlighted question in full, with its answers and glosses, and how many are left."""
        current = self.current()
        if current is None:
            return
        lines = [f"{current.section}: {current.text}"]
        if current.gloss:
            lines.append(current.gloss)
        self.query_one("#status", Plain).show("\n".join(lines))
        self.query_one("#status-items", ItemList).show(
            [
                (
                    str(n) if current.kind is QuestionKind.CHOICE else "•",
                    item.text + (f" ({item.gloss})" if item.gloss else ""),
                )
                for n, item in enumerate(current.items, 1)
            ]
        )
        lines = []
        keys = {QuestionKind.CHOICE: "1-{}  answer", QuestionKind.LISTED: "y  yes, then which    n  none of these"}
        lines.append(keys.get(current.kind, "y  yes    n  no").format(len(current.items)))
        if self.draft.get(AGE_QUESTION.id) == UNDER_16:
            lines.append(ADULTS_ONLY)
        missing = sum(1 for q in self.questions() if not self.answered(q))
        lines.append(f"{missing} question{'s' if missing != 1 else ''} left." if missing else "All answered: s saves.")
        self.query_one("#status-keys", Plain).show("\n".join(lines))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """y and n answer yes/no and listed questions; a choice is answered by its number alone."""
        if action == "answer" and self.is_mounted:
            current = self.current()
            return current is None or current.kind is not QuestionKind.CHOICE
        return True

    def action_choose(self, number: int) -> None:
        current = self.current()
        if current is not None and current.kind is QuestionKind.CHOICE and number <= len(current.items):
            self._set({current.id: current.items[number - 1].id})

    def action_answer(self, value: bool) -> None:
        current = self.current()
        if current is None or current.kind is QuestionKind.CHOICE:
            return
        if current.kind is QuestionKind.YES_NO:
            self._set({current.id: value})
        elif not value:
            self._set({item.id: False for item in current.items})
        else:
            items = [(item.id, f"{item.text} ({item.gloss})" if item.gloss else item.text) for item in current.items]
            ticked = tuple(item.id for item in current.items if self.draft.get(item.id) is True)
            self.app.push_screen(WhichPrompt(f"{current.text} Which?", items, ticked), self._which_given(current))

    def _which_given(self, question: ProfileQuestion) -> Callable[[tuple[str, ...] | None], None]:
        def given(ticked: tuple[str, ...] | None) -> None:
            if ticked:
                self._set({item.id: item.id in ticked for item in question.items})

        return given

    def _set(self, answers: dict[str, bool | str]) -> None:
        """Take answers into the draft; a new serious "yes" asks the clearance again; on to the next question."""
        new_sign = any(v is True and self.draft.get(k) is not True for k, v in answers.items() if k in HISTORY_IDS)
        if new_sign:
            self.draft.pop(CLEARANCE_QUESTION.id, None)
        self.draft.update(answers)
        table = self.query_one(DataTable)
        self.fill()
        if all(self.answered(q) for q in self.questions()):
            self.app.clear_notifications()
        table.move_cursor(row=min(table.cursor_row + 1, table.row_count - 1))

    def action_save(self) -> None:
        missing = [q for q in self.questions() if not self.answered(q)]
        if missing:
            self.notify(f"Answer every question first ({len(missing)} left).", severity="warning")
            return
        now = self.now()
        for question in self.questions():
            for answer_id in question.answer_ids:
                self.profile.answer(answer_id, self.draft[answer_id], now)
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


HISTORY_IDS = frozenset(item.id for item in HISTORY_QUESTION.items) | {AGE_QUESTION.id, FIRST_EPISODE_QUESTION.id}
