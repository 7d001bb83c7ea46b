"""The session's pending question, drawn in place of the countdown: the keys answer it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from coach.questions import SCALE_HINT, TYPED_ONE_HINT, Question
from coach.ui.widgets.plain import Plain

TONES = ("amber", "red", "stop")
SCALE = "  ".join(f"[{n}]" for n in range(11))


class QuestionPanel(VerticalScroll, can_focus=False):
    """Title, body, then the answers with their keys; nothing is chosen in advance."""

    DEFAULT_CSS = """
    QuestionPanel { height: 1fr; border: thick $primary; background: $surface; padding: 0 2; margin: 0 1; }
    QuestionPanel #question-title { text-style: bold; margin-bottom: 1; }
    QuestionPanel #question-body { margin-bottom: 1; }
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

    def compose(self) -> ComposeResult:
        yield Plain("", id="question-title")
        yield Plain("", id="question-body", keep_newlines=True, hide_empty=True)
        yield Plain("", id="question-answers", keep_newlines=True)
        yield Plain("", id="question-hint", keep_newlines=True, hide_empty=True)

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
        self.scroll_home(animate=False)
