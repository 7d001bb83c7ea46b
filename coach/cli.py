"""The ``coach`` command line. Only ``coach`` and ``coach run`` import Textual."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from coach import __version__
from coach.errors import CoachError, UsageError
from coach.logs.timestamps import local_now, read_day
from coach.output import CLOSED, CleanParser, OutputError, drop, fall_back_to_ascii, flush, say, write
from coach.paths import check_data_dir, data_dir
from coach.text import clean, counted

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


def main(argv: Sequence[str] | None = None) -> int:
    fall_back_to_ascii()
    arguments = sys.argv[1:] if argv is None else list(argv)
    # Plain `coach` needs no parser: building one for every subcommand delays the first frame.
    args = build_parser().parse_args(arguments) if arguments else argparse.Namespace(command=None)
    if sys.stdout is None:
        print(f"coach: {CLOSED}", file=sys.stderr)
        return 1
    data = data_dir(getattr(args, "data_dir", None))
    try:
        code = _run(args, data)
        flush()
        return code
    except OutputError as error:
        drop()
        print(f"coach: {error.message}", file=sys.stderr)
        return 1
    except CoachError as error:
        print(f"coach: {clean(error.message)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        drop()
        return 0


def _run(args: argparse.Namespace, data: Path) -> int:
    if args.command not in ("validate", "learn"):
        check_data_dir(data)
    if args.command == "list":
        return cmd_list(data)
    if args.command == "validate":
        return cmd_validate(args.paths)
    if args.command == "history":
        return cmd_history(data, args.format, args.since, args.output)
    if args.command == "new":
        return cmd_new(data, args.name)
    if args.command == "learn":
        return cmd_learn(args.name)
    if args.command == "plan":
        return cmd_plan(data, args.routine)
    if args.command == "remind":
        return cmd_remind(data, args.days, args.at, args.output)
    return cmd_tui(data, getattr(args, "routine", None), getattr(args, "voice", None))


def cmd_list(data: Path) -> int:
    from coach.routines.catalog import discover
    from coach.widths import table_lines

    rows = [("NAME", "TITLE", "MIN", "LEVEL", "FILE")]
    errors = [""]
    for entry in discover(data):
        if entry.routine is None:
            broken = "(unreadable folder)" if entry.is_folder else "(invalid file)"
            rows.append((entry.name, broken, "-", "-", str(entry.path)))
        else:
            rows.append((entry.name, entry.title, str(entry.minutes), entry.routine.level or "-", str(entry.path)))
        errors.append(entry.error)
    for line, error in zip(table_lines(rows, _terminal_width()), errors, strict=True):
        say(line)
        if error:
            say(f"    {error}")
    return 0


def _terminal_width() -> int | None:
    """The terminal's width in columns; None when standard output is not a terminal, so paths print whole."""
    try:
        return shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    except (ValueError, OSError):
        return None


def cmd_validate(paths: list[Path]) -> int:
    from coach.errors import RoutineError
    from coach.routines.loader import load_routine

    failed = 0
    for path in paths:
        try:
            routine = load_routine(path)
        except RoutineError as error:
            failed += 1
            for problem in error.problems:
                print(problem.format(), file=sys.stderr)
            continue
        say(f"{path}: ok ({routine.title})")
    return 1 if failed else 0


def cmd_history(data: Path, fmt: str, since: date | None, output: Path | None = None) -> int:
    from coach.function.store import function_or_empty
    from coach.history import export
    from coach.history.advisories import advisories
    from coach.history.report import markdown_report
    from coach.logs.store import list_sessions
    from coach.routines.catalog import discover
    from coach.safety.profile_store import profile_for_report

    records, unreadable = list_sessions(data, since=since)
    for path, reason in unreadable:
        print(clean(f"coach: skipped unreadable log {path}: {reason}"), file=sys.stderr)
    today = local_now().date()
    profile, function = profile_for_report(data), function_or_empty(data)
    every = records if since is None else list_sessions(data)[0]
    found = advisories(every, today, function, profile is not None and profile.long_unassessed)
    if fmt == "csv":
        text = export.sessions_csv(records)
    elif fmt == "steps-csv":
        text = export.steps_csv(records)
    elif fmt == "json":
        text = export.sessions_json(records, function)
    elif fmt == "markdown":
        routines = [entry.routine for entry in discover(data) if entry.routine is not None]
        problems = [(str(p), r) for p, r in unreadable]
        text = markdown_report(
            records, today, problems, profile=profile, found=found, function=function, routines=routines
        )
    else:
        text = export.sessions_table(records)
    if output is not None:
        _write_private(output, text)
        say(f"Wrote {counted(len(records), 'session')} to {output}.")
        return 0
    if not records and fmt in ("table", "markdown"):
        where = f" since {since.isoformat()}" if since else ""
        if unreadable:
            verb = "was" if len(unreadable) == 1 else "were"
            say(f"No session could be read{where}: {counted(len(unreadable), 'log')} {verb} skipped (named above).")
        else:
            say(f"No sessions logged yet{where} (looked in {data / 'sessions'}).")
        return 0
    write(text)
    if fmt == "table":
        for advisory in found:
            say()
            say(f"⚠ {advisory.title}. {advisory.text}")
    return 0


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as it is (line ends included), atomically and readable by its owner only."""
    from coach.atomic import replace_file

    try:
        replace_file(path, text)
    except OSError as error:
        raise CoachError(f"Could not write {path}: {error.strerror or error}.") from error


def cmd_new(data: Path, name: str) -> int:
    from coach.paths import routines_dir, schema_path
    from coach.routines.template import write_template

    path = write_template(name, routines_dir(data), schema_path())
    say(f"Wrote {path}. Edit it, then check it with: coach validate {path}")
    return 0


def cmd_plan(data: Path, name: str | None) -> int:
    from coach.logs.store import list_sessions
    from coach.progression.plan_text import plan_text
    from coach.routines.catalog import discover, resolve

    entries = [resolve(data, name)] if name else discover(data)
    for entry in entries:
        if entry.routine is None and name:
            for problem in entry.problems:
                print(problem.format(), file=sys.stderr)
            return 1
    records, _ = list_sessions(data)
    write(plan_text([entry.routine for entry in entries if entry.routine is not None], records))
    return 0


def cmd_learn(name: str | None = None) -> int:
    from coach.learn import named, plain_text

    write(plain_text() if name is None else named(name).plain + "\n")
    return 0


def cmd_remind(data: Path, days: str, at: str, output: Path | None = None) -> int:
    from coach.config import load_config, save_config
    from coach.files import make_private_folder
    from coach.reminders import FILE_NAME, calendar_text, parse_rhythm, reminder_uid

    rhythm = parse_rhythm(days, at)
    now = local_now()
    text = calendar_text(rhythm, now, reminder_uid(str(data.resolve())))
    if output is None:
        output = data / FILE_NAME
        try:
            make_private_folder(data)
        except OSError as error:
            raise CoachError(f"Could not write {output}: {error.strerror or error}.") from error
    _write_private(output, text)
    config = load_config(data)
    config.rhythm = rhythm
    save_config(data, config)
    say(
        f"Wrote a weekly reminder for {rhythm.describe()} to {output}: import it into your calendar "
        "(or open it on your phone), and home will show when your next session is due."
    )
    return 0


def cmd_tui(data: Path, routine: str | None, voice: bool | None = None) -> int:
    from coach.routines.catalog import resolve

    entry = resolve(data, routine) if routine else None
    if entry is not None and entry.routine is None:
        for problem in entry.problems:
            print(problem.format(), file=sys.stderr)
        return 1
    if not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
        raise UsageError(
            "The full-screen coach needs a terminal for its input and output; "
            "for plain output use 'coach list', 'coach history' or 'coach validate'."
        )
    from coach.ui.app import build_app

    app = build_app(data, start_with=entry, voice=voice)
    app.run()
    return app.return_code or 0


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False
