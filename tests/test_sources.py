"""Everything coach teaches is traceable to a source, and written in its own words."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from coach.learn import CARDS, SEED_TITLES, SOURCES
from coach.paths import bundled_routines_dir
from coach.safety.check_texts import (
    ASSESSED_QUESTION,
    EMERGENCY_QUESTION,
    PAIN_QUESTION,
    SINCE_IDS,
    anything_new_question,
    followup_question,
    leg_question,
    since_question,
)
from coach.safety.profile_questions import CLEARANCE_QUESTION
from coach.safety.profile_questions import QUESTIONS as PROFILE_QUESTIONS
from coach.safety.urgency import SIGNS
from tests.helpers.routines import SEED_FILES, SEEDS_DIR

RUN = 8
"""Words in a row that may not be shared with a source."""
SOURCES_DOC = Path(__file__).resolve().parents[1] / "docs" / "sources.md"
SAFETY_DOC = SOURCES_DOC.with_name("safety.md")
CLINICAL_SOURCES = ("CKS", "NG234", "GIRFT", "cauda equina card", "NG156", "NG59")
ROUTINES = sorted(bundled_routines_dir().glob("*.toml"))
SEED_CODES = {name[:3] for name in SEED_FILES}
SOURCE_CODES = {source.key for source in SOURCES}
"""Every code a row of docs/sources.md may give in its source column: the seeds' and the named sources'."""


def words(text: str) -> list[str]:
    """Lower-case words with punctuation and apostrophes dropped."""
    return re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", text.lower()))


def runs(text: str, length: int = RUN) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + length]) for i in range(len(found) - length + 1)}


def shared_runs(text: str, seeds: dict[str, set]) -> dict[str, set]:
    mine = runs(text)
    return {name: mine & theirs for name, theirs in seeds.items() if mine & theirs}


@pytest.fixture(scope="module")
def seeds() -> dict[str, set]:
    if not SEEDS_DIR.is_dir():
        pytest.skip("the source documents are not next to this checkout")
    return {name: runs((SEEDS_DIR / name).read_text(encoding="utf-8")) for name in sorted(SEED_FILES)}


def routine_texts(path: Path) -> list[str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    texts = [data.get("description", "")]
    for exercise in data["exercises"]:
        texts += [*exercise["how"], *exercise.get("cues", []), exercise.get("caution", "")]
    return [t for t in texts if t]


def test_a_sentence_lifted_from_a_source_is_caught(seeds):
    lifted = "It is easy to injure the back if one does not warm up properly before exercising."
    assert "004_e7d96563a60eeb5c.txt" in shared_runs(lifted.upper().replace(" ", "  "), seeds)
    assert shared_runs("Warm up first: skipping it makes a back injury easy.", seeds) == {}


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.id)
def test_cards_are_in_our_own_words(card, seeds):
    """Every card, the reassurance cards from NICE and the NHS included: none shares a run of words
    with a seed (the clinical sources are not stored here; their facts are restated, never quoted)."""
    assert shared_runs(f"{card.title}. {card.text}", seeds) == {}


def test_the_copy_check_covers_every_card_and_every_routine():
    from coach.learn import GROUPS

    assert sum(len(group.cards) for group in GROUPS) == len(CARDS) == len({c.id for c in CARDS})
    assert {p.stem for p in ROUTINES} >= {"flare-up"}


@pytest.mark.parametrize("path", ROUTINES, ids=lambda p: p.stem)
def test_routines_are_in_our_own_words(path, seeds):
    for text in routine_texts(path):
        assert shared_runs(text, seeds) == {}, text


def section(doc: str, heading: str) -> str:
    """From ``heading`` to the next heading of its level or above (its subsections stay in)."""
    start = doc.index(heading)
    level = len(heading) - len(heading.lstrip("#"))
    following = re.search(rf"^#{{1,{level}}} ", doc[start + len(heading) :], re.M)
    return doc[start : start + len(heading) + following.start()] if following else doc[start:]


def row_for(text: str, key: str) -> str | None:
    match = re.search(rf"^\| `{re.escape(key)}` \|(.*)$", text, re.M)
    return match.group(1) if match else None


def cited(row: str) -> set[str]:
    """The source codes in a row's source column (the first cell after the key, codes split by commas)."""
    return SOURCE_CODES & {code.strip() for code in row.split("|")[0].split(",")}


@pytest.mark.parametrize("path", ROUTINES, ids=lambda p: p.stem)
def test_every_bundled_exercise_has_a_sourced_entry(path):
    doc = SOURCES_DOC.read_text(encoding="utf-8")
    text = section(doc, f"### `{path.stem}`")
    for exercise in tomllib.loads(path.read_text(encoding="utf-8"))["exercises"]:
        row = row_for(text, exercise["id"])
        assert row is not None, f"docs/sources.md has no entry for {path.stem} / {exercise['id']}"
        assert cited(row), row


def test_every_learn_card_has_a_sourced_entry_naming_the_same_sources():
    text = section(SOURCES_DOC.read_text(encoding="utf-8"), "## Learn cards")
    for card in CARDS:
        row = row_for(text, card.id)
        assert row is not None, card.id
        assert cited(row) == {source.key for source in card.sources}, card.id


def test_every_source_a_card_names_is_listed_by_its_code_and_title():
    doc = SOURCES_DOC.read_text(encoding="utf-8")
    for source in {s for card in CARDS for s in card.sources}:
        assert re.search(rf"^\| {re.escape(source.key)} \|(.*\|)? {re.escape(source.title)} \|", doc, re.M), source


def test_cards_name_their_sources_by_title_never_by_file():
    for card in CARDS:
        assert ".txt" not in card.source_line, card.id
        assert all(source.title in card.source_line for source in card.sources), card.id


CHECK_QUESTIONS = (
    EMERGENCY_QUESTION,
    ASSESSED_QUESTION,
    since_question(SINCE_IDS, first=False),
    leg_question(known=False),
    leg_question(known=True),
    PAIN_QUESTION,
    followup_question(14, stopped=False),
    followup_question(30, stopped=True),
    anything_new_question("10:05"),
)


def test_every_safety_question_and_listed_item_has_an_entry():
    text = section(SOURCES_DOC.read_text(encoding="utf-8"), "## Safety questions")
    for question in (*PROFILE_QUESTIONS, CLEARANCE_QUESTION, *CHECK_QUESTIONS):
        assert f"`{question.id}`" in text and question.text in text, question.id
        for item in question.items:
            assert f"`{item.id}`" in text, item.id


def test_every_sign_of_the_urgency_table_has_a_sourced_row_in_the_safety_doc():
    text = section(SAFETY_DOC.read_text(encoding="utf-8"), "## 2. Urgency by sign")
    for sign in SIGNS.values():
        row = row_for(text, sign.id)
        assert row is not None, sign.id
        assert any(name in row for name in CLINICAL_SOURCES), row


def test_the_sources_doc_names_every_seed_file_and_is_in_our_own_words(seeds):
    """The seeds' titles are named on purpose, as the cards name them; every other line is ours."""
    doc = SOURCES_DOC.read_text(encoding="utf-8")
    assert all(name in doc for name in SEED_FILES)
    for title in SEED_TITLES.values():
        doc = doc.replace(title, "")
    assert shared_runs(doc, seeds) == {}


TEXT_MODULES = sorted(
    path
    for folder in ("safety", "session", "history", "ui/screens", "ui/widgets")
    for path in (Path(__file__).resolve().parents[1] / "coach" / folder).glob("*.py")
) + [Path(__file__).resolve().parents[1] / "coach" / name for name in ("cli.py", "config.py")]
DOCS = sorted((Path(__file__).resolve().parents[1] / "docs").glob("*.md")) + [
    Path(__file__).resolve().parents[1] / "README.md"
]


def string_literals(path: Path) -> str:
    """Every string written in a module, one per line (adjacent literals are one string)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    return "\n".join(found)


@pytest.mark.parametrize("path", TEXT_MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_module_with_words_for_people_is_in_our_own_words(path, seeds):
    assert shared_runs(string_literals(path), seeds) == {}


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_every_doc_is_in_our_own_words(path, seeds):
    """The seeds' titles are named on purpose; every other line is ours."""
    text = path.read_text(encoding="utf-8")
    for title in SEED_TITLES.values():
        text = text.replace(title, "")
    assert shared_runs(text, seeds) == {}
