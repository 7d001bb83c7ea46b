"""The questions of the check before a session and the words of its verdicts.

Which question is asked when, and what each answer leads to, is ``coach.safety.check``'s;
``docs/safety.md`` gives the rules and their sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from coach.durations import elapsed_words
from coach.routines.model import CONTRAINDICATION_LABELS
from coach.safety.profile import NOT_FOR_YOU_ADVICE


class AnswerKind(str, Enum):
    YES_NO = "yes/no"
    RATING = "0-10"


@dataclass(frozen=True)
class CheckQuestion:
    """One question of the check; ``id`` is the key of its answer in the log."""

    id: str
    text: str
    kind: AnswerKind = AnswerKind.YES_NO

    @property
    def allowed(self) -> tuple[bool, ...] | tuple[int, ...]:
        return (True, False) if self.kind is AnswerKind.YES_NO else tuple(range(11))


EMERGENCY_QUESTIONS = (
    CheckQuestion(
        "saddle-numbness", "Is there numbness or a changed feeling around your groin, genitals or back passage?"
    ),
    CheckQuestion(
        "bladder-bowel",
        "Is it newly hard to start passing urine, or can you no longer feel it passing, "
        "or have you lost any control of your bladder or bowels?",
    ),
    CheckQuestion("sexual-sensation", "Have you newly lost feeling in your genitals during sex?"),
    CheckQuestion("both-legs", "Do you have numbness or weakness in both legs?"),
    CheckQuestion("worsening-leg-weakness", "Is weakness in one of your legs getting worse?"),
)
ASSESSED_QUESTION = CheckQuestion(
    "emergency-assessed", "Has a doctor assessed the emergency signs you reported last time?"
)
LEG_CHECK_QUESTION = CheckQuestion(
    "leg-symptoms", "Do you have pain shooting down a leg, or numbness or weakness in one leg?"
)
LEG_CHANGE_QUESTION = CheckQuestion(
    "leg-symptoms", "Is the pain, numbness or weakness in your leg new, or worse than what a professional assessed?"
)
PAIN_QUESTION = CheckQuestion("pain-now", "How much does your back hurt right now?", AnswerKind.RATING)
FOLLOWUP_QUESTION = CheckQuestion(
    "previous-settled", "Your pain was higher after your last session. Did it settle within 24 hours?"
)
EARLY_FOLLOWUP_QUESTION = CheckQuestion(
    "previous-settled", "Your pain was higher after your last session. Has it settled since?"
)
"""The follow-up while 24 hours have not yet passed (or when the log does not tell when it ended)."""
STOPPED_FOLLOWUP_QUESTION = CheckQuestion(
    "previous-settled", "Your last session stopped because of pain. Has that pain settled since?"
)
"""The follow-up after a session in which the coach said to stop for today."""
FOLLOWUP_HOURS = 24

CHECK_QUESTION_TEXTS = {
    q.id: q.text for q in (*EMERGENCY_QUESTIONS, ASSESSED_QUESTION, LEG_CHECK_QUESTION, FOLLOWUP_QUESTION)
}
"""What each yes/no answer in a log was the answer to."""

EMERGENCY_TITLE = "Get emergency help now"
EMERGENCY_ADVICE = (
    "Do not exercise.",
    "Go to an emergency department now, or call emergency services if you cannot get there.",
    "These signs can mean cauda equina syndrome: the nerves at the base of the spine are "
    "being squeezed, and it needs treatment without delay.",
)
EMERGENCY_BANNER = (
    "Your last safety check found a sign that needs emergency help: go to an emergency department now, "
    "or call emergency services. The next start asks whether a doctor has assessed it."
)
LEG_TITLE = "See a doctor within a day or two"
LEG_ADVICE = (
    "Do not exercise today.",
    "Pain shooting down a leg, or numbness or weakness in a leg, that is new or worse can mean "
    "a nerve is being pressed on. A doctor should assess it within a day or two.",
    "If it spreads to both legs, or feeling or control of your bladder, bowels or genitals "
    "changes, get emergency help now.",
)
SEVERE_PAIN_TITLE = "Do not exercise now"
SERIOUS_TITLE = "See a doctor before exercising"
NOT_FOR_YOU_TITLE = "Not for you"
SETTLE_TITLE = "Let it settle first"
SUITS_YOU_TITLE = "Check that it suits you"
NOT_SETTLED_TITLE = "Take it easier today"
PAIN_CAUTION_TITLE = "Go gently today"
NOT_STARTED_REASON = "Not started after the caution:"
NOT_SETTLED_NEXT = "Choose a gentler routine today, or talk to a physiotherapist or doctor before going on."


def not_for_you(conditions: Sequence[str]) -> tuple[str, tuple[str, ...], str]:
    """Title, advice and logged reason for a routine the profile rules out."""
    names = ", ".join(CONTRAINDICATION_LABELS.get(c, c).lower() for c in conditions)
    advice = (
        f"Your health profile notes {names}, and this routine is not suitable then: "
        "movements that are safe for most people can do harm.",
        NOT_FOR_YOU_ADVICE,
    )
    return NOT_FOR_YOU_TITLE, advice, f"Not for you: {names}."


def not_listed(conditions: Sequence[str]) -> tuple[str, ...]:
    """A caution for conditions the user has that the routine neither rules out nor was written for."""
    names = ", ".join(CONTRAINDICATION_LABELS.get(c, c).lower() for c in conditions)
    return (
        f"Your health profile notes {names}. This routine does not say it is unsuitable then, "
        "but it was not written with it in mind.",
        "If a physiotherapist or doctor has not yet said these exercises suit you, ask them before you go on.",
    )


def inline(sentence: str) -> str:
    """A logged sentence as it reads inside another one: no full stop, no capital to begin with."""
    text = sentence.rstrip(".")
    return text[:1].lower() + text[1:]


def severe_pain_advice(rating: int) -> tuple[str, ...]:
    return (
        f"Your pain is {rating}/10: do not exercise now.",
        "Severe pain needs a professional's assessment: see a doctor or physiotherapist.",
    )


def pain_caution_advice(rating: int) -> tuple[str, ...]:
    return (
        f"Your pain is {rating}/10 before you start.",
        "If you go on, choose the gentlest routine, move only within comfort and stop if the pain rises.",
    )


def settle_advice(hours_ago: float, pain_before: int, pain_after: int) -> tuple[str, ...]:
    return (
        f"Your last session, {elapsed_words(hours_ago)} ago, ended at {pain_after}/10, up from {pain_before}/10.",
        "Let that settle first: it can take up to 24 hours. You may still go on, gently.",
    )


def not_settled_advice(hours_ago: float | None) -> tuple[str, ...]:
    """After "no, it has not settled": worded for the time that has actually passed, when it is known."""
    if hours_ago is None:
        first = "Pain from the last session that has not settled suggests it was too much."
    elif hours_ago >= FOLLOWUP_HOURS:
        first = "Pain that lasts more than 24 hours after exercise means the last session was too much."
    else:
        first = (
            f"Your pain from the last session is still there after {elapsed_words(hours_ago)}: "
            "that suggests the last session was too much."
        )
    return first, NOT_SETTLED_NEXT
