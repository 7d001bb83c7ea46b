"""Session logs: the records a log holds, their on-disk format, the store that writes them
atomically and lists them, and the one place timestamps are read. Knows nothing of routines."""
