"""The base of every coach screen: the app as the screens may use it, typed."""

from __future__ import annotations

from typing import TypeVar, cast

from textual.screen import Screen

from coach.ui.protocols import CoachAppApi

ResultType = TypeVar("ResultType")


class CoachScreen(Screen[ResultType]):
    """A screen of coach; ``coach`` is its app, seen through ``CoachAppApi``."""

    @property
    def coach(self) -> CoachAppApi:
        return cast(CoachAppApi, self.app)
