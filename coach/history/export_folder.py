"""An export on disk: the sessions, steps and report in a new private dated folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from coach.atomic import write_atomic
from coach.files import PRIVATE_FOLDER_MODE, make_private_folder
from coach.function.store import function_or_empty
from coach.history import export
from coach.history.report import markdown_report
from coach.logs.records import SessionRecord
from coach.paths import exports_dir
from coach.routines.catalog import discover
from coach.routines.model import Routine
from coach.safety.profile_store import profile_for_report


def write_export(
    data: Path, records: list[SessionRecord], unreadable: list[tuple[Path, str]], today: date
) -> list[Path]:
    """Sessions CSV, steps CSV, the activities' ratings CSV and the Markdown report in a new dated
    folder under ``exports``.

    The texts are made before the folder, so an export that fails leaves no empty folder behind."""
    function = function_or_empty(data)
    problems = [(str(path), reason) for path, reason in unreadable]
    files = {
        "sessions.csv": export.sessions_csv(records),
        "steps.csv": export.steps_csv(records),
        "function.csv": export.function_csv(function),
        "report.md": markdown_report(
            records, today, problems, profile=profile_for_report(data), function=function, routines=_routines(data)
        ),
    }
    root = exports_dir(data)
    make_private_folder(root, health_data=True)
    folder = root / f"coach-{today.isoformat()}"
    number = 1
    while True:
        try:
            folder.mkdir(mode=PRIVATE_FOLDER_MODE)
            break
        except FileExistsError:
            number += 1
            folder = root / f"coach-{today.isoformat()}-{number}"
    for name, text in files.items():
        write_atomic(folder / name, text)
    return [folder / name for name in files]


def _routines(data: Path) -> list[Routine]:
    return [entry.routine for entry in discover(data) if entry.routine is not None]
