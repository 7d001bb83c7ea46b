"""Home: every routine coach can offer, broken ones listed with their error."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Resize
from textual.widgets import DataTable, Footer
from textual.worker import get_current_worker

from coach.learn import Card, cards_for
from coach.routines.catalog import Entry
from coach.safety.profile import ON_HOLD_BANNER, ON_HOLD_LINE, UNFINISHED_LINE, Profile
from coach.text import counted
from coach.ui.footer import NARROW_BELOW, fit_footer
from coach.ui.screens.base import CoachScreen
from coach.ui.widgets.plain import Plain, cut, literal
from coach.ui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from coach.history.home_status import HomeStatus

NOT_FOR_YOU_MARK = "✗ not for you"
COLUMNS = ("Routine", "Minutes", "Level", "Today", "Focus", "From")
FOCUS_CELLS = 26
"""Focus tags past this are cut: ten tags of 30 characters would push the last column off screen."""
LEAST_TITLE_CELLS = 20
"""A title is cut to the room the other columns leave, but never shorter than this."""
TABLE_MARGINS = 2
SCROLLBAR = 2


class HomeScreen(CoachScreen[None]):
    """Pick a routine; enter starts its safety check."""

    DEFAULT_CSS = """
    HomeScreen #banner { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    HomeScreen #emergency { height: auto; padding: 0 1; background: $error; color: $text; text-style: bold; }
    HomeScreen #rest { height: auto; padding: 0 1; background: $warning 35%; text-style: bold; }
    HomeScreen #advisory { height: auto; padding: 0 1; background: $error 35%; text-style: bold; }
    HomeScreen #clearance { height: auto; padding: 0 1; background: $warning 35%; text-style: bold; }
    HomeScreen #unfinished { height: auto; padding: 0 1; background: $warning 35%; }
    HomeScreen #rhythm { height: auto; padding: 0 1; background: $boost; }
    HomeScreen DataTable { height: 1fr; margin: 1 1 0 1; }
    HomeScreen #details {
        height: auto; max-height: 40%; overflow-y: auto; margin: 0 1; padding: 0 2; border: round $primary;
    }
    HomeScreen #details.invalid { border: round $error; color: $error; }
    HomeScreen #details.ruled-out { border: round $warning; }
    """
    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("h", "app.history", "History"),
        Binding("l", "learn", "Learn"),
        Binding("e", "app.edit_profile", "Profile"),
        Binding("f", "activities('footer')", "Activities"),
        Binding("f", "activities('narrow')", "Activities", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("r", "reload('footer')", "Reload"),
        Binding("r", "reload('narrow')", "Reload", show=False),
        Binding("v", "voice('footer')", "Voice"),
        Binding("v", "voice('narrow')", "Voice", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, entries: list[Entry], highlight: Path | None = None, profile: Profile | None = None) -> None:
        super().__init__()
        self.entries = entries
        self.first_highlight = highlight
        """The routine the cursor starts on (the one given to ``coach run``), if listed."""
        self.profile = profile or Profile()
        self.levels: dict[Path, int] = {}
        """Today's level of each routine file, once the logs are read."""
        self._narrow = False
        self._routines_read = False
        self._status_read = False
        self._filled_width = 0
        """The terminal width the titles were last cut for."""
        """Whether the user's and the given routine files have been read yet."""

    def compose(self) -> ComposeResult:
        yield Plain("coach · gentle exercise for a sore lower back", id="banner")
        yield Plain("", id="emergency", hide_empty=True)
        yield Plain("", id="rest", hide_empty=True)
        yield Plain("", id="advisory", hide_empty=True)
        yield Plain("", id="clearance", hide_empty=True)
        yield Plain("", id="unfinished", hide_empty=True)
        yield Plain("", id="rhythm", hide_empty=True)
        yield RowTable(zebra_stripes=True, id="routines")
        with Vertical(id="details"):
            yield Plain("", id="description", keep_newlines=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self._narrow = self.app.size.width < NARROW_BELOW
        self.show_hold()
        self.fill()
        self.highlight(self.first_highlight)
        table.focus()
        self.call_after_refresh(self._read_in_background)

    def _read_in_background(self) -> None:
        """After the first frame: threads competing for the interpreter would only delay it. The logs wait
        while another screen is on top (home reads them when it is back)."""
        self.load_routines()
        if self.app.screen is self:
            self.load_advisories()

    @work(thread=True, exclusive=True, group="home-routines")
    def load_routines(self, asked: bool = False) -> None:
        """Read every routine file away from the screen, then list them, the cursor kept on its file;
        when the user ``asked`` (r), say how many were read."""
        entries = self.coach.load_entries()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._routines_loaded, entries, asked)

    def _routines_loaded(self, entries: list[Entry], asked: bool = False) -> None:
        if asked:
            broken = sum(1 for entry in entries if entry.routine is None)
            problems = f", {broken:,} with a problem" if broken else ""
            self.notify(f"Read the routine files again: {counted(len(entries), 'routine')}{problems}.", timeout=4)
        current = self.selected()
        keep = current.path if current is not None and self._routines_read else self.first_highlight
        self.entries = entries
        self._routines_read = True
        if self.is_attached:
            self.fill()
            self.highlight(keep)

    def on_screen_resume(self) -> None:
        """Back on home after a check or a session: what the logs now say may have changed."""
        if self.is_mounted:
            self.load_advisories()

    def on_screen_suspend(self) -> None:
        """Another screen is on top: stop reading the logs for home, which would slow that screen's own
        reading; home reads them again when it is back on top."""
        self.workers.cancel_group(self, "home-advisories")

    @work(thread=True, exclusive=True, group="home-advisories")
    def load_advisories(self) -> None:
        """Read the logs away from the screen (and import what reads them there, after the first frame)."""
        from coach.history.home_status import home_status

        worker = get_current_worker()
        entries = self.coach.load_entries()
        status = home_status(
            self.coach.data, self.coach.wall_clock(), self.profile, entries, lambda: worker.is_cancelled
        )
        if status is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._show_status, status)

    @property
    def settled(self) -> bool:
        """Both background reads (every routine file, and the logs) have been shown."""
        return self._routines_read and self._status_read

    def _show_status(self, status: HomeStatus) -> None:
        self._status_read = True
        if status.levels != self.levels:
            self.levels = status.levels
            if self.is_attached:
                current = self.selected()
                self.fill()
                self.highlight(current.path if current else self.first_highlight)
        if self.is_attached:
            self.query_one("#emergency", Plain).show(status.emergency)
            self.query_one("#rest", Plain).show(status.rest)
            self.query_one("#advisory", Plain).show(status.advisory)
            self.query_one("#rhythm", Plain).show(status.rhythm)

    def on_resize(self, event: Resize) -> None:
        fit_footer(self.query_one(Footer), event.size.width)
        if event.size.width != self._filled_width:
            current = self.selected()
            self.fill()
            self.highlight(current.path if current else None)
        if self._narrow != (event.size.width < NARROW_BELOW):
            self._narrow = event.size.width < NARROW_BELOW
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On a narrow terminal v, r and f work without a place in the footer (help lists them), so every
        other key, ? Help among them, fits."""
        if action in ("voice", "reload", "activities"):
            return parameters == (("narrow",) if self._narrow else ("footer",))
        return True

    def action_voice(self, _shown: str) -> None:
        self.coach.toggle_voice()

    def set_profile(self, profile: Profile) -> None:
        """Mark the routines the profile rules out again."""
        self.profile = profile
        self.show_hold()
        current = self.selected()
        self.fill()
        self.highlight(current.path if current else None)

    def show_hold(self) -> None:
        """Say so before any routine is chosen while a serious sign waits for a professional's clearance, or
        while the health profile is not finished."""
        self.query_one("#clearance", Plain).show(f"⚠ {ON_HOLD_BANNER}" if self.profile.needs_clearance else "")
        self.query_one("#unfinished", Plain).show("" if self.profile.complete else UNFINISHED_LINE)

    def todays_dose(self, entry: Entry) -> str:
        """``level 2`` worked out from the logs, ``own dose`` for a routine that keeps its file's dose;
        none for a routine the profile rules out, which never starts."""
        if entry.routine is None or self.ruled_out(entry):
            return "-"
        if not entry.routine.progress:
            return "own dose"
        level = self.levels.get(entry.path)
        return "-" if level is None else f"level {level}"

    def ruled_out(self, entry: Entry) -> tuple[str, ...]:
        return self.profile.ruled_out(entry.routine.contraindications) if entry.routine else ()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        self._filled_width = self.app.size.width
        rows = [self._row(entry) for entry in self.entries]
        others = sum(
            max([len(name), *(cell_len(row[column].plain) for row in rows)])
            for column, name in enumerate(COLUMNS[1:], start=1)
        )
        padding = 2 * table.cell_padding * len(COLUMNS)
        title_cells = max(LEAST_TITLE_CELLS, self.app.size.width - TABLE_MARGINS - SCROLLBAR - padding - others)
        table.clear(columns=True)
        table.add_columns(*(literal(name) for name in COLUMNS))
        for index, (entry, cells) in enumerate(zip(self.entries, rows, strict=True)):
            title = cells[0]
            if entry.routine is not None:
                mark = f"  {NOT_FOR_YOU_MARK}" if self.ruled_out(entry) else ""
                title = cut(literal(entry.routine.title), title_cells - cell_len(mark))
                title.append(mark, "bold yellow")
            table.add_row(title, *cells[1:], key=str(index))
        self.show_details(0)

    def _row(self, entry: Entry) -> list[Text]:
        """The cells of one entry; its title whole, to be cut to the room left."""
        if entry.routine is None:
            return [
                literal(f"⚠ {entry.path.name}{'/' if entry.is_folder else ''}", "bold red"),
                literal("-"),
                literal("-"),
                literal("-"),
                literal("unreadable folder" if entry.is_folder else "invalid file", "red"),
                literal(entry.source),
            ]
        routine = entry.routine
        mark = f"  {NOT_FOR_YOU_MARK}" if self.ruled_out(entry) else ""
        return [
            literal(routine.title + mark),
            literal(str(entry.minutes)),
            literal(routine.level or "-"),
            literal(self.todays_dose(entry)),
            cut(literal(", ".join(routine.focus) or "-"), FOCUS_CELLS),
            literal(entry.source),
        ]

    def highlight(self, path: Path | None) -> None:
        """Put the cursor on the routine read from ``path``, when it is listed."""
        rows = [index for index, entry in enumerate(self.entries) if path is not None and entry.path == path]
        if rows:
            self.query_one(DataTable).move_cursor(row=rows[0])

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_details(event.cursor_row)

    def show_details(self, index: int) -> None:
        details = self.query_one("#details")
        text = self.query_one("#description", Plain)
        if not self.entries:
            text.show("No routines found.")
            return
        entry = self.entries[max(0, min(index, len(self.entries) - 1))]
        details.set_class(entry.routine is None, "invalid")
        ruled_out = self.ruled_out(entry)
        details.set_class(bool(ruled_out), "ruled-out")
        if ruled_out:
            from coach.safety.check_texts import not_for_you

            title, advice, _ = not_for_you(ruled_out)
            text.show(f"{title}. " + " ".join(advice))
        elif entry.is_folder:
            text.show(f"This folder cannot be read:\n{entry.error}\nFix its permissions, then press r to reload.")
        elif entry.routine is None:
            text.show(
                f"This file cannot be used:\n{entry.error}\n"
                "Fix it, then press r to reload (coach validate shows every problem)."
            )
        else:
            routine = entry.routine
            names = ", ".join(e.name for e in routine.exercises)
            offer = self.card_for(entry)
            learn = f"\nBefore you start: {offer.title} (press l)" if offer else ""
            hold = f"{ON_HOLD_LINE}\n" if self.profile.needs_clearance else ""
            text.show(f"{hold}{routine.description or routine.title}{learn}\nExercises: {names}")

    def card_for(self, entry: Entry | None) -> Card | None:
        """The Learn card worth reading before this routine, if coach has one for it."""
        if entry is None or entry.routine is None:
            return None
        cards = cards_for(f"routine:{entry.name}")
        return cards[0] if cards else None

    def selected(self) -> Entry | None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row is None:
            return None
        return self.entries[table.cursor_row]

    def action_start(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if entry.routine is None:
            broken = "This folder cannot be read" if entry.is_folder else "This routine file has errors"
            self.notify(f"{broken}; see the box below.", severity="error")
            return
        self.coach.start_routine(entry)

    def action_learn(self) -> None:
        from coach.ui.screens.learn import LearnScreen

        offer = self.card_for(self.selected())
        self.app.push_screen(LearnScreen(offer.id if offer else None))

    def action_help(self) -> None:
        from coach.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_activities(self, _shown: str = "") -> None:
        from coach.ui.screens.activities import ActivitiesScreen

        self.app.push_screen(ActivitiesScreen())

    def action_reload(self, _shown: str = "") -> None:
        """Read the routine files again, keeping the cursor on the same file."""
        self.load_routines(asked=True)
