"""What TOML made of the bundled routine files, kept in the data folder so home's first frame
lists them without parsing them again. A document is kept under its file's whole text: a changed
file never finds one, and no hash module is imported before the first frame. Every routine is
still validated; a cache that cannot be read or written is left aside, never an error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coach.atomic import write_atomic
from coach.files import read_bounded

CACHE_FILE = Path("cache") / "parsed-routines.json"
MAX_CACHE_BYTES = 4 * 1024 * 1024


class ParseCache:
    """One data folder's cache, read once; ``save`` keeps only the documents used in this run."""

    def __init__(self, data: Path) -> None:
        self.path = data / CACHE_FILE
        self._read = self._load()
        self._used: dict[str, dict[str, Any]] = {}

    def _load(self) -> dict[str, Any]:
        try:
            content = json.loads(read_bounded(self.path, MAX_CACHE_BYTES))
        except (OSError, ValueError, RecursionError):
            return {}
        return content if isinstance(content, dict) else {}

    def get(self, key: str) -> dict[str, Any] | None:
        document = self._read.get(key)
        if not isinstance(document, dict):
            return None
        self._used[key] = document
        return document

    def put(self, key: str, document: dict[str, Any]) -> None:
        self._used[key] = document

    def save(self) -> None:
        """Write the documents used in this run, when they are not what the file holds."""
        if self._used == self._read:
            return
        try:
            text = json.dumps(self._used)
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomic(self.path, text)
        except (OSError, TypeError, ValueError):
            return
        self._read = dict(self._used)
