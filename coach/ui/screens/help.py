"""Keys and what coach does, on one page."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer

from coach.ui.screens.dismiss import dismiss_once
from coach.ui.widgets.plain import Plain

HELP_TEXT = """\
Home
  up/down  choose a routine
  enter    start it (the safety check comes first)
  h        history
  l        learn: advice from the sources
  e        your health profile
  f        your activities: name up to three things your back makes hard,
           rename or drop them, and see how you rated them
  r        reload routine files
  ?        this help
  q        quit
  v        spoken cues on / off

During a session
  space    pause / go on; on an intro card that waits, start; in a set at
           your own pace, set done (the footer says which)
  p        it hurts: pauses at once and asks what kind of pain
  s        skip this exercise
  i        the steps and caution again
  q        end the session (asks first)
  m        sound on / off (the screen flashes at every change either way)
  ?        help during the session
  v        spoken cues on / off: the exercise and its first step, hold, rest,
           switch sides, the last 3 seconds, halfway, what comes next

Spoken cues
  Coach speaks through the first of espeak-ng, espeak, spd-say or say it finds.
  None installed? The status line says "no voice"; on Debian or Ubuntu:
  sudo apt install espeak-ng. The rate (words a minute) is voice_rate in
  config.toml; coach run --no-voice keeps quiet for one session.

Safety check (before every session)
  y / n    answer a question
  0-9      pain now, 0 no pain to 10 worst imaginable; for 10 press 1 then 0
  1-9      on "which?", tick each sign that applies, then enter
  escape   back to the routines (on "which?": the advice for the most
           serious of the signs listed)
  Enter never answers for you. A routine marked "not for you" lists a condition
  from your health profile; talk to a professional first.

Safety
  If pain turns sharp, leave that exercise: skip it, end the session or try
  its easier variant. Stop the session if pain shoots or spreads into a leg,
  or you feel tingling or numbness. Mild discomfort that settles is fine; do
  not push a stretch further. coach is not medical advice.

Your routines
  Put .toml routine files in your routines folder (coach new NAME writes a
  template there) and check them with: coach validate FILE
"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen VerticalScroll {
        width: 90%; max-width: 90; height: 90%; border: thick $accent; background: $surface; padding: 1 2;
    }
    """
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", show=False),
        Binding("q", "close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Plain(HELP_TEXT, keep_newlines=True)
        yield Footer()

    def action_close(self) -> None:
        dismiss_once(self)
