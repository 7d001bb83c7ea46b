"""coach: a full-screen terminal coach for looking after a sore lower back."""

__version__ = "0.1.0"
