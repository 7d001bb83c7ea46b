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
