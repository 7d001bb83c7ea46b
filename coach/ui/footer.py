"""The key footer on narrow terminals."""

from __future__ import annotations

from textual.widgets import Footer

COMPACT_FOOTER_BELOW = 70
"""Narrower than this, the footer drops its spacing so every key, the last one too, stays on screen."""
NARROW_BELOW = 70
"""Narrower than this, some keys leave the footer (they still work; help lists them)."""


def fit_footer(footer: Footer, width: int) -> None:
    footer.compact = width < COMPACT_FOOTER_BELOW
