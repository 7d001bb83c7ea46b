"""The routines shipped with coach load, are safe to read from a mat, and cite their sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.learn import SOURCES
from coach.paths import bundled_routines_dir
from coach.routines.loader import load_routine
from coach.routines.model import Dosing
from coach.session.engine import estimated_seconds
from tests.helpers.routines import SEED_FILES, SEEDS_DIR

EXPECTED = {"gentle-relief", "stabilise", "hips-not-back", "glute-release", "posture-reset", "flare-up", "desk-break"}
PAIN_CHECK_SECONDS = 20
MINUTES = {"flare-up": (5, 12), "desk-break": (1.5, 3)}
"""Routines meant to be short (the flare-up plan's positions of ease take two minutes each);
every other one lasts 8 to 25 minutes."""
SOURCE = re.compile(r"seeds/([A-Za-z0-9_.-]+\.txt)")
NAMED_SOURCES = sorted((s.key for s in SOURCES if not s.file), key=len, reverse=True)
"""The clinical sources a routine may cite by their code in docs/sources.md, longest first."""
PATHS = sorted(bundled_routines_dir().glob("*.toml"))


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def test_the_seven_routines_are_bundled():
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
def test_lasts_as_long_as_its_kind_should(path):
    routine = load_routine(path)
    pain_checks = len(routine.exercises) if routine.pain_check == "each" else 1
    total = estimated_seconds(routine) + PAIN_CHECK_SECONDS * pain_checks
    low, high = MINUTES.get(path.stem, (8, 25))
    assert low * 60 <= total <= high * 60, f"{total / 60:.1f} minutes"


def named_sources(comment: str) -> set[str]:
    """The clinical sources a ``# source:`` comment names by code, outside its seed file names."""
    rest, found = SOURCE.sub("", comment), set()
    for key in NAMED_SOURCES:
        if key in rest:
            found.add(key)
            rest = rest.replace(key, "")
    return found


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_every_exercise_names_an_existing_source(path):
    """A seed by its file, or a clinical source by its code in docs/sources.md ("NHS inform")."""
    lines = path.read_text(encoding="utf-8").splitlines()
    headers = [i for i, line in enumerate(lines) if line.strip() == "[[exercises]]"]
    assert len(headers) == len(load_routine(path).exercises)
    for index in headers:
        above = lines[index - 1].strip() if index else ""
        assert above.startswith("# source: "), f"line {index + 1}: no source comment above"
        seeds = SOURCE.findall(above)
        assert set(seeds) <= SEED_FILES, above
        assert seeds or named_sources(above), above
        if SEEDS_DIR.is_dir():
            assert all((SEEDS_DIR / name).is_file() for name in seeds), above


def test_a_source_comment_names_its_clinical_sources_by_code():
    assert named_sources("# source: NHS Back pain, NHS inform (getting up)") == {"NHS Back pain", "NHS inform"}
    assert named_sources("# source: NHS Back pain in pregnancy") == {"NHS Back pain in pregnancy"}
    assert named_sources("# source: seeds/002_938c41e1b65cdf95.txt (walking)") == set()


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
        assert "pregnancy" not in routine.contraindications


def test_every_bundled_routine_waits_for_the_treating_team_after_spinal_surgery_or_with_a_tumour_or_infection():
    for path in PATHS:
        assert {"recent-spinal-surgery", "spinal-tumour", "spinal-infection"} <= set(
            load_routine(path).contraindications
        )


def _routine(name: str):
    return load_routine(bundled_routines_dir() / f"{name}.toml")


def _texts(exercise) -> str:
    return " ".join((exercise.name, *exercise.how, *exercise.cues, exercise.caution)).lower()


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_a_routine_that_stretches_starts_with_a_gentle_walk(path):
    exercises = load_routine(path).exercises
    if any("stretch" in _texts(e) or "reach" in e.name.lower() for e in exercises):
        first = exercises[0]
        assert first.dosing is Dosing.TIMED and "walk" in first.name.lower(), first.id
        assert first.duration <= 180


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_following_easier_never_comes_back(path):
    routine = load_routine(path)
    for exercise in routine.exercises:
        seen = [exercise.id]
        while routine.exercise(seen[-1]).easier:
            seen.append(routine.exercise(seen[-1]).easier)
            assert len(seen) == len(set(seen)), seen


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_paced_steps_use_the_words_shown_on_screen(path):
    for exercise in load_routine(path).exercises:
        if exercise.dosing is not Dosing.TEMPO:
            continue
        words = [w.upper() for w in exercise.tempo_words or ("lift", "hold", "lower")]
        prefixes = [m.group(1) for step in exercise.how if (m := re.match(r"([A-Z]+):", step))]
        assert prefixes == words, exercise.id


def test_the_pelvic_tilts_name_phases_that_do_not_lift():
    tilts = [e for path in PATHS for e in load_routine(path).exercises if "tilt" in e.id]
    assert len(tilts) == 3
    assert all(e.tempo_words == ("tighten", "hold", "release") for e in tilts)


def test_bird_dog_steps_down_one_limb_at_a_time_with_a_gentler_dose():
    routine = _routine("stabilise")
    chain = ["bird-dog"]
    while routine.exercise(chain[-1]).easier:
        chain.append(routine.exercise(chain[-1]).easier)
    assert chain == ["bird-dog", "leg-reach", "arm-reach", "core-brace"]
    bird = routine.exercise("bird-dog")
    assert bird.reps * bird.sets * bird.side_count <= 10
    ids = [e.id for e in routine.exercises]
    assert ids.index("arm-reach") < ids.index("leg-reach") < ids.index("bird-dog")


def test_the_hamstring_hinge_has_a_lighter_easier_version():
    routine = _routine("hips-not-back")
    hinge = routine.exercise("hamstring-hinge")
    easier = routine.exercise(hinge.easier)
    assert easier.dosing is Dosing.HOLD
    assert easier.hold * easier.reps * easier.sets < hinge.hold * hinge.reps * hinge.sets
    assert hinge.sets == 1


def test_kneeling_exercises_offer_a_chair_for_balance():
    kneeling = [e for path in PATHS for e in load_routine(path).exercises if "kneeling" in e.name.lower()]
    assert len(kneeling) == 2
    assert all("chair" in " ".join(e.how).lower() for e in kneeling)


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_only_the_pelvic_tilt_flattens_the_back(path):
    for exercise in load_routine(path).exercises:
        if "tilt" in exercise.id:
            continue
        text = _texts(exercise)
        assert not re.search(r"back (stays )?flat|flat back|back is flat", text), exercise.id


def test_the_piriformis_ball_has_one_rule_for_sharp_pain():
    ball = _routine("glute-release").exercise("piriformis-ball")
    assert "sharp" not in " ".join(ball.how).lower()
    assert "sharp" in ball.caution.lower()
    assert any("take weight off" in step for step in ball.how)


def test_the_foam_roller_warns_of_tingling_and_falls_back_to_the_wall():
    routine = _routine("glute-release")
    roll = routine.exercise("glute-roll")
    assert "tingl" in roll.caution.lower() and "unsteady" in roll.caution.lower()
    assert roll.easier == "ball-wall"
    assert any("no roller" in step.lower() and "easier" in step.lower() for step in roll.how)


def test_the_flare_up_routine_is_short_gentle_and_points_to_learn_cards():
    from coach.learn import CARDS, cards_for

    routine = _routine("flare-up")
    assert routine.level == "gentle"
    quoted = set(re.findall(r"'([^']+)'", routine.description))
    assert quoted and quoted <= {c.title for c in CARDS}
    assert {c.title for c in cards_for("routine:flare-up")} <= quoted
    assert cards_for("routine:flare-up")[0].id == "flare-up"
    assert not any("stretch" in _texts(e) for e in routine.exercises)


def test_the_flare_up_plan_holds_positions_of_ease_and_the_log_roll_as_timed_steps_between_walks():
    """Lying with the lower legs on a chair seat, on the side with a pillow between the knees, and
    the way down to the floor and up again: timed spells of comfort, not counted exercises."""
    routine = _routine("flare-up")
    ids = [e.id for e in routine.exercises]
    assert ids[0] == "slow-walk" and ids[-1] == "easy-walk"
    lying = ["down-to-floor", "legs-on-chair", "side-lying", "up-from-floor"]
    assert sorted(lying, key=ids.index) == lying
    for step in ("down-to-floor", "legs-on-chair", "side-lying", "up-from-floor", "slow-walk", "easy-walk"):
        assert routine.exercise(step).dosing is Dosing.TIMED, step
    assert "chair" in _texts(routine.exercise("legs-on-chair"))
    assert "pillow between your knees" in _texts(routine.exercise("side-lying"))
    for step in ("down-to-floor", "side-lying"):
        assert "in one piece" in _texts(routine.exercise(step)), step
    assert "hands and knees" in _texts(routine.exercise("up-from-floor"))
    assert routine.exercise("legs-on-chair").duration >= 90 and routine.exercise("side-lying").duration >= 90


def test_the_flare_up_plan_never_says_rest():
    routine = _routine("flare-up")
    texts = [routine.description, *(_texts(e) for e in routine.exercises)]
    assert not any(re.search(r"\brest\b", text.lower()) for text in texts)


def test_the_desk_break_is_drawn_from_the_posture_reset():
    desk, posture = _routine("desk-break"), _routine("posture-reset")
    posture_ids = {e.id for e in posture.exercises}
    assert {e.id for e in desk.exercises[1:]} <= posture_ids
    assert desk.pain_check == "end"
    assert estimated_seconds(desk) <= 150
