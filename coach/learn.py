"""Learn: short cards of advice from the sources, each naming the document it rests on."""

from __future__ import annotations

from dataclasses import dataclass

from coach.logs.records import Outcome, SessionRecord

SEED_NO_CRACKING = "000_84b18329a5d00774.txt"
SEED_DECOMPRESSION = "001_2782d5a0639a4d26.txt"
SEED_STABILISE = "002_938c41e1b65cdf95.txt"
SEED_STRETCH_RIGHT = "003_1eb83e7e4533b963.txt"
SEED_CRAMPS = "004_e7d96563a60eeb5c.txt"
SEED_TITLES = {
    SEED_NO_CRACKING: "Is It Safe to Crack Your Lower Back With a Partner?",
    SEED_DECOMPRESSION: "Is It Bad to Decompress Your Spine?",
    SEED_STABILISE: "Why Stretching Might Be Bad for Lower Back Pain, Sciatica, and Herniated Discs",
    SEED_STRETCH_RIGHT: "The Right Way to Stretch for Relief After Stretching Hurts Your Back",
    SEED_CRAMPS: "What Causes Back Cramps?",
}
"""Each source document's own heading, so a card can name what a reader would look for."""


@dataclass(frozen=True)
class Card:
    """One piece of advice: a title, a few short sentences and the source files they rest on."""

    id: str
    title: str
    sentences: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def source_line(self) -> str:
        """``Source: “Title” (file)``; ``Sources: “Title” (file); “Title” (file)`` when several."""
        named = "; ".join(f"“{SEED_TITLES.get(name, name)}” ({name})" for name in self.sources)
        return f"Source{'s' if len(self.sources) > 1 else ''}: {named}"


CARDS: tuple[Card, ...] = (
    Card(
        "stabilise-first",
        "Stabilise before you stretch",
        (
            "A sore lower back is sometimes moving too much, not too little, and stretching it only adds movement.",
            "Check your control with the bird dog: on hands and knees, reach one arm forward and the other leg back.",
            "If a hip turns or sinks as you reach, the lower back is giving way too easily.",
            "Firm the muscles around your trunk first; once the spine feels supported, the back muscles can let go.",
        ),
        (SEED_STABILISE, SEED_STRETCH_RIGHT),
    ),
    Card(
        "why-tight",
        "Stiff, or guarding?",
        (
            "Stiffness after sitting still for hours, such as a long drive, is the kind a stretch can help.",
            "A back that was irritated or hurt tightens on purpose, bracing to protect the spine.",
            "Stretching that guard may feel good for a moment, but it undoes the protection and can leave the back more irritated and tighter.",
            "Support it with the trunk muscles and easy movement such as walking instead.",
        ),
        (SEED_STABILISE,),
    ),
    Card(
        "warm-up",
        "Warm up first",
        (
            "Skipping the warm-up makes it easy to injure your back.",
            "Start with a few minutes of easy movement, such as a gentle walk.",
            "Stretch once you are warm, never as the very first thing.",
        ),
        (SEED_CRAMPS, SEED_STABILISE),
    ),
    Card(
        "heat",
        "Heat for a cramping back",
        (
            "Warmth often eases a back cramp: a heating pad, a warm bath or a hot shower helps tight muscles relax.",
            "Massage that works out knots can help too.",
            "Keep it warm rather than hot, with a layer between a heating pad and your skin, and do not fall asleep on one: heat can burn.",
            "If the pain does not feel like a muscle at all, see a doctor to rule out a problem with the spine.",
        ),
        (SEED_CRAMPS,),
    ),
    Card(
        "lifting",
        "Lift with your legs",
        (
            "Bend your knees before you pick anything up.",
            "Let your arms and chest take the load, and keep the lower back out of heavy lifting as far as you can.",
            "Leave anything that is too heavy for you: straining to lift it is an easy way to injure the back.",
        ),
        (SEED_CRAMPS,),
    ),
    Card(
        "neutral-spine",
        "A neutral spine keeps its curves",
        (
            "Your spine has natural curves, and a neutral spine keeps them rather than forcing the back flat.",
            "Sitting or standing, line up your hips, shoulders and ears, and keep your shoulders from rolling forward.",
            "Shoes that support your arches help too.",
        ),
        (SEED_CRAMPS,),
    ),
    Card(
        "no-cracking",
        "No cracking, no forced twisting",
        (
            "Having a partner crack your back is risky: someone untrained cannot judge how hard to push or in which direction.",
            "A sudden twisting force can strain muscles, sprain ligaments or damage a disc, which may then press on a nerve and send pain down a leg.",
            "Twisting your own back until it pops does similar harm, and done often it slackens the ligaments that keep the spine steady.",
            "Gentle movements you control yourself are the safer way to ease tension.",
        ),
        (SEED_NO_CRACKING, SEED_DECOMPRESSION),
    ),
    Card(
        "traction-devices",
        "Inversion tables and traction need a professional",
        (
            "Home traction, such as an inversion table or a device hung over a door, pulls on the spine without anyone finding out what causes your pain.",
            "Have a professional assess you before trying one.",
            "Even in a clinic it is not for anyone with severe osteoporosis, a spinal fracture or instability, a spinal tumour or infection, or an advanced abdominal aortic aneurysm.",
            "It is usually avoided in pregnancy too.",
        ),
        (SEED_DECOMPRESSION,),
    ),
    Card(
        "relief-can-hide",
        "Relief can hide a serious cause",
        (
            "Feeling better after cracking or pulling on your own back does not mean the cause has gone.",
            "Brief relief can cover up a serious problem that keeps developing, such as a tumour or an infection, and delay the treatment it needs.",
            "Forcing a back with an undiagnosed problem can also make that problem worse.",
        ),
        (SEED_DECOMPRESSION,),
    ),
    Card(
        "see-a-professional",
        "When to see a professional",
        (
            "Severe pain, or pain that lasts beyond a few weeks of looking after it yourself, needs a physiotherapist, chiropractor, osteopath or doctor.",
            "Pain that shoots down a leg, or a leg that turns numb or weak, is urgent: see a doctor as soon as you can, within a day or two at the latest, before exercising again.",
            "Numbness or weakness in both legs, or any change in feeling or control of your bladder or bowels, needs emergency help at once.",
            "Those signs can mean a nerve is badly squeezed.",
        ),
        (SEED_NO_CRACKING,),
    ),
    Card(
        "dont-push",
        "More stretch is not better",
        (
            "Pushing a stretch further does not make it work better.",
            "Overstretching, above all in tissue that is already irritated, can cause tiny tears and strain the muscle.",
            "A muscle taken past what it can manage tightens up to protect itself, which brings more tightness and pain.",
            "If a stretch left you sorer, ease off: do less next time, not more.",
        ),
        (SEED_STRETCH_RIGHT,),
    ),
)

SITUATIONS = ("blocked", "routine:<name>")
_FOR_SITUATION = {
    "blocked": ("see-a-professional", "no-cracking"),
}
_FOR_ROUTINE = {
    "gentle-relief": ("warm-up", "why-tight"),
    "stabilise": ("stabilise-first", "why-tight"),
    "hips-not-back": ("warm-up", "stabilise-first", "dont-push"),
    "glute-release": ("warm-up", "no-cracking"),
    "posture-reset": ("neutral-spine", "lifting"),
    "desk-break": ("neutral-spine",),
    "flare-up": ("heat", "dont-push", "see-a-professional"),
}


def card(card_id: str) -> Card:
    """The card with this id (``KeyError`` if none)."""
    for candidate in CARDS:
        if candidate.id == card_id:
            return candidate
    raise KeyError(card_id)


def cards_after_session(record: SessionRecord) -> tuple[Card, ...]:
    """The card for the summary of a session that ended with more pain than it began with:
    when to see a professional after a stop for pain, else that more is not better."""
    before, after = record.pain_before, record.pain_after
    if before is None or after is None or after <= before:
        return ()
    if record.outcome is Outcome.STOPPED_FOR_PAIN:
        return (card("see-a-professional"),)
    return (card("dont-push"),) if record.exercises_done else ()


def cards_for(situation: str) -> tuple[Card, ...]:
    """The cards worth offering in a situation, most relevant first.

    ``"blocked"``: after the safety check stopped a session;
    ``"routine:NAME"``: on the intro of the routine with that short name (none for a routine
    coach does not ship). Any other situation is a ``ValueError``.
    """
    if situation.startswith("routine:"):
        ids = _FOR_ROUTINE.get(situation.removeprefix("routine:"), ())
    elif situation in _FOR_SITUATION:
        ids = _FOR_SITUATION[situation]
    else:
        raise ValueError(f"unknown situation {situation!r}; known: {', '.join(SITUATIONS)}")
    return tuple(card(card_id) for card_id in ids)


def plain_text(cards: tuple[Card, ...] = CARDS) -> str:
    """Every card as plain text: title, text, source line, a blank line between cards."""
    return "\n\n".join(f"{c.title}\n{c.text}\n{c.source_line}" for c in cards) + "\n"
