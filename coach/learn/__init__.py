"""Learn: short cards of advice, each naming the documents it rests on by their titles.

The cards live in one module per group (``good_to_know``, ``bad_day``, ``moving_well``,
``take_care``); ``catalog`` lists them, reassurance first; ``offers`` says which to offer when.
"""

from __future__ import annotations

from coach.learn.catalog import CARDS, GROUPS, card, named, plain_text
from coach.learn.model import Card, Group
from coach.learn.offers import (
    SITUATIONS,
    Moment,
    cards_after_session,
    cards_for,
    moment_after_session,
    offer,
)
from coach.learn.sources import SEED_TITLES, SOURCES, SOURCES_BY_KEY, Source

__all__ = [
    "CARDS",
    "GROUPS",
    "SEED_TITLES",
    "SITUATIONS",
    "SOURCES",
    "SOURCES_BY_KEY",
    "Card",
    "Group",
    "Moment",
    "Source",
    "card",
    "cards_after_session",
    "cards_for",
    "moment_after_session",
    "named",
    "offer",
    "plain_text",
]
