"""Spoken cues in the running app: the screen hands the core's cues to the speaker; v switches them."""

from __future__ import annotations

from coach.config import Config, load_config, save_config
from coach.session.speech import SilentSpeaker
from coach.ui.screens.home import HomeScreen
from tests.helpers.app import accepted, answer, app_for, move, pass_safety_check, returning
from tests.helpers.clock import FakeClock
from tests.helpers.routines import SMALL
from tests.helpers.speaker import RecordingSpeaker

SIZE = (100, 30)


def small_routine(tmp_path):
    path = tmp_path / "small.toml"
    path.write_text(SMALL)
    return path


def status(screen) -> str:
    return str(screen.query_one("#status").text).strip()


async def test_the_speaker_hears_the_cues_as_they_fall_due(data_dir, tmp_path):
    clock = FakeClock()
    speaker = RecordingSpeaker(clock)
    routine = small_routine(tmp_path)
    app = app_for(returning(data_dir, routine), routine, clock, speaker=speaker)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        start = clock.now
        await move(pilot, clock, 13)
        assert status(screen) == ""
    heard = [(round(at - start), text) for at, text in speaker.heard]
    assert heard == [
        (0, "Knee-to-chest, left side first."),  # the first step would not fit in 3 s
        (3, "Hold."),
        (10, "3"),
        (11, "2"),
        (12, "1"),
        (13, "Rest. Next: hold 2 of 2."),
    ]


async def test_v_switches_the_voice_off_and_on_and_it_is_remembered(data_dir, tmp_path):
    clock = FakeClock()
    speaker = RecordingSpeaker(clock)
    routine = small_routine(tmp_path)
    app = app_for(returning(data_dir, routine), routine, clock, speaker=speaker)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 3)
        assert speaker.texts[-1] == "Hold."
        await answer(pilot, "v")
        assert status(screen) == "voice off"
        assert speaker.stops == 1, "what is being said is cut off"
        assert load_config(data_dir).voice is False
        said = len(speaker.heard)
        await move(pilot, clock, 10)
        assert len(speaker.heard) == said
        await answer(pilot, "v")
        await move(pilot, clock, 10)
        assert status(screen) == "" and speaker.texts[said:] == ["2", "1", "Hold."]
    assert load_config(data_dir).voice is True


async def test_v_on_home_switches_the_voice_and_the_session_starts_quiet(data_dir, tmp_path):
    clock = FakeClock()
    speaker = RecordingSpeaker(clock)
    save_config(accepted(data_dir), Config(accepted_notice=True, sound=False))
    app = app_for(data_dir, None, clock, speaker=speaker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await answer(pilot, "v")
        assert load_config(data_dir).voice is False
    app = app_for(data_dir, small_routine(tmp_path), clock, speaker=speaker)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 5)
        assert status(screen) == "sound off  voice off"
    assert speaker.heard == []


async def test_without_a_speech_program_the_status_line_says_no_voice(data_dir, tmp_path):
    clock = FakeClock()
    from coach.routines.catalog import load_entry
    from coach.ui.app import build_app

    app = build_app(
        accepted(data_dir),
        start_with=load_entry(small_routine(tmp_path), "given"),
        clock=clock,
        bell=lambda: None,
        scheduler=clock.schedule,
        speaker=SilentSpeaker(),
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        assert status(screen) == "no voice"


async def test_the_command_line_choice_holds_for_this_run_without_changing_the_saved_setting(data_dir, tmp_path):
    clock = FakeClock()
    speaker = RecordingSpeaker(clock)
    from coach.routines.catalog import load_entry
    from coach.ui.app import build_app

    app = build_app(
        accepted(data_dir),
        start_with=load_entry(small_routine(tmp_path), "given"),
        clock=clock,
        bell=lambda: None,
        scheduler=clock.schedule,
        speaker=speaker,
        voice=False,
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await answer(pilot, "m")
        await move(pilot, clock, 5)
        assert status(screen) == "sound off  voice off"
    assert speaker.heard == []
    assert load_config(data_dir) == Config(accepted_notice=True, sound=False, voice=True)


async def test_m_and_v_work_while_a_question_is_open(data_dir, tmp_path):
    clock = FakeClock()
    app = app_for(accepted(data_dir), small_routine(tmp_path), clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await answer(pilot, "q")
        assert screen.session.question is not None
        await answer(pilot, "v", "m")
        assert "voice off" in status(screen) and "sound off" in status(screen)
        assert screen.session.question is not None
    saved = load_config(data_dir)
    assert saved.voice is False and saved.sound is False
