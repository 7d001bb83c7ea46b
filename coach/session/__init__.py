"""The running session: the timing engine, the state machine that decides every next question,
log entry and outcome, what the screen shows of it, and what is spoken."""
