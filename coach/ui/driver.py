"""Terminal input that survives what a terminal may send: bytes which are not UTF-8 (each becomes
U+FFFD) and key sequences Textual's parser cannot read (each is dropped)."""

from __future__ import annotations

import os
import selectors
import sys
from codecs import IncrementalDecoder, getincrementaldecoder
from collections.abc import Iterator

from textual.driver import Driver


def tolerant_decoder() -> IncrementalDecoder:
    """A UTF-8 decoder for terminal input that replaces invalid bytes instead of raising."""
    return getincrementaldecoder("utf-8")(errors="replace")


def driver_class() -> type[Driver] | None:
    """The driver coach runs with: the tolerant one where Textual would pick its Linux driver.

    ``None`` (Textual's own choice) on Windows and when ``TEXTUAL_DRIVER`` names another driver.
    """
    if sys.platform == "win32" or os.environ.get("TEXTUAL_DRIVER"):
        return None
    return TolerantLinuxDriver


if sys.platform != "win32":
    from textual._loop import loop_last
    from textual._xterm_parser import XTermParser
    from textual.drivers.linux_driver import LinuxDriver
    from textual.message import Message

    class GuardedParser:
        """Textual's terminal input parser, started afresh past a key sequence it cannot read.

        A sequence with a huge number (``ESC [ 999999999999 ~``) makes the parser raise
        ``OverflowError`` and stop for good; that sequence is dropped and reading goes on with
        the next character. Input is fed one character at a time, so nothing after it is lost.
        """

        def __init__(self, debug: bool) -> None:
            self._debug = debug
            self._parser = XTermParser(debug)

        def feed(self, text: str) -> Iterator[Message]:
            for char in text:
                try:
                    yield from self._parser.feed(char)
                except Exception:
                    self._parser = XTermParser(self._debug)

        def tick(self) -> Iterator[Message]:
            try:
                yield from self._parser.tick()
            except Exception:
                self._parser = XTermParser(self._debug)

        def close(self) -> None:
            try:
                for _event in self._parser.feed(""):
                    pass
            except Exception:
                pass

    class TolerantLinuxDriver(LinuxDriver):
        """Textual's Linux driver, reading input with ``tolerant_decoder`` (Textualize/textual#6456) and
        ``GuardedParser``."""

        def run_input_thread(self) -> None:
            """Wait for input and dispatch events; the upstream loop with a tolerant decoder and parser."""
            selector = selectors.SelectSelector()
            selector.register(self.fileno, selectors.EVENT_READ)
            parser = GuardedParser(self._debug)
            decode = tolerant_decoder().decode

            def process_selector_events(
                selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False
            ) -> None:
                for last, (_key, mask) in loop_last(selector_events):
                    if mask & selectors.EVENT_READ:
                        text = decode(os.read(self.fileno, 1024 * 4), final=final and last)
                        if not text:
                            break
                        for event in parser.feed(text):
                            self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)

            try:
                while not self.exit_event.is_set():
                    process_selector_events(selector.select(0.1))
                selector.unregister(self.fileno)
                process_selector_events(selector.select(0.1), final=True)
            finally:
                selector.close()
                parser.close()
