"""The questions of the health profile (PRODUCT.md flow 2), in plain words with a gloss for any
medical word. A group of yes/no items is one listed question: y or n, then "which?".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from coach.routines.model import CONTRAINDICATION_LABELS


class QuestionKind(str, Enum):
    YES_NO = "yes/no"
    CHOICE = "choice"
    """One of several answers, taken with 1, 2, 3… in the order listed."""
    LISTED = "listed"
    """A group of yes/no items asked as one question; after yes, "which?" ticks them."""


@dataclass(frozen=True)
class Item:
    """One answer of a choice, or one yes/no item of a listed question; ``id`` is its key in the file."""

    id: str
    text: str
    gloss: str = ""
    """A short explanation of a medical word, shown beside the item."""


@dataclass(frozen=True)
class ProfileQuestion:
    id: str
    text: str
    section: str
    kind: QuestionKind = QuestionKind.YES_NO
    items: tuple[Item, ...] = ()
    gloss: str = ""

    @property
    def answer_ids(self) -> tuple[str, ...]:
        """The keys this question's answers are stored under: its items for a listed question, else its id."""
        return tuple(item.id for item in self.items) if self.kind is QuestionKind.LISTED else (self.id,)


ABOUT_SECTION = "About you and this episode"
CONDITIONS_SECTION = "Conditions"
HISTORY_SECTION = "Serious-cause history"
LEGS_SECTION = "Leg symptoms"
CLEARANCE_SECTION = "Clearance"

UNDER_16 = "under-16"
AGE_QUESTION = ProfileQuestion(
    "age-band",
    "How old are you?",
    ABOUT_SECTION,
    QuestionKind.CHOICE,
    (
        Item(UNDER_16, "Under 16"),
        Item("16-49", "16 to 49"),
        Item("50-69", "50 to 69"),
        Item("70-plus", "70 or over"),
    ),
)
OVER_12_WEEKS = "over-12-weeks"
EPISODE_QUESTION = ProfileQuestion(
    "episode-length",
    "How long has this episode of back pain lasted?",
    ABOUT_SECTION,
    QuestionKind.CHOICE,
    (
        Item("under-6-weeks", "Less than 6 weeks"),
        Item("6-12-weeks", "6 to 12 weeks"),
        Item(OVER_12_WEEKS, "More than 12 weeks"),
    ),
)
FIRST_EPISODE_QUESTION = ProfileQuestion(
    "first-episode", "Is this the first time you have had back pain like this?", ABOUT_SECTION
)
ASSESSED_QUESTION = ProfileQuestion(
    "episode-assessed", "Has a doctor or physiotherapist assessed this episode of back pain?", ABOUT_SECTION
)

CONDITION_GLOSSES = {
    "osteoporosis": "bones that have become thin and break more easily",
    "spinal-fusion": "an operation that joins bones of the spine together",
    "spinal-instability": "a doctor has found that bones of your spine move out of line",
    "aortic-aneurysm": "a swelling of the main blood vessel in your tummy",
}
CONDITIONS_QUESTION = ProfileQuestion(
    "conditions",
    "Has a doctor told you that you have any of these, or are you pregnant?",
    CONDITIONS_SECTION,
    QuestionKind.LISTED,
    tuple(Item(c, label, CONDITION_GLOSSES.get(c, "")) for c, label in CONTRAINDICATION_LABELS.items()),
)
HISTORY_QUESTION = ProfileQuestion(
    "serious-history",
    "Does any of these apply to you?",
    HISTORY_SECTION,
    QuestionKind.LISTED,
    (
        Item("cancer-history", "You have had cancer"),
        Item(
            "steroids-immune",
            "You have taken steroid tablets for months, or have a weakened immune system",
            "steroid tablets such as prednisolone, not inhalers or creams; a weakened immune system comes "
            "for example from chemotherapy, transplant medicines, biologics or HIV",
        ),
        Item("injecting-drugs", "You inject drugs, or have done"),
    ),
    gloss="These do not change from day to day. Any yes: see a doctor before exercising.",
)
KNOWN_LEG_QUESTION = ProfileQuestion(
    "known-leg-symptoms",
    "Has a doctor or physiotherapist already assessed pain or numbness down one of your legs "
    "and advised you to exercise?",
    LEGS_SECTION,
)
CLEARANCE_QUESTION = ProfileQuestion(
    "clearance",
    "Has a doctor or physiotherapist assessed what you answered above and said exercise is fine?",
    CLEARANCE_SECTION,
)

QUESTIONS = (
    AGE_QUESTION,
    EPISODE_QUESTION,
    FIRST_EPISODE_QUESTION,
    ASSESSED_QUESTION,
    CONDITIONS_QUESTION,
    HISTORY_QUESTION,
    KNOWN_LEG_QUESTION,
)
"""Every question of the profile except the clearance, which is asked only when something needs it."""
RETIRED_IDS = frozenset({"fall-or-accident", "weight-loss", "fever-unwell", "night-pain"})
"""Signs earlier profiles asked once; they change from day to day, so the check asks them every time.
A saved answer to one still reads (its changes keep it) and counts for nothing."""

ANSWER_IDS = tuple(answer_id for question in QUESTIONS for answer_id in question.answer_ids)
ALL_IDS = frozenset((*ANSWER_IDS, CLEARANCE_QUESTION.id))
ITEM_TEXTS = {
    **{item.id: item.text for question in QUESTIONS if question.kind is QuestionKind.LISTED for item in question.items},
    **{q.id: q.text for q in QUESTIONS if q.kind is not QuestionKind.LISTED},
    CLEARANCE_QUESTION.id: CLEARANCE_QUESTION.text,
}
"""What each stored answer was the answer to."""
CHOICES = {q.id: tuple(item.id for item in q.items) for q in QUESTIONS if q.kind is QuestionKind.CHOICE}
CHOICE_LABELS = {item.id: item.text for q in QUESTIONS if q.kind is QuestionKind.CHOICE for item in q.items}


def allowed(answer_id: str, value: object) -> bool:
    """Whether ``value`` can be the answer stored under ``answer_id``: a choice's id, else yes or no."""
    if answer_id in CHOICES:
        return type(value) is str and value in CHOICES[answer_id]
    return type(value) is bool
