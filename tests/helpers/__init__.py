"""Helpers the tests share: builders of profiles, records, checks and the app driver."""
