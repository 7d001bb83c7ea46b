"""The session's pending question, drawn in place of the countdown: the keys answer it."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from coach.scale import SCALE_HINT, TYPED_ONE_HINT
from coach.session.questions import Question
from coach.ui.widgets.plain import Plain, literal

TONES = ("amber", "red", "stop")
MORE_HINT = "up/down, page up/down: read the rest"
SCROLL_KEYS = {
    "up": "scroll_up",
    "down": "scroll_down",
    "pageup": "scroll_page_up",
    "pagedown": "scroll_page_down",
    "home": "scroll_home",
    "end": "scroll_end",
}
SCALE = "  ".join(f"[{n}]" for n in range(11))


class QuestionPanel(Vertical, can_focus=False):
    """Title, body, then the answers with their keys; nothing is chosen in advance.

    A body too long for the panel scrolls (``scroll``); the answers and their keys stay in view."""

    DEFAULT_CSS = """
    QuestionPanel { height: 1fr; border: thick $primary; background: $surface; padding: 0 2; margin: 0 1; }
    QuestionPanel #question-title { text-style: bold; margin-bottom: 1; }
    QuestionPanel #question-scroll { height: auto; }
    QuestionPanel.-long #question-scroll { height: 1fr; }
    QuestionPanel #question-body { margin-bottom: 1; }
    QuestionPanel #question-rows { margin-bottom: 1; }
    QuestionPanel #question-answers { text-style: bold; }
    QuestionPanel #question-hint { color: $text-muted; margin-top: 1; }
    QuestionPanel.-amber { border: thick $warning; }
    QuestionPanel.-red, QuestionPanel.-stop { border: thick $error; }
    QuestionPanel.-red #question-title, QuestionPanel.-stop #question-title { color: $error; }
    QuestionPanel.-amber #question-title { color: $warning; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question: Question | None = None
        self._hint = ""

    def compose(self) -> ComposeResult:
        yield Plain("", id="question-title")
        with VerticalScroll(id="question-scroll", can_focus=False):
            yield Plain("", id="question-body", keep_newlines=True, hide_empty=True)
            yield Static("", id="question-rows")
        yield Plain("", id="question-answers", keep_newlines=True)
        yield Plain("", id="question-hint", keep_newlines=True, hide_empty=True)

    def scroll(self, key: str) -> bool:
        """Scroll a long body with up, down, page up, page down, home or end; returns whether the key was one."""
        body = self.query_one("#question-scroll", VerticalScroll)
        action = SCROLL_KEYS.get(key)
        if action is None:
            return False
        getattr(body, action)(animate=False)
        return True

    def show(self, question: Question | None) -> None:
        if question == self.question:
            return
        self.question = question
        if question is None:
            return
        for tone in TONES:
            self.set_class(question.tone == tone, f"-{tone}")
        marker = {"amber": "● amber · ", "red": "● red · ", "stop": "■ stop · "}.get(question.tone, "")
        self.query_one("#question-title", Plain).show(marker + question.title)
        self.query_one("#question-body", Plain).show(question.body)
        self._show_rows(question.rows)
        if question.scale:
            answers = SCALE.replace("[1]", "»1«") if question.typed else SCALE
            hint = TYPED_ONE_HINT if question.typed else SCALE_HINT
        else:
            answers = "\n".join(f"{o.key}  {o.label}" for o in question.options)
            hint = ""
        if question.cancellable:
            hint = f"{hint}\nescape: {question.escape}" if hint else f"escape: {question.escape}"
        self.query_one("#question-answers", Plain).show(answers)
        self.query_one("#question-hint", Plain).show(hint)
        self.query_one("#question-scroll", VerticalScroll).scroll_home(animate=False)
        self._hint = hint
        self._fit()

    def _show_rows(self, rows: tuple[tuple[str, str], ...]) -> None:
        """Each row's key in a column of its own, its words wrapping in the next."""
        widget = self.query_one("#question-rows", Static)
        widget.display = bool(rows)
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for key, what in rows:
            table.add_row(literal(key), literal(what))
        widget.update(table)

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Measure again: a body too long for the panel gets the room left and scrolls."""
        self.remove_class("-long")
        self.call_after_refresh(self._scroll_if_long)

    def _scroll_if_long(self) -> None:
        if not self.is_attached:
            return
        children = [child for child in self.children if child.display]
        needed = sum(
            child.outer_size.height + child.styles.margin.top + child.styles.margin.bottom for child in children
        )
        long = needed > self.content_region.height
        self.set_class(long, "-long")
        more = MORE_HINT if long else ""
        self.query_one("#question-hint", Plain).show("\n".join(part for part in (self._hint, more) if part))
