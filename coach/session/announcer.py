"""What a speaker says during a session, decided from its events and state: short words, no chatter.

The screen hands every batch of drained events to ``Announcer.cue`` right after the session
has moved; the answer is one utterance (a new one cuts off the last) or an empty string.
"""

from __future__ import annotations

from collections.abc import Sequence

from coach.logs.records import Outcome
from coach.routines.plan import ExerciseRun, Phase, Segment, phase_word
from coach.safety import pain as safety
from coach.session.questions import Question, QuestionKind
from coach.session.running import RunningSession, SessionEvent

COUNT_FROM = 3
"""The last seconds of a hold, rest or timed activity are counted aloud."""
START_SECONDS = 3
"""The count never starts sooner than this after a segment's first words, so it does not cut them off."""
COUNTED_PHASES = frozenset({Phase.HOLD, Phase.REST, Phase.ACTIVITY})
HALFWAY_FROM = 30
"""Holds at least this long say "halfway"."""
QUIET_AFTER_GO = 1.0
"""Seconds after "go" in which no count is said, so the count does not cut it off."""
WORDS_PER_SECOND = 2.5
"""A cautious speaking rate: an intro card too short for the first step says only the name."""
SCALE_KEYS_SPOKEN = "Press 0 to 9, or 1 then 0 for 10."
SPOKEN_QUESTIONS = frozenset({QuestionKind.PAIN_CHECK, QuestionKind.END_PAIN})
VERDICT_QUESTIONS = frozenset({QuestionKind.AFTER_CHECK, QuestionKind.EASIER_OR_SKIP})
"""After an amber or red rating: the verdict is said, the choices are read on screen."""
ADVICE_FOLLOWS = frozenset({QuestionKind.STOP_ADVICE, QuestionKind.HURT_STRENGTH})
"""Questions after which the advice to stop is spoken, so the end itself says nothing."""


class Announcer:
    """Remembers what was said in the segment under way, so each cue is said once."""

    def __init__(self) -> None:
        self._position: tuple[int, int] | None = None
        self._counted: int | None = None
        self._halfway = False
        self._quiet_until = 0.0

    def cue(self, session: RunningSession, events: Sequence[SessionEvent]) -> str:
        """The utterance for what just happened (events drained from ``session``), or ""."""
        parts = [self._event_words(session, event) for event in events if event.kind != "question"]
        if session.question is not None and any(event.kind == "question" for event in events):
            parts.append(question_words(session.question))
        elif session.question is None and session.running:
            parts.extend(self._segment_words(session))
        return " ".join(part for part in parts if part)

    def _event_words(self, session: RunningSession, event: SessionEvent) -> str:
        """Words for a pause, a resume or the end; the question being asked is spoken on its own."""
        if event.kind == "paused":
            return "Paused."
        if event.kind == "advice":
            return event.text
        if event.kind == "resumed":
            self._quiet_until = session.engine.seconds_in_segment() + QUIET_AFTER_GO
            return "Go."
        if event.kind == "over":
            if session.outcome is Outcome.COMPLETED:
                return f"Session complete. {first_sentence(session.advice)}" if session.advice else "Session complete."
            advice_follows = session.question is not None and session.question.kind in ADVICE_FOLLOWS
            return "" if advice_follows else "Session ended."
        return ""

    def _segment_words(self, session: RunningSession) -> list[str]:
        engine = session.engine
        run, segment = engine.run, engine.segment
        if run is None or segment is None:
            return []
        position = (engine.run_index, engine.segment_index)
        if position != self._position:
            self._position, self._counted, self._halfway, self._quiet_until = position, None, False, 0.0
            return [segment_start_words(run, engine.segment_index)]
        left = engine.seconds_left()
        if (
            segment.phase in COUNTED_PHASES
            and left is not None
            and segment.seconds is not None
            and 1 <= left <= count_from(segment.seconds)
            and left != self._counted
        ):
            self._counted = left
            return [str(left)] if engine.seconds_in_segment() >= self._quiet_until else []
        if (
            segment.phase is Phase.HOLD
            and not self._halfway
            and segment.seconds is not None
            and segment.seconds >= HALFWAY_FROM
            and engine.seconds_in_segment() >= segment.seconds / 2
        ):
            self._halfway = True
            return ["Halfway."]
        return []


def count_from(seconds: int) -> int:
    """Where the count of a segment's last seconds starts: 3, or less in a short one whose first words
    would be cut off; never a lone 1, which would sound like a slip."""
    start = min(COUNT_FROM, seconds - START_SECONDS)
    return start if start >= 2 else 0


def question_words(question: Question) -> str:
    """The pain questions and the advice to stop are spoken; the rest are read on screen."""
    if question.kind in SPOKEN_QUESTIONS:
        return f"{question.title} {SCALE_KEYS_SPOKEN}"
    if question.kind in VERDICT_QUESTIONS:
        return f"{question.body} The choices are on screen."
    if question.kind is QuestionKind.STOP_ADVICE:
        return first_sentence(safety.STOP_CARE_ADVICE)
    return ""


def segment_start_words(run: ExerciseRun, index: int) -> str:
    """What is said as segment ``index`` of ``run`` begins."""
    segment = run.segments[index]
    exercise = run.exercise
    if segment.phase is Phase.PREPARE:
        side = ", left side first" if exercise.each_side else ""
        intro = f"{exercise.name}{side}. {exercise.how[0]}"
        if segment.seconds is None:
            return f"{intro} Press space to start."
        if len(intro.split()) / WORDS_PER_SECOND > segment.seconds:
            return f"{exercise.name}{side}."
        return intro
    if segment.phase is Phase.SWITCH:
        return f"Switch to your {segment.side} side."
    if segment.phase is Phase.REST:
        upcoming = run.segments[index + 1] if index + 1 < len(run.segments) else None
        return f"Rest. Next: {next_words(run, upcoming)}." if upcoming else "Rest."
    if segment.phase is Phase.REPS:
        return f"{exercise.reps} reps at your own pace, then press space."
    return f"{phase_word(segment.phase, exercise).capitalize()}."


def next_words(run: ExerciseRun, upcoming: Segment) -> str:
    """The segment after a rest, in a few words: a side, a hold or a set."""
    exercise = run.exercise
    if upcoming.phase is Phase.SWITCH:
        return f"{upcoming.side} side"
    if upcoming.phase is Phase.HOLD and upcoming.unit_no > 1:
        return f"hold {upcoming.unit_no} of {exercise.reps}"
    if exercise.sets > 1:
        return f"set {upcoming.set_no} of {exercise.sets}"
    return phase_word(upcoming.phase, exercise).lower()


def first_sentence(text: str) -> str:
    return text.split("\n", 1)[0].split(". ", 1)[0].rstrip(".") + "."
