"""The history filter: a routine and two dates, flagged when a date is not one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.validation import Function
from textual.widgets import Input

from coach.history.filter import Filter, is_date_or_empty, parse_date
from coach.ui.widgets.plain import Plain

DATE_FIELDS = (("From", "since"), ("To", "until"))


def date_input(name: str) -> Input:
    """A compact field for one ISO date, flagged when it holds something else."""
    return Input(
        placeholder="YYYY-MM-DD",
        id=name,
        classes="date",
        compact=True,
        max_length=10,
        validators=[Function(is_date_or_empty)],
    )


class FilterBar(Horizontal):
    """Routine, from and to, on one line; posts ``FilterBar.Changed`` when the filter they describe changes."""

    class Changed(Message):
        """The fields now describe ``wanted``."""

        def __init__(self, wanted: Filter) -> None:
            super().__init__()
            self.wanted = wanted

    class Done(Message):
        """Enter in a field: the user is done typing the filter."""

    DEFAULT_CSS = """
    FilterBar { height: 1; margin: 0 1; }
    FilterBar .label { width: auto; padding: 0 1 0 0; color: $text-muted; }
    FilterBar Input { width: 1fr; margin-right: 2; }
    FilterBar .date { width: 12; }
    """

    def compose(self) -> ComposeResult:
        yield Plain("Routine", classes="label")
        yield Input(placeholder="any (r)", id="routine", compact=True, max_length=100)
        for label, name in DATE_FIELDS:
            yield Plain(label, classes="label")
            yield date_input(name)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self.wanted()))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())

    def value(self, name: str) -> str:
        """What the field ``routine``, ``since`` or ``until`` holds."""
        return self.query_one(f"#{name}", Input).value

    def wanted(self) -> Filter:
        """The filter the fields describe; a date field that holds no date leaves that end open."""
        return Filter(self.value("routine"), parse_date(self.value("since")), parse_date(self.value("until")))

    def typed_dates(self) -> list[tuple[str, str]]:
        """Each date field's label and what it holds: ``[("From", "2026-11-01"), ("To", "")]``."""
        return [(label, self.value(name)) for label, name in DATE_FIELDS]

    def holds_text(self) -> bool:
        """True when any field holds something: a routine, or a date, or text that is not one."""
        return any(self.value(name).strip() for name in ("routine", *(name for _, name in DATE_FIELDS)))

    def fill(self, **values: str) -> None:
        """Set fields by name: ``fill(since="2026-11-01", until="")``."""
        for name, value in values.items():
            self.query_one(f"#{name}", Input).value = value
