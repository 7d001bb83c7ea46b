"""Every question a running session asks, built from what it knows; the session decides when."""

from __future__ import annotations

from coach.routines.model import Exercise
from coach.safety import pain as safety
from coach.session.questions import OK, Option, Question, QuestionKind

SESSION_KEYS = (
    ("space", "pause or go on; start an exercise that waits; a set at your own pace is done"),
    ("p", "it hurts: pauses at once and asks what kind"),
    ("s", "skip this exercise"),
    ("i", "the steps and caution again"),
    ("q", "end the session (asks first)"),
    ("m", "sound on or off"),
    ("v", "spoken cues on or off (they need a speech program such as espeak-ng: apt install espeak-ng)"),
    ("?", "this help"),
)
END_NOW = "End the session now (recommended)"


def _before(pain_before: int | None) -> str:
    return f"Before you started it was {pain_before}/10." if pain_before is not None else ""


def pain_check(pain_before: int | None) -> Question:
    return Question(QuestionKind.PAIN_CHECK, "Pain check: how is your back now?", _before(pain_before), scale=True)


HURT_KIND_KEYS = "abc"
"""Letters, so that a digit pressed twice cannot also answer the strength scale that follows."""


def hurt_kind() -> Question:
    kinds = tuple(
        Option(kind.value, label, (key,))
        for (kind, label), key in zip(safety.HURT_KINDS.items(), HURT_KIND_KEYS, strict=True)
    )
    return Question(
        QuestionKind.HURT_KIND, "What kind of pain is it?", "Paused. Pick the closest answer.", kinds, cancellable=True
    )


def hurt_strength(pain_before: int | None, stopped: bool) -> Question:
    """The rating after the kind of pain; escape goes back to the kind, or, once a warning sign has
    stopped the session, leaves the rating out."""
    title = (
        "The session has stopped. How strong is the pain, for your log?" if stopped else "How strong is it right now?"
    )
    return Question(
        QuestionKind.HURT_STRENGTH,
        title,
        _before(pain_before),
        scale=True,
        cancellable=True,
        escape="leave the rating out" if stopped else "back to what kind of pain",
    )


def confirm_end() -> Question:
    return Question(
        QuestionKind.CONFIRM_END,
        "End the session now?",
        "What you have done so far is kept in your log.",
        (Option("yes", "End session", ("y",)), Option("no", "Keep going", ("n",))),
        cancellable=True,
    )


def steps(exercise: Exercise) -> Question:
    """The how-to steps and the caution, shown again on request."""
    how = "\n".join(f"{n}. {step}" for n, step in enumerate(exercise.how, 1))
    caution = f"\n\nCaution: {exercise.caution}" if exercise.caution else ""
    return Question(QuestionKind.STEPS, exercise.name, how + caution, (OK,), cancellable=True)


def keys_help() -> Question:
    return Question(QuestionKind.HELP, "Keys during a session", options=(OK,), cancellable=True, rows=SESSION_KEYS)


def after_check(verdict: safety.PainVerdict, gentler: str | None) -> Question:
    """After an amber or red pain check: end, the gentler exercise when there is one, or go on."""
    red = verdict.light is safety.PainLight.RED
    options = [Option("end", END_NOW, ("e",))] if red else []
    if gentler:
        options.append(Option("gentler", gentler, ("g",)))
    options.append(Option("continue", "Continue anyway" if red else "Continue gently", ("c",)))
    if not red:
        options.append(Option("end", "End the session", ("e",)))
    title = "We recommend stopping" if red else "Take care"
    return Question(QuestionKind.AFTER_CHECK, title, verdict.message, tuple(options), tone=verdict.light.value)


def way_out(verdict: safety.PainVerdict, variant: Exercise | None, last: bool) -> Question:
    """More than mild pain in an exercise: ending (first when red), its easier variant, or skipping it;
    in the last exercise skipping would end the session too, so ending is the one way out besides the variant."""
    red = verdict.light is safety.PainLight.RED
    options = [Option("end", END_NOW, ("e",))] if red else []
    if variant is not None:
        options.append(Option("easier", f"Try {variant.name} instead", ("t",)))
    if not last:
        options.append(Option("skip", "Skip this exercise", ("s",)))
    if not red:
        options.append(Option("end", "End the session", ("e",)))
    title = "We recommend stopping" if red else "Do not push on with this one"
    return Question(QuestionKind.EASIER_OR_SKIP, title, verdict.message, tuple(options), tone=verdict.light.value)


def end_pain(pain_before: int | None) -> Question:
    return Question(
        QuestionKind.END_PAIN,
        "How is your pain now?",
        _before(pain_before),
        scale=True,
        cancellable=True,
        escape="skip",
    )


def stop_advice(title: str, verdict: safety.PainVerdict | str) -> Question:
    """The care advice after a stop, after the verdict (or the words of the stop when there is no rating)."""
    said = verdict if isinstance(verdict, str) else verdict.message
    return Question(QuestionKind.STOP_ADVICE, title, safety.stop_advice_text(said), (OK,), tone="stop")
