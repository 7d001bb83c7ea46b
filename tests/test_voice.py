"""Spoken cues: what a whole session says and when, and how text reaches a speech program."""

from __future__ import annotations

import shutil
import subprocess
import wave
from array import array
from dataclasses import dataclass

import pytest

from coach.paths import bundled_routines_dir
from coach.routines.plan import Phase, Segment
from coach.session.announcer import COUNT_FROM, HALFWAY_FROM, QUIET_AFTER_GO, START_SECONDS, WORDS_PER_SECOND, Announcer
from coach.session.speech import MAX_CHARS, ProgramSpeaker, SilentSpeaker, find_speaker, speakable
from tests.helpers.routines import SMALL, hostile_routine
from tests.helpers.session import make_session

BUNDLED = sorted(path.stem for path in bundled_routines_dir().glob("*.toml"))
MARKUP_AND_ESCAPES = ("[", "]", "<", ">", "\x1b", "\x07", "\x00", "\u202e", "\ufffd")


@dataclass(frozen=True)
class Heard:
    at: float
    text: str
    run: int
    segment: int
    """The engine's run and segment index when it was said (-1 between exercises)."""


def follow(text: str, tmp_path, rating: str = "2") -> tuple[list[Heard], object, float]:
    """Run a whole routine as the screen does: wake at each display change, answer every question.

    Returns what was said, the session and the seconds it took.
    """
    session, clock = make_session(text, tmp_path)
    announcer = Announcer()
    heard: list[Heard] = []
    start = clock.now

    def listen() -> None:
        said = announcer.cue(session, session.drain_events())
        if said:
            engine = session.engine
            at_segment = engine.segment is not None
            heard.append(
                Heard(
                    clock.now - start,
                    said,
                    engine.run_index if at_segment else -1,
                    engine.segment_index if at_segment else -1,
                )
            )

    listen()
    while not session.over:
        question = session.question
        if question is not None:
            clock.advance(2)
            session.key(rating if question.scale else question.options[0].key)
        elif session.running and session.engine.waits_for_user:
            clock.advance(2)
            session.key("space")
        else:
            clock.advance(session.seconds_to_next_change() + 0.005)
            session.tick()
        listen()
    return heard, session, clock.now - start


def segments_of(session) -> list[tuple[int, int, Segment]]:
    return [(r, s, segment) for r, run in enumerate(session.engine.runs) for s, segment in enumerate(run.segments)]


@pytest.mark.parametrize("name", BUNDLED)
def test_a_whole_bundled_routine_says_each_cue_once_and_no_more_than_one_a_second(name, tmp_path):
    heard, session, seconds = follow((bundled_routines_dir() / f"{name}.toml").read_text(), tmp_path)
    said_in = {}
    for item in heard:
        said_in.setdefault((item.run, item.segment), []).append(item)
    assert len(heard) <= seconds
    assert len({item.at for item in heard}) == len(heard), "two utterances at one moment cut each other off"
    for r, s, segment in segments_of(session):
        texts = [item.text for item in said_in.get((r, s), [])]
        run = session.engine.runs[r]
        assert texts, f"nothing said in {run.exercise.id} segment {s}"
        if segment.phase is Phase.PREPARE:
            assert texts[0].startswith(run.exercise.name)
            side = ", left side first" if run.exercise.each_side else ""
            intro_words = len(f"{run.exercise.name}{side}. {run.exercise.how[0]}".split())
            fits = intro_words / WORDS_PER_SECOND <= segment.seconds
            assert (run.exercise.how[0] in texts[0]) is fits
        if segment.phase is Phase.SWITCH:
            assert texts == [f"Switch to your {segment.side} side."]
        if segment.phase is Phase.REST:
            assert texts[0].startswith("Rest. Next: ")
        counted = min(COUNT_FROM, (segment.seconds or 0) - START_SECONDS)
        counted = counted if counted >= 2 else 0
        if segment.phase in (Phase.HOLD, Phase.REST, Phase.ACTIVITY):
            assert [t for t in texts if t.isdigit()] == [str(n) for n in range(counted, 0, -1)]
        else:
            assert not any(t.isdigit() for t in texts)
        halfway = segment.phase is Phase.HOLD and segment.seconds >= HALFWAY_FROM
        assert texts.count("Halfway.") == (1 if halfway else 0)
    switches = [item for item in heard if item.text.startswith("Switch")]
    side_changes = sum(1 for _, _, segment in segments_of(session) if segment.phase is Phase.SWITCH)
    assert len(switches) == side_changes
    assert heard[-1].text == "Session complete." or heard[-2].text == "Session complete."


def test_the_counts_fall_on_the_last_three_seconds_and_halfway_on_the_middle(tmp_path):
    text = """\
format = 1
title = "Long holds"
prepare = 5

[[exercises]]
id = "long"
name = "Long hold"
how = ["Hold it long."]
hold = 40
reps = 2
rest = 10
"""
    heard, _, _ = follow(text, tmp_path)
    timeline = [(round(item.at), item.text) for item in heard]
    assert timeline[:8] == [
        (0, "Long hold. Hold it long."),
        (5, "Hold."),
        (25, "Halfway."),
        (42, "3"),
        (43, "2"),
        (44, "1"),
        (45, "Rest. Next: hold 2 of 2."),
        (52, "3"),
    ]


def test_tempo_reps_speak_the_routines_own_phase_words(tmp_path):
    text = """\
format = 1
title = "Tempo words"
prepare = 2
pain_check = "end"

[[exercises]]
id = "brace"
name = "Brace"
how = ["Tighten your middle."]
reps = 2
tempo = [2, 1, 2]
tempo_words = ["tighten", "hold", "release"]
"""
    heard, _, _ = follow(text, tmp_path)
    assert [item.text for item in heard][1:7] == ["Tighten.", "Hold.", "Release.", "Tighten.", "Hold.", "Release."]


def test_pause_resume_pain_check_and_the_end_are_spoken(tmp_path):
    session, clock = make_session((bundled_routines_dir() / "desk-break.toml").read_text(), tmp_path)
    announcer = Announcer()

    def cue() -> str:
        return announcer.cue(session, session.drain_events())

    assert cue().startswith("Walk away from the desk.")
    session.key("space")
    assert cue() == "Paused."
    clock.advance(30)
    session.key("space")
    assert cue() == "Go."
    session.key("s")
    assert cue().startswith("Standing neutral spine.")
    session.key("p")
    assert cue() == "Paused."
    session.key("a")
    session.key("9")
    assert cue() == "Stop exercising for today, but keep gently moving about; avoid bed rest."


def test_go_is_not_cut_off_by_a_count_straight_after_it(tmp_path):
    session, clock = make_session(SMALL, tmp_path)
    announcer = Announcer()
    clock.advance(3 + 10 - 3.1)
    session.tick()
    assert announcer.cue(session, session.drain_events()) == "Hold."
    session.key("space")
    assert announcer.cue(session, session.drain_events()) == "Paused."
    clock.advance(20)
    session.key("space")
    assert announcer.cue(session, session.drain_events()) == "Go."
    said = []
    for _ in range(12):
        clock.advance(0.25)
        session.tick()
        said.append((round(session.engine.seconds_in_segment(), 2), announcer.cue(session, session.drain_events())))
    spoken = [(at, text) for at, text in said if text]
    assert [text for _, text in spoken] == ["2", "1"], "3 falls within a second of go and is not said"
    assert spoken[0][0] >= 6.9 + QUIET_AFTER_GO


def test_an_intro_too_short_for_its_first_step_says_only_the_name(tmp_path):
    session, _ = make_session((bundled_routines_dir() / "desk-break.toml").read_text(), tmp_path)
    assert Announcer().cue(session, session.drain_events()) == "Walk away from the desk."
    long_intro = SMALL.replace("prepare = 3", "prepare = 10")
    session, _ = make_session(long_intro, tmp_path)
    assert Announcer().cue(session, session.drain_events()) == "Knee-to-chest, left side first. Lie on your back."


def test_a_session_ended_early_says_so_and_asks_the_pain_question(tmp_path):
    session, _ = make_session((bundled_routines_dir() / "desk-break.toml").read_text(), tmp_path)
    announcer = Announcer()
    announcer.cue(session, session.drain_events())
    session.key("q")
    session.key("y")
    assert announcer.cue(session, session.drain_events()) == (
        "Paused. Session ended. How is your pain now? Press 0 to 9, or 1 then 0 for 10."
    )


def test_what_is_said_from_a_hostile_routine_holds_no_markup_or_escapes(tmp_path):
    heard, _, _ = follow(hostile_routine(), tmp_path)
    spoken = [speakable(item.text) for item in heard]
    assert any("Knee-to-chest" in text for text in spoken)
    for text in spoken:
        assert not any(mark in text for mark in MARKUP_AND_ESCAPES), text
        assert text.isprintable() and len(text) <= MAX_CHARS


class FakeProcess:
    def __init__(self, argv: list[str], **options) -> None:
        self.argv = argv
        self.options = options
        self.running = True
        self.terminated = False

    def poll(self) -> int | None:
        return None if self.running else 0

    def terminate(self) -> None:
        self.terminated = True


class FakePopen:
    def __init__(self) -> None:
        self.started: list[FakeProcess] = []

    def __call__(self, argv, **options) -> FakeProcess:
        process = FakeProcess(argv, **options)
        self.started.append(process)
        return process


@pytest.mark.parametrize(
    "program, expected",
    [
        ("/usr/bin/espeak-ng", ["/usr/bin/espeak-ng", "-s", "160", "--", "-v en --stdout Bridge"]),
        ("/usr/bin/spd-say", ["/usr/bin/spd-say", "-r", "0", "--", "-v en --stdout Bridge"]),
        ("/usr/bin/say", ["/usr/bin/say", "-r", "160", " -v en --stdout Bridge"]),
    ],
)
def test_a_name_starting_with_a_dash_is_passed_as_text_never_as_an_option(program, expected):
    popen = FakePopen()
    ProgramSpeaker(program, 160, popen).say("-v en --stdout Bridge")
    [process] = popen.started
    assert process.argv == expected
    assert process.options["shell"] is False and process.options["start_new_session"] is True
    assert all(process.options[stream] is subprocess.DEVNULL for stream in ("stdin", "stdout", "stderr"))


def test_a_new_utterance_cuts_off_the_one_still_speaking_and_finished_ones_are_reaped():
    popen = FakePopen()
    speaker = ProgramSpeaker("/usr/bin/espeak-ng", 500, popen)
    speaker.say("Hold.")
    speaker.say("3")
    first, second = popen.started
    assert first.terminated and not second.terminated
    assert second.argv[1:3] == ["-s", "400"], "the rate is kept within what an engine can say"
    first.running = False
    second.running = False
    speaker.say("2")
    assert not second.terminated, "a finished utterance is not signalled"
    assert speaker._stopping == []
    speaker.say("\x07 \u202e [] <>")
    assert len(popen.started) == 3, "nothing is started for text with nothing to say"


def test_long_text_is_cut_at_a_word_and_control_characters_never_reach_the_program():
    text = speakable("Lie\x1b[2J down\tand\nbreathe. " + "slowly " * 60)
    assert len(text) <= MAX_CHARS and text.startswith("Lie down and breathe. slowly") and text.endswith("slowly")


def test_no_speech_program_gives_a_silent_speaker(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    speaker = find_speaker()
    assert isinstance(speaker, SilentSpeaker) and speaker.engine == ""
    program = tmp_path / "spd-say"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    found = find_speaker(200)
    assert isinstance(found, ProgramSpeaker) and found.engine == "spd-say" and found.rate == 200


def wav_peak(path) -> int:
    with wave.open(str(path)) as wav:
        assert wav.getsampwidth() == 2
        samples = array("h", wav.readframes(wav.getnframes()))
    return max((abs(s) for s in samples), default=0)


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed (apt install espeak-ng)")
def test_espeak_ng_says_an_utterance_from_a_hostile_routine_as_audio(tmp_path):
    text = (
        hostile_routine()
        .replace('name = "Knee-to-chest ', 'name = "--version ')
        .replace("prepare = 3\n", "prepare = 30\n")
    )
    heard, _, _ = follow(text, tmp_path)
    utterance = next(item.text for item in heard if item.text.startswith("--version"))
    command = ProgramSpeaker(shutil.which("espeak-ng")).command(speakable(utterance))
    assert command[-2:] == ["--", speakable(utterance)] and "Lie on your back." in command[-1]
    out = tmp_path / "cue.wav"
    result = subprocess.run([command[0], "-w", str(out), *command[1:]], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "eSpeak" not in result.stdout, "the name was read as an option"
    assert wav_peak(out) > 1000, "the WAV holds only silence"


def test_terminal_codes_and_markup_tags_are_not_spoken_as_words():
    said = speakable("-v [bold]Bridge[/bold]. [bold red]Lie[/] down \x1b[31mnow \x1b]2;PWNED\x07 [@click=app.quit]Q[/]")
    assert said == "-v Bridge . Lie down now Q"


def test_opening_the_steps_on_a_card_that_waits_for_space_says_no_pause_or_go(tmp_path):
    session, _ = make_session(SMALL.replace("prepare = 3", "prepare = 0"), tmp_path)
    announcer = Announcer()
    assert announcer.cue(session, session.drain_events()).startswith("Knee-to-chest")
    session.key("i")
    session.key("escape")
    assert announcer.cue(session, session.drain_events()) == ""
    assert session.engine.waits_for_user


def test_words_in_brackets_are_spoken_when_they_are_not_markup():
    assert (
        speakable("Bend the knee [about 30 degrees], [both sides].") == "Bend the knee about 30 degrees , both sides ."
    )


def test_a_short_rest_is_not_counted_with_a_lone_one():
    from coach.session.announcer import count_from

    assert [count_from(s) for s in (3, 4, 5, 6, 30)] == [0, 0, 2, 3, 3]


def test_a_red_check_is_spoken_and_the_card_that_waits_says_space_starts_it(tmp_path):
    from tests.helpers.session import run_until_question

    session, clock = make_session(SMALL.replace("prepare = 3", "prepare = 0"), tmp_path, pain_before=2)
    announcer = Announcer()
    assert announcer.cue(session, session.drain_events()).endswith("Press space to start.")
    session.key("space")
    run_until_question(session, clock)
    announcer.cue(session, session.drain_events())
    session.key("7")
    said = announcer.cue(session, session.drain_events())
    assert said == "Pain 7/10, up from 2: we recommend stopping. The choices are on screen."
