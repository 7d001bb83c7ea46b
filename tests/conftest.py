"""The fixtures every test may ask for by name; the helpers they use live in tests/helpers."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator

import pytest

from tests.helpers.clock import FakeClock
from tests.helpers.routines import SMALL


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    """A test that runs the command line's start-up pauses, then resumes and freezes, the cyclic
    collector (``coach/ui/collector.py``): every test ends with it on and nothing frozen."""
    yield
    gc.enable()
    gc.unfreeze()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def routine_file(tmp_path):
    """The small four-exercise routine of tests/helpers/routines.py, as a file."""
    path = tmp_path / "small.toml"
    path.write_text(SMALL)
    return path


@pytest.fixture
def zone() -> Iterator[Callable[[str], None]]:
    """Set this process's time zone (``TZ``) for the test; the zone it had comes back after."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
