"""The guided session: renders the running session and its pending question; keys go to the core."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key, Resize
from textual.widgets import Footer

from coach.session.announcer import Announcer
from coach.session.running import RunningSession
from coach.session.view import SessionView
from coach.ui.footer import NARROW_BELOW, fit_footer
from coach.ui.protocols import Cancel
from coach.ui.screens.base import CoachScreen
from coach.ui.widgets.line_bar import LineBar
from coach.ui.widgets.phase_display import PhaseDisplay
from coach.ui.widgets.plain import Plain
from coach.ui.widgets.question_panel import SCROLL_KEYS, QuestionPanel

COMPACT_BELOW = 26
"""Terminals shorter than this get the tight layout."""
TICK_MARGIN = 0.005
"""Wake this much after a display change is due, so the reading has crossed the boundary."""
SWITCH_ACTIONS = {"toggle_sound", "toggle_voice"}
SCREEN_KEYS = {"m", "v"}
"""Keys the screen handles itself, questions or not (no answer uses them); every other key goes to the session."""


class SessionScreen(CoachScreen[None]):
    """Shows one ``RunningSession``; redraws only what changed."""

    DEFAULT_CSS = """
    SessionScreen { layout: vertical; }
    SessionScreen #top { height: 1; padding: 0 1; background: $panel; }
    SessionScreen #routine-title { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    SessionScreen #status { width: auto; text-align: right; color: $warning; }
    SessionScreen #exercise { text-style: bold; text-align: center; width: 100%; margin-top: 1; }
    SessionScreen #detail { text-align: center; width: 100%; color: $text-muted; }
    SessionScreen #middle { height: 1fr; scrollbar-size-vertical: 1; }
    SessionScreen #hint { text-align: center; width: 100%; text-style: bold; color: $warning; }
    SessionScreen #dose { width: 100%; color: $accent; margin: 1 4 0 4; height: auto; }
    SessionScreen #notice {
        width: 100%; margin: 1 2 0 2; padding: 1 2; text-align: center; text-style: bold;
        color: $text; background: $warning 25%; border-left: thick $warning;
    }
    SessionScreen #cue { text-align: center; width: 100%; text-style: italic; margin-top: 1; padding: 0 2; }
    SessionScreen #howto { margin: 0 4; height: auto; color: $text; }
    SessionScreen #caution { margin: 1 4 0 4; color: $warning; height: auto; }
    SessionScreen #warning { color: $error; margin: 0 2; height: auto; }
    SessionScreen .bars { height: 2; margin: 0 2; }
    SessionScreen .bars Vertical { width: 1fr; height: 2; }
    SessionScreen .bars Vertical:first-child { margin-right: 3; }
    SessionScreen #next { margin: 0 2; height: 1; color: $text-muted; }
    SessionScreen QuestionPanel { display: none; }
    SessionScreen.-asking QuestionPanel { display: block; }
    SessionScreen.-asking PhaseDisplay, SessionScreen.-asking #middle, SessionScreen.-asking .bars,
    SessionScreen.-asking #next { display: none; }
    SessionScreen.-compact #exercise { margin-top: 0; }
    SessionScreen.-compact #cue { margin-top: 0; }
    SessionScreen.-compact #notice { margin: 0 2; padding: 0 1; }
    SessionScreen.-compact #dose { margin: 0 4; }
    SessionScreen.-compact #caution { margin: 0 4; }
    SessionScreen.-compact PhaseDisplay { padding: 0; }
    SessionScreen.-compact BigDigits { margin-top: 0; }
    SessionScreen.-compact.-intro BigDigits { display: none; }
    """
    BINDINGS = [
        Binding("space", "space('pause')", "Pause"),
        Binding("space", "space('resume')", "Resume"),
        Binding("space", "space('start')", "Start"),
        Binding("space", "space('set_done')", "Set done"),
        Binding("enter", "press('enter')", "Done", show=False),
        Binding("p", "press('p')", "It hurts"),
        Binding("s", "press('s')", "Skip"),
        Binding("i", "press('i')", "Steps"),
        Binding("q", "press('q')", "End"),
        Binding("m", "toggle_sound('footer')", "Sound"),
        Binding("m", "toggle_sound('narrow')", "Sound", show=False),
        Binding("v", "toggle_voice('footer')", "Voice"),
        Binding("v", "toggle_voice('narrow')", "Voice", show=False),
        Binding("question_mark", "press('question_mark')", "Help"),
    ]

    def __init__(self, session: RunningSession) -> None:
        super().__init__()
        self.session = session
        self._timer: Cancel | None = None
        self._last: SessionView | None = None
        self._phase_changes = 0
        self._bells = 0
        self._bindings_for: tuple[bool, str] | None = None
        self._announcer = Announcer()
        self._narrow = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Plain(self.session.routine.title, id="routine-title")
            yield Plain("", id="status")
        yield Plain("", id="exercise")
        yield Plain("", id="detail")
        yield PhaseDisplay()
        yield QuestionPanel()
        with VerticalScroll(id="middle", can_focus=False):
            yield Plain("", id="hint", hide_empty=True)
            yield Plain("", id="warning", hide_empty=True)
            yield Plain("", id="notice", hide_empty=True)
            yield Plain("", id="cue", hide_empty=True)
            yield Plain("", id="caution", hide_empty=True)
            yield Plain("", id="howto", keep_newlines=True, hide_empty=True)
            yield Plain("", id="dose", hide_empty=True)
        with Horizontal(classes="bars"):
            with Vertical():
                yield Plain("This exercise", classes="label")
                yield LineBar(id="exercise-bar")
            with Vertical():
                yield Plain("Whole routine", classes="label")
                yield LineBar(show_percentage=True, id="routine-bar")
        yield Plain("", id="next")
        yield Footer()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < COMPACT_BELOW, "-compact")
        fit_footer(self.query_one(Footer), event.size.width)
        if self._narrow != (event.size.width < NARROW_BELOW):
            self._narrow = event.size.width < NARROW_BELOW
            self.refresh_bindings()
        if self._last is not None and self._last.how and self._last.digits:
            self.call_after_refresh(self._hold_intro_if_cut)

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < COMPACT_BELOW, "-compact")
        fit_footer(self.query_one(Footer), self.app.size.width)
        self._narrow = self.app.size.width < NARROW_BELOW
        self.session.start()
        self.render_session()

    # time and keys ----------------------------------------------------------

    def tick(self) -> None:
        """The scheduled moment has come: let the session move to now, then redraw."""
        self._timer = None
        self.session.tick()
        self.render_session()

    def on_key(self, event: Key) -> None:
        if event.key in SCREEN_KEYS:
            return
        event.stop()
        event.prevent_default()
        if event.key in SCROLL_KEYS:
            self._scroll(event.key)
            return
        self.action_press(event.key)

    def _scroll(self, key: str) -> None:
        """Up/down and page keys read the rest of a long question, or of a long intro card."""
        if self.session.question is not None:
            self.query_one(QuestionPanel).scroll(key)
            return
        middle = self.query_one("#middle", VerticalScroll)
        getattr(middle, SCROLL_KEYS[key])(animate=False)

    def action_press(self, key: str) -> None:
        self.session.key(key)
        self.render_session()

    def action_space(self, _does: str) -> None:
        self.action_press("space")

    def action_toggle_sound(self, _shown: str = "") -> None:
        self.coach.toggle_sound()
        self._last = None
        self.render_session()

    def action_toggle_voice(self, _shown: str = "") -> None:
        self.coach.toggle_voice()
        self.render_session()

    def terminal_too_small(self, small: bool) -> None:
        self.session.set_too_small(small)
        self.render_session()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a question is pending only its answers count; space is labelled for what it does now.

        On a narrow terminal m and v work without a place in the footer, so every other key fits."""
        if action in SWITCH_ACTIONS:
            return parameters == (("narrow",) if self._narrow else ("footer",))
        if self.session.question is not None:
            return False
        if action == "space":
            return parameters == (self._bindings_for[1],) if self._bindings_for else True
        return True

    # drawing ----------------------------------------------------------------

    def render_session(self) -> None:
        """Show the session as it is now; leave for the summary when it is over."""
        session = self.session
        self._schedule()
        events = session.drain_events()
        cue = self._announcer.cue(session, events)
        if cue:
            self.coach.say(cue)
        if session.question is not None and session.question.tone == "stop":
            self.app.clear_notifications()
        if session.bells != self._bells:
            self._bells = session.bells
            self.coach.signal_change()
        if session.phase_changes != self._phase_changes:
            self._phase_changes = session.phase_changes
            self.query_one(PhaseDisplay).flash()
        if session.over:
            self._stop_timer()
            self.coach.show_summary(session)
            return
        asking = session.question is not None
        if asking != self.has_class("-asking"):
            self.set_class(asking, "-asking")
        view = session.view()
        if (asking, view.space) != self._bindings_for:
            self._bindings_for = (asking, view.space)
            self.refresh_bindings()
        self.query_one(QuestionPanel).show(session.question)
        status = ("sound off" if not self.coach.sound else "", self.coach.voice_status)
        self.query_one("#status", Plain).show("".join(f"{part}  " for part in status if part))
        self.query_one("#warning", Plain).show(session.recorder.warning)
        last, self._last = self._last, view
        if view == last:
            return
        intro = bool(view.how)
        self.set_class(intro, "-intro")
        compact_intro = intro and self.has_class("-compact") and view.digits
        word = f"{view.word} · {view.digits}" if compact_intro else view.word
        self.query_one(PhaseDisplay).show(word, view.digits, view.phase, view.paused)
        self.query_one("#exercise", Plain).show(
            f"{view.exercise_name}  ({view.exercise_number} of {view.exercise_count})" if view.exercise_name else ""
        )
        self.query_one("#detail", Plain).show(view.detail)
        cut = bool(view.how) and self.query_one("#middle", VerticalScroll).max_scroll_y > 0
        self.query_one("#hint", Plain).show(f"{view.hint} Up/down: scroll the steps." if cut else view.hint)
        self.query_one("#cue", Plain).show(view.cue)
        self.query_one("#notice", Plain).show(view.notice)
        self.query_one("#dose", Plain).show(view.dose)
        self.query_one("#howto", Plain).show("\n".join(f"{n}. {step}" for n, step in enumerate(view.how, 1)))
        self.query_one("#caution", Plain).show(f"Caution: {view.caution}" if view.caution else "")
        self.query_one("#next", Plain).show(f"Next: {view.next_up}" if view.next_up else "")
        self.query_one("#exercise-bar", LineBar).fraction = view.exercise_progress
        self.query_one("#routine-bar", LineBar).fraction = view.routine_progress
        same_exercise = last is not None and (last.exercise_number, last.exercise_name) == (
            view.exercise_number,
            view.exercise_name,
        )
        new_card = last is None or not last.how or not same_exercise
        new_notice = last is not None and view.notice != last.notice
        if intro and view.digits and (new_card or cut or new_notice):
            self.call_after_refresh(self._hold_intro_if_cut)

    def _hold_intro_if_cut(self, again: bool = True) -> None:
        """No exercise starts before all its steps have been on screen: a card that is cut waits for space.

        Right after a question the card is not laid out yet; it is looked at once more after that."""
        middle = self.query_one("#middle", VerticalScroll)
        if self.session.question is not None:
            return
        if not middle.display or not middle.size.height:
            if again:
                self.refresh(layout=True)
                self.call_after_refresh(self._hold_intro_if_cut, False)
            return
        dose = self.query_one("#dose", Plain)
        below_steps = dose.outer_size.height + dose.styles.margin.top if dose.display else 0
        if middle.max_scroll_y > below_steps and self.session.hold_intro():
            self.render_session()

    def _schedule(self) -> None:
        self._stop_timer()
        delay = self.session.seconds_to_next_change()
        if delay is not None:
            self._timer = self.coach.schedule(delay + TICK_MARGIN, self.tick)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer()
            self._timer = None
