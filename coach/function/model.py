"""The activities and their ratings (PRODUCT.md flow 10), and what the ratings say over time.

The scale is the Patient-Specific Functional Scale (Stratford, Gill, Westaway and Binkley 1995,
Physiotherapy Canada 47:258; free to use): 0 means unable to do the activity, 10 able to do it as
before the back problem. A change of 2 points on the average, or 3 on one activity, is meaningful
(Stratford 1995; for low back pain Abbott and Schmitt 2014, JOSPT 44:560).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from statistics import fmean

from coach.text import has_visible_text

SCALE_NAME = "Patient-Specific Functional Scale (Stratford et al. 1995)"
MOST_ACTIVITIES = 3
LONGEST_NAME = 60
MEANINGFUL_AVERAGE = 2.0
"""A change of the average this large is meaningful."""
MEANINGFUL_ONE = 3
"""A change of one activity this large is meaningful."""
LOW_ANCHOR = "0 = unable to do it"
HIGH_ANCHOR = "10 = able to do it as before the back problem"


class ActivityError(ValueError):
    """An activity that cannot be named or changed so; the message says why in one sentence."""


@dataclass(frozen=True)
class Activity:
    """An everyday activity the back makes hard; ``id`` stays when it is renamed."""

    id: str
    name: str
    added_at: datetime
    dropped_at: datetime | None = None

    @property
    def current(self) -> bool:
        return self.dropped_at is None


@dataclass(frozen=True)
class Rating:
    """How well an activity could be done, 0-10, and when that was said."""

    activity: str
    at: datetime
    score: int


@dataclass(frozen=True)
class Change:
    """One activity from its first rating to its latest."""

    name: str
    first: int
    latest: int
    first_at: datetime
    latest_at: datetime

    @property
    def change(self) -> int:
        return self.latest - self.first

    @property
    def meaningful(self) -> bool:
        return abs(self.change) >= MEANINGFUL_ONE


@dataclass
class FunctionLog:
    """Every activity ever named (dropped ones keep their history), every rating, and the days the
    naming or the weekly rating was put off."""

    activities: list[Activity] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    naming_put_off: date | None = None
    """The day the user left the naming for later: it is asked again at most once a day."""
    rating_skipped: date | None = None
    """The day the user skipped the weekly rating: it is asked again on another day."""

    def current(self) -> list[Activity]:
        return [activity for activity in self.activities if activity.current]

    def find(self, activity_id: str) -> Activity:
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        raise ActivityError(f"There is no activity {activity_id!r}.")

    def add(self, name: str, now: datetime) -> Activity:
        """Name a new activity; raises ``ActivityError`` for an empty or too long name, or a fourth one."""
        if len(self.current()) >= MOST_ACTIVITIES:
            raise ActivityError(f"Up to {MOST_ACTIVITIES} activities: drop one before you add another.")
        activity = Activity(f"a{len(self.activities) + 1}", checked_name(name), now)
        self.activities.append(activity)
        return activity

    def rename(self, activity_id: str, name: str) -> None:
        activity = self.find(activity_id)
        self._put(replace(activity, name=checked_name(name)))

    def drop(self, activity_id: str, now: datetime) -> None:
        """Stop rating an activity; its ratings stay in the history."""
        self._put(replace(self.find(activity_id), dropped_at=now))

    def _put(self, changed: Activity) -> None:
        self.activities = [changed if a.id == changed.id else a for a in self.activities]

    def rate(self, activity_id: str, score: int, now: datetime) -> Rating:
        if type(score) is not int or not 0 <= score <= 10:
            raise ActivityError(f"A rating is a whole number from 0 to 10, not {score!r}.")
        if not self.find(activity_id).current:
            raise ActivityError("A dropped activity is not rated any more.")
        rating = Rating(activity_id, now, score)
        self.ratings.append(rating)
        return rating

    def ratings_of(self, activity_id: str) -> list[Rating]:
        return sorted((r for r in self.ratings if r.activity == activity_id), key=lambda r: r.at)

    def latest(self, activity_id: str) -> Rating | None:
        rated = self.ratings_of(activity_id)
        return rated[-1] if rated else None

    def needs_naming(self, today: date) -> bool:
        """No activity named yet, and the naming was not put off today."""
        return not self.current() and self.naming_put_off != today

    def rating_due(self, today: date) -> bool:
        """Some current activity has no rating in this calendar week, and the rating was not skipped today."""
        if self.rating_skipped == today or not self.current():
            return False
        week = today.isocalendar()[:2]
        return any(
            (latest := self.latest(a.id)) is None or latest.at.date().isocalendar()[:2] != week for a in self.current()
        )

    def changes(self) -> list[Change]:
        """Each activity with at least one rating, from its first rating to its latest (dropped ones too)."""
        found = []
        for activity in self.activities:
            rated = self.ratings_of(activity.id)
            if rated:
                first, latest = rated[0], rated[-1]
                found.append(Change(activity.name, first.score, latest.score, first.at, latest.at))
        return found

    def average_change(self) -> tuple[float, float] | None:
        """The average of every rated activity's first rating, and of its latest: what a change is judged on."""
        changes = self.changes()
        if not changes:
            return None
        return fmean(c.first for c in changes), fmean(c.latest for c in changes)

    def averages(self) -> list[tuple[date, float]]:
        """The score over time, oldest first: on each day something was rated, the mean of every rated
        activity's latest rating by the end of that day (an activity rated twice counts once)."""
        latest: dict[str, int] = {}
        days: dict[date, float] = {}
        for rating in sorted(self.ratings, key=lambda r: r.at):
            latest[rating.activity] = rating.score
            days[rating.at.date()] = fmean(latest.values())
        return list(days.items())

    def average_between(self, first: date, last: date) -> float | None:
        """The mean of the ratings given from ``first`` to ``last``, or None when there are none."""
        scores = [r.score for r in self.ratings if first <= r.at.date() <= last]
        return fmean(scores) if scores else None


def checked_name(name: str) -> str:
    """An activity's name as it is kept: trimmed, 1 to 60 characters, something visible."""
    name = " ".join(name.split())
    if not name or not has_visible_text(name):
        raise ActivityError("Name the activity in a few words, such as putting on socks.")
    if len(name) > LONGEST_NAME:
        raise ActivityError(f"Keep the name to {LONGEST_NAME} characters or fewer.")
    return name


def meaningful_average(first: float, latest: float) -> bool:
    return abs(latest - first) >= MEANINGFUL_AVERAGE
