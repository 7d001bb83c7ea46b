"""Build a running session over a routine text, with a fake clock and a real log in a temp folder."""

from __future__ import annotations

from pathlib import Path

from coach.logs.records import Screening
from coach.routines.loader import load_routine_text
from coach.session.recorder import SessionRecorder
from coach.session.running import RunningSession
from tests.helpers.clock import FakeClock


def make_session(text: str, data: Path, pain_before: int | None = 2) -> tuple[RunningSession, FakeClock]:
    routine = load_routine_text(text)
    clock = FakeClock()
    recorder = SessionRecorder(data, routine, Screening(pain_before=pain_before))
    session = RunningSession(routine, clock, recorder, pain_before)
    session.start()
    return session, clock


def run_until_question(session: RunningSession, clock: FakeClock, limit: float = 3600) -> None:
    """Let time pass one second at a time until something is asked (or the limit)."""
    spent = 0.0
    while session.question is None and not session.over and spent < limit:
        clock.advance(1)
        spent += 1
        session.tick()
        if session.running and session.engine.waits_for_user:
            session.key("space")
