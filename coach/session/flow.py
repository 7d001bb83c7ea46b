"""The engine driven from exercise to exercise: each step logged, each pain check asked, the end recorded.

``RunningSession`` (``coach.session.running``) adds the keys and the answers on top of this.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.logs.records import HurtKind, Outcome, StepOutcome
from coach.routines.model import Routine
from coach.routines.plan import Phase
from coach.safety import pain as safety
from coach.session import asking as ask
from coach.session import rules, variants
from coach.session.engine import Clock, Engine, Events, Status
from coach.session.pauses import Pauses
from coach.session.questions import Question, QuestionKind, ScaleEntry
from coach.session.recorder import SessionRecorder
from coach.session.view import SessionView, build_view


@dataclass(frozen=True)
class SessionEvent:
    """Something the screen (bell, flash) or a speaker may want to know about."""

    kind: str
    """"phase", "question", "paused", "resumed", "advice" (pain advice to show without stopping) or "over"."""
    text: str = ""


class SessionFlow:
    """The session's state and what happens between exercises. ``question`` is what is asked now."""

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
        self.events: list[SessionEvent] = []
        self.pauses = Pauses(self.engine, self._emit)
        self.scale = ScaleEntry()
        """Keys typed on a 0-10 scale: a 1 waits a moment for a 0."""
        self._hurt_kind: HurtKind | None = None
        self._skipped_at = float("-inf")
        """When s was last pressed: another s within ``SKIP_AGAIN_AFTER`` of it is the same press (or a held key)."""
        self._hurt_rated = False
        """A pain rating was given with p in the exercise under way: the end does not ask it again."""
        self._last_verdict: safety.PainVerdict | None = None

    @property
    def over(self) -> bool:
        """True once the session has ended and nothing more is asked: time for the summary."""
        return self.outcome is not Outcome.IN_PROGRESS and self.question is None

    @property
    def running(self) -> bool:
        return self.engine.status is Status.RUNNING

    def view(self) -> SessionView:
        return build_view(self.engine, self._pain_check_follows())

    def seconds_to_next_change(self) -> float | None:
        """When something next changes by itself: a segment ending, or a 1 on a scale waiting for a 0."""
        if self.question is not None:
            return self.scale.seconds_left(self.engine.clock())
        return self.engine.seconds_to_next_change()

    def drain_events(self) -> list[SessionEvent]:
        events, self.events = self.events, []
        return events

    def start(self) -> None:
        if self.engine.status is Status.READY:
            self.recorder.start()
            self._handle(self.engine.start())

    def tick(self) -> None:
        """Let time pass: move through every segment that has ended by now."""
        self._handle(self.engine.advance())

    def set_note(self, note: str) -> bool:
        """Keep the user's note in the log; returns whether it was saved."""
        return self.recorder.set_note(note)

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
            if last is not None and last.outcome is StepOutcome.DONE and self._pain_check_follows():
                self._ask(ask.pain_check(self.pain_before))
                return
            events = self._next(at_end=last is not None and last.outcome is StepOutcome.DONE)
            events.merge(self.engine.advance())

    def _log(self, events: Events) -> None:
        for result in events.finished:
            self.recorder.add_step(result)
        if events.phase_changes:
            self.phase_changes += events.phase_changes
            self._emit("phase")

    def _next(self, at_end: bool = False) -> Events:
        events = self.engine.next_run(at_end=at_end)
        if self.engine.status is not Status.OVER:
            self._hurt_rated = False
            self.recorder.step_started()
        return events

    def _go_on(self) -> None:
        self._handle(self._next())

    def _leave_run(self, outcome: StepOutcome) -> None:
        self.pauses.forget_question()
        self._handle(self.engine.stop_run(outcome))

    def _pain_check_follows(self) -> bool:
        """Whether a pain check comes after the exercise under way."""
        return self.routine.pain_check == "each" or self.engine.is_last_run

    def _just_done(self) -> str:
        """The exercise finished just before the one under way, if it was done rather than skipped."""
        steps = self.recorder.record.steps
        return steps[-1].exercise_id if steps and steps[-1].outcome is StepOutcome.DONE else ""

    def _exercise_id(self) -> str:
        run = self.engine.run
        return run.exercise.id if run is not None else ""

    def _replace_current(self) -> None:
        """Log the exercise under way as replaced, and run its easier variant next."""
        run = self.engine.run
        variant = variants.usable_easier(self.routine, self.engine, run, self._just_done())
        assert run is not None and variant is not None
        self.pauses.forget_question()
        events = self.engine.stop_run(StepOutcome.REPLACED)
        variants.insert_variant(self.routine, self.engine, self.engine.run_index + 1, variant, run)
        self._handle(events)

    def _stop_for_pain(self, reason: str, verdict: safety.PainVerdict) -> None:
        self.recorder.advise_stop()
        if self.outcome is Outcome.IN_PROGRESS:
            self._end(Outcome.STOPPED_FOR_PAIN, reason, ask_pain=False)
        else:
            self.reason = reason
            self.recorder.finish(self.outcome, reason)
        self.advice = safety.stop_advice(verdict)
        self._ask(ask.stop_advice("Stop now", verdict))

    def _end(self, outcome: Outcome, reason: str, *, ask_pain: bool = True) -> None:
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
        self._emit("over", reason)
        if ask_pain:
            self._ask(ask.end_pain(self.pain_before))

    def _finished(self) -> None:
        record = self.recorder.record
        self.outcome, self.reason = rules.finished_outcome(record)
        self.recorder.finish(self.outcome, self.reason)
        self._emit("over", self.reason)
        last = record.steps[-1] if record.steps else None
        if (last is None or last.outcome is not StepOutcome.DONE) and not self._hurt_rated:
            self._ask(ask.end_pain(self.pain_before))

    def _advise(self, verdict: safety.PainVerdict) -> None:
        """Tell the user what the pain rule says of a rating that is not green, and keep it for the summary."""
        if verdict.light is not safety.PainLight.GREEN:
            self.advice = verdict.message
            self._emit("advice", verdict.message)

    def _ask(self, question: Question) -> None:
        self.scale.clear()
        self.question = question
        if question.kind is QuestionKind.STOP_ADVICE:
            self.recorder.advise_stop()
        self._emit("question", question.title)

    def _emit(self, kind: str, text: str = "") -> None:
        self.events.append(SessionEvent(kind, text))
