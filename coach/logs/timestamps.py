"""Time in coach: every timestamp and typed day is read here, once, and written and shown from here.

A timestamp is ISO 8601 with its UTC offset (``2026-11-21T19:30:12+01:00``) and reads as an aware
datetime. One without an offset, or one this machine's time zone cannot hold (late in year 9999 west
of UTC, early in year 1 east of it), is refused with the reason, so whatever reads it after never has
to ask. A session's day and clock time are those written in its own offset: the day the person
lived it, whatever zone it was logged in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

EXAMPLE = "2026-11-21T19:30:12+01:00"


class TimestampError(ValueError):
    """Text that is not a timestamp coach can use; the message says why, to follow the field's name."""


def read_moment(text: str) -> datetime:
    """The aware datetime ``text`` writes; raises ``TimestampError`` when it is not one coach can use."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise TimestampError(f"should be a date and time such as {EXAMPLE}") from None
    if moment.utcoffset() is None:
        raise TimestampError(f"has no UTC offset: it should be a date and time such as {EXAMPLE}")
    try:
        local(moment)
    except OverflowError:
        raise TimestampError("is a date and time this machine's time zone cannot hold") from None
    return moment


def read_day(text: str) -> date | None:
    """The day ``text`` names, such as ``2026-11-21``, or None when it names none."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def moment_text(moment: datetime) -> str:
    """The text a file holds for ``moment``: ``2026-11-21T19:30:12+01:00``."""
    return moment.isoformat()


def stamp(moment: datetime) -> datetime:
    """``moment`` as coach records it: to the second."""
    return moment.replace(microsecond=0)


def local(moment: datetime) -> datetime:
    """``moment`` in this machine's time zone; raises ``OverflowError`` past year 9999 or before year 1.

    A zone a day or more from UTC (``TZ=UTC+25``), which no datetime can hold, counts as UTC."""
    try:
        return moment.astimezone()
    except ValueError:
        return moment.astimezone(UTC)


def local_now() -> datetime:
    """This moment in this machine's time zone."""
    return local(datetime.now(UTC))


def day_text(moment: datetime) -> str:
    """``2026-11-21``: the day written in ``moment``'s own offset."""
    return moment.date().isoformat()


def time_of_day(moment: datetime) -> str:
    """``08:31``: the clock time written in ``moment``'s own offset."""
    return f"{moment:%H:%M}"


def when(moment: datetime) -> str:
    """``2026-11-21 08:31``: the day and the clock time."""
    return f"{day_text(moment)} {time_of_day(moment)}"
