"""The pain rule, "it hurts", and the safety texts shown on first run and when a session stops.

The rule is PRODUCT.md flow 5 and docs/safety.md section 4; where advice names a place to go it
comes from ``coach.safety.urgency``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal

from coach.logs.records import HurtKind
from coach.safety.urgency import WHERE, Urgency


class PainLight(str, Enum):
    """The physiotherapy traffic light for a pain rating during exercise."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class PainVerdict:
    """What the pain rule makes of one rating: its light, whether the session must stop, and why."""

    rating: int
    before: int | None
    light: PainLight
    stop: bool
    message: str


STOP_AT = 8
"""A rating of this or more stops the session."""


def pain_figures(rating: int, before: int | None) -> str:
    """``5, up from 3``: a rating and how it compares with the pain before the session."""
    if before is None:
        return f"{rating}/10"
    if rating > before:
        return f"{rating}/10, up from {before}"
    if rating < before:
        return f"{rating}/10, down from {before}"
    return f"{rating}/10, unchanged"


def judge_pain(rating: int, before: int | None) -> PainVerdict:
    """The one pain rule (PRODUCT.md flow 5), for pain checks, "it hurts" and the end rating.

    With r the rating and b the pain before the session (0 when unknown): r >= 8 stops;
    r >= 6 and r > b is red; r <= 3 is green; anything else is amber, worded by its direction.
    """
    for value in (rating, before):
        if value is not None and (type(value) is not int or not 0 <= value <= 10):
            raise ValueError(f"a pain rating is a whole number from 0 to 10, not {value!r}")
    base = 0 if before is None else before
    figures = pain_figures(rating, before)
    if rating >= STOP_AT:
        return PainVerdict(rating, before, PainLight.RED, True, f"Pain {figures}: stop exercising now.")
    if rating >= 6 and rating > base:
        return PainVerdict(rating, before, PainLight.RED, False, f"Pain {figures}: we recommend stopping.")
    if rating <= 3:
        return PainVerdict(rating, before, PainLight.GREEN, False, f"Pain {figures}: fine to carry on.")
    return PainVerdict(rating, before, PainLight.AMBER, False, f"Pain {figures}: {amber_words(rating, before)}")


AMBER_UP = "do not push further; it should settle within 24 hours."
AMBER_SAME = "no worse than when you started: keep it gentle."
AMBER_DOWN = "easing as you move is a good sign: keep it gentle."


def amber_words(rating: int, before: int | None) -> str:
    """What an amber rating says by its direction: up (or not known), the same, or down."""
    if before is None or rating > before:
        return AMBER_UP
    return AMBER_SAME if rating == before else AMBER_DOWN


def after_last_exercise(verdict: PainVerdict) -> str:
    """What a pain check after the last exercise says when it is not green: nothing is left to stop."""
    if verdict.light is not PainLight.RED:
        return verdict.message
    figures = pain_figures(verdict.rating, verdict.before)
    return (
        f"Pain {figures}: more than exercise should raise it. Ease off for today but keep gently moving; it "
        "should settle within 24 hours. Do less next time, and if it has not settled by tomorrow, talk to a "
        "physiotherapist or doctor."
    )


HURT_KINDS = {
    HurtKind.RED_FLAG: "Spreading into a buttock or leg, tingling or numbness",
    HurtKind.MORE_THAN_MILD: "Sharp, or more than mild discomfort",
    HurtKind.MILD: "Mild and settling",
}
"""The kinds of pain after p, as the user reads them (earlier logs' red_flag also meant sharp or shooting)."""
HurtDecision = Literal["stop", "skip", "resume"]


def judge_hurt(kind: HurtKind, rating: int, before: int | None) -> tuple[HurtDecision, PainVerdict]:
    """The rule for "it hurts" (PRODUCT.md flow 5): the kind of pain and its rating under ``judge_pain``.

    Spreading into a buttock or leg, tingling or numbness stops the session whatever the rating,
    and its verdict is red; a rating that stops, stops; sharp or more than mild discomfort stops
    this exercise; mild and settling resumes, unless the rating is red, which is never mild.
    """
    verdict = judge_pain(rating, before)
    figures = pain_figures(rating, before)
    if kind is HurtKind.RED_FLAG:
        return "stop", PainVerdict(rating, before, PainLight.RED, True, f"{HURT_KINDS[kind]} ({figures}): stop now.")
    if verdict.stop:
        return "stop", verdict
    if kind is HurtKind.MORE_THAN_MILD or verdict.light is PainLight.RED:
        said = HURT_KINDS[HurtKind.MORE_THAN_MILD] if kind is HurtKind.MORE_THAN_MILD else f"Pain {figures}"
        words = f" ({figures})" if kind is HurtKind.MORE_THAN_MILD else ""
        follow = "we recommend stopping the session." if verdict.light is PainLight.RED else "do not push on with it."
        message = f"{said}{words}: this exercise stops here; {follow}"
        return "skip", PainVerdict(rating, before, verdict.light, False, message)
    return "resume", verdict


def _then(where: Urgency) -> str:
    """Where to go, as it reads after a colon."""
    text = WHERE[where]
    return text[:1].lower() + text[1:]


EMERGENCY_SIGNS = (
    "numbness or a changed feeling around your groin, genitals, back passage, buttocks or inner thighs "
    "(you may notice it when you wipe)",
    "difficulty passing urine, not feeling it pass or not knowing when your bladder is full, "
    "or any loss of control of your bladder or bowels",
    "less feeling in your genitals, or a change in sexual function",
    "numbness, weakness or pain in both legs",
)
"""The cauda equina warning signs, as the first-run notice lists them (the check asks the same)."""

FIRST_RUN_NOTICE = "\n\n".join(
    (
        "coach is not medical advice: it cannot tell what is wrong with your back or stand in "
        "for a physiotherapist or doctor.",
        "Back pain is very common and usually not serious; most episodes ease within a few weeks, "
        "and keeping active helps.",
        "Stop an exercise if the pain turns sharp. Stop the session if pain shoots or spreads into a leg, "
        "or you feel tingling or numbness.",
        "Do not exercise, and get emergency help now, if you notice any of these: "
        + _then(Urgency.EMERGENCY)
        + "\n"
        + "\n".join(f"  - {sign}" for sign in EMERGENCY_SIGNS),
        "The safety check before every session asks about these and the other signs that need a doctor.",
    )
)

STOP_CARE_ADVICE = "\n".join(
    (
        "Stop exercising for today, but keep gently moving about; avoid bed rest.",
        "Move in whatever way is comfortable, and get up slowly.",
        "Do not try to stretch it out, twist it or have anyone crack your back.",
        f"If pain keeps shooting down a leg: {_then(Urgency.DAYS)}",
        f"If a leg or foot turns weak, or your foot catches when you walk: {_then(Urgency.TODAY)}",
        "If both legs feel numb, weak or painful, or feeling or control of your bladder, bowels or genitals "
        f"changes: {_then(Urgency.EMERGENCY)}",
        "Otherwise, talk to a physiotherapist or doctor before your next session if the pain has not eased.",
    )
)


def stop_advice_text(verdict: PainVerdict | str) -> str:
    """What to say when pain stops a session: the verdict (or the words of the stop), then care advice."""
    said = verdict if isinstance(verdict, str) else verdict.message
    return f"{said}\n\n{STOP_CARE_ADVICE}"
