"""Urgency by sign (PRODUCT.md flow 2): one table of every sign coach asks about, and the one
function every piece of advice goes through — the profile, the check, "it hurts" and the pain
before a session. docs/safety.md gives each row with its source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum


class Urgency(IntEnum):
    """How soon a professional should see a sign; where two signs meet, the higher wins."""

    NONE = 0
    DAYS = 1
    """A doctor within a few days, before exercising."""
    TODAY = 2
    """A doctor today, or an urgent care line."""
    EMERGENCY = 3
    """An emergency department or emergency services, now."""


@dataclass(frozen=True)
class Sign:
    """One row of the table: the sign in plain words, its urgency, and why it matters."""

    id: str
    text: str
    urgency: Urgency
    why: str = ""


CAUDA_EQUINA = "cauda-equina"
"""Any of the emergency signs asked at every check: each leads to the same advice."""

SIGNS = {
    sign.id: sign
    for sign in (
        Sign(
            CAUDA_EQUINA,
            "numbness, a changed feeling, trouble passing urine, loss of bladder or bowel control, "
            "loss of sexual sensation or function, or numbness, weakness or pain in both legs",
            Urgency.EMERGENCY,
            "These can be signs of cauda equina syndrome: the nerves at the base of the spine are being "
            "squeezed, and treatment is needed without delay.",
        ),
        Sign(
            "aneurysm-pain",
            "new, sudden or severe pain in your back or tummy, or feeling faint",
            Urgency.EMERGENCY,
            "With an aortic aneurysm, this needs checking at once.",
        ),
        Sign(
            "cancer-nerve",
            "new pain shooting down a leg or round your chest or belly, new weakness or numbness in a leg, "
            "difficulty walking, or a change in your bladder or bowels",
            Urgency.EMERGENCY,
            "After cancer, these can mean pressure on the spinal cord, which needs treatment at once.",
        ),
        Sign(
            "major-trauma",
            "a road accident, or a fall from a height",
            Urgency.EMERGENCY,
            "After an accident like this the spine should be checked for injury before anything else.",
        ),
        Sign(
            "fever",
            "a temperature of 38 °C or more, shivers, or feeling generally unwell",
            Urgency.TODAY,
            "A fever with back pain that is new or worse can be an infection and needs checking today.",
        ),
        Sign(
            "fall",
            "another fall or knock that hurt your back",
            Urgency.TODAY,
            "Pain that began with a fall or knock should be checked for an injury first.",
        ),
        Sign(
            "sudden-onset",
            "back pain that began suddenly, even after only a small bump, a lift or a cough",
            Urgency.TODAY,
            "With thin bones, steroid tablets or at 70 or over, this can be a small fracture of the spine.",
        ),
        Sign(
            "leg-weakness",
            "a foot that catches or slaps when you walk, or new or increasing weakness in one leg",
            Urgency.TODAY,
            "Weakness means a nerve is being pressed on and should be seen today.",
        ),
        Sign(
            "cancer-pain",
            "pain that is constant, worse at night, worse when you cough or strain, keeps getting worse, "
            "or is in your upper or middle back",
            Urgency.TODAY,
            "After cancer, pain like this should be checked within a day.",
        ),
        Sign(
            "weight-loss", "losing weight without trying", Urgency.DAYS, "Weight loss with back pain should be checked."
        ),
        Sign(
            "night-pain", "pain at night that nothing eases", Urgency.DAYS, "Pain that nothing eases should be checked."
        ),
        Sign(
            "leg-pain",
            "pain shooting down one leg, or numbness in one leg, with no weakness",
            Urgency.DAYS,
            "A doctor should assess pain or numbness that runs down a leg before you exercise.",
        ),
        Sign(
            "cancer-history",
            "a history of cancer",
            Urgency.DAYS,
            "Back pain after cancer should be assessed before you exercise.",
        ),
        Sign(
            "steroids-immune",
            "steroid tablets taken for months, or a weakened immune system",
            Urgency.DAYS,
            "Steroid tablets and a weakened immune system make a fracture or an infection more likely.",
        ),
        Sign(
            "injecting-drugs",
            "injecting drugs",
            Urgency.DAYS,
            "Injecting drugs makes an infection of the spine more likely.",
        ),
        Sign(
            "older-first-episode",
            "a first episode of back pain at 50 or over",
            Urgency.DAYS,
            "A first episode of back pain at 50 or over should be assessed before you exercise.",
        ),
    )
}

TITLES = {
    Urgency.EMERGENCY: "Get emergency help now",
    Urgency.TODAY: "See a doctor today",
    Urgency.DAYS: "See a doctor within a few days",
}
WHERE = {
    Urgency.EMERGENCY: "Go to an emergency department now, or call emergency services (in the UK: 999).",
    Urgency.TODAY: "See a doctor today, through your doctor's surgery or an urgent care line (in the UK: NHS 111).",
    Urgency.DAYS: "See a doctor within the next few days, before you exercise.",
}
CANCER_TEAM = "With a history of cancer, call your cancer team's 24-hour line first."
"""Where same-day help comes from after cancer (NICE NG234: the acute oncology service)."""
NOT_NOW = {
    Urgency.EMERGENCY: "Do not exercise.",
    Urgency.TODAY: "Do not exercise today.",
    Urgency.DAYS: "Do not exercise until a doctor has seen you.",
}


@dataclass(frozen=True)
class Advice:
    """What to do about some signs: how urgent, a title, and the lines that say where to go and why."""

    urgency: Urgency
    title: str
    lines: tuple[str, ...]

    @property
    def urgent(self) -> bool:
        return self.urgency is Urgency.EMERGENCY


def urgency_of(sign_ids: Iterable[str]) -> Urgency:
    """The most urgent of these signs (``NONE`` for none)."""
    return max((SIGNS[sign].urgency for sign in sign_ids), default=Urgency.NONE)


def advice_for(sign_ids: Iterable[str], *, cancer_history: bool = False) -> Advice:
    """The advice for these signs: the most urgent one's, with the reason for each sign at that urgency.

    Raises ``ValueError`` for no sign: exercise is fine then, and there is nothing to advise.
    """
    signs = [SIGNS[sign] for sign in dict.fromkeys(sign_ids)]
    urgency = urgency_of(sign.id for sign in signs)
    if urgency is Urgency.NONE:
        raise ValueError("advice needs at least one sign")
    reasons = tuple(sign.why for sign in signs if sign.urgency is urgency and sign.why)
    where = (CANCER_TEAM, WHERE[urgency]) if cancer_history and urgency is Urgency.TODAY else (WHERE[urgency],)
    return Advice(urgency, TITLES[urgency], (NOT_NOW[urgency], *where, *reasons))
