"""Routines: the TOML format, its validation with line and column, the catalog of files, and the
plan of timed segments a routine turns into. Knows nothing of logs, safety or the screen."""
