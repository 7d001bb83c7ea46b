"""Settings: defaults when missing or corrupt, atomic saves."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from coach.config import Config, load_config, save_config
from coach.errors import CoachError
from coach.paths import config_path


def test_missing_config_gives_defaults(tmp_path):
    assert load_config(tmp_path / "nowhere") == Config(accepted_notice=False, sound=True)


def test_saved_config_loads_back(tmp_path):
    save_config(tmp_path, Config(accepted_notice=True, sound=False))
    assert load_config(tmp_path) == Config(accepted_notice=True, sound=False)


def test_save_creates_the_data_folder(tmp_path):
    data = tmp_path / "new" / "data"
    save_config(data, Config(accepted_notice=True))
    assert load_config(data).accepted_notice is True


@pytest.mark.parametrize("content", [b"not toml [", b"\xff\xfe\x00", b""])
def test_corrupt_config_gives_defaults(tmp_path, content):
    config_path(tmp_path).write_bytes(content)
    assert load_config(tmp_path) == Config()


def test_wrong_types_fall_back_per_setting(tmp_path):
    config_path(tmp_path).write_text('accepted_notice = "yes"\nsound = false\nfuture = 3\n')
    assert load_config(tmp_path) == Config(accepted_notice=False, sound=False)


def test_voice_settings_load_back_and_a_rate_of_the_wrong_type_falls_back(tmp_path):
    save_config(tmp_path, Config(voice=False, voice_rate=200))
    assert load_config(tmp_path) == Config(voice=False, voice_rate=200)
    config_path(tmp_path).write_text('voice = "no"\nvoice_rate = true\n')
    assert load_config(tmp_path) == Config()


def test_config_that_is_a_folder_gives_defaults(tmp_path):
    config_path(tmp_path).mkdir()
    assert load_config(tmp_path) == Config()


def test_save_leaves_no_temporary_files(tmp_path):
    for accepted in (True, False, True):
        save_config(tmp_path, Config(accepted_notice=accepted))
    assert os.listdir(tmp_path) == ["config.toml"]


def test_failed_save_raises_coach_error_and_keeps_old_config(tmp_path, monkeypatch):
    save_config(tmp_path, Config(accepted_notice=True))

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("coach.atomic.os.replace", fail)
    with pytest.raises(CoachError, match="No space left"):
        save_config(tmp_path, Config(sound=False))
    assert load_config(tmp_path) == Config(accepted_notice=True)
    assert os.listdir(tmp_path) == ["config.toml"]


def test_a_file_where_the_data_folder_should_be_is_named(tmp_path):
    data = tmp_path / "data"
    data.write_text("not a folder")
    with pytest.raises(CoachError) as caught:
        save_config(data, Config(accepted_notice=True))
    assert f"{data} is a file, not a folder" in caught.value.message and "File exists" not in caught.value.message


def test_a_pipe_or_device_as_config_gives_defaults(tmp_path):
    os.mkfifo(config_path(tmp_path))
    code = (
        "import sys; from pathlib import Path; from coach.config import load_config; "
        "print(load_config(Path(sys.argv[1])))"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == repr(Config())


def test_the_data_folder_is_created_private(tmp_path):
    data = tmp_path / "data"
    save_config(data, Config(accepted_notice=True))
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE(config_path(data).stat().st_mode) == 0o600
