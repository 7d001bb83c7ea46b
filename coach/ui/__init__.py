"""The Textual user interface: renders the core's state and turns keys into engine calls."""
