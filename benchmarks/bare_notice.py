"""The peer for coach's first-run notice: a bare Textual app showing a scrollable text notice.

A bordered box with a title line, a scrollable Static holding the same notice text (its list
lines as plain text, where coach hangs them under their first word), a line with the keys, and a
Footer with the same two keys (a, q). No home screen beneath it, no config, no coach import: what
is left is Textual itself. The text is a copy of coach's notice; ``bench_first_frame`` checks that the marker
it waits for (``common.NOTICE_MARKER``) is still in coach's own text.
Run: python benchmarks/bare_notice.py
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Static

NOTICE = """\
coach is not medical advice: it cannot tell what is wrong with your back or stand in for a \
physiotherapist or doctor.

Back pain is very common and usually not serious; most episodes ease within a few weeks, and keeping \
active helps.

Stop an exercise if the pain turns sharp. Stop the session if pain shoots or spreads into a leg, or you \
feel tingling or numbness.

Do not exercise, and get emergency help now, if you notice any of these: go to an emergency department \
now, or call emergency services (in the UK: 999).
  - numbness or a changed feeling around your groin, genitals, back passage, buttocks or inner thighs \
(you may notice it when you wipe)
  - difficulty passing urine, not feeling it pass or not knowing when your bladder is full, or any loss \
of control of your bladder or bowels
  - less feeling in your genitals, or a change in sexual function
  - numbness, weakness or pain in both legs

The safety check before every session asks about these and the other signs that need a doctor."""
KEYS = "Press a (or enter) to accept, q to quit."


NOTICE_CSS = """
#notice {
    width: 90%; max-width: 96; height: 90%; border: thick $warning; background: $surface; padding: 0 1;
}
#title { text-style: bold; padding: 0 1; }
#notice VerticalScroll { padding: 0 1; }
#keys { color: $text-muted; padding: 0 1; }
"""
NOTICE_BINDINGS = [
    Binding("a", "accept", "I understand"),
    Binding("enter", "accept", show=False),
    Binding("q", "decline", "Quit"),
]


def compose_notice() -> ComposeResult:
    """The notice's widgets: the bordered box with title, scrollable text and keys, then the Footer."""
    with Vertical(id="notice"):
        yield Static("Before you start", id="title", markup=False)
        with VerticalScroll():
            yield Static(NOTICE, markup=False)
        yield Static(KEYS, id="keys", markup=False)
    yield Footer()


class BareNotice(App[None]):
    CSS = "Screen { align: center middle; }" + NOTICE_CSS
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = NOTICE_BINDINGS

    def compose(self) -> ComposeResult:
        yield from compose_notice()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_accept(self) -> None:
        self.exit()

    def action_decline(self) -> None:
        self.exit()


if __name__ == "__main__":
    BareNotice().run()
