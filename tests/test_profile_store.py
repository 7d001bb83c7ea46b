"""The health profile's file: read like every untrusted file, and saved answer by answer."""

from __future__ import annotations

import os
import stat
import threading
from datetime import datetime, timedelta, timezone

import pytest

from coach.cli import main
from coach.errors import CoachError
from coach.safety.profile import Profile
from coach.safety.profile_questions import ANSWER_IDS, CLEARANCE_QUESTION, KNOWN_LEG_QUESTION
from coach.safety.profile_store import load_profile, profile_path, save_profile
from tests.helpers import checks

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def answered(yes: tuple[str, ...] = (), at: datetime = NOW) -> Profile:
    return checks.profile(yes=yes, at=at)


def load_within(data, seconds: float = 10.0) -> CoachError:
    """The error loading the profile raises, failing the test if it takes longer than ``seconds``."""
    outcome: list[BaseException | None] = []

    def read() -> None:
        try:
            load_profile(data)
            outcome.append(None)
        except BaseException as error:  # noqa: BLE001 - the test reports whatever it was
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(seconds)
    assert outcome, f"reading the profile took more than {seconds} s"
    assert isinstance(outcome[0], CoachError), repr(outcome[0])
    return outcome[0]


def test_a_profile_nested_thousands_deep_is_one_sentence(data_dir):
    profile_path(data_dir).write_text("format = 1\nchanges = " + "[" * 5000 + "]" * 5000 + "\n")
    error = load_within(data_dir)
    assert error.title == "Health profile not read" and "\n" not in error.message


def test_a_pipe_in_place_of_the_profile_is_refused_at_once(data_dir):
    os.mkfifo(profile_path(data_dir))
    error = load_within(data_dir)
    assert "not a regular file" in error.message


def test_a_link_to_an_endless_device_is_refused_unread(data_dir):
    profile_path(data_dir).symlink_to("/dev/zero")
    error = load_within(data_dir)
    assert "not a regular file" in error.message


def test_a_huge_profile_is_refused_unread(data_dir):
    with profile_path(data_dir).open("wb") as file:
        file.truncate(50 * 1024 * 1024)
    error = load_within(data_dir)
    assert "larger than 256 KiB" in error.message


def test_the_report_leaves_out_a_profile_nested_thousands_deep(data_dir, capsys):
    profile_path(data_dir).write_text("format = 1\nchanges = " + "[" * 5000 + "]" * 5000 + "\n")
    assert main(["--data-dir", str(data_dir), "history", "--format", "markdown"]) == 0


@pytest.mark.parametrize(
    "text",
    [
        "\udcff\udcfe",
        "format = ",
        "format = 2",
        'format = 1\n[answers.pregnancy]\nvalue = "no"\nat = "x"\n',
        'format = 1\n[answers.headache]\nvalue = true\nat = "x"\n',
        "format = 1\nchanges = 3\n",
        "format = 1\nanswers = 3\n",
        "format = 1\n[answers.pregnancy]\nvalue = true\n",
        "format = 1\n[answers.pregnancy]\nat = 2026-11-21T09:00:00+01:00\nvalue = true\n",
        "format = 1\nchanges = [3]\n",
        'format = 1\nchanges = [{at = "2026-11-21T09:00:00+01:00", question = "pregnancy"}]\n',
        'format = 1\nreviewed_at = "2026-11-21T09:00:00"\n',
        'format = 1\nreviewed_at = "yesterday"\n',
        "format = 1\nreviewed_at = 3\n",
        "format = 99999999999999999999999999\n",
    ],
)
def test_every_malformed_profile_is_one_sentence(data_dir, text):
    profile_path(data_dir).write_bytes(text.encode("utf-8", "surrogateescape"))
    error = load_within(data_dir)
    assert error.title == "Health profile not read" and "\n" not in error.message


def test_two_windows_saving_one_after_the_other_keep_both_answers(data_dir):
    save_profile(data_dir, answered())
    first, second = load_profile(data_dir), load_profile(data_dir)
    first.answer("osteoporosis", True, NOW + timedelta(hours=1))
    save_profile(data_dir, first)
    second.answer("pregnancy", True, NOW + timedelta(hours=2))
    second.mark_reviewed(NOW + timedelta(hours=2))
    save_profile(data_dir, second)
    saved = load_profile(data_dir)
    assert saved.value("osteoporosis") is True and saved.value("pregnancy") is True
    assert saved.reviewed_at == NOW + timedelta(hours=2)
    late = [(c.question, c.value) for c in saved.changes if c.at > NOW]
    assert late == [("osteoporosis", True), ("pregnancy", True)]
    assert len(saved.changes) == len(ANSWER_IDS) + 2


def test_the_newer_answer_to_one_question_wins_and_both_stay_in_the_changes(data_dir):
    save_profile(data_dir, answered())
    first, second = load_profile(data_dir), load_profile(data_dir)
    second.answer("osteoporosis", True, NOW + timedelta(hours=2))
    first.answer("osteoporosis", True, NOW + timedelta(hours=1))
    first.answer("osteoporosis", False, NOW + timedelta(hours=3))
    save_profile(data_dir, second)
    save_profile(data_dir, first)
    saved = load_profile(data_dir)
    assert saved.value("osteoporosis") is False
    history = [(c.at - NOW, c.value) for c in saved.changes if c.question == "osteoporosis"]
    assert history == [(timedelta(0), False)] + [(timedelta(hours=h), v) for h, v in ((1, True), (2, True), (3, False))]


def test_saving_twice_the_same_profile_keeps_each_change_once(data_dir):
    profile = answered()
    save_profile(data_dir, profile)
    save_profile(data_dir, profile)
    assert len(load_profile(data_dir).changes) == len(ANSWER_IDS)


def test_no_profile_file_loads_as_an_empty_profile(data_dir):
    assert load_profile(data_dir) == Profile()


def test_profile_round_trips_through_the_file(data_dir):
    profile = answered(yes=("cancer-history", KNOWN_LEG_QUESTION.id))
    profile.answer(CLEARANCE_QUESTION.id, True, NOW + timedelta(days=1))
    save_profile(data_dir, profile)
    assert load_profile(data_dir) == profile


def test_the_file_keeps_each_date_as_iso_text_with_its_offset(data_dir):
    save_profile(data_dir, answered())
    text = profile_path(data_dir).read_text()
    assert 'reviewed_at = "2026-11-21T09:00:00+01:00"' in text
    assert text.count('at = "2026-11-21T09:00:00+01:00"') == 1 + 2 * len(ANSWER_IDS)


def test_profile_file_and_folder_are_readable_by_their_owner_only(tmp_path):
    data = tmp_path / "fresh"
    save_profile(data, answered())
    assert stat.S_IMODE(profile_path(data).stat().st_mode) == 0o600
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_saving_leaves_no_temporary_file(data_dir):
    save_profile(data_dir, answered())
    assert sorted(p.name for p in data_dir.iterdir()) == ["profile.toml"]


def test_a_damaged_profile_is_replaced_when_saved_and_kept_beside_it(data_dir):
    profile_path(data_dir).write_text("format = ")
    save_profile(data_dir, answered())
    assert load_profile(data_dir) == answered()
    kept = [p for p in data_dir.iterdir() if p.name.startswith("profile.toml.damaged-")]
    assert [p.read_text() for p in kept] == ["format = "]
