"""The user's settings, kept in ``config.toml`` in the data folder."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import tomli_w

from coach.atomic import write_atomic
from coach.errors import CoachError
from coach.files import make_private_folder, read_bounded
from coach.paths import config_path
from coach.session.speech import DEFAULT_RATE

MAX_CONFIG_BYTES = 64 * 1024


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


def load_config(data: Path) -> Config:
    """The saved settings; defaults for anything missing, unreadable or of the wrong type."""
    try:
        content = tomllib.loads(read_bounded(config_path(data), MAX_CONFIG_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return Config()
    defaults = Config()
    values: dict[str, Any] = {
        setting.name: _setting(content, setting.name, getattr(defaults, setting.name)) for setting in fields(Config)
    }
    return Config(**values)


def save_config(data: Path, config: Config) -> None:
    """Write the settings atomically; raises ``CoachError`` when they cannot be saved."""
    path = config_path(data)
    text = tomli_w.dumps({setting.name: getattr(config, setting.name) for setting in fields(Config)})
    try:
        make_private_folder(path.parent)
        write_atomic(path, text)
    except OSError as error:
        message = f"Could not save the settings to {path}: {error.strerror or error}."
        raise CoachError(message, title="Settings not saved") from error


def _setting(content: dict[str, Any], name: str, default: bool | int) -> bool | int:
    value = content.get(name)
    return value if type(value) is type(default) else default
