"""Reminders (PRODUCT.md flow 12): the weekly rhythm the user picks, the calendar file that reminds them,
when the next session is due and how this week went against it.

The rhythm is days of the week and a time of day in local, "floating" time: 18:00 stays 18:00 wherever
the phone or calendar travels. What counts as a kept day is history's to say (``coach.history.adherence``);
here it arrives as a set of days.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from coach.errors import CoachError

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Monday first, as ``date.weekday()`` counts; how the command line and ``config.toml`` write a day."""
DAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""How a day is shown: the same in every locale."""
FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

SUMMARY = "coach: gentle exercise for your back"
DESCRIPTION = (
    "Time for your back exercises: open a terminal and run coach. It asks how you are first. "
    "On a bad day the flare-up plan, or easing off when coach advises it, still counts."
)
EVENT_MINUTES = 20
"""How long the calendar event lasts: about a routine's length."""
PRODID = "-//coach//coach remind//EN"
FILE_NAME = "coach-reminder.ics"
"""The calendar file's name in the data folder when no other is given."""

_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", re.ASCII)
SHOWN_INPUT = 30
"""Characters of a bad value echoed back in an error."""


class RhythmError(CoachError):
    """Days or a time of day the rhythm cannot be made of."""

    title = "Reminder not written"


@dataclass(frozen=True)
class Rhythm:
    """The days of the week (0 Monday to 6 Sunday, in order, each once) and the time of day to exercise."""

    days: tuple[int, ...]
    at: time

    def __post_init__(self) -> None:
        if not self.days or list(self.days) != sorted(set(self.days)) or not all(0 <= d <= 6 for d in self.days):
            raise ValueError(f"days must be distinct weekdays 0-6 in order, not {self.days}")

    @property
    def day_keys(self) -> list[str]:
        """``["mon", "wed", "fri"]``: the days as ``config.toml`` keeps them."""
        return [DAY_KEYS[day] for day in self.days]

    @property
    def at_text(self) -> str:
        """``18:00``."""
        return self.at.strftime("%H:%M")

    def describe(self) -> str:
        """``Mon, Wed and Fri at 18:00``; ``every day at 07:30``."""
        if len(self.days) == 7:
            return f"every day at {self.at_text}"
        labels = [DAY_LABELS[day] for day in self.days]
        listed = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"
        return f"{listed} at {self.at_text}"


def parse_days(text: str) -> tuple[int, ...]:
    """The weekdays named in ``text``, comma-separated, three-letter or full names in any case.

    A day named twice counts once and empty items (``mon,,wed,``) are ignored. Raises ``RhythmError``
    when no day is named or an item is not a day.
    """
    days: set[int] = set()
    for item in text.split(","):
        name = item.strip().casefold()
        if not name:
            continue
        if name in DAY_KEYS:
            days.add(DAY_KEYS.index(name))
        elif name in FULL_NAMES:
            days.add(FULL_NAMES.index(name))
        else:
            raise RhythmError(
                f"{_shown(item.strip())} is not a day of the week: name days as mon, tue, wed, thu, fri, sat "
                "or sun, separated by commas, like --days mon,wed,fri."
            )
    if not days:
        raise RhythmError("No day was given: name at least one, like --days mon,wed,fri.")
    return tuple(sorted(days))


def parse_time(text: str) -> time:
    """``18:00`` or ``7:30`` on the 24-hour clock; raises ``RhythmError`` for anything else."""
    found = _TIME.fullmatch(text.strip())
    if not text.strip():
        raise RhythmError("No time was given: give hours and minutes on the 24-hour clock, like --at 18:00.")
    if found is None:
        raise RhythmError(
            f"{_shown(text.strip())} is not a time of day: give hours and minutes on the 24-hour clock, like 18:00."
        )
    return time(int(found.group(1)), int(found.group(2)))


def parse_rhythm(days: str, at: str) -> Rhythm:
    """The rhythm of ``--days`` and ``--at``; ``RhythmError`` names the first thing wrong."""
    return Rhythm(parse_days(days), parse_time(at))


def rhythm_from_settings(days: object, at: object) -> Rhythm | None:
    """The rhythm ``config.toml`` remembers, or ``None`` when it holds none or holds it wrongly."""
    if not isinstance(days, list) or not all(isinstance(day, str) for day in days) or not isinstance(at, str):
        return None
    try:
        return parse_rhythm(",".join(days), at) if days else None
    except RhythmError:
        return None


def _shown(text: str) -> str:
    """A bad value quoted back to its typist, cut when long."""
    cut = text if len(text) <= SHOWN_INPUT else text[: SHOWN_INPUT - 1] + "…"
    return f"'{cut}'"


# when it is due --------------------------------------------------------------


def first_on_or_after(rhythm: Rhythm, day: date) -> date:
    """The first day of the rhythm on ``day`` or after it."""
    return next(day + timedelta(days=ahead) for ahead in range(7) if (day.weekday() + ahead) % 7 in rhythm.days)


def next_due(rhythm: Rhythm, now: datetime, kept: Collection[date]) -> datetime:
    """The next moment a session is due: the rhythm's time on its first day from today that is not kept yet.

    Today stays due after its time has passed until it is kept. ``now`` is read as local time; the
    answer has no time zone, like the calendar's event.
    """
    today = now.date()
    for ahead in range(8):
        day = today + timedelta(days=ahead)
        if day.weekday() in rhythm.days and day not in kept:
            return datetime.combine(day, rhythm.at)
    raise AssertionError("a rhythm always has a day within a week")  # pragma: no cover


@dataclass(frozen=True)
class WeekTally:
    """How this week (Monday to today) went against the rhythm."""

    kept: int
    """Days kept this week up to today, on the rhythm's days or others."""
    planned: int
    """Days the rhythm asks for in a week."""

    def text(self) -> str:
        """``1 of 3 days kept``; ``4 days kept, 3 planned``."""
        if self.kept <= self.planned:
            return f"{self.kept} of {self.planned} day{'s' if self.planned != 1 else ''} kept"
        return f"{self.kept} days kept, {self.planned} planned"


def week_tally(rhythm: Rhythm, today: date, kept: Collection[date]) -> WeekTally:
    """Days kept from this week's Monday to ``today``, against the days the rhythm asks for.

    A day kept counts whichever weekday it fell on: moving Monday's session to Tuesday keeps the week.
    """
    monday = today - timedelta(days=today.weekday())
    return WeekTally(sum(1 for day in set(kept) if monday <= day <= today), len(rhythm.days))


def due_text(due: datetime, now: datetime) -> str:
    """``Next session due Wed 18:00``, ``… due today 18:00``, or ``Today's session is due (18:00)`` once passed."""
    at = due.strftime("%H:%M")
    if due.date() != now.date():
        return f"Next session due {DAY_LABELS[due.weekday()]} {at}"
    if now.replace(tzinfo=None) < due:
        return f"Next session due today {at}"
    return f"Today's session is due ({at})"


def rhythm_line(rhythm: Rhythm, now: datetime, kept: Collection[date]) -> str:
    """Home's line: ``Next session due Wed 18:00 · this week: 1 of 3 days kept``."""
    tally = week_tally(rhythm, now.date(), kept)
    return f"{due_text(next_due(rhythm, now, kept), now)} · this week: {tally.text()}"


# the calendar file -----------------------------------------------------------


def reminder_uid(seed: str) -> str:
    """The event's UID, the same for every file written from one data folder (``seed``), so a calendar
    that imports a newer file updates the event instead of adding a second one."""
    import uuid

    return f"{uuid.uuid5(uuid.NAMESPACE_URL, 'coach-reminder:' + seed)}@coach"


def calendar_text(rhythm: Rhythm, now: datetime, uid: str) -> str:
    """An iCalendar file (RFC 5545) of one weekly event at the rhythm's days and time, with an alarm at its
    start, in floating local time; first on the first of its days from ``now``'s day. Lines end CRLF."""
    from icalendar import Alarm, Calendar, Event, vRecur

    start = datetime.combine(first_on_or_after(rhythm, now.date()), rhythm.at)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _utc(now))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=EVENT_MINUTES))
    event.add("rrule", vRecur(freq="WEEKLY", byday=_ical_days(rhythm.days)))
    event.add("summary", SUMMARY)
    event.add("description", DESCRIPTION)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", SUMMARY)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    calendar.add_component(event)
    written: bytes = calendar.to_ical()
    return written.decode("utf-8")


def _ical_days(days: Sequence[int]) -> list[str]:
    return [ICAL_DAYS[day] for day in days]


def _utc(moment: datetime) -> datetime:
    """DTSTAMP is in UTC; a moment without an offset is taken as this machine's local time."""
    return moment.astimezone(UTC).replace(microsecond=0)
