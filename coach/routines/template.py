"""The commented routine template written by ``coach new NAME``."""

from __future__ import annotations

import re
from pathlib import Path

from coach.atomic import write_new
from coach.errors import UsageError
from coach.files import make_private_folder
from coach.text import clean

NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")

TEMPLATE = """\
#:schema {schema}
# A coach routine, format 1. Check it: coach validate <this file>. Run it: coach run {name}
# Every field is explained in docs/routine-format.md of the coach project.

format = 1                       # required; always 1
# required, 1-80 characters:
title = "{title}"
description = "Who this routine is for, and when not to use it."
level = "gentle"                 # gentle | moderate | challenging
focus = ["core"]                 # short tags
# Conditions under which the user must not do this routine without advice, e.g.
# contraindications = ["osteoporosis", "spinal-fracture"]
prepare = 10                     # get-ready seconds before each exercise, 0-60
pain_check = "each"              # ask for a 0-10 pain score after "each" exercise, or at the "end"
progress = true                  # false keeps this file's dose every time; true moves it in levels

# Each [[exercises]] table is one exercise, done in the order written.
# Dose it in exactly one way:
#   hold = 20             seconds per hold, with reps = number of holds
#   reps = 10             at the user's own pace (space when done)
#   reps + tempo = [lift, hold, lower]   paced reps (tempo_words renames the phases)
#   duration = 300        a timed activity such as walking
# Name the source each exercise rests on in a comment above it.

# source: seeds/000_84b18329a5d00774.txt (pelvic tilt)
[[exercises]]
id = "pelvic-tilt"               # lowercase letters, digits and '-', unique in this file
name = "Pelvic tilt"
how = [
    "Lie on your back, knees bent, feet flat on the floor.",
    "TIGHTEN: firm your tummy so the small of your back flattens onto the mat.",
    "HOLD: keep it there and keep breathing.",
    "RELEASE: let go slowly.",
]
cues = [
    "Breathe out as you flatten your back.",
    "Small and slow, no pushing.",
]
caution = "Stop if pain turns sharp or spreads into a leg."
reps = 10
tempo = [2, 2, 2]
tempo_words = ["tighten", "hold", "release"]   # optional: names for the phases (default lift, hold, lower)
sets = 2
rest = 20                        # seconds between holds and between sets

# source: seeds/000_84b18329a5d00774.txt (knee-to-chest)
[[exercises]]
id = "knee-to-chest"
name = "Knee-to-chest"
how = [
    "Lie on your back, knees bent, feet flat.",
    "Hold behind one thigh and slowly draw that knee towards your chest.",
    "Stop where you feel a mild stretch; never pull further.",
]
cues = ["Breathe slowly through the hold."]
caution = "Stop if pain turns sharp or spreads into a leg."
sides = "each"                   # left, then right
hold = 20
reps = 3
rest = 10
easier = "pelvic-tilt"           # the gentler exercise offered if this one hurts
"""


def title_from_name(name: str) -> str:
    """``my-back-routine`` -> ``My back routine``."""
    words = " ".join(part for part in name.split("-") if part)
    return words[:1].upper() + words[1:]


def render(name: str, schema: Path) -> str:
    """The template for ``name`` with its ``#:schema`` line pointing at ``schema``."""
    return (
        TEMPLATE.replace("{schema}", schema.resolve().as_uri())
        .replace("{name}", name)
        .replace("{title}", title_from_name(name))
    )


def write_template(name: str, folder: Path, schema: Path) -> Path:
    """Write ``folder/NAME.toml`` from the template and return its path; never overwrite."""
    if not NAME_PATTERN.fullmatch(name):
        raise UsageError(
            f"'{clean(name)[:80]}' is not a valid routine name: use 1 to 60 lowercase letters, digits "
            "and '-', starting with a letter or digit, e.g. 'morning-back'."
        )
    path = folder / f"{name}.toml"
    if path.exists():
        raise UsageError(f"{path} already exists; choose another name or edit that file.")
    try:
        make_private_folder(folder)
        write_new(path, render(name, schema))
    except FileExistsError:
        raise UsageError(f"{path} already exists; choose another name or edit that file.") from None
    except OSError as error:
        raise UsageError(f"Cannot write {path}: {error.strerror or error}.") from None
    return path
