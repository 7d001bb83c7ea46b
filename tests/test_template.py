"""``coach new NAME`` writes a template that validates and never overwrites."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

import pytest
from jsonschema import Draft202012Validator

from coach.errors import UsageError
from coach.paths import schema_path
from coach.routines.loader import load_routine
from coach.routines.template import TEMPLATE, write_template


def test_template_has_a_schema_placeholder():
    assert TEMPLATE.startswith("#:schema {schema}\n")


def test_written_template_loads(tmp_path):
    folder = tmp_path / "data" / "routines"
    path = write_template("morning-back", folder, schema_path())
    assert path == folder / "morning-back.toml"
    routine = load_routine(path)
    assert routine.title == "Morning back"
    assert routine.name == "morning-back"
    assert routine.exercises


def test_written_template_points_at_the_schema_and_satisfies_it(tmp_path):
    path = write_template("x", tmp_path, schema_path())
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"#:schema {schema_path().resolve().as_uri()}"
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    assert Draft202012Validator(schema).is_valid(tomllib.loads(text))


def test_refuses_to_overwrite(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError, match="already exists"):
        write_template("mine", tmp_path, schema_path())
    assert path.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("name", ["a", "a" * 60, "back-2", "7-minute"])
def test_good_names(tmp_path, name):
    assert write_template(name, tmp_path, schema_path()).name == f"{name}.toml"


@pytest.mark.parametrize(
    "name", ["", "a" * 61, "My-Routine", "my_routine", "my routine", "-x", "../evil", "x.toml", "é", "a\x1b[2J"]
)
def test_bad_names(tmp_path, name):
    with pytest.raises(UsageError) as caught:
        write_template(name, tmp_path, schema_path())
    assert "\x1b" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_does_not_import_textual():
    code = "import sys, coach.routines.template; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_template_names_the_tilt_phases(tmp_path):
    tilt = load_routine(write_template("t", tmp_path, schema_path())).exercise("pelvic-tilt")
    assert tilt.tempo_words == ("tighten", "hold", "release")
