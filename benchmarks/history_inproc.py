"""In-process timings of the pure work behind ``coach history --format csv``, vs the bare parse loop.

Both run in this one process after their imports, alternating, so neither start-up nor import
time counts. Prints JSON: {"coach": [seconds...], "bare": [seconds...], "rows": N}.
Run: python benchmarks/history_inproc.py DATA_DIR REPEATS
"""

import json
import os
import sys
import time
from pathlib import Path

from bare_parse import parse_all

from coach.history import export
from coach.logs.store import list_sessions


def coach_work(data: Path) -> int:
    records, _ = list_sessions(data)
    return export.sessions_csv(records).count("\n")


def main() -> None:
    data, repeats = Path(sys.argv[1]), int(sys.argv[2])
    times: dict[str, list[float]] = {"coach": [], "bare": []}
    rows = 0
    for _ in range(repeats):
        start = time.perf_counter()
        rows = coach_work(data)
        times["coach"].append(time.perf_counter() - start)
        start = time.perf_counter()
        parse_all(os.path.join(data, "sessions"))
        times["bare"].append(time.perf_counter() - start)
    print(json.dumps({**times, "rows": rows}))


if __name__ == "__main__":
    main()
