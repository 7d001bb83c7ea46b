"""The report's safety part: why each session was blocked, and the health profile with its dates."""

from __future__ import annotations

from coach.history.figures import outcome_label
from coach.history.markdown import markdown_table, markdown_text
from coach.logs.records import Outcome, SessionRecord
from coach.logs.timestamps import day_text
from coach.routines.model import CONTRAINDICATION_LABELS
from coach.safety.profile import CLEARANCE_QUESTION, QUESTION_TEXTS, Profile


def safety_section(ordered: list[SessionRecord], profile: Profile | None) -> list[str]:
    """Every block and every session not started after a caution, with its reason; then the profile."""
    rows = [
        [
            day_text(record.started_at),
            markdown_text(record.routine_title or record.routine_name),
            outcome_label(record),
            markdown_text(record.reason),
        ]
        for record in ordered
        if record.outcome is Outcome.BLOCKED
    ]
    lines = ["## Safety checks", ""]
    if rows:
        lines += [*markdown_table(["Date", "Routine", "Outcome", "Reason"], rows), ""]
    else:
        lines += ["No session was blocked by the safety check.", ""]
    if profile is not None and profile.complete:
        lines += ["### Health profile", "", *profile_lines(profile), ""]
    return lines


def profile_lines(profile: Profile) -> list[str]:
    """The profile's answers as the person gave them, each "yes" with the day it was given."""

    def since(question_id: str) -> str:
        return f"(since {day_text(profile.answers[question_id].at)})"

    conditions = [f"{CONTRAINDICATION_LABELS[c].lower()} {since(c)}" for c in profile.conditions()]
    signs = [f"{QUESTION_TEXTS[s]} {since(s)}" for s in profile.serious_signs()]
    lines = [
        f"- Conditions noted: {'; '.join(conditions) or 'none'}",
        f"- Signs of a serious cause noted: {'; '.join(signs) or 'none'}",
    ]
    if signs:
        clearance = profile.answers.get(CLEARANCE_QUESTION.id)
        if profile.cleared and clearance is not None:
            lines.append(
                f"- Cleared by a professional for exercise, as recorded by the person: {day_text(clearance.at)}"
            )
        else:
            lines.append("- Not yet cleared by a professional: every routine is on hold")
    legs = "yes" if profile.known_leg_symptoms else "no"
    lines.append(f"- Leg symptoms assessed by a professional who advised exercise: {legs}")
    reviewed = day_text(profile.reviewed_at) if profile.reviewed_at is not None else "never"
    lines.append(f"- Last reviewed: {reviewed}")
    return lines
