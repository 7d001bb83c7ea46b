"""A running session: the engine, the log, the pain rule's decisions, every question and the outcome.

The screen passes in keys (``key``) and lets time pass (``tick``); this object decides what
happens, what is logged and what is asked next. Every call first brings the engine up to
now and handles whatever that moved through, so a key pressed at a phase boundary sees
the same session the clock does.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach import safety
from coach.engine import Clock, Engine, Events, ExerciseResult, Status
from coach.plan import ExerciseRun, Phase, build_run, work_done_text
from coach.questions import OK, Answer, Option, Question, QuestionKind
from coach.recorder import SessionRecorder
from coach.records import HurtKind, Outcome, StepOutcome
from coach.routine import Exercise, Routine
from coach.session_view import SessionView, build_view

SET_DONE_AFTER = 2.0
"""Seconds into a set at one's own pace before space can end it, so a double press does not."""
SESSION_KEYS = (
    ("space", "pause or go on; start an exercise that waits; a set at your own pace is done"),
    ("p", "it hurts: pauses at once and asks what kind"),
    ("s", "skip this exercise"),
    ("i", "the steps and caution again"),
    ("q", "end the session (asks first)"),
    ("m", "sound on or off"),
    ("v", "spoken cues on or off"),
    ("?", "this help"),
)


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
        kinds = tuple(
            Option(kind.value, label, (key,))
            for (kind, label), key in zip(safety.HURT_KINDS.items(), "123", strict=False)
        )
        self._ask_pausing(
            Question(
                QuestionKind.HURT_KIND,
                "What kind of pain is it?",
                "Paused. Pick the closest answer.",
                kinds,
                cancellable=True,
            )
        )
        return True

    def _ask_end(self) -> bool:
        self._ask_pausing(
            Question(
                QuestionKind.CONFIRM_END,
                "End the session now?",
                "What you have done so far is kept in your log.",
                (Option("yes", "End session", ("y",)), Option("no", "Keep going", ("n",))),
                cancellable=True,
            )
        )
        return True

    def _steps(self) -> bool:
        run = self.engine.run
        if run is None or self.engine.segment is None:
            return False
        steps = "\n".join(f"{n}. {step}" for n, step in enumerate(run.exercise.how, 1))
        caution = f"\n\nCaution: {run.exercise.caution}" if run.exercise.caution else ""
        self._ask_pausing(Question(QuestionKind.STEPS, run.exercise.name, steps + caution, (OK,), cancellable=True))
        return True

    def _help(self) -> bool:
        body = "\n".join(f"{key:<6} {what}" for key, what in SESSION_KEYS)
        self._ask_pausing(Question(QuestionKind.HELP, "Keys during a session", body, (OK,), cancellable=True))
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
            self._ask(self._after_check_question(verdict))

    def _after_check_question(self, verdict: safety.PainVerdict) -> Question:
        red = verdict.light is safety.PainLight.RED
        options = [Option("end", "End the session now (recommended)", ("e",))] if red else []
        gentler = self._gentler_option()
        if gentler:
            options.append(Option("gentler", gentler, ("g",)))
        options.append(Option("continue", "Continue anyway" if red else "Continue gently", ("c",)))
        if not red:
            options.append(Option("end", "End the session", ("e",)))
        title = "We recommend stopping" if red else "Take care"
        return Question(QuestionKind.AFTER_CHECK, title, verdict.message, tuple(options), tone=verdict.light.value)

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
        self._ask(
            Question(
                QuestionKind.HURT_STRENGTH,
                "How strong is it right now?",
                f"Before you started it was {self.pain_before}/10." if self.pain_before is not None else "",
                scale=True,
            )
        )

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
        """More than mild pain in this exercise: its easier variant, skipping it, or (when red) ending."""
        variant = self._usable_easier(self.engine.run)
        red = verdict.light is safety.PainLight.RED
        if variant is None and not red:
            self._leave_run(StepOutcome.SKIPPED)
            return
        options = [Option("end", "End the session now (recommended)", ("e",))] if red else []
        if variant is not None:
            options.append(Option("easier", f"Try {variant.name} instead", ("t",) if red else ("t", "e")))
        options.append(Option("skip", "Skip this exercise", ("s",)))
        title = "We recommend stopping" if red else "Do not push on with this one"
        self._ask(
            Question(QuestionKind.EASIER_OR_SKIP, title, verdict.message, tuple(options), tone=verdict.light.value)
        )

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
            self._ask(_stop_advice("Stop for today", verdict))

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
            if last is not None and last.outcome is StepOutcome.DONE and self._pain_check_follows(ended=True):
                self._ask(
                    Question(
                        QuestionKind.PAIN_CHECK,
                        "Pain check: how is your back now?",
                        f"Before you started it was {self.pain_before}/10." if self.pain_before is not None else "",
                        scale=True,
                    )
                )
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

    def _pain_check_follows(self, ended: bool = False) -> bool:
        return self.routine.pain_check == "each" or self.engine.is_last_run

    def _exercise_id(self) -> str:
        run = self.engine.run
        return run.exercise.id if run is not None else ""

    # easier variants --------------------------------------------------------

    def _usable_easier(self, run: ExerciseRun | None) -> Exercise | None:
        """The easier variant of ``run``, unless it is the exercise just done (never twice in a row)."""
        if run is None or not run.exercise.easier:
            return None
        variant = self.routine.exercise(run.exercise.easier)
        current = self.engine.run
        if run is not current and current is not None and current.exercise.id == variant.id:
            return None
        return variant

    def _gentler_option(self) -> str | None:
        """``Do X instead of Y`` when the next exercise has an easier variant that was not just done."""
        upcoming = self._upcoming()
        variant = self._usable_easier(upcoming)
        if upcoming is None or variant is None:
            return None
        return f"Do {variant.name} instead of {upcoming.exercise.name}"

    def _upcoming(self) -> ExerciseRun | None:
        index = self.engine.run_index + 1
        return self.engine.runs[index] if index < len(self.engine.runs) else None

    def _make_next_gentler(self) -> None:
        """Log the next exercise as replaced by its easier variant before it starts, and run that instead."""
        index = self.engine.run_index + 1
        upcoming = self.engine.runs[index]
        variant = self._usable_easier(upcoming)
        assert variant is not None
        self.recorder.add_step(untouched_result(upcoming, StepOutcome.REPLACED))
        del self.engine.runs[index]
        self._insert_variant(index, variant, upcoming)

    def _replace_current(self) -> None:
        run = self.engine.run
        variant = self._usable_easier(run)
        assert run is not None and variant is not None
        self._resume_after_question = False
        events = self.engine.stop_run(StepOutcome.REPLACED)
        self._insert_variant(self.engine.run_index + 1, variant, run)
        self._handle(events)

    def _insert_variant(self, index: int, variant: Exercise, replaced: ExerciseRun) -> None:
        """Run ``variant`` at ``index``, unless that planned exercise comes there anyway."""
        following = self.engine.runs[index] if index < len(self.engine.runs) else None
        if following is not None and following.exercise.id == variant.id:
            return
        instead_of = replaced.instead_of or replaced.exercise.id
        self.engine.runs.insert(index, build_run(variant, self.routine.prepare, instead_of))

    # ending -----------------------------------------------------------------

    def _stop_for_pain(self, reason: str, verdict: safety.PainVerdict) -> None:
        self._end(Outcome.STOPPED_FOR_PAIN, reason, ask_pain=False)
        self.advice = verdict.message
        self._ask(_stop_advice("Stop now", verdict))

    def _end(self, outcome: Outcome, reason: str, *, ask_pain: bool = True) -> None:
        segment = self.engine.segment
        if segment is not None and segment.phase is Phase.PREPARE:
            self._log(self.engine.stop_run(StepOutcome.NOT_REACHED))
        self._log(self.engine.end())
        for run in self.engine.runs[self.engine.run_index + 1 :]:
            if not run.instead_of:
                self.recorder.add_step(untouched_result(run, StepOutcome.NOT_REACHED))
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
        self._ask(Question(QuestionKind.END_PAIN, "How is your pain now?", scale=True, cancellable=True, escape="skip"))

    def _ask(self, question: Question) -> None:
        self.question = question
        self._emit("question", question.title)

    def _emit(self, kind: str, text: str = "") -> None:
        self.events.append(SessionEvent(kind, text))

    def set_note(self, note: str) -> bool:
        """Keep the user's note in the log; returns whether it was saved."""
        return self.recorder.set_note(note)


def _stop_advice(title: str, verdict: safety.PainVerdict) -> Question:
    return Question(
        QuestionKind.STOP_ADVICE, title, f"{verdict.message}\n\n{safety.STOP_CARE_ADVICE}", (OK,), tone="stop"
    )


def untouched_result(run: ExerciseRun, outcome: StepOutcome) -> ExerciseResult:
    """The log entry of an exercise that never started."""
    return ExerciseResult(
        run.exercise.id,
        run.exercise.name,
        outcome,
        0.0,
        run.planned_seconds,
        work_done_text(run, 0, 0.0),
        run.instead_of,
    )
