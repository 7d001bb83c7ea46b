"""The cache of parsed bundled routines: the same routines as parsing, never trusted over the file."""

from __future__ import annotations

import json

import pytest

from coach.paths import bundled_routines_dir
from coach.routines import loader
from coach.routines.catalog import bundled, discover
from coach.routines.parse_cache import CACHE_FILE, ParseCache


def test_cached_routines_are_the_parsed_ones_and_need_no_parsing(data_dir, monkeypatch):
    parsed = bundled()
    discover(data_dir, cache=True)
    assert (data_dir / CACHE_FILE).is_file()
    monkeypatch.setattr(loader, "_parse", lambda *_: pytest.fail("parsed again"))
    assert bundled(data_dir) == parsed


def test_a_changed_file_is_parsed_again_whatever_the_cache_holds(data_dir, tmp_path):
    discover(data_dir, cache=True)
    cache = data_dir / CACHE_FILE
    documents = json.loads(cache.read_text())
    for document in documents.values():
        document["title"] = "Planted title"
    cache.write_text(json.dumps(documents))
    titles = {entry.title for entry in bundled(data_dir)}
    assert "Planted title" in titles, "the cache is keyed by the files' text, which did not change"
    path = tmp_path / "mine.toml"
    routine = next(iter(bundled_paths()))
    path.write_bytes(routine.read_bytes() + b"\n# edited\n")
    cached = ParseCache(data_dir)
    assert loader.load_routine(path, cached).title != "Planted title", "other text, other key: parsed"


def bundled_paths():
    return sorted(bundled_routines_dir().glob("*.toml"))


@pytest.mark.parametrize("content", [b"not json", b"[1, 2]", b'{"x": 1}', b"[" * 100_000, b"\xff"])
def test_a_damaged_cache_is_left_aside_and_written_again(data_dir, content):
    (data_dir / CACHE_FILE).parent.mkdir(parents=True)
    (data_dir / CACHE_FILE).write_bytes(content)
    assert [e.title for e in discover(data_dir, cache=True)] == [e.title for e in bundled()]
    assert set(json.loads((data_dir / CACHE_FILE).read_text())) == {
        p.read_bytes().decode("utf-8") for p in bundled_paths()
    }, "each document is kept under its file's whole text: a changed file can never find one"


def test_a_cached_document_that_fails_validation_is_parsed_from_the_file(data_dir):
    discover(data_dir, cache=True)
    cache = data_dir / CACHE_FILE
    cache.write_text(json.dumps({key: {"format": 99} for key in json.loads(cache.read_text())}))
    assert [e.routine for e in bundled(data_dir)] == [e.routine for e in bundled()]


def test_the_plain_commands_write_no_cache(data_dir):
    discover(data_dir)
    assert not (data_dir / CACHE_FILE).exists()
