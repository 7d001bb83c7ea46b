"""A running session: the engine, the log, the pain rule's decisions, every question and the outcome.

The screen passes in keys (``key``) and lets time pass (``tick``); this object decides what
happens, what is logged and what is asked next. Every call first brings the engine up to
now and handles whatever that moved through, so a key pressed at a phase boundary sees
the same session the clock does.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach import safety, variants
from coach import session_questions as ask
from coach.engine import Clock, Engine, Events, Status
from coach.plan import ExerciseRun, Phase
from coach.questions import Answer, Question, QuestionKind
from coach.recorder import SessionRecorder
from coach.records import HurtKind, Outcome, StepOutcome
from coach.routine import Exercise, Routine
from coach.session_view import SessionView, build_view

SET_DONE_AFTER = 2.0
"""Seconds into a set at one's own pace before space can end it, so a double press does not."""


@dataclass(frozen=True)
class SessionEvent:
    """Something the screen (bell, flash) or a speaker may want to know about."""

    kind: str
    """"phase", "question", "paused", "resumed" or "over"."""
    text: str = ""


class RunningSession:
    """One session from start to summary. ``question`` is what is being asked now, if anything."""

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
        self._resume_after_question = False
        self._hurt_kind: HurtKind | None = None
        self._last_verdict: safety.PainVerdict | None = None
        self._too_small = False
        self._paused_for_size = False

    # state --------------------------------------------------------------

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
        return None if self.question is not None else self.engine.seconds_to_next_change()

    def drain_events(self) -> list[SessionEvent]:
        events, self.events = self.events, []
        return events

    # time and keys --------------------------------------------------------

    def start(self) -> None:
        if self.engine.status is Status.READY:
            self.recorder.start()
            self._handle(self.engine.start())

    def tick(self) -> None:
        """Let time pass: move through every segment that has ended by now."""
        self._handle(self.engine.advance())

    def key(self, key: str) -> bool:
        """Act on a key (Textual's key names); returns whether it did anything."""
        self.tick()
        if self.question is not None:
            if key == "escape" and self.question.cancellable:
                self._cancel()
                return True
            answer = self.question.answer_for(key)
            if answer is None:
                return False
            self.answer(answer)
            return True
        if self.outcome is not Outcome.IN_PROGRESS:
            return False
        action = {
            "space": self._space,
            "enter": self._enter,
            "p": self._hurts,
            "s": self._skip,
            "q": self._ask_end,
            "i": self._steps,
            "question_mark": self._help,
        }.get(key)
        if action is None:
            return False
        return action()

    def set_too_small(self, small: bool) -> None:
        """The terminal is too small to show the session: pause while it is."""
        self.tick()
        self._too_small = small
        if small and self.engine.pause():
            self._paused_for_size = True
            self._emit("paused")
        elif not small and self._paused_for_size:
            self._paused_for_size = False
            if self.question is None and self.engine.resume():
                self._emit("resumed")

    def hold_intro(self) -> bool:
        """The intro card does not fit on screen: it waits for space instead of counting down."""
        self.tick()
        segment = self.engine.segment
        if segment is None or segment.phase is not Phase.PREPARE or self.question is not None:
            return False
        return self.engine.wait_here()

    def _space(self) -> bool:
        if self.running and self.engine.waits_for_user:
            if self.view().phase is Phase.REPS and self.engine.seconds_in_segment() < SET_DONE_AFTER:
                return False
            self._handle(self.engine.user_done())
        elif self.engine.pause():
            self._emit("paused")
        elif not self._too_small and self.engine.resume():
            self._paused_for_size = False
            self._emit("resumed")
        else:
            return False
        return True

    def _enter(self) -> bool:
        if self.running and self.engine.waits_for_user:
            self._handle(self.engine.user_done())
            return True
        return False

    def _skip(self) -> bool:
        if self.engine.segment is None:
            return False
        self._handle(self.engine.stop_run(StepOutcome.SKIPPED))
        return True

    def _hurts(self) -> bool:
        if self.engine.segment is None:
            return False
        self._ask_pausing(ask.hurt_kind())
        return True

    def _ask_end(self) -> bool:
        self._ask_pausing(ask.confirm_end())
        return True

    def _steps(self) -> bool:
        run = self.engine.run
        if run is None or self.engine.segment is None:
            return False
        self._ask_pausing(ask.steps(run.exercise))
        return True

    def _help(self) -> bool:
        self._ask_pausing(ask.keys_help())
        return True

    def _ask_pausing(self, question: Question) -> None:
        """Ask a question the user opened; leaving it returns the session to how it was."""
        self._resume_after_question = self.engine.pause() or self._paused_for_size
        self._paused_for_size = False
        if self._resume_after_question:
            self._emit("paused")
        self._ask(question)

    def _cancel(self) -> None:
        self.question = None
        self._hurt_kind = None
        self._restore()

    def _restore(self) -> None:
        if self._resume_after_question and self._too_small:
            self._paused_for_size = True
        elif self._resume_after_question and self.engine.resume():
            self._emit("resumed")
        self._resume_after_question = False

    # answers --------------------------------------------------------------

    def answer(self, value: Answer) -> None:
        """Answer the pending question with an option's value or a rating."""
        question = self.question
        if question is None:
            return
        if question.scale and not (type(value) is int and 0 <= value <= 10):
            raise ValueError(f"a rating from 0 to 10, not {value!r}")
        if not question.scale and value not in {o.value for o in question.options}:
            raise ValueError(f"{value!r} does not answer {question.kind.value}")
        self.question = None
        {
            QuestionKind.PAIN_CHECK: self._pain_checked,
            QuestionKind.HURT_KIND: self._hurt_kind_given,
            QuestionKind.HURT_STRENGTH: self._hurt_strength_given,
            QuestionKind.AFTER_CHECK: self._after_check,
            QuestionKind.EASIER_OR_SKIP: self._easier_or_skip,
            QuestionKind.CONFIRM_END: self._end_confirmed,
            QuestionKind.END_PAIN: self._end_pain_given,
            QuestionKind.STOP_ADVICE: lambda _: None,
            QuestionKind.STEPS: lambda _: self._restore(),
            QuestionKind.HELP: lambda _: self._restore(),
        }[question.kind](value)  # type: ignore[no-untyped-call]

    def _pain_checked(self, value: Answer) -> None:
        rating = int(value)
        verdict = safety.judge_pain(rating, self.pain_before)
        self._last_verdict = verdict
        self.recorder.add_pain("check", rating, self._exercise_id(), verdict=verdict.light.value)
        if verdict.stop:
            self.recorder.set_decision("stop")
            self._stop_for_pain(
                f"Stopped after a pain check of {safety.pain_figures(rating, self.pain_before)}.", verdict
            )
        elif self.engine.is_last_run:
            self.recorder.set_decision("finish")
            if verdict.light is not safety.PainLight.GREEN:
                self.advice = verdict.message
            self._go_on()
        elif verdict.light is safety.PainLight.GREEN:
            self.recorder.set_decision("continue")
            self._go_on()
        else:
            self._ask(ask.after_check(verdict, self._gentler_option()))

    def _after_check(self, value: Answer) -> None:
        self.recorder.set_decision(str(value))
        if value == "end":
            verdict = self._last_verdict
            red = verdict is not None and verdict.light is safety.PainLight.RED
            figures = safety.pain_figures(verdict.rating, self.pain_before) if verdict else ""
            self._end(
                Outcome.STOPPED_FOR_PAIN if red else Outcome.ENDED_EARLY, f"Ended after a pain check of {figures}."
            )
            return
        if value == "gentler":
            self._make_next_gentler()
        self._go_on()

    def _hurt_kind_given(self, value: Answer) -> None:
        self._hurt_kind = HurtKind(value)
        self._ask(ask.hurt_strength(self.pain_before))

    def _hurt_strength_given(self, value: Answer) -> None:
        rating = int(value)
        kind = self._hurt_kind or HurtKind.MORE_THAN_MILD
        self._hurt_kind = None
        verdict = safety.judge_pain(rating, self.pain_before)
        if kind is HurtKind.RED_FLAG or verdict.stop:
            decision = "stop"
        elif kind is HurtKind.MORE_THAN_MILD or verdict.light is safety.PainLight.RED:
            decision = "skip"
        else:
            decision = "resume"
        self.recorder.add_pain(
            "hurts", rating, self._exercise_id(), kind=kind, verdict=verdict.light.value, decision=decision
        )
        figures = safety.pain_figures(rating, self.pain_before)
        if decision == "stop":
            said = safety.HURT_KINDS[kind].lower()
            reason = (
                f"Pain reported: {said} ({figures})."
                if kind is HurtKind.RED_FLAG
                else f"Pain reported as {said}, but rated {figures}."
            )
            self._stop_for_pain(reason, verdict)
        elif decision == "resume":
            self._restore()
        else:
            self._offer_a_way_out(verdict)

    def _offer_a_way_out(self, verdict: safety.PainVerdict) -> None:
        """More than mild pain: skip at once when amber with no easier variant, else ask what to do."""
        variant = self._usable_easier(self.engine.run)
        if variant is None and verdict.light is not safety.PainLight.RED:
            self._leave_run(StepOutcome.SKIPPED)
            return
        self._ask(ask.way_out(verdict, variant))

    def _easier_or_skip(self, value: Answer) -> None:
        self.recorder.set_decision(str(value))
        if value == "end":
            self._end(
                Outcome.STOPPED_FOR_PAIN, f"Ended after it hurt ({self.recorder.record.pain_reports[-1].rating}/10)."
            )
        elif value == "easier":
            self._replace_current()
        else:
            self._leave_run(StepOutcome.SKIPPED)

    def _end_confirmed(self, value: Answer) -> None:
        if value != "yes":
            self._restore()
            return
        self._resume_after_question = False
        self._end(Outcome.ENDED_EARLY, "You chose to end the session.")

    def _end_pain_given(self, value: Answer) -> None:
        rating = int(value)
        verdict = safety.judge_pain(rating, self.pain_before)
        self.recorder.add_pain("end", rating, verdict=verdict.light.value)
        if verdict.light is not safety.PainLight.GREEN:
            self.advice = verdict.message
        if verdict.stop:
            self._ask(ask.stop_advice("Stop for today", verdict))

    # the flow -------------------------------------------------------------

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
            self.recorder.step_started()
        return events

    def _go_on(self) -> None:
        self._handle(self._next())

    def _leave_run(self, outcome: StepOutcome) -> None:
        self._resume_after_question = False
        self._handle(self.engine.stop_run(outcome))

    def _pain_check_follows(self) -> bool:
        """Whether a pain check comes after the exercise under way."""
        return self.routine.pain_check == "each" or self.engine.is_last_run

    def _exercise_id(self) -> str:
        run = self.engine.run
        return run.exercise.id if run is not None else ""

    # easier variants --------------------------------------------------------

    def _usable_easier(self, run: ExerciseRun | None) -> Exercise | None:
        return variants.usable_easier(self.routine, self.engine, run)

    def _gentler_option(self) -> str | None:
        return variants.gentler_option(self.routine, self.engine)

    def _make_next_gentler(self) -> None:
        """Log the next exercise as replaced by its easier variant before it starts, and run that instead."""
        self.recorder.add_step(variants.swap_next(self.routine, self.engine))

    def _replace_current(self) -> None:
        run = self.engine.run
        variant = self._usable_easier(run)
        assert run is not None and variant is not None
        self._resume_after_question = False
        events = self.engine.stop_run(StepOutcome.REPLACED)
        variants.insert_variant(self.routine, self.engine, self.engine.run_index + 1, variant, run)
        self._handle(events)

    # ending -----------------------------------------------------------------

    def _stop_for_pain(self, reason: str, verdict: safety.PainVerdict) -> None:
        self._end(Outcome.STOPPED_FOR_PAIN, reason, ask_pain=False)
        self.advice = verdict.message
        self._ask(ask.stop_advice("Stop now", verdict))

    def _end(self, outcome: Outcome, reason: str, *, ask_pain: bool = True) -> None:
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
            self._ask_end_pain()

    def _finished(self) -> None:
        record = self.recorder.record
        done, planned = record.exercises_done, record.planned_exercises
        if done == 0:
            self.outcome, self.reason = Outcome.ENDED_EARLY, "Every exercise was skipped."
        elif done == planned:
            replaced = sum(1 for s in record.steps if s.planned and s.outcome is StepOutcome.REPLACED)
            easier = f", {replaced} of them in an easier version" if replaced else ""
            self.outcome, self.reason = Outcome.COMPLETED, f"All {done} exercises done{easier}."
        else:
            self.outcome, self.reason = Outcome.COMPLETED, f"{done} of {planned} exercises done."
        self.recorder.finish(self.outcome, self.reason)
        self._emit("over", self.reason)
        last = record.steps[-1] if record.steps else None
        if last is None or last.outcome is not StepOutcome.DONE:
            self._ask_end_pain()

    def _ask_end_pain(self) -> None:
        self._ask(ask.end_pain())

    def _ask(self, question: Question) -> None:
        self.question = question
        self._emit("question", question.title)

    def _emit(self, kind: str, text: str = "") -> None:
        self.events.append(SessionEvent(kind, text))

    def set_note(self, note: str) -> bool:
        """Keep the user's note in the log; returns whether it was saved."""
        return self.recorder.set_note(note)
