"""Routine files judged as TOML reads them: lines end only at LF, strings and comments are text,
every problem is listed at its own place, in line order."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.errors import RoutineError
from coach.routines.loader import LIMITS, load_routine_text
from coach.routines.model import MAX_FILE_BYTES
from coach.routines.toml_outline import Outline

HEAD = 'format = 1\ntitle = "T"\n'
FINISHES = 120
"""Seconds a child coach gets before the test calls it hung; generous, never a speed check."""


def problems_of(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load_routine_text(text, "r.toml")
    return [p.format() for p in caught.value.problems]


def exercise(exercise_id: str, extra: str = "", dose: str = "hold = 5") -> str:
    return f'\n[[exercises]]\nid = "{exercise_id}"\nname = "N"\nhow = ["Do it."]\n{dose}\n{extra}'


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_line_separator_then_a_line_of_escaped_quotes_is_judged_at_once(tmp_path):
    """240 KB: U+2028 in a literal string, 120,000 escaped quotes after it, one unknown key."""
    text = HEAD + "description = 'a\u2028" + '\\"' * 120_000 + "'\nbogus = 1\n" + exercise("a")
    path = tmp_path / "separator.toml"
    path.write_text(text, encoding="utf-8")
    assert 230_000 < path.stat().st_size < MAX_FILE_BYTES
    done = subprocess.run(
        [sys.executable, "-m", "coach", "validate", str(path)], capture_output=True, text=True, timeout=FINISHES
    )
    assert done.returncode == 1
    assert f"{path}:4:1: bogus: unknown key; did you mean 'focus'?" in done.stderr.splitlines()


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_unicode_line_separators_do_not_end_a_toml_line(separator):
    text = HEAD + f"description = \"a{separator}b{separator}c\"\nnote = '{separator}'\nbogus = 1\n" + exercise("a")
    assert [p.split(": ")[0] for p in problems_of(text)] == ["r.toml:4:1", "r.toml:5:1"]


@pytest.mark.parametrize(
    "fake", ["'\u2028[[exercises]]'", '\'\u2028"""\'', "\"\u2028'''\"", "'\u2028[other]'", '\'\u2028x = """\'']
)
def test_a_fake_header_or_quotes_after_a_separator_keeps_every_later_place(fake):
    text = HEAD + f"description = {fake}\nbogus = 1\n" + exercise("a", "bogus2 = 1")
    assert problems_of(text) == [
        "r.toml:4:1: bogus: unknown key; did you mean 'focus'?",
        f"r.toml:{line_of(text, 'bogus2')}:1: exercises[0].bogus2: unknown key",
    ]


@pytest.mark.parametrize(
    "how",
    [
        "Count 1.2.3.4.5.6.7.8.9.10",
        "Count, 1.2.3.4.5.6.7.8.9.10",
        "Count [1.2.3.4.5.6.7.8.9.10]",
        "Count {1.2.3.4.5.6.7.8.9.10 = slowly}",
    ],
)
def test_dots_inside_a_string_are_not_a_dotted_key(how):
    routine = load_routine_text(HEAD + exercise("a").replace("Do it.", how))
    assert routine.exercises[0].how == (how,)


@pytest.mark.parametrize(
    "comment",
    [
        "# see https://a.b.c.d.e.f.g.h.i.j.example.org/x",
        "# mirrors: x, www.a.b.c.d.e.f.g.h.example.org/page",
        "# [www.a.b.c.d.e.f.g.h.example.org]",
    ],
)
def test_dots_inside_a_comment_are_not_a_dotted_key(comment):
    assert load_routine_text(HEAD + comment + "\n" + exercise("a") + comment + "\n").title == "T"


def test_bracket_lines_inside_a_multi_line_string_are_not_tables():
    description = "[\n" * 301 + "[x]\n[[exercises]]\n"
    routine = load_routine_text(HEAD + f'description = """\n{description}"""\n' + exercise("a"))
    assert routine.description == description


def test_comments_that_look_like_dotted_keys_are_not_tables():
    assert load_routine_text(HEAD + "# see, a.b = 1\n" * 301 + exercise("a")).title == "T"


def test_a_quoted_key_that_looks_like_a_path_is_placed_and_named_as_written():
    text = HEAD + '"exercises[0].hold" = 1\n' + exercise("a")
    [problem] = problems_of(text)
    assert problem == "r.toml:3:1: \"exercises[0].hold\": unknown key; did you mean 'exercises'?"


def test_a_quoted_key_with_a_dot_is_named_with_its_quotes():
    [problem] = problems_of("'lit.key' = 2\n" + HEAD + exercise("a"))
    assert problem == 'r.toml:1:1: "lit.key": unknown key'


def test_inline_table_exercises_are_placed():
    text = HEAD + 'exercises = [\n  {id = "a", name = "A", how = ["x"], hold = "5"},\n  {id = "b", nam = "B"},\n]\n'
    assert problems_of(text) == [
        'r.toml:4:39: exercises[0].hold: must be a whole number from 1 to 600, not text "5"',
        "r.toml:5:3: exercises[1].name: is required",
        "r.toml:5:3: exercises[1].how: is required",
        "r.toml:5:3: exercises[1]: needs a dose: hold (seconds), reps, or duration (seconds)",
        "r.toml:5:14: exercises[1].nam: unknown key; did you mean 'name'?",
    ]


def test_a_bad_entry_of_a_list_is_placed_at_the_entry():
    text = HEAD + exercise("a").replace('how = ["Do it."]', 'how = [\n  "Do it.",\n  "",\n]')
    [problem] = problems_of(text)
    empty = line_of(text, '"",')
    assert problem == f"r.toml:{empty}:3: exercises[0].how[1]: must not be empty"


def test_a_routine_over_two_hours_is_placed_at_its_exercises():
    timed = [exercise(name, dose="duration = 3600") for name in ("a", "b", "c")]
    text = HEAD + "prepare = 0\n" + "".join(timed)
    [problem] = problems_of(text)
    assert problem.startswith(f"r.toml:{line_of(text, '[[exercises]]')}:1: exercises: the routine lasts 3:00:00")


def test_too_deep_nesting_is_placed_where_it_gets_too_deep():
    text = HEAD + exercise("a") + "\n[extra]\nx = " + "[" * 5000 + "]" * 5000 + "\n"
    [problem] = problems_of(text)
    line = line_of(text, "x = [")
    assert problem.startswith(f"r.toml:{line}:") and problem.endswith("is nested too deeply to be a routine")
    assert 5 <= int(problem.split(":")[2]) <= 5005


def test_every_problem_of_one_exercise_is_listed():
    text = HEAD + exercise("a", dose='hold = "20"\nreps = 2\ntempo = [1, 1, 1]')
    assert problems_of(text) == [
        f'r.toml:{line_of(text, "hold")}:1: exercises[0].hold: must be a whole number from 1 to 600, not text "20"',
        f"r.toml:{line_of(text, 'tempo')}:1: exercises[0].tempo: cannot be combined with hold; "
        "use reps with tempo, or hold with reps",
    ]


def test_problems_are_listed_in_line_order():
    text = 'format = 1\nlevel = "hard"\ntitle = 5\nbogus = 1\n' + exercise("a", "zz = 1")
    assert [p.split(":")[1] for p in problems_of(text)] == ["2", "3", "4", str(line_of(text, "zz"))]


def test_problems_without_a_place_follow_those_in_line_order():
    text = 'format = 1\nbogus = 1\nlevel = "hard"\n'
    assert problems_of(text) == [
        "r.toml:2:1: bogus: unknown key; did you mean 'focus'?",
        'r.toml:3:1: level: must be one of "gentle", "moderate", "challenging", not text "hard"',
        "r.toml: title: is required",
        "r.toml: exercises: is required: add at least one [[exercises]] table",
    ]


@pytest.mark.parametrize("title", ["\ue000\ue001", "\uffff", "\U000f0000", "\ufdd0 \ue000"])
def test_titles_of_only_private_use_or_non_characters_have_no_visible_text(title):
    [problem] = problems_of(f'format = 1\ntitle = "{title}"\n' + exercise("a"))
    assert problem.startswith("r.toml:2:1: title: must have visible text")
    assert "private-use" in problem


# Text as hostile as a shared file can make it: TOML's own punctuation, Unicode line separators.
hostile_text = st.text(
    alphabet=st.sampled_from(list("ab1 .,[]{}=#\"'\\\t\n\u2028\u2029\x85\u00e9")) | st.characters(codec="utf-8"),
    max_size=40,
)


def basic(text: str) -> str:
    """``text`` as a TOML basic string."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def multi_line_basic(text: str) -> str:
    """``text`` as a TOML multi-line basic string, its line ends kept as real ones."""
    return '"""' + "\n".join(basic(line)[1:-1] for line in text.split("\n")) + '"""'


def plain(text: str) -> bool:
    """Whether ``text`` can stand in a literal string or a comment as it is."""
    return not any((ord(char) < 32 and char != "\t") or char == "\x7f" for char in text)


@st.composite
def hostile_statement(draw, key: str) -> str:
    text = draw(hostile_text)
    line = text.replace("\n", " ")
    comment = line if plain(line) else ""
    forms = [
        f"{key} = {basic(text)}",
        f"{key} = {multi_line_basic(text)}",
        f"{key} = [ {basic(text)}, # {comment}\n  {basic(line)},\n]",
        f"{key} = {{ a = {basic(text)}, b = [{basic(line)}] }}",
        f"# {comment}\n{key} = 1",
    ]
    if plain(line) and "'" not in line:
        forms.append(f"{key} = '{line}'")
    if plain(text) and "'''" not in text and not text.endswith("'"):
        forms.append(f"{key} = '''{text}'''")
    return draw(st.sampled_from(forms))


@st.composite
def routines_with_hostile_text(draw) -> tuple[str, list[tuple[str, int]]]:
    """A routine whose unknown keys hold hostile text, and the line each of those keys is on."""
    text, places = HEAD, []
    for number in range(draw(st.integers(1, 8))):
        key = f"k{number}"
        statement = draw(hostile_statement(key))
        places.append((key, text.count("\n") + statement[: statement.index(f"{key} =")].count("\n") + 1))
        text += statement + "\n"
    return text + exercise("a"), places


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routines_with_hostile_text())
def test_hostile_text_in_strings_and_comments_never_moves_a_place_nor_trips_a_guard(document):
    text, places = document
    assert len(text.encode()) <= MAX_FILE_BYTES
    tomllib.loads(text)
    assert [p.split(": ")[:2] for p in problems_of(text)] == [[f"r.toml:{line}:1", key] for key, line in places]


toml_keys = st.text(alphabet=st.sampled_from(list("ab-_1 .\"'[]#=\u2028\x85é")), min_size=1, max_size=8)


toml_values = st.recursive(
    st.integers(-5, 5) | st.booleans() | hostile_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(toml_keys, children, max_size=3),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(toml_keys, toml_values, min_size=1, max_size=6))
def test_the_guards_never_refuse_a_document_toml_reads_within_the_limits(document):
    """Whatever tomli-w writes, keys and strings full of dots, brackets and quotes included: when
    tomllib reads it back and it stays within the limits a routine needs, it is not refused, and
    every top-level key is placed where it is written."""
    text = tomli_w.dumps(document)
    assert tomllib.loads(text) == document and len(text.encode()) <= MAX_FILE_BYTES
    outline = Outline(text, LIMITS)
    assert outline.excess is None
    for key in document:
        offset = outline.offset_of((key,))
        assert offset is not None, key
        assert text[offset] in ("[", '"', "'", key[0]), (key, text[offset:][:20])
