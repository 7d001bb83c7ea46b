"""The gentlest routine the health profile allows, offered when the check advises going gently."""

from __future__ import annotations

from collections.abc import Sequence

from coach.routines.catalog import Entry
from coach.routines.model import LEVELS, Dosing
from coach.safety.profile import Profile

BAD_DAY_FOCUS = "gentle"
"""A routine whose ``focus`` lists this tag is made for a bad day (the bundled flare-up routine)."""
WALKING_FOCUS = "walking"
"""A routine of timed activities whose ``focus`` lists this tag is walking."""


def gentlest(entries: Sequence[Entry], profile: Profile) -> Entry | None:
    """The gentlest bundled routine the profile allows.

    Only routines that come with coach are offered: a shared file can call itself anything.
    Lowest level; then one made for a bad day (``focus`` lists ``BAD_DAY_FOCUS``); then the
    shortest longest hold; then the fewest exercises; then the shortest.
    """
    allowed = [
        e
        for e in entries
        if e.source == "bundled" and e.routine is not None and not profile.ruled_out(e.routine.contraindications)
    ]
    rank = {level: n for n, level in enumerate(LEVELS)}

    def gentleness(entry: Entry) -> tuple[int, bool, int, int, int]:
        routine = entry.routine
        assert routine is not None
        return (
            rank.get(routine.level or "", len(LEVELS)),
            BAD_DAY_FOCUS not in routine.focus,
            max((e.hold for e in routine.exercises), default=0),
            len(routine.exercises),
            entry.minutes or 0,
        )

    return min(allowed, key=gentleness, default=None)


def bad_day_routine(entry: Entry) -> bool:
    """The flare-up plan that comes with coach, or a walking routine: these may start on a bad day,
    after a stop for pain and until a serious sign is assessed (docs/safety.md)."""
    routine = entry.routine
    if routine is None:
        return False
    flare_up = entry.source == "bundled" and BAD_DAY_FOCUS in routine.focus
    walking = WALKING_FOCUS in routine.focus and all(e.dosing is Dosing.TIMED for e in routine.exercises)
    return flare_up or walking


def flare_up_plan(entries: Sequence[Entry], profile: Profile) -> Entry | None:
    """The flare-up plan that comes with coach, when the profile allows it."""
    return next(
        (
            e
            for e in entries
            if e.source == "bundled"
            and e.routine is not None
            and BAD_DAY_FOCUS in e.routine.focus
            and not profile.ruled_out(e.routine.contraindications)
        ),
        None,
    )
