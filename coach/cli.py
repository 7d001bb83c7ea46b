"""The ``coach`` command line. Only ``coach`` and ``coach run`` import Textual."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from coach.errors import CoachError, UsageError
from coach.logs.timestamps import local_now
from coach.output import CLOSED, OutputError, drop, fall_back_to_ascii, flush, say, write
from coach.paths import check_data_dir, data_dir
from coach.text import clean, counted

if TYPE_CHECKING:
    from argparse import Namespace
    from datetime import date


def main(argv: Sequence[str] | None = None) -> int:
    fall_back_to_ascii()
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = _parsed(arguments) if arguments else None
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


def _parsed(arguments: list[str]) -> Namespace:
    from coach.arguments import build_parser

    return build_parser().parse_args(arguments)


def _run(args: Namespace | None, data: Path) -> int:
    """Plain ``coach`` (no arguments, ``args`` None) and ``coach run`` open the full-screen coach; the
    parser admits no other command than those below."""
    command = args.command if args is not None else None
    if command not in ("validate", "learn"):
        check_data_dir(data)
    if args is None or command in (None, "run"):
        return cmd_tui(data, getattr(args, "routine", None), getattr(args, "voice", None))
    if command == "list":
        return cmd_list(data)
    if command == "validate":
        return cmd_validate(args.paths)
    if command == "history":
        return cmd_history(data, args.format, args.since, args.output)
    if command == "new":
        return cmd_new(data, args.name)
    if command == "learn":
        return cmd_learn(args.name)
    if command == "plan":
        return cmd_plan(data, args.routine)
    return cmd_remind(data, args.days, args.at, args.output)


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
    from coach.safety.check_texts import not_for_you
    from coach.safety.profile_store import load_profile

    entries = [resolve(data, name)] if name else discover(data)
    for entry in entries:
        if entry.routine is None and name:
            for problem in entry.problems:
                print(problem.format(), file=sys.stderr)
            return 1
    routines = [entry.routine for entry in entries if entry.routine is not None]
    profile = load_profile(data)
    barred = {}
    for routine in routines:
        ruled_out = profile.ruled_out(routine.contraindications)
        if ruled_out:
            title, advice, _ = not_for_you(ruled_out)
            barred[routine.path] = f"{title}. {advice[0]}"
    records, _ = list_sessions(data)
    write(plan_text(routines, records, barred))
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
    """The full-screen coach, started without the cyclic garbage collector (``ui/collector.py``)."""
    entry = None
    if routine:
        from coach.routines.catalog import resolve

        entry = resolve(data, routine)
    if entry is not None and entry.routine is None:
        for problem in entry.problems:
            print(problem.format(), file=sys.stderr)
        return 1
    if not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
        raise UsageError(
            "The full-screen coach needs a terminal for its input and output; "
            "for plain output use 'coach list', 'coach history' or 'coach validate'."
        )
    from coach.ui import collector

    collector.pause()
    try:
        from coach.ui.app import build_app

        app = build_app(data, start_with=entry, voice=voice)
        app.run()
    finally:
        collector.resume()
    return app.return_code or 0


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False
