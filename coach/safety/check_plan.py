"""What the check asks and blocks on, worked out before any answer: the signs that apply to this
profile, the follow-up of the last session, the blocks a profile or a stop brings, and the flare."""

from __future__ import annotations

from coach.durations import elapsed_words
from coach.safety import check_texts as texts
from coach.safety.after_stop import SETTLE_HOURS, flare_up_allowed, stop_block
from coach.safety.check_texts import CheckQuestion
from coach.safety.last_sessions import PreviousSession
from coach.safety.profile import Profile
from coach.safety.urgency import SIGNS, advice_for
from coach.safety.verdicts import Offer

Gate = tuple[str, tuple[str, ...], str, Offer, str]
"""A block known before any answer: title, advice, logged reason, what it offers instead, and its Learn moment."""
FLARE_RISE = 2
"""Pain now this much above the last session's pain before is a next-day flare."""
FLARE_DAYS = 3


def sign_questions(profile: Profile, first: bool) -> list[CheckQuestion]:
    """The signs that change from day to day (those this profile makes relevant), then the legs."""
    wanted = {
        "sudden-onset": profile.fracture_risk,
        "aneurysm-pain": profile.aneurysm,
        "cancer-nerve": profile.cancer_history,
        "cancer-pain": profile.cancer_history,
    }
    since = [sign for sign in texts.SINCE_IDS if wanted.get(sign, True)]
    return [texts.since_question(since, first), texts.leg_question(profile.known_leg_symptoms)]


def followup(previous: PreviousSession | None) -> tuple[CheckQuestion | None, tuple[str, tuple[str, ...]] | None]:
    """After a session that raised pain, ended red or stopped: under 12 hours "let it settle" (a
    caution; after a stop the stop's own rule applies), from then on "has it settled?"."""
    p = previous
    if p is None or not p.followup_due:
        return None, None
    if p.hours_ago is not None and p.hours_ago < SETTLE_HOURS:
        if p.stopped:
            return None, None
        return None, (texts.SETTLE_TITLE, texts.settle_advice(p.hours_ago, p.pain_before, p.pain_after))
    return texts.followup_question(p.hours_ago, bool(p.stopped)), None


def gate(profile: Profile, ruled_out: tuple[str, ...], stop: PreviousSession | None, bad_day: bool) -> Gate | None:
    """The block that comes after the emergency questions, if any: the routine is ruled out, a serious
    sign is not yet assessed, or ``stop``, a session that stopped for pain, is under 12 hours old."""
    return not_for_you_gate(ruled_out) or serious_gate(profile, bad_day) or stop_gate(stop, bad_day)


def not_for_you_gate(ruled_out: tuple[str, ...]) -> Gate | None:
    """A routine the profile rules out: after last time's emergency sign is asked about, it still never starts."""
    return (*texts.not_for_you(ruled_out), Offer.FLARE_UP, "blocked") if ruled_out else None


def serious_gate(profile: Profile, bad_day_routine: bool) -> Gate | None:
    """A serious sign not yet assessed: only walking and the flare-up plan may start."""
    if not profile.needs_clearance or bad_day_routine:
        return None
    signs = profile.serious_signs()
    advice = advice_for(signs, cancer_history=profile.cancer_history)
    named = " ".join(f"{SIGNS[sign].text[:1].upper()}{SIGNS[sign].text[1:]}." for sign in signs)
    reason = f"Serious-cause history not yet assessed by a professional: {named}"
    where_and_why = advice.lines[1:]
    return texts.SERIOUS_TITLE, (*where_and_why, texts.ONLY_BAD_DAY), reason, Offer.FLARE_UP, "blocked"


def stop_gate(previous: PreviousSession | None, bad_day_routine: bool) -> Gate | None:
    block = stop_block(previous, bad_day_routine)
    if block is None:
        return None
    if flare_up_allowed(previous):
        return (*block, Offer.FLARE_UP, "stopped")
    return (*block, Offer.NONE, "nerve-signs")


def next_day_flare(previous: PreviousSession | None, rating: int) -> tuple[str, ...] | None:
    """Pain now 2 or more above the last session's pain before, that session in the last 3 days."""
    p = previous
    if p is None or p.pain_before is None or p.hours_ago is None or p.hours_ago > FLARE_DAYS * 24:
        return None
    return texts.flare_advice(rating, p.pain_before) if rating >= p.pain_before + FLARE_RISE else None


def followup_note(previous: PreviousSession | None) -> str:
    """What the follow-up question shows of the last session: when it ended, why it stopped, its figures."""
    p = previous
    if p is None:
        return ""
    when = "at a time its log does not tell" if p.hours_ago is None else f"{elapsed_words(p.hours_ago)} ago"
    said = f" ({texts.inline(p.stopped)})" if p.stopped else ""
    raised = p.pain_before is not None and p.pain_after is not None and p.pain_after > p.pain_before
    pain = f"; your pain went from {p.pain_before}/10 to {p.pain_after}/10" if raised else ""
    return f"Your last session ended {when}{said}{pain}."
