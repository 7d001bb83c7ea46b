"""A session killed with SIGKILL keeps every finished step and reads back as interrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coach.logs.records import Outcome, StepOutcome
from coach.logs.store import list_sessions
from tests.helpers.process import wait_for_line

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX only")

SESSION = textwrap.dedent("""
    import sys, time
    from datetime import datetime
    from pathlib import Path
    from coach.logs.store import create_session, new_session_id, save_session
    from coach.logs.records import StepOutcome, StepRecord
    from tests.helpers.records import session

    now = datetime.now().astimezone()
    record = session(now, id=new_session_id(now), path="gentle.toml", planned_exercises=2)
    path = create_session(Path(sys.argv[1]), record)
    record.steps.append(StepRecord("pelvic-tilt", "Pelvic tilt", StepOutcome.DONE, now,
                                   datetime.now().astimezone(), 30.0, 30, "10 of 10 reps"))
    save_session(path, record)
    print("STEP1", path, flush=True)
    time.sleep(120)
""")


def test_kill_9_after_first_step_keeps_the_step_and_reads_interrupted(tmp_path):
    root = Path(__file__).parents[1]
    process = subprocess.Popen(
        [sys.executable, "-c", SESSION, str(tmp_path)], stdout=subprocess.PIPE, text=True, cwd=root
    )
    try:
        line = wait_for_line(process.stdout, timeout=60)
        assert line.startswith("STEP1 ")
        assert [r.outcome for r in list_sessions(tmp_path)[0]] == [Outcome.IN_PROGRESS], "alive, it is under way"
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()

    records, problems = list_sessions(tmp_path)
    assert problems == []
    assert [r.outcome for r in records] == [Outcome.INTERRUPTED]
    assert [(s.exercise_id, s.outcome) for s in records[0].steps] == [("pelvic-tilt", StepOutcome.DONE)]
