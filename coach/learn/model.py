"""A Learn card and the group it is listed in."""

from __future__ import annotations

from dataclasses import dataclass

from coach.learn.sources import Source


@dataclass(frozen=True)
class Card:
    """One piece of advice: a title, a few short sentences and the documents they rest on.

    ``red_flag`` marks a card whose job is to name warning signs; only such a card may use the
    words that make a back sound broken (see tests/test_learn.py).
    """

    id: str
    title: str
    sentences: tuple[str, ...]
    sources: tuple[Source, ...]
    red_flag: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def source_line(self) -> str:
        """``Source: Title``, or ``Sources: Title; Title`` when several, each by its title."""
        named = "; ".join(source.citation for source in self.sources)
        return f"Source{'s' if len(self.sources) > 1 else ''}: {named}"

    @property
    def plain(self) -> str:
        """Title, text and source line, one to a line."""
        return f"{self.title}\n{self.text}\n{self.source_line}"


@dataclass(frozen=True)
class Group:
    """Cards that answer one kind of question, listed under one heading."""

    title: str
    cards: tuple[Card, ...]
