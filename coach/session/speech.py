"""Spoken cues through the first speech program on the PATH; silence when there is none.

Every utterance is a new process started without waiting; a new one cuts off the one still
speaking. Text from a routine is untrusted: it reaches the program as one argument after
``--`` (for ``say``, which has no ``--``, a leading ``-`` gets a space before it), never through a
shell, without control characters or markup brackets, and no longer than ``MAX_CHARS``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from typing import Protocol

from coach.config import DEFAULT_RATE
from coach.text import clean

MAX_CHARS = 200
MIN_RATE, MAX_RATE = 80, 400
"""The slowest and fastest speaking rates, in words a minute."""
ENGINES = ("espeak-ng", "espeak", "spd-say", "say")
"""Speech programs in the order they are looked for."""
INSTALL_HINT = "install espeak-ng (apt install espeak-ng) or speech-dispatcher (spd-say); macOS has say"
_NOT_SPOKEN = str.maketrans({char: " " for char in "\ufffd[]<>{}"})
_TERMINAL_CODES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC: titles, links
    r"|\x1b[@-Z\\-_]"  # any other escape and its one letter
)
_STYLE_WORD = (
    r"(?:not|on|bold|dim|italic|underline|blink|reverse|strike|conceal|overline|[bidrsu]"
    r"|black|red|green|yellow|blue|magenta|cyan|white|gr[ae]y|bright_\w+|#[0-9A-Fa-f]{3,6}|color\(\d+\))"
)
_MARKUP_TAG = re.compile(
    rf"\[[/@][^\[\]\n]{{0,60}}\]|\[\w+=[^\[\]\n]{{0,60}}\]|\[{_STYLE_WORD}(?: {_STYLE_WORD}){{0,5}}\]",
    re.I,
)
"""A Rich or BBCode-like tag such as ``[bold red]``, ``[/]``, ``[link=…]`` or ``[@click=app.quit]``:
not words to say. Brackets around plain words, as in ``[about 30 degrees]``, keep their words."""

Popen = Callable[..., subprocess.Popen[bytes]]


class Speaker(Protocol):
    """Says short cues; ``engine`` names the program, or is empty when nothing can speak."""

    @property
    def engine(self) -> str: ...

    def say(self, text: str) -> None: ...

    def stop(self) -> None: ...


class SilentSpeaker:
    """No speech program found: says nothing."""

    engine = ""

    def say(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass


class ProgramSpeaker:
    """Speaks through ``program`` (a path to one of ``ENGINES``) at ``rate`` words per minute."""

    def __init__(self, program: str, rate: int = DEFAULT_RATE, popen: Popen = subprocess.Popen) -> None:
        self.program = program
        self.rate = min(MAX_RATE, max(MIN_RATE, rate))
        self._popen = popen
        self._speaking: subprocess.Popen[bytes] | None = None
        self._stopping: list[subprocess.Popen[bytes]] = []

    @property
    def engine(self) -> str:
        return engine_name(self.program)

    def command(self, text: str) -> list[str]:
        """The program's arguments for saying ``text`` (already made speakable)."""
        name = self.engine
        if name == "spd-say":
            return [self.program, "-r", str(min(100, round((self.rate - DEFAULT_RATE) / 2))), "--", text]
        if name == "say":
            return [self.program, "-r", str(self.rate), f" {text}" if text.startswith("-") else text]
        return [self.program, "-s", str(self.rate), "--", text]

    def say(self, text: str) -> None:
        words = speakable(text)
        if not words:
            return
        self.stop()
        try:
            self._speaking = self._popen(
                self.command(words),
                shell=False,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            self._speaking = None

    def stop(self) -> None:
        """Cut off the utterance under way; reap finished ones without waiting."""
        if self._speaking is not None:
            if self._speaking.poll() is None:
                try:
                    self._speaking.terminate()
                except OSError:
                    pass
            self._stopping.append(self._speaking)
            self._speaking = None
        self._stopping = [process for process in self._stopping if process.poll() is None]


def speakable(text: str) -> str:
    """``text`` as it may be spoken: no terminal codes, markup tags, control characters or brackets,
    at most ``MAX_CHARS``."""
    text = _MARKUP_TAG.sub(" ", _TERMINAL_CODES.sub("", text))
    words = " ".join(clean(text).translate(_NOT_SPOKEN).split())
    if len(words) > MAX_CHARS:
        words = words[:MAX_CHARS].rsplit(" ", 1)[0]
    return words


def engine_name(program: str) -> str:
    """``espeak-ng`` for ``/usr/bin/espeak-ng``: which of ``ENGINES`` a program path is."""
    return program.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".exe")


def find_speaker(rate: int = DEFAULT_RATE, engines: Sequence[str] = ENGINES) -> Speaker:
    """A speaker for the first of ``engines`` on the PATH, else a silent one."""
    for name in engines:
        program = shutil.which(name)
        if program:
            return ProgramSpeaker(program, rate)
    return SilentSpeaker()
