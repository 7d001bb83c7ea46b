"""Modal prompts, each returning a typed result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer

from coach.ui.layout import fit_scroll
from coach.ui.screens.dismiss import dismiss_once
from coach.ui.widgets.item_list import ItemList, ticked_rows
from coach.ui.widgets.plain import Plain, literal

ResultT = TypeVar("ResultT")


@dataclass(frozen=True)
class Choice:
    """One answer a ``ChoicePrompt`` offers; ``key`` is pressed to pick it."""

    value: str
    label: str
    key: str


def dialog_css(screen: str, border: str) -> str:
    """A box in the middle of ``screen``, framed in the colour ``border``."""
    return f"""
    {screen} {{ align: center middle; }}
    {screen} > Vertical {{
        width: 80%; max-width: 90; height: auto; max-height: 90%;
        border: thick {border}; background: $surface; padding: 1 2;
    }}"""


class ChoiceBase(ModalScreen[ResultT]):
    """A question with a few answers picked by their key (or a click); subclasses map the answer.

    No answer is chosen in advance: no button takes focus, so enter answers nothing."""

    DEFAULT_CSS = (
        dialog_css("ChoiceBase", "$accent")
        + """
    ChoiceBase .title { text-style: bold; color: $text; margin-bottom: 1; }
    ChoiceBase .body { margin-bottom: 1; }
    ChoiceBase Button { width: 100%; margin-bottom: 0; }
    """
    )
    BINDINGS = [Binding("escape", "dismiss_none", "Back")]

    def __init__(self, title: str, choices: list[Choice], body: str = "", cancellable: bool = True) -> None:
        super().__init__()
        self.prompt_title = title
        self.choices = choices
        self.body = body
        self.cancellable = cancellable

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain(self.prompt_title, classes="title")
            if self.body:
                yield Plain(self.body, keep_newlines=True, classes="body")
            for choice in self.choices:
                button = Button(literal(f"{choice.key}  {choice.label}"), id=f"choice-{choice.value}")
                button.can_focus = False
                yield button
        yield Footer()

    def on_key(self, event: events.Key) -> None:
        for choice in self.choices:
            if event.key == choice.key:
                event.stop()
                dismiss_once(self, self.result(choice.value))
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        dismiss_once(self, self.result((event.button.id or "").removeprefix("choice-")))

    def action_dismiss_none(self) -> None:
        if self.cancellable:
            dismiss_once(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.cancellable if action == "dismiss_none" else True

    def result(self, value: str) -> ResultT:
        raise NotImplementedError


class ChoicePrompt(ChoiceBase[str | None]):
    """Returns the chosen ``Choice.value``, or None on escape."""

    def result(self, value: str) -> str | None:
        return value


class YesNoPrompt(ChoiceBase[bool | None]):
    """A yes/no question: True, False, or None on escape when cancellable."""

    def __init__(
        self, question: str, body: str = "", yes: str = "Yes", no: str = "No", cancellable: bool = False
    ) -> None:
        super().__init__(question, [Choice("yes", yes, "y"), Choice("no", no, "n")], body, cancellable)

    def result(self, value: str) -> bool | None:
        return value == "yes"


class Notice(ModalScreen[None]):
    """Show a message until the user presses enter or escape."""

    DEFAULT_CSS = (
        dialog_css("Notice", "$error")
        + """
    Notice .title { text-style: bold; margin-bottom: 1; }
    Notice .hint { color: $text-muted; margin-top: 1; }
    """
    )
    BINDINGS = [Binding("enter", "close", "OK"), Binding("escape", "close", "OK", show=False)]

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.notice_title = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain(self.notice_title, classes="title")
            yield Plain(self.body, keep_newlines=True)
            yield Plain("Press enter to continue.", classes="hint")
        yield Footer()

    def action_close(self) -> None:
        dismiss_once(self)


class WhichPrompt(ModalScreen[tuple[str, ...] | None]):
    """ "Which?": tick items with their number keys, enter confirms (at least one), escape goes back."""

    DEFAULT_CSS = (
        dialog_css("WhichPrompt", "$accent")
        + """
    WhichPrompt .title { text-style: bold; margin-bottom: 1; }
    WhichPrompt .hint { color: $text-muted; margin-top: 1; }
    WhichPrompt VerticalScroll { height: auto; }
    """
    )
    BINDINGS = [
        Binding("enter", "done", "Done"),
        Binding("escape", "back", "Back"),
        *(Binding(str(n), f"tick({n})", show=False) for n in range(1, 10)),
    ]
    """Every key is a binding, so keys typed ahead, before this opened or after it closes, are taken
    in the order they were typed, each by the screen on top at its turn."""

    def __init__(self, title: str, items: list[tuple[str, str]], ticked: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.prompt_title = title
        self.items = items
        """(id, text) of each item, the text with any gloss."""
        self.ticked = [item_id for item_id, _ in items if item_id in ticked]

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Plain(self.prompt_title, classes="title")
            with VerticalScroll():
                yield ItemList(id="items", indent=0)
            yield Plain("", id="hint", classes="hint", keep_newlines=True)
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.query_one(VerticalScroll).focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_items)

    def _fit_items(self) -> None:
        """Let the list scroll, between the title and the keys, when the dialog's 90% cannot hold it."""
        if not self.is_attached:
            return
        box = self.query_one("#box", Vertical)
        room = int((self.size.height - self.query_one(Footer).outer_size.height) * 0.9)
        texts = [widget for widget in box.children if not isinstance(widget, VerticalScroll)]
        fit_scroll(self.query_one(VerticalScroll), room, texts, box.content_size.width, box.styles.gutter.height)

    def show(self) -> None:
        self.query_one("#items", ItemList).show(ticked_rows(self.items, self.ticked))
        self.call_after_refresh(self._fit_items)
        done = "enter  done" if self.ticked else "tick at least one"
        self.query_one("#hint", Plain).show(f"1-{len(self.items)}  tick or untick    {done}\nescape  back")

    def action_tick(self, number: int) -> None:
        if number > len(self.items):
            return
        item_id = self.items[number - 1][0]
        if item_id in self.ticked:
            self.ticked.remove(item_id)
        else:
            self.ticked.append(item_id)
        self.show()

    def action_done(self) -> None:
        if self.ticked:
            dismiss_once(self, tuple(self.ticked))

    def action_back(self) -> None:
        dismiss_once(self)
