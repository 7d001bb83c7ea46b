"""Every Learn card in its group, reassurance first, and the card with a given name."""

from __future__ import annotations

from coach.errors import CoachError
from coach.learn.bad_day import BAD_DAY
from coach.learn.good_to_know import GOOD_TO_KNOW
from coach.learn.model import Card, Group
from coach.learn.moving_well import MOVING_WELL
from coach.learn.take_care import BEST_AVOIDED, GETTING_HELP

GROUPS = (
    Group("Good to know", GOOD_TO_KNOW),
    Group("On a bad day", BAD_DAY),
    Group("Moving well", MOVING_WELL),
    Group("Best avoided", BEST_AVOIDED),
    Group("When to get help", GETTING_HELP),
)
CARDS: tuple[Card, ...] = tuple(card for group in GROUPS for card in group.cards)
"""Every card, in the order the groups list them."""
_BY_ID = {card.id: card for card in CARDS}


def card(card_id: str) -> Card:
    """The card with this id (``KeyError`` if none)."""
    return _BY_ID[card_id]


def named(name: str) -> Card:
    """The card a person asked for by name; a ``CoachError`` naming the cards there are, if none."""
    try:
        return card(name)
    except KeyError:
        raise CoachError(f"There is no Learn card called '{name}'; the cards are: {', '.join(_BY_ID)}.") from None


def plain_text(groups: tuple[Group, ...] = GROUPS) -> str:
    """Every card as plain text under its group's heading, then how to print one card alone."""
    parts = []
    for group in groups:
        parts.append(f"== {group.title} ==")
        parts.extend(one.plain for one in group.cards)
    parts.append(f"To print one card: coach learn NAME, where NAME is one of: {', '.join(_BY_ID)}.")
    return "\n\n".join(parts) + "\n"
