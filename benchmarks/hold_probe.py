"""Where coach's CPU goes during a hold: its own tick, Textual's frame updates, the rest.

As a pane program (``python hold_probe.py OUT SECONDS COACH-ARGUMENTS…``) it runs coach with
``SessionScreen.tick``, Textual's ``Screen._on_timer_update`` (layout, render and write of a
frame) and ``Widget.render_lines`` (one widget's part of a frame, by widget class) wrapped to add
up their thread CPU time. From 2 s after the session screen mounts, for SECONDS, it counts; then
it writes {"seconds", "main", "tick", "ticks", "frames", "frame_updates", "other_threads",
"widgets"} (CPU seconds and call counts) to OUT and exits.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass

SETTLE = 2.0


def _probe(out: str, seconds: float, argv: list[str]) -> None:
    from procstat import thread_cpu_seconds
    from textual.screen import Screen
    from textual.widget import Widget

    from coach.cli import main
    from coach.ui.screens.session import SessionScreen

    spent = {"tick": 0.0, "frames": 0.0}
    calls = {"tick": 0, "frames": 0}
    widgets: dict[str, float] = {}
    start: dict[str, float] = {}

    def counted(key: str, method):
        def wrapper(*args, **kwargs):
            began = time.thread_time()
            try:
                return method(*args, **kwargs)
            finally:
                spent[key] += time.thread_time() - began
                calls[key] += 1

        return wrapper

    render_lines = Widget.render_lines

    def widget_counted(self, crop):
        began = time.thread_time()
        try:
            return render_lines(self, crop)
        finally:
            name = type(self).__name__
            widgets[name] = widgets.get(name, 0.0) + time.thread_time() - began

    def others() -> float:
        return sum(cpu for tid, cpu in thread_cpu_seconds(os.getpid()).items() if tid != os.getpid())

    def begin() -> None:
        spent.update(tick=0.0, frames=0.0)
        calls.update(tick=0, frames=0)
        widgets.clear()
        start.update(main=time.thread_time(), others=others())

    def finish() -> None:
        result = {
            "seconds": seconds,
            "main": time.thread_time() - start["main"],
            "other_threads": others() - start["others"],
            "tick": spent["tick"],
            "ticks": calls["tick"],
            "frames": spent["frames"],
            "frame_updates": calls["frames"],
            "widgets": widgets,
        }
        with open(out, "w") as file:
            json.dump(result, file)
        os._exit(0)

    mount = SessionScreen.on_mount

    def on_mount(self) -> None:
        mount(self)
        self.set_timer(SETTLE, begin)
        self.set_timer(SETTLE + seconds, finish)

    SessionScreen.tick = counted("tick", SessionScreen.tick)
    Screen._on_timer_update = counted("frames", Screen._on_timer_update)
    Widget.render_lines = widget_counted
    SessionScreen.on_mount = on_mount
    main(argv)


@dataclass
class HoldBreakdown:
    """Milliseconds of CPU per second of hold."""

    tick: float
    frames: float
    rest: float
    other_threads: float
    frames_per_second: float
    widgets: list[tuple[str, float]]
    """Each widget class's part of the frame updates, dearest first."""

    @classmethod
    def from_json(cls, data: dict) -> HoldBreakdown:
        per_second = 1000 / data["seconds"]
        widgets = sorted(
            ((name, cpu * per_second) for name, cpu in data["widgets"].items()), key=lambda pair: pair[1], reverse=True
        )
        return cls(
            tick=data["tick"] * per_second,
            frames=data["frames"] * per_second,
            rest=(data["main"] - data["tick"] - data["frames"]) * per_second,
            other_threads=data["other_threads"] * per_second,
            frames_per_second=data["frame_updates"] / data["seconds"],
            widgets=widgets,
        )

    def dearest_widgets(self, count: int = 4) -> str:
        return ", ".join(f"{name} {ms:.1f} ms" for name, ms in self.widgets[:count])

    def line(self) -> str:
        return (
            f"coach's CPU per second of hold, counted inside the process: its own tick {self.tick:.1f} ms, "
            f"Textual's frame updates {self.frames:.1f} ms ({self.frames_per_second:.1f} a second; drawing "
            f"{self.dearest_widgets()}), the rest of the event loop {self.rest:.1f} ms, other threads "
            f"(Textual's input thread) {self.other_threads:.1f} ms"
        )


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    _probe(sys.argv[1], float(sys.argv[2]), sys.argv[3:])
