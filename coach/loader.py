"""Read routine files (format v1) into typed objects, or say precisely what is wrong."""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from coach.durations import clock_text
from coach.errors import RoutineError
from coach.files import FileTooLargeError, NotRegularFileError, read_bounded, size_text
from coach.routine import (
    CONTRAINDICATIONS,
    FORMAT_VERSION,
    LEVELS,
    MAX_FILE_BYTES,
    MAX_ROUTINE_SECONDS,
    Dosing,
    Exercise,
    Routine,
)
from coach.text import clean, has_visible_text
from coach.toml_positions import Positions

ID_PATTERN = re.compile(r"[a-z0-9-]+")
TEMPO_WORD_PATTERN = re.compile(r"[A-Za-z]{1,12}")
ROUTINE_KEYS = (
    "format",
    "title",
    "description",
    "level",
    "focus",
    "contraindications",
    "prepare",
    "pain_check",
    "exercises",
)
EXERCISE_KEYS = (
    "id",
    "name",
    "how",
    "cues",
    "caution",
    "sides",
    "sets",
    "rest",
    "easier",
    "hold",
    "reps",
    "tempo",
    "tempo_words",
    "duration",
)
_TOML_POSITION = re.compile(r"^(?P<msg>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$", re.S)
_TOML_END = re.compile(r"^(?P<msg>.*) \(at end of document\)$", re.S)
MAX_PROBLEMS = 20
"""Problems reported one by one; the rest are counted in one last line."""
_BYTE_ORDER_MARK = "\ufeff"
_LARGEST_SHOWN = 10**15


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a routine file."""

    path: str
    message: str
    field: str = ""
    line: int | None = None
    col: int | None = None

    def format(self) -> str:
        """``path:line:col: field: message`` when the place is known, else ``path: field: message``."""
        where = f"{self.field}: " if self.field else ""
        if self.line is not None:
            return clean(f"{self.path}:{self.line}:{self.col or 1}: {where}{self.message}")
        return clean(f"{self.path}: {where}{self.message}")


def load_routine(path: Path) -> Routine:
    """Load and validate one routine file; raise ``RoutineError`` listing every problem."""
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
        line, col = _line_col(raw, error.start)
        raise RoutineError([Problem(shown, "is not valid UTF-8 text", line=line, col=col)]) from None
    routine = load_routine_text(text, shown)
    return _with_source(routine, Path(path))


def load_routine_text(text: str, path: str = "<string>") -> Routine:
    """Validate routine TOML given as text."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise RoutineError([Problem(path, f"is larger than {size_text(MAX_FILE_BYTES)}")])
    text = text.removeprefix(_BYTE_ORDER_MARK)
    if not text.strip():
        raise RoutineError([Problem(path, "is empty; a routine needs format, title and exercises")])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RoutineError([_toml_problem(path, str(error), text)]) from None
    except RecursionError:
        raise RoutineError([Problem(path, "is nested too deeply to be a routine")]) from None
    except (ValueError, MemoryError) as error:
        raise RoutineError([Problem(path, f"is not valid TOML ({error})")]) from None
    return validate_routine(data, path, text)


def validate_routine(data: Any, path: str = "<string>", text: str | None = None) -> Routine:
    """Turn a parsed TOML document into a ``Routine`` or raise ``RoutineError``."""
    checker = _Checker(path, text)
    routine = checker.routine(data)
    if checker.problems or routine is None:
        raise RoutineError(checker.reported())
    return routine


def _with_source(routine: Routine, path: Path) -> Routine:
    from dataclasses import replace

    return replace(routine, path=path, name=path.stem)


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    return line, offset - (before.rfind(b"\n") + 1) + 1


def _toml_problem(path: str, message: str, text: str) -> Problem:
    match = _TOML_POSITION.match(message)
    if match:
        return Problem(path, _toml_message(match["msg"]), line=int(match["line"]), col=int(match["col"]))
    match = _TOML_END.match(message)
    if match:
        lines = text.splitlines() or [""]
        return Problem(path, _toml_message(match["msg"]), line=len(lines), col=len(lines[-1]) + 1)
    return Problem(path, _toml_message(message))


def _toml_message(message: str) -> str:
    return f"not valid TOML: {message[:1].lower()}{message[1:]}"


class _Checker:
    """Collects problems while building typed objects from untrusted data."""

    def __init__(self, path: str, text: str | None) -> None:
        self.path = path
        self.text = text
        self.positions: Positions | None = None
        self.problems: list[Problem] = []
        self.unreported = 0

    @property
    def reporting(self) -> bool:
        """False once ``MAX_PROBLEMS`` are listed: further problems are only counted."""
        return len(self.problems) < MAX_PROBLEMS

    def problem(self, field: str, message: str) -> None:
        if not self.reporting:
            self.unreported += 1
            return
        line = col = None
        if self.text is not None:
            if self.positions is None:
                self.positions = Positions(self.text)
            place = self.positions.locate(field)
            if place:
                line, col = place
        self.problems.append(Problem(self.path, message, field, line, col))

    def reported(self) -> list[Problem]:
        """The listed problems, and a last line counting the others."""
        if not self.unreported:
            return self.problems
        return [*self.problems, Problem(self.path, f"and {self.unreported:,} more problems")]

    def unknown_keys(self, table: dict[str, Any], allowed: tuple[str, ...], prefix: str) -> None:
        for key in table:
            if key in allowed:
                continue
            field = f"{prefix}{key}" if prefix else str(key)
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6) if self.reporting else []
            hint = f"; did you mean '{close[0]}'?" if close else ""
            self.problem(field, f"unknown key{hint}")

    @overload
    def integer(self, table: dict[str, Any], key: str, field: str, low: int, high: int, default: int) -> int: ...

    @overload
    def integer(
        self, table: dict[str, Any], key: str, field: str, low: int, high: int, default: None
    ) -> int | None: ...

    def integer(
        self, table: dict[str, Any], key: str, field: str, low: int, high: int, default: int | None
    ) -> int | None:
        """The whole number at ``key`` within ``low``-``high``; ``default`` when absent or wrong (then a problem)."""
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(field, f"must be a whole number from {low} to {high}, not {_describe(value)}")
            return default
        if not low <= value <= high:
            self.problem(field, f"must be from {low} to {high}, not {_describe(value)}")
            return default
        return value

    def text_value(self, table: dict[str, Any], key: str, field: str, *, required: bool, limit: int) -> str:
        if key not in table:
            if required:
                self.problem(field, "is required")
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.problem(field, f"must be text, not {_describe(value)}")
            return ""
        if not value.strip():
            self.problem(field, "must not be empty")
            return ""
        if not has_visible_text(value):
            self.problem(field, "must have visible text, not only spaces or invisible characters")
            return ""
        if len(value) > limit:
            self.problem(field, f"must be at most {limit} characters, not {len(value)}")
            return ""
        return value

    def text_list(
        self, table: dict[str, Any], key: str, field: str, *, least: int, most: int, limit: int
    ) -> tuple[str, ...]:
        if key not in table:
            if least:
                self.problem(field, "is required")
            return ()
        value = table[key]
        if not isinstance(value, list):
            self.problem(field, f"must be a list of text, not {_describe(value)}")
            return ()
        if not least <= len(value) <= most:
            self.problem(field, f"must have {least} to {most} entries, not {len(value)}")
            return ()
        items = [
            self.text_value({key: item}, key, f"{field}[{i}]", required=True, limit=limit)
            for i, item in enumerate(value)
        ]
        return tuple(items)

    @overload
    def choice(self, table: dict[str, Any], key: str, field: str, choices: tuple[str, ...], default: str) -> str: ...

    @overload
    def choice(
        self, table: dict[str, Any], key: str, field: str, choices: tuple[str, ...], default: None
    ) -> str | None: ...

    def choice(
        self, table: dict[str, Any], key: str, field: str, choices: tuple[str, ...], default: str | None
    ) -> str | None:
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, str) or value not in choices:
            options = ", ".join(f'"{c}"' for c in choices)
            self.problem(field, f"must be one of {options}, not {_describe(value)}")
            return default
        return value

    def routine(self, data: Any) -> Routine | None:
        if not isinstance(data, dict):
            self.problem("", "must be a TOML document")
            return None
        self.unknown_keys(data, ROUTINE_KEYS, "")
        if "format" not in data:
            self.problem("format", f"is required (format = {FORMAT_VERSION})")
        elif type(data["format"]) is not int or data["format"] != FORMAT_VERSION:
            self.problem(
                "format", f"unsupported format {_describe(data['format'])}; this coach reads format {FORMAT_VERSION}"
            )
            return None
        title = self.text_value(data, "title", "title", required=True, limit=80)
        description = self.text_value(data, "description", "description", required=False, limit=1000)
        level = self.choice(data, "level", "level", LEVELS, None)
        focus = self.text_list(data, "focus", "focus", least=0, most=10, limit=30)
        contraindications = self.contraindications(data)
        prepare = self.integer(data, "prepare", "prepare", 0, 60, 5)
        pain_check = self.choice(data, "pain_check", "pain_check", ("each", "end"), "each")
        exercises = self.exercises(data)
        if self.problems:
            return None
        routine = Routine(
            title=title,
            exercises=exercises,
            description=description,
            level=level,
            focus=focus,
            contraindications=contraindications,
            prepare=prepare,
            pain_check=pain_check,
        )
        from coach.plan import estimated_seconds

        total = estimated_seconds(routine)
        if total > MAX_ROUTINE_SECONDS:
            self.problem(
                "exercises",
                f"the routine lasts {clock_text(total, rounded=True)}; "
                f"the most is {clock_text(MAX_ROUTINE_SECONDS, rounded=True)}",
            )
        return routine

    def contraindications(self, data: dict[str, Any]) -> tuple[str, ...]:
        if "contraindications" not in data:
            return ()
        value = data["contraindications"]
        if not isinstance(value, list):
            self.problem("contraindications", f"must be a list, not {_describe(value)}")
            return ()
        found: list[str] = []
        for i, item in enumerate(value):
            if isinstance(item, str) and item in CONTRAINDICATIONS:
                if item not in found:
                    found.append(item)
                continue
            close = (
                difflib.get_close_matches(item, CONTRAINDICATIONS, n=1, cutoff=0.6)
                if isinstance(item, str) and self.reporting
                else []
            )
            hint = f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(CONTRAINDICATIONS)}"
            self.problem(f"contraindications[{i}]", f"unknown contraindication {_describe(item)}{hint}")
        return tuple(found)

    def exercises(self, data: dict[str, Any]) -> tuple[Exercise, ...]:
        if "exercises" not in data:
            self.problem("exercises", "is required: add at least one [[exercises]] table")
            return ()
        value = data["exercises"]
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem("exercises", "must be written as [[exercises]] tables")
            return ()
        if not 1 <= len(value) <= 100:
            self.problem("exercises", f"must have 1 to 100 exercises, not {len(value)}")
            return ()
        exercises = [self.exercise(item, f"exercises[{i}]") for i, item in enumerate(value)]
        ids = [item.get("id") if isinstance(item.get("id"), str) else None for item in value]
        seen: dict[str, int] = {}
        for i, exercise_id in enumerate(ids):
            if exercise_id is None:
                continue
            if exercise_id in seen:
                self.problem(
                    f"exercises[{i}].id", f"duplicate id '{exercise_id}' (also exercises[{seen[exercise_id]}])"
                )
            else:
                seen[exercise_id] = i
        for i, item in enumerate(value):
            easier = item.get("easier")
            if not isinstance(easier, str) or not easier.strip():
                continue
            if easier == ids[i]:
                self.problem(f"exercises[{i}].easier", "must name another exercise, not itself")
            elif easier not in seen:
                self.problem(f"exercises[{i}].easier", f"names no exercise in this file: {_describe(easier)}")
        self.easier_cycles(ids, [item.get("easier") for item in value], seen)
        return tuple(e for e in exercises if e is not None)

    def easier_cycles(self, ids: list[str | None], easier: list[Any], seen: dict[str, int]) -> None:
        """Report each loop of ``easier`` links once, at the first exercise of the loop in the file."""
        next_of = {
            i: seen[link] for i, link in enumerate(easier) if isinstance(link, str) and link in seen and link != ids[i]
        }
        settled: set[int] = set()
        for start in next_of:
            path: list[int] = []
            current: int | None = start
            while current is not None and current not in settled and current not in path:
                path.append(current)
                current = next_of.get(current)
            if current is not None and current in path:
                loop = path[path.index(current) :]
                first = min(loop)
                names = " → ".join(str(ids[i]) for i in [*loop[loop.index(first) :], *loop[: loop.index(first)], first])
                self.problem(
                    f"exercises[{first}].easier",
                    f"following easier links returns to an exercise already passed: {names}",
                )
            settled.update(path)

    def exercise(self, table: dict[str, Any], field: str) -> Exercise | None:
        before = len(self.problems)
        self.unknown_keys(table, EXERCISE_KEYS, f"{field}.")
        exercise_id = self.text_value(table, "id", f"{field}.id", required=True, limit=40)
        if exercise_id and not ID_PATTERN.fullmatch(exercise_id):
            self.problem(f"{field}.id", "must use lowercase letters, digits and '-' only, e.g. \"knee-to-chest\"")
        name = self.text_value(table, "name", f"{field}.name", required=True, limit=80)
        how = self.text_list(table, "how", f"{field}.how", least=1, most=12, limit=300)
        cues = self.text_list(table, "cues", f"{field}.cues", least=0, most=20, limit=300)
        caution = self.text_value(table, "caution", f"{field}.caution", required=False, limit=300)
        sides = self.choice(table, "sides", f"{field}.sides", ("each", "none"), "none")
        sets = self.integer(table, "sets", f"{field}.sets", 1, 20, 1)
        rest = self.integer(table, "rest", f"{field}.rest", 0, 600, 0)
        easier = self.text_value(table, "easier", f"{field}.easier", required=False, limit=40) or None
        dosing = self.dosing(table, field)
        tempo_words = self.tempo_words(table, field)
        if len(self.problems) > before or dosing is None:
            return None
        kind, hold, reps, tempo, duration = dosing
        return Exercise(
            id=exercise_id,
            name=name,
            how=how,
            dosing=kind,
            cues=cues,
            caution=caution,
            sides=sides,
            sets=sets,
            rest=rest,
            easier=easier,
            hold=hold,
            reps=reps,
            tempo=tempo,
            tempo_words=tempo_words,
            duration=duration,
        )

    def dosing(
        self, table: dict[str, Any], field: str
    ) -> tuple[Dosing, int, int, tuple[int, int, int] | None, int] | None:
        present = [key for key in ("hold", "reps", "tempo", "duration") if key in table]
        if not present:
            self.problem(field, "needs a dose: hold (seconds), reps, or duration (seconds)")
            return None
        if "duration" in table and len(present) > 1:
            others = ", ".join(k for k in present if k != "duration")
            self.problem(f"{field}.duration", f"a timed activity cannot also have {others}")
            return None
        if "tempo" in table and "hold" in table:
            self.problem(f"{field}.tempo", "cannot be combined with hold; use reps with tempo, or hold with reps")
            return None
        if "tempo" in table and "reps" not in table:
            self.problem(f"{field}.tempo", "needs reps: how many times to repeat the tempo")
            return None
        if "duration" in table:
            duration = self.integer(table, "duration", f"{field}.duration", 1, 3600, None)
            return None if duration is None else (Dosing.TIMED, 0, 1, None, duration)
        reps = self.integer(table, "reps", f"{field}.reps", 1, 100, 1)
        if "hold" in table:
            hold = self.integer(table, "hold", f"{field}.hold", 1, 600, None)
            return None if hold is None else (Dosing.HOLD, hold, reps, None, 0)
        if "tempo" in table:
            tempo = self.tempo(table["tempo"], f"{field}.tempo")
            return None if tempo is None else (Dosing.TEMPO, 0, reps, tempo, 0)
        return Dosing.REPS, 0, reps, None, 0

    def tempo(self, value: Any, field: str) -> tuple[int, int, int] | None:
        if not isinstance(value, list) or len(value) != 3:
            self.problem(field, "must be three whole numbers of seconds: [lift, hold, lower]")
            return None
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, int) or not 0 <= item <= 30:
                self.problem(f"{field}[{i}]", f"must be a whole number from 0 to 30, not {_describe(item)}")
                return None
        if not any(value):
            self.problem(field, "needs at least one phase longer than 0 seconds")
            return None
        return (value[0], value[1], value[2])

    def tempo_words(self, table: dict[str, Any], field: str) -> tuple[str, str, str] | None:
        if "tempo_words" not in table:
            return None
        field = f"{field}.tempo_words"
        if "tempo" not in table:
            self.problem(field, "only goes with tempo: it names the three phases of a paced rep")
            return None
        value = table["tempo_words"]
        if not isinstance(value, list) or len(value) != 3:
            self.problem(field, 'must be three words, one per tempo phase, e.g. ["tighten", "hold", "release"]')
            return None
        for i, item in enumerate(value):
            if not isinstance(item, str) or not TEMPO_WORD_PATTERN.fullmatch(item):
                self.problem(f"{field}[{i}]", f"must be one word of 1 to 12 letters, not {_describe(item)}")
                return None
        return (value[0], value[1], value[2])


def _describe(value: Any) -> str:
    """Name a bad value briefly and safely."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        if abs(value) >= _LARGEST_SHOWN:
            return "a number far too large" if value > 0 else "a number far too small"
        return str(value)
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f'text "{shown}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
