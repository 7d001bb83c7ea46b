"""Where start-up time goes, coach vs its peer: imports, then App.run to the first whole frame.

As a pane program (``python startup_probe.py OUT coach|bare [home|notice]``) it wraps
Textual's Linux driver to note every frame written (a write that moves the cursor) until one holds
the screen's marker, writes {"imports": s, "run": s, "frame": s, "paints": n} (seconds since the
probe started) to OUT and exits. ``home`` (the default) is coach's home screen against the bare
app; ``notice`` is coach's first-run notice (its data folder empty) against the bare notice.
``breakdown()`` runs it in tmux for every side, alternating, and adds ``python -X importtime``
totals of the modules only coach imports.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

T0 = time.monotonic()
CURSOR_MOVE = re.compile(r"\x1b\[\d+;\d+H")


SCREENS = {"home": "home screen", "notice": "first-run notice"}
"""What each screen is called in the probe's lines."""
PEERS = {"home": "bare app", "notice": "bare notice"}


def _probe(out: str, which: str, screen: str = "home") -> None:
    from common import HOME_MARKER, NOTICE_MARKER
    from textual.app import App
    from textual.drivers.linux_driver import LinuxDriver

    marks: dict[str, float] = {"paints": 0}
    write, run = LinuxDriver.write, App.run

    def spy(self, data: str) -> None:
        write(self, data)
        if CURSOR_MOVE.search(data):
            marks["paints"] += 1
        if marker in data:
            marks["frame"] = time.monotonic() - T0
            with open(out, "w") as file:
                json.dump(marks, file)
            os._exit(0)

    def timed_run(self, *args, **kwargs):
        marks["run"] = time.monotonic() - T0
        return run(self, *args, **kwargs)

    marker = NOTICE_MARKER if screen == "notice" else HOME_MARKER
    LinuxDriver.write, App.run = spy, timed_run
    if which == "coach":
        import coach.cli
        import coach.ui.app  # noqa: F401  (what `coach` imports before the app runs)

        marks["imports"] = time.monotonic() - T0
        coach.cli.main([])
    elif screen == "notice":
        import bare_notice

        marks["imports"] = time.monotonic() - T0
        bare_notice.BareNotice().run()
    else:
        import bare_app

        marks["imports"] = time.monotonic() - T0
        bare_app.BareApp().run()


@dataclass
class Side:
    """Medians, in ms, of one side's start-up, from the probe's own start."""

    imports: float
    to_run: float
    """From the end of the imports to App.run."""
    to_frame: float
    """From App.run to the first frame that holds the marker."""
    paints: float
    """Frames written up to and including that one."""

    def line(self, name: str, screen: str = "home") -> str:
        return (
            f"{name}: imports {self.imports:.0f} ms, then {self.to_run:.0f} ms to App.run, then "
            f"{self.to_frame:.0f} ms to the first whole {SCREENS[screen]}, written as frame {self.paints:.0f}"
        )


@dataclass
class Breakdown:
    coach: Side
    bare: Side
    own_modules: list[tuple[str, float]]
    """coach's own modules and their self import time (ms), biggest first."""
    other_modules: list[tuple[str, float]]
    """Modules outside coach that only coach imports (e.g. argparse, tomllib)."""
    screen: str = "home"
    """``home`` (against the bare app) or ``notice`` (the first-run notice, against the bare notice)."""

    def lines(self) -> list[str]:
        own = sum(ms for _, ms in self.own_modules)
        other = sum(ms for _, ms in self.other_modules)
        packages = sorted({name.split(".")[0] for name, _ in self.other_modules})
        return [
            self.coach.line("coach", self.screen),
            self.bare.line(PEERS[self.screen], self.screen),
            f"python -X importtime (self times, medians of 3): coach's {len(self.own_modules)} own modules "
            f"{own:.0f} ms, other modules only coach imports ({', '.join(packages)}) {other:.0f} ms; biggest: "
            + ", ".join(f"{name} {ms:.1f}" for name, ms in self.own_modules[:5])
            + " (ms)",
        ]


def _side(runs: list[dict[str, float]]) -> Side:
    def med(key) -> float:
        return statistics.median(key(r) for r in runs)

    return Side(
        imports=med(lambda r: r["imports"]) * 1000,
        to_run=med(lambda r: r["run"] - r["imports"]) * 1000,
        to_frame=med(lambda r: r["frame"] - r["run"]) * 1000,
        paints=med(lambda r: r["paints"]),
    )


def _importtime(statement: str, env: dict[str, str]) -> dict[str, int]:
    """Self import time (µs) of every module imported by ``statement`` in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement], capture_output=True, text=True, env=env
    )
    found = {}
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            own, _, name = line[len("import time:") :].split("|", 2)
            found[name.strip()] = int(own)
    return found


def breakdown(tmux, repeats: int, env: dict[str, str], screen: str = "home") -> Breakdown:
    """Probe both sides ``repeats`` times (A B A B …, after a warm-up round); ``env`` points at the data.

    ``screen`` is ``home`` (a returning user's data) or ``notice`` (an empty data folder: the first run).
    """
    from common import BENCH_DIR, alternate, run_probe

    sides = ("coach", "bare")
    runs = alternate(
        repeats,
        {
            which: (lambda which=which: run_probe(tmux, "startup_probe.py", [which, screen], env, timeout=30))
            for which in sides
        },
    )
    child = {**(tmux.env or os.environ), **env}
    peer = "bare_notice" if screen == "notice" else "bare_app"
    coach_sets = [_importtime("import coach.cli, coach.ui.app", child) for _ in range(3)]
    bare_sets = [
        _importtime(f"import sys; sys.path.insert(0, {str(BENCH_DIR)!r}); import {peer}", child) for _ in range(3)
    ]
    extra = [name for name in coach_sets[0] if name not in bare_sets[0]]

    def med(name: str) -> float:
        return statistics.median(s.get(name, 0) for s in coach_sets) / 1000

    timed = sorted(((name, med(name)) for name in extra), key=lambda pair: pair[1], reverse=True)
    return Breakdown(
        coach=_side(runs["coach"]),
        bare=_side(runs["bare"]),
        own_modules=[(n, ms) for n, ms in timed if n.split(".")[0] == "coach"],
        other_modules=[(n, ms) for n, ms in timed if n.split(".")[0] != "coach"],
        screen=screen,
    )


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    _probe(*sys.argv[1:4])
