"""The questions of the check before a session and the words of its verdicts.

Which question is asked when, and what each answer leads to, is ``coach.safety.check``'s; the
signs and their urgency are ``coach.safety.urgency``'s; ``docs/safety.md`` gives the sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from coach.durations import elapsed_words
from coach.routines.model import CONTRAINDICATION_LABELS
from coach.safety.profile import NOT_FOR_YOU_ADVICE
from coach.safety.urgency import CAUDA_EQUINA, SIGNS, advice_for


class AnswerKind(str, Enum):
    YES_NO = "yes/no"
    RATING = "0-10"
    WHICH = "which"
    """Tick the items that apply (number keys), then enter."""


@dataclass(frozen=True)
class CheckItem:
    id: str
    text: str


@dataclass(frozen=True)
class CheckQuestion:
    """One question of the check; ``id`` is the key of its answer in the log. A yes/no question may
    list ``items`` (any of these?); a "which?" question ticks them."""

    id: str
    text: str
    kind: AnswerKind = AnswerKind.YES_NO
    items: tuple[CheckItem, ...] = ()

    def allows(self, value: object) -> bool:
        if self.kind is AnswerKind.YES_NO:
            return type(value) is bool
        if self.kind is AnswerKind.RATING:
            return type(value) is int and 0 <= value <= 10
        ids = {item.id for item in self.items}
        return type(value) is tuple and bool(value) and all(v in ids for v in value) and len(set(value)) == len(value)


def _signs(*ids: str) -> tuple[CheckItem, ...]:
    return tuple(CheckItem(sign, SIGNS[sign].text) for sign in ids)


EMERGENCY_QUESTION = CheckQuestion(
    "emergency-signs",
    "Do you have any of these that a doctor has not checked, or that are getting worse?",
    items=(
        CheckItem(
            "saddle-numbness",
            "numbness or a changed feeling around your groin, genitals, back passage, buttocks or inner "
            "thighs (you may notice it when you wipe)",
        ),
        CheckItem(
            "bladder-bowel",
            "difficulty passing urine, not feeling it pass or not knowing when your bladder is full, "
            "or any loss of control of your bladder or bowels",
        ),
        CheckItem("sexual-function", "less feeling in your genitals, or a change in sexual function"),
        CheckItem("both-legs", "numbness, weakness or pain in both legs"),
    ),
)
"""The cauda equina warning signs: every one leads to the same advice, so a yes is enough."""
OLD_EMERGENCY_IDS = ("saddle-numbness", "bladder-bowel", "sexual-sensation", "both-legs", "worsening-leg-weakness")
"""Earlier checks asked each emergency sign on its own; their logs still count."""
EMERGENCY_IDS = (EMERGENCY_QUESTION.id, *OLD_EMERGENCY_IDS)

ASSESSED_QUESTION = CheckQuestion(
    "emergency-assessed",
    "Last time you reported a sign that needs emergency help. Has a doctor assessed those symptoms "
    "and said exercise is fine?",
)
EMERGENCY_AGAIN = " ".join(advice_for([CAUDA_EQUINA]).lines)
"""Last time's emergency advice, repeated with the question whether a doctor has assessed it."""
SINCE_IDS = (
    "fever",
    "major-trauma",
    "fall",
    "weight-loss",
    "night-pain",
    "sudden-onset",
    "aneurysm-pain",
    "cancer-nerve",
    "cancer-pain",
)
LEG_IDS = ("leg-weakness", "leg-pain")
PAIN_QUESTION = CheckQuestion("pain-now", "How much does your back hurt right now?", AnswerKind.RATING)
SETTLED_ID = "previous-settled"
FOLLOWUP_HOURS = 24
SHORT_CHECK_HOURS = 4
"""Within this many hours of a completed check, the next one asks only what is new, and the pain now."""


def since_question(sign_ids: Sequence[str], first: bool) -> CheckQuestion:
    """The signs that change from day to day, since the last session (the first time: two weeks)."""
    when = "In the last two weeks" if first else "Since your last session"
    text = f"{when}, have you had any of these that a doctor has not checked?"
    return CheckQuestion("since-last", text, items=_signs(*sign_ids))


def leg_question(known: bool) -> CheckQuestion:
    """Leg symptoms that are new or worse: than usual, or than what a professional assessed."""
    than = "than what a professional assessed" if known else "than usual"
    return CheckQuestion(
        "leg-symptoms",
        f"Do you have pain shooting down a leg, or numbness or weakness in one leg, that is new or worse {than}?",
        items=_signs(*LEG_IDS),
    )


def sign_reason(title: str, named: str, unsaid: bool) -> str:
    """The log's reason for a block by signs: the advice's title and the signs, or, when "which?" was
    left, that the sign was not said."""
    said = f"which sign was not said; advice for the most urgent ({named})" if unsaid else named
    return f"{title}: {said}."


def unsaid_sign(named: str) -> str:
    """The first line of the advice when "which?" was left without saying which sign."""
    return f"You did not say which one, so this is the advice for the most serious of them: {named}."


def which_question(group: CheckQuestion) -> CheckQuestion:
    return CheckQuestion(
        f"{group.id}-which", "Which of these? Press the number of each one, then enter.", AnswerKind.WHICH, group.items
    )


ANYTHING_NEW_ID = "anything-new"


def anything_new_question(at: str) -> CheckQuestion:
    return CheckQuestion(
        ANYTHING_NEW_ID, f"Anything new since your check at {at}: in your back, your legs or your health?"
    )


def followup_question(hours_ago: float | None, stopped: bool) -> CheckQuestion:
    """Did the last session's pain settle: since (under 24 hours, or when the log does not tell), or within 24 hours."""
    said = "Your last session stopped because of pain." if stopped else "Your pain was higher after your last session."
    if hours_ago is not None and hours_ago >= FOLLOWUP_HOURS:
        return CheckQuestion(SETTLED_ID, f"{said} Did it settle within 24 hours?")
    return CheckQuestion(SETTLED_ID, f"{said} Has it settled since?")


CHECK_QUESTION_TEXTS = {
    EMERGENCY_QUESTION.id: EMERGENCY_QUESTION.text,
    ASSESSED_QUESTION.id: ASSESSED_QUESTION.text,
    "since-last": "Since your last session, any of these?",
    "leg-symptoms": "Pain shooting down a leg, or numbness or weakness in one leg, new or worse?",
    "anything-new": "Anything new since the last check?",
    SETTLED_ID: "Did the pain from the last session settle?",
    **{item.id: item.text for item in EMERGENCY_QUESTION.items},
    **{sign.id: sign.text for sign in SIGNS.values()},
    "sexual-sensation": "Newly lost feeling in the genitals during sex?",
    "worsening-leg-weakness": "Weakness in one leg getting worse?",
}
"""What each yes/no answer in a log was the answer to, for logs old and new."""

EMERGENCY_BANNER = (
    "Your last safety check found a sign that needs emergency help: go to an emergency department now, "
    "or call emergency services. The next start asks whether a doctor has assessed it."
)
NOT_FOR_YOU_TITLE = "Not for you"
SERIOUS_TITLE = "See a doctor before exercising"
SEVERE_PAIN_TITLE = "A lot of pain today"
SEVERE_PAIN_AT = 8
"""Pain before the session this high blocks the chosen routine: skip today, or do the flare-up plan."""
SEVERE_PAIN_REASON_START = "Pain "
"""How the logged reason of a block at pain 8-10 begins."""
SETTLE_TITLE = "Let it settle first"
SUITS_YOU_TITLE = "Check that it suits you"
NOT_SETTLED_TITLE = "Take it easier today"
FLARE_TITLE = "Take it easier today"
PAIN_CAUTION_TITLE = "Go gently today"
PREGNANCY_TITLE = "A note for pregnancy"
NOT_STARTED_REASON = "Not started after the caution:"
KEEP_MOVING = "Ease off exercise today, but keep gently moving about; avoid bed rest."
ONLY_BAD_DAY = (
    "Until a professional has assessed it and said exercise is fine, only walking and the flare-up plan "
    "may start; keeping active is still the advice. Then record it in your health profile (e on home)."
)


def not_for_you(conditions: Sequence[str]) -> tuple[str, tuple[str, ...], str]:
    """Title, advice and logged reason for a routine the profile rules out."""
    names = ", ".join(CONTRAINDICATION_LABELS.get(c, c).lower() for c in conditions)
    advice = (
        f"Your health profile notes {names}, and this routine is not suitable then: "
        "movements that are safe for most people may not be safe for you.",
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


def severe_pain_reason(rating: int) -> str:
    """The logged reason of a block at pain 8-10."""
    return f"{SEVERE_PAIN_REASON_START}{rating}/10 before the session."


def severe_pain_advice(rating: int) -> tuple[str, ...]:
    return (
        f"Your pain is {rating}/10: that's a lot of pain today. Skip today, or do the flare-up plan.",
        "If this pain is new, unlike your usual pain, or nothing eases it, see a doctor or physiotherapist today.",
    )


def pain_caution_advice(rating: int) -> tuple[str, ...]:
    return (
        f"Your pain is {rating}/10 before you start.",
        "If you go on, choose the gentlest routine, move only within comfort and stop if the pain rises.",
    )


def flare_advice(now: int, before: int) -> tuple[str, ...]:
    """Pain now 2 or more above the last session's pain before: the flare is the answer, no question."""
    return (
        f"{now} today, {before} before last time: take it easier today.",
        "Choose a gentler routine, or do less than last time and stop well before it hurts more.",
    )


def settle_advice(hours_ago: float, pain_before: int | None, pain_after: int | None) -> tuple[str, ...]:
    figures = f", ended at {pain_after}/10, up from {pain_before}/10" if pain_before is not None else ""
    return (
        f"Your last session, {elapsed_words(hours_ago)} ago{figures}.",
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
    return first, "Choose a gentler routine today, or talk to a physiotherapist or doctor before going on."
