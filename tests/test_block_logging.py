"""A block is on disk the moment it is decided: escape cannot undo it, nor can a killed process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from coach.logs.records import Outcome
from coach.logs.store import list_sessions
from tests.helpers.process import wait_for_line

CHECK_THEN_HANG = textwrap.dedent("""
    import asyncio, sys, time
    from pathlib import Path
    from tests.helpers.clock import FakeClock
    from coach.ui.screens.safety_check import SafetyCheckScreen
    from tests.helpers.app import accepted, app_for, wait_for_screen

    data, routine = Path(sys.argv[1]), Path(sys.argv[2])

    async def main():
        app = app_for(accepted(data), routine, FakeClock())
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_screen(pilot, SafetyCheckScreen)
            await pilot.press("y")
            print("ANSWERED", flush=True)
            time.sleep(120)

    asyncio.run(main())
""")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX only")
def test_an_emergency_yes_is_logged_even_when_the_process_is_killed_right_after(tmp_path):
    from tests.helpers.routines import SMALL

    data = tmp_path / "data"
    data.mkdir()
    routine = tmp_path / "small.toml"
    routine.write_text(SMALL)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    process = subprocess.Popen(
        [sys.executable, "-c", CHECK_THEN_HANG, str(data), str(routine)], stdout=subprocess.PIPE, text=True, cwd=root
    )
    try:
        assert wait_for_line(process.stdout, timeout=120).strip() == "ANSWERED"
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
    records, problems = list_sessions(data)
    assert problems == []
    assert [(r.outcome, r.screening.red_flags) for r in records] == [(Outcome.BLOCKED, {"emergency-signs": True})]
