"""The safety check before a session: one screen showing the check's pending question or verdict."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Key
from textual.widgets import Footer

from coach.learn import cards_for
from coach.safety.check import CheckVerdict, SafetyCheck, VerdictKind
from coach.safety.check_texts import AnswerKind
from coach.safety.scale import SCALE_HINT, TYPED_ONE_HINT
from coach.ui.protocols import Cancel
from coach.ui.screens.base import CoachScreen
from coach.ui.screens.dismiss import dismiss_once
from coach.ui.screens.session import TICK_MARGIN
from coach.ui.widgets.plain import Plain


class SafetyCheckScreen(CoachScreen[CheckVerdict]):
    """Shows what the ``SafetyCheck`` asks and passes the answers back; returns its verdict.

    Every key goes to the check (``SafetyCheck.key``); the screen only shows what it says and
    wakes it when a 1 typed on the scale becomes the answer.
    """

    DEFAULT_CSS = """
    SafetyCheckScreen #banner { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    SafetyCheckScreen VerticalScroll { padding: 1 2; }
    SafetyCheckScreen #position { color: $text-muted; }
    SafetyCheckScreen #note { margin-top: 1; color: $warning; }
    SafetyCheckScreen #question { margin-top: 1; text-style: bold; }
    SafetyCheckScreen #keys { margin-top: 1; color: $accent; }
    SafetyCheckScreen #verdict { height: auto; border: heavy $warning; padding: 0 1; }
    SafetyCheckScreen #verdict.blocked { border: heavy $error; }
    """
    BINDINGS = [Binding("escape", "leave", "Back")]

    def __init__(self, check: SafetyCheck, routine_title: str, gentler: str = "") -> None:
        super().__init__()
        self.check = check
        self.routine_title = routine_title
        self.gentler = gentler
        """The line on the gentlest routine, for a caution that suggests one."""
        self._wake: Cancel | None = None

    def compose(self) -> ComposeResult:
        yield Plain(f"Safety check · {self.routine_title}", id="banner")
        with VerticalScroll():
            yield Plain("", id="position")
            yield Plain("", id="note", keep_newlines=True)
            yield Plain("", id="question")
            with Vertical(id="verdict"):
                yield Plain("", id="verdict-title")
                yield Plain("", id="advice", keep_newlines=True)
            yield Plain("", id="keys")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        """Render the pending question, or the verdict once there is one."""
        pending = self.check.pending
        verdict = self.check.verdict
        note = self.query_one("#note", Plain)
        box = self.query_one("#verdict")
        if pending is not None:
            self.query_one("#position", Plain).show(pending.position)
            note.display = bool(pending.note)
            note.show(pending.note)
            self.query_one("#question", Plain).show(pending.question.text)
            box.display = False
            if pending.question.kind is AnswerKind.YES_NO:
                keys = "y  yes    n  no"
            else:
                keys = TYPED_ONE_HINT if self.check.scale.waiting else SCALE_HINT
            self.query_one("#keys", Plain).show(f"{keys}    escape  back to the routines")
            return
        if verdict is None:
            return
        if self.check.finished:
            dismiss_once(self, verdict)
            return
        self.query_one("#position", Plain).show("Safety check finished")
        note.display = False
        self.query_one("#question", Plain).show("")
        box.display = True
        box.set_class(verdict.kind is VerdictKind.BLOCKED, "blocked")
        self.query_one("#verdict-title", Plain).show(("⚠ " if verdict.urgent else "") + verdict.title)
        advice = list(verdict.advice)
        if verdict.suggest_gentler and self.gentler:
            advice.append(self.gentler)
        learn = cards_for("blocked")[0]
        advice.append(f"Worth knowing: {learn.title} (press l).")
        self.query_one("#advice", Plain).show("\n".join(advice))
        keys = (
            "g  go on anyway    b  back to the routines"
            if verdict.kind is VerdictKind.CAUTION
            else "enter or escape  back to the routines"
        )
        self.query_one("#keys", Plain).show(keys)

    def on_key(self, event: Key) -> None:
        if self.app.screen is not self or event.key == "escape":
            return
        if event.key == "l" and self.check.pending is None and self.check.verdict is not None:
            from coach.ui.screens.learn import LearnScreen

            event.stop()
            self.app.push_screen(LearnScreen(cards_for("blocked")[0].id))
            return
        if self.check.key(event.key):
            event.stop()
        self._shown()

    def action_leave(self) -> None:
        self.check.key("escape")
        self._shown()

    def _shown(self) -> None:
        """Show what the check says now, and wake it when a 1 typed on the scale becomes the answer."""
        self._stop_waking()
        left = self.check.seconds_to_next_change()
        if left is not None:
            self._wake = self.coach.schedule(left + TICK_MARGIN, self._one_waited)
        self.show()

    def _one_waited(self) -> None:
        self._wake = None
        self.check.tick()
        self._shown()

    def _stop_waking(self) -> None:
        if self._wake is not None:
            self._wake()
            self._wake = None
