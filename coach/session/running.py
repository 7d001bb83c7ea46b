"""A running session: the engine, the log, every question and the outcome, as one state machine.

The screen passes in keys (``key``) and lets time pass (``tick``); this object decides what
happens, what is logged and what is asked next. Every call first brings the engine up to
now and handles whatever that moved through, so a key pressed at a phase boundary sees
the same session the clock does. The answers about pain are ``PainAnswers``'s, which it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from coach.durations import Clock
from coach.logs.records import Outcome, StepOutcome
from coach.routines.model import Routine
from coach.routines.plan import Phase
from coach.scale import ScaleEntry
from coach.session import asking as ask
from coach.session import rules, variants
from coach.session.engine import Engine, Events, Status
from coach.session.pain_answers import PainAnswers
from coach.session.pauses import Pauses
from coach.session.questions import AnswerValue, Question, QuestionKind
from coach.session.recorder import SessionRecorder
from coach.session.view import SessionView, build_view

SET_DONE_AFTER = 2.0
"""Seconds into a set at one's own pace before space can end it, so a double press does not."""
SKIP_AGAIN_AFTER = 1.5
"""Seconds after a skip before s skips again, so a double press (or a repeating key) skips one exercise."""


@dataclass(frozen=True)
class SessionEvent:
    """Something the screen (bell, flash) or a speaker may want to know about."""

    kind: str
    """"phase", "question", "paused", "resumed", "advice" (pain advice to show without stopping) or "over"."""
    text: str = ""


class RunningSession:
    """One session from start to summary: keys and answers in, state, log and outcome out.

    ``question`` is what is asked now; ``view()`` is what the screen shows when nothing is asked.
    """

    def __init__(self, routine: Routine, clock: Clock, recorder: SessionRecorder, pain_before: int | None) -> None:
        self.routine = routine
        self.engine = Engine(routine, clock)
        self.recorder = recorder
        self.pain_before = pain_before
        self.question: Question | None = None
        self.outcome = Outcome.IN_PROGRESS
        self.reason = ""
        self.advice = ""
        """Pain advice for the summary, from the last pain check or rating."""
        self.phase_changes = 0
        """Every change of phase: the screen flashes at each."""
        self.bells = 0
        """Changes of phase that ring: all but those inside one tempo rep, so a rep rings once."""
        self.events: list[SessionEvent] = []
        self.pauses = Pauses(self.engine, self.emit)
        self.scale = ScaleEntry()
        """Keys typed on a 0-10 scale: a 1 waits a moment for a 0."""
        self.pain = PainAnswers(self)
        self.dose_line = ""
        self.notice = ""
        """Advice given while the session goes on; it stays until a phase other than an intro card begins."""
        self._skipped_at = float("-inf")
        """When s was last pressed: another s within ``SKIP_AGAIN_AFTER`` of it is the same press (or a held key)."""

    # what the screen reads ----------------------------------------------------

    @property
    def over(self) -> bool:
        """True once the session has ended and nothing more is asked: time for the summary."""
        return self.outcome is not Outcome.IN_PROGRESS and self.question is None

    @property
    def running(self) -> bool:
        return self.engine.status is Status.RUNNING

    def view(self) -> SessionView:
        view = build_view(self.engine, self.pain_check_follows(), self.notice)
        first_card = self.engine.run_index == 0 and bool(view.how)
        return replace(view, dose=self.dose_line) if first_card and self.dose_line else view

    def seconds_to_next_change(self) -> float | None:
        """When something next changes by itself: a segment ending, or a 1 on a scale waiting for a 0."""
        if self.question is not None:
            return self.scale.seconds_left(self.engine.clock())
        return self.engine.seconds_to_next_change()

    def drain_events(self) -> list[SessionEvent]:
        events, self.events = self.events, []
        return events

    # what the screen passes in ------------------------------------------------

    def start(self) -> None:
        if self.engine.status is Status.READY:
            self.recorder.start()
            self._handle(self.engine.start())

    def tick(self) -> None:
        """Let time pass: a 1 on a scale that waited long enough for a 0 is the answer, then the engine moves on."""
        if self.question is not None and self.question.scale:
            rating = self.scale.due(self.engine.clock())
            if rating is not None:
                self.answer(rating)
        self._handle(self.engine.advance())

    def key(self, key: str) -> bool:
        """Act on a key (Textual's key names); returns whether it did anything."""
        self.tick()
        if self.question is not None:
            return self._answer_key(key)
        if self.outcome is not Outcome.IN_PROGRESS:
            return False
        if key == "space":
            return self._space()
        if key == "enter":
            return self._enter()
        if key == "s":
            return self._skip()
        return self._open_question(key)

    def answer(self, value: AnswerValue) -> None:
        """Answer the pending question with an option's value or a rating."""
        question = self.question
        if question is None:
            return
        question.check(value)
        self.question = None
        if question.kind is QuestionKind.CONFIRM_END:
            self._end_confirmed(value)
        elif question.kind in (QuestionKind.STEPS, QuestionKind.HELP):
            self.pauses.question_left()
        elif question.kind is not QuestionKind.STOP_ADVICE:
            self.pain.answer(question.kind, value)

    def close(self) -> None:
        """The app is closing (ctrl+c): a session under way ends here, logged as ended early."""
        self.tick()
        if self.outcome is Outcome.IN_PROGRESS:
            self.end(Outcome.ENDED_EARLY, "coach was closed during the session.", ask_pain=False)
        self.question = None

    def set_too_small(self, small: bool) -> None:
        """The terminal is too small to show the session: pause while it is."""
        self.tick()
        self.pauses.set_too_small(small, asking=self.question is not None)

    def hold_intro(self) -> bool:
        """The intro card does not fit on screen: it waits for space instead of counting down."""
        self.tick()
        segment = self.engine.segment
        if segment is None or segment.phase is not Phase.PREPARE or self.question is not None:
            return False
        return self.engine.wait_here()

    def set_note(self, note: str) -> bool:
        """Keep the user's note in the log; returns whether it was saved."""
        return self.recorder.set_note(note)

    # keys ---------------------------------------------------------------------

    def _answer_key(self, key: str) -> bool:
        question = self.question
        assert question is not None
        if question.scale:
            rating, used = self.scale.press(key, self.engine.clock())
            self.question = replace(question, typed="1" if self.scale.waiting else "")
            if rating is not None:
                self.answer(rating)
                if not used:
                    self.key(key)
                return True
            if used:
                return True
        if key == "escape" and question.cancellable:
            self._cancel()
            return True
        answer = question.answer_for(key)
        if answer is None:
            return False
        self.answer(answer)
        return True

    def _space(self) -> bool:
        if self.running and self.engine.waits_for_user:
            segment = self.engine.segment
            if segment is not None and segment.phase is Phase.REPS:
                if self.engine.seconds_in_segment() < SET_DONE_AFTER:
                    return False
            self._handle(self.engine.user_done())
            return True
        return self.pauses.toggle()

    def _enter(self) -> bool:
        if self.running and self.engine.waits_for_user:
            self._handle(self.engine.user_done())
            return True
        return False

    def _skip(self) -> bool:
        now = self.engine.clock()
        last, self._skipped_at = self._skipped_at, now
        if self.engine.segment is None or now - last < SKIP_AGAIN_AFTER:
            return False
        self._handle(self.engine.stop_run(StepOutcome.SKIPPED))
        return True

    def _open_question(self, key: str) -> bool:
        """p, i, q, ?: a question the user opens; leaving it returns the session to how it was."""
        run = self.engine.run if self.engine.segment is not None else None
        if key == "p" and run is not None:
            question = ask.hurt_kind()
        elif key == "i" and run is not None:
            question = ask.steps(run.exercise)
        elif key in ("q", "question_mark"):
            question = ask.confirm_end() if key == "q" else ask.keys_help()
        else:
            return False
        self.pauses.question_opened()
        self.ask(question)
        return True

    def _cancel(self) -> None:
        question, self.question = self.question, None
        if question is not None and question.kind is QuestionKind.HURT_STRENGTH:
            self.pain.rating_left()
            return
        self.pain.forget_kind()
        self.pauses.question_left()

    def _end_confirmed(self, value: AnswerValue) -> None:
        if value != "yes":
            self.pauses.question_left()
            return
        self.pauses.forget_question()
        self.end(Outcome.ENDED_EARLY, "You chose to end the session.")

    # from exercise to exercise ------------------------------------------------

    def _handle(self, events: Events) -> None:
        """Log what the engine moved through and decide what comes after an exercise."""
        while True:
            self._log(events)
            if self.engine.status is Status.OVER and self.outcome is Outcome.IN_PROGRESS:
                self._finished()
                return
            if (
                self.engine.status is not Status.WAITING
                or self.question is not None
                or self.outcome is not Outcome.IN_PROGRESS
            ):
                return
            last = events.finished[-1] if events.finished else None
            if last is not None and last.outcome is StepOutcome.DONE and self.pain_check_follows():
                self.ask(ask.pain_check(self.pain_before))
                return
            events = self._next(at_end=last is not None and last.outcome is StepOutcome.DONE)
            events.merge(self.engine.advance())

    def _log(self, events: Events) -> None:
        for result in events.finished:
            self.recorder.add_step(result)
        if events.phase_changes:
            self.phase_changes += events.phase_changes
            self.bells += events.phase_changes - events.mid_rep
            self.emit("phase")
            if self.engine.segment is not None and self.engine.segment.phase is not Phase.PREPARE:
                self.notice = ""

    def _next(self, at_end: bool = False) -> Events:
        events = self.engine.next_run(at_end=at_end)
        if self.engine.status is not Status.OVER:
            self.pain.new_exercise()
            self.recorder.step_started()
        return events

    def go_on(self) -> None:
        """On to the next exercise (after a pain check or a choice)."""
        self._handle(self._next())

    def leave_run(self, outcome: StepOutcome) -> None:
        """Leave the exercise under way (skipped after it hurt) and go on."""
        self.pauses.forget_question()
        self._handle(self.engine.stop_run(outcome))

    def pain_check_follows(self) -> bool:
        """Whether a pain check comes after the exercise under way."""
        return self.routine.pain_check == "each" or self.engine.is_last_run

    def just_done(self) -> str:
        """The exercise finished just before the one under way, if it was done rather than skipped."""
        steps = self.recorder.record.steps
        return steps[-1].exercise_id if steps and steps[-1].outcome is StepOutcome.DONE else ""

    def exercise_id(self) -> str:
        run = self.engine.run
        return run.exercise.id if run is not None else ""

    def replace_current(self) -> None:
        """Log the exercise under way as replaced, and run its easier variant next."""
        run = self.engine.run
        variant = variants.usable_easier(self.routine, self.engine, run, self.just_done())
        assert run is not None and variant is not None
        self.pauses.forget_question()
        events = self.engine.stop_run(StepOutcome.REPLACED)
        variants.insert_variant(self.routine, self.engine, self.engine.run_index + 1, variant, run)
        self._handle(events)

    def end(self, outcome: Outcome, reason: str, *, ask_pain: bool = True) -> None:
        """End early: the exercise under way and every one not reached are logged, then the outcome."""
        segment = self.engine.segment
        if segment is not None and segment.phase is Phase.PREPARE:
            self._log(self.engine.stop_run(StepOutcome.NOT_REACHED))
        self._log(self.engine.end())
        for run in self.engine.runs[self.engine.run_index + 1 :]:
            if not run.instead_of:
                self.recorder.add_step(variants.untouched_result(run, StepOutcome.NOT_REACHED))
        self.outcome = outcome
        self.reason = reason
        self.recorder.finish(outcome, reason)
        self.emit("over", reason)
        if ask_pain:
            self.ask(ask.end_pain(self.pain_before))

    def _finished(self) -> None:
        record = self.recorder.record
        self.outcome, self.reason = rules.finished_outcome(record)
        self.recorder.finish(self.outcome, self.reason)
        self.emit("over", self.reason)
        last = record.steps[-1] if record.steps else None
        if (last is None or last.outcome is not StepOutcome.DONE) and not self.pain.rated_here:
            self.ask(ask.end_pain(self.pain_before))

    def ask(self, question: Question) -> None:
        self.scale.clear()
        self.question = question
        if question.kind is QuestionKind.STOP_ADVICE:
            self.recorder.advise_stop()
        self.emit("question", question.title)

    def emit(self, kind: str, text: str = "") -> None:
        self.events.append(SessionEvent(kind, text))
