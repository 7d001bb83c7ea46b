"""Keep a session's log on disk as it happens: every finished step and pain report is saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from coach.errors import LogError
from coach.logs.records import MAX_LOG_ENTRIES, HurtKind, Outcome, PainReport, Screening, SessionRecord, StepRecord
from coach.logs.timestamps import local_now, stamp
from coach.routines.model import Routine
from coach.session.engine import ExerciseResult

WallClock = Callable[[], datetime]


class SessionRecorder:
    """Owns one ``SessionRecord`` and writes it after every change.

    A failed write never stops the session: ``warning`` says what went wrong and the next
    change tries again, so nothing that could be kept is lost.
    """

    def __init__(self, data: Path, routine: Routine, screening: Screening, now: WallClock = local_now) -> None:
        self.data = data
        self.now = now
        self.path: Path | None = None
        self.warning = ""
        self._started = now()
        started = stamp(self._started)
        self.record = SessionRecord(
            id="",
            routine_title=routine.title,
            routine_name=routine.name,
            routine_path=str(routine.path or ""),
            started_at=started,
            screening=screening,
            planned_exercises=len(routine.exercises),
        )
        self._step_started = started

    def start(self) -> bool:
        return self.save()

    def step_started(self) -> None:
        self._step_started = stamp(self.now())

    def add_step(self, result: ExerciseResult) -> bool:
        ended = stamp(self.now())
        if len(self.record.steps) < MAX_LOG_ENTRIES:
            self.record.steps.append(
                StepRecord(
                    exercise_id=result.exercise_id,
                    exercise_name=result.exercise_name,
                    outcome=result.outcome,
                    started_at=self._step_started,
                    ended_at=ended,
                    active_seconds=result.active_seconds,
                    planned_seconds=result.planned_seconds,
                    work_done=result.work_done,
                    instead_of=result.instead_of,
                )
            )
        self.record.active_seconds = round(self.record.active_seconds + result.active_seconds, 3)
        self._step_started = ended
        return self.save()

    def add_pain(
        self,
        source: str,
        rating: int,
        exercise_id: str = "",
        *,
        kind: HurtKind | None = None,
        verdict: str = "",
        decision: str = "",
    ) -> bool:
        """Record a pain rating; the latest rating is the session's pain after."""
        if len(self.record.pain_reports) < MAX_LOG_ENTRIES:
            self.record.pain_reports.append(
                PainReport(
                    at=stamp(self.now()),
                    source=source,
                    rating=rating,
                    exercise_id=exercise_id,
                    kind=kind,
                    verdict=verdict,
                    decision=decision,
                )
            )
        self.record.pain_after = rating
        return self.save()

    def advise_stop(self) -> bool:
        """The user has been told to stop exercising for today; the next check before a session knows."""
        self.record.stop_advised = True
        return self.save()

    def set_decision(self, decision: str) -> bool:
        """Attach what the user chose to the latest pain report."""
        if self.record.pain_reports:
            self.record.pain_reports[-1].decision = decision
        return self.save()

    def finish(
        self, outcome: Outcome, reason: str = "", pain_after: int | None = None, note: str | None = None
    ) -> bool:
        self.record.outcome = outcome
        self.record.reason = reason
        self.record.ended_at = stamp(self.now())
        if pain_after is not None:
            self.record.pain_after = pain_after
        if note is not None:
            self.record.note = note
        return self.save()

    def set_note(self, note: str) -> bool:
        self.record.note = note
        return self.save()

    def save(self) -> bool:
        from coach.logs.store import create_session, save_session

        try:
            if self.path is None:
                self.path = create_session(self.data, self.record, self._started)
            else:
                save_session(self.path, self.record)
        except LogError as error:
            later = (
                "Your session goes on; coach will try again after the next step."
                if self.record.outcome is Outcome.IN_PROGRESS
                else "coach will try again when you save your note."
            )
            self.warning = f"{error.message} {later}"
            return False
        self.warning = ""
        return True


def log_blocked(
    data: Path, routine: Routine, screening: Screening, reason: str, now: WallClock = local_now
) -> SessionRecorder:
    """Write the log of a session the safety check did not let start."""
    recorder = SessionRecorder(data, routine, screening, now)
    recorder.record.outcome = Outcome.BLOCKED
    recorder.record.reason = reason
    recorder.record.ended_at = recorder.record.started_at
    recorder.save()
    return recorder
