"""The safety rules: red flags, contraindications, pain traffic light and when to see a professional.

Sources: the documents in ``shared/seeds`` (red flags and "see a professional if pain persists
for longer than a few weeks despite self-care": 000; contraindications: 000 and 001; do not
force, crack or overstretch: 000, 001, 003) and the standard red-flag list (saddle numbness).
The pain traffic light is the rule physiotherapists use, as the product spec gives it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from statistics import fmean

from coach.records import HurtKind, SessionRecord
from coach.routine import CONTRAINDICATION_LABELS


@dataclass(frozen=True)
class Question:
    """A yes/no question of the safety check; ``id`` is the key of its answer in the log."""

    id: str
    text: str


@dataclass(frozen=True)
class Verdict:
    """The outcome of a screening: allowed, or blocked with a title and lines of advice."""

    blocked: bool
    title: str = ""
    advice: tuple[str, ...] = ()
    urgent: bool = False
    """Emergency care today, not just a doctor soon."""
    reasons: tuple[str, ...] = ()
    """Ids of the questions answered "yes"."""

    @property
    def allowed(self) -> bool:
        return not self.blocked


ALLOWED = Verdict(blocked=False)

RED_FLAGS = (
    Question("leg-pain", "Is pain shooting or spreading down one or both of your legs?"),
    Question("leg-numbness-weakness", "Do you have significant numbness or weakness in one or both legs?"),
    Question("bladder-bowel", "Have you lost any control of your bladder or bowels?"),
    Question("saddle-numbness", "Is there numbness around your groin, buttocks or inner thighs ('saddle' area)?"),
)
EMERGENCY_RED_FLAGS = frozenset({"bladder-bowel", "saddle-numbness"})

_SEE_A_DOCTOR = (
    "Do not exercise today.",
    "Pain shooting down a leg, or numbness or weakness in the legs, can mean a nerve is "
    "being pressed on, and that needs a doctor's assessment.",
    "See a doctor today, or go to an emergency department if you cannot.",
)
_EMERGENCY = (
    "Do not exercise.",
    "Losing control of your bladder or bowels, or numbness around the groin, can mean "
    "severe pressure on the nerves at the base of the spine.",
    "Go to an emergency department today; call emergency services if you cannot get there.",
)


def screen_red_flags(answers: Mapping[str, bool]) -> Verdict:
    """Any "yes" blocks the session; bladder, bowel or saddle symptoms mean emergency care today.

    ``answers`` maps every ``RED_FLAGS`` id to the user's answer; a missing one is a ``ValueError``.
    """
    yes = _yes_answers([q.id for q in RED_FLAGS], answers)
    if not yes:
        return ALLOWED
    if EMERGENCY_RED_FLAGS.intersection(yes):
        return Verdict(True, "Get emergency care today", _EMERGENCY, urgent=True, reasons=yes)
    return Verdict(True, "Seek medical care now", _SEE_A_DOCTOR, reasons=yes)


def contraindication_questions(contraindications: Iterable[str]) -> tuple[Question, ...]:
    """One question per contraindication a routine declares, worded for the user."""
    return tuple(Question(c, CONTRAINDICATION_LABELS.get(c, c)) for c in contraindications)


def check_contraindications(
    routine_contraindications: Iterable[str], answers: Mapping[str, bool]
) -> Verdict:
    """Any "yes" means: do not run this routine, talk to a professional first.

    ``answers`` maps each of the routine's contraindications to the user's answer (the same
    answer under every id when asked as one "does any of these apply?" question).
    """
    declared = list(routine_contraindications)
    yes = _yes_answers(declared, answers)
    if not yes:
        return ALLOWED
    conditions = ", ".join(CONTRAINDICATION_LABELS.get(c, c).lower() for c in yes)
    advice = (
        "Do not do this routine.",
        f"It is not suitable for people with {conditions}: fragile, damaged or unstable "
        "structures can be hurt by movements that are safe for others.",
        "Talk to a physiotherapist or doctor first about which exercises are safe for you.",
    )
    return Verdict(True, "This routine is not for you right now", advice, reasons=yes)


def _yes_answers(ids: list[str], answers: Mapping[str, bool]) -> tuple[str, ...]:
    missing = [i for i in ids if i not in answers]
    if missing:
        raise ValueError(f"unanswered safety questions: {', '.join(missing)}")
    return tuple(i for i in ids if answers[i])


class PainLight(str, Enum):
    """The physiotherapy traffic light for a pain rating during exercise."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class PainVerdict:
    """What the pain rule makes of one rating: its light, whether the session must stop, and why."""

    rating: int
    before: int | None
    light: PainLight
    stop: bool
    message: str

    @property
    def recommend_stop(self) -> bool:
        return self.light is PainLight.RED


STOP_AT = 8
"""A rating of this or more stops the session."""


def pain_figures(rating: int, before: int | None) -> str:
    """``5, up from 3``: a rating and how it compares with the pain before the session."""
    if before is None:
        return f"{rating}/10"
    if rating > before:
        return f"{rating}/10, up from {before}"
    if rating < before:
        return f"{rating}/10, down from {before}"
    return f"{rating}/10, the same as before you started"


def judge_pain(rating: int, before: int | None) -> PainVerdict:
    """The one pain rule (PRODUCT.md flow 5), for pain checks, "it hurts" and the end rating.

    With r the rating and b the pain before the session (0 when unknown):
    r >= 8 stops; r >= 6 and r > b, or r >= b + 2 and r >= 4, is red; r <= 3 is green;
    anything else is amber.
    """
    for value in (rating, before):
        if value is not None and (type(value) is not int or not 0 <= value <= 10):
            raise ValueError(f"a pain rating is a whole number from 0 to 10, not {value!r}")
    base = 0 if before is None else before
    figures = pain_figures(rating, before)
    if rating >= STOP_AT:
        return PainVerdict(rating, before, PainLight.RED, True,
                           f"Pain {figures}: stop exercising now.")
    if (rating >= 6 and rating > base) or (rating >= base + 2 and rating >= 4):
        return PainVerdict(rating, before, PainLight.RED, False,
                           f"Pain {figures}: we recommend stopping.")
    if rating <= 3:
        return PainVerdict(rating, before, PainLight.GREEN, False,
                           f"Pain {figures}: fine to carry on.")
    return PainVerdict(rating, before, PainLight.AMBER, False,
                       f"Pain {figures}: do not push any further; it should settle within 24 hours.")


def traffic_light(rating: int, start_rating: int | None) -> PainLight:
    """The light of ``judge_pain``."""
    return judge_pain(rating, start_rating).light


def needs_followup(previous: SessionRecord | None) -> bool:
    """True when the last session ended with more pain than it started with."""
    if previous is None or previous.pain_before is None or previous.pain_after is None:
        return False
    return previous.pain_after > previous.pain_before


FOLLOWUP_QUESTION = "Your pain was higher after your last session. Did that settle within 24 hours?"


def followup_advice(settled: bool) -> str | None:
    """Advice when last session's extra pain did not settle within 24 hours, else ``None``."""
    if settled:
        return None
    return (
        "Pain that lasts more than 24 hours after exercise means it was too much. "
        "Choose a gentler routine today, or talk to a physiotherapist or doctor before going on."
    )


@dataclass(frozen=True)
class Advisory:
    """Advice surfaced in history, with the figures that triggered it."""

    title: str
    text: str
    first_mean: float
    last_mean: float
    ratings: int
    span_days: int


PERSISTENT_WINDOW_DAYS = 56
PERSISTENT_MIN_SPAN_DAYS = 28
PERSISTENT_MIN_RATINGS = 6
PERSISTENT_PART_DAYS = 14
PERSISTENT_MIN_PART_RATINGS = 2
PERSISTENT_MIN_PAIN = 1.0


def persistent_pain(sessions: list[SessionRecord], today: date) -> Advisory | None:
    """Advise seeing a professional when pain has not improved over several weeks of self-care.

    Source 000: see a professional if pain persists longer than a few weeks despite
    self-care; "longer than a few weeks" is taken as at least 4 weeks. The rule:

    - take the sessions with a pain-before rating that started in the 8 weeks up to ``today``;
    - the first and last of them are at least 28 days apart, and there are at least 6;
    - the first 14 days and the last 14 days of that span hold at least 2 ratings each;
    - the mean rating of the last 14 days is not lower than that of the first 14 days,
      and is at least 1 (there is pain to speak of).
    """
    oldest = today - timedelta(days=PERSISTENT_WINDOW_DAYS - 1)
    rated = sorted(
        (day, s.pain_before)
        for s in sessions
        if s.pain_before is not None
        and (day := _day(s.started_at)) is not None
        and oldest <= day <= today
    )
    if len(rated) < PERSISTENT_MIN_RATINGS:
        return None
    first_day, last_day = rated[0][0], rated[-1][0]
    span = (last_day - first_day).days
    if span < PERSISTENT_MIN_SPAN_DAYS:
        return None
    part = timedelta(days=PERSISTENT_PART_DAYS)
    first = [pain for day, pain in rated if day < first_day + part]
    last = [pain for day, pain in rated if day > last_day - part]
    if min(len(first), len(last)) < PERSISTENT_MIN_PART_RATINGS:
        return None
    first_mean, last_mean = fmean(first), fmean(last)
    if last_mean < first_mean or last_mean < PERSISTENT_MIN_PAIN:
        return None
    weeks = span // 7
    text = (
        f"Your pain before sessions has not gone down over {weeks} weeks: it averaged "
        f"{first_mean:.1f} in the first two weeks and {last_mean:.1f} in the last two. "
        "Pain that lasts longer than a few weeks despite self-care should be assessed by a "
        "qualified professional, such as a physiotherapist or doctor."
    )
    return Advisory("See a professional about your pain", text, first_mean, last_mean, len(rated), span)


def _day(timestamp: str) -> date | None:
    try:
        return date.fromisoformat(timestamp[:10])
    except ValueError:
        return None


HURT_KINDS = {
    HurtKind.RED_FLAG: "Sharp, shooting, spreading down a leg, or numbness",
    HurtKind.MORE_THAN_MILD: "More than mild discomfort",
    HurtKind.MILD: "Mild and settling",
}
_HURT_ACTIONS = {HurtKind.RED_FLAG: "stop", HurtKind.MORE_THAN_MILD: "skip", HurtKind.MILD: "resume"}


def hurt_action(kind: HurtKind) -> str:
    """What "it hurts" leads to: ``'stop'`` the session, ``'skip'`` the exercise, or ``'resume'``."""
    return _HURT_ACTIONS[HurtKind(kind)]


FIRST_RUN_NOTICE = """\
coach guides you through exercises. It is not medical advice: it cannot diagnose your back \
or replace a physiotherapist or doctor.

Move gently and within comfort, and never force a stretch further. Stop at once if pain \
turns sharp or shooting, or spreads into your buttock or leg.

Do not exercise, and get medical help now, if you have:
  - pain shooting or spreading down one or both legs
  - significant numbness or weakness in your legs
  - loss of bladder or bowel control, or numbness around the groin (emergency care today)

If your pain lasts longer than a few weeks despite self-care, have it checked by a professional."""

STOP_CARE_ADVICE = """\
Stop exercising for today.
Rest in whatever position eases the pain, and get up slowly.
Do not try to stretch it out, twist it or have anyone crack your back: forcing it can strain \
muscles and ligaments or hurt a disc.
See a doctor today if pain shoots down a leg, or your legs feel numb or weak.
Go to an emergency department now if you lose control of your bladder or bowels, or feel \
numb around the groin.
Otherwise, talk to a physiotherapist or doctor before your next session."""
