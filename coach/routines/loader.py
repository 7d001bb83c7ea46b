"""Read routine files (format v1) into typed objects, or say precisely what is wrong."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from coach.errors import RoutineError
from coach.files import FileTooLargeError, NotRegularFileError, read_bounded, size_text
from coach.routines.model import MAX_FILE_BYTES, Routine
from coach.routines.rules import RoutineReader
from coach.routines.table_reader import MAX_PROBLEMS, Problem
from coach.routines.toml_outline import Excess, Limits, Outline

__all__ = ["MAX_PROBLEMS", "Problem", "load_routine", "load_routine_text", "validate_routine"]

_TOML_POSITION = re.compile(r"^(?P<msg>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$", re.S)
_TOML_END = re.compile(r"^(?P<msg>.*) \(at end of document\)$", re.S)
_BYTE_ORDER_MARK = "\ufeff"
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
MAX_KEY_PARTS = 8
"""More dotted parts than any routine key has (none has more than one); Python's TOML parser
slows down with the square of a key's parts, so a longer key is refused before parsing."""
MAX_TABLES = 300
"""More tables than a routine of at most 100 exercises needs. Every ``[table]`` line and every
dot in a key makes one, and each costs the parser time, so more are refused before parsing."""
MAX_NESTING = 1000
"""Lists and inline tables inside each other: past what Python's TOML parser can follow (it gives
up near 500 lists or 330 inline tables), so deeper is refused before parsing."""
LIMITS = Limits(key_parts=MAX_KEY_PARTS, tables=MAX_TABLES, depth=MAX_NESTING)
_TOO_DEEP = "is nested too deeply to be a routine"
_EXCESS = {
    Excess.KEY_PARTS: f"not valid TOML for a routine: a dotted key of more than {MAX_KEY_PARTS} parts",
    Excess.TABLES: (
        f"not valid TOML for a routine: more than {MAX_TABLES} tables and dotted keys "
        "(a routine has one [[exercises]] table for each of at most 100 exercises)"
    ),
    Excess.DEPTH: _TOO_DEEP,
}


class Parsed(Protocol):
    """What TOML made of files read before, by their whole text: only the same text finds a document."""

    def get(self, key: str) -> dict[str, Any] | None: ...

    def put(self, key: str, document: dict[str, Any]) -> None: ...


def load_routine(path: Path, parsed: Parsed | None = None) -> Routine:
    """Load and validate one routine file; raise ``RoutineError`` listing every problem.

    A file ``parsed`` already holds is not parsed again, only validated; one parsed here is added."""
    shown = str(path)
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except IsADirectoryError:
        raise RoutineError([Problem(shown, "is a folder, not a routine file")]) from None
    except FileNotFoundError:
        raise RoutineError([Problem(shown, "no such file")]) from None
    except NotRegularFileError:
        raise RoutineError([Problem(shown, "is a pipe, device or socket, not a regular file")]) from None
    except FileTooLargeError:
        raise RoutineError([Problem(shown, f"is larger than {size_text(MAX_FILE_BYTES)}")]) from None
    except OSError as error:
        raise RoutineError([Problem(shown, f"cannot be read ({error.strerror or error})")]) from None
    try:
        text = raw.decode("utf-8").removeprefix(_BYTE_ORDER_MARK)
    except UnicodeDecodeError as error:
        if raw.startswith(_UTF16_MARKS):
            raise RoutineError([Problem(shown, "is UTF-16 text; save it as UTF-8", line=1, col=1)]) from None
        line, col = _line_col(raw, error.start)
        raise RoutineError([Problem(shown, "is not valid UTF-8 text; save it as UTF-8", line=line, col=col)]) from None
    document = parsed.get(text) if parsed is not None else None
    if document is not None:
        try:
            return _with_source(validate_routine(document, shown), Path(path))
        except RoutineError:
            pass
    data, outline = _parse(text, shown)
    if parsed is not None:
        parsed.put(text, data)
    return _with_source(validate_routine(data, shown, outline), Path(path))


def load_routine_text(text: str, path: str = "<string>") -> Routine:
    """Validate routine TOML given as text."""
    data, outline = _parse(text, path)
    return validate_routine(data, path, outline)


def _parse(text: str, path: str) -> tuple[dict[str, Any], Outline]:
    """The TOML document in ``text`` and its outline, or ``RoutineError`` when it cannot be one."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise RoutineError([Problem(path, f"is larger than {size_text(MAX_FILE_BYTES)}")])
    text = text.removeprefix(_BYTE_ORDER_MARK)
    if not text.strip():
        raise RoutineError([Problem(path, "is empty; a routine needs format, title and exercises")])
    outline = Outline(text, LIMITS)
    if outline.excess is not None:
        excess, offset = outline.excess
        raise RoutineError([_placed(path, _EXCESS[excess], outline, offset)])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RoutineError([_toml_problem(path, str(error), text)]) from None
    except RecursionError:
        raise RoutineError([_placed(path, _TOO_DEEP, outline, outline.deepest)]) from None
    except (ValueError, MemoryError) as error:
        if "digits" in str(error):
            message = "not valid TOML for a routine: a number far too large"
            raise RoutineError([_placed(path, message, outline, outline.long_number)]) from None
        raise RoutineError([Problem(path, f"is not valid TOML ({error})")]) from None
    return data, outline


def _placed(path: str, message: str, outline: Outline, offset: int | None) -> Problem:
    if offset is None:
        return Problem(path, message)
    line, col = outline.place_of(offset)
    return Problem(path, message, line=line, col=col)


def validate_routine(data: Any, path: str = "<string>", outline: Outline | None = None) -> Routine:
    """Turn a parsed TOML document into a ``Routine`` or raise ``RoutineError``; with the ``outline``
    of its text, each problem is placed."""
    reader = RoutineReader(path, outline)
    routine = reader.routine(data)
    if reader.found or routine is None:
        raise RoutineError(reader.reported())
    return routine


def _with_source(routine: Routine, path: Path) -> Routine:
    return replace(routine, path=path, name=path.stem)


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    return line, offset - (before.rfind(b"\n") + 1) + 1


def _toml_problem(path: str, message: str, text: str) -> Problem:
    match = _TOML_POSITION.match(message)
    if match:
        line, col = int(match["line"]), int(match["col"])
        said = _toml_message(match["msg"])
        if _mark_at(text, line, col):
            said += " (a byte-order mark, U+FEFF, stands here: delete it)"
        return Problem(path, said, line=line, col=col)
    match = _TOML_END.match(message)
    if match:
        lines = _lines(text)
        return Problem(path, _toml_message(match["msg"]), line=len(lines), col=len(lines[-1]) + 1)
    return Problem(path, _toml_message(message))


def _lines(text: str) -> list[str]:
    """The lines of ``text`` as TOML counts them: ended by LF (or CRLF) only."""
    return (text[:-1] if text.endswith("\n") else text).split("\n")


def _mark_at(text: str, line: int, col: int) -> bool:
    """Whether a byte-order mark stands at (or just before) this place, where TOML cannot read it."""
    lines = _lines(text)
    return 0 < line <= len(lines) and _BYTE_ORDER_MARK in lines[line - 1][max(0, col - 2) : col]


def _toml_message(message: str) -> str:
    return f"not valid TOML: {message[:1].lower()}{message[1:]}"
