"""Terminal input that is not UTF-8 never ends the session."""

from __future__ import annotations

import os
import threading
import time

from textual import events

from coach.ui.app import build_app
from coach.ui.driver import TolerantLinuxDriver, driver_class, tolerant_decoder

BAD_INPUT = b"a\xe9b\xff\xfec\xc3\xa9"
EXPECTED = ["a", "\ufffd", "b", "\ufffd", "\ufffd", "c", "é"]
ENOUGH = 60.0
"""Seconds the input thread gets to deliver the keys; generous, never a speed check."""


def test_the_decoder_replaces_bytes_that_are_not_utf8():
    decode = tolerant_decoder().decode
    assert decode(b"a\xe9b") + decode(b"\xff\xfec\xc3") + decode(b"\xa9", final=True) == "".join(EXPECTED)


class Recording(TolerantLinuxDriver):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.seen: list[events.Event] = []

    def process_message(self, message) -> None:
        self.seen.append(message)

    def keys(self) -> list[str]:
        return [event.character for event in self.seen if isinstance(event, events.Key)]


async def test_the_input_thread_turns_bad_bytes_into_keys_and_keeps_reading(monkeypatch):
    monkeypatch.setattr("textual.drivers.linux_driver.signal.signal", lambda *args: None)
    driver = Recording(None)
    read_end, write_end = os.pipe()
    driver.fileno = read_end
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    try:
        thread.start()
        os.write(write_end, BAD_INPUT)
        deadline = time.monotonic() + ENOUGH
        while len(driver.keys()) < len(EXPECTED) and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert thread.is_alive(), "the input thread died"
        assert driver.keys() == EXPECTED
    finally:
        driver.exit_event.set()
        thread.join(ENOUGH)
        os.close(write_end)
        os.close(read_end)


def test_the_app_reads_the_terminal_with_the_tolerant_driver(tmp_path, monkeypatch):
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert build_app(tmp_path).driver_class is TolerantLinuxDriver


def test_a_driver_named_in_the_environment_still_wins(monkeypatch):
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.headless_driver:HeadlessDriver")
    assert driver_class() is None


HUGE_KEYS = [
    (b"\x1b[" + b"9" * 12 + b"~", "a"),
    (b"\x1b[" + b"9" * 5000 + b"~", "b"),
    (b"\x1b[1;" + b"9" * 20 + b"u", "c"),
]
"""Key sequences with numbers past what a character code can be: Textual's parser raises OverflowError
on some; each is dropped, and the key typed after it still arrives."""


async def test_a_key_sequence_with_a_huge_number_is_dropped_and_reading_goes_on(monkeypatch):
    monkeypatch.setattr("textual.drivers.linux_driver.signal.signal", lambda *args: None)
    driver = Recording(None)
    read_end, write_end = os.pipe()
    driver.fileno = read_end
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    try:
        thread.start()
        for sequence, after in HUGE_KEYS:
            os.write(write_end, sequence + after.encode())
            deadline = time.monotonic() + ENOUGH
            while after not in driver.keys() and thread.is_alive() and time.monotonic() < deadline:
                time.sleep(0.01)
            assert thread.is_alive(), f"the input thread died on {sequence[:16]!r}"
            assert after in driver.keys()
    finally:
        driver.exit_event.set()
        thread.join(ENOUGH)
        os.close(write_end)
        os.close(read_end)


async def test_a_session_under_way_when_the_app_ends_unexpectedly_is_logged_as_interrupted(tmp_path):
    from coach.logs.records import Outcome
    from tests.helpers.app import accepted, app_for, only_log, pass_safety_check
    from tests.helpers.clock import FakeClock
    from tests.helpers.routines import SMALL

    routine = tmp_path / "small.toml"
    routine.write_text(SMALL)
    data = accepted(tmp_path / "data")
    app = app_for(data, routine, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pass_safety_check(pilot)
        assert only_log(data).outcome is Outcome.IN_PROGRESS
        app.panic("the input thread failed")
    record = only_log(data)
    assert record.outcome is Outcome.INTERRUPTED and record.ended_at
