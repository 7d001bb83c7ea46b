"""The bare notice pushed over the bare home screen, as coach pushes its first-run notice over its home.

``bare_app``'s home screen is the default screen; its ``on_mount`` pushes the notice of
``bare_notice`` as a ModalScreen, so both screens are composed and drawn before the first frame,
as in coach. Not a figure's peer: ``startup_probe`` runs it beside coach and the bare notice to
tell what Textual itself spends on a screen pushed over another at start-up from what coach adds.
Run: python benchmarks/bare_notice_modal.py
"""

from __future__ import annotations

from bare_app import BareApp
from bare_notice import NOTICE_BINDINGS, NOTICE_CSS, compose_notice
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen


class NoticeModal(ModalScreen[None]):
    DEFAULT_CSS = "NoticeModal { align: center middle; }"
    BINDINGS = NOTICE_BINDINGS

    def compose(self) -> ComposeResult:
        yield from compose_notice()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_accept(self) -> None:
        self.dismiss()

    def action_decline(self) -> None:
        self.app.exit()


class BareNoticeOverHome(BareApp):
    CSS = BareApp.CSS + NOTICE_CSS
    ENABLE_COMMAND_PALETTE = False

    def on_mount(self) -> None:
        """Textual calls BareApp's ``on_mount`` too (it fills the table); this one pushes the notice."""
        self.push_screen(NoticeModal())


if __name__ == "__main__":
    BareNoticeOverHome().run()
