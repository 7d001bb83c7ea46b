"""Helpers the tests share: builders of records, profiles and checks."""
