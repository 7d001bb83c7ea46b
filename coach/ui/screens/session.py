"""The guided session: big countdown, phase, cue, progress; keys become engine calls."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer

from coach import safety
from coach.engine import Engine, Events, SessionView, Status
from coach.plan import Phase
from coach.records import HurtKind, Outcome, StepOutcome
from coach.recorder import SessionRecorder
from coach.ui.screens.prompts import Choice, ChoicePrompt, Notice, PainRating, YesNoPrompt
from coach.ui.widgets.line_bar import LineBar
from coach.ui.widgets.phase_display import PhaseDisplay, clock_face
from coach.ui.widgets.plain import Plain

COMPACT_BELOW = 26
"""Terminals shorter than this get the tight layout."""
TICK_MARGIN = 0.005
"""Wake this much after a display change is due, so the reading has crossed the boundary."""


class SessionScreen(Screen[None]):
    """Runs one engine; redraws only when what it shows changes."""

    DEFAULT_CSS = """
    SessionScreen { layout: vertical; }
    SessionScreen #top { height: 1; padding: 0 1; background: $panel; }
    SessionScreen #top Plain { width: 1fr; }
    SessionScreen #status { width: auto; text-align: right; color: $warning; }
    SessionScreen #exercise { text-style: bold; text-align: center; width: 100%; margin-top: 1; }
    SessionScreen #detail { text-align: center; width: 100%; color: $text-muted; }
    SessionScreen #middle { height: 1fr; overflow: hidden; }
    SessionScreen #cue { text-align: center; width: 100%; text-style: italic; margin-top: 1; padding: 0 2; }
    SessionScreen #howto { margin: 0 4; height: auto; color: $text; }
    SessionScreen #caution { margin: 1 4 0 4; color: $warning; height: auto; }
    SessionScreen #warning { color: $error; margin: 0 2; height: auto; }
    SessionScreen .bars { height: 2; margin: 0 2; }
    SessionScreen .bars Vertical { width: 1fr; height: 2; }
    SessionScreen .bars Vertical:first-child { margin-right: 3; }
    SessionScreen #next { margin: 0 2; height: 1; color: $text-muted; }
    SessionScreen.-compact #exercise { margin-top: 0; }
    SessionScreen.-compact #cue { margin-top: 0; }
    SessionScreen.-compact #caution { margin: 0 4; }
    SessionScreen.-compact PhaseDisplay { padding: 0; }
    SessionScreen.-compact BigDigits { margin-top: 0; }
    """
    BINDINGS = [
        Binding("space", "space", "Pause/Resume"),
        Binding("enter", "set_done", "Set done", show=False),
        Binding("p", "hurts", "It hurts"),
        Binding("s", "skip", "Skip"),
        Binding("q", "end", "End"),
        Binding("m", "toggle_sound", "Sound"),
    ]

    def __init__(self, engine: Engine, recorder: SessionRecorder) -> None:
        super().__init__()
        self.engine = engine
        self.recorder = recorder
        self._timer: Timer | None = None
        self._last: SessionView | None = None
        self._prompting = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Plain(self.engine.routine.title, id="routine-title")
            yield Plain("", id="status")
        yield Plain("", id="exercise")
        yield Plain("", id="detail")
        yield PhaseDisplay()
        with Vertical(id="middle"):
            yield Plain("", id="warning", hide_empty=True)
            yield Plain("", id="cue", hide_empty=True)
            yield Plain("", id="caution", hide_empty=True)
            yield Plain("", id="howto", keep_newlines=True, hide_empty=True)
        with Horizontal(classes="bars"):
            with Vertical():
                yield Plain("This exercise", classes="label")
                yield LineBar(id="exercise-bar")
            with Vertical():
                yield Plain("Whole routine", classes="label")
                yield LineBar(show_percentage=True, id="routine-bar")
        yield Plain("", id="next")
        yield Footer()

    def on_resize(self, event) -> None:
        self.set_class(event.size.height < COMPACT_BELOW, "-compact")

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < COMPACT_BELOW, "-compact")
        if self.engine.status is Status.READY:
            self.recorder.start()
            self.handle(self.engine.start())
        self.refresh_view()

    # the clock ------------------------------------------------------------

    def tick(self) -> None:
        """Advance the engine to now and redraw what changed."""
        self._timer = None
        self.handle(self.engine.advance())
        self.refresh_view()

    def schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        delay = self.engine.seconds_to_next_change()
        if delay is not None:
            self._timer = self.set_timer(delay + TICK_MARGIN, self.tick)

    def handle(self, events: Events) -> None:
        """Sound, flash and log for what just happened."""
        if events.phase_changes:
            self.app.signal_change()
            self.query_one(PhaseDisplay).flash()
        for result in events.finished:
            self.recorder.add_step(result)
        if events.pain_check_due:
            self.pain_check()
        elif events.session_over and self.engine.status is Status.FINISHED:
            self.reached_the_end()

    def refresh_view(self) -> None:
        view = self.engine.view()
        last, self._last = self._last, view
        self.schedule()
        if view == last:
            return
        paused = view.status is Status.PAUSED
        word = "PAUSED" if paused else view.word
        if view.phase is Phase.REPS:
            digits = str(self.engine.run.exercise.reps) if self.engine.run else ""
        elif view.seconds_left is None:
            digits = ""
        else:
            digits = clock_face(view.seconds_left)
        self.query_one(PhaseDisplay).show(word, digits, view.phase, paused)
        self.query_one("#exercise", Plain).show(
            f"{view.exercise_name}  ({view.exercise_number} of {view.exercise_count})" if view.exercise_name else "")
        self.query_one("#detail", Plain).show(view.detail)
        self.query_one("#cue", Plain).show(view.cue)
        self._show_intro(view)
        self.query_one("#next", Plain).show(f"Next: {view.next_up}" if view.next_up else "")
        self.query_one("#status", Plain).show("sound off  " if not self.app.sound else "")
        self.query_one("#warning", Plain).show(self.recorder.warning)
        self.query_one("#exercise-bar", LineBar).fraction = view.exercise_progress
        self.query_one("#routine-bar", LineBar).fraction = view.routine_progress

    def _show_intro(self, view: SessionView) -> None:
        run = self.engine.run
        intro = view.phase is Phase.PREPARE and run is not None
        how = "\n".join(f"{n}. {step}" for n, step in enumerate(run.exercise.how, 1)) if intro else ""
        caution = f"Caution: {run.exercise.caution}" if intro and run.exercise.caution else ""
        self.query_one("#howto", Plain).show(how)
        self.query_one("#caution", Plain).show(caution)

    # keys -----------------------------------------------------------------

    def action_space(self) -> None:
        if self._prompting:
            return
        segment = self.engine.segment
        if segment is not None and segment.phase is Phase.REPS and self.engine.status is Status.RUNNING:
            self.action_set_done()
            return
        self.engine.advance()
        self.engine.toggle_pause()
        self.refresh_view()

    def action_set_done(self) -> None:
        if self._prompting:
            return
        self.handle(self.engine.set_done())
        self.refresh_view()

    def action_skip(self) -> None:
        if self._prompting:
            return
        self.handle(self.engine.skip_exercise())
        self.refresh_view()

    def action_toggle_sound(self) -> None:
        self.app.toggle_sound()
        self._last = None
        self.refresh_view()

    def action_hurts(self) -> None:
        if self._prompting or self.engine.is_over or self.engine.status is Status.PAIN_CHECK:
            return
        self.handle(self.engine.advance())
        self.engine.pause()
        self.refresh_view()
        self.ask_hurt()

    def action_end(self) -> None:
        if self._prompting or self.engine.is_over:
            return
        self.confirm_end()

    # prompts --------------------------------------------------------------

    @work(exclusive=True, group="prompt")
    async def ask_hurt(self) -> None:
        self._prompting = True
        try:
            choices = [Choice(kind.value, label, key) for (kind, label), key in zip(safety.HURT_KINDS.items(), "123")]
            answer = await self.app.push_screen_wait(ChoicePrompt("What kind of pain is it?", choices, "Paused. Pick the closest answer."))
            if answer is None:
                return
            kind = HurtKind(answer)
            rating = await self.app.push_screen_wait(PainRating("How strong is it right now?", cancellable=False))
            action, events = self.engine.report_hurt(kind, rating if rating is not None else 0)
            self.recorder.add_pain(self.engine.pain[-1], action)
            self.handle(events)
            if action == "stop":
                await self.app.push_screen_wait(Notice("Stop now", safety.STOP_CARE_ADVICE))
                self.finish(Outcome.STOPPED_FOR_PAIN, f"Pain reported: {safety.HURT_KINDS[kind].lower()} ({rating}/10).")
                return
            if action == "skip":
                await self._skip_with_easier()
        finally:
            self._prompting = False
            self.refresh_view()

    async def _skip_with_easier(self) -> None:
        run = self.engine.run
        easier = run.exercise.easier if run else None
        use_easier = False
        if easier:
            name = self.engine.routine.exercise(easier).name
            choice = await self.app.push_screen_wait(ChoicePrompt(
                "Skip this exercise", [Choice("easier", f"Try {name} instead", "e"), Choice("skip", "Skip it", "s")],
                "More than mild discomfort: do not push on with this one.", cancellable=False))
            use_easier = choice == "easier"
        self.recorder.set_decision("easier" if use_easier else "skip")
        self.handle(self.engine.skip_exercise(easier=use_easier))

    @work(exclusive=True, group="prompt")
    async def pain_check(self) -> None:
        self._prompting = True
        try:
            before = self.engine.pain_before
            body = f"Before you started it was {before}/10." if before is not None else ""
            rating = await self.app.push_screen_wait(PainRating("Pain check: how is your back now?", body, cancellable=False))
            light = self.engine.answer_pain_check(rating if rating is not None else 0)
            self.recorder.add_pain(self.engine.pain[-1])
            decision = "continue"
            if light is not safety.PainLight.GREEN:
                decision = await self._ask_after_check(light) or "continue"
            self.recorder.set_decision(decision)
            if decision == "end":
                outcome = Outcome.STOPPED_FOR_PAIN if light is safety.PainLight.RED else Outcome.ENDED_EARLY
                self.engine.end(outcome)
                self.finish(outcome, f"Ended after a pain check of {rating}/10.")
                return
            self.recorder.step_started()
            self.handle(self.engine.continue_after_check(gentler=decision == "gentler"))
        finally:
            self._prompting = False
            self.refresh_view()

    async def _ask_after_check(self, light: safety.PainLight) -> str | None:
        last = self.engine.run_index >= len(self.engine.runs) - 1
        choices = []
        if light is safety.PainLight.RED:
            choices.append(Choice("end", "End the session now (recommended)", "e"))
        gentler = self.engine.gentler_option()
        if gentler:
            choices.append(Choice("gentler", gentler, "g"))
        go_on = "Finish" if last else ("Continue anyway" if light is safety.PainLight.RED else "Continue gently")
        choices.append(Choice("continue", go_on, "c"))
        if light is not safety.PainLight.RED:
            choices.append(Choice("end", "End the session", "e"))
        title = "We recommend stopping" if light is safety.PainLight.RED else "Take care"
        return await self.app.push_screen_wait(ChoicePrompt(title, choices, safety.judge_pain(self.engine.pain[-1].rating, self.engine.pain_before).message, cancellable=False))

    @work(exclusive=True, group="prompt")
    async def confirm_end(self) -> None:
        self._prompting = True
        try:
            self.handle(self.engine.advance())
            was_running = self.engine.pause()
            sure = await self.app.push_screen_wait(
                YesNoPrompt("End the session now?", "What you have done so far is kept in your log.",
                            yes="End session", no="Keep going", cancellable=True))
            if sure:
                self.handle(self.engine.end(Outcome.ENDED_EARLY))
                rating = await self.app.push_screen_wait(PainRating("How is your pain now?", "Press escape to skip."))
                self.finish(Outcome.ENDED_EARLY, "You chose to end the session.", pain_after=rating)
                return
            if was_running:
                self.engine.resume()
        finally:
            self._prompting = False
            if not self.engine.is_over:
                self.refresh_view()

    @work(exclusive=True, group="prompt")
    async def reached_the_end(self) -> None:
        """The last exercise is over; ask for pain now unless a pain check just did."""
        last = self.engine.results[-1] if self.engine.results else None
        rating = None
        if last is None or last.outcome is not StepOutcome.DONE:
            rating = await self.app.push_screen_wait(PainRating("How is your pain now?", "Press escape to skip."))
        skipped_all = self.engine.outcome is Outcome.ENDED_EARLY
        self.finish(self.engine.outcome, "Every exercise was skipped." if skipped_all else "All exercises done.", pain_after=rating)

    def finish(self, outcome: Outcome, reason: str, pain_after: int | None = None) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.recorder.finish(outcome, reason, pain_after=pain_after)
        from coach.ui.screens.summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(self.engine, self.recorder))
