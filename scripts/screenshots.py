"""Save SVG screenshots of the real app, driven with Pilot, into screenshots/.

Run from the repository root:  python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import coach.logs.store  # noqa: E402
from tests import scenes  # noqa: E402

OUT = ROOT / "screenshots"
WORK = Path(tempfile.gettempdir()) / "coach-screenshots"
"""A fixed folder, so the log paths shown on screen stay the same from one run to the next."""


async def shoot(name: str, make, data: Path) -> Path:
    app, clock, run_before = make(data)
    async with app.run_test(size=scenes.SIZE) as pilot:
        await pilot.pause()
        if run_before is not None:
            await run_before(pilot)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        path = OUT / f"{name}.svg"
        app.save_screenshot(str(path))
    return path


def scene(routine, accepted, runner):
    def make(data: Path):
        app, clock = scenes.make_app(data, routine, accepted)
        return app, clock, runner(clock) if runner else None

    return make


SHOTS = {
    "first-run": scene(None, False, None),
    "home": scene(None, True, lambda clock: scenes.home()),
    "safety-check": scene("gentle-relief", True, lambda clock: scenes.safety_check()),
    "hold": scene("gentle-relief", True, scenes.hold_in_progress),
    "it-hurts": scene("gentle-relief", True, scenes.it_hurts),
    "pain-check": scene("gentle-relief", True, scenes.pain_check),
    "summary": scene("gentle-relief", True, scenes.summary),
    "history": lambda data: (scenes.make_history_app(data), None, scenes.history_screen()),
    "history-trends": lambda data: (scenes.make_history_app(data), None, scenes.history_trends()),
    "session-detail": lambda data: (scenes.make_history_app(data), None, scenes.session_detail()),
    "learn": scene(None, True, lambda clock: scenes.learn()),
}


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    coach.logs.store.new_session_id = lambda now: f"{now:%Y%m%dT%H%M%S}-4821-5f0c1e2a"
    shutil.rmtree(WORK, ignore_errors=True)
    try:
        for name, make in SHOTS.items():
            path = await shoot(name, make, WORK / name)
            print(f"wrote {path.relative_to(ROOT)}")
    finally:
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
