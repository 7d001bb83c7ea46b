"""The safety check before a session: one screen showing the check's pending question or verdict."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Key
from textual.widgets import Footer

from coach.learn import Card, Moment, offer
from coach.logs.records import Screening
from coach.progression.choice import DoseChoice
from coach.routines.catalog import Entry
from coach.safety.check import SafetyCheck
from coach.safety.check_texts import AnswerKind
from coach.safety.verdicts import CheckVerdict, Offer, Pending, VerdictKind
from coach.scale import SCALE_HINT, TYPED_ONE_HINT
from coach.ui.layout import fit_scroll
from coach.ui.protocols import Cancel
from coach.ui.screens.base import CoachScreen
from coach.ui.screens.dismiss import dismiss_once
from coach.ui.screens.session import TICK_MARGIN
from coach.ui.widgets.item_list import ItemList, Row, bullet_rows, ticked_rows
from coach.ui.widgets.plain import Plain

BACK = "escape  back to the routines"
WHICH_BACK = "escape  the advice for the most serious of these"
"""Escape at "which?": a yes was said, so leaving takes the advice its most urgent sign would get."""


class SafetyCheckScreen(CoachScreen[CheckVerdict]):
    """Shows what the ``SafetyCheck`` asks and passes the answers back; returns its verdict.

    Every key goes to the check (``SafetyCheck.key``); the screen only shows what it says and
    wakes it when a 1 typed on the scale becomes the answer.
    """

    DEFAULT_CSS = """
    SafetyCheckScreen #banner { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    SafetyCheckScreen VerticalScroll { padding: 1 2 0 2; height: auto; }
    SafetyCheckScreen #position { color: $text-muted; }
    SafetyCheckScreen #note { margin-top: 1; color: $warning; }
    SafetyCheckScreen #question { margin-top: 1; text-style: bold; }
    SafetyCheckScreen #items { margin-top: 1; }
    SafetyCheckScreen #keys { margin-top: 1; padding: 0 2; color: $accent; }
    SafetyCheckScreen #verdict { height: auto; border: heavy $warning; padding: 0 1; }
    SafetyCheckScreen #verdict-title { text-style: bold; }
    SafetyCheckScreen #verdict.blocked { border: heavy $error; }
    SafetyCheckScreen #verdict.urgent { border: heavy $error; background: $error 15%; }
    SafetyCheckScreen #verdict.urgent #verdict-title { color: $text-error; }
    """
    BINDINGS = [Binding("escape", "leave", "Back"), Binding("escape", "leave_at_which", "The advice")]

    def __init__(
        self,
        check: SafetyCheck,
        routine_title: str,
        offers: Mapping[Offer, Entry | None] | None = None,
        dose_for: Callable[[Screening], DoseChoice] | None = None,
    ) -> None:
        super().__init__()
        self.check = check
        self.routine_title = routine_title
        self.offers = dict(offers or {})
        """The routine each offer would start; ``None`` where it is the routine chosen."""
        self.dose_for = dose_for
        """Today's dose of the routine, from what the check found (a next-day flare lowers it)."""
        self.dose: DoseChoice | None = None
        self.check.wait_at_go = dose_for is not None
        self._wake: Cancel | None = None

    def compose(self) -> ComposeResult:
        yield Plain(f"Safety check · {self.routine_title}", id="banner")
        with VerticalScroll():
            yield Plain("", id="position")
            yield Plain("", id="note", keep_newlines=True, hide_empty=True)
            yield Plain("", id="question")
            yield ItemList(id="items")
            with Vertical(id="verdict"):
                yield Plain("", id="verdict-title")
                yield Plain("", id="advice", keep_newlines=True)
        yield Plain("", id="keys", keep_newlines=True)
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """The question or verdict scrolls when it cannot fit above its keys, which stay in view."""
        fixed = self.query_one("#banner").outer_size.height + self.query_one(Footer).outer_size.height
        fit_scroll(self.query_one(VerticalScroll), self.size.height, [self.query_one("#keys")], self.size.width, fixed)

    def offered(self, verdict: CheckVerdict) -> Entry | None:
        """The routine the verdict's f key starts, when there is one other than the routine chosen."""
        return self.offers.get(verdict.offer)

    def show(self) -> None:
        """Render the pending question, or the verdict once there is one."""
        self.call_after_refresh(self._fit)
        self.refresh_bindings()
        pending = self.check.pending
        verdict = self.check.verdict
        box = self.query_one("#verdict")
        if pending is not None:
            self.query_one("#position", Plain).show(pending.position)
            self.query_one("#note", Plain).show(pending.note)
            self.query_one("#question", Plain).show(pending.question.text)
            self.query_one("#items", ItemList).show(item_rows(pending))
            box.display = False
            keys = self._answer_keys(pending)
            if pending.question.kind is AnswerKind.WHICH:
                keys = f"{keys}\n{WHICH_BACK}"
            elif pending.question.kind is not AnswerKind.RATING:
                keys = f"{keys}    {BACK}"
            elif not self.check.scale.waiting:
                keys = f"{keys}\n{BACK}"
            self.query_one("#keys", Plain).show(keys)
            return
        if verdict is None:
            return
        if self.check.finished:
            dismiss_once(self, verdict)
            return
        self._show_verdict(verdict)

    def _answer_keys(self, pending: Pending) -> str:
        kind = pending.question.kind
        if kind is AnswerKind.YES_NO:
            return "y  yes    n  no"
        if kind is AnswerKind.WHICH:
            count = len(pending.question.items)
            done = "enter  done" if pending.ticked else "tick at least one"
            return f"1-{count}  tick or untick    {done}"
        return TYPED_ONE_HINT if self.check.scale.waiting else SCALE_HINT

    def _show_verdict(self, verdict: CheckVerdict) -> None:
        box = self.query_one("#verdict")
        go = verdict.kind is VerdictKind.GO
        self.query_one("#position", Plain).show("Safety check finished" if self.check.answered else "")
        self.query_one("#note", Plain).show("")
        self.query_one("#question", Plain).show("")
        self.query_one("#items", ItemList).show(())
        box.display = True
        box.set_class(verdict.kind is VerdictKind.BLOCKED, "blocked")
        box.set_class(verdict.urgent, "urgent")
        title = verdict.title or ("Ready to start" if go else "")
        self.query_one("#verdict-title", Plain).show(("⚠ " if verdict.urgent else "") + title)
        advice = list(verdict.advice)
        dose = self._dose(verdict)
        if dose is not None:
            advice.append(dose.line)
        offered = self.offered(verdict)
        if not verdict.urgent:
            if offered is not None:
                advice.append(f"Press f to start {offered.title} instead.")
            elif verdict.offer is Offer.GENTLEST and Offer.GENTLEST in self.offers:
                advice.append("You have chosen the gentlest routine that comes with coach.")
            card = worth_knowing(verdict)
            if card is not None:
                advice.append(f"Worth knowing: {card.title} (press l).")
        self.query_one("#advice", Plain).show("\n".join(advice))
        if verdict.kind is VerdictKind.CAUTION:
            keys = "g  go on anyway    b  back to the routines"
        elif go:
            keys = "enter  start    escape  back to the routines"
        else:
            keys = "enter or escape  back to the routines"
        if offered is not None and not verdict.urgent:
            keys = f"f  {offered.title}    {keys}"
        if dose is not None and dose.hint:
            keys = f"{keys}\n{dose.hint}"
        self.query_one("#keys", Plain).show(keys)

    def _dose(self, verdict: CheckVerdict) -> DoseChoice | None:
        """Today's dose, shown where the session may start: at a go or a caution."""
        if self.dose_for is None or verdict.kind not in (VerdictKind.GO, VerdictKind.CAUTION):
            return None
        if self.dose is None:
            self.dose = self.dose_for(self.check.record)
        return self.dose

    def on_key(self, event: Key) -> None:
        if self.app.screen is not self or event.key == "escape":
            return
        verdict = self.check.verdict if self.check.pending is None else None
        card = worth_knowing(verdict) if verdict is not None else None
        if card is not None and event.key == "l":
            from coach.ui.screens.learn import LearnScreen

            event.stop()
            self.app.push_screen(LearnScreen(card.id))
            return
        if verdict is not None and event.key == "f" and self.offered(verdict) is None:
            return
        if (
            verdict is not None
            and self._dose(verdict) is not None
            and self.dose is not None
            and self.dose.key(event.key)
        ):
            event.stop()
            self.show()
            return
        if self.check.key(event.key):
            event.stop()
        self._shown()

    def action_leave(self) -> None:
        self.check.key("escape")
        self._shown()

    action_leave_at_which = action_leave

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer names what escape does: back, or on "which?" the advice for its most serious sign."""
        pending = self.check.pending
        at_which = pending is not None and pending.question.kind is AnswerKind.WHICH
        if action in ("leave", "leave_at_which"):
            return at_which == (action == "leave_at_which")
        return True

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


def worth_knowing(verdict: CheckVerdict) -> Card | None:
    """The Learn card a verdict offers (never on the emergency screen, which shows its advice alone)."""
    if verdict.urgent or not verdict.moment:
        return None
    cards = offer(Moment(verdict.moment))
    return cards[0] if cards else None


def item_rows(pending: Pending) -> list[Row]:
    """The signs a question lists: bullets under a yes/no question, numbered ticks on "which?"."""
    items = pending.question.items
    if pending.question.kind is AnswerKind.WHICH:
        return ticked_rows([(item.id, item.text) for item in items], pending.ticked)
    return bullet_rows([item.text for item in items])
