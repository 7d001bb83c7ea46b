"""Routine files: every way a shared file can be wrong gives a clean, placed problem."""

from __future__ import annotations

import math

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.errors import RoutineError
from coach.routines.loader import MAX_KEY_PARTS, load_routine, load_routine_text, validate_routine
from coach.routines.model import Dosing
from tests.helpers.routines import SMALL


def problems_of(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load_routine_text(text, "r.toml")
    return [p.format() for p in caught.value.problems]


def test_a_valid_routine_loads_into_typed_objects():
    routine = load_routine_text(SMALL)
    assert routine.title == "Small routine"
    assert [e.dosing for e in routine.exercises] == [Dosing.HOLD, Dosing.TEMPO, Dosing.REPS, Dosing.TIMED]
    assert routine.exercises[0].each_side and routine.exercises[0].reps == 2
    assert routine.exercises[1].tempo == (2, 1, 2)
    assert routine.prepare == 3 and routine.pain_check == "each"


def test_file_name_becomes_the_routine_name(tmp_path):
    path = tmp_path / "my-routine.toml"
    path.write_text(SMALL)
    routine = load_routine(path)
    assert routine.name == "my-routine" and routine.path == path


def test_unknown_key_suggests_the_near_miss():
    assert problems_of(SMALL.replace("prepare = 3", "prepare = 3\nlevle = 'gentle'")) == [
        "r.toml:4:1: levle: unknown key; did you mean 'level'?"
    ]


def test_toml_syntax_error_gives_line_and_column():
    [line] = problems_of('format = 1\ntitle = "x\n')
    assert line.startswith("r.toml:2:") and "not valid TOML" in line


@pytest.mark.parametrize(
    "bad, shown", [("true", "true"), ("nan", "nan"), ("inf", "inf"), ("2.5", "2.5"), ('"20"', 'text "20"')]
)
def test_integers_are_integers(bad, shown):
    [line] = problems_of(SMALL.replace("hold = 10", f"hold = {bad}"))
    assert line == f"r.toml:11:1: exercises[0].hold: must be a whole number from 1 to 600, not {shown}"


def test_empty_file_is_a_clean_error():
    assert problems_of("") == ["r.toml: is empty; a routine needs format, title and exercises"]


def test_unsupported_format():
    [line] = problems_of(SMALL.replace("format = 1", "format = 2"))
    assert "unsupported format 2" in line and line.startswith("r.toml:1:1:")


def test_format_must_be_the_integer_one():
    assert problems_of(SMALL.replace("format = 1", "format = 1.0"))


def test_duplicate_ids_name_both_places():
    [line] = problems_of(SMALL.replace('id = "walk"', 'id = "pelvic-tilt"'))
    assert "exercises[3].id: duplicate id 'pelvic-tilt' (also exercises[1])" in line


def test_easier_must_name_an_exercise_in_the_file():
    [line] = problems_of(SMALL.replace('easier = "pelvic-tilt"', 'easier = "nope"'))
    assert 'exercises[2].easier: names no exercise in this file: text "nope"' in line


def test_a_routine_over_two_hours_is_refused():
    [line] = problems_of(
        SMALL.replace("duration = 60", "duration = 3600")
        .replace("reps = 8\nsets = 2", "reps = 8\nsets = 20")
        .replace("rest = 10\neasier", "rest = 600\neasier")
    )
    assert "lasts 4:19:22; the most is 2:00:00" in line


def test_tempo_with_hold_is_refused():
    [line] = problems_of(SMALL.replace("tempo = [2, 1, 2]", "tempo = [2, 1, 2]\nhold = 3"))
    assert "tempo: cannot be combined with hold" in line


def test_duration_excludes_other_dosing():
    [line] = problems_of(SMALL.replace("duration = 60", "duration = 60\nreps = 2"))
    assert "a timed activity cannot also have reps" in line


def test_an_exercise_needs_a_dose():
    [line] = problems_of(SMALL.replace("duration = 60", ""))
    assert "exercises[3]: needs a dose" in line


def test_tempo_words_name_the_phases():
    routine = load_routine_text(
        SMALL.replace("tempo = [2, 1, 2]", 'tempo = [2, 1, 2]\ntempo_words = ["tighten", "hold", "release"]')
    )
    assert routine.exercises[1].tempo_words == ("tighten", "hold", "release")
    assert routine.exercises[0].tempo_words is None


def test_tempo_words_need_tempo():
    [line] = problems_of(SMALL.replace("hold = 10", 'hold = 10\ntempo_words = ["a", "b", "c"]'))
    assert (
        line == "r.toml:12:1: exercises[0].tempo_words: only goes with tempo: it names the three phases of a paced rep"
    )


@pytest.mark.parametrize(
    "words, problem",
    [
        ('["up", "down"]', "tempo_words: must be three words"),
        ('"up"', "tempo_words: must be three words"),
        ('["up", "let go", "down"]', 'tempo_words[1]: must be one word of 1 to 12 letters, not text "let go"'),
        ('["up", "hold", "downwardsdownwards"]', "tempo_words[2]: must be one word of 1 to 12 letters"),
        ('[2, "hold", "down"]', "tempo_words[0]: must be one word of 1 to 12 letters, not 2"),
    ],
)
def test_bad_tempo_words_are_placed(words, problem):
    [line] = problems_of(SMALL.replace("tempo = [2, 1, 2]", f"tempo = [2, 1, 2]\ntempo_words = {words}"))
    assert f"exercises[1].{problem}" in line


def test_tempo_words_near_miss_is_suggested():
    [line] = problems_of(SMALL.replace("tempo = [2, 1, 2]", 'tempo = [2, 1, 2]\ntempo_word = ["a", "b", "c"]'))
    assert line.endswith("exercises[1].tempo_word: unknown key; did you mean 'tempo_words'?")


def test_tempo_needs_a_phase_longer_than_zero():
    [line] = problems_of(SMALL.replace("tempo = [2, 1, 2]", "tempo = [0, 0, 0]"))
    assert "at least one phase" in line


def test_unknown_contraindication_suggests_a_known_one():
    [line] = problems_of(SMALL.replace("prepare = 3", 'contraindications = ["osteoporsis"]'))
    assert "did you mean 'osteoporosis'" in line


def test_binary_and_invalid_utf8_files(tmp_path):
    path = tmp_path / "bin.toml"
    path.write_bytes(b'title = "ok"\n\xff\xfe\x00\x01')
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert caught.value.problems[0].format() == f"{path}:2:1: is not valid UTF-8 text; save it as UTF-8"


def test_files_over_256_kib_are_refused_without_parsing(tmp_path):
    path = tmp_path / "big.toml"
    path.write_text("# x\n" * 70000)
    with pytest.raises(RoutineError, match="larger than 256 KiB"):
        load_routine(path)


def test_deeply_nested_arrays_are_a_clean_error():
    text = "format = 1\ntitle = " + "[" * 5000 + "]" * 5000 + "\n"
    [line] = problems_of(text)
    assert "nested too deeply" in line


@pytest.mark.parametrize(
    "key",
    ["a." * 25000 + "b = 1", '"a".' * 20000 + "b = 1", "[" + "a." * 25000 + "b]", "x = {" + "a . " * 25000 + "b = 1}"],
    ids=["bare", "quoted", "table", "inline"],
)
def test_a_key_of_thousands_of_dotted_parts_is_one_placed_line(key):
    [line] = problems_of("format = 1\n" + key + "\n")
    assert line.startswith("r.toml:2:")
    assert line.endswith(f"not valid TOML for a routine: a dotted key of more than {MAX_KEY_PARTS} parts")


def test_sentences_and_short_dotted_keys_are_not_deep_keys():
    prose = " ".join(f"Step {n}. Breathe out, e.g. slowly." for n in range(25))
    text = SMALL.replace('title = "Small routine"', f'title = "Small routine"\ndescription = "{prose}"')
    assert load_routine_text(text).description == prose
    assert not any(
        "dotted key" in line for line in problems_of("format = 1\n" + "a." * (MAX_KEY_PARTS - 1) + "b = 1\n")
    )


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(RoutineError, match="no such file"):
        load_routine(tmp_path / "none.toml")
    with pytest.raises(RoutineError, match="is a folder"):
        load_routine(tmp_path)


def test_control_characters_never_reach_the_message():
    [line] = problems_of(SMALL.replace('id = "walk"', 'id = "walk"\n"w\\u001b[31m" = 1'))
    assert "\x1b" not in line and '"w\\u001b[31m": unknown key' in line


def test_markup_in_text_is_kept_as_written():
    routine = load_routine_text(SMALL.replace("Small routine", "[bold]Small[/] [@click=app.quit]x[/]"))
    assert routine.title == "[bold]Small[/] [@click=app.quit]x[/]"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
exercise_like = st.fixed_dictionaries(
    {},
    optional={
        k: json_values
        for k in (
            "id",
            "name",
            "how",
            "cues",
            "caution",
            "sides",
            "sets",
            "rest",
            "easier",
            "hold",
            "reps",
            "tempo",
            "tempo_words",
            "duration",
        )
    },
)
routine_like = st.fixed_dictionaries(
    {},
    optional={
        "format": st.sampled_from([1, 2, "1", True, 1.0]) | json_values,
        "title": json_values,
        "level": json_values,
        "focus": json_values,
        "contraindications": json_values,
        "prepare": json_values,
        "pain_check": json_values,
        "exercises": st.lists(exercise_like, max_size=3) | json_values,
    },
)


@settings(max_examples=300, deadline=None)
@given(routine_like)
def test_random_documents_only_ever_raise_routine_error(document):
    try:
        validate_routine(document, "r.toml")
    except RoutineError as error:
        assert error.problems
        assert all(p.format().startswith("r.toml") for p in error.problems)


def _without_none(value):
    if isinstance(value, dict):
        return {str(k): _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value if v is not None]
    return value


@settings(max_examples=200, deadline=None)
@given(routine_like)
def test_random_toml_text_only_ever_raises_routine_error(document):
    text = tomli_w.dumps(_without_none(document))
    try:
        load_routine_text(text, "r.toml")
    except RoutineError as error:
        assert error.problems


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_only_ever_raise_routine_error(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("fuzz") / "r.toml"
    path.write_bytes(raw)
    try:
        load_routine(path)
    except RoutineError as error:
        assert error.problems


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_random_text_only_ever_raises_routine_error(text):
    try:
        load_routine_text(text)
    except RoutineError as error:
        assert error.problems


def test_nan_is_named_in_the_message():
    assert math.isnan(float("nan"))
    [line] = problems_of(SMALL.replace("rest = 5", "rest = nan"))
    assert line.endswith("not nan")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_told_to_be_saved_as_utf8(tmp_path, encoding):
    path = tmp_path / "wide.toml"
    mark = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path.write_bytes(mark + SMALL.encode(encoding))
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert [p.format() for p in caught.value.problems] == [f"{path}:1:1: is UTF-16 text; save it as UTF-8"]


def test_a_byte_order_mark_inside_the_file_is_named():
    [line] = problems_of(SMALL.replace('title = "Small routine"', '\ufefftitle = "Small routine"'))
    assert line.startswith("r.toml:2:") and line.endswith("(a byte-order mark, U+FEFF, stands here: delete it)")


def test_a_contraindication_that_is_not_text_says_it_must_be_a_name():
    [line] = problems_of(SMALL.replace("prepare = 3", "prepare = 3\ncontraindications = [5]"))
    assert "contraindications[0]: must be the name of a condition, not 5; known: osteoporosis" in line


@pytest.mark.parametrize(
    ("added", "expected"),
    [
        ("a.b.c = 3\n", "r.toml:1:1: a: unknown key"),
        ("'lit.key' = 2\n", 'r.toml:1:1: "lit.key": unknown key'),
        ('"x" . y = 2\n', "r.toml:1:1: x: unknown key"),
    ],
)
def test_dotted_and_quoted_keys_are_placed(added, expected):
    assert problems_of(added + SMALL) == [expected]


def test_a_table_header_inside_an_exercise_is_placed():
    lines = problems_of(SMALL + "\n[exercises.nested]\nx = 1\n")
    last = len((SMALL + "\n").splitlines()) + 1
    assert lines[0].startswith(f"r.toml:{last}:1: exercises[3].nested: unknown key")


def test_a_quoted_key_written_with_escapes_is_placed():
    text = SMALL.replace('title = "Small routine"', 'title = "Small routine"\n"bo\\u0067us" = 7\n"x\\\\y" = 1')
    lines = problems_of(text)
    assert any(line.startswith("r.toml:3:1: bogus: unknown key") for line in lines), lines
    assert any(line.startswith('r.toml:4:1: "x\\\\y": unknown key') for line in lines), lines
