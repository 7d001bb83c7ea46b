"""The end-of-session summary's figures agree with what history shows of the same log."""

from __future__ import annotations

from coach.records import Outcome, SessionRecord
from coach.summary import summarise
from coach.ui.screens.session_detail import figures


def test_time_without_pauses_reads_the_same_in_the_summary_and_the_detail():
    record = SessionRecord(
        id="s",
        routine_title="Gentle",
        routine_name="gentle",
        routine_path="",
        started_at="2026-11-23T10:00:00+01:00",
        ended_at="2026-11-23T10:02:00+01:00",
        outcome=Outcome.ENDED_EARLY,
        active_seconds=104.6,
    )
    assert "Time without pauses: 1:45" in summarise(record, {}).figures
    assert "1:45 without pauses" in figures(record)
