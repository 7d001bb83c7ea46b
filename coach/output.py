"""What the command line prints: without control characters, in ASCII stand-ins where the locale has
nothing else, and one sentence when standard output cannot be written."""

from __future__ import annotations

import codecs
import os
import sys

from coach.errors import CoachError
from coach.text import ascii_stand_in, clean

ASCII_FALLBACK = "coach-ascii"
"""The encoding error handler of an output that cannot show every character: ``ascii_stand_in``."""
CLOSED = "Nothing could be printed: the standard output is closed."


class OutputError(CoachError):
    """Standard output could not be written (a full disk, a closed or broken device)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(f"Could not print the output: {error.strerror or error}.")


def fall_back_to_ascii() -> None:
    """Where the locale's encoding cannot show a character, print its ASCII stand-in (``->`` for ``→``)."""
    codecs.register_error(ASCII_FALLBACK, _ascii_fallback)
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            "→…⚠é".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors=ASCII_FALLBACK)


def _ascii_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return ascii_stand_in(error.object[error.start : error.end]), error.end


def write(text: str) -> None:
    """``text`` on standard output, without control characters; ``OutputError`` when it cannot be written."""
    try:
        sys.stdout.write(clean(text, keep_newlines=True))
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(error) from None


def say(line: str = "") -> None:
    """One line on standard output, without control characters."""
    write(clean(line) + "\n")


def flush() -> None:
    """Write out what is buffered; ``OutputError`` when it cannot be written."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(error) from None


def drop() -> None:
    """Send what is still buffered for standard output nowhere (its reader went away, or its disk is full),
    so that leaving does not try again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
