"""Where start-up time goes, coach vs the bare app: imports, then App.run to the first frame.

As a pane program (``python startup_probe.py OUT coach|bare``) it wraps Textual's Linux
driver to note when the first frame holding the home-screen marker is written, writes
{"imports": s, "run": s, "frame": s} (seconds since the probe started) to OUT and exits.
``breakdown()`` runs it in tmux for both sides and adds ``python -X importtime`` totals.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

T0 = time.monotonic()
MARKER = "Gentle lower-back relief"


def _probe(out: str, which: str) -> None:
    marks: dict[str, float] = {}
    from textual.drivers.linux_driver import LinuxDriver

    write = LinuxDriver.write

    def spy(self, data: str) -> None:
        write(self, data)
        if MARKER in data and "frame" not in marks:
            marks["frame"] = time.monotonic() - T0
            with open(out, "w") as file:
                json.dump(marks, file)
            os._exit(0)

    LinuxDriver.write = spy
    from textual.app import App

    run = App.run

    def timed_run(self, *args, **kwargs):
        marks["run"] = time.monotonic() - T0
        return run(self, *args, **kwargs)

    App.run = timed_run
    if which == "coach":
        import coach.cli
        import coach.ui.app  # noqa: F401  (what `coach` imports before the app runs)

        marks["imports"] = time.monotonic() - T0
        coach.cli.main([])
    else:
        import bare_app

        marks["imports"] = time.monotonic() - T0
        bare_app.BareApp().run()


def _importtime(statement: str, env: dict[str, str]) -> dict[str, int]:
    """Self import time (µs) of every module imported by ``statement`` in a fresh process."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", statement],
                          capture_output=True, text=True, env=env)
    found = {}
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            own, _, name = line[len("import time:"):].split("|", 2)
            found[name.strip()] = int(own)
    return found


def breakdown(tmux, repeats: int, env: dict[str, str], data_dir: str, bench_dir: str) -> list[str]:
    """Lines for RESULTS.md: median imports / run-to-frame for both, and coach's extra imports."""
    import tempfile

    results: dict[str, list[dict[str, float]]] = {"coach": [], "bare": []}
    for _ in range(repeats + 1):
        for which in results:
            fd, out = tempfile.mkstemp(suffix=".json")
            os.close(fd)
            name = tmux.new_session([sys.executable, os.path.join(bench_dir, "startup_probe.py"), out, which],
                                    env={"COACH_DATA_DIR": data_dir}, cwd=bench_dir)
            try:
                tmux.wait_for(name, lambda _s, out=out: os.path.getsize(out) > 0, timeout=30, interval=0.05,
                              what="the probe's timings")
                with open(out) as file:
                    results[which].append(json.load(file))
            finally:
                tmux.kill_session(name)
                os.unlink(out)
    lines = []
    for which, runs in results.items():
        runs = runs[1:]  # the first round is a warm-up
        imports = statistics.median(r["imports"] for r in runs) * 1000
        to_frame = statistics.median(r["frame"] - r["run"] for r in runs) * 1000
        between = statistics.median(r["run"] - r["imports"] for r in runs) * 1000
        lines.append(f"{which}: imports {imports:.0f} ms, then {between:.0f} ms to App.run, "
                     f"then {to_frame:.0f} ms from App.run to the first frame (medians of {len(runs)}, "
                     f"from the probe's own start)")
    coach_sets = [_importtime("import coach.cli, coach.ui.app", env) for _ in range(3)]
    bare_sets = [_importtime(f"import sys; sys.path.insert(0, {bench_dir!r}); import bare_app", env) for _ in range(3)]
    extra = [name for name in coach_sets[0] if name not in bare_sets[0]]

    def med(name: str) -> float:
        return statistics.median(s.get(name, 0) for s in coach_sets) / 1000

    own = sorted((n for n in extra if n.split(".")[0] == "coach"), key=med, reverse=True)
    others = [n for n in extra if n.split(".")[0] != "coach"]
    lines.append(
        f"python -X importtime (self times, medians of 3): coach's {len(own)} own modules "
        f"{sum(med(n) for n in own):.0f} ms, other modules only coach imports ({len(others)}: "
        f"{', '.join(sorted({n.split('.')[0] for n in others}))}) {sum(med(n) for n in others):.0f} ms; "
        f"biggest: " + ", ".join(f"{n} {med(n):.1f}" for n in own[:6]) + " (ms)")
    return lines


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    _probe(sys.argv[1], sys.argv[2])
