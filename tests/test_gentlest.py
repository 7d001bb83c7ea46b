"""The gentlest routine and the flare-up plan a verdict offers in place of the routine chosen."""

from __future__ import annotations

from pathlib import Path

from coach.routines.catalog import Entry, bundled, discover
from coach.safety.gentlest import bad_day_routine, flare_up_plan, gentlest
from tests.helpers.checks import profile


def test_gentlest_routine_is_the_lowest_level_then_the_shortest_that_the_profile_allows(tmp_path):
    from coach.routines.model import Dosing, Exercise, Routine

    def entry(name, level, seconds, contraindications=()):
        exercise = Exercise("e", "E", ("Do it.",), Dosing.TIMED, duration=seconds)
        return Entry(
            tmp_path / f"{name}.toml",
            "bundled",
            Routine(name, (exercise,), level=level, contraindications=contraindications, name=name),
        )

    entries = [
        entry("hard", "challenging", 60),
        entry("long", "gentle", 900),
        entry("short", "gentle", 300, ("pregnancy",)),
        entry("mid", "gentle", 600),
    ]
    assert gentlest(entries, profile()).name == "short"
    assert gentlest(entries, profile(yes=("pregnancy",))).name == "mid"


def _entry(tmp_path, name, level="gentle", holds=(), seconds=60, focus=()):
    from coach.routines.model import Dosing, Exercise, Routine

    exercises = [Exercise("walk", "Walk", ("Walk.",), Dosing.TIMED, duration=seconds)]
    exercises += [Exercise(f"h{n}", "Hold", ("Hold.",), Dosing.HOLD, hold=hold, reps=2) for n, hold in enumerate(holds)]
    return Entry(
        tmp_path / f"{name}.toml",
        "bundled",
        Routine(name, tuple(exercises), level=level, focus=tuple(focus), name=name),
    )


def test_gentlest_prefers_a_routine_made_for_a_bad_day_over_a_shorter_one(tmp_path):
    entries = [
        _entry(tmp_path, "desk", holds=(15,), seconds=30),
        _entry(tmp_path, "bad-day", holds=(5,), seconds=300, focus=("relief", "gentle")),
    ]
    assert gentlest(entries, profile()).name == "bad-day"


def test_gentlest_without_a_bad_day_routine_takes_the_shortest_longest_hold(tmp_path):
    entries = [
        _entry(tmp_path, "long-holds", holds=(30,), seconds=30),
        _entry(tmp_path, "short-holds", holds=(5, 5), seconds=600),
    ]
    assert gentlest(entries, profile()).name == "short-holds"


def test_gentlest_never_offers_a_shared_file_whatever_it_calls_itself(tmp_path):

    bundled = _entry(tmp_path, "bundled-one", holds=(10,), seconds=300, focus=("relief",))
    shared = Entry(
        tmp_path / "twist.toml", "yours", _entry(tmp_path, "twist", holds=(), seconds=10, focus=("gentle",)).routine
    )
    given = Entry(tmp_path / "given.toml", "given", shared.routine)
    assert gentlest([shared, given, bundled], profile()) is bundled
    assert gentlest([shared, given], profile()) is None


def test_gentlest_of_the_bundled_routines_is_the_flare_up_routine():
    assert gentlest(discover(Path("/nonexistent")), profile()).name == "flare-up"


def test_the_flare_up_plan_that_comes_with_coach_may_start_on_a_bad_day_a_shared_copy_may_not(tmp_path):
    flare_up = next(e for e in bundled() if e.name == "flare-up")
    assert bad_day_routine(flare_up)
    assert flare_up_plan(bundled(), profile()) == flare_up
    assert not bad_day_routine(Entry(tmp_path / "flare-up.toml", "yours", flare_up.routine))
    assert not any(bad_day_routine(e) for e in bundled() if e.name != "flare-up")


def test_a_walking_routine_of_timed_activities_may_start_on_a_bad_day(tmp_path):
    walk = _entry(tmp_path, "walk", focus=("walking",))
    assert bad_day_routine(Entry(walk.path, "yours", walk.routine))
    assert not bad_day_routine(_entry(tmp_path, "walk-and-hold", holds=(10,), focus=("walking",)))
