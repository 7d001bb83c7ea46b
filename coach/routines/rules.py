"""The rules of a routine file (format v1): which keys, which values, and how exercises link up."""

from __future__ import annotations

import re
from typing import Any

from coach.durations import clock_text
from coach.routines.model import (
    CONTRAINDICATIONS,
    FORMAT_VERSION,
    LEVELS,
    MAX_ROUTINE_SECONDS,
    Dosing,
    Exercise,
    Routine,
)
from coach.routines.plan import estimated_seconds
from coach.routines.table_reader import TableReader, describe
from coach.routines.toml_outline import Where

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
    "progress",
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


class RoutineReader(TableReader):
    """Builds a ``Routine`` from a parsed routine file, collecting every problem on the way."""

    def routine(self, data: Any) -> Routine | None:
        if not isinstance(data, dict):
            self.problem((), "must be a TOML document")
            return None
        self.unknown_keys(data, ROUTINE_KEYS, ())
        if "format" not in data:
            self.problem(("format",), f"is required (format = {FORMAT_VERSION})")
        elif type(data["format"]) is not int or data["format"] != FORMAT_VERSION:
            self.problem(
                ("format",), f"unsupported format {describe(data['format'])}; this coach reads format {FORMAT_VERSION}"
            )
            return None
        title = self.text_value(data, "title", (), required=True, limit=80)
        description = self.text_value(data, "description", (), required=False, limit=1000)
        level = self.choice(data, "level", (), LEVELS, None)
        focus = self.text_list(data, "focus", (), least=0, most=10, limit=30)
        contraindications = self.contraindications(data)
        prepare = self.integer(data, "prepare", (), 0, 60, 5)
        pain_check = self.choice(data, "pain_check", (), ("each", "end"), "each")
        progress = self.flag(data, "progress", (), True)
        exercises = self.exercises(data)
        if self.found:
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
            progress=progress,
        )
        total = estimated_seconds(routine)
        if total > MAX_ROUTINE_SECONDS:
            self.problem(
                ("exercises",),
                f"the routine lasts {clock_text(total, rounded=True)}; "
                f"the most is {clock_text(MAX_ROUTINE_SECONDS, rounded=True)}",
            )
        return routine

    def contraindications(self, data: dict[str, Any]) -> tuple[str, ...]:
        if "contraindications" not in data:
            return ()
        value = data["contraindications"]
        if not isinstance(value, list):
            self.problem(("contraindications",), f"must be a list, not {describe(value)}")
            return ()
        found: list[str] = []
        for i, item in enumerate(value):
            if isinstance(item, str) and item in CONTRAINDICATIONS:
                if item not in found:
                    found.append(item)
                continue
            what = "unknown contraindication" if isinstance(item, str) else "must be the name of a condition, not"
            self.problem(
                ("contraindications", i),
                f"{what} {describe(item)}",
                near=item if isinstance(item, str) else "",
                choices=CONTRAINDICATIONS,
                otherwise=f"; known: {', '.join(CONTRAINDICATIONS)}",
            )
        return tuple(found)

    def exercises(self, data: dict[str, Any]) -> tuple[Exercise, ...]:
        if "exercises" not in data:
            self.problem(("exercises",), "is required: add at least one [[exercises]] table")
            return ()
        value = data["exercises"]
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(("exercises",), "must be written as [[exercises]] tables")
            return ()
        if not 1 <= len(value) <= 100:
            self.problem(("exercises",), f"must have 1 to 100 exercises, not {len(value)}")
            return ()
        exercises = [self.exercise(item, ("exercises", i)) for i, item in enumerate(value)]
        ids = [item.get("id") if isinstance(item.get("id"), str) else None for item in value]
        seen: dict[str, int] = {}
        for i, exercise_id in enumerate(ids):
            if exercise_id is None:
                continue
            if exercise_id in seen:
                self.problem(
                    ("exercises", i, "id"), f"duplicate id '{exercise_id}' (also exercises[{seen[exercise_id]}])"
                )
            else:
                seen[exercise_id] = i
        for i, item in enumerate(value):
            easier = item.get("easier")
            if not isinstance(easier, str) or not easier.strip():
                continue
            if easier == ids[i]:
                self.problem(("exercises", i, "easier"), "must name another exercise, not itself")
            elif easier not in seen:
                self.problem(("exercises", i, "easier"), f"names no exercise in this file: {describe(easier)}")
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
                    ("exercises", first, "easier"),
                    f"following easier links returns to an exercise already passed: {names}",
                )
            settled.update(path)

    def exercise(self, table: dict[str, Any], where: Where) -> Exercise | None:
        before = len(self.found)
        self.unknown_keys(table, EXERCISE_KEYS, where)
        exercise_id = self.text_value(table, "id", where, required=True, limit=40)
        if exercise_id and not ID_PATTERN.fullmatch(exercise_id):
            self.problem((*where, "id"), "must use lowercase letters, digits and '-' only, e.g. \"knee-to-chest\"")
        name = self.text_value(table, "name", where, required=True, limit=80)
        how = self.text_list(table, "how", where, least=1, most=12, limit=300)
        cues = self.text_list(table, "cues", where, least=0, most=20, limit=300)
        caution = self.text_value(table, "caution", where, required=False, limit=300)
        sides = self.choice(table, "sides", where, ("each", "none"), "none")
        sets = self.integer(table, "sets", where, 1, 20, 1)
        rest = self.integer(table, "rest", where, 0, 600, 0)
        easier = self.text_value(table, "easier", where, required=False, limit=40) or None
        dosing = self.dosing(table, where)
        tempo_words = self.tempo_words(table, where)
        if len(self.found) > before or dosing is None:
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
        self, table: dict[str, Any], where: Where
    ) -> tuple[Dosing, int, int, tuple[int, int, int] | None, int] | None:
        """The one way the exercise is dosed; every wrong value and every clash of keys is a problem."""
        present = [key for key in ("hold", "reps", "tempo", "duration") if key in table]
        if not present:
            self.problem(where, "needs a dose: hold (seconds), reps, or duration (seconds)")
            return None
        before = len(self.found)
        duration = self.integer(table, "duration", where, 1, 3600, None)
        reps = self.integer(table, "reps", where, 1, 100, 1)
        hold = self.integer(table, "hold", where, 1, 600, None)
        tempo = self.tempo(table["tempo"], (*where, "tempo")) if "tempo" in table else None
        if "duration" in table and len(present) > 1:
            others = ", ".join(k for k in present if k != "duration")
            self.problem((*where, "duration"), f"a timed activity cannot also have {others}")
        elif "tempo" in table and "hold" in table:
            self.problem((*where, "tempo"), "cannot be combined with hold; use reps with tempo, or hold with reps")
        elif "tempo" in table and "reps" not in table:
            self.problem((*where, "tempo"), "needs reps: how many times to repeat the tempo")
        if len(self.found) > before:
            return None
        if duration is not None:
            return Dosing.TIMED, 0, 1, None, duration
        if hold is not None:
            return Dosing.HOLD, hold, reps, None, 0
        if tempo is not None:
            return Dosing.TEMPO, 0, reps, tempo, 0
        return Dosing.REPS, 0, reps, None, 0

    def tempo(self, value: Any, where: Where) -> tuple[int, int, int] | None:
        if not isinstance(value, list) or len(value) != 3:
            self.problem(where, "must be three whole numbers of seconds: [lift, hold, lower]")
            return None
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, int) or not 0 <= item <= 30:
                self.problem((*where, i), f"must be a whole number from 0 to 30, not {describe(item)}")
                return None
        if not any(value):
            self.problem(where, "needs at least one phase longer than 0 seconds")
            return None
        return (value[0], value[1], value[2])

    def tempo_words(self, table: dict[str, Any], where: Where) -> tuple[str, str, str] | None:
        if "tempo_words" not in table:
            return None
        where = (*where, "tempo_words")
        if "tempo" not in table:
            self.problem(where, "only goes with tempo: it names the three phases of a paced rep")
            return None
        value = table["tempo_words"]
        if not isinstance(value, list) or len(value) != 3:
            self.problem(where, 'must be three words, one per tempo phase, e.g. ["tighten", "hold", "release"]')
            return None
        for i, item in enumerate(value):
            if not isinstance(item, str) or not TEMPO_WORD_PATTERN.fullmatch(item):
                self.problem((*where, i), f"must be one word of 1 to 12 letters, not {describe(item)}")
                return None
        return (value[0], value[1], value[2])
