"""What a running session does with every answer about pain: pain checks, "it hurts" and the end rating.

Each answer goes through the pain rule (``coach.safety.pain``); what follows is logged at once
and the next question, if any, is asked through the session that holds this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.logs.records import HurtKind, Outcome, StepOutcome
from coach.safety import pain
from coach.session import asking as ask
from coach.session import rules, variants
from coach.session.questions import AnswerValue, QuestionKind

if TYPE_CHECKING:
    from coach.session.running import RunningSession

SEVERITY = {pain.PainLight.GREEN: 0, pain.PainLight.AMBER: 1, pain.PainLight.RED: 2}
STOPPED = 3
"""The weight of advice given when the session stopped for pain: nothing outranks it."""


class PainAnswers:
    """The pain part of one ``RunningSession``: the kind of pain asked after p, and the last verdict."""

    def __init__(self, session: RunningSession) -> None:
        self.session = session
        self.rated_here = False
        """A pain rating was given with p in the exercise under way: the end does not ask it again."""
        self._kind: HurtKind | None = None
        self._last_verdict: pain.PainVerdict | None = None
        self._kept_weight = 0

    def keep(self, advice: str, verdict: pain.PainVerdict | int) -> None:
        """Keep ``advice`` for the summary unless something more serious was said earlier: a stop
        outranks red, red outranks amber; among equals the latest is kept."""
        weight = verdict if isinstance(verdict, int) else SEVERITY[verdict.light] + verdict.stop
        if weight >= self._kept_weight:
            self.session.advice, self._kept_weight = advice, weight

    def new_exercise(self) -> None:
        self.rated_here = False

    def forget_kind(self) -> None:
        self._kind = None

    def answer(self, kind: QuestionKind, value: AnswerValue) -> None:
        """The answer to one of the pain questions."""
        {
            QuestionKind.PAIN_CHECK: self._checked,
            QuestionKind.AFTER_CHECK: self._after_check,
            QuestionKind.HURT_KIND: self._kind_given,
            QuestionKind.HURT_STRENGTH: self._strength_given,
            QuestionKind.EASIER_OR_SKIP: self._easier_or_skip,
            QuestionKind.END_PAIN: self._end_rating_given,
        }[kind](value)

    def rating_left(self) -> None:
        """Escape on the rating after p: back to the kind of pain, or, once a warning sign has
        stopped the session, the advice to stop without a rating."""
        self._kind = None
        session = self.session
        if session.outcome is not Outcome.IN_PROGRESS:
            said = f"{pain.HURT_KINDS[HurtKind.RED_FLAG]}: stop exercising now."
            self.keep(pain.stop_advice_text(said), STOPPED)
            session.ask(ask.stop_advice("Stop now", said))
        else:
            session.ask(ask.hurt_kind())

    def _checked(self, value: AnswerValue) -> None:
        session = self.session
        rating = int(value)
        verdict = pain.judge_pain(rating, session.pain_before)
        self._last_verdict = verdict
        session.recorder.add_pain("check", rating, session.exercise_id(), verdict=verdict.light.value)
        decision = rules.check_decision(verdict, session.engine.is_last_run)
        if decision == "ask":
            gentler = variants.gentler_option(session.routine, session.engine)
            session.ask(ask.after_check(verdict, gentler))
            return
        session.recorder.set_decision(decision)
        if decision == "stop":
            figures = pain.pain_figures(rating, session.pain_before)
            self._stop(f"Stopped after a pain check of {figures}.", verdict)
            return
        if decision == "finish" and verdict.light is not pain.PainLight.GREEN:
            self.keep(pain.after_last_exercise(verdict), verdict)
        session.go_on()

    def _after_check(self, value: AnswerValue) -> None:
        session = self.session
        session.recorder.set_decision(str(value))
        if value == "end":
            session.end(*rules.ended_after_check(self._last_verdict, session.pain_before), ask_pain=False)
            return
        if value == "gentler":
            session.recorder.add_step(variants.swap_next(session.routine, session.engine))
        session.go_on()

    def _kind_given(self, value: AnswerValue) -> None:
        """A warning sign stops the session here and now; its strength is asked for the record."""
        session = self.session
        self._kind = HurtKind(value)
        stopped = self._kind is HurtKind.RED_FLAG
        if stopped:
            session.recorder.advise_stop()
            reason = rules.hurt_stop_reason(self._kind, None, session.pain_before)
            session.end(Outcome.STOPPED_FOR_PAIN, reason, ask_pain=False)
        session.ask(ask.hurt_strength(session.pain_before, stopped))

    def _strength_given(self, value: AnswerValue) -> None:
        session = self.session
        rating = int(value)
        kind = self._kind or HurtKind.MORE_THAN_MILD
        self._kind = None
        decision, verdict = pain.judge_hurt(kind, rating, session.pain_before)
        self.rated_here = True
        final = "" if decision == "skip" else decision
        session.recorder.add_pain(
            "hurts", rating, session.exercise_id(), kind=kind, verdict=verdict.light.value, decision=final
        )
        if decision == "stop":
            self._stop(rules.hurt_stop_reason(kind, rating, session.pain_before), verdict)
        elif decision == "resume":
            self._advise(verdict)
            session.pauses.question_left()
        else:
            self._offer_a_way_out(verdict)

    def _offer_a_way_out(self, verdict: pain.PainVerdict) -> None:
        """More than mild pain: the session waits while the user picks a way out of this exercise."""
        session = self.session
        engine = session.engine
        variant = variants.usable_easier(session.routine, engine, engine.run, session.just_done())
        if verdict.light is not pain.PainLight.GREEN:
            self.keep(verdict.message, verdict)
        session.ask(ask.way_out(verdict, variant, engine.is_last_run))

    def _easier_or_skip(self, value: AnswerValue) -> None:
        session = self.session
        session.recorder.set_decision(str(value))
        if value == "end":
            rating = session.recorder.record.pain_reports[-1].rating
            figures = pain.pain_figures(rating, session.pain_before)
            red = pain.judge_pain(rating, session.pain_before).light is pain.PainLight.RED
            outcome = Outcome.STOPPED_FOR_PAIN if red else Outcome.ENDED_EARLY
            session.end(outcome, f"Ended after it hurt ({figures}).", ask_pain=False)
        elif value == "easier":
            session.replace_current()
        else:
            session.leave_run(StepOutcome.SKIPPED)

    def _end_rating_given(self, value: AnswerValue) -> None:
        session = self.session
        rating = int(value)
        verdict = pain.judge_pain(rating, session.pain_before)
        session.recorder.add_pain("end", rating, verdict=verdict.light.value)
        if verdict.stop:
            self.keep(pain.stop_advice_text(verdict), STOPPED)
            session.ask(ask.stop_advice("Stop for today", verdict))
        elif verdict.light is not pain.PainLight.GREEN:
            self.keep(verdict.message, verdict)

    def _stop(self, reason: str, verdict: pain.PainVerdict) -> None:
        """The pain rule stops the session: logged as stopped for pain, with the advice to stop for today."""
        session = self.session
        session.recorder.advise_stop()
        if session.outcome is Outcome.IN_PROGRESS:
            session.end(Outcome.STOPPED_FOR_PAIN, reason, ask_pain=False)
        else:
            session.reason = reason
            session.recorder.finish(session.outcome, reason)
        self.keep(pain.stop_advice_text(verdict), STOPPED)
        session.ask(ask.stop_advice("Stop now", verdict))

    def _advise(self, verdict: pain.PainVerdict) -> None:
        """Tell the user what the pain rule says of a rating that is not green, and keep it for the summary."""
        if verdict.light is not pain.PainLight.GREEN:
            self.keep(verdict.message, verdict)
            self.session.notice = verdict.message
            self.session.emit("advice", verdict.message)
