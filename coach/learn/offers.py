"""Which Learn cards to offer at a given moment: reassurance after an amber, the flare-up plan
after a stop, the bad-day cards from the flare-up plan, and nothing on the emergency screen."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from coach.learn.catalog import card
from coach.learn.model import Card

if TYPE_CHECKING:
    from coach.logs.records import SessionRecord

FLARE_UP_ROUTINE = "flare-up"
"""The short name of the bundled flare-up plan."""
SEVERE_PAIN = 8
"""A rating from which the day calls for the flare-up plan (flow 4: 8-10 skips the chosen routine)."""


class Moment(Enum):
    """A point in the app where a card can help, and what happened just before it."""

    AMBER = "amber"
    """A pain check, or the safety check, came out amber: pain up a little, or a caution at 6-7."""
    RAISED_PAIN = "raised-pain"
    """A session ended with more pain than it began with, and no stop."""
    STOPPED = "stopped"
    """The coach stopped a session for pain, or the user ended it at a red rating."""
    SEVERE_PAIN = "severe-pain"
    """Pain 8-10 at the safety check: skip today or do the flare-up plan."""
    NERVE_SIGNS = "nerve-signs"
    """A stop or a block for pain spreading into a leg, tingling or numbness: no flare-up plan."""
    BLOCKED = "blocked"
    """The safety check sent the user to a professional for a sign that is not an emergency."""
    FLARE_UP_PLAN = "flare-up-plan"
    """The flare-up plan: its summary, or before it starts."""
    EMERGENCY = "emergency"
    """The emergency screen: it shows its advice and nothing else, so never a card."""


_OFFERS: dict[Moment, tuple[str, ...]] = {
    Moment.AMBER: ("hurt-not-harm",),
    Moment.RAISED_PAIN: ("hurt-not-harm", "dont-push"),
    Moment.STOPPED: ("flare-up",),
    Moment.SEVERE_PAIN: ("flare-up",),
    Moment.NERVE_SIGNS: ("see-a-professional",),
    Moment.BLOCKED: ("see-a-professional",),
    Moment.FLARE_UP_PLAN: ("medicines", "sleep"),
    Moment.EMERGENCY: (),
}

_FOR_ROUTINE = {
    "gentle-relief": ("warm-up", "stay-active"),
    "stabilise": ("stabilise-first", "why-tight"),
    "hips-not-back": ("warm-up", "stabilise-first", "dont-push"),
    "glute-release": ("warm-up", "no-cracking"),
    "posture-reset": ("neutral-spine", "lifting"),
    "desk-break": ("neutral-spine", "stay-active"),
    FLARE_UP_ROUTINE: ("flare-up", "medicines", "sleep", "floor"),
}


def offer(moment: Moment) -> tuple[Card, ...]:
    """The cards worth offering at this moment, the most relevant first; none on the emergency screen.

    For the safety check: ``AMBER`` after a caution (pain 6-7, or pain from last time not settled),
    ``SEVERE_PAIN`` at pain 8-10, ``NERVE_SIGNS`` for leg symptoms, ``BLOCKED`` for any other
    sign that needs a professional, ``EMERGENCY`` on the emergency screen (always empty). For a
    session: ``moment_after_session`` picks one from the log.
    """
    return tuple(card(card_id) for card_id in _OFFERS[moment])


def moment_after_session(record: SessionRecord) -> Moment | None:
    """What a finished session calls for, if anything: a stop, more pain than at the start,
    the end of the flare-up plan, or an amber pain check on the way, in that order.

    The log's words are imported here, when there is a log: home offers cards before any is read."""
    from coach.logs.records import HurtKind, Outcome

    reports = record.pain_reports
    if any(report.kind is HurtKind.RED_FLAG for report in reports):
        return Moment.NERVE_SIGNS
    if record.outcome is Outcome.STOPPED_FOR_PAIN:
        return Moment.STOPPED
    if any(report.rating >= SEVERE_PAIN for report in reports):
        return Moment.SEVERE_PAIN
    before, after = record.pain_before, record.pain_after
    if before is not None and after is not None and after > before and record.exercises_done:
        return Moment.RAISED_PAIN
    if record.routine_name == FLARE_UP_ROUTINE and record.exercises_done:
        return Moment.FLARE_UP_PLAN
    if any(report.verdict == "amber" for report in reports):
        return Moment.AMBER
    return None


def cards_after_session(record: SessionRecord) -> tuple[Card, ...]:
    """The cards for the summary of this session (none when it went comfortably)."""
    moment = moment_after_session(record)
    return offer(moment) if moment is not None else ()


SITUATIONS = ("blocked", "routine:<name>")


def cards_for(situation: str) -> tuple[Card, ...]:
    """The cards worth offering in a situation named by a string, most relevant first.

    ``"blocked"``: after the safety check stopped a session (as ``offer(Moment.BLOCKED)``);
    ``"routine:NAME"``: on home, before the routine with that short name (none for a routine
    coach does not ship). Any other situation is a ``ValueError``.
    """
    if situation.startswith("routine:"):
        return tuple(card(card_id) for card_id in _FOR_ROUTINE.get(situation.removeprefix("routine:"), ()))
    if situation == "blocked":
        return offer(Moment.BLOCKED)
    raise ValueError(f"unknown situation {situation!r}; known: {', '.join(SITUATIONS)}")
