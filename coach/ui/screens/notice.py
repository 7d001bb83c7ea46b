"""The first-run notice: not medical advice, when to stop, when to see a doctor now."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.safety import pain as safety
from coach.ui.widgets.item_list import bullet_rows, hanging_list
from coach.ui.widgets.plain import Plain

BULLET = "  - "


def with_hanging_bullets(text: str) -> Group:
    """``text`` with each run of ``  - `` lines as a list whose wrapped lines stay under the first word."""
    parts: list[Text | Table] = []
    bullets: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith(BULLET):
            bullets.append(line[len(BULLET) :])
            continue
        if bullets:
            parts.append(hanging_list(bullet_rows(bullets)))
            bullets = []
        parts.append(Text(line))
    return Group(*parts[:-1])


KEYS = "Press a (or enter) to accept, q to quit."
MORE_BELOW = "▼ More below: down, a or enter shows the rest; then a accepts."


class FirstRunNotice(Screen[None]):
    """The first screen of a first run; posts ``Answered`` once: accepted, or quit. Nothing of home is
    drawn, or needed, before it is accepted."""

    class Answered(Message):
        """The notice was accepted (``accepted``) or declined."""

        def __init__(self, accepted: bool) -> None:
            super().__init__()
            self.accepted = accepted

    DEFAULT_CSS = """
    FirstRunNotice { align: center middle; }
    FirstRunNotice > Vertical {
        width: 90%; max-width: 96; height: 90%; border: thick $warning; background: $surface; padding: 0 1;
    }
    FirstRunNotice #notice-title { text-style: bold; padding: 0 1; }
    FirstRunNotice VerticalScroll { padding: 0 1; }
    FirstRunNotice #notice-keys { color: $text-muted; padding: 0 1; }
    FirstRunNotice #notice-keys.-more { color: $warning; text-style: bold; }
    """
    BINDINGS = [
        Binding("a", "accept", "I understand"),
        Binding("enter", "accept", show=False),
        Binding("q", "decline", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._answered = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain("Before you start", id="notice-title")
            with VerticalScroll(id="notice-scroll"):
                yield Static(with_hanging_bullets(safety.FIRST_RUN_NOTICE), id="notice-text")
            yield Plain(KEYS, id="notice-keys")
        yield Footer()

    def on_mount(self) -> None:
        scroll = self.query_one("#notice-scroll", VerticalScroll)
        scroll.focus()
        self.watch(scroll, "scroll_y", self._show_more_hint)
        self.watch(scroll, "virtual_size", self._show_more_hint)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_more_hint)

    def _show_more_hint(self, _value: object = None) -> None:
        """Say so while part of the notice is below the fold (on the keys line, so the layout never moves)."""
        scroll = self.query_one("#notice-scroll", VerticalScroll)
        more = scroll.scroll_y < scroll.max_scroll_y
        self.query_one("#notice-keys", Plain).show(f"{MORE_BELOW}  q quits." if more else KEYS)
        self.query_one("#notice-keys").set_class(more, "-more")

    def action_accept(self) -> None:
        """Accept, once the whole notice has been on screen; until then, show the rest first."""
        scroll = self.query_one("#notice-scroll", VerticalScroll)
        if scroll.scroll_y < scroll.max_scroll_y:
            scroll.scroll_page_down(animate=False)
            return
        self._answer(True)

    def action_decline(self) -> None:
        self._answer(False)

    def _answer(self, accepted: bool) -> None:
        """Say so once, however many keys were already on their way, and only while the notice is on top."""
        if not self._answered and self.is_attached and self.app.screen is self:
            self._answered = True
            self.post_message(self.Answered(accepted))
