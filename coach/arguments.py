"""The command line's arguments: every subcommand and option, and argparse's messages cleaned.

Plain ``coach`` has no arguments and never imports this: its first frame does not wait for argparse."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coach import __version__
from coach.logs.timestamps import read_day
from coach.text import clean

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class CleanParser(argparse.ArgumentParser):
    """argparse's own messages echo what was typed: they are cleaned like everything else coach prints."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(clean(message, keep_newlines=True), file)


HISTORY_FORMATS = ("table", "csv", "steps-csv", "json", "markdown")


def build_parser() -> argparse.ArgumentParser:
    common = CleanParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=(
            "where config, your routines and session logs live "
            "(default: $COACH_DATA_DIR, else the platform's data folder)"
        ),
    )
    parser = CleanParser(
        prog="coach",
        parents=[common],
        description="A full-screen terminal coach for looking after a sore lower back.",
        epilog="Run 'coach' with no command to open the coach.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser("run", parents=[common], help="open the coach straight at a routine's safety check")
    run.add_argument("routine", metavar="NAME_OR_PATH", help="a routine name (see 'coach list') or a .toml file")
    run.add_argument(
        "--voice",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="speak the cues, or not, this time (default: the saved setting; v switches it in the coach)",
    )
    commands.add_parser("list", parents=[common], help="list the routines as a plain table")
    validate = commands.add_parser("validate", parents=[common], help="check routine files")
    validate.add_argument("paths", metavar="PATH", nargs="+", type=Path)
    history = commands.add_parser("history", parents=[common], help="show past sessions without the full-screen coach")
    history.add_argument("--format", choices=HISTORY_FORMATS, default="table")
    history.add_argument("--since", type=_iso_date, metavar="DATE", help="only sessions on or after DATE (YYYY-MM-DD)")
    history.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help=(
            "write the logged text as it is to FILE (for spreadsheets) "
            "instead of printing it without control characters"
        ),
    )
    new = commands.add_parser(
        "new", parents=[common], help="write a commented routine template into your routines folder"
    )
    new.add_argument("name", metavar="NAME", help="lowercase letters, digits and '-', e.g. my-morning")
    learn = commands.add_parser(
        "learn", parents=[common], help="print the Learn cards (reassurance first), each with its source"
    )
    learn.add_argument("name", metavar="NAME", nargs="?", help="print only the card of this name, e.g. hurt-not-harm")
    plan = commands.add_parser("plan", parents=[common], help="each routine's dose today, its level and why")
    plan.add_argument("routine", metavar="NAME_OR_PATH", nargs="?", help="only this routine (a name or a .toml file)")
    remind = commands.add_parser(
        "remind",
        parents=[common],
        help="write a calendar file that reminds you to exercise every week, and remember that rhythm",
        description=(
            "Writes an iCalendar file with one weekly event and an alarm at the days and time you pick, "
            "to import into any calendar or phone; home then shows when the next session is due."
        ),
    )
    remind.add_argument(
        "--days", required=True, metavar="DAYS", help="days of the week, separated by commas, e.g. mon,wed,fri"
    )
    remind.add_argument("--at", required=True, metavar="HH:MM", help="the time of day, 24-hour clock, e.g. 18:00")
    remind.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write the calendar file to FILE (default: coach-reminder.ics in the data folder)",
    )
    return parser


def _iso_date(text: str) -> date:
    day = read_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-01-31")
    return day
