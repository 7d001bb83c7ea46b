"""Learn: the advice cards from the sources, a list of titles beside the chosen card."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from coach.learn import CARDS, Card
from coach.ui.screens.dismiss import dismiss_once
from coach.ui.widgets.plain import Plain, literal


class LearnScreen(Screen[None]):
    """Up/down chooses a card; its text and source show beside the list."""

    DEFAULT_CSS = """
    LearnScreen #banner { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    LearnScreen #cards { width: 38%; max-width: 40; min-width: 20; height: 1fr; margin: 1 0 0 1; }
    LearnScreen #card { width: 1fr; height: 1fr; margin: 1 1 0 1; padding: 0 1; border: round $primary; }
    LearnScreen #title { text-style: bold; margin-bottom: 1; }
    LearnScreen #source { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", show=False),
        Binding("pagedown", "scroll_text(1)", "Text down", priority=True),
        Binding("pageup", "scroll_text(-1)", "Text up", priority=True),
    ]

    def __init__(self, card_id: str | None = None) -> None:
        super().__init__()
        ids = [card.id for card in CARDS]
        self.first_index = ids.index(card_id) if card_id in ids else 0

    @property
    def card(self) -> Card:
        """The card on show."""
        index = self.query_one("#cards", OptionList).highlighted
        return CARDS[self.first_index if index is None else index]

    def compose(self) -> ComposeResult:
        yield Plain("Learn · advice from the sources coach is built on", id="banner")
        with Horizontal():
            yield OptionList(*(Option(literal(card.title), id=card.id) for card in CARDS), id="cards")
            with VerticalScroll(id="card"):
                yield Plain("", id="title")
                yield Plain("", id="text")
                yield Plain("", id="source")
        yield Footer()

    def on_mount(self) -> None:
        cards = self.query_one("#cards", OptionList)
        cards.highlighted = self.first_index
        cards.focus()
        self.show(CARDS[self.first_index])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show(CARDS[event.option_index])

    def show(self, card: Card) -> None:
        self.query_one("#title", Plain).show(card.title)
        self.query_one("#text", Plain).show(card.text)
        self.query_one("#source", Plain).show(card.source_line)
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)

    def action_scroll_text(self, direction: int) -> None:
        """Page through a card too long for the terminal, while the list keeps the focus."""
        text = self.query_one("#card", VerticalScroll)
        if direction > 0:
            text.scroll_page_down(animate=False)
        else:
            text.scroll_page_up(animate=False)

    def action_back(self) -> None:
        dismiss_once(self)
