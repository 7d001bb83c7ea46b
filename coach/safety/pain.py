"""The pain rule, "it hurts", and the safety texts shown on first run and when a session stops.

The per-session check lives in ``coach.safety.check``, the health profile in ``coach.safety.profile`` and
the history advisories in ``coach.history.advisories``; every question, source and case is listed in
``docs/safety.md``. The pain traffic light is the rule of PRODUCT.md flow 5.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal

from coach.logs.records import HurtKind


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
    return f"{rating}/10, the same as before you started"


def judge_pain(rating: int, before: int | None) -> PainVerdict:
    """The one pain rule (PRODUCT.md flow 5), for pain checks, "it hurts" and the end rating.

    With r the rating and b the pain before the session (0 when unknown):
    r >= 8 stops; r >= 6 and r > b, or r >= b + 2 and r >= 4, is red; r <= 3 is green;
    anything else is amber.
    """
    for value in (rating, before):
        if value is not None and (type(value) is not int or not 0 <= value <= 10):
            raise ValueError(f"a pain rating is a whole number from 0 to 10, not {value!r}")
    base = 0 if before is None else before
    figures = pain_figures(rating, before)
    if rating >= STOP_AT:
        return PainVerdict(rating, before, PainLight.RED, True, f"Pain {figures}: stop exercising now.")
    if (rating >= 6 and rating > base) or (rating >= base + 2 and rating >= 4):
        return PainVerdict(rating, before, PainLight.RED, False, f"Pain {figures}: we recommend stopping.")
    if rating <= 3:
        return PainVerdict(rating, before, PainLight.GREEN, False, f"Pain {figures}: fine to carry on.")
    return PainVerdict(
        rating,
        before,
        PainLight.AMBER,
        False,
        f"Pain {figures}: do not push any further; it should settle within 24 hours.",
    )


def after_last_exercise(verdict: PainVerdict) -> str:
    """What a pain check after the last exercise says when it is not green: nothing is left to stop."""
    if verdict.light is not PainLight.RED:
        return verdict.message
    figures = pain_figures(verdict.rating, verdict.before)
    return (
        f"Pain {figures}: more than exercise should raise it. Rest now and let it settle; it should within "
        "24 hours. Do less next time, and if it has not settled by tomorrow, talk to a physiotherapist or doctor."
    )


HURT_KINDS = {
    HurtKind.RED_FLAG: "Sharp, shooting, spreading down a leg, or numbness",
    HurtKind.MORE_THAN_MILD: "More than mild discomfort",
    HurtKind.MILD: "Mild and settling",
}
HurtDecision = Literal["stop", "skip", "resume"]


def judge_hurt(kind: HurtKind, rating: int, before: int | None) -> tuple[HurtDecision, PainVerdict]:
    """The rule for "it hurts" (PRODUCT.md flow 5): the kind of pain and its rating under ``judge_pain``.

    A warning sign (sharp, shooting, spreading down a leg, or numbness) stops the session
    whatever the rating, and its verdict is red; a rating that stops, stops; more than mild
    discomfort, or a red rating, leaves the exercise; mild and settling at a green or amber
    rating resumes.
    """
    verdict = judge_pain(rating, before)
    if kind is HurtKind.RED_FLAG:
        message = f"{HURT_KINDS[kind]} ({pain_figures(rating, before)}): stop exercising now."
        return "stop", PainVerdict(rating, before, PainLight.RED, True, message)
    if verdict.stop:
        return "stop", verdict
    if kind is HurtKind.MORE_THAN_MILD and verdict.light is PainLight.GREEN:
        message = f"{HURT_KINDS[kind]} ({pain_figures(rating, before)}): leave this exercise rather than push on."
        return "skip", PainVerdict(rating, before, PainLight.GREEN, False, message)
    if kind is HurtKind.MORE_THAN_MILD or verdict.light is PainLight.RED:
        return "skip", verdict
    return "resume", verdict


FIRST_RUN_NOTICE = """\
coach is not medical advice: it cannot tell what is wrong with your back or stand in \
for a physiotherapist or doctor.

Get emergency help now (emergency department or services), and do not exercise, if you notice:
  - numbness or a changed feeling around the groin, genitals or back passage
  - new trouble starting to pass urine, not feeling it pass, or no longer controlling your bladder or bowels
  - new loss of feeling during sex
  - numbness or weakness in both legs, or weakness in a leg that keeps getting worse

See a doctor within a day or two, before exercising, if pain shoots into a leg or one \
leg turns numb or weak.

Move gently, within comfort, and never force a stretch further. Stop at once if the pain \
turns sharp or shooting, or spreads into a buttock or leg.

If your pain lasts more than a few weeks despite self-care, have it checked by a professional."""

STOP_CARE_ADVICE = """\
Stop exercising for today.
Rest in whatever position eases the pain, and get up slowly.
Do not try to stretch it out, twist it or have anyone crack your back: forcing it can strain \
muscles and ligaments or hurt a disc.
See a doctor within a day or two if pain shoots down a leg, or a leg feels numb or weak.
Get emergency help now if both legs feel numb or weak, or feeling or control of your \
bladder, bowels or genitals changes.
Otherwise, talk to a physiotherapist or doctor before your next session."""


def stop_advice_text(verdict: PainVerdict | str) -> str:
    """What to say when pain stops a session: the verdict (or the words of the stop), then care advice."""
    said = verdict if isinstance(verdict, str) else verdict.message
    return f"{said}\n\n{STOP_CARE_ADVICE}"
