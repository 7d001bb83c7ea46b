"""A private tmux server for the benchmarks: start programs in a real terminal, read the screen.

Everything runs on its own socket (``tmux -L bench-<pid>``) with no user config, so the user's
own tmux sessions are never touched; every session gets a unique name and is killed by name,
and ``close()`` removes the server's socket once the server is gone.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

TMUX = shutil.which("tmux") or "tmux"


class TmuxError(RuntimeError):
    pass


class Tmux:
    """One private tmux server; ``close()`` kills the sessions it made, then the server."""

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self.env = dict(env) if env is not None else None
        """The environment of the tmux server, and so of every program it starts."""
        self.socket = f"bench-{os.getpid()}"
        self._names = itertools.count(1)
        self._sessions: list[str] = []
        # A keeper session keeps the server up, so no measured launch pays for starting it.
        self.keeper = self.new_session(["sleep", "86400"], width=80, height=24)
        pid, path = self.run("display-message", "-p", "#{pid} #{socket_path}").split(maxsplit=1)
        self.server_pid, self.socket_path = int(pid), Path(path.strip())
        # A pane whose program exited stays, so a crash shows up as text instead of "no session".
        self.run("set-option", "-g", "remain-on-exit", "on")
        self.run("set-option", "-g", "default-terminal", "tmux-256color")

    def _cmd(self, *args: str) -> list[str]:
        return [TMUX, "-L", self.socket, "-f", "/dev/null", *args]

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(self._cmd(*args), capture_output=True, text=True, env=self.env)
        if check and done.returncode != 0:
            raise TmuxError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def new_session(
        self,
        command: Sequence[str],
        *,
        width: int = 100,
        height: int = 30,
        env: Mapping[str, str] | None = None,
        cwd: str | None = None,
    ) -> str:
        """Start ``command`` as the pane's own process (no shell in between); returns the name."""
        name = f"bench-{os.getpid()}-{next(self._names)}"
        args = ["new-session", "-d", "-s", name, "-x", str(width), "-y", str(height)]
        if cwd:
            args += ["-c", cwd]
        for key, value in (env or {}).items():
            args += ["-e", f"{key}={value}"]
        self.run(*args, *command)
        self._sessions.append(name)
        return name

    def capture(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name, check=False)

    def pane_pid(self, name: str) -> int:
        return int(self.run("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])

    def pane_dead(self, name: str) -> bool:
        return self.run("list-panes", "-t", name, "-F", "#{pane_dead}", check=False).strip() == "1"

    def send_keys(self, name: str, *keys: str) -> None:
        self.run("send-keys", "-t", name, *keys)

    def kill_session(self, name: str) -> None:
        """Kill a session this server made, then wait (up to 5 s) until the server has reaped its program."""
        if name not in self._sessions:
            return
        self._sessions.remove(name)
        pids = self.run("list-panes", "-t", name, "-F", "#{pane_pid}", check=False).split()
        self.run("kill-session", "-t", name, check=False)
        _wait_gone(map(int, pids))

    def wait_for(
        self,
        name: str,
        predicate: Callable[[str], bool],
        *,
        timeout: float = 20.0,
        interval: float = 0.01,
        what: str = "text",
    ) -> tuple[float, str]:
        """Poll the screen until ``predicate(screen)``; returns (monotonic time seen, screen)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture(name)
            if predicate(screen):
                return time.monotonic(), screen
            time.sleep(interval)
        raise TmuxError(f"timed out after {timeout:.0f} s waiting for {what} in {name}; the screen was:\n{screen}")

    def wait_text(self, name: str, text: str, **kwargs) -> tuple[float, str]:
        return self.wait_for(name, lambda screen: text in screen, what=repr(text), **kwargs)

    def close(self) -> None:
        """Kill every session this server made, then the server; wait until they are gone, remove the socket."""
        for name in list(self._sessions):
            self.kill_session(name)
        self.run("kill-server", check=False)
        _wait_gone([self.server_pid])
        self.socket_path.unlink(missing_ok=True)

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _wait_gone(pids: Iterable[int], timeout: float = 5.0) -> None:
    """Wait until no ``/proc`` entry is left for ``pids`` (exited and reaped), at most ``timeout`` s."""
    deadline = time.monotonic() + timeout
    for pid in pids:
        while os.path.exists(f"/proc/{pid}") and time.monotonic() < deadline:
            time.sleep(0.01)


def version() -> str:
    try:
        return subprocess.run([TMUX, "-V"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "tmux not found"
