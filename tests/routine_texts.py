"""Routine TOML snippets used across tests."""

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
