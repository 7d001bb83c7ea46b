"""Helpers the tests share: the app driver, the fake clock and speaker, routine texts, records, profiles and
checks, a running session, and a process's output. Fixtures stay in tests/conftest.py."""
