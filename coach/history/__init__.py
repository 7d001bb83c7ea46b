"""History: figures over past sessions (trends, adherence, advisories), the session list's
filter, the summary, and the exports (CSV, JSON, the Markdown report)."""
