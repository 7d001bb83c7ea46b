"""The screens of the coach."""
