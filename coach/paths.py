"""Where coach keeps its files: the data folder and the bundled routines."""

from __future__ import annotations

import os
from pathlib import Path

from coach.errors import CoachError
from coach.files import make_private_folder

PACKAGE_DIR = Path(__file__).parent
"""The installed ``coach`` package: coach is installed as files, never run from a zip."""
APP_NAME = "coach"
DATA_DIR_ENV = "COACH_DATA_DIR"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``explicit``, else ``$COACH_DATA_DIR``, else the platform's user data dir."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def check_data_dir(data: Path) -> None:
    """Raise ``CoachError`` when a file stands where the data folder, or a folder above it, should be."""
    for folder in (data, *data.parents):
        if folder.is_dir():
            return
        if folder.exists():
            raise CoachError(
                f"{folder} is a file, not a folder: give --data-dir or {DATA_DIR_ENV} a folder.", title="Data folder"
            )


def routines_dir(data: Path) -> Path:
    """The user's own routines."""
    return data / "routines"


def sessions_dir(data: Path) -> Path:
    """One TOML log per session."""
    return data / "sessions"


def exports_dir(data: Path) -> Path:
    """One dated folder per export from the history screen."""
    return data / "exports"


def config_path(data: Path) -> Path:
    return data / "config.toml"


def _shipped(installed: str, checkout: str) -> Path:
    """A file or folder shipped inside the package (a wheel), else where a source checkout keeps it."""
    inside = PACKAGE_DIR / installed
    if inside.exists():
        return inside
    return PACKAGE_DIR.parent / checkout


def bundled_routines_dir() -> Path:
    """The routines shipped with coach, installed or in a source checkout."""
    return _shipped("_routines", "routines")


def schema_path() -> Path:
    """The JSON Schema for routine format v1, installed or in a source checkout."""
    return _shipped("_schemas/routine-v1.json", "schemas/routine-v1.json")


OPEN_FOLDER_WARNING = (
    "{folder} holds health data and other users can read it; it belongs to another user, so coach "
    "cannot make it private. Change its owner, or give coach a data folder of your own."
)


def open_health_folders(data: Path) -> list[Path]:
    """The folders of health data (sessions, exports) that others can read and coach cannot make private,
    because they belong to another user; the others are made owner-only on the way."""
    found = []
    for folder in (sessions_dir(data), exports_dir(data)):
        if not folder.is_dir() or folder.is_symlink():
            continue
        try:
            private = make_private_folder(folder, health_data=True)
        except OSError:
            continue
        if not private:
            found.append(folder)
    return found
