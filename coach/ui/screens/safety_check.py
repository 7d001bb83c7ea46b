"""The safety check before a session: one screen showing the check's pending question or verdict."""

from __future__ import annotations

from time import monotonic

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Footer

from coach.learn import cards_for
from coach.safety.check import CheckVerdict, SafetyCheck, VerdictKind
from coach.safety.check_texts import AnswerKind
from coach.session.engine import Clock
from coach.session.questions import TYPED_ONE_HINT, ScaleEntry
from coach.ui.protocols import Cancel, CoachAppApi
from coach.ui.screens.dismiss import dismiss_once
from coach.ui.screens.session import TICK_MARGIN
from coach.ui.widgets.plain import Plain

YES_NO_KEYS = {"y": True, "n": False}
RATING_HINT = "Press 0-9, or 1 0 or t for 10  (0 = no pain, 10 = worst imaginable)"


class SafetyCheckScreen(Screen[CheckVerdict]):
    """Shows what the ``SafetyCheck`` asks and passes the answers back; returns its verdict.

    No answer is chosen in advance: only y/n (or 0-9 and t) answer, never enter.
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

    def __init__(self, check: SafetyCheck, routine_title: str, gentler: str = "", clock: Clock = monotonic) -> None:
        super().__init__()
        self.check = check
        self.routine_title = routine_title
        self.gentler = gentler
        """The line on the gentlest routine, for a caution that suggests one."""
        self.clock = clock
        self.scale = ScaleEntry()
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
                keys = TYPED_ONE_HINT if self.scale.waiting else RATING_HINT
            self.query_one("#keys", Plain).show(f"{keys}    escape  back to the routines")
            return
        if verdict is None:
            return
        if verdict.kind is VerdictKind.GO:
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
        if self.app.screen is not self:
            return
        pending = self.check.pending
        verdict = self.check.verdict
        if pending is not None:
            if pending.question.kind is AnswerKind.RATING:
                self._rating_key(event)
            elif event.key in YES_NO_KEYS:
                event.stop()
                self.check.answer(YES_NO_KEYS[event.key])
                self.show()
            elif event.key == "enter":
                event.stop()
            return
        if verdict is None:
            return
        if event.key == "l":
            from coach.ui.screens.learn import LearnScreen

            event.stop()
            self.app.push_screen(LearnScreen(cards_for("blocked")[0].id))
        elif verdict.kind is VerdictKind.CAUTION and event.key in ("g", "b"):
            event.stop()
            dismiss_once(self, self.check.decide(event.key == "g"))
        elif verdict.kind is not VerdictKind.CAUTION and event.key == "enter":
            event.stop()
            dismiss_once(self, verdict)

    def _rating_key(self, event: Key) -> None:
        """0-10: a 1 waits a moment for a 0 (10); a key that only ends that wait goes on to what follows."""
        if event.key == "escape":
            return
        rating, used = self.scale.press(event.key, self.clock())
        if used or event.key == "enter":
            event.stop()
        self._stop_waking()
        if rating is not None:
            self.check.answer(rating)
        elif self.scale.waiting:
            left = self.scale.seconds_left(self.clock()) or 0.0
            self._wake = self.coach.schedule(left + TICK_MARGIN, self._one_waited)
        self.show()
        if rating is not None and not used:
            self.on_key(event)

    def _one_waited(self) -> None:
        self._wake = None
        rating = self.scale.due(self.clock())
        if rating is not None and self.check.pending is not None:
            self.check.answer(rating)
            self.show()

    def _stop_waking(self) -> None:
        if self._wake is not None:
            self._wake()
            self._wake = None

    @property
    def coach(self) -> CoachAppApi:
        return self.app  # type: ignore[return-value]

    def action_leave(self) -> None:
        if self.scale.waiting:
            self.scale.clear()
            self._stop_waking()
            self.show()
            return
        dismiss_once(self, self.check.leave())
