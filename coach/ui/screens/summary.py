"""After a session: what was done, time, pain before and after, a note; the log is final."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Static

from coach.history.summary import summarise
from coach.learn import Card, cards_after_session
from coach.session.running import RunningSession
from coach.ui.screens.base import CoachScreen
from coach.ui.screens.prompts import YesNoPrompt
from coach.ui.widgets.plain import Plain, literal

NOTE_LENGTH = 500


class SummaryScreen(CoachScreen[None]):
    """Shows the finished session and takes an optional note, kept on enter or escape."""

    DEFAULT_CSS = """
    SummaryScreen { align-horizontal: center; }
    SummaryScreen VerticalScroll { width: 100%; max-width: 100; padding: 1 2; }
    SummaryScreen #title { text-style: bold; margin-bottom: 1; }
    SummaryScreen #outcome { margin-bottom: 1; }
    SummaryScreen #advice { color: $warning; margin-bottom: 1; }
    SummaryScreen #dose { margin-bottom: 1; }
    SummaryScreen .step { color: $text; }
    SummaryScreen .learn { color: $text-muted; margin-top: 1; }
    SummaryScreen #figures { margin-top: 1; }
    SummaryScreen #log { color: $text-muted; margin-top: 1; }
    SummaryScreen #warning { color: $error; }
    SummaryScreen VerticalScroll { height: 1fr; }
    SummaryScreen Input { dock: bottom; margin: 0 2 1 2; max-width: 96; }
    SummaryScreen #saved { dock: bottom; color: $success; height: 1; margin: 0 2; }
    """
    BINDINGS = [
        Binding("escape", "home", "Save note, home"),
        Binding("pagedown", "page(1)", "Scroll", key_display="pgdn/pgup", priority=True),
        Binding("pageup", "page(-1)", "Scroll up", show=False, priority=True),
    ]

    def __init__(self, session: RunningSession) -> None:
        super().__init__()
        self.session = session
        self.recorder = session.recorder

    def compose(self) -> ComposeResult:
        record = self.recorder.record
        summary = summarise(record, {e.id: e.name for e in self.session.routine.exercises}, self.session.advice)
        with VerticalScroll():
            yield Plain(f"Session summary: {record.routine_title}", id="title")
            yield Plain(summary.headline, id="outcome")
            yield Plain(summary.advice, id="advice", keep_newlines=True, hide_empty=True)
            yield Plain(record.level_reason, id="dose", hide_empty=True)
            for line in summary.steps:
                yield Plain(line, classes="step")
            yield Plain("\n".join(summary.figures), id="figures", keep_newlines=True)
            path = literal(f"Log: {self.recorder.path or 'not saved'}")
            path.overflow = "fold"
            yield Static(path, id="log")
            yield Plain(self.recorder.warning, id="warning")
            for card in self.cards_to_offer():
                yield Plain(f"Worth knowing: {card.title}. {card.text} ({card.source_line})", classes="learn")
        yield Input(placeholder="A note for your log (optional), then enter", id="note", max_length=NOTE_LENGTH)
        yield Plain("", id="saved")
        yield Footer()

    def action_page(self, direction: int) -> None:
        scroller = self.query_one(VerticalScroll)
        if direction > 0:
            scroller.scroll_page_down()
        else:
            scroller.scroll_page_up()

    def cards_to_offer(self) -> tuple[Card, ...]:
        """The Learn cards this session calls for: the flare-up plan after a stop, "hurt does not
        mean harm" after more pain or an amber check, medicines and sleep after the flare-up plan."""
        return cards_after_session(self.recorder.record)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_home()

    def keep_note(self) -> bool:
        """Save the note typed so far, if it is new; returns whether the log is saved."""
        note = self.query_one(Input).value.strip()
        if note and note != self.recorder.record.note:
            return self.session.set_note(note)
        return not self.recorder.warning or self.recorder.save()

    def action_home(self) -> None:
        """Keep the note, if one was typed, and go home; when the log could not be saved, try again
        first (the last save may have failed before the note), and if that fails too, ask."""
        note = self.query_one(Input).value.strip()
        changed = bool(note) and note != self.recorder.record.note
        if changed or self.recorder.warning:
            saved = self.session.set_note(note) if changed else self.recorder.save()
            self.query_one("#saved", Plain).show(("Note saved." if changed else "Log saved.") if saved else "")
            self.query_one("#warning", Plain).show(self.recorder.warning)
            if not saved:
                self.app.push_screen(
                    YesNoPrompt(
                        "The session log could not be saved",
                        f"{self.recorder.warning}\n\nFix what is wrong, then try again; if you leave, what "
                        "could not be saved is lost and the log reads as interrupted.",
                        yes="Try again",
                        no="Leave without saving",
                        cancellable=True,
                    ),
                    self._after_failed_save,
                )
                return
        self.coach.activities.after_summary(self.recorder.record)

    def _after_failed_save(self, again: bool | None) -> None:
        if again:
            self.action_home()
        elif again is False:
            self.coach.activities.after_summary(self.recorder.record)
