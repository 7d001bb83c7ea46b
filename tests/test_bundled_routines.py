"""The routines shipped with coach load, are safe to read from a mat, and cite their sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.engine import estimated_seconds
from coach.loader import load_routine
from coach.paths import bundled_routines_dir
from coach.routine import Dosing

EXPECTED = {"gentle-relief", "stabilise", "hips-not-back", "glute-release", "posture-reset"}
SEED_FILES = {
    "000_84b18329a5d00774.txt",
    "001_2782d5a0639a4d26.txt",
    "002_938c41e1b65cdf95.txt",
    "003_1eb83e7e4533b963.txt",
    "004_e7d96563a60eeb5c.txt",
}
SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
PAIN_CHECK_SECONDS = 20
SOURCE = re.compile(r"seeds/([A-Za-z0-9_.-]+\.txt)")
PATHS = sorted(bundled_routines_dir().glob("*.toml"))


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def test_the_five_routines_are_bundled():
    assert set(_ids(PATHS)) == EXPECTED


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_loads_with_a_description(path):
    routine = load_routine(path)
    assert routine.name == path.stem
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem)
    assert len(routine.description) >= 80
    assert " not " in f" {routine.description.lower()} ", "say when not to use it"
    assert routine.level in ("gentle", "moderate", "challenging")


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_every_exercise_has_steps_cues_and_a_caution(path):
    for exercise in load_routine(path).exercises:
        assert exercise.how, exercise.id
        caution = exercise.caution.lower()
        assert "stop" in caution and "sharp" in caution and "spread" in caution, exercise.id
        assert any("breath" in cue.lower() for cue in exercise.cues), exercise.id


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_lines_are_short_enough_to_read_from_a_mat(path):
    for exercise in load_routine(path).exercises:
        assert all(len(step) <= 120 for step in exercise.how), exercise.id
        assert all(len(cue) <= 60 for cue in exercise.cues), exercise.id
        assert len(exercise.caution) <= 160, exercise.id


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_lasts_8_to_25_minutes(path):
    routine = load_routine(path)
    pain_checks = len(routine.exercises) if routine.pain_check == "each" else 1
    total = estimated_seconds(routine) + PAIN_CHECK_SECONDS * pain_checks
    assert 8 * 60 <= total <= 25 * 60, f"{total / 60:.1f} minutes"


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_every_exercise_names_an_existing_seed(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    headers = [i for i, line in enumerate(lines) if line.strip() == "[[exercises]]"]
    assert len(headers) == len(load_routine(path).exercises)
    for index in headers:
        above = lines[index - 1].strip() if index else ""
        assert above.startswith("# source: seeds/"), f"line {index + 1}: no source comment above"
        named = SOURCE.findall(above)
        assert named and set(named) <= SEED_FILES, above
        if SEEDS_DIR.is_dir():
            assert all((SEEDS_DIR / name).is_file() for name in named), above


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_nothing_the_sources_warn_against(path):
    for exercise in load_routine(path).exercises:
        steps = " ".join(exercise.how).lower()
        for word in ("crack", "twist", "bounce", "partner", "as far as you can"):
            assert word not in steps, (exercise.id, word)


def test_the_set_uses_every_way_of_dosing():
    exercises = [e for path in PATHS for e in load_routine(path).exercises]
    kinds = {e.dosing for e in exercises}
    assert kinds == set(Dosing)
    assert any(e.dosing is Dosing.HOLD and e.each_side and e.sets > 1 and e.rest for e in exercises)
    assert any(e.easier for e in exercises)


def test_contraindications_only_where_the_sources_name_them():
    routines = {path.stem: load_routine(path) for path in PATHS}
    assert "osteoporosis" in routines["gentle-relief"].contraindications
    assert "spinal-fusion" in routines["gentle-relief"].contraindications
    for routine in routines.values():
        assert "aortic-aneurysm" not in routine.contraindications
