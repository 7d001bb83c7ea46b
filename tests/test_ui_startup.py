"""How the app starts: the cyclic collector is resumed only once the first frame is drawn."""

from __future__ import annotations

import gc

import pytest

from coach.config import Config, save_config
from coach.ui import collector
from tests.helpers.app import accepted, app_for, wait_until
from tests.helpers.clock import FakeClock


@pytest.mark.parametrize("notice_accepted", [True, False])
async def test_the_collector_paused_at_start_is_resumed_after_the_first_frame(data_dir, notice_accepted):
    if notice_accepted:
        accepted(data_dir)
    else:
        save_config(data_dir, Config())
    app = app_for(data_dir, None, FakeClock())
    frames: list[bool] = []
    display = app._display

    def drawn(screen, renderable) -> None:
        frames.append(gc.isenabled())
        display(screen, renderable)

    app._display = drawn
    collector.pause()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, gc.isenabled, "the collector on again")
            assert frames and frames[0] is False, "the first frame is drawn with the collector paused"
            assert gc.get_freeze_count() > 0, "what start-up made is left out of later passes"
    finally:
        collector.resume()


def test_resuming_a_collector_that_was_not_paused_changes_nothing():
    frozen = gc.get_freeze_count()
    collector.resume()
    assert gc.isenabled() and gc.get_freeze_count() == frozen
