"""Past sessions: a filterable table, trends, the "see a professional" advice, and export.

Logs load in a thread: the newest few first, so rows show at once, then all of them.
The table adds rows on demand (see ``SessionTable``), so thousands of logs stay cheap.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from threading import Event

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import DataTable, Footer, Input, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from coach.function.model import FunctionLog
from coach.function.store import function_or_empty
from coach.history import lines
from coach.history.advisories import Advisory, advisories, banner
from coach.history.export_folder import write_export
from coach.history.filter import Filter, date_problem, haystack, newest_day_first
from coach.logs.records import SessionRecord
from coach.logs.store import count_logs, list_sessions
from coach.logs.timestamps import local_now
from coach.paths import exports_dir
from coach.routines.catalog import discover
from coach.safety.profile_store import profile_for_report
from coach.text import clean
from coach.ui.screens.base import CoachScreen
from coach.ui.screens.dismiss import dismiss_once
from coach.ui.screens.session_detail import SessionDetailScreen
from coach.ui.widgets.filter_bar import FilterBar
from coach.ui.widgets.plain import Plain
from coach.ui.widgets.session_table import SessionTable
from coach.ui.widgets.trends import TrendsPanel

FIRST_LOGS = 200
"""Logs read before the first rows are shown, when there are more."""
FIRST_ROWS_WAIT = 2.0
"""Seconds the reading of every log waits for the first rows to be drawn, so as not to slow them."""
RANGES = (("all dates", 0), ("last 4 weeks", 4), ("last 12 weeks", 12), ("last year", 52))
NARROW = 84
"""Below this width the trend panels stack instead of sitting side by side."""
CLEAR_IN_FOOTER = 80
"""From this width the footer has room for c while a filter is set; c works at any width."""


class HistoryScreen(CoachScreen[None]):
    """Sessions newest first, their trends, and export; enter opens a session."""

    DEFAULT_CSS = """
    HistoryScreen #banner { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    HistoryScreen #advisory-line { height: auto; padding: 0 1; background: $error 35%; text-style: bold; }
    HistoryScreen #problems { height: auto; max-height: 2; padding: 0 1; color: $warning; }
    HistoryScreen TabbedContent { height: 1fr; }
    HistoryScreen TabPane { padding: 0; }
    HistoryScreen #row-detail { height: 2; padding: 0 1; color: $text-muted; }
    HistoryScreen.narrow #lower { layout: vertical; }
    HistoryScreen #status { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", show=False),
        Binding("t", "toggle_tab", "Trends"),
        Binding("r", "cycle_routine", "Routine"),
        Binding("d", "cycle_range", "Dates"),
        Binding("slash", "edit_filter", "Filter"),
        Binding("c", "clear_filter('footer')", "Clear filter"),
        Binding("c", "clear_filter('narrow')", show=False),
        Binding("x", "export", "Export"),
        Binding("u", "unreadable", "Unreadable logs", show=False),
    ]

    def __init__(self, data: Path, today: date | None = None) -> None:
        super().__init__()
        self.data = data
        self.today = today or local_now().date()
        self.records: list[SessionRecord] = []
        self.shown: list[SessionRecord] = []
        self.unreadable: list[tuple[Path, str]] = []
        self.total = 0
        self.complete = False
        self.advisories: list[Advisory] = []
        self.function = FunctionLog()
        self.levels: list[str] = []
        self.filter = Filter()
        self._haystacks: dict[int, str] = {}
        self._range = 0
        self._filtered = False
        """Whether any filter field holds text."""
        self._trends_stale = True
        self.last_export: list[Path] = []
        """The files the last successful export wrote."""

    def compose(self) -> ComposeResult:
        yield Plain("History", id="banner")
        yield Static("", id="advisory-line")
        yield Plain("", id="problems", keep_newlines=True)
        yield FilterBar(id="filters")
        with TabbedContent(id="tabs", initial="sessions"):
            with TabPane("Sessions", id="sessions"):
                yield SessionTable(id="table")
                yield Plain("", id="row-detail", keep_newlines=True)
            with TabPane("Trends", id="trends"):
                yield TrendsPanel(id="trends-scroll")
        yield Plain("Loading sessions…", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#advisory-line").display = False
        self.query_one("#advisory").display = False
        self.query_one("#problems").display = False
        table = self.query_one(SessionTable)
        table.set_width(self.app.size.width)
        table.focus()
        self.load()

    # loading ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="history-load")
    def load(self) -> None:
        """Read the newest logs, show them, then read them all."""
        worker = get_current_worker()
        total, since = count_logs(self.data, FIRST_LOGS)
        self.app.call_from_thread(self._counted, total)
        if since is not None:
            records, unreadable = list_sessions(self.data, since=since, stop=lambda: worker.is_cancelled)
            if worker.is_cancelled:
                return
            shown = Event()
            self.app.call_from_thread(self._received, newest_day_first(records), unreadable, False)
            self.app.call_from_thread(self.call_after_refresh, shown.set)
            shown.wait(FIRST_ROWS_WAIT)
        records, unreadable = list_sessions(self.data, stop=lambda: worker.is_cancelled)
        if worker.is_cancelled:
            return
        profile, self.function = profile_for_report(self.data), function_or_empty(self.data)
        routines = [entry.routine for entry in discover(self.data) if entry.routine is not None]
        self.levels = lines.level_lines(routines, records)
        found = advisories(records, self.today, self.function, profile is not None and profile.long_unassessed)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._received, newest_day_first(records), unreadable, True, found)

    def _counted(self, total: int) -> None:
        self.total = total
        self._show_status()

    def _received(
        self,
        records: list[SessionRecord],
        unreadable: list[tuple[Path, str]],
        complete: bool,
        found: list[Advisory] | None = None,
    ) -> None:
        if not self.is_attached:
            return
        self.records, self.unreadable, self.complete = records, unreadable, complete
        self._haystacks = {id(record): haystack(record) for record in records}
        if complete:
            self.total = len(records)
            self.advisories = found or []
            self._show_advisory()
        self._show_problems()
        self._apply(keep_rows=True)

    # the table ----------------------------------------------------------------

    def _apply(self, keep_rows: bool = False) -> None:
        """Filter the loaded records into the table and the trends."""
        self.shown = self.filter.apply(self.records, self._haystacks)
        self.query_one(SessionTable).show(self.shown, keep=keep_rows)
        self._show_row(self.query_one(SessionTable).cursor_row)
        self._trends_stale = True
        if self.query_one(TabbedContent).active == "trends":
            self._show_trends()
        self._show_status()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_row(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.shown):
            self.app.push_screen(SessionDetailScreen(self.shown[event.cursor_row]))

    def _show_row(self, index: int) -> None:
        text = lines.row_detail(self.shown, index, self.complete, bool(self.records))
        self.query_one("#row-detail", Plain).show(text)

    # status lines ---------------------------------------------------------------

    def _show_status(self) -> None:
        total = len(self.records) if self.complete else self.total
        text = lines.status_line(len(self.shown), total, self.complete, self.filter.describe())
        self.query_one("#status", Plain).show(text)

    def _show_problems(self) -> None:
        """A typed date that is not one, then the logs that could not be read."""
        dates = date_problem(self.query_one(FilterBar).typed_dates(), self.today)
        logs = lines.unreadable_line(self.unreadable) if self.unreadable else ""
        text = "\n".join(line for line in (dates, logs) if line)
        widget = self.query_one("#problems", Plain)
        widget.display = bool(text)
        widget.show(text)

    def _show_advisory(self) -> None:
        found = self.advisories
        line = self.query_one("#advisory-line", Static)
        line.display = bool(found)
        if found:
            line.update(Text(banner(found, "See Trends (t).")))
        self.query_one(TrendsPanel).show_advisories(found)

    # trends -----------------------------------------------------------------------

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "trends":
            self._show_trends()

    def _show_trends(self) -> None:
        if not self._trends_stale:
            return
        self._trends_stale = False
        routine_only = Filter(routine=self.filter.routine).apply(self.records, self._haystacks)
        self.query_one(TrendsPanel).show(self.shown, routine_only, self.today, self.function, self.levels)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "narrow")
        self.query_one(SessionTable).set_width(event.size.width)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """c is in the footer while a filter is set and the footer has room for it; it works either way."""
        if action == "clear_filter":
            shown = self._filtered and self.app.size.width >= CLEAR_IN_FOOTER
            return parameters == (("footer",) if shown else ("narrow",))
        return True

    # filters ------------------------------------------------------------------------

    def on_filter_bar_changed(self, event: FilterBar.Changed) -> None:
        self._show_problems()
        filtered = self.query_one(FilterBar).holds_text()
        if filtered != self._filtered:
            self._filtered = filtered
            self.refresh_bindings()
        if event.wanted != self.filter:
            self.filter = event.wanted
            self._apply()

    def on_filter_bar_done(self, _event: FilterBar.Done) -> None:
        self.query_one(SessionTable).focus()

    def action_cycle_routine(self) -> None:
        """All routines, then each routine seen in the logs, in turn."""
        filters = self.query_one(FilterBar)
        filters.fill(routine=lines.next_routine(self.records, filters.value("routine")))

    def action_cycle_range(self) -> None:
        """All dates, the last 4 weeks, 12 weeks, a year."""
        self._range = (self._range + 1) % len(RANGES)
        weeks = RANGES[self._range][1]
        since = (self.today - timedelta(days=7 * weeks - 1)).isoformat() if weeks else ""
        self.query_one(FilterBar).fill(since=since, until="")
        self.notify(f"Showing {RANGES[self._range][0]}.", timeout=2)

    def action_clear_filter(self, _shown: str = "") -> None:
        self._range = 0
        self.query_one(FilterBar).fill(routine="", since="", until="")

    def action_edit_filter(self) -> None:
        self.query_one("#routine", Input).focus()

    def action_toggle_tab(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "sessions" if tabs.active == "trends" else "trends"
        self.query_one("#table" if tabs.active == "sessions" else "#trends-scroll").focus()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one("#table" if self.query_one(TabbedContent).active == "sessions" else "#trends-scroll").focus()
            return
        dismiss_once(self)

    def action_unreadable(self) -> None:
        if not self.unreadable:
            self.notify("Every log could be read.")
            return
        from coach.ui.screens.prompts import Notice

        self.app.push_screen(Notice("Logs that could not be read", lines.unreadable_reasons(self.unreadable)))

    # export ---------------------------------------------------------------------------

    def action_export(self) -> None:
        if not self.complete:
            self.notify("Still reading the logs; try again in a moment.", severity="warning")
            return
        self.export(list(self.shown), list(self.unreadable))

    @work(thread=True, exclusive=True, group="history-export")
    def export(self, records: list[SessionRecord], unreadable: list[tuple[Path, str]]) -> None:
        """Write the three files in a thread; say where they went, or why they could not be written."""
        try:
            paths = write_export(self.data, records, unreadable, self.today)
        except OSError as error:
            where = error.filename or exports_dir(self.data)
            message = f"Could not write the export to {where}: {error.strerror or error}."
            self.app.call_from_thread(
                self.app.notify, clean(message), title="Export failed", severity="error", timeout=10, markup=False
            )
            return
        self.last_export = paths
        message = lines.export_line(len(records), self.filter.describe(), paths)
        self.app.call_from_thread(self.app.notify, message, title="Exported", timeout=10, markup=False)
