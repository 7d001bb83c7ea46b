"""Terminal input that survives bytes which are not UTF-8: each bad byte becomes U+FFFD."""

from __future__ import annotations

import os
import selectors
import sys
from codecs import IncrementalDecoder, getincrementaldecoder

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
    from textual._parser import ParseError
    from textual._xterm_parser import XTermParser
    from textual.drivers.linux_driver import LinuxDriver

    class TolerantLinuxDriver(LinuxDriver):
        """Textual's Linux driver, reading input with ``tolerant_decoder`` (Textualize/textual#6456)."""

        def run_input_thread(self) -> None:
            """Wait for input and dispatch events; the upstream loop with a tolerant decoder."""
            selector = selectors.SelectSelector()
            selector.register(self.fileno, selectors.EVENT_READ)
            parser = XTermParser(self._debug)
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
                try:
                    for _event in parser.feed(""):
                        pass
                except (EOFError, ParseError):
                    pass
