"""What home says once the logs are read: an advisory, an emergency sign not yet assessed, a stop for
pain that still lasts, when the next session is due, and today's level of each routine."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from coach.config import load_config
from coach.function.store import function_or_empty
from coach.history.adherence import kept_days
from coach.history.advisories import advisories, banner
from coach.logs.store import list_sessions
from coach.progression.replay import todays_level
from coach.reminders import rhythm_line
from coach.routines.catalog import Entry
from coach.safety.after_stop import rest_line
from coach.safety.check import RECENT_LOGS
from coach.safety.check_texts import EMERGENCY_BANNER
from coach.safety.last_sessions import emergency_pending, newest_first
from coach.safety.profile import Profile


@dataclass(frozen=True)
class HomeStatus:
    """Home's lines, each ``""`` when there is nothing to say, and each routine file's level today."""

    emergency: str = ""
    rest: str = ""
    advisory: str = ""
    rhythm: str = ""
    levels: dict[Path, int] = field(default_factory=dict)


def home_status(
    data: Path, now: datetime, profile: Profile, entries: Sequence[Entry], stop: Callable[[], bool] = lambda: False
) -> HomeStatus | None:
    """Read the logs, the activities and the settings in ``data`` (the settings again: ``coach remind``
    may have set the rhythm while the coach was open) and say what home shows of them; ``None`` when
    ``stop()`` ended the reading first."""
    records, _ = list_sessions(data, stop=stop)
    if stop():
        return None
    found = advisories(records, now.date(), function_or_empty(data), profile.long_unassessed)
    recent = newest_first(records[:RECENT_LOGS])
    rhythm = load_config(data).rhythm
    return HomeStatus(
        emergency=f"⚠ {EMERGENCY_BANNER}" if emergency_pending(recent) else "",
        rest=rest_line(recent, now),
        advisory=banner(found, "History (h) has more."),
        rhythm="" if rhythm is None else rhythm_line(rhythm, now, kept_days(records, now.date())),
        levels={e.path: todays_level(e.routine, records).today for e in entries if e.routine is not None},
    )
