"""Snapshot tests of the main screens, driven by the same scenes as scripts/screenshots.py."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import scenes

try:
    import fcntl
except ImportError:  # Windows has no fcntl
    fcntl = None

SIZE = scenes.SIZE


@pytest.fixture
def data(request, monkeypatch) -> Iterator[Path]:
    """A data folder at a fixed path, so paths shown on screen are the same on every run.

    The folder is locked while the test runs: another run of the same test (from another checkout, say)
    waits, rather than emptying it under this one.
    """
    import coach.logs.store

    monkeypatch.setattr(coach.logs.store, "new_session_id", lambda now: f"{now:%Y%m%dT%H%M%S}-snapshot")
    folder = Path(tempfile.gettempdir()) / "coach-snapshots"
    folder.mkdir(exist_ok=True)
    path = folder / request.node.name
    with open(folder / f"{request.node.name}.lock", "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        shutil.rmtree(path, ignore_errors=True)
        yield path
        shutil.rmtree(path, ignore_errors=True)


def test_first_run_notice(snap_compare, data):
    app, _ = scenes.make_app(data, routine=None, accepted=False)
    assert snap_compare(app, terminal_size=SIZE)


def test_home(snap_compare, data):
    app, _ = scenes.make_app(data, routine=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=scenes.home())


def test_safety_check(snap_compare, data):
    app, _ = scenes.make_app(data)
    assert snap_compare(app, terminal_size=SIZE, run_before=scenes.safety_check())


def test_hold_in_progress(snap_compare, data):
    app, clock = scenes.make_app(data)
    assert snap_compare(app, terminal_size=SIZE, run_before=scenes.hold_in_progress(clock))


def test_it_hurts_prompt(snap_compare, data):
    app, clock = scenes.make_app(data)
    assert snap_compare(app, terminal_size=SIZE, run_before=scenes.it_hurts(clock))


def test_pain_check(snap_compare, data):
    app, clock = scenes.make_app(data)
    assert snap_compare(app, terminal_size=SIZE, run_before=scenes.pain_check(clock))


def test_summary(snap_compare, data):
    app, clock = scenes.make_app(data)
    assert snap_compare(app, terminal_size=SIZE, run_before=scenes.summary(clock))


def test_history(snap_compare, data):
    assert snap_compare(scenes.make_history_app(data), terminal_size=SIZE, run_before=scenes.history_screen())


def test_history_trends(snap_compare, data):
    assert snap_compare(scenes.make_history_app(data), terminal_size=SIZE, run_before=scenes.history_trends())


def test_session_detail(snap_compare, data):
    assert snap_compare(scenes.make_history_app(data), terminal_size=SIZE, run_before=scenes.session_detail())


def test_learn(snap_compare, data):
    app, _ = scenes.make_app(data, routine=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=scenes.learn())
