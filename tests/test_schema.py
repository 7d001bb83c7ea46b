"""The JSON Schema for routine format v1 agrees with the loader."""

from __future__ import annotations

import copy
import json
import re
import tomllib
from pathlib import Path

import pytest
import tomli_w
from jsonschema import Draft202012Validator

from coach.errors import RoutineError
from coach.paths import bundled_routines_dir, schema_path
from coach.routines.loader import load_routine_text
from coach.routines.model import CONTRAINDICATIONS, LEVELS
from coach.session.engine import estimated_seconds

DROP = object()
SCHEMA = json.loads(schema_path().read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
BASE = {
    "format": 1,
    "title": "Test routine",
    "exercises": [
        {"id": "pelvic-tilt", "name": "Pelvic tilt", "how": ["Lie on your back.", "Flatten your back."], "hold": 5},
        {"id": "walk", "name": "Easy walk", "how": ["Walk at an easy pace."], "duration": 60},
    ],
}


def build(top: dict | None = None, exercise: dict | None = None) -> dict:
    """BASE with top-level and first-exercise keys replaced (``DROP`` removes a key)."""
    data = copy.deepcopy(BASE)
    for target, patch in ((data, top or {}), (data["exercises"][0], exercise or {})):
        for key, value in patch.items():
            if value is DROP:
                target.pop(key, None)
            else:
                target[key] = value
    return data


def loader_accepts(data: dict) -> bool:
    try:
        load_routine_text(tomli_w.dumps(data))
    except RoutineError:
        return False
    return True


def schema_accepts(data: dict) -> bool:
    return VALIDATOR.is_valid(data)


INVALID = {
    "unknown key": build({"colour": "red"}),
    "unknown exercise key": build(exercise={"holds": 20}),
    "missing title": build({"title": DROP}),
    "missing format": build({"format": DROP}),
    "format 2": build({"format": 2}),
    "format as text": build({"format": "1"}),
    "blank title": build({"title": "   "}),
    "title too long": build({"title": "x" * 81}),
    "description too long": build({"description": "x" * 1001}),
    "level hard": build({"level": "hard"}),
    "focus is text": build({"focus": "core"}),
    "too many focus tags": build({"focus": [f"tag{i}" for i in range(11)]}),
    "prepare 61": build({"prepare": 61}),
    "prepare -1": build({"prepare": -1}),
    "pain_check never": build({"pain_check": "never"}),
    "unknown contraindication": build({"contraindications": ["back-pain"]}),
    "contraindications as text": build({"contraindications": "osteoporosis"}),
    "no exercises": build({"exercises": DROP}),
    "empty exercises": build({"exercises": []}),
    "missing id": build(exercise={"id": DROP}),
    "missing name": build(exercise={"name": DROP}),
    "bad id Knee_Chest": build(exercise={"id": "Knee_Chest"}),
    "id with a space": build(exercise={"id": "knee chest"}),
    "id too long": build(exercise={"id": "a" * 41}),
    "missing how": build(exercise={"how": DROP}),
    "empty how": build(exercise={"how": []}),
    "13 how steps": build(exercise={"how": [f"Step {i}." for i in range(13)]}),
    "how step too long": build(exercise={"how": ["x" * 301]}),
    "empty cue": build(exercise={"cues": [""]}),
    "empty caution": build(exercise={"caution": ""}),
    "sides both": build(exercise={"sides": "both"}),
    "sets 0": build(exercise={"sets": 0}),
    "sets 21": build(exercise={"sets": 21}),
    "rest 601": build(exercise={"rest": 601}),
    "hold 2.5": build(exercise={"hold": 2.5}),
    "hold true": build(exercise={"hold": True}),
    "hold text": build(exercise={"hold": "20"}),
    "hold nan": build(exercise={"hold": float("nan")}),
    "hold inf": build(exercise={"hold": float("inf")}),
    "hold 0": build(exercise={"hold": 0}),
    "hold 601": build(exercise={"hold": 601}),
    "reps 0": build(exercise={"hold": DROP, "reps": 0}),
    "reps 101": build(exercise={"hold": DROP, "reps": 101}),
    "tempo with hold": build(exercise={"reps": 3, "tempo": [2, 1, 2]}),
    "tempo without reps": build(exercise={"hold": DROP, "tempo": [2, 1, 2]}),
    "tempo all zero": build(exercise={"hold": DROP, "reps": 3, "tempo": [0, 0, 0]}),
    "tempo of two": build(exercise={"hold": DROP, "reps": 3, "tempo": [2, 2]}),
    "tempo phase 31": build(exercise={"hold": DROP, "reps": 3, "tempo": [2, 31, 2]}),
    "tempo_words without tempo": build(
        exercise={"hold": DROP, "reps": 3, "tempo_words": ["tighten", "hold", "release"]}
    ),
    "tempo_words with hold": build(exercise={"reps": 3, "tempo_words": ["tighten", "hold", "release"]}),
    "tempo_words of two": build(exercise={"hold": DROP, "reps": 3, "tempo": [2, 1, 2], "tempo_words": ["up", "down"]}),
    "tempo word of 13 letters": build(
        exercise={"hold": DROP, "reps": 3, "tempo": [2, 1, 2], "tempo_words": ["a" * 13, "hold", "down"]}
    ),
    "empty tempo word": build(
        exercise={"hold": DROP, "reps": 3, "tempo": [2, 1, 2], "tempo_words": ["", "hold", "down"]}
    ),
    "tempo word of two words": build(
        exercise={"hold": DROP, "reps": 3, "tempo": [2, 1, 2], "tempo_words": ["let go", "hold", "down"]}
    ),
    "tempo word with a digit": build(
        exercise={"hold": DROP, "reps": 3, "tempo": [2, 1, 2], "tempo_words": ["up2", "hold", "down"]}
    ),
    "tempo word not text": build(
        exercise={"hold": DROP, "reps": 3, "tempo": [2, 1, 2], "tempo_words": [1, "hold", "down"]}
    ),
    "duration with reps": build(exercise={"hold": DROP, "duration": 60, "reps": 2}),
    "duration with hold": build(exercise={"duration": 60}),
    "duration 3601": build(exercise={"hold": DROP, "duration": 3601}),
    "no dosing": build(exercise={"hold": DROP}),
    "easier not an id": build(exercise={"easier": "Easy Walk"}),
}

VALID = {
    "minimal": build(),
    "hold with reps": build(exercise={"reps": 3}),
    "reps at own pace": build(exercise={"hold": DROP, "reps": 10}),
    "reps with tempo": build(exercise={"hold": DROP, "reps": 10, "tempo": [2, 1, 2]}),
    "tempo with words": build(
        exercise={"hold": DROP, "reps": 10, "tempo": [2, 3, 2], "tempo_words": ["tighten", "hold", "release"]}
    ),
    "tempo words of 1 and 12 letters": build(
        exercise={"hold": DROP, "reps": 1, "tempo": [1, 1, 1], "tempo_words": ["a", "b" * 12, "Up"]}
    ),
    "tempo hold only": build(exercise={"hold": DROP, "reps": 1, "tempo": [0, 5, 0]}),
    "timed": build(exercise={"hold": DROP, "duration": 3600}),
    "every optional field": build(
        {
            "description": "For testing.",
            "level": "moderate",
            "focus": ["core", "mobility"],
            "contraindications": list(CONTRAINDICATIONS),
            "prepare": 0,
            "pain_check": "end",
        },
        {
            "cues": ["Breathe."],
            "caution": "Stop if it hurts.",
            "sides": "each",
            "sets": 20,
            "rest": 60,
            "easier": "walk",
        },
    ),
    "empty lists": build({"focus": [], "contraindications": []}, {"cues": []}),
    "long rest": build(exercise={"rest": 600, "reps": 2}),
    "limits": build(
        {"title": "x" * 80, "prepare": 60},
        {"id": "a", "name": "n" * 80, "how": ["s" * 300] * 12, "hold": 600, "reps": 1},
    ),
    "digits in id": build(exercise={"id": "stretch2"}),
}

LOADER_ONLY = {
    "duplicate ids": build(exercise={"id": "walk"}),
    "easier names nothing": build(exercise={"easier": "cat-cow"}),
    "easier names itself": build(exercise={"easier": "pelvic-tilt"}),
    "longer than 2 hours": build(exercise={"hold": 600, "reps": 13}),
    "hold 20.0 is a float": build(exercise={"hold": 20.0}),
}


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _properties(schema: dict, where: str = ""):
    for name, sub in schema.get("properties", {}).items():
        yield f"{where}{name}", sub
        yield from _properties(sub, f"{where}{name}.")
        if isinstance(sub.get("items"), dict):
            yield from _properties(sub["items"], f"{where}{name}[].")


def test_every_property_is_described_and_strict():
    properties = list(_properties(SCHEMA))
    assert len(properties) > 20
    for where, sub in properties:
        assert sub.get("description"), where
    assert SCHEMA["additionalProperties"] is False
    assert SCHEMA["properties"]["exercises"]["items"]["additionalProperties"] is False


def test_schema_documents_the_rules_it_cannot_express():
    text = SCHEMA["description"].lower()
    for phrase in ("unique", "easier", "2 hours"):
        assert phrase in text


def test_enums_match_the_loader():
    props = SCHEMA["properties"]
    assert tuple(props["level"]["enum"]) == LEVELS
    assert tuple(props["contraindications"]["items"]["enum"]) == CONTRAINDICATIONS


@pytest.mark.parametrize("path", sorted(bundled_routines_dir().glob("*.toml")), ids=lambda p: p.stem)
def test_schema_accepts_bundled_routine(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert [e.message for e in VALIDATOR.iter_errors(data)] == []


def test_there_are_enough_cases():
    assert len(INVALID) >= 15 and len(VALID) >= 5


@pytest.mark.parametrize("data", INVALID.values(), ids=INVALID.keys())
def test_both_reject(data):
    assert not schema_accepts(data), "schema accepts"
    assert not loader_accepts(data), "loader accepts"


@pytest.mark.parametrize("data", VALID.values(), ids=VALID.keys())
def test_both_accept(data):
    assert [e.message for e in VALIDATOR.iter_errors(data)] == []
    assert loader_accepts(data)


@pytest.mark.parametrize("data", LOADER_ONLY.values(), ids=LOADER_ONLY.keys())
def test_loader_rejects_what_the_schema_cannot_express(data):
    assert not loader_accepts(data)


@pytest.mark.parametrize("exercise_id", ["a", "knee-to-chest", "x2", "90-90"])
def test_id_pattern_accepts_plain_ids(exercise_id):
    data = build(exercise={"id": exercise_id})
    assert schema_accepts(data) and loader_accepts(data)


@pytest.mark.parametrize("exercise_id", ["-a", "a-", "a--b"])
def test_id_pattern_allows_any_dash(exercise_id):
    data = build(exercise={"id": exercise_id})
    assert schema_accepts(data) and loader_accepts(data)


def test_the_documented_example_is_valid():
    doc = Path(__file__).resolve().parents[1] / "docs" / "routine-format.md"
    blocks = re.findall(r"```toml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
    example = next(b for b in blocks if b.count("[[exercises]]") >= 4)
    assert VALIDATOR.is_valid(tomllib.loads(example))
    assert estimated_seconds(load_routine_text(example)) == 669
