"""Make (once) a coach data folder holding many realistic session logs, written by coach's own code.

Sessions follow the bundled routines: the safety-check answers, every step with its outcome and
timing, pain checks after each exercise, the odd "it hurts", notes; mostly completed, some ended
early, stopped for pain, blocked by the safety check, or left in progress (read as interrupted).
Each log is created with ``coach.logs.store.create_session`` when the session "starts" and
rewritten with ``save_session`` when it ends, as the app does. Deterministic (fixed seed).

The folder is cached under /tmp and reused while the count and the code that writes the logs
(this file, coach's records and log store) stay the same.
Run on its own: python benchmarks/make_logs.py [COUNT]
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import secrets
import shutil
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from common import REPO

GENERATOR_VERSION = 2
CACHE_ROOT = Path(tempfile.gettempdir())
STAMP = "bench-logs.json"


def cache_dir(count: int) -> Path:
    return CACHE_ROOT / f"coach-bench-logs-v{GENERATOR_VERSION}-{count}"


def writer_digest() -> str:
    """A digest of the code that decides what the logs hold."""
    from coach.logs import records
    from coach.logs import store as logstore

    digest = hashlib.sha256()
    for source in (__file__, records.__file__, logstore.__file__):
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()[:16]


def ensure_logs(count: int, *, quiet: bool = False) -> Path:
    """A data folder with ``count`` logs in ``sessions/``, made now if not cached already."""
    from coach.logs.records import LOG_FORMAT_VERSION

    folder = cache_dir(count)
    expected = {
        "generator": GENERATOR_VERSION,
        "count": count,
        "log_format": LOG_FORMAT_VERSION,
        "writer": writer_digest(),
    }
    try:
        if json.loads((folder / STAMP).read_text()) == expected and _still_readable(folder):
            return folder
    except (OSError, ValueError):
        pass
    shutil.rmtree(folder, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=folder.name + ".part-", dir=CACHE_ROOT))
    if not quiet:
        print(f"  making {count:,} session logs in {folder} (once; cached for later runs) …", flush=True)
    generate(work, count)
    (work / STAMP).write_text(json.dumps(expected))
    os.replace(work, folder)
    return folder


def _still_readable(folder: Path) -> bool:
    """The cached logs still load with today's coach (the format may have moved on)."""
    from coach.logs.codec import InvalidLog, read_log

    files = sorted((folder / "sessions").glob("*.toml"))
    try:
        for path in files[:: max(1, len(files) // 20)]:
            read_log(path)
    except (OSError, InvalidLog):
        return False
    return bool(files)


def _routines():
    from coach.routines.loader import load_routine
    from coach.routines.plan import build_run

    routines = []
    for path in sorted((REPO / "routines").glob("*.toml")):
        routine = load_routine(path)
        runs = [build_run(exercise, routine.prepare) for exercise in routine.exercises]
        routines.append((routine, runs))
    return routines


NOTES = [
    "Felt looser afterwards.",
    "Stiff in the morning, better after the walk.",
    "Left side tighter than the right.",
    "Skipped the last one, short on time.",
    "Long drive yesterday; back achy before starting.",
    "Good session. Slept better.",
    "Pain settled within an hour.",
    "Knee-to-chest pulls a bit on the right.",
]


def generate(data: Path, count: int, seed: int = 20261121) -> None:
    from coach.logs.records import HurtKind, Outcome, PainReport, Screening, SessionRecord, StepOutcome, StepRecord
    from coach.logs.store import create_session, save_session
    from coach.logs.timestamps import stamp
    from coach.safety import pain as safety
    from coach.safety.check_texts import EMERGENCY_QUESTION, LEG_IDS, SINCE_IDS

    rng = random.Random(seed)
    routines = _routines()
    tz = timezone(timedelta(hours=1))
    # About nine sessions a day, ending yesterday: ~3 years of a very keen user (or a clinic).
    first = datetime(2026, 11, 20, 7, 0, tzinfo=tz) - timedelta(days=count // 9 + 1)
    starts = sorted(first + timedelta(seconds=rng.randrange(0, (count // 9 + 1) * 86400)) for _ in range(count))
    pain = 5.0
    for number, start in enumerate(starts):
        if number and number % 2000 == 0:
            print(f"    {number:,}", flush=True)
        routine, runs = routines[rng.randrange(len(routines))]
        pain = min(9.0, max(0.0, pain + rng.uniform(-0.5, 0.5) + 0.05 * (4.0 - pain)))
        before = round(pain)
        roll = rng.random()
        screening = Screening(
            red_flags=_red_flags(roll, rng, EMERGENCY_QUESTION.id, SINCE_IDS, LEG_IDS),
            contraindications={c: 0.01 <= roll < 0.02 for c in routine.contraindications},
            pain_before=None if roll < 0.01 else before,
        )
        record = SessionRecord(
            id=f"{start:%Y%m%dT%H%M%S}-{os.getpid()}-{secrets.token_hex(4)}",
            routine_title=routine.title,
            routine_name=routine.name,
            routine_path=str(routine.path),
            started_at=stamp(start),
            screening=screening,
            planned_exercises=len(routine.exercises),
        )
        path = create_session(data, record)
        if roll < 0.02 and (roll < 0.01 or routine.contraindications):
            record.outcome = Outcome.BLOCKED
            record.reason = (
                f"Emergency sign: {EMERGENCY_QUESTION.text}"
                if roll < 0.005
                else "A sign since the last session that a doctor should check first."
                if roll < 0.01
                else "A contraindication applies."
            )
            record.ended_at = record.started_at
            save_session(path, record)
            continue
        ending = rng.random()
        outcome = (
            Outcome.IN_PROGRESS
            if ending < 0.01
            else Outcome.STOPPED_FOR_PAIN
            if ending < 0.05
            else Outcome.ENDED_EARLY
            if ending < 0.13
            else Outcome.COMPLETED
        )
        stop_at = len(runs) if outcome is Outcome.COMPLETED else rng.randrange(1, len(runs) + 1)
        clock = start
        rating = before
        for run in runs[:stop_at]:
            exercise = run.exercise
            planned = run.planned_seconds
            skipped = rng.random() < 0.04
            active = planned * (rng.uniform(0.1, 0.6) if skipped else rng.uniform(0.98, 1.1))
            step_start, clock = clock, clock + timedelta(seconds=active + rng.uniform(2, 20))
            if rng.random() < 0.03:
                kind = rng.choice([HurtKind.MILD, HurtKind.MILD, HurtKind.MORE_THAN_MILD])
                record.pain_reports.append(
                    PainReport(
                        at=stamp(step_start + timedelta(seconds=active / 2)),
                        source="hurts",
                        rating=min(10, rating + rng.randint(0, 3)),
                        exercise_id=exercise.id,
                        kind=kind,
                        verdict="resume" if kind is HurtKind.MILD else "skip",
                        decision="continue" if kind is HurtKind.MILD else rng.choice(["skip", "easier"]),
                    )
                )
                skipped = skipped or kind is HurtKind.MORE_THAN_MILD
            units = run.unit_count
            done_units = units if not skipped else rng.randrange(0, units)
            record.steps.append(
                StepRecord(
                    exercise_id=exercise.id,
                    exercise_name=exercise.name,
                    outcome=StepOutcome.SKIPPED if skipped else StepOutcome.DONE,
                    started_at=stamp(step_start),
                    ended_at=stamp(clock),
                    active_seconds=round(active, 3),
                    planned_seconds=planned,
                    work_done=f"{done_units} of {units} {_unit(exercise)}"
                    + (", both sides" if exercise.each_side else ""),
                )
            )
            record.active_seconds = round(record.active_seconds + active, 3)
            if routine.pain_check == "each" or run is runs[-1]:
                rating = min(10, max(0, rating + rng.choice([-1, -1, 0, 0, 0, 1])))
                light = safety.judge_pain(rating, before).light
                record.pain_reports.append(
                    PainReport(
                        at=stamp(clock),
                        source="check",
                        rating=rating,
                        exercise_id=exercise.id,
                        verdict=light.value,
                        decision="continue",
                    )
                )
                record.pain_after = rating
        if outcome is Outcome.STOPPED_FOR_PAIN and record.pain_reports:
            record.pain_reports[-1].decision = "end"
        if outcome is not Outcome.IN_PROGRESS:
            record.outcome = outcome
            record.reason = {
                Outcome.COMPLETED: "All exercises done.",
                Outcome.ENDED_EARLY: "Ended early.",
                Outcome.STOPPED_FOR_PAIN: f"Ended after a pain check of {rating}/10.",
            }[outcome]
            record.ended_at = stamp(clock)
            if rng.random() < 0.2:
                record.note = rng.choice(NOTES)
        save_session(path, record)


def _red_flags(roll: float, rng: random.Random, emergency: str, since: tuple[str, ...], legs: tuple[str, ...]):
    """The check's yes/no answers as the app logs them: each question's id, and after a yes to a group
    ("since your last session, any of these?") each of its items, ticked or not. A yes to the
    emergency signs blocks at once, so nothing after it is asked."""
    if roll < 0.005:
        return {emergency: True}
    answers = {emergency: False, "since-last": roll < 0.01}
    if roll < 0.01:
        ticked = rng.choice(since)
        answers |= {sign: sign == ticked for sign in since}
    else:
        answers["leg-symptoms"] = False
    return answers


def _unit(exercise) -> str:
    from coach.routines.plan import unit_name

    return unit_name(exercise)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    print(ensure_logs(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
