"""The peer for ``coach history --format csv``: a bare loop that only parses the same files.

Run: python benchmarks/bare_parse.py DATA_DIR  (reads DATA_DIR/sessions/*.toml with tomllib)
"""

import os
import sys
import tomllib


def parse_all(folder: str) -> int:
    files = [os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".toml")]
    for f in files:
        tomllib.loads(open(f, "rb").read().decode())
    return len(files)


if __name__ == "__main__":
    parse_all(os.path.join(sys.argv[1], "sessions"))
