"""The 0-10 scale every rating in coach is given on (pain, and the activities): its keys, its one hint,
and how a 1 waits for a 0."""

from __future__ import annotations

SCALE_KEYS = {**{str(n): n for n in range(10)}, "t": 10}
"""Keys that answer a 0-10 scale: the digits, and t for ten. Nothing is chosen in advance."""
TEN_AFTER_ONE = 1.0
"""Seconds a 1 on a 0-10 scale waits for a 0 that makes it 10."""
CONFIRM_KEYS = ("enter", "space")
SCALE_HINT = "0 no pain, 10 worst imaginable. Press a number; for 10 press 1 then 0."
"""Short enough for one line of the session's question panel at 80 columns (72 cells)."""
TYPED_ONE_HINT = "1 … press 0 now to make it 10, enter for 1, escape to take it back"


class ScaleEntry:
    """Keys to a 0-10 rating: 0, 2-9 and t answer at once; 1 waits ``TEN_AFTER_ONE`` for a 0 (10).

    Enter or space takes the waiting 1 at once and escape takes it back; any other key, or the
    moment passing, makes it 1, and that other key then goes to whatever comes next.
    """

    def __init__(self) -> None:
        self.one_at: float | None = None

    @property
    def waiting(self) -> bool:
        return self.one_at is not None

    def clear(self) -> None:
        self.one_at = None

    def seconds_left(self, now: float) -> float | None:
        return None if self.one_at is None else max(0.0, self.one_at + TEN_AFTER_ONE - now)

    def due(self, now: float) -> int | None:
        """The waiting 1, once its moment has passed."""
        if self.one_at is not None and now - self.one_at >= TEN_AFTER_ONE:
            self.one_at = None
            return 1
        return None

    def press(self, key: str, now: float) -> tuple[int | None, bool]:
        """The rating this key completes (or None), and whether the key was used up by the scale."""
        if self.one_at is not None:
            if self.due(now) is not None:
                return 1, False
            self.one_at = None
            if key == "0":
                return 10, True
            if key in CONFIRM_KEYS:
                return 1, True
            if key == "escape":
                return None, True
            return 1, False
        if key == "1":
            self.one_at = now
            return None, True
        rating = SCALE_KEYS.get(key)
        return rating, rating is not None
