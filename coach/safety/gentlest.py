"""The gentlest routine the health profile allows, offered when the check advises going gently."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from coach.routines.catalog import Entry
from coach.routines.model import LEVELS
from coach.safety.profile import Profile

BAD_DAY_FOCUS = "gentle"
"""A routine whose ``focus`` lists this tag is made for a bad day (the bundled flare-up routine)."""


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


def gentlest_advice(chosen: Path | None, gentlest_entry: Entry | None) -> str:
    """The line a caution adds about the gentlest routine, or ``""`` when there is none; the file
    decides which one was chosen, since a shared routine may carry a bundled one's title."""
    if gentlest_entry is None:
        return ""
    if chosen is not None and chosen == gentlest_entry.path:
        return "You have chosen the gentlest routine that comes with coach."
    return f"The gentlest routine that comes with coach is {gentlest_entry.title}."
