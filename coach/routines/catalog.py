"""Find routines: bundled ones, the user's routines folder, and paths named on the command line."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coach.errors import RoutineError, UsageError
from coach.paths import bundled_routines_dir, routines_dir
from coach.routines.loader import Parsed, Problem, load_routine
from coach.routines.model import Routine
from coach.routines.parse_cache import ParseCache
from coach.routines.plan import estimated_seconds


@dataclass(frozen=True)
class Entry:
    """One routine file and what loading it gave: a routine or its problems."""

    path: Path
    source: str
    """"bundled", "yours" or "given"."""
    routine: Routine | None
    problems: tuple[Problem, ...] = ()
    is_folder: bool = False
    """A routines folder that cannot be read: ``problems`` says why, and its routines are missing."""

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def title(self) -> str:
        return self.routine.title if self.routine else self.path.name

    @property
    def minutes(self) -> int | None:
        if self.routine is None:
            return None
        return max(1, round(estimated_seconds(self.routine) / 60))

    @property
    def error(self) -> str:
        return self.problems[0].format() if self.problems else ""


def load_entry(path: Path, source: str, parsed: Parsed | None = None) -> Entry:
    try:
        return Entry(path, source, load_routine(path, parsed))
    except RoutineError as error:
        return Entry(path, source, None, tuple(error.problems))


def bundled(data: Path | None = None, save: bool = False) -> list[Entry]:
    """The routines that come with coach; with ``data``, what its cache holds of them is not parsed
    again, and with ``save`` the cache is brought up to date."""
    cache = ParseCache(data) if data is not None else None
    entries = _folder_entries(bundled_routines_dir(), "bundled", cache)
    if cache is not None and save:
        cache.save()
    return entries


def discover(data: Path, given: list[Path] | tuple[Path, ...] = (), cache: bool = False) -> list[Entry]:
    """Every routine coach can offer, bundled first, then the user's, then the given paths; a folder
    that cannot be read is an entry of its own, with the reason. With ``cache`` the bundled routines
    are read through the data folder's cache, which is brought up to date."""
    entries = bundled(data, save=True) if cache else bundled()
    entries += _folder_entries(routines_dir(data), "yours")
    entries += [load_entry(Path(p), "given") for p in given]
    return entries


def resolve(data: Path, name_or_path: str) -> Entry:
    """Find a routine by file path or by name (the user's folder first, then the bundled ones)."""
    candidate = Path(name_or_path).expanduser()
    if candidate.suffix == ".toml" or candidate.exists() or "/" in name_or_path:
        if not candidate.exists():
            raise UsageError(f"No routine file at {name_or_path}.")
        return load_entry(candidate, "given")
    for folder, source in ((routines_dir(data), "yours"), (bundled_routines_dir(), "bundled")):
        path = folder / f"{name_or_path}.toml"
        if path.is_file():
            return load_entry(path, source)
    known = ", ".join(sorted({e.name for e in discover(data) if not e.is_folder})) or "none"
    raise UsageError(f"No routine named '{name_or_path}'; known routines: {known}.")


def _folder_entries(folder: Path, source: str, parsed: Parsed | None = None) -> list[Entry]:
    """The routine files in ``folder``, loaded; none when it does not exist."""
    try:
        with os.scandir(folder) as found:
            paths = sorted(Path(e.path) for e in found if e.name.endswith(".toml") and not e.name.startswith("."))
    except FileNotFoundError:
        return []
    except OSError as error:
        why = f"cannot be read ({error.strerror or error}); its routines are not listed"
        return [Entry(folder, source, None, (Problem(str(folder), why),), is_folder=True)]
    return [load_entry(path, source, parsed) for path in paths]
