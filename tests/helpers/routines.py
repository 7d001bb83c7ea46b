"""Routine texts and the seed sources the tests share."""

from __future__ import annotations

from pathlib import Path

SMALL = """\
format = 1
title = "Small routine"
prepare = 3

[[exercises]]
id = "knee-to-chest"
name = "Knee-to-chest"
how = ["Lie on your back.", "Draw one knee in."]
cues = ["Breathe slowly.", "Gentle pull."]
caution = "Stop if pain spreads into a leg."
hold = 10
reps = 2
rest = 5
sides = "each"

[[exercises]]
id = "pelvic-tilt"
name = "Pelvic tilt"
how = ["Flatten your back to the floor."]
reps = 3
tempo = [2, 1, 2]

[[exercises]]
id = "bird-dog"
name = "Bird dog"
how = ["On hands and knees, reach out one arm and the other leg."]
reps = 8
sets = 2
rest = 10
easier = "pelvic-tilt"

[[exercises]]
id = "walk"
name = "Easy walk"
how = ["Walk at an easy pace."]
duration = 60
"""
"""Four exercises: a hold on each side with rests, reps to a tempo, sets at your own pace, a timed walk."""

SEED_FILES = {
    "000_84b18329a5d00774.txt",
    "001_2782d5a0639a4d26.txt",
    "002_938c41e1b65cdf95.txt",
    "003_1eb83e7e4533b963.txt",
    "004_e7d96563a60eeb5c.txt",
}
SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"
"""Where the seed sources are, beside the repository, when they are there at all."""

HOSTILE = "[bold]B[/] [link=x]L[/link] [@click=app.quit]Q[/] [/] \x1b[31mR\x07\x00\u202eZ"
"""Markup, a link, an action, an escape sequence, a bell, a null and a right-to-left override."""


def hostile_routine() -> str:
    """SMALL with ``HOSTILE`` after its title, names, steps, cues and caution, as its description and as a focus."""
    escaped = (
        HOSTILE.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\x1b", "\\u001b")
        .replace("\x07", "\\u0007")
        .replace("\x00", "\\u0000")
        .replace("\u202e", "\\u202e")
    )
    text = SMALL
    for original in (
        "Small routine",
        "Knee-to-chest",
        "Lie on your back.",
        "Breathe slowly.",
        "Gentle pull.",
        "Stop if pain spreads into a leg.",
        "Pelvic tilt",
        "Bird dog",
    ):
        text = text.replace(f'"{original}"', f'"{original} {escaped}"')
    return text.replace("prepare = 3", f'prepare = 3\ndescription = "{escaped}"\nfocus = ["[b]"]')
