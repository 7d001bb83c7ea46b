"""Learn: the advice cards under their group headings, reassurance first, beside the chosen card."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from coach.learn import CARDS, GROUPS, Card
from coach.learn import card as card_named
from coach.ui.screens.dismiss import dismiss_once
from coach.ui.widgets.plain import Plain, literal


def _options() -> list[Option]:
    """Each group's heading (not selectable), then its cards, the card's id as the option's id."""
    options = []
    for group in GROUPS:
        options.append(Option(literal(group.title.upper()), disabled=True))
        options.extend(Option(literal(one.title), id=one.id) for one in group.cards)
    return options


class LearnScreen(Screen[None]):
    """Up/down chooses a card (the headings are skipped); its text and source show beside the list."""

    DEFAULT_CSS = """
    LearnScreen #banner { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    LearnScreen #cards { width: 38%; max-width: 40; min-width: 20; height: 1fr; margin: 1 0 0 1; }
    LearnScreen #cards > .option-list--option-disabled { color: $text-accent; text-style: bold; }
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
        ids = {one.id for one in CARDS}
        self.first_card = card_named(card_id) if card_id is not None and card_id in ids else CARDS[0]

    @property
    def card(self) -> Card:
        """The card on show."""
        cards = self.query_one("#cards", OptionList)
        option = cards.highlighted_option
        return card_named(option.id) if option is not None and option.id else self.first_card

    def compose(self) -> ComposeResult:
        yield Plain("Learn · advice from the sources coach is built on", id="banner")
        with Horizontal():
            yield OptionList(*_options(), id="cards")
            with VerticalScroll(id="card"):
                yield Plain("", id="title")
                yield Plain("", id="text")
                yield Plain("", id="source")
        yield Footer()

    def on_mount(self) -> None:
        cards = self.query_one("#cards", OptionList)
        cards.highlighted = cards.get_option_index(self.first_card.id)
        cards.focus()
        self.show(self.first_card)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show(card_named(event.option.id))

    def show(self, shown: Card) -> None:
        self.query_one("#title", Plain).show(shown.title)
        self.query_one("#text", Plain).show(shown.text)
        self.query_one("#source", Plain).show(shown.source_line)
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
