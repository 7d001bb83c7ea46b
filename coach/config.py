"""The user's settings, kept in ``config.toml`` in the data folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.atomic import write_atomic
from coach.errors import CoachError
from coach.files import UnreadableToml, make_private_folder, read_bounded, read_toml, toml_text
from coach.paths import config_path
from coach.reminders import Rhythm, rhythm_from_settings

MAX_CONFIG_BYTES = 64 * 1024
DEFAULT_RATE = 160
"""Words a minute of the spoken cues, unless ``voice_rate`` says otherwise."""


@dataclass
class Config:
    """Settings remembered between runs."""

    accepted_notice: bool = False
    """The first-run notice was read and accepted."""
    sound: bool = True
    """Ring the terminal bell at every phase change."""
    voice: bool = True
    """Speak the cues when a speech program is installed."""
    voice_rate: int = DEFAULT_RATE
    """Speaking rate in words per minute."""
    rhythm: Rhythm | None = None
    """The days and time to exercise that ``coach remind`` set, kept as ``remind_days`` and ``remind_at``."""


SIMPLE_SETTINGS = ("accepted_notice", "sound", "voice", "voice_rate")
"""The settings kept in ``config.toml`` under their own names."""


def load_config(data: Path) -> Config:
    """The saved settings; defaults for anything missing, unreadable or of the wrong type."""
    try:
        content = read_toml(read_bounded(config_path(data), MAX_CONFIG_BYTES))
    except (OSError, UnreadableToml):
        return Config()
    defaults = Config()
    values: dict[str, Any] = {name: _setting(content, name, getattr(defaults, name)) for name in SIMPLE_SETTINGS}
    return Config(**values, rhythm=rhythm_from_settings(content.get("remind_days"), content.get("remind_at")))


def save_config(data: Path, config: Config) -> None:
    """Write the settings atomically; raises ``CoachError`` when they cannot be saved."""
    path = config_path(data)
    text = toml_text(settings_table(config))
    try:
        make_private_folder(path.parent)
        write_atomic(path, text)
    except OSError as error:
        message = f"Could not save the settings to {path}: {error.strerror or error}."
        raise CoachError(message, title="Settings not saved") from error


def settings_table(config: Config) -> dict[str, Any]:
    """What ``config.toml`` holds: the simple settings, then the rhythm when one is set."""
    table: dict[str, Any] = {name: getattr(config, name) for name in SIMPLE_SETTINGS}
    if config.rhythm is not None:
        table["remind_days"] = config.rhythm.day_keys
        table["remind_at"] = config.rhythm.at_text
    return table


def _setting(content: dict[str, Any], name: str, default: bool | int) -> bool | int:
    value = content.get(name)
    return value if type(value) is type(default) else default
