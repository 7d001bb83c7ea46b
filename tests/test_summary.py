"""The end-of-session summary's figures agree with what history shows of the same log."""

from __future__ import annotations

from coach.history.summary import summarise
from coach.logs.records import Outcome
from coach.ui.screens.session_detail import figures
from tests.helpers.records import START, at, session


def test_time_without_pauses_reads_the_same_in_the_summary_and_the_detail():
    record = session(
        at("2026-11-23T10:00:00+01:00"),
        at("2026-11-23T10:02:00+01:00"),
        outcome=Outcome.ENDED_EARLY,
        active_seconds=104.6,
    )
    assert "Time without pauses: 1:45" in summarise(record, {}).figures
    assert "1:45 without pauses" in figures(record)


def test_a_session_that_ran_to_its_end_with_exercises_skipped_does_not_say_only_completed():
    from coach.logs.records import StepOutcome, StepRecord

    record = session(at("2026-11-23T10:00:00+01:00"), title="G", routine="g", outcome=Outcome.COMPLETED)
    record.planned_exercises = 2
    record.reason = "1 of 2 exercises done."
    record.steps = [
        StepRecord("a", "A", StepOutcome.DONE, START, START, 10.0, 10, ""),
        StepRecord("b", "B", StepOutcome.SKIPPED, START, START, 0.0, 10, ""),
    ]
    assert summarise(record, {}).headline == "Ran to the end, with exercises left out. 1 of 2 exercises done."


def test_a_one_exercise_routine_done_reads_as_one():
    from coach.logs.records import StepOutcome, StepRecord
    from coach.session.rules import finished_outcome

    record = session(at("2026-11-23T10:00:00+01:00"), title="G", routine="g", planned_exercises=1)
    record.steps = [StepRecord("a", "A", StepOutcome.DONE, START, START, 10.0, 10, "")]
    assert finished_outcome(record) == (Outcome.COMPLETED, "The exercise was done.")
