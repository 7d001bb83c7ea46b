"""Safety: the pain rule, the health profile, the check before every session and its questions,
and what the newest logs tell it. Every rule here is a row of docs/safety.md."""
