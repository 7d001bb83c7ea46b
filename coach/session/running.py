"""A running session: the engine, the log, the pain rule's decisions, every question and the outcome.

The screen passes in keys (``key``) and lets time pass (``tick``); this object decides what
happens, what is logged and what is asked next. Every call first brings the engine up to
now and handles whatever that moved through, so a key pressed at a phase boundary sees
the same session the clock does.
"""

from __future__ import annotations

from dataclasses import replace

from coach.logs.records import HurtKind, Outcome, StepOutcome
from coach.routines.plan import Phase
from coach.safety import pain as safety
from coach.session import asking as ask
from coach.session import rules, variants
from coach.session.flow import SessionFlow
from coach.session.questions import Answer, QuestionKind

SET_DONE_AFTER = 2.0
"""Seconds into a set at one's own pace before space can end it, so a double press does not."""
SKIP_AGAIN_AFTER = 1.5
"""Seconds after a skip before s skips again, so a double press (or a repeating key) skips one exercise."""


class RunningSession(SessionFlow):
    """One session from start to summary: keys and answers in, state, log and outcome out."""

    def key(self, key: str) -> bool:
        """Act on a key (Textual's key names); returns whether it did anything."""
        self.tick()
        if self.question is not None:
            if self.question.scale:
                rating, used = self.scale.press(key, self.engine.clock())
                self.question = replace(self.question, typed="1" if self.scale.waiting else "")
                if rating is not None:
                    self.answer(rating)
                    if not used:
                        self.key(key)
                    return True
                if used:
                    return True
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
        if key == "space":
            return self._space()
        if key == "enter":
            return self._enter()
        if key == "s":
            return self._skip()
        return self._open_question(key)

    def tick(self) -> None:
        """Let time pass: a 1 on a scale that waited long enough for a 0 is the answer, then the engine moves on."""
        if self.question is not None and self.question.scale:
            rating = self.scale.due(self.engine.clock())
            if rating is not None:
                self.answer(rating)
        super().tick()

    def close(self) -> None:
        """The app is closing (ctrl+c): a session under way ends here, logged as ended early."""
        self.tick()
        if self.outcome is Outcome.IN_PROGRESS:
            self._end(Outcome.ENDED_EARLY, "coach was closed during the session.", ask_pain=False)
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

    def _space(self) -> bool:
        if self.running and self.engine.waits_for_user:
            if self.view().phase is Phase.REPS and self.engine.seconds_in_segment() < SET_DONE_AFTER:
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
        self._ask(question)
        return True

    def _cancel(self) -> None:
        question, self.question = self.question, None
        self._hurt_kind = None
        if question is not None and question.kind is QuestionKind.HURT_STRENGTH:
            if self.outcome is not Outcome.IN_PROGRESS:
                said = f"{safety.HURT_KINDS[HurtKind.RED_FLAG]}: stop exercising now."
                self.advice = safety.stop_advice(said)
                self._ask(ask.stop_advice("Stop now", said))
            else:
                self._ask(ask.hurt_kind())
            return
        self.pauses.question_left()

    def answer(self, value: Answer) -> None:
        """Answer the pending question with an option's value or a rating."""
        question = self.question
        if question is None:
            return
        question.check(value)
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
            QuestionKind.STEPS: lambda _: self.pauses.question_left(),
            QuestionKind.HELP: lambda _: self.pauses.question_left(),
        }[question.kind](value)  # type: ignore[no-untyped-call]

    def _pain_checked(self, value: Answer) -> None:
        rating = int(value)
        verdict = safety.judge_pain(rating, self.pain_before)
        self._last_verdict = verdict
        self.recorder.add_pain("check", rating, self._exercise_id(), verdict=verdict.light.value)
        decision = rules.check_decision(verdict, self.engine.is_last_run)
        if decision == "ask":
            self._ask(ask.after_check(verdict, variants.gentler_option(self.routine, self.engine)))
            return
        self.recorder.set_decision(decision)
        if decision == "stop":
            figures = safety.pain_figures(rating, self.pain_before)
            self._stop_for_pain(f"Stopped after a pain check of {figures}.", verdict)
            return
        if decision == "finish" and verdict.light is not safety.PainLight.GREEN:
            self.advice = safety.after_last_exercise(verdict)
        self._go_on()

    def _after_check(self, value: Answer) -> None:
        self.recorder.set_decision(str(value))
        if value == "end":
            self._end(*rules.ended_after_check(self._last_verdict, self.pain_before), ask_pain=False)
            return
        if value == "gentler":
            self.recorder.add_step(variants.swap_next(self.routine, self.engine))
        self._go_on()

    def _hurt_kind_given(self, value: Answer) -> None:
        """A warning sign stops the session here and now; its strength is asked for the record."""
        self._hurt_kind = HurtKind(value)
        stopped = self._hurt_kind is HurtKind.RED_FLAG
        if stopped:
            self.recorder.advise_stop()
            reason = rules.hurt_stop_reason(self._hurt_kind, None, self.pain_before)
            self._end(Outcome.STOPPED_FOR_PAIN, reason, ask_pain=False)
        self._ask(ask.hurt_strength(self.pain_before, stopped))

    def _hurt_strength_given(self, value: Answer) -> None:
        rating = int(value)
        kind = self._hurt_kind or HurtKind.MORE_THAN_MILD
        self._hurt_kind = None
        decision, verdict = safety.judge_hurt(kind, rating, self.pain_before)
        self._hurt_rated = True
        final = "" if decision == "skip" else decision
        self.recorder.add_pain(
            "hurts", rating, self._exercise_id(), kind=kind, verdict=verdict.light.value, decision=final
        )
        if decision == "stop":
            self._stop_for_pain(rules.hurt_stop_reason(kind, rating, self.pain_before), verdict)
        elif decision == "resume":
            self._advise(verdict)
            self.pauses.question_left()
        else:
            self._offer_a_way_out(verdict)

    def _offer_a_way_out(self, verdict: safety.PainVerdict) -> None:
        """More than mild pain: skip at once when amber with no easier variant, else ask what to do."""
        variant = variants.usable_easier(self.routine, self.engine, self.engine.run, self._just_done())
        if variant is None and verdict.light is not safety.PainLight.RED:
            self.recorder.set_decision("skip")
            self._advise(verdict)
            self._leave_run(StepOutcome.SKIPPED)
            return
        if verdict.light is not safety.PainLight.GREEN:
            self.advice = verdict.message
        self._ask(ask.way_out(verdict, variant, self.engine.is_last_run))

    def _easier_or_skip(self, value: Answer) -> None:
        self.recorder.set_decision(str(value))
        if value == "end":
            figures = safety.pain_figures(self.recorder.record.pain_reports[-1].rating, self.pain_before)
            self._end(Outcome.STOPPED_FOR_PAIN, f"Ended after it hurt ({figures}).", ask_pain=False)
        elif value == "easier":
            self._replace_current()
        else:
            self._leave_run(StepOutcome.SKIPPED)

    def _end_confirmed(self, value: Answer) -> None:
        if value != "yes":
            self.pauses.question_left()
            return
        self.pauses.forget_question()
        self._end(Outcome.ENDED_EARLY, "You chose to end the session.")

    def _end_pain_given(self, value: Answer) -> None:
        rating = int(value)
        verdict = safety.judge_pain(rating, self.pain_before)
        self.recorder.add_pain("end", rating, verdict=verdict.light.value)
        if verdict.stop:
            self.advice = safety.stop_advice(verdict)
            self._ask(ask.stop_advice("Stop for today", verdict))
        elif verdict.light is not safety.PainLight.GREEN:
            self.advice = verdict.message
