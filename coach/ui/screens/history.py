"""Past sessions: a filterable table, trends, the "see a professional" advice, and export.

Logs load in a thread: the newest few first, so rows show at once, then all of them.
The table adds rows on demand (see ``SessionTable``), so thousands of logs stay cheap.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.validation import Function
from textual.widgets import DataTable, Footer, Input, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from coach import export, history
from coach.atomic import write_atomic
from coach.files import PRIVATE_FOLDER_MODE, make_private_folder
from coach.logstore import SUFFIX, list_sessions
from coach.paths import sessions_dir
from coach.records import SessionRecord
from coach.advisories import Advisory, advisories
from coach.text import clean, counted
from coach.ui.screens.session_detail import SessionDetailScreen, outcome_words
from coach.ui.widgets.calendar import AdherenceCalendar
from coach.ui.widgets.pain_chart import PainChart, legend
from coach.ui.widgets.plain import Plain
from coach.ui.widgets.session_table import SessionTable
from coach.ui.widgets.week_bars import WeekBars

FIRST_LOGS = 200
"""Logs read before the first rows are shown, when there are more."""
WEEKS = 12
RANGES = (("all dates", 0), ("last 4 weeks", 4), ("last 12 weeks", 12), ("last year", 52))
NARROW = 84
"""Below this width the trend panels stack instead of sitting side by side."""


def newest_first(records: list[SessionRecord]) -> list[SessionRecord]:
    return history.chronological(records)[::-1]


def parse_date(text: str) -> date | None:
    """An ISO date, or None when ``text`` is empty or not one."""
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def is_date_or_empty(text: str) -> bool:
    return not text.strip() or parse_date(text) is not None


@dataclass(frozen=True)
class Filter:
    """Which sessions to show: routine text (any part of its title or name, any case) and days."""

    routine: str = ""
    since: date | None = None
    until: date | None = None

    def apply(self, records: list[SessionRecord], haystacks: dict[int, str]) -> list[SessionRecord]:
        kept = history.filter_sessions(records, since=self.since, until=self.until) if self.since or self.until else records
        needle = clean(self.routine).strip().casefold()
        if needle:
            kept = [r for r in kept if needle in haystacks.get(id(r), "")]
        return kept

    def describe(self) -> str:
        parts = [f'routine "{self.routine.strip()}"'] if self.routine.strip() else []
        if self.since:
            parts.append(f"from {self.since.isoformat()}")
        if self.until:
            parts.append(f"to {self.until.isoformat()}")
        return ", ".join(parts)


def haystack(record: SessionRecord) -> str:
    return f"{clean(record.routine_title).casefold()}\n{clean(record.routine_name).casefold()}"


def log_count(data: Path) -> tuple[int, date | None]:
    """How many logs there are, and the day of the FIRST_LOGS-th newest when names tell it."""
    try:
        with os.scandir(sessions_dir(data)) as entries:
            names = sorted((e.name for e in entries if e.name.endswith(SUFFIX) and e.name[0] != "."), reverse=True)
    except OSError:
        return 0, None
    if len(names) <= FIRST_LOGS:
        return len(names), None
    return len(names), parse_date(f"{names[FIRST_LOGS - 1][:4]}-{names[FIRST_LOGS - 1][4:6]}-{names[FIRST_LOGS - 1][6:8]}")


def write_export(data: Path, records: list[SessionRecord], unreadable: list[tuple[Path, str]], today: date) -> list[Path]:
    """Sessions CSV, steps CSV and the Markdown report in a new dated folder under ``exports``."""
    root = data / "exports"
    make_private_folder(root)
    folder = root / f"coach-{today.isoformat()}"
    number = 1
    while True:
        try:
            folder.mkdir(mode=PRIVATE_FOLDER_MODE)
            break
        except FileExistsError:
            number += 1
            folder = root / f"coach-{today.isoformat()}-{number}"
    files = {
        "sessions.csv": export.sessions_csv(records),
        "steps.csv": export.steps_csv(records),
        "report.md": export.markdown_report(records, today, [(str(path), reason) for path, reason in unreadable]),
    }
    for name, text in files.items():
        write_atomic(folder / name, text)
    return [folder / name for name in files]


class HistoryScreen(Screen[None]):
    """Sessions newest first, their trends, and export; enter opens a session."""

    DEFAULT_CSS = """
    HistoryScreen #banner { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    HistoryScreen #advisory-line { height: auto; padding: 0 1; background: $error 35%; text-style: bold; }
    HistoryScreen #problems { height: auto; max-height: 2; padding: 0 1; color: $warning; }
    HistoryScreen #filters { height: 1; margin: 0 1; }
    HistoryScreen #filters .label { width: auto; padding: 0 1 0 0; color: $text-muted; }
    HistoryScreen #filters Input { width: 1fr; margin-right: 2; }
    HistoryScreen #filters .date { width: 12; }
    HistoryScreen TabbedContent { height: 1fr; }
    HistoryScreen TabPane { padding: 0; }
    HistoryScreen #row-detail { height: 2; padding: 0 1; color: $text-muted; }
    HistoryScreen #trends-scroll { padding: 0 1; }
    HistoryScreen #advisory { height: auto; border: heavy $error; padding: 0 1; margin-bottom: 1; }
    HistoryScreen .heading { text-style: bold; color: $accent; margin-top: 1; }
    HistoryScreen #lower { height: auto; }
    HistoryScreen #lower > Vertical { width: auto; height: auto; margin-right: 4; }
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
        Binding("c", "clear_filter", "Clear filter", show=False),
        Binding("x", "export", "Export"),
        Binding("u", "unreadable", "Unreadable logs", show=False),
    ]

    def __init__(self, data: Path, today: date | None = None) -> None:
        super().__init__()
        self.data = data
        self.today = today or date.today()
        self.records: list[SessionRecord] = []
        self.shown: list[SessionRecord] = []
        self.unreadable: list[tuple[Path, str]] = []
        self.total = 0
        self.complete = False
        self.advisories: list[Advisory] = []
        self.filter = Filter()
        self._haystacks: dict[int, str] = {}
        self._range = 0
        self._trends_stale = True
        self.last_export: list[Path] = []
        """The files the last successful export wrote."""

    def compose(self) -> ComposeResult:
        yield Plain("History", id="banner")
        yield Static("", id="advisory-line")
        yield Plain("", id="problems")
        with Horizontal(id="filters"):
            yield Plain("Routine", classes="label")
            yield Input(placeholder="any (r)", id="routine", compact=True, max_length=100)
            yield Plain("From", classes="label")
            yield Input(placeholder="YYYY-MM-DD", id="since", classes="date", compact=True, max_length=10,
                        validators=[Function(is_date_or_empty)])
            yield Plain("To", classes="label")
            yield Input(placeholder="YYYY-MM-DD", id="until", classes="date", compact=True, max_length=10,
                        validators=[Function(is_date_or_empty)])
        with TabbedContent(id="tabs", initial="sessions"):
            with TabPane("Sessions", id="sessions"):
                yield SessionTable(id="table")
                yield Plain("", id="row-detail", keep_newlines=True)
            with TabPane("Trends", id="trends"):
                with VerticalScroll(id="trends-scroll"):
                    yield Static("", id="advisory")
                    yield Plain("Pain before and after each session", classes="heading")
                    yield Static(legend(), id="legend")
                    yield PainChart()
                    with Horizontal(id="lower"):
                        with Vertical():
                            yield Plain("Sessions per week", classes="heading")
                            yield WeekBars()
                        with Vertical():
                            yield Plain("Days with exercise", classes="heading")
                            yield AdherenceCalendar()
                    yield Plain("", id="streak")
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
        total, since = log_count(self.data)
        self.app.call_from_thread(self._counted, total)
        if since is not None:
            records, unreadable = list_sessions(self.data, since=since)
            if worker.is_cancelled:
                return
            self.app.call_from_thread(self._received, newest_first(records), unreadable, False)
        records, unreadable = list_sessions(self.data)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._received, newest_first(records), unreadable, True)

    def _counted(self, total: int) -> None:
        self.total = total
        self._show_status()

    def _received(self, records: list[SessionRecord], unreadable: list[tuple[Path, str]], complete: bool) -> None:
        if not self.is_attached:
            return
        self.records, self.unreadable, self.complete = records, unreadable, complete
        self._haystacks = {id(record): haystack(record) for record in records}
        if complete:
            self.total = len(records)
            self.advisories = advisories(records, self.today)
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
        detail = self.query_one("#row-detail", Plain)
        if not self.shown:
            if not self.complete:
                detail.show("")
            elif self.records:
                detail.show("No sessions match the filter. Press c to clear it.")
            else:
                detail.show("No sessions logged yet. Finished, stopped and blocked sessions all show up here.")
            return
        record = self.shown[max(0, min(index, len(self.shown) - 1))]
        line = f"{outcome_words(record).capitalize()}. {record.reason}".strip()
        note = f"Note: {record.note}" if record.note.strip() else "No note."
        detail.show(f"{clean(line)}  (enter: details)\n{clean(note)}")

    # status lines ---------------------------------------------------------------

    def _show_status(self) -> None:
        scope = self.filter.describe()
        if not self.complete:
            count = f"{self.total:,} " if self.total else ""
            text = f"Loading {count}sessions… showing the newest {len(self.shown):,} so far."
        elif scope:
            text = f"{len(self.shown):,} of {counted(len(self.records), 'session')} match {scope}."
        else:
            text = f"{counted(len(self.records), 'session')}, newest first."
        bad = [label for label, name in (("From", "since"), ("To", "until"))
               if not is_date_or_empty(self.query_one(f"#{name}", Input).value)]
        if bad:
            text = f"{' and '.join(bad)}: type a date like {self.today.isoformat()}. " + text
        self.query_one("#status", Plain).show(text)

    def _show_problems(self) -> None:
        widget = self.query_one("#problems", Plain)
        widget.display = bool(self.unreadable)
        if self.unreadable:
            count = len(self.unreadable)
            names = ", ".join(path.name or str(path) for path, _ in self.unreadable[:5])
            more = f" and {count - 5} more" if count > 5 else ""
            widget.show(f"⚠ {counted(count, 'log')} could not be read: {names}{more} (u shows why)")

    def _show_advisory(self) -> None:
        found = self.advisories
        line = self.query_one("#advisory-line", Static)
        box = self.query_one("#advisory", Static)
        line.display = box.display = bool(found)
        if not found:
            return
        line.update(Text(f"⚠ {found[0].title}: {found[0].line}. See Trends (t)."))
        box.update(Text("\n\n").join(Text.assemble((f"⚠ {a.title}\n", "bold"), a.text) for a in found))

    # trends -----------------------------------------------------------------------

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "trends":
            self._show_trends()

    def _show_trends(self) -> None:
        if not self._trends_stale:
            return
        self._trends_stale = False
        self.query_one(PainChart).series = history.pain_series(self.shown)
        routine_only = Filter(routine=self.filter.routine).apply(self.records, self._haystacks)
        self.query_one(WeekBars).show(history.sessions_per_week(routine_only, self.today, WEEKS))
        first = history.window_start(self.today, WEEKS)
        self.query_one(AdherenceCalendar).show(history.adherence_calendar(routine_only, self.today, WEEKS), first)
        streak = history.current_streak(routine_only, self.today)
        share = history.adherence(routine_only, self.today, WEEKS)
        counted_from = history.adherence_start(routine_only, self.today, WEEKS)
        days = (self.today - counted_from).days + 1
        since = f"since {counted_from.isoformat()}" + (" (first session)" if counted_from > first else "")
        self.query_one("#streak", Plain).show(
            f"Current streak: {streak} day{'s' if streak != 1 else ''} · exercised on "
            f"{round(share * days)} of {counted(days, 'day')} ({share:.0%}) {since}"
        )

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "narrow")
        self.query_one(SessionTable).set_width(event.size.width)

    # filters ------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        inputs = {name: self.query_one(f"#{name}", Input).value for name in ("routine", "since", "until")}
        wanted = Filter(inputs["routine"], parse_date(inputs["since"]), parse_date(inputs["until"]))
        if wanted != self.filter:
            self.filter = wanted
            self._apply()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(SessionTable).focus()

    def _set_inputs(self, **values: str) -> None:
        for name, value in values.items():
            self.query_one(f"#{name}", Input).value = value

    def action_cycle_routine(self) -> None:
        """All routines, then each routine seen in the logs, in turn."""
        titles = sorted({clean(r.routine_title or r.routine_name) for r in self.records}, key=str.casefold)
        current = self.query_one("#routine", Input).value
        following = titles[titles.index(current) + 1:] if current in titles else titles
        self._set_inputs(routine=following[0] if following else "")

    def action_cycle_range(self) -> None:
        """All dates, the last 4 weeks, 12 weeks, a year."""
        self._range = (self._range + 1) % len(RANGES)
        weeks = RANGES[self._range][1]
        since = (self.today - timedelta(days=7 * weeks - 1)).isoformat() if weeks else ""
        self._set_inputs(since=since, until="")
        self.notify(f"Showing {RANGES[self._range][0]}.", timeout=2)

    def action_clear_filter(self) -> None:
        self._range = 0
        self._set_inputs(routine="", since="", until="")

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
        self.dismiss(None)

    def action_unreadable(self) -> None:
        if not self.unreadable:
            self.notify("Every log could be read.")
            return
        from coach.ui.screens.prompts import Notice

        lines = [f"{path.name or path}: {reason}" for path, reason in self.unreadable[:20]]
        if len(self.unreadable) > 20:
            lines.append(f"… and {len(self.unreadable) - 20} more.")
        self.app.push_screen(Notice("Logs that could not be read", "\n".join(lines)))

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
            where = error.filename or self.data / "exports"
            message = f"Could not write the export to {where}: {error.strerror or error}."
            self.app.call_from_thread(self.app.notify, clean(message), title="Export failed",
                                      severity="error", timeout=10, markup=False)
            return
        self.last_export = paths
        scope = f" ({self.filter.describe()})" if self.filter.describe() else ""
        message = f"{counted(len(records), 'session')}{scope} written to {paths[0].parent}: " + ", ".join(p.name for p in paths)
        self.app.call_from_thread(self.app.notify, clean(message), title="Exported", timeout=10, markup=False)
