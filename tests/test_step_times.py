"""A step's or a pain report's time that is not a timestamp makes its log unreadable, with the reason:
it is never shown whole in place of a time of day."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w

from coach.logs.codec import record_to_dict
from coach.logs.records import Outcome, Screening, SessionRecord, StepOutcome, StepRecord
from coach.logs.store import create_session, list_sessions
from tests.helpers.records import at, session

WHEN = at("2026-10-01T08:00:00+00:00")
NOT_A_TIME = "x" * 4096


def record() -> SessionRecord:
    return session(
        WHEN,
        WHEN,
        id="",
        title="Small routine",
        routine="small",
        outcome=Outcome.COMPLETED,
        screening=Screening(pain_before=3),
        pain_after=2,
        planned_exercises=1,
        steps=[StepRecord("a", "A", StepOutcome.DONE, WHEN, WHEN, 60.0, 60, "1 of 1 holds")],
    )


def write_log(data: Path, change) -> Path:
    content = record_to_dict(record())
    change(content)
    path = data / "sessions" / "20261001T080000-bad.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(content))
    return path


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("steps[0].started_at", lambda log: log["steps"][0].update(started_at=NOT_A_TIME)),
        ("steps[0].ended_at", lambda log: log["steps"][0].update(ended_at="yesterday")),
        (
            "pain_reports[0].at",
            lambda log: log.update(pain_reports=[{"at": NOT_A_TIME, "source": "check", "rating": 2}]),
        ),
    ],
)
def test_a_time_that_is_not_a_timestamp_makes_the_log_unreadable(tmp_path, field, change):
    create_session(tmp_path, record())
    bad = write_log(tmp_path, change)
    records, unreadable = list_sessions(tmp_path)
    assert len(records) == 1
    [(path, reason)] = unreadable
    assert path == bad and field in reason and "should be a date and time" in reason and len(reason) < 200
